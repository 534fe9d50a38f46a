"""What ``inddrag check`` does for one path: a pack folder or a session file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from inddrag.domain.content import ADVICE_FILE, ROLES_FILE, ContentPack, load_pack
from inddrag.domain.errors import FileProblems, Problem, display_path, problem
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
    from inddrag.domain.storage import check_session

    return check_session(path, report)
