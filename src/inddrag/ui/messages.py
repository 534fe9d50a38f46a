"""Messages the screens post to the app."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class SessionChanged(Message):
    """The session was edited: mark it unsaved and schedule the autosave."""


@dataclass
class GoToStep(Message):
    """Show a step of the walk (``advice``, ``prioritise``, ``roles``, ``summary``)."""

    step: str
    advice_index: int | None = None
