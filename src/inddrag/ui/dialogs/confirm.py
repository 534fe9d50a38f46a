"""Questions with a few answers: Save / Discard / Cancel on quit, yes/no before removing."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from inddrag.domain.safe_text import visible
from inddrag.i18n import t
from inddrag.ui.commands import bindings_for
from inddrag.ui.dialogs.base import Dialog


class ChoiceDialog(Dialog[str]):
    """A question with buttons; returns the chosen button's id, or None on Escape.

    The button with id ``cancel`` also returns None. ``default`` has focus when it opens;
    the focused button is shown reversed and marked, whatever the colours.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("confirm")
    ANSWERS_HELD_KEYS: ClassVar[bool] = False  # a key typed ahead never answers a question

    def __init__(
        self, lang: str, title: str, text: str, choices: list[tuple[str, str]], default: str
    ) -> None:
        super().__init__(lang)
        self.title_text = title
        self.text = text
        self.choices = choices
        self.default = default

    def compose(self) -> ComposeResult:
        # Four answers need the room of a wide dialog (their words are longer in English).
        with Vertical(classes="dialog wide" if len(self.choices) > 3 else "dialog"):
            yield Static(Text(visible(self.title_text)), classes="dialog-title")
            yield Static(Text(visible(self.text, lines=True)), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                for choice_id, label in self.choices:
                    yield Button(label, id=choice_id)

    def on_mount(self) -> None:
        self.query_one(f"#{self.default}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "cancel" else event.button.id)


def quit_dialog(lang: str) -> ChoiceDialog:
    """ "Gem ændringerne?" — Gem / Kassér / Annullér, Gem preselected."""
    return ChoiceDialog(
        lang,
        t("ui.quit_title", lang),
        t("ui.quit_text", lang),
        [
            ("save", t("ui.button_save", lang)),
            ("discard", t("ui.button_discard", lang)),
            ("cancel", t("ui.button_cancel", lang)),
        ],
        "save",
    )


def confirm_remove(lang: str, what: str) -> ChoiceDialog:
    """ "Fjern … og teksten i den?" — Fjern / Annullér, Annullér preselected."""
    return ChoiceDialog(
        lang,
        t("ui.remove_title", lang),
        t("ui.remove_text", lang, what=what),
        [("remove", t("ui.button_remove", lang)), ("cancel", t("ui.button_cancel", lang))],
        "cancel",
    )
