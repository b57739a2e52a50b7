"""The `raddle` command: serve, migrate, backup, restore, puzzles validate/lint/list, contract."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from raddle import __version__
from raddle.config import (
    Environment,
    Settings,
    SettingsError,
    ensure_admin_password,
    password_weakness,
)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    settings = Settings()
    host, port = listen_address(settings, args.host, args.port)
    try:
        generated = ensure_admin_password(settings)
        settings.check()
        check_workers(settings, args.workers)
    except SettingsError as exc:
        print(f"raddle: {exc}", file=sys.stderr)
        return 2
    if generated:
        # Worker processes read the same password from their environment.
        os.environ["RADDLE_ADMIN_PASSWORD"] = generated
    warning = weak_password_warning(settings, host, generated is not None)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    for line in _addresses(host, port):
        print(line, flush=True)
    if generated:
        # Shown once on the console only; never written to the log stream.
        print(
            f"Host password for this run: {generated}  (set RADDLE_ADMIN_PASSWORD to choose one)",
            flush=True,
        )
    uvicorn.run(
        "raddle.app:factory",
        factory=True,
        workers=args.workers,
        host=host,
        port=port,
        access_log=False,
        log_config=None,
        # The app takes X-Forwarded-* from RADDLE_TRUSTED_PROXIES itself.
        proxy_headers=False,
        # A request head must arrive within RADDLE_HEADER_TIMEOUT_SECONDS; connections
        # per address are capped (see api/transport.py).
        http="raddle.api.transport:GuardedHttp",
        timeout_keep_alive=settings.keep_alive_seconds,
        # Frames up to 64 KiB reach the app, which answers those over 4 KiB with an
        # error frame; larger ones are cut off by the server itself.
        ws_max_size=64 * 1024,
        # Compressing each frame again for each socket costs more CPU and memory per
        # socket than the bytes it saves on a local network (measured in bench/).
        ws_per_message_deflate=False,
        ws_ping_interval=15.0,
        ws_ping_timeout=15.0,
        timeout_graceful_shutdown=5,
    )
    return 0


def listen_address(settings: Settings, host: str | None, port: int | None) -> tuple[str, int]:
    """Where to listen: --host/--port when given, else RADDLE_HOST/RADDLE_PORT."""
    return (settings.host if host is None else host, settings.port if port is None else port)


def weak_password_warning(settings: Settings, host: str, generated: bool) -> str | None:
    """In development, a weak chosen password is fine on this computer only; say so
    when the server is reachable from the network."""
    if generated or settings.env is Environment.PRODUCTION:
        return None
    if host in ("127.0.0.1", "localhost", "::1"):
        return None
    weakness = password_weakness(settings.admin_password or "")
    if weakness is None:
        return None
    return (
        f"raddle: warning: the host password is weak ({weakness}) and the server "
        f"listens on {host}, so anyone on the network can try it"
    )


def _addresses(host: str, port: int) -> list[str]:
    """Where to open the game: this computer, and the address phones on the network use."""
    if host not in ("0.0.0.0", "::"):
        return [f"Raddle Teams: open http://{host}:{port}/  (API docs at /docs)"]
    lines = [f"Raddle Teams: open http://localhost:{port}/host on this computer"]
    lan = _lan_address()
    if lan:
        lines.append(
            f"  open the big screen and share joins from http://{lan}:{port}/ so that "
            "phones on this network can reach it"
        )
    return lines


def _lan_address() -> str | None:
    import socket

    try:
        candidates = {str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None)}
    except OSError:
        return None
    usable = sorted(a for a in candidates if ":" not in a and not a.startswith("127."))
    return usable[0] if usable else None


def check_workers(settings: Settings, workers: int) -> None:
    if workers < 1:
        raise SettingsError("--workers must be at least 1")
    if workers > 1 and settings.is_sqlite:
        raise SettingsError(
            "--workers above 1 needs a shared database: set RADDLE_DATABASE_URL to PostgreSQL "
            "(SQLite serves one process)"
        )
    if workers > 1 and not settings.redis_url:
        raise SettingsError(
            "--workers above 1 needs RADDLE_REDIS_URL so processes share live events"
        )


def _migrate(_: argparse.Namespace) -> int:
    from raddle.db.migrate import upgrade

    upgrade(Settings().database_url)
    print("database is up to date")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from raddle.db.backup import BackupError, backup

    try:
        size = backup(Settings().database_url, args.file)
    except BackupError as exc:
        print(f"raddle: {exc}", file=sys.stderr)
        return 2
    print(f"backed up {size:,} bytes to {args.file}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from raddle.db.backup import BackupError, restore

    try:
        restore(args.file, Settings().database_url, replace=args.replace)
    except BackupError as exc:
        print(f"raddle: {exc}", file=sys.stderr)
        return 2
    print(f"restored {args.file}; the server brings its schema up to date when it starts")
    return 0


def _validate_puzzles(args: argparse.Namespace) -> int:
    from raddle.puzzles.cli import validate_command

    return validate_command(args.paths)


def _lint_puzzles(args: argparse.Namespace) -> int:
    from raddle.puzzles.cli import lint_command

    return lint_command(args.paths, () if args.paths else Settings().puzzle_dirs)


def _list_puzzles(_: argparse.Namespace) -> int:
    from raddle.puzzles.cli import list_command

    return list_command(Settings().puzzle_dirs)


def contract_schemas() -> dict[str, dict[str, Any]]:
    """The server's contract as JSON Schema documents: the REST API's OpenAPI document
    (the routes every deployment serves, without the testing and metrics ones) and the
    socket protocol, keyed by the file name each is written to."""
    from raddle.app import create_app
    from raddle.wire import CloseCode, EventType, MessageType, socket_json_schema

    # Fixed settings, not the environment's, so the document is the same on every machine.
    settings = Settings(
        _env_file=None,
        env=Environment.DEVELOPMENT,
        testing=False,
        metrics=False,
        api_docs=True,
    )
    socket = socket_json_schema()
    # Generators turn the enums' names into constants (CloseCode.KICKED, not 4003).
    for enum in (CloseCode, EventType, MessageType):
        socket["$defs"][enum.__name__]["x-enum-varnames"] = [member.name for member in enum]
    return {"openapi.json": create_app(settings).openapi(), "socket.json": socket}


def _contract(args: argparse.Namespace) -> int:
    import json

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for name, document in contract_schemas().items():
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        (out / name).write_text(text, encoding="utf-8")
        print(f"wrote {out / name}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="raddle", description="Raddle Teams server")
    parser.add_argument("--version", action="version", version=f"raddle-teams {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the game")
    serve.add_argument("--host", help="the address to listen on (default: RADDLE_HOST)")
    serve.add_argument("--port", type=int, help="the port to listen on (default: RADDLE_PORT)")
    serve.add_argument(
        "--workers", type=int, default=1, help="server processes (PostgreSQL + Redis)"
    )
    serve.set_defaults(run=_serve)

    migrate = commands.add_parser("migrate", help="apply database migrations")
    migrate.set_defaults(run=_migrate)

    backup = commands.add_parser(
        "backup", help="copy the SQLite database to FILE, safely while the server runs"
    )
    backup.add_argument("file", type=Path)
    backup.set_defaults(run=_backup)

    restore = commands.add_parser(
        "restore", help="put a backup made by `raddle backup` in place (server stopped)"
    )
    restore.add_argument("file", type=Path)
    restore.add_argument(
        "--replace", action="store_true", help="overwrite a database that already has lobbies"
    )
    restore.set_defaults(run=_restore)

    puzzles = commands.add_parser("puzzles", help="check and list puzzles")
    puzzle_commands = puzzles.add_subparsers(dest="puzzle_command", required=True)
    validate = puzzle_commands.add_parser("validate", help="validate puzzle files or folders")
    validate.add_argument("paths", nargs="*", help="files or folders (default: the bundled pack)")
    validate.set_defaults(run=_validate_puzzles)
    lint = puzzle_commands.add_parser(
        "lint", help="check puzzles for unfair clues, giveaways and blocked words"
    )
    lint.add_argument(
        "paths", nargs="*", help="files or folders (default: the bundled pack and extra folders)"
    )
    lint.set_defaults(run=_lint_puzzles)
    listing = puzzle_commands.add_parser("list", help="list the bundled and extra puzzles")
    listing.set_defaults(run=_list_puzzles)

    contract = commands.add_parser(
        "contract",
        help="write the REST API's OpenAPI document and the socket's JSON Schema to a folder",
    )
    contract.add_argument("--out", type=Path, required=True, help="folder to write them to")
    contract.set_defaults(run=_contract)

    args = parser.parse_args(argv)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
