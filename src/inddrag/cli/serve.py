"""``inddrag serve``: the app (or, with ``--present FILE``, the projector view) in a browser.

Built on textual-serve, with what a shared machine needs (as Jupyter does it):

* It listens on 127.0.0.1 only, unless ``--host`` is given; then it says that anyone on
  that network who has the link can open it.
* A random token in the link, printed once. A request without it (in the query, or in the
  cookie the first page sets) gets 403. WebSocket upgrades from a foreign page (an
  ``Origin`` other than the page's own) are refused.
* At most ``--max-tabs`` apps run at a time (each tab is its own process); one more gets a
  page that says so.
* The page loads nothing from the internet (textual-serve's own page asks a font service
  for a font; we serve a copy without that line, the font ships with textual-serve), and
  its few words ("Session ended.", "Restart") are ours, in Danish or English.
* Nothing from a file name is printed as Rich markup.
"""

from __future__ import annotations

import argparse
import html
import io
import logging
import re
import secrets
import sys
import tempfile
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from inddrag.domain.hosts import LOOPBACK, is_loopback
from inddrag.domain.platform import shell_join
from inddrag.domain.safe_text import visible, visible_path
from inddrag.i18n import t

MAX_TABS = 4
TOKEN_COOKIE = "inddrag_token"
_QUERY = re.compile(r"\?[^\s\"']*")
"""A query string in a logged request line or referrer (it may hold the token)."""
_SLOT: ContextVar[list[bool]] = ContextVar("inddrag_tab_slot")
"""The tab slot held by the WebSocket being handled in this task (see ``_Guard``)."""
_FONT_LINK = re.compile(r"\s*<link\s+rel=\"stylesheet\"\s+href=\"https?://[^\"]*\"\s*/>", re.S)


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("file", nargs="?", metavar="FIL.toml", help=t("cli.arg_file", lang))
    parser.add_argument("--content", metavar="MAPPE", help=t("cli.opt_content", lang))
    parser.add_argument("--prep", action="store_true", help=t("cli.opt_prep", lang))
    parser.add_argument(
        "--present", metavar="FIL.toml", default=None, help=t("cli.serve_present", lang)
    )
    parser.add_argument(
        "--port", type=int, default=8000, metavar="PORT", help=t("cli.serve_port", lang)
    )
    parser.add_argument("--host", default=None, metavar="ADRESSE", help=t("cli.serve_host", lang))
    parser.add_argument(
        "--max-tabs",
        type=int,
        default=MAX_TABS,
        metavar="N",
        help=t("cli.serve_max", lang, count=MAX_TABS),
    )


def app_command(args: argparse.Namespace, lang: str) -> str:
    """The command each browser tab runs: this Python, this inddrag, the same choices."""
    command = [sys.executable, "-m", "inddrag"]
    if getattr(args, "present", None):
        command += ["present", str(Path(args.present).resolve()), "--lang", lang]
        if args.content:
            command += ["--content", str(Path(args.content).resolve())]
        return shell_join(command)
    command += ["--lang", lang]
    if args.file:
        command.append(str(Path(args.file).resolve()))
    if args.content:
        command += ["--content", str(Path(args.content).resolve())]
    if args.prep:
        command.append("--prep")
    return shell_join(command)  # Windows: cmd.exe's quoting


def offline_templates(folder: Path, lang: str = "da") -> Path:
    """A copy of textual-serve's page without links to the internet, in our words."""
    import textual_serve

    source = Path(textual_serve.__file__).parent / "templates" / "app_index.html"
    page = _FONT_LINK.sub("", source.read_text(encoding="utf-8"))
    words = {
        ">Session ended.<": f">{html.escape(t('cli.serve_ended', lang))}<",
        ">Restart<": f">{html.escape(t('cli.serve_restart', lang))}<",
        "<html>": f'<html lang="{lang}">',
    }
    for old, new in words.items():
        page = page.replace(old, new, 1)
    (folder / "app_index.html").write_text(page, encoding="utf-8")
    return folder


class _SafeLog(logging.Handler):
    """The server's log on the leader's terminal: one visible line per record.

    Never the token nor a query string (links, referrers), never a traceback (a
    malformed request is one line), and nothing a terminal would act on (a User-Agent
    holding ESC or a bidi override is shown through :func:`visible`).
    """

    def __init__(self, token: str) -> None:
        super().__init__(logging.INFO)
        self.token = token

    def emit(self, record: logging.LogRecord) -> None:
        if str(getattr(record, "first_request_line", "")).startswith("UNKNOWN"):
            return  # a request that could not be read: its error line says it, once
        try:
            text = record.getMessage()
            error = record.exc_info[1] if record.exc_info else None
            if error is not None:
                text = f"{text}: {type(error).__name__}: {error}"
            text = _QUERY.sub("", text.replace(self.token, "…"))
            sys.stderr.write(visible(" ".join(text.split())) + "\n")
        except Exception:  # a log line must never stop the server
            pass


