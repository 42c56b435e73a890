"""Closed word lists the rule-based analysers share.

Kept in one place so a later, learned component can reuse or replace them.
"""

from __future__ import annotations

import re
from typing import Final

from corroborate.text import dates


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TOKEN_RE: Final = re.compile(
    # Dotted acronyms (U.N.) first, then words; a possessive 's is left out of the word.
    r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:-[^\W\d_]+|['’](?![sS]\b)[^\W\d_]+)*"
)

ABBREVIATIONS: Final = words(
    "mr mrs ms dr st prof gen col lt sgt capt cpt maj adm gov sen rep rev fr jr sr hon messrs mt ft "
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vs etc approx est dept univ inc corp "
    "co ltd bros"
)
"""Words that take a full stop without ending the sentence (the last five only before a lowercase word)."""

COMPANY_ABBREVIATIONS: Final = frozenset({"inc", "corp", "co", "ltd", "bros", "etc"})

# Lower-case, for the token tables below; the names themselves live in corroborate.text.dates.
WEEKDAYS: Final = tuple(w.lower() for w in dates.WEEKDAYS)
MONTHS: Final = tuple(m.lower() for m in dates.MONTHS)

STOP_CAPS: Final = words(
    "a an the this that these those it its it's he she they we i you his her their our my your and "
    "but or nor so yet for of in on at by to from with as if when while after before since until "
    "though although because however meanwhile earlier later also then there here what which who "
    "whom whose where why how all some any each every no not both either neither many most more "
    "much few several such other another one two three four five six seven eight nine ten first "
    "second third last next new old dear hello yes thanks please get read see click sign share "
    "follow subscribe watch listen video photo image map file update updated published posted "
    "editing reporting writing additional latest related more top breaking live opinion analysis "
    "comment comments advertisement sponsored according despite amid among under over about around "
    "during without within between through against toward towards into onto upon unlike like just "
    "only even still now today yesterday tomorrow tonight here mr mrs ms dr"
    " outside inside near beside behind across along beyond"
)
"""Capitalised words that are never a name on their own (sentence starters, boilerplate)."""

ORG_WORDS: Final = words(
    "ministry court agency council union party bank university inc corp corporation company co ltd "
    "llc plc group committee commission organization organisation association institute foundation "
    "fund office department service services authority board bureau parliament assembly congress "
    "senate tribunal army navy force forces police guard command press media news network times "
    "post herald journal gazette tribune radio television tv broadcasting agencies airlines airways "
    "motors holdings industries partners capital federation league alliance coalition front "
    "movement church school college academy hospital centre center club society institution cabinet "
    "government presidency secretariat mission embassy consulate programme program council court "
    "chamber exchange reserve treasury"
    " museum gallery library theatre wire courier ledger observer chronicle"
)
"""Head words that make a capitalised run an organisation."""

CORPORATE_SUFFIXES: Final = frozenset(
    {"inc", "corp", "co", "ltd", "llc", "plc", "limited", "group", "sa", "ag"}
)

TITLE_HEADS: Final = words(
    "president minister secretary secretary-general chancellor king queen prince princess pope "
    "general colonel senator governor mayor judge ambassador envoy commissioner chairman chairwoman "
    "chair director spokesman spokeswoman spokesperson speaker premier sheikh emir sultan "
    "archbishop bishop leader chief commander admiral marshal lieutenant captain major sergeant "
    "officer adviser advisor counsellor councillor prosecutor mr mrs ms dr prof sen rep gov gen col "
    "lt sgt capt adm rev sir dame lord lady president-elect ceo cfo coo chairperson head rapporteur "
    "coordinator"
)
"""Capitalised title words that may stand before a person's name."""

TITLE_MODIFIERS: Final = words(
    "prime foreign deputy vice former acting defence defense interior finance economy health home "
    "executive attorney supreme opposition army police state senior assistant first special chief "
    "general national regional local high top interim caretaker outgoing incoming managing "
    "permanent junior military security energy trade education justice labour labor agriculture "
    "transport environment culture humanitarian emergency relief of the"
)
"""Words that may sit inside a title ("Deputy Prime Minister", "Secretary of State")."""

ROLE_NOUNS: Final = words(
    "spokesperson spokesman spokeswoman adviser advisor minister president official officials "
    "director head chief leader secretary ambassador envoy analyst professor lawyer attorney "
    "commander chairman chairwoman chair executive founder member spokespeople researcher economist "
    "journalist correspondent editor expert representative coordinator negotiator officer mayor "
    "governor governor-general deputy aide manager general prosecutor judge counsel diplomat "
    "rapporteur strategist ceo photographer reporter master worker resident witness survivor owner "
    "driver teacher doctor nurse engineer clerk student farmer visitor curator volunteer captain "
    "historian architect activist campaigner"
)
"""Lowercase nouns that mark a phrase as a role ("spokesperson", "diplomatic adviser")."""

NAME_CONNECTORS: Final = frozenset(
    {
        "of",
        "for",
        "the",
        "de",
        "del",
        "da",
        "di",
        "du",
        "van",
        "von",
        "der",
        "al",
        "bin",
        "ibn",
        "le",
        "la",
        "and",
        "&",
    }
)

PLACE_NOUNS: Final = words(
    "corridor region river valley border mountains mountain province district enclave strait sea "
    "lake peninsula basin plain desert airport port oblast county village town city"
)
"""Lowercase geographic nouns that follow a place name ("the Lachin corridor")."""

FACILITY_WORDS: Final = words(
    "bridge street road avenue square station airport park river tunnel cathedral harbour harbor "
    "beach island stadium canal quay pier tower palace castle motorway highway"
)
"""Head words that make a capitalised run a place ("Varnholt Bridge"): labelled LOC."""

PLACE_OF_WORDS: Final = frozenset(
    {"village", "town", "city", "region", "province", "district", "capital", "port"}
)

SPEECH_CUES: Final = (
    "said in a statement",
    "said in a post",
    "said in an interview",
    "according to",
    "put at",
    "put",
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stressed",
    "stresses",
    "claims",
    "claimed",
    "confirmed",
    "confirms",
    "urged",
    "urges",
    "noted",
    "notes",
    "explained",
    "explains",
    "insisted",
    "insists",
    "warned",
    "warns",
    "announced",
    "announces",
    "declared",
    "declares",
    "stated",
    "states",
    "wrote",
    "writes",
    "argued",
    "argues",
    "asserted",
    "acknowledged",
    "admitted",
    "denied",
    "denies",
    "reported",
    "reports",
    "replied",
    "responded",
    "commented",
    "continued",
    "emphasised",
    "emphasized",
    "maintained",
    "maintains",
    "asked",
    "asks",
    "estimated",
    "estimates",
    "recalled",
    "suggested",
    "believes",
    # From the cue words most frequent in PolNeAR train (news attribution, 2016).
    "tweeted",
    "argue",
    "conceded",
    "concluded",
    "predicted",
    "promised",
    "vowed",
    "acknowledges",
    "contended",
    "testified",
    "revealed",
    "agreed",
    "found",
    "finds",
    "showed",
    "shows",
    "think",
    "thinks",
    "believe",
    "believed",
    "claiming",
    "insisting",
    "arguing",
    "telling",
    "asking",
    "saying",
    "called",
    "calling",
    "calls",
    "branded",
    "dubbed",
    "described",
    "describing",
    "labeled",
    "labelled",
    "boasted",
    "tweeting",
    "writing",
    "noting",
)

STRONG_CUES: Final = words(
    "said says say told tells stressed stresses claims claimed wrote writes insisted insists "
    "warned warns emphasised emphasized tweeted argued argues argue claiming insisting arguing "
    "added adds noted notes explained acknowledged suggested predicted believes believe think thinks "
    "saying telling"
)
"""Cues that introduce reported speech without a 'that' ("Pashinyan said more than ...")."""

NAMING_CUES: Final = words("called calling calls branded dubbed described describing labeled labelled")
"""'called them "deplorables"': attribution only when a quotation follows in the sentence."""

DIRECT_ONLY_CUES: Final = frozenset({"asked", "asks", "urged", "urges", "continued", "commented", "recalled"})
"""Cues that attribute a direct quote but, unquoted, mean a request rather than a report."""

PERSON_PRONOUNS: Final = frozenset({"he", "she"})
