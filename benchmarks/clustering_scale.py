"""How story clustering grows with the corpus: time and peak memory at several sizes.

Run: .venv/bin/python benchmarks/clustering_scale.py [--sizes 10000 100000]

Articles are generated here, without the language stage (its entities are built
directly): events arrive at a fixed rate (EVENTS_PER_DAY, as on a real feed, so
the time span grows with the corpus and a week holds as many stories at 100k as
at 10k), each covered by 1-8 articles published
within two days that share the event's people, places, organisation and key
words, written over a common vocabulary of background words with a Zipf-like
spread. Each size runs in a fresh process so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

from corroborate.model import Analysis, Article, Entity, EntityLabel, Mention
from corroborate.stories import cluster

_SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ren",
    "to",
    "sa",
    "vi",
    "dor",
    "el",
    "an",
    "bru",
    "ne",
    "ti",
    "gor",
    "pa",
    "ul",
)


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts))


def _entity(name: str, label: EntityLabel) -> Entity:
    return Entity(key=f"{label.lower()}:{name.lower().replace(' ', '-')}", name=name, label=label)


# About 180 articles a day: 10k articles span two months, 100k a year and a half.
EVENTS_PER_DAY = 40


def generate(n: int, seed: int = 0) -> tuple[list[Article], dict[str, str]]:
    rng = random.Random(seed)
    background = [_word(rng, rng.randint(2, 4)) for _ in range(8000)]
    weights = [1.0 / (r + 1) for r in range(len(background))]
    # Four-syllable names (65k possible): with three, 100k articles' names would collide
    # by construction, a density no real feed has.
    people = [f"{_word(rng, 2).title()} {_word(rng, 4).title()}" for _ in range(max(50, n // 4))]
    places = [_word(rng, 4).title() for _ in range(max(20, n // 20))]
    orgs = [f"{_word(rng, 4).title()} Ministry" for _ in range(max(20, n // 30))]
    start = datetime(2031, 1, 1, tzinfo=UTC)
    articles: list[Article] = []
    gold: dict[str, str] = {}
    event = 0
    while len(articles) < n:
        event += 1
        cast = [(p, "PERSON") for p in rng.sample(people, 2)] + [(rng.choice(places), "GPE")]
        cast.append((rng.choice(orgs), "ORG"))
        keys = rng.sample(background[200:], 6)
        when = start + timedelta(days=event / EVENTS_PER_DAY + rng.uniform(0, 1))
        for k in range(min(rng.randint(1, 8), n - len(articles))):
            words = rng.choices(background, weights=weights, k=120) + rng.choices(keys, k=25)
            names = [name for name, _ in cast if rng.random() < 0.9]
            body = " ".join(words)
            text = f"{' '.join(names)} {body}. " + " and ".join(names) + "."
            ents = [_entity(name, label) for name, label in cast if name in names]  # type: ignore[arg-type]
            mentions = [
                Mention(start=0, end=len(e.name), text=e.name, label=e.label, entity=e.key) for e in ents
            ]
            aid = f"e{event:06d}a{k}"
            published = when + timedelta(hours=rng.uniform(0, 48))
            title = " ".join(rng.sample(keys, 3) + names[:1])
            analysis = Analysis(entities=ents, mentions=mentions)
            articles.append(
                Article(id=aid, source="gen", title=title, text=text, published=published, analysis=analysis)
            )
            gold[aid] = str(event)
    rng.shuffle(articles)
    return articles, gold


def one(n: int) -> dict[str, float]:
    from clustering import bcubed  # the ECB+ benchmark's scorer, a sibling file

    articles, gold = generate(n)
    # Resident memory once the articles exist: the peak minus this is what cluster() adds.
    with open("/proc/self/statm") as fh:
        before_mb = int(fh.read().split()[1]) * resource.getpagesize() / 2**20
    t0 = time.perf_counter()
    pred = cluster(articles, {})
    seconds = time.perf_counter() - t0
    p, r, f = bcubed(pred, gold)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": n,
        "seconds": seconds,
        "peak_mb": peak_mb,
        "added_mb": peak_mb - before_mb,
        "p": p,
        "r": r,
        "f1": f,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one)))
        return
    rows = []
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        )
        row = json.loads(out.stdout)
        rows.append(row)
        print(
            f"{n:>7} articles: cluster() {row['seconds']:.1f} s, peak RSS {row['peak_mb']:.0f} MB "
            f"(generation included; cluster() adds {row['added_mb']:.0f} MB), "
            f"B-cubed P {row['p']:.3f} R {row['r']:.3f} F1 {row['f1']:.3f}",
            flush=True,
        )
    for a, b in itertools.pairwise(rows):
        print(
            f"{b['articles'] / a['articles']:.0f}x articles: time x{b['seconds'] / a['seconds']:.1f}, "
            f"peak memory x{b['peak_mb'] / a['peak_mb']:.1f}, "
            f"added by cluster() x{b['added_mb'] / a['added_mb']:.1f}"
        )


if __name__ == "__main__":
    main()