class _Guard:
    """What inddrag adds to textual-serve's server (mixed in before it, see make_server):
    the token, the Origin check, the cap on tabs, our page and a safe log."""

    def __init__(self, *args: Any, lang: str, token: str, max_tabs: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang, self.token, self.max_tabs = lang, token, max_tabs
        self.running = 0
        from rich.console import Console

        self.console = Console(file=io.StringIO())  # textual-serve's own English lines

    def initialize_logging(self) -> None:
        root = logging.getLogger()
        root.handlers[:] = [_SafeLog(self.token)]
        root.setLevel(logging.INFO)

    async def _make_app(self) -> Any:
        from aiohttp import web

        app = await super()._make_app()  # type: ignore[misc]

        async def guard(request: web.Request, handler: Any) -> web.StreamResponse:
            response: web.StreamResponse = await self.guard(request, handler)
            return response

        app.middlewares.append(web.middleware(guard))
        return app

    def page(self, status: int, sentence: str) -> Any:
        from aiohttp import web

        body = (
            f'<!DOCTYPE html><html lang="{self.lang}"><head><meta charset="utf-8">'
            f"<title>inddrag</title></head><body><p>{html.escape(sentence)}</p></body></html>"
        )
        return web.Response(status=status, text=body, content_type="text/html")

    async def guard(self, request: Any, handler: Any) -> Any:
        lang, token = self.lang, self.token
        given = request.query.get("token") or request.cookies.get(TOKEN_COOKIE, "")
        if not secrets.compare_digest(given.encode(), token.encode()):
            return self.page(403, t("cli.serve_forbidden", lang))
        if request.path == "/ws":
            origin = request.headers.get("Origin")
            if origin is not None and origin != f"{request.scheme}://{request.host}":
                return self.page(403, t("cli.serve_foreign_origin", lang, origin=origin))
        if request.path in ("/", "/ws") and self.running >= self.max_tabs:
            return self.page(503, t("cli.serve_full", lang, count=self.max_tabs))
        response = await handler(request)
        if request.path == "/" and request.query.get("token"):
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="Strict")
        return response

    async def handle_websocket(self, request: Any) -> Any:
        slot = [True]
        held = _SLOT.set(slot)
        self.running += 1
        try:
            return await super().handle_websocket(request)  # type: ignore[misc]
        finally:
            self._free(slot)
            _SLOT.reset(held)

    async def _process_messages(self, websocket: Any, app_service: Any) -> None:
        """Until the socket closes; then its tab's slot is free at once, while the app's
        process is still being stopped (that takes textual-serve up to seconds)."""
        try:
            await super()._process_messages(websocket, app_service)  # type: ignore[misc]
        finally:
            slot = _SLOT.get(None)
            if slot is not None:
                self._free(slot)

    def _free(self, slot: list[bool]) -> None:
        if slot[0]:
            slot[0] = False
            self.running -= 1

    async def handle_index(self, request: Any) -> Any:
        import aiohttp_jinja2

        base = f"{request.scheme}://{request.host}"
        font_size = request.query.get("fontsize", "16")
        context = {
            "font_size": int(font_size) if font_size.isdigit() else 16,
            "app_websocket_url": f"ws://{request.host}/ws",
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": "inddrag"},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def on_startup(self, app: Any) -> None:
        pass  # we say what runs where ourselves, without markup


def make_server(args: argparse.Namespace, lang: str, templates: Path, token: str) -> Any:
    """textual-serve's server with :class:`_Guard` mixed in (looked up now, so it can be
    replaced in tests)."""
    import textual_serve
    from textual_serve.server import Server

    server_class = type("InddragServer", (_Guard, Server), {})
    statics = Path(textual_serve.__file__).parent / "static"
    return server_class(
        app_command(args, lang),
        host=args.host or LOOPBACK,
        port=args.port,
        title="inddrag",
        statics_path=statics,
        templates_path=templates,
        lang=lang,
        token=token,
        max_tabs=getattr(args, "max_tabs", MAX_TABS),
    )


def run(args: argparse.Namespace, lang: str) -> int:
    try:
        import textual_serve  # noqa: F401
        from textual_serve.server import Server  # noqa: F401
    except ImportError:
        print(t("cli.serve_missing", lang), file=sys.stderr)
        return 2
    for name in (args.file, getattr(args, "present", None)):
        if name and not Path(name).is_file():
            print(f"{visible_path(name)}: {t('problems.file_not_found', lang)}", file=sys.stderr)
            return 2
    token = secrets.token_urlsafe(24)
    host = getattr(args, "host", None) or LOOPBACK
    with tempfile.TemporaryDirectory(prefix="inddrag-serve-") as tmp:
        server = make_server(args, lang, offline_templates(Path(tmp), lang), token)
        shown = f"[{host}]" if ":" in host else host
        print(t("cli.serve_open", lang), flush=True)
        print(f"  http://{shown}:{args.port}/?token={token}", flush=True)
        if not is_loopback(host):
            print(t("cli.serve_network_warning", lang, host=visible(host)), flush=True)
        print(t("cli.serve_stop", lang), flush=True)
        try:
            server.serve()
        except OSError:
            print(t("cli.serve_port_taken", lang, port=args.port), file=sys.stderr)
            return 2
    return 0
