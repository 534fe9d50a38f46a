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
from typing import TYPE_CHECKING

from inddrag.domain.errors import FileProblems, Problem, display_path, problem
from inddrag.domain.session import Session
from inddrag.i18n import t

if TYPE_CHECKING:
    from inddrag.domain.content import ContentPack
    from inddrag.domain.export.files import Report

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    from inddrag.domain.export.formats import choices_text, ids

    parser.add_argument(
        "groups", nargs="+", metavar="GRUPPE.toml", help=t("rollup.cli.groups", lang)
    )
    parser.add_argument("-o", "--output", metavar="UD", help=t("rollup.cli.output", lang))
    parser.add_argument(
        "--format",
        choices=ids(),
        default=None,
        help=t("rollup.cli.format", lang, formats=choices_text(lang)),
    )
    parser.add_argument("--content", metavar="MAPPE", help=t("rollup.cli.content", lang))


def run(args: argparse.Namespace, lang: str) -> int:
    from inddrag.cli.export import needs_output
    from inddrag.domain.export.formats import FORMATS, format_for

    paths = [Path(p) for p in args.groups]
    target = Path(args.output) if args.output else None
    fmt = format_for(target, args.format)
    groups, problems = _read_groups(paths)
    if target is not None and not target.parent.resolve().is_dir():
        problems.append(problem(target, "rollup.target_folder_missing"))
    pack, pack_problems = _pack(args, groups)
    problems += pack_problems
    if target is None and FORMATS[fmt].binary:
        print(needs_output(fmt, "rollup", lang), file=sys.stderr)
        return EXIT_BAD_INPUT
    if problems:
        return _fail(problems, lang)
    from inddrag.domain.export.rollup import rollup_report
    from inddrag.domain.rollup import rollup

    report = rollup_report(rollup(groups, pack), pack, groups[0][1].content.language)
    if target is None:
        _to_stdout(report, fmt)
        return EXIT_OK
    return _write(report, fmt, target, paths, lang)


def _read_groups(paths: list[Path]) -> tuple[list[tuple[Path, Session]], list[Problem]]:
    """Every group's session, and the problems of those that cannot be rolled up."""
    from inddrag.domain.rollup import check_groups
    from inddrag.domain.storage import load_session, many_files

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
    return groups, problems


def _pack(
    args: argparse.Namespace, groups: list[tuple[Path, Session]]
) -> tuple[ContentPack | None, list[Problem]]:
    """The pack named with ``--content``, else the shipped one the first group was made with."""
    from inddrag.domain.content import load_pack
    from inddrag.domain.packs import bundled_pack_for

    if args.content:
        try:
            return load_pack(Path(args.content)), []
        except FileProblems as exc:
            return None, list(exc.problems)
    return (bundled_pack_for(groups[0][1]) if groups else None), []


def _to_stdout(report: Report, fmt: str) -> None:
    """The overview on stdout (CSV: its combined ranking), the bytes as rendered."""
    from inddrag.domain.export.files import one_file

    data = one_file(report, fmt)
    sys.stdout.flush()
    out = getattr(sys.stdout, "buffer", None)
    if out is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        out.write(data)
        out.flush()


def _write(report: Report, fmt: str, target: Path, paths: list[Path], lang: str) -> int:
    """Write the overview's files, never over one of the groups' own files."""
    from inddrag.domain.atomic import SaveError
    from inddrag.domain.export.files import render, write_report

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
