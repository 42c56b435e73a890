"""The keyword rules of block classification (boilerplate.py applies them).

Each rule is a kind and an alternation, matched case-blind on a block's first
characters. Unanchored alternations scan the whole block, which made them most
of a text dump's extraction time; each STRONG rule therefore names the
substrings one of which any of its matches must contain (NEEDS), and a block
holding none of them skips the rule. A plain `in` test costs almost nothing.
"""

from __future__ import annotations

import re

from corroborate.model import RemovedKind


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts), re.I)


# Rules that hold whatever the block's length: a match is boilerplate.
STRONG: list[tuple[RemovedKind, re.Pattern[str]]] = [
    ("disclaimer", _rx(r"^(risk )?disclos(ure|ures)\s*:", r"^disclaimer\s*:", r"all rights reserved")),
    (
        "disclaimer",
        _rx(
            r"not necessarily (real-time|accurate|provided by)",
            r"(would like to )?remind you that the data",
            r"without the (explicit |express )?(prior )?written (permission|consent)",
            r"may be compensated by the advertisers",
            r"trading (in|on) (financial instruments|margin)",
            r"before deciding to trade",
            r"does not constitute (investment|financial|legal) advice",
            r"the views (and opinions )?expressed (here|in this)",
            r"(this|the) (article|story|content) (was|is|has been) (generated|produced with|edited from)",
            r"published from a (wire )?agency feed",
            r"intellectual property rights are reserved",
            r"does not guarantee that the (prices|data|information)",
            r"accepts? no (liability|responsibility) for (any |the )?(content|accuracy|errors?|views)",
            r"accepts? no (liability|responsibility) for any (loss|damages?)",
            r"may be paid by advertisers",
            r"quotes (are )?delayed (by )?(a minimum of )?\d+ minutes",
            r"^our standards\s*:",
            r"\bpowered by wordpress\b",
            r"may not be (re)?published, broadcast",  # a wire's rights notice under its story
        ),
    ),
    (
        "cookie",
        _rx(
            r"\b(we|this (web)?site|our partners) uses? cookies",
            r"\bcookies?\b.{0,80}\b(consent|accept|preferences|settings|policy|browsing experience)",
            r"^(accept|reject|allow) (all )?(cookies)?$",
            r"^(manage|cookie) (preferences|settings)$",
            r"we value your privacy",
        ),
    ),
    (
        "donation",
        _rx(
            r"^dear (reader|readers|friend|friends|subscriber)s?\b",
            r"\bsupport (us|our (work|journalism|newsroom|reporting|mission)|independent (journalism|media)"
            r"|(a |the )?free press|quality journalism)\b",
            # An appeal to the reader for the publication, not news about donations (blood drives,
            # charities): the donation must be asked for ("donate now") or go to "us".
            r"^donate\b.{0,30}$",
            r"\bdonate (now|here)\b",
            r"\b(please|kindly)( consider)? donat",
            r"\bdonat(e|ion|ions|ing)\b.{0,40}\b(to|support|help|helps|keep) "
            r"(us|our (work|journalism|newsroom|reporting|site|mission))\b",
            r"\byour (one-off |one-time |monthly |tax-deductible )?(donation|gift|contribution)"
            r" (to us|helps us|keeps us|will help us)\b",
            # Asked of the reader, not news ('hopes to become a member of NATO').
            r"^(please |why not |you can |help us[^.]{0,40}: )?"
            r"become a (member|supporter|patron|friend) of\b",
            r"\b(donate|please|today)\b.{0,40}\bbecome a (member|supporter|patron|friend) of\b",
            # A donation form's field, not a pension's 'minimum amount' in a story.
            r"^(choose |select |enter )?(an? |your )?(initial|minimum|one-?time|monthly|annual)"
            r" (amount|contribution|donation|gift)\b.{0,40}$",
            r"\bour (community of )?readers\b.{0,80}\b(support|pay|fund)",
            r"access to (our|web) content is free",
            r"\breader[- ](funded|supported)\b",
            r"\bmake a (one-off |one-time |monthly )?contribution\b.{0,20}\b(us|our|today|now)\b",
        ),
    ),
    (
        "newsletter",
        _rx(
            r"\b(sign up|subscribe|register)\b.{0,60}\b(newsletter|briefing|digest|inbox|e-?mail alerts)\b",
            r"\benter your e-?mail\b",
            r"\b(straight|delivered|direct) (to|into) your inbox\b",
        ),
    ),
    (
        "advertisement",
        _rx(
            r"^(advertisement|advertising|sponsored( content)?|promoted|paid (content|post)"
            r"|partner content)$",
            r"^(sponsored|advertisement|promoted|partner content|anzeige|publicidad)\s*[:|-]",
            r"\bunlock (the )?full list\b",
            r"\b(ai|top)-picked stocks?\b",
            r"\b(start|try|get) (your )?free trial\b",
            r"\bupgrade to (premium|pro)\b",
        ),
    ),
    (
        "related",
        _rx(
            r"^(more from|read more|read also|read next|see also|also read|related|recommended|most read"
            r"|most popular|watch|listen)\b[^:.]{0,40}:\s",
            r"\(\d{1,2}:\d{2}\)$",
        ),
    ),
    ("metadata", _rx(r"^(tags|tagged|topics|filed under|categories)\s*:", r"^tagged\s")),
    (
        "comments",
        _rx(
            r"^(latest|recent|top|reader|readers'?|show|view|load( more)?|all|\d+)\s+"
            r"comments?(\s*\(\d+\))?:?$",
            r"^comments?(\s*\(\d+\))?:?$",
            # A count makes it the thread's header, not a sidebar's title ('Reader reaction').
            r"^(reader|readers'?) (views|reactions?|opinions?)\s*\(\d+\):?$",
            r"^(leave|post|add|write) (a |new |your )?(comment|reply)\b",
            r"^comment (viewing )?options$",
            r"^\d+ (comments?|responses?|replies)( so far)?:?$",
            r"^join the (conversation|discussion)\b",
            r"^comments (are|have been) (now )?(closed|moderated|disabled|turned off)\b",
            r"^(thanks|thank you) for your (comments?|feedback)\b",
            r"^(this )?(feedback|discussion) (is|has been) (now )?closed\b",
            r"^(log|sign) in to (comment|reply)\b",
            # Section headers of reader comments and the links each comment carries.
            r"^(what do you think\??|tell us what you think)$",
            r"^(\w+ \| )?report (this )?(post|comment|abuse)$",
        ),
    ),
]

