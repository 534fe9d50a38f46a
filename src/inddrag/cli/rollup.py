"""``inddrag rollup GROUP.toml… [-o OUT] [--format md|csv|xlsx|html]``: one overview for plenum.

Reads every group's file first and writes nothing unless all of them can be rolled up
together (see :mod:`inddrag.domain.rollup`); every bad file is named with its one-line
problem and the exit code is 2. The overview goes to stdout (Markdown, CSV's ranking, or
the HTML page) or to the ``-o`` file(s), written atomically.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from inddrag.domain.errors import FileProblems, Problem, display_path, problem
from inddrag.domain.session import Session
from inddrag.i18n import t

EXIT_OK, EXIT_BAD_INPUT = 0, 2
FORMATS = ("md", "csv", "xlsx", "html")


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument(
        "groups", nargs="+", metavar="GRUPPE.toml", help=t("rollup.cli.groups", lang)
    )
    parser.add_argument("-o", "--output", metavar="UD", help=t("rollup.cli.output", lang))
    parser.add_argument(
        "--format", choices=FORMATS, default=None, help=t("rollup.cli.format", lang)
    )
    parser.add_argument("--content", metavar="MAPPE", help=t("rollup.cli.content", lang))


def run(args: argparse.Namespace, lang: str) -> int:
    from inddrag.domain.atomic import SaveError
    from inddrag.domain.content import ContentPack, load_pack
    from inddrag.domain.export.files import format_for, render, write_report
    from inddrag.domain.export.rollup import rollup_report
    from inddrag.domain.packs import bundled_pack_for
    from inddrag.domain.rollup import check_groups, rollup
    from inddrag.domain.storage import load_session, many_files

    paths = [Path(p) for p in args.groups]
    target = Path(args.output) if args.output else None
    fmt = format_for(target, args.format)
    problems: list[Problem] = []
    groups: list[tuple[Path, Session]] = []
    with many_files():
        for path in paths:
            try:
                groups.append((path, load_session(path)))
            except FileProblems as exc:
                problems.extend(exc.problems)
    if not problems:
        try:
            check_groups(groups)
        except FileProblems as exc:
            problems.extend(exc.problems)
    if target is not None and not target.parent.resolve().is_dir():
        problems.append(problem(target, "rollup.target_folder_missing"))
    pack: ContentPack | None = None
    if args.content:
        try:
            pack = load_pack(Path(args.content))
        except FileProblems as exc:
            problems.extend(exc.problems)
    elif groups:
        pack = bundled_pack_for(groups[0][1])
    if target is None and fmt == "xlsx":
        print(t("export.cli.xlsx_needs_output", lang), file=sys.stderr)
        return EXIT_BAD_INPUT
    if problems:
        return _fail(problems, lang)
    report = rollup_report(rollup(groups, pack), pack, groups[0][1].content.language)
    if target is None:
        files = render(report, fmt, Path("-"))
        text = files[1][1] if fmt == "csv" else files[0][1]  # CSV: the combined ranking
        sys.stdout.flush()
        out = getattr(sys.stdout, "buffer", None)
        if out is None:
            sys.stdout.write(text.decode("utf-8"))
        else:
            out.write(text)
            out.flush()
        return EXIT_OK
    outputs = [path for path, _ in render(report, fmt, target)]
    inputs = {_resolve(p) for p in paths}
    clashes = [problem(p, "rollup.target_is_input") for p in outputs if _resolve(p) in inputs]
    if clashes:
        return _fail(clashes, lang)
    try:
        written = write_report(report, fmt, target)
    except SaveError as exc:
        print(exc.sentence(lang), file=sys.stderr)
        return EXIT_BAD_INPUT
    for path in written:
        print(t("export.cli.wrote", lang, path=display_path(path)))
    return EXIT_OK


def _fail(problems: list[Problem], lang: str) -> int:
    from inddrag.cli.merge import with_line

    for prob in problems:
        print(with_line(prob, {}, Path(prob.file)).render(lang), file=sys.stderr)
    print(t("rollup.nothing_written", lang), file=sys.stderr)
    return EXIT_BAD_INPUT


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path
