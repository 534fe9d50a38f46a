"""Editing one piece of text: a roles cell (multi-line) or a name (one line)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static, TextArea

from inddrag.domain.safe_text import visible
from inddrag.ui.dialogs.base import Dialog


class CellEditor(Dialog[str]):
    """A multi-line editor. Escape, ctrl+s and "Færdig" keep the text; "Annullér" drops it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,ctrl+s", "done", "keys.done", show=False, priority=True),
    ]

    def __init__(self, lang: str, title: str, text: str, hint: str = "") -> None:
        super().__init__(lang)
        self.title_text = title
        self.text = text
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Text(visible(self.title_text)), classes="dialog-title")
            if self.hint:
                yield Static(Text(self.hint, style="italic"), classes="dialog-note")
            yield TextArea(
                visible(self.text, lines=True), id="cell-text", soft_wrap=True, tab_behavior="focus"
            )
            yield Static(Text(self.tr("ui.cell_keys")), classes="dialog-note")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.tr("ui.button_done"), id="done")
                yield Button(self.tr("ui.button_cancel"), id="cancel")

    def on_mount(self) -> None:
        area = self.query_one("#cell-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "done":
            self.action_done()
        else:
            self.dismiss(None)

    def action_done(self) -> None:
        self.dismiss(self.query_one("#cell-text", TextArea).text)


class NameDialog(Dialog[str]):
    """One line of text (a role's name, a column's title). Enter keeps, Escape cancels."""

    def __init__(self, lang: str, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__(lang)
        self.title_text = title
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(visible(self.title_text)), classes="dialog-title")
            yield Input(
                visible(self.value, name=True),
                placeholder=self.placeholder,
                id="name",
                select_on_focus=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.tr("ui.button_ok"), id="ok")
                yield Button(self.tr("ui.button_cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.accept()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.accept()
        else:
            self.dismiss(None)

    def accept(self) -> None:
        value = self.query_one("#name", Input).value.strip()
        if not value:
            self.app.bell()
            return
        self.dismiss(value)
