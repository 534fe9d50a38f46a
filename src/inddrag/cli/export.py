"""``inddrag export FILE.toml [-o OUT] [--format md|csv]``: the summary of a session.

The summary is written in the session's own language with the shipped pack for it (or
the pack given with ``--content``); without a known pack, advice titles fall back to ids.
Warnings about the session go to stderr, the summary to stdout or the ``-o`` file, which
is written atomically. Exit 0 on success, 2 when the session or the output is unusable.

The summary is the team's own text: written to a file or a pipe byte for byte, but shown
on a terminal through :func:`~inddrag.domain.safe_text.visible` (line breaks kept), so a
note holding an escape sequence cannot act on the terminal. The ``-o`` target must be a
new name or a regular file that is not a session (links resolved first).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from inddrag.domain.content import ContentPack, load_pack
from inddrag.domain.errors import FileProblems, display_path
from inddrag.domain.safe_text import visible, visible_path
from inddrag.domain.session import Session
from inddrag.i18n import t

EXIT_OK, EXIT_BAD_INPUT = 0, 2
FORMATS = ("md", "csv")


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("file", metavar="FIL.toml", help=t("export.cli.file", lang))
    parser.add_argument("-o", "--output", metavar="UD", help=t("export.cli.output", lang))
    parser.add_argument(
        "--format", choices=FORMATS, default=None, help=t("export.cli.format", lang)
    )
    parser.add_argument("--content", metavar="MAPPE", help=t("export.cli.content", lang))


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.output and Path(args.output).suffix.lower() == ".csv":
        return "csv"
    return "md"


def _pack(args: argparse.Namespace, session: Session, lang: str) -> ContentPack | None:
    """The pack named with ``--content``, else the shipped one the session was made with."""
    from inddrag.domain.packs import bundled_pack_for

    if not args.content:
        return bundled_pack_for(session)
    folder = Path(args.content)
    pack = load_pack(folder)
    if pack.info.id != session.content.pack:
        print(
            f"{visible_path(display_path(folder))}: "
            + t(
                "export.cli.content_other_pack",
                lang,
                folder=visible_path(display_path(folder)),
                found=pack.info.id,
                expected=session.content.pack,
            ),
            file=sys.stderr,
        )
    return pack


def run(args: argparse.Namespace, lang: str) -> int:
    from inddrag.domain import export
    from inddrag.domain.atomic import SaveError
    from inddrag.domain.check import session_warnings
    from inddrag.domain.storage import read_session, save_summary

    source = Path(args.file)
    try:
        session, doc = read_session(source)
        pack = _pack(args, session, lang)
    except FileProblems as exc:
        print(exc.render(lang), file=sys.stderr)
        return EXIT_BAD_INPUT
    if pack is not None:
        for warning in session_warnings(session, pack, source, doc.lines):
            print(warning.render(lang), file=sys.stderr)
    fmt = _format(args)
    language = session.content.language
    text = (
        export.to_csv(session, pack, language)
        if fmt == "csv"
        else export.to_markdown(session, pack, language)
    )
    if not args.output:
        _print_raw(text)
        return EXIT_OK
    target = Path(args.output)
    if _same_file(source, target):
        shown = visible_path(display_path(target))
        print(f"{shown}: {t('export.cli.same_file', lang)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if target.suffix.lower() == ".toml" and target.exists():
        # A summary never replaces a TOML file: it may be another session, or a pack.
        shown = visible_path(display_path(target))
        print(f"{shown}: {t('export.cli.not_over_toml', lang)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        save_summary(target, text)
    except SaveError as exc:
        print(exc.sentence(lang), file=sys.stderr)
        return EXIT_BAD_INPUT
    print(t("export.cli.wrote", lang, path=visible_path(display_path(target))))
    return EXIT_OK


def _print_raw(text: str) -> None:
    """Write to stdout in UTF-8 with line ends untouched (CSV keeps its CRLF).

    A terminal gets the text with its control characters shown, never acted on.
    """
    if sys.stdout.isatty():
        text = visible(text, lines=True)
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8", errors="replace"))
    buffer.flush()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False
