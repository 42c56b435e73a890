"""Invented coverage of two earthquakes and a museum theft, for the stories and compare tests."""

from __future__ import annotations

from corroborate.model import Article
from tests.builders import article, ent, fig, quote, when

WIRE = (
    "KESTREL BAY (Northwire) - A magnitude 6.4 earthquake struck the coastal city of Kestrel Bay in "
    "Marovia on Tuesday, killing at least 12 people and injuring 40, the interior ministry said.\n\n"
    "Rescue teams searched collapsed apartment blocks near the harbour through the night.\n\n"
    "Interior Minister Lena Varga said the death toll could rise as crews reached outlying villages.\n\n"
    '"We are working hour by hour to find survivors," Varga told reporters.\n\n'
    "The Marovian Red Crescent said about 3,000 residents had fled their homes and were sleeping in "
    "schools.\n\n"
    "The quake was the strongest to hit the region since 1998."
)

# The wire story as republished by a newspaper: new headline, trimmed, one line of its own.
REPUBLISHED = (
    "A magnitude 6.4 earthquake struck the coastal city of Kestrel Bay in Marovia on Tuesday, killing "
    "at least 12 people and injuring 40, the interior ministry said.\n\n"
    "Rescue teams searched collapsed apartment blocks near the harbour through the night.\n\n"
    "Interior Minister Lena Varga said the death toll could rise as crews reached outlying villages.\n\n"
    '"We are working hour by hour to find survivors," Varga told reporters.\n\n'
    "Ledger staff contributed to this report."
)

LOCAL = (
    "Twelve people died when a strong earthquake shook Kestrel Bay on Tuesday, Marovian officials said.\n\n"
    "The quake, measured at magnitude 6.4, brought down several apartment buildings near the harbour.\n\n"
    "On Wednesday, Minister Varga said 15 people had been killed and the toll could still rise.\n\n"
    '"Every hour counts, and we are working hour by hour to find survivors," Varga said.\n\n'
    "More than 3,000 residents fled their homes, according to the Red Crescent.\n\n"
    "Fishermen in the old port said the sea pulled back for a minute before the shaking began."
)

OTHER_QUAKE = (
    "A magnitude 5.9 earthquake struck near the mountain town of Pellham in Dunmore on Thursday, "
    "killing three people, the national disaster agency said.\n\n"
    "Rescue teams searched collapsed houses through the night.\n\n"
    "Disaster agency chief Omar Reyes said about 200 residents had fled their homes."
)

MUSEUM = (
    "Thieves took two gold brooches from the Harwick Museum in Dunmore on Wednesday night, police said.\n\n"
    "The brooches, made in the 1700s, had been on loan from a private collection."
)


def quake_articles() -> list[Article]:
    varga = ent("Lena Varga", "PERSON", "Varga", roles=["Interior Minister"])
    ministry = ent("Interior Ministry", "ORG", "interior ministry")
    red = ent("Marovian Red Crescent", "ORG", "Red Crescent")
    bay = ent("Kestrel Bay", "GPE")
    marovia = ent("Marovia", "GPE")
    wire = article(
        "wire0001aaaaaaaaaaaa",
        WIRE,
        title="Strong quake kills 12 in Marovia's Kestrel Bay",
        outlet="Northwire",
        origin="NORTHWIRE",
        published="2031-03-04T08:00:00+00:00",
        entities=[varga, ministry, red, bay, marovia],
        figures=[
            fig(WIRE, "12", 12, bound="at_least", counted="people", speaker=ministry),
            fig(WIRE, "3,000", 3000, bound="approximate", counted="residents", speaker=red),
        ],
        times=[when(WIRE, "Tuesday", "2031-03-04"), when(WIRE, "1998", "1998", "year")],
        quotes=[quote(WIRE, "We are working hour by hour to find survivors,", varga)],
    )
    republished = article(
        "repub002bbbbbbbbbbbb",
        REPUBLISHED,
        title="Earthquake hits Kestrel Bay, at least 12 dead",
        outlet="Daily Ledger",
        published="2031-03-04T09:30:00+00:00",
        entities=[varga, ministry, bay, marovia],
        figures=[fig(REPUBLISHED, "12", 12, bound="at_least", counted="people", speaker=ministry)],
        times=[when(REPUBLISHED, "Tuesday", "2031-03-04")],
        quotes=[quote(REPUBLISHED, "We are working hour by hour to find survivors,", varga)],
    )
    local_varga = ent("Varga", "PERSON", roles=["Minister"])
    local = article(
        "local003cccccccccccc",
        LOCAL,
        title="Kestrel Bay counts its dead",
        outlet="Marovia Times",
        published="2031-03-05T10:00:00+00:00",
        entities=[local_varga, ent("Red Crescent", "ORG"), bay, ent("Marovian", "NORP")],
        figures=[
            fig(LOCAL, "15", 15, counted="people", speaker=local_varga, as_of="2031-03-05"),
            fig(LOCAL, "3,000", 3000, bound="more_than", counted="residents"),
        ],
        times=[when(LOCAL, "Tuesday", "2031-03-04"), when(LOCAL, "Wednesday", "2031-03-05")],
        quotes=[
            quote(LOCAL, "Every hour counts, and we are working hour by hour to find survivors,", local_varga)
        ],
    )
    return [wire, republished, local]


def other_articles() -> list[Article]:
    other = article(
        "other004dddddddddddd",
        OTHER_QUAKE,
        title="Quake kills three near Pellham",
        outlet="Dunmore Today",
        published="2031-03-06T07:00:00+00:00",
        entities=[ent("Pellham", "GPE"), ent("Dunmore", "GPE"), ent("Omar Reyes", "PERSON")],
        times=[when(OTHER_QUAKE, "Thursday", "2031-03-06")],
    )
    museum = article(
        "museum05eeeeeeeeeeee",
        MUSEUM,
        title="Gold brooches stolen from Harwick Museum",
        outlet="Dunmore Today",
        published="2031-03-05T21:00:00+00:00",
        entities=[ent("Harwick Museum", "ORG"), ent("Dunmore", "GPE")],
    )
    return [other, museum]
