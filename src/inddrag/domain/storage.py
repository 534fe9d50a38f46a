"""Reading and writing session files (see ``docs/session-format.md``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from inddrag.domain.session import Session
from inddrag.domain.tomlfile import read_toml, validate

if TYPE_CHECKING:
    from inddrag.domain.check import CheckReport


def load_session(path: Path) -> Session:
    """Read and validate a session file; raise FileProblems if it can't be used."""
    doc = read_toml(path)
    return validate(Session, doc)


def check_session(path: Path, report: CheckReport) -> CheckReport:
    """Fill ``report`` with what is wrong in a session file."""
    from inddrag.domain.errors import FileProblems

    try:
        session = load_session(path)
    except FileProblems as exc:
        report.problems = exc.problems
        return report
    report.what = session.session.kind
    report.count = len(session.advice)
    return report
