"""The command line: `corroborate run | extract | analyze | show | export | schema`."""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from corroborate import __version__
from corroborate.options import (
    DEFAULT_DB,
    AllowHostOption,
    DbOption,
    FeedOption,
    SettingOption,
    SinceOption,
    SitemapOption,
    UrlsOption,
    WarcOutOption,
    settings_from,
)
from corroborate.serve import command as desk
from corroborate.watch import watch

if TYPE_CHECKING:
    from corroborate.fetch.run import WebRun

# Each command imports the stages, the store and the views it uses when it runs, so
# `corroborate --help`, `schema` or `show` do not load the models and the HTTP client.

# Exit status: 0 all well; 1 some items (pages, stories) failed, each recorded; 2 usage (typer's own).
EXIT_SOME_FAILED = 1

app = typer.Typer(
    help="Line up news coverage of the same event across outlets: who said what, "
    "which figures, what is corroborated, where outlets differ.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        console.print(f"corroborate {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """corroborate: one story file per event, from many outlets' coverage."""


@app.command()
def run(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders, JSON lines, WARC archives, URLs, or '-' for stdin."),
    ] = None,
    db: DbOption = DEFAULT_DB,
    out: Annotated[
        Path, typer.Option(help="Folder for the story files, stories.json (their index) and the HTML pages.")
    ] = Path("out"),
    report: Annotated[
        bool, typer.Option(help="Write the story files, stories.json and the HTML pages.")
    ] = True,
    workers: Annotated[
        int | None, typer.Option(help="Processes for extraction and analysis (default: one per core).")
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            help="Run extraction and analysis on a Dask cluster: its scheduler's address, or 'local'."
        ),
    ] = None,
    all_pages: Annotated[
        bool,
        typer.Option("--all-pages", help="Write every story file and page again, not only the changed ones."),
    ] = False,
    urls: UrlsOption = None,
    feed: FeedOption = None,
    sitemap: SitemapOption = None,
    since: SinceOption = None,
    allow_host: AllowHostOption = None,
    warc_out: WarcOutOption = None,
    setting: SettingOption = None,
) -> None:
    """Read pages, build or grow stories, store them, and write the story files."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from corroborate.pipeline import ingest
    from corroborate.sources import is_url
    from corroborate.store import Store
    from corroborate.summaries import STORY_FILES
    from corroborate.views.output import StoryWriter, write_output
    from corroborate.views.summary import errors_table, stories_table, story_errors_table, story_line

    started = time.perf_counter()
    settings = settings_from(setting)
    with Store(db) as store:
        # The HTTP client loads only for a run that reads the web.
        on_web = bool(urls or feed or sitemap) or any(is_url(name) for name in inputs or [])
        fetching: WebRun | None = None
        if on_web:
            from corroborate.fetch.run import plan

            fetching = plan(store, inputs, urls, feed, sitemap, since, allow_host, warc_out)
        if not inputs and fetching is None:
            err.print("nothing to read: give files, folders, URLs, --urls, --feed or --sitemap")
            raise typer.Exit(2)
        with Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.completed}[/] pages"),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=err,
            transient=True,
        ) as progress:
            task = progress.add_task("reading", total=None)

            def advance(source: str) -> None:
                progress.update(task, advance=1, description=source[-60:])

            pages = fetching.pages(sys.stdin.buffer) if fetching else None
            labels = fetching.labels if fetching else inputs or []
            writer = StoryWriter(out) if report else None  # the run's own stories, as they are stored
            result = ingest(
                store,
                labels,
                sys.stdin.buffer,
                advance,
                workers,
                pages=pages,
                dask=dask,
                settings=settings,
                output=writer,
            )
            if fetching:
                fetching.finish(store, result)
        updated = set(result.stories)
        if writer is not None:
            written = {line.id for line in writer.written}
            # The index, and the stories still due: all with --all-pages, else those the run
            # touched but did not write (merged away, or failed) and any missing or stale file.
            changes = None if all_pages else updated - written
            output = write_output(store, out, changes, result.run_id, workers, settings.pages)
            result.story_errors.extend(output.errors)
            lines = {line.id: line for line in [*writer.written, *output.written]}
            changed = [line for line in lines.values() if line.id in updated]
        else:
            changed = [story_line(story) for story in store.stories(updated)]  # one story at a time
        total = store.count_stories()
    if changed:
        console.print(stories_table(changed, title="Stories this run changed", others=total - len(changed)))
    if result.errors:
        console.print(errors_table(result.errors))
    for line in fetching.summary() if fetching else []:
        console.print(line, markup=False, highlight=False)
    if result.story_errors:
        console.print(story_errors_table(result.story_errors))
    elapsed = time.perf_counter() - started
    failed = len(result.story_errors)
    failed_stories = f", {failed} failed (tried again next run)" if failed else ""
    console.print(
        f"{result.pages} pages: {result.stored} stored, {result.unchanged} unchanged, "
        f"{len(result.errors)} not taken; {len(result.stories)} stories updated{failed_stories}; "
        f"{total} in the store ({store.url}); {elapsed:.1f}s"
    )
    if report:
        console.print(
            f"story files: {out / STORY_FILES} (listed in {out / 'stories.json'}); "
            f"pages: {out / 'index.html'}"
        )
    if result.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command("extract")
def extract_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, JSON lines, or '-'.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    setting: SettingOption = None,
) -> None:
    """The clean text and metadata of each page, and what was removed."""
    from corroborate.records import extract_records
    from corroborate.sources import read_pages

    pages = read_pages(inputs, stdin=sys.stdin.buffer)
    results = list(extract_records(pages, settings_from(setting).extract))
    if as_json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    for record in results:
        if "error" in record:
            err.print(f"[red]{record['source']}: {record['error']}[/]", markup=True, highlight=False)
            continue
        console.rule(str(record.get("title") or record["source"]), characters="─")
        for key in ("outlet", "origin", "published", "updated", "dateline", "language", "url"):
            if record.get(key):
                console.print(f"{key}: {record[key]}", markup=False, highlight=False)
        console.print()
        console.print(str(record["text"]), markup=False, highlight=False)
        removed = record.get("removed") or []
        assert isinstance(removed, list)
        console.print(f"\n[dim]{len(removed)} blocks removed as boilerplate[/]")


@app.command("analyze")
def analyze_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, JSON lines, or '-' for stdin.")],
    text: Annotated[
        bool,
        typer.Option("--text", help="Take each page as already clean text (a JSON line's text as given)."),
    ] = False,
    published: Annotated[
        datetime | None,
        typer.Option(help="Publication time, to place 'today' or 'on Friday' (when a page gives none)."),
    ] = None,
    setting: SettingOption = None,
    workers: Annotated[
        int | None, typer.Option(help="Processes for the analysis (default: one per core).")
    ] = None,
) -> None:
    """Entities, quotes, figures and time expressions, with offsets: one JSON document a line, per page.

    Offsets are into the page's clean text, which each line carries as "text" (with
    --text, into the text exactly as given). A page that cannot be read or analysed
    gets a line {"source", "error"} and the rest go on; the exit status is then 1.
    """
    from corroborate.records import analyze_records
    from corroborate.sources import read_pages

    failed = False
    pages = read_pages(inputs, stdin=sys.stdin.buffer)
    for record in analyze_records(pages, text, published, settings_from(setting).extract, workers):
        failed = failed or "error" in record
        if "error" in record:
            err.print(f"{record['source']}: {record['error']}", markup=False, highlight=False)
        print(json.dumps(record, ensure_ascii=False))
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command()
def show(
    story: Annotated[str, typer.Argument(help="Story id (or the start of it).")],
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print the story file as JSON.")] = False,
) -> None:
    """One story: articles, corroborated and single-source claims, figures, timeline."""
    from corroborate.store import Store
    from corroborate.views.summary import story_view

    with Store(db) as store:
        found = store.story(story)
        if found is None:
            known = ", ".join(store.story_ids()[:10]) or "none"
            err.print(f"no single story matches {story!r} (stories: {known})", markup=False)
            raise typer.Exit(1)
    if as_json:
        print(found.model_dump_json(indent=2))
    else:
        console.print(story_view(found))


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="The story files as JSON.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="One row per finding, as CSV.")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here, not to stdout.")] = None,
) -> None:
    """Export every story in the store."""
    from corroborate.store import Store
    from corroborate.store.desk import Desk
    from corroborate.views import export as exporting

    if as_json == as_csv:
        err.print("choose one of --json or --csv")
        raise typer.Exit(2)
    with Store(db) as store:
        stories = list(store.stories())
        marks = Desk(store.engine).marks()  # the desk's marks go with the findings they are on
    handle = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        write = exporting.write_json if as_json else exporting.write_csv
        count = write(stories, handle, marks)
    finally:
        if output:
            handle.close()
    if output:
        err.print(f"{count} {'stories' if as_json else 'rows'} written to {output}")


@app.command()
def doctor(
    db: DbOption = DEFAULT_DB,
    out: Annotated[
        Path | None, typer.Option(help="The output folder to check too (as given to run --out).")
    ] = None,
) -> None:
    """Check the store: integrity, every article in a story, every story built, the output current.

    Says what the next `corroborate run` repairs. Exit status 0 when all is well, 1 otherwise.
    """
    from corroborate.doctor import diagnose
    from corroborate.store import Store

    with Store(db) as store:
        findings = diagnose(store, out)
    for finding in findings:
        mark = "[green]ok[/]" if finding.ok else "[red]problem[/]"
        console.print(f"{mark}  [bold]{finding.check}[/]: ", end="")
        console.print(finding.detail, markup=False, highlight=False)
        if not finding.ok and finding.repair:
            console.print(f"    repair: {finding.repair}", markup=False, highlight=False)
    if not all(f.ok for f in findings):
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command("settings")
def settings_command(
    setting: SettingOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print them as JSON.")] = False,
) -> None:
    """The settings every command takes with --setting NAME=VALUE: name, value, default and what it does."""
    from corroborate.settings import knobs

    listed = knobs(settings_from(setting))
    if as_json:
        rows = [{"name": k.name, "value": k.value, "default": k.default, "help": k.help} for k in listed]
        print(json.dumps(rows, indent=2))
        return
    for k in listed:
        changed = "" if k.value == k.default else f"  (default {k.default})"
        console.print(f"[bold]{k.name}[/] = {k.value}{changed}", highlight=False)
        console.print(f"    {k.help}", markup=False, highlight=False)


@app.command()
def schema() -> None:
    """Print the JSON schema of the story file."""
    from corroborate.model import story_schema

    print(json.dumps(story_schema(), indent=2))


# The shared desk: `corroborate serve` and `corroborate user add` (corroborate/serve/command.py).
app.command("serve")(desk.serve)
app.add_typer(desk.user_app, name="user")
# Following feeds and sitemaps as they publish (corroborate/watch.py).
app.command("watch")(watch)

if __name__ == "__main__":
    app()
