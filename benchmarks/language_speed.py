"""How many ~600-word articles per second `language.analyze` handles on one core, and the machine.

Run: .venv/bin/python benchmarks/language_speed.py [--articles N] [--machine]
The articles are invented here (varied names and numbers), so the benchmark needs no data.
With --machine it also runs `corroborate analyze --text` over them as JSON lines with
--workers 1 and --workers 2, start-up included, as a user runs it on a corpus.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime

from corroborate.language import analyze

_PARAGRAPHS = (
    "MARROWBY, May {d} (Northern Wire) - At least {n} people were killed when a section of the "
    "{place} Bridge collapsed into the river on Tuesday evening, the city's fire chief said on Wednesday.",
    '"We are still in a rescue phase," Fire Chief {first} {last} told reporters on Wednesday. '
    '"The chances of finding more survivors are getting smaller."',
    "{last} said rescue teams had searched the river overnight with boats, divers and about {m} volunteers.",
    "Mayor Helen Okafor said the city had opened an independent inquiry, adding that every other bridge "
    'would be checked "as a matter of urgency".',
    "The bridge, built in 1968, carried about {v},000 vehicles a day, according to the transport ministry, "
    "which said repairs costing $1.{k} million had been planned for next year.",
    "Minister Ruth Adeyemi, who visited the site last night, said the government would not wait for the "
    "result of the city's inquiry. More than {m} people signed a petition by Friday evening.",
    '"I felt the road drop under my wheels," said {first} {last}, 34, a warehouse clerk. "Then there was '
    'only water and noise."',
    "The United Nations and the European Union offered help in the coming days, and the World Court, "
    "formally known as the International Court of Justice, was not involved.",
)
_FIRST = ("Tomas", "Anna", "Piet", "Zoe", "Lars", "Mikael", "Hanne", "Jose")
_LAST = ("Brandt", "Solberg", "Vandermolen", "Lindqvist", "Dahlgren", "Stahl", "Brekke", "Ferreira")


def article(i: int) -> str:
    values = {
        "d": 1 + i % 28,
        "n": 5 + i % 30,
        "m": 100 + 7 * i,
        "v": 10 + i % 40,
        "k": i % 10,
        "place": ("Varnholt", "Harbour", "Sankt Ilsa", "Elde")[i % 4],
        "first": _FIRST[i % len(_FIRST)],
        "last": _LAST[(i * 3) % len(_LAST)],
    }
    paragraphs: list[str] = []
    while sum(len(p.split()) for p in paragraphs) < 600:
        paragraphs.append(_PARAGRAPHS[len(paragraphs) % len(_PARAGRAPHS)].format(**values))
    return "\n\n".join(paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument(
        "--machine", action="store_true", help="Also time `corroborate analyze` on 1 and 2 cores."
    )
    args = parser.parse_args()
    texts = [article(i) for i in range(args.articles)]
    published = datetime(2024, 5, 15, 8, 10, tzinfo=UTC)
    analyze(texts[0], published)  # warm the tables and compiled patterns
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    for text in texts:
        analyze(text, published)
    elapsed = time.perf_counter() - start
    print(
        f"{len(texts)} articles, {words / len(texts):.0f} words each: {elapsed:.2f} s, "
        f"{len(texts) / elapsed:.1f} articles/s, {1000 * elapsed / len(texts):.1f} ms/article"
    )
    if args.machine:
        machine(texts, published)


def machine(texts: list[str], published: datetime) -> None:
    """`corroborate analyze --text` over the articles as JSON lines, one and two worker processes."""
    with tempfile.TemporaryDirectory() as work:
        corpus = f"{work}/articles.jsonl"
        with open(corpus, "w", encoding="utf-8") as out:
            for i, text in enumerate(texts):
                out.write(
                    json.dumps({"id": f"a{i}", "text": text, "published": published.isoformat()}) + "\n"
                )
        for workers in (1, 2):
            command = [
                sys.executable,
                "-m",
                "corroborate.cli",
                "analyze",
                corpus,
                "--text",
                "--workers",
                str(workers),
            ]
            start = time.perf_counter()
            done = subprocess.run(command, stdout=subprocess.PIPE, check=True)
            elapsed = time.perf_counter() - start
            records = done.stdout.count(b"\n")
            print(
                f"corroborate analyze --workers {workers}: {records} articles in {elapsed:.2f} s "
                f"(start-up included), {records / elapsed:.1f} articles/s"
            )


if __name__ == "__main__":
    main()
