"""The command line's shared options, in a module that imports nothing heavy.

`corroborate --help` and `corroborate schema` should not pay for the store, the
stages or the HTTP client, so the option types every command shares live here.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from corroborate.settings import Settings

DEFAULT_DB = "corroborate.db"

DbOption = Annotated[
    str,
    typer.Option(
        "--db", envvar="CORROBORATE_DB", help="SQLite file path, or a SQLAlchemy URL (postgresql://...)."
    ),
]
UrlsOption = Annotated[
    list[Path] | None, typer.Option("--urls", help="A file of URLs to fetch, one a line ('#' comments).")
]
FeedOption = Annotated[
    list[str] | None, typer.Option("--feed", help="An RSS, Atom or JSON feed: fetch the articles it lists.")
]
SitemapOption = Annotated[
    list[str] | None,
    typer.Option(
        "--sitemap",
        help="A sitemap, news sitemap or sitemap index (or a site's address: the sitemaps its "
        "robots.txt declares): fetch the pages it lists.",
    ),
]
SinceOption = Annotated[
    datetime | None, typer.Option(help="Only feed and sitemap entries published at or after this time.")
]
AllowHostOption = Annotated[
    list[str] | None,
    typer.Option(
        "--allow-host", help="Fetch from this host even though it resolves to a private or loopback address."
    ),
]
WarcOutOption = Annotated[
    Path | None, typer.Option("--warc-out", help="Also write the responses fetched to this WARC file.")
]
SettingOption = Annotated[
    list[str] | None,
    typer.Option(
        "--setting",
        metavar="NAME=VALUE",
        help="Change one setting for this command, e.g. stories.threshold=0.45 (`corroborate settings` lists "
        "them); repeat for more.",
    ),
]


def settings_from(assignments: list[str] | None) -> Settings:
    """The defaults with the command line's --setting values, or a clear error naming the bad one."""
    from corroborate.settings import SettingError, parse_settings

    try:
        return parse_settings(list(assignments or []))
    except SettingError as exc:
        raise typer.BadParameter(str(exc), param_hint="--setting") from None
