"""``inddrag merge TEAM.toml PREP.toml… [-o OUT.toml] [--anonymous | --reveal-names]``.

Reads every file first and writes nothing unless all of them are valid and of the right
kind and the output can be written where asked (its folder exists, it is not one of the
preps). Then merges (see :mod:`inddrag.domain.merge`), keeps a copy of the file it is
about to overwrite beside it, and saves atomically. Problems go to stderr as
``file:line: key: sentence``; one line per prep and the file written go to stdout. When the
names are left out (``--anonymous``, or a team session that is anonymous), no line says
which file became which input: only how many were merged.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from inddrag.domain.atomic import SaveError, copy_atomically, free_name
from inddrag.domain.content import ContentPack, load_pack
from inddrag.domain.errors import FileProblems, Problem, display_path, parse_key, problem
from inddrag.domain.merge import MergeResult, PrepOutcome, merge_preps
from inddrag.domain.packs import bundled_pack_for
from inddrag.domain.paths import same_file
from inddrag.domain.readfile import read_bounded
from inddrag.domain.safe_text import visible, visible_path
from inddrag.domain.session import Session, now
from inddrag.domain.storage import many_files
from inddrag.domain.tomlfile import KeyLines
from inddrag.i18n import t, t_plural

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("team", metavar=t("merge.cli.team_metavar", lang))
    parser.add_argument("preps", nargs="+", metavar=t("merge.cli.prep_metavar", lang))
    parser.add_argument(
        "-o", "--output", metavar=t("merge.cli.out_metavar", lang), help=t("merge.cli.opt_o", lang)
    )
    names = parser.add_mutually_exclusive_group()
    names.add_argument("--anonymous", action="store_true", help=t("merge.cli.opt_anonymous", lang))
    names.add_argument("--reveal-names", action="store_true", help=t("merge.cli.opt_reveal", lang))
    parser.add_argument("--yes", action="store_true", help=t("merge.cli.opt_yes", lang))
    parser.add_argument(
        "--content",
        metavar=t("merge.cli.content_metavar", lang),
        help=t("merge.cli.opt_content", lang),
    )


@dataclass
class _Inputs:
    """Everything read before anything is written."""

    team_path: Path
    prep_paths: list[Path]
    target: Path
    team: Session
    preps: list[tuple[Path, Session]]
    pack: ContentPack | None


def run(args: argparse.Namespace, lang: str) -> int:
    inputs = _read_inputs(args, lang)
    if inputs is None:
        return EXIT_BAD_INPUT
    reveal = bool(args.reveal_names) and inputs.team.session.anonymous
    if reveal and not _confirmed(args, inputs.target, lang):
        return EXIT_BAD_INPUT
    when = now()
    result = merge_preps(
        inputs.team,
        inputs.preps,
        anonymous=args.anonymous,
        when=when,
        pack=inputs.pack,
        reveal_names=reveal,
    )
    _report_merge(result, inputs, lang)
    code, backup = _write(result.session, inputs.target, when, lang)
    if code != EXIT_OK:
        return code
    _report_written(result, inputs.target, backup, reveal, lang)
    return EXIT_OK


def _read_inputs(args: argparse.Namespace, lang: str) -> _Inputs | None:
    """Load every file and check the output; print the problems and None if any."""
    team_path = Path(args.team)
    prep_paths = [Path(p) for p in args.preps]
    target = Path(args.output) if args.output else team_path
    problems: list[Problem] = []
    team = _load(team_path, "team", problems)
    preps: list[tuple[Path, Session]] = []
    with many_files():
        for path in prep_paths:
            prep = _load(path, "prep", problems)
            if prep is not None:
                preps.append((path, prep))
    problems += _target_problems(args, target, team_path, prep_paths)
    pack: ContentPack | None = None
    if args.content:
        try:
            pack = load_pack(Path(args.content))
        except FileProblems as exc:
            problems.extend(exc.problems)
    elif team is not None:
        pack = bundled_pack_for(team)
    if problems or team is None:
        _print_problems(problems, lang)
        print(t("merge.cli.nothing_written", lang), file=sys.stderr)
        return None
    return _Inputs(team_path, prep_paths, target, team, preps, pack)


def _target_problems(
    args: argparse.Namespace, target: Path, team_path: Path, prep_paths: list[Path]
) -> list[Problem]:
    """Why the output cannot be written where asked (empty: it can)."""
    if args.output and not target.parent.resolve().is_dir():
        return [problem(target, "merge.target_folder_missing")]
    if any(same_file(target, path) for path in prep_paths):
        return [problem(target, "merge.target_is_prep")]
    if args.output and target.exists() and not same_file(target, team_path):
        try:
            _load_session(target)
        except FileProblems:
            return [problem(target, "merge.target_unreadable")]
    return []


def _report_merge(result: MergeResult, inputs: _Inputs, lang: str) -> None:
    """The warnings (with their lines), then one line per prep or how many were merged."""
    lines = LineFinder({display_path(p): p for p in [inputs.team_path, *inputs.prep_paths]})
    _print_problems([lines.fill(w) for w in result.warnings], lang)
    if result.anonymous:
        merged = sum(1 for o in result.outcomes if not o.skipped)
        print(t_plural("merge.cli.anonymous_run", merged, lang))
        if result.kept_anonymous:
            print(t("merge.cli.kept_anonymous", lang))
    else:
        for outcome in result.outcomes:
            if not outcome.skipped:
                print(_outcome_line(outcome, lang))


def _write(session: Session, target: Path, when: datetime, lang: str) -> tuple[int, Path | None]:
    """Keep a copy of ``target`` beside it, then save; the exit code and the copy."""
    backup: Path | None = None
    if target.exists():
        try:
            backup = _backup(target, when)
        except OSError as exc:
            reason = exc.detail if isinstance(exc, SaveError) else exc.strerror or str(exc)
            print(
                visible_path(display_path(target))
                + f": {t('merge.cli.backup_failed', lang, reason=reason)}",
                file=sys.stderr,
            )
            print(t("merge.cli.nothing_written", lang), file=sys.stderr)
            return EXIT_BAD_INPUT, None
    from inddrag.domain.storage import save_session

    try:
        save_session(session, target)
    except SaveError as exc:
        print(f"{visible_path(display_path(target))}: {exc.sentence(lang)}", file=sys.stderr)
        return EXIT_BAD_INPUT, None
    return EXIT_OK, backup


def _report_written(
    result: MergeResult, target: Path, backup: Path | None, reveal: bool, lang: str
) -> None:
    """How many were added, replaced and kept, the file written, and who has it open."""
    total = len(result.session.inputs)
    print(
        t_plural(
            "merge.cli.summary",
            total,
            lang,
            added=result.added,
            replaced=result.replaced,
            unchanged=result.unchanged,
            total=total,
        )
    )
    where = visible_path(display_path(target))
    if reveal:
        print(t("merge.cli.revealed", lang, path=where))
    if backup is not None:
        print(t("merge.cli.wrote_backup", lang, path=where, backup=visible_path(backup.name)))
    else:
        print(t("merge.cli.wrote", lang, path=where))
    from inddrag.domain.filelock import holder

    open_by = holder(target)
    if open_by is not None:
        # The app that has it open watches it and takes the new preparation in.
        print(t("merge.cli.open_in_app", lang, user=visible(open_by.user), pid=open_by.pid))


def _confirmed(args: argparse.Namespace, target: Path, lang: str) -> bool:
    """Whether the user confirmed writing names into an anonymous session."""
    if args.yes:
        return True
    if not sys.stdin.isatty():
        print(f"{display_path(target)}: {t('merge.cli.reveal_needs_yes', lang)}", file=sys.stderr)
        print(t("merge.cli.nothing_written", lang), file=sys.stderr)
        return False
    try:
        answer = input(t("merge.cli.reveal_question", lang, path=display_path(target)))
    except EOFError:
        answer = ""
    if answer.strip().casefold() in t("merge.cli.yes_words", lang).split():
        return True
    print(t("merge.cli.reveal_declined", lang), file=sys.stderr)
    return False


def _load_session(path: Path) -> Session:
    from inddrag.domain.storage import load_session

    return load_session(path)


def _load(path: Path, kind: str, problems: list[Problem]) -> Session | None:
    """Load one file, adding its problems (including a wrong kind, with its line)."""
    try:
        session = _load_session(path)
    except FileProblems as exc:
        problems.extend(exc.problems)
        return None
    if session.kind != kind:
        code = "merge.prep_as_team" if kind == "team" else "merge.team_as_prep"
        problems.append(with_line(problem(path, code, key="session.kind"), {}, path))
        return None
    return session


class LineFinder:
    """Fills in the line of a problem's key, reading and scanning each file once."""

    def __init__(self, paths: dict[str, Path] | None = None) -> None:
        #: A problem's displayed file name → its path.
        self.paths = paths or {}
        self._lines: dict[Path, KeyLines | None] = {}

    def fill(self, prob: Problem, path: Path | None = None) -> Problem:
        """The problem with its line, when it has a key and the line can be found."""
        file = path or self.paths.get(prob.file)
        if prob.line is not None or not prob.key or file is None:
            return prob
        lines = self._lines_of(file)
        if lines is None:
            return prob
        return replace(prob, line=lines.line_of(parse_key(prob.key)))

    def _lines_of(self, file: Path) -> KeyLines | None:
        if file not in self._lines:
            try:
                self._lines[file] = KeyLines(read_bounded(file).decode("utf-8-sig"))
            except (OSError, UnicodeDecodeError):
                self._lines[file] = None
        return self._lines[file]


