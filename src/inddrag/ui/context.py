"""What a step screen is given: the pack, the language, the open session and a few places.

Screens never import the App: they are built with a :class:`Context` and post messages
(:mod:`inddrag.ui.messages`) for what the App does for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from inddrag.i18n import t
from inddrag.ui.clock import MeetingClock

if TYPE_CHECKING:
    from inddrag.domain.content import ContentPack
    from inddrag.domain.session import Session
    from inddrag.ui.state import OpenSession


@dataclass
class Context:
    """The pack, the UI language, the open session, the clock, the working folder."""

    pack: ContentPack
    lang: str
    state: OpenSession
    clock: MeetingClock
    cwd: Path

    @property
    def session(self) -> Session:
        """The session being worked on."""
        return self.state.session

    @property
    def kind(self) -> str:
        """``team`` or ``prep``."""
        return self.state.kind

    def tr(self, key: str, **params: object) -> str:
        """A string of the UI in the session's language."""
        return t(key, self.lang, **params)
