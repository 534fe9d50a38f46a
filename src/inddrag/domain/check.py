"""What ``inddrag check`` does for one path: a pack folder or a session file.

A session file is checked on its own (:func:`inddrag.domain.storage.read_session` reports
every error) and against the shipped pack it was made with (:func:`session_warnings`
lists what that pack does not know, as warnings; nothing is dropped).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from inddrag.domain.content import ADVICE_FILE, ROLES_FILE, ContentPack, load_pack
from inddrag.domain.errors import FileProblems, KeyPath, Problem, display_path, problem
from inddrag.domain.packs import bundled_pack_for
from inddrag.domain.session import Session
from inddrag.domain.storage import read_session
from inddrag.domain.tomlfile import KeyLines
from inddrag.i18n import t


@dataclass
class CheckReport:
    """The outcome of checking one path."""

    display: str
    problems: list[Problem] = field(default_factory=list)
    pack: ContentPack | None = None
    what: str = ""
    count: int = 0

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def summary(self, lang: str) -> str:
        """One phrase describing what was found (for the ``ok`` line)."""
        if self.pack is not None:
            return t(
                "cli.check_pack_summary",
                lang,
                title=self.pack.info.title,
                count=len(self.pack.advice),
            )
        return t(f"cli.check_{self.what}_summary", lang, count=self.count)


def check_path(path: Path) -> CheckReport:
    """Check a pack folder, a file inside one, or a session file; never raises for bad input."""
    if path.is_file() and path.name in (ADVICE_FILE, ROLES_FILE):
        path = path.parent
    report = CheckReport(display=display_path(path))
    if path.is_dir():
        try:
            report.pack = load_pack(path)
        except FileProblems as exc:
            report.problems = exc.problems
        return report
    if not path.exists():
        report.problems = [problem(path, "file_not_found")]
        return report
    if path.suffix.lower() != ".toml":
        report.problems = [problem(path, "not_a_session_or_pack")]
        return report
    return check_session(path, report)


def check_session(path: Path, report: CheckReport) -> CheckReport:
    """Fill ``report`` with what is wrong (errors) and worth knowing (warnings) in a file."""
    try:
        session, doc = read_session(path)
    except FileProblems as exc:
        report.problems = exc.problems
        return report
    report.what = session.session.kind
    report.count = len(session.advice)
    pack = bundled_pack_for(session)
    if pack is not None:
        report.problems.extend(session_warnings(session, pack, path, doc.lines))
    elif session.kind == "prep" and session.inputs:
        report.problems.append(
            problem(
                path,
                "storage.prep_with_inputs",
                line=doc.lines.line_of(("inputs",)),
                key="inputs",
                severity="warning",
                count=len(session.inputs),
            )
        )
    return report


def session_warnings(
    session: Session,
    pack: ContentPack,
    path: Path | None = None,
    lines: KeyLines | None = None,
) -> list[Problem]:
    """What ``pack`` does not know in ``session``; each a warning, nothing is dropped.

    Advice ids the pack lacks (in ``[[advice]]``, ``[priorities]`` and ``[[inputs]]``),
    cells in columns the session's own table lacks, and a different pack id or version.
    Rows and columns the team added are not warned about: the worksheet invites them.
    """
    file = display_path(path) if path is not None else ""
    out: list[Problem] = []

    def warn(code: str, key: KeyPath, **params: object) -> None:
        line = lines.line_of(key) if lines is not None else None
        prob = problem(file, code, line=line, key=key, severity="warning", **params)
        out.append(prob)

    _pack_warnings(session, pack, warn)
    _advice_warnings(session, pack, warn)
    _cell_warnings(session, warn)
    if session.kind == "prep" and session.inputs:
        warn("storage.prep_with_inputs", ("inputs",), count=len(session.inputs))
    return out


class _Warn(Protocol):
    def __call__(self, code: str, key: KeyPath, **params: object) -> None: ...


def _pack_warnings(session: Session, pack: ContentPack, warn: _Warn) -> None:
    """A different pack id, else a different pack version."""
    if session.content.pack != pack.info.id:
        warn(
            "storage.other_pack",
            ("content", "pack"),
            found=session.content.pack,
            expected=pack.info.id,
        )
    elif session.content.version != pack.info.version:
        warn(
            "storage.other_pack_version",
            ("content", "version"),
            found=session.content.version,
            expected=pack.info.version,
        )


def _advice_warnings(session: Session, pack: ContentPack, warn: _Warn) -> None:
    """Each advice id the pack lacks, once, where it first stands."""
    known = {a.id for a in pack.advice}
    reported: set[str] = set()

    def check_advice(advice_id: str, key: KeyPath) -> None:
        if advice_id not in known and advice_id not in reported:
            reported.add(advice_id)
            warn("storage.unknown_advice", key, id=advice_id, pack=pack.info.id)

    for index, entry in enumerate(session.advice):
        check_advice(entry.id, ("advice", index, "id"))
    for index, advice_id in enumerate(session.priorities.order):
        check_advice(advice_id, ("priorities", "order", index))
    for index, item in enumerate(session.inputs):
        for place, advice_id in enumerate(item.order):
            check_advice(advice_id, ("inputs", index, "order", place))
        for advice_id in item.notes:
            check_advice(advice_id, ("inputs", index, "notes", advice_id))


def _cell_warnings(session: Session, warn: _Warn) -> None:
    """Cells in columns the session's own table lacks."""
    columns = {c.id for c in session.roles.columns}
    for index, row in enumerate(session.roles.rows):
        for column_id in row.cells:
            if column_id not in columns:
                warn(
                    "storage.unknown_cell_column",
                    ("roles", "rows", index, "cells", column_id),
                    id=column_id,
                )