# Rules for short blocks only (a long paragraph that merely contains these words is text).
SHORT: list[tuple[RemovedKind, re.Pattern[str]]] = [
    (
        "related",
        _rx(
            r"^(read|see|watch|listen)( (more|also|next|now|the full story))?\s*[:|»›>-]",
            r"^(read|see) (more|also)\b",
            r"^(related|recommended|more from|more on|more stories|also read|further reading)\b",
            r"^(you (may|might) (also )?like|most (read|popular|viewed)|trending( now)?|editor'?s picks)\b",
            r"^(top|latest) (stories|news|videos?)$",
            r"^videos? of the day$",
            r"^(read|up) next$",
            r"^(watch|video|listen|podcast|gallery|photos?)\s*:",
        ),
    ),
    (
        "share",
        _rx(
            r"^((share|tweet|email|e-mail|print|copy( link)?|whatsapp|facebook|twitter|x|linkedin"
            r"|telegram|reddit"
            r"|pinterest|messenger|flipboard|share (this|on)( \w+)?( (article|story|page))?)[\s|/·•,:]*)+$",
        ),
    ),
    (
        "navigation",
        _rx(
            r"^(home|menu|search|log ?in|sign ?in|sign up|subscribe|register|close|back to top|next|previous"
            r"|skip to (main )?content|main menu|toggle navigation|open menu|more|top)$",
            r"^\w[\w ]{0,24}( [>›»|/] \w[\w ]{0,24}){2,}$",
        ),
    ),
    ("newsletter", _rx(r"\bnewsletters?\b", r"^subscribe( now| today)?\b")),
    (
        "advertisement",
        _rx(
            r"^ad$",
            r"\b(book|shop|buy|order|apply|click) (now|here|today)\b",
            r"\b\d+% finance\b",
            r"\b\d{1,2}\s?% off\b",  # short only: a story's 'shares closed 12% off their high' is news
        ),
    ),
    ("metadata", _rx(r"^\d+\s*(-|\s)?\s*min(ute)?s?\.? read$", r"^\d+\s+(hours?|minutes?|days?|mins?) ago$")),
]


NEEDS: list[tuple[str, ...]] = [
    # One tuple per STRONG rule, in order; () runs the rule on every block. Every alternative
    # of the rule must contain one of its substrings (lower case), or the rule would miss blocks.
    (),  # anchored or short: cheap already
    (
        "necessarily",
        "remind you",
        "written",
        "compensated",
        "trading",
        "to trade",
        "constitute",
        "expressed",
        "generated",
        "produced with",
        "edited from",
        "agency feed",
        "intellectual property",
        "guarantee",
        "accept",
        "paid by",
        "delayed",
        "our standards",
        "wordpress",
        "may not be",
    ),
    ("cookie", "privacy", "accept", "reject", "allow", "manage"),
    ("dear", "support", "donat", "become a", "amount", "contribution", "gift", "reader", "content is free"),
    ("newsletter", "briefing", "digest", "inbox", "alerts", "e-mail", "email"),
    (
        "advert",
        "sponsor",
        "promoted",
        "paid",
        "partner content",
        "anzeige",
        "publicidad",
        "%",
        "unlock",
        "picked",
        "trial",
        "upgrade",
    ),
    (),
    (),
    (),
]
