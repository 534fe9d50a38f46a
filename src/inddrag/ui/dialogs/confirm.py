"""Questions with a few answers: Save / Discard / Cancel on quit, yes/no before removing."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

if TYPE_CHECKING:
    from inddrag.ui.app import InddragApp


class ChoiceDialog(ModalScreen[str | None]):
    """A question with buttons; returns the chosen button's id, or None on Escape."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", show=False),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]
    app: InddragApp

    def __init__(self, title: str, text: str, choices: list[tuple[str, str]], default: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.choices = choices
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield Static(Text(self.text), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                for choice_id, label in self.choices:
                    if choice_id == self.default:
                        yield Button(label, id=choice_id, variant="primary")
                    else:
                        yield Button(label, id=choice_id)

    def on_mount(self) -> None:
        self.query_one(f"#{self.default}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class QuitDialog(ChoiceDialog):
    """ "Gem ændringerne før du afslutter?" — Gem / Kassér / Annullér."""

    def __init__(self) -> None:
        super().__init__("", "", [], "save")

    def compose(self) -> ComposeResult:
        tr = self.app.tr
        self.title_text = tr("ui.quit_title")
        self.text = tr("ui.quit_text")
        self.choices = [
            ("save", tr("ui.button_save")),
            ("discard", tr("ui.button_discard")),
            ("cancel", tr("ui.button_cancel")),
        ]
        yield from super().compose()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)


def confirm_remove(app: InddragApp, what: str) -> ChoiceDialog:
    """ "Fjern … og teksten i den?" — Fjern / Annullér, Annullér preselected."""
    return ChoiceDialog(
        app.tr("ui.remove_title"),
        app.tr("ui.remove_text", what=what),
        [("remove", app.tr("ui.button_remove")), ("cancel", app.tr("ui.button_cancel"))],
        "cancel",
    )
