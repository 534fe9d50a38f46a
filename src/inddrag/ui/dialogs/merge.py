"""Inside the app: "Hent forberedelse" — pick prep files to merge into the team session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult

from inddrag.domain.session import Session
from inddrag.ui.dialogs.ticklist import FoundSessions, TickListDialog, find_sessions
from inddrag.ui.widgets.ticks import TickBox


@dataclass
class MergeChoice:
    """The files picked and whether names are left out."""

    preps: list[tuple[Path, Session]]
    anonymous: bool


def find_preps(folder: Path, lang: str, skip: Path | None = None) -> FoundSessions:
    """The prep files in ``folder`` (slow: reads every file; run it off the event loop)."""
    return find_sessions(folder, lang, "prep", skip)


class MergeDialog(TickListDialog[MergeChoice]):
    """Lists the prep files beside the session; the leader ticks the ones to bring in."""

    CONFIRM = "merge"
    KEYS: ClassVar[dict[str, str]] = {
        "title": "ui.merge_title",
        "found": "ui.merge_found",
        "none": "ui.merge_none",
        "button": "ui.button_merge",
    }

    def label(self, path: Path, session: Session) -> str:
        who = session.session.facilitator or self.tr("ui.anonymous")
        return f"{who}  ({path.name})"

    def compose_extra(self) -> ComposeResult:
        yield TickBox(self.tr("ui.merge_anonymous"), id="merge-anonymous")

    def answer(self) -> MergeChoice | None:
        if not self.chosen:
            return None
        anonymous = self.query_one("#merge-anonymous", TickBox).value
        return MergeChoice(self.ticked(), anonymous)
