"""``inddrag export FILE.toml [-o OUT] [--format md|csv|xlsx|html]``: the summary of a session.

The summary is written in the session's own language with the shipped pack for it (or
the pack given with ``--content``); without a known pack, advice titles fall back to ids.
Warnings about the session go to stderr, the summary to stdout or the ``-o`` file, which
is written atomically (CSV: one file per table, ``OUT-raad.csv``, …; see
:mod:`inddrag.domain.export.files`). Exit 0 on success, 2 when the session or the output
is unusable.

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
from inddrag.domain.export.formats import FORMATS, choices_text, format_for, ids
from inddrag.domain.paths import same_file as _same_file
from inddrag.domain.safe_text import visible, visible_path
from inddrag.domain.session import Session
from inddrag.i18n import t

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("file", metavar="FIL.toml", help=t("export.cli.file", lang))
    parser.add_argument("-o", "--output", metavar="UD", help=t("export.cli.output", lang))
    parser.add_argument(
        "--format",
        choices=ids(),
        default=None,
        help=t("export.cli.format", lang, formats=choices_text(lang)),
    )
    parser.add_argument("--content", metavar="MAPPE", help=t("export.cli.content", lang))


def _format(args: argparse.Namespace) -> str:
    return format_for(Path(args.output) if args.output else None, args.format)


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
    from inddrag.domain.atomic import SaveError
    from inddrag.domain.check import session_warnings
    from inddrag.domain.export.files import write_report
    from inddrag.domain.storage import read_session

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
    from inddrag.domain.export.files import one_file, render, session_report

    fmt = _format(args)
    report = session_report(session, pack, session.content.language)
    if not args.output:
        if FORMATS[fmt].binary:
            print(needs_output(fmt, "export", lang), file=sys.stderr)
            return EXIT_BAD_INPUT
        _print_raw(one_file(report, fmt).decode("utf-8"))
        return EXIT_OK
    target = Path(args.output)
    files = [path for path, _ in render(report, fmt, target)]
    for path in files:
        if _same_file(source, path):
            print(
                f"{visible_path(display_path(path))}: {t('export.cli.same_file', lang)}",
                file=sys.stderr,
            )
            return EXIT_BAD_INPUT
        if path.suffix.lower() == ".toml" and path.exists():
            # A summary never replaces a TOML file: it may be another session, or a pack.
            print(
                f"{visible_path(display_path(path))}: {t('export.cli.not_over_toml', lang)}",
                file=sys.stderr,
            )
            return EXIT_BAD_INPUT
    try:
        written = write_report(report, fmt, target)
    except SaveError as exc:
        print(exc.sentence(lang), file=sys.stderr)
        return EXIT_BAD_INPUT
    for path in written:
        print(t("export.cli.wrote", lang, path=visible_path(display_path(path))))
    return EXIT_OK


def needs_output(fmt: str, command: str, lang: str) -> str:
    """The sentence for a binary format asked for without ``-o``, with a file name to use."""
    entry = FORMATS[fmt]
    example = t(f"{command}.cli.example_stem", lang) + entry.suffix
    return t("export.cli.needs_output", lang, format=t(entry.label_key, lang), example=example)


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
