"""`corroborate serve` and `corroborate user add`: the desk's commands (registered in cli.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from corroborate.options import DEFAULT_DB, DbOption, SettingOption, settings_from

user_app = typer.Typer(
    help="The desk's users: each writes (marks, ingest) with a token.", no_args_is_help=True
)


def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    secure_cookies: Annotated[
        bool, typer.Option("--secure-cookies", help="Send cookies over HTTPS only (behind a TLS proxy).")
    ] = False,
    ingest_per_minute: Annotated[int, typer.Option(help="Ingest requests a user may make a minute.")] = 30,
    ingest_mb: Annotated[float, typer.Option(help="Largest ingest request, in MB.")] = 5.0,
    setting: SettingOption = None,
) -> None:
    """Serve the desk: stories, search, marks and the JSON API over the store, in a browser."""
    import uvicorn

    from corroborate.serve.app import Limits, create_app

    settings = settings_from(setting)  # what the API's ingest uses, as `corroborate run --setting`
    limits = Limits(ingest_bytes=int(ingest_mb * 1024 * 1024), ingest_per_minute=ingest_per_minute)
    app = create_app(db, limits=limits, secure_cookies=secure_cookies, settings=settings)
    typer.echo(f"corroborate desk on http://{host}:{port}/ (API description: /docs); Ctrl-C stops it")
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="The user's name, shown beside their marks.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Add a user and print their token (shown once; the store keeps only its hash)."""
    from corroborate.store import Store
    from corroborate.store.desk import Desk, DeskError

    with Store(db) as store:
        try:
            token = Desk(store.engine).add_user(name)
        except DeskError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(1) from exc
    typer.echo(token)


@user_app.command("list")
def user_list(db: DbOption = DEFAULT_DB) -> None:
    """The desk's users, by name."""
    from corroborate.store import Store
    from corroborate.store.desk import Desk

    with Store(db) as store:
        for name in Desk(store.engine).users():
            typer.echo(name)
