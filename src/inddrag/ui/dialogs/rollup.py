"""From the start screen: "Saml grupper til plenum" — tick the groups' session files.

Each file is one group's team session; the dialog lists the team sessions in a folder with
``[✓]`` boxes (all ticked) and the files that could not be read with their one-line error.
It returns the ticked paths; the App asks for the format and the file name, and writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from inddrag.domain.session import Session
from inddrag.ui.dialogs.ticklist import FoundSessions, TickListDialog, find_sessions


def find_groups(folder: Path, lang: str) -> FoundSessions:
    """The team sessions in ``folder`` (slow: reads every file; run it off the event loop)."""
    return find_sessions(folder, lang, "team")


class RollupDialog(TickListDialog[list[Path]]):
    """Tick the groups to bring together; returns their paths (at least two)."""

    CONFIRM = "rollup"
    KEYS: ClassVar[dict[str, str]] = {
        "title": "ui.rollup_title",
        "found": "ui.rollup_found",
        "none": "ui.rollup_none",
        "button": "ui.button_rollup",
    }

    def label(self, path: Path, session: Session) -> str:
        info = session.session
        return f"{info.team or info.title or path.stem}  ({path.name})"

    def answer(self) -> list[Path] | None:
        if len(self.chosen) < 2:
            self.notify(self.tr("ui.rollup_two"), timeout=4)
            return None
        return [path for path, _ in self.ticked()]
