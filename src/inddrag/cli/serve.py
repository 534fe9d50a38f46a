"""``inddrag serve``: the same app in a browser on this computer, for a projector.

Built on textual-serve. It listens on the loopback address only, so nobody else on the
network can reach it, and the page it serves loads nothing from the internet (textual-serve's
own page asks a font service for a font; we serve a copy of the page without that line —
the font ships with textual-serve). Each browser tab runs its own app process.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
import tempfile
from pathlib import Path

from inddrag.i18n import t

LOOPBACK = "127.0.0.1"
_FONT_LINK = re.compile(r"\s*<link\s+rel=\"stylesheet\"\s+href=\"https?://[^\"]*\"\s*/>", re.S)


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("file", nargs="?", metavar="FIL.toml", help=t("cli.arg_file", lang))
    parser.add_argument("--content", metavar="MAPPE", help=t("cli.opt_content", lang))
    parser.add_argument("--prep", action="store_true", help=t("cli.opt_prep", lang))
    parser.add_argument(
        "--port", type=int, default=8000, metavar="PORT", help=t("cli.serve_port", lang)
    )


def app_command(args: argparse.Namespace, lang: str) -> str:
    """The command each browser tab runs: this Python, this inddrag, the same choices."""
    command = [sys.executable, "-m", "inddrag", "--lang", lang]
    if args.file:
        command.append(str(Path(args.file).resolve()))
    if args.content:
        command += ["--content", str(Path(args.content).resolve())]
    if args.prep:
        command.append("--prep")
    return shlex.join(command)


def offline_templates(folder: Path) -> Path:
    """A copy of textual-serve's page without links to the internet."""
    import textual_serve

    source = Path(textual_serve.__file__).parent / "templates" / "app_index.html"
    page = _FONT_LINK.sub("", source.read_text(encoding="utf-8"))
    (folder / "app_index.html").write_text(page, encoding="utf-8")
    return folder


def run(args: argparse.Namespace, lang: str) -> int:
    try:
        import textual_serve
        from textual_serve.server import Server
    except ImportError:
        print(t("cli.serve_missing", lang), file=sys.stderr)
        return 2
    if args.file and not Path(args.file).is_file():
        print(f"{args.file}: {t('problems.file_not_found', lang)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="inddrag-serve-") as tmp:
        statics = Path(textual_serve.__file__).parent / "static"
        server = Server(
            app_command(args, lang),
            host=LOOPBACK,
            port=args.port,
            title="inddrag",
            statics_path=statics,
            templates_path=offline_templates(Path(tmp)),
        )
        print(t("cli.serve_running", lang, url=f"http://{LOOPBACK}:{args.port}"), flush=True)
        server.serve()
    return 0