def with_line(prob: Problem, paths: dict[str, Path], path: Path | None = None) -> Problem:
    """One problem with its line (see :class:`LineFinder`, which reads each file once)."""
    return LineFinder(paths).fill(prob, path)


def _print_problems(problems: list[Problem], lang: str) -> None:
    for prob in problems:
        print(prob.render(lang), file=sys.stderr)


def _outcome_line(outcome: PrepOutcome, lang: str) -> str:
    who = visible(outcome.participant, name=True) or t("merge.cli.no_name", lang)
    notes = t_plural("merge.cli.notes", outcome.notes, lang)
    if not outcome.replaced:
        what = t("merge.cli.added", lang)
    else:
        what = t("merge.cli.replaced" if outcome.changed else "merge.cli.unchanged", lang)
    return t(
        "merge.cli.outcome",
        lang,
        file=visible_path(display_path(outcome.path)),
        who=who,
        notes=notes,
        ranked=outcome.ranked,
        what=what,
    )


def _backup(target: Path, when: datetime) -> Path:
    """Copy ``target`` to ``<name>.<time>.bak`` beside it (never over an earlier copy)."""
    stamp = when.strftime("%Y%m%d-%H%M%S")
    backup = free_name(target, f"{target.name}.{stamp}", ".bak")
    copy_atomically(target, backup)
    return backup
