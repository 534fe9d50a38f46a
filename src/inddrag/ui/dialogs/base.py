"""The base of every dialog: the shared stylesheet, Escape, focus and the words.

A dialog is a ``ModalScreen[T]`` that takes strings (and the UI language for its own
buttons) and returns a value with :meth:`dismiss`; it never reaches into the App. Escape
calls :meth:`action_cancel`, which returns ``None`` unless a dialog says otherwise, and
the widget named by ``AUTO_FOCUS`` has focus when it opens.
"""

from __future__ import annotations

import asyncio
from typing import ClassVar, TypeVar

from textual.await_complete import AwaitComplete
from textual.binding import BindingType
from textual.screen import ModalScreen

from inddrag.i18n import t
from inddrag.ui.commands import bindings_for
from inddrag.ui.localise import LocalisedBindings

T = TypeVar("T")


class Dialog(LocalisedBindings, ModalScreen[T]):
    """A modal dialog returning a ``T`` (or ``None`` when cancelled)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("dialog")
    #: Whether an Enter or Space typed before the dialog appeared may answer it. A
    #: question (quit, overwrite, conflict) says no: those keys are dropped with a bell.
    ANSWERS_HELD_KEYS: ClassVar[bool] = True

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self._answered = False

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        """Close with ``result`` — once. A second answer (a key pressed twice, a click and a
        key together) would otherwise pop the screen under the dialog."""
        if self._answered or not self.is_current:
            return AwaitComplete(asyncio.sleep(0))
        self._answered = True
        return super().dismiss(result)

    def tr(self, key: str, **params: object) -> str:
        """A string in the dialog's language."""
        return t(key, self.lang, **params)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)
