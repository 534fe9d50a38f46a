"""From the start screen: "Saml grupper til plenum" — tick the groups' session files.

Each file is one group's team session; the dialog lists the team sessions in a folder with
``[✓]`` boxes (all ticked) and the files that could not be read with their one-line error.
It returns the ticked paths; the App asks for the format and the file name, and writes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from inddrag.domain.export.escape import one_line
from inddrag.domain.session import Session
from inddrag.ui.dialogs.ticklist import FoundSessions, TickListDialog, find_sessions


def find_groups(folder: Path, lang: str) -> FoundSessions:
    """The team sessions in ``folder`` in the order of their names (team, else title, else
    file name; “Gruppe 2” before “Gruppe 10”), the order the roll-up lists them in, as
    ``inddrag rollup`` lists them in the order given (slow: reads every file; run it off
    the event loop)."""
    found = find_sessions(folder, lang, "team")
    found.sessions.sort(key=lambda found: _name_order(group_name(*found)))
    return found


def group_name(path: Path, session: Session) -> str:
    """What the group is called in the list: its team, else its title, else its file."""
    info = session.session
    return one_line(info.team) or one_line(info.title) or path.stem


def _name_order(name: str) -> list[tuple[int, int, str]]:
    """A key that orders names as people do: numbers by value, letters without case."""
    return [
        (1, int(part), "") if part.isdigit() else (0, 0, part.casefold())
        for part in re.split(r"(\d+)", name)
        if part
    ]


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
        return f"{group_name(path, session)}  ({path.name})"

    def answer(self) -> list[Path] | None:
        if len(self.chosen) < 2:
            self.notify(self.tr("ui.rollup_two"), timeout=4)
            return None
        return [path for path, _ in self.ticked()]
