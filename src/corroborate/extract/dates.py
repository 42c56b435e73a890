"""Dates as pages print them, to timezone-aware datetimes.

A time printed without a zone is taken as UTC: pages rarely say, and a fixed
rule keeps results reproducible (the figure is at worst off by the outlet's offset).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from corroborate.text.dates import MONTH_NUMBERS, as_utc

_ZONES = {
    "utc": 0,
    "gmt": 0,
    "z": 0,
    "bst": 60,
    "cet": 60,
    "cest": 120,
    "eet": 120,
    "eest": 180,
    "msk": 180,
    "est": -300,
    "edt": -240,
    "cst": -360,
    "cdt": -300,
    "mst": -420,
    "mdt": -360,
    "pst": -480,
    "pdt": -420,
    "ist": 330,
    "jst": 540,
    "aest": 600,
}
_TIME = (
    r"(?:\s*(?:,|at|-|–|·|\|)?\s*(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?)?"
)
_ZONE = (
    r"(?:\s*\(?(?P<zone>UTC|GMT|Z|[A-Z]{2,4}T|IST|MSK|CET|EET|ET|PT)?(?P<off>[+-]\d{1,2}(?::?\d{2})?)?\)?)?"
)
_NUMERIC = re.compile(
    r"\b(?P<a>\d{1,4})(?P<sep>[/.-])(?P<b>\d{1,2})[/.-](?P<c>\d{2,4})\b" + _TIME + _ZONE, re.I
)
_MONTH_FIRST = re.compile(
    r"\b(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b" + _TIME + _ZONE, re.I
)
_DAY_FIRST = re.compile(
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?P<mon>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})\b" + _TIME + _ZONE,
    re.I,
)
_URL_DATE = re.compile(r"/(?P<y>20\d{2}|19\d{2})[/-]?(?P<m>[01]\d)[/-]?(?P<d>[0-3]\d)(?:/|-|\b)")


def parse_iso(value: str) -> datetime | None:
    """ISO 8601 as found in meta tags and JSON-LD; None when it is not."""
    text = value.strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return None
    text = re.sub(r"(\.\d+)?Z$", "+00:00", text).replace(" ", "T", 1)
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)  # +0300 -> +03:00
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        try:
            stamp = datetime.fromisoformat(text[:10])
        except ValueError:
            return None
    return as_utc(stamp)


def parse_date(text: str) -> datetime | None:
    """The first date (and time, and zone) printed in `text`, or None."""
    iso = parse_iso(text)
    if iso is not None:
        return iso
    found = []
    for pattern in (_NUMERIC, _MONTH_FIRST, _DAY_FIRST):
        match = pattern.search(text)
        if match:
            found.append(match)
    for match in sorted(found, key=lambda m: m.start()):
        stamp = _build(match.groupdict())
        if stamp is not None:
            return stamp
    return None


def url_date(url: str | None) -> datetime | None:
    """A date in the URL path (/2023/09/29/): a last resort, as midnight UTC."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    try:
        return datetime(int(match["y"]), int(match["m"]), int(match["d"]), tzinfo=UTC)
    except ValueError:
        return None


def _build(g: dict[str, str | None]) -> datetime | None:
    if g.get("mon") is not None:
        month = MONTH_NUMBERS.get((g["mon"] or "").lower())
        year, day = int(g["y"] or 0), int(g["d"] or 0)
        if month is None:
            return None
    else:
        a, b, c = int(g["a"] or 0), int(g["b"] or 0), int(g["c"] or 0)
        year, month, day = _numeric_ymd(a, b, c, g["c"] or "", g.get("sep") or "/")
    hour, minute, second = int(g.get("h") or 0), int(g.get("mi") or 0), int(g.get("s") or 0)
    ampm = (g.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=_zone(g, month))
    except ValueError:
        return None


def _numeric_ymd(a: int, b: int, c: int, c_text: str, sep: str) -> tuple[int, int, int]:
    if a > 31:  # 2023-09-29 or 2023/09/29
        return a, b, c
    year = c + 2000 if len(c_text) == 2 else c
    if a > 12 or sep in ".-":  # 29/09/2023, and dotted or dashed dates (11.05.2024) put the day first
        return year, b, a
    # Ambiguous slashed 09/10/2023: month first, as the US sites that print slashed dates do.
    return year, a, b


def _zone(g: dict[str, str | None], month: int) -> timezone:
    offset = g.get("off")
    if offset:
        sign = -1 if offset.startswith("-") else 1
        digits = offset[1:].replace(":", "")
        hours = int(digits[:2] if len(digits) > 2 else digits)
        minutes = int(digits[2:] or 0) if len(digits) > 2 else 0
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    name = (g.get("zone") or "").lower()
    if name in ("et", "pt"):
        # Eastern/Pacific "time" without S/D: daylight saving roughly March to October.
        summer = 3 <= month <= 10
        base = -300 if name == "et" else -480
        return timezone(timedelta(minutes=base + (60 if summer else 0)))
    if name in _ZONES:
        return timezone(timedelta(minutes=_ZONES[name]))
    return UTC
