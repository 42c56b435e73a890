"""Which site each l3s-gn1 page comes from, for site folds (benchmarks/extraction_cv.py).

The set gives no URLs, so a page's site is the registrable domain its own links
point to most (`<a href>` only: images, scripts and ads come from other hosts).
Pages of one site share a template, so folds that split by site keep a site's
pages together, and a rule fitted to one template is scored on others.
"""

from __future__ import annotations

import re
from collections import Counter

_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']?https?://([a-z0-9.-]+)""", re.I)
# Second-level labels under which the registrable name is one label further in.
_SECOND = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "ne", "or"})
_NOT_SITES = frozenset(
    {"google.com", "doubleclick.net", "addthis.com", "digg.com", "facebook.com", "w3.org"}
    | {"icio.us", "adtech.de"}
)


def registrable(host: str) -> str:
    labels = host.lower().strip(".").split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def site_of(html: str) -> str:
    counts = Counter(d for h in _HREF.findall(html) if (d := registrable(h)) not in _NOT_SITES)
    return counts.most_common(1)[0][0] if counts else "unknown"
