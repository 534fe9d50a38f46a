"""Messages the screens post to the App ("attributes down, messages up")."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from inddrag.domain.recovery import RecoveryInfo
    from inddrag.domain.session import Kind
    from inddrag.ui.dialogs.new_session import SessionFacts


@dataclass
class GoToStep(Message):
    """Show a step of the walk (and, for the advice step, which advice)."""

    step: str
    advice_index: int | None = None


@dataclass
class StartNew(Message):
    """Start a new session of ``kind`` with the facts from the form."""

    kind: Kind
    facts: SessionFacts


@dataclass
class OpenFile(Message):
    """Open the session saved in ``path``."""

    path: Path


@dataclass
class Recover(Message):
    """Continue the unsaved work kept in a recovery copy."""

    found: RecoveryInfo


@dataclass
class RollUp(Message):
    """Bring several groups' sessions together for the plenary."""
