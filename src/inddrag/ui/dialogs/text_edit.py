"""Editing one piece of text: a roles cell (multi-line) or a name (one line)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static, TextArea

from inddrag.domain.safe_text import visible
from inddrag.ui.commands import bindings_for
from inddrag.ui.dialogs.base import Dialog


class CellText(TextArea):
    """The cell's text. Escape and ctrl+s keep it, acted on in turn with the letters typed
    before them (so the last letter of a fast typist is kept too)."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key in ("escape", "ctrl+s"):
            event.stop()
            event.prevent_default()
            await self.run_action("screen.done")
            return
        await super()._on_key(event)


class CellEditor(Dialog[str]):
    """A multi-line editor. Escape, ctrl+s and "Færdig" keep the text; "Annullér" drops it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("text_edit")

    def __init__(self, lang: str, title: str, text: str, hint: str = "", first: str = "") -> None:
        super().__init__(lang)
        self.title_text = title
        self.text = text
        self.hint = hint
        #: The letter that opened the editor (typing on a cell, as in a spreadsheet); the
        #: keys typed after it reach the editor through the App's type-ahead queue.
        self.first = first

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Text(visible(self.title_text)), classes="dialog-title")
            if self.hint:
                yield Static(Text(self.hint, style="italic"), classes="dialog-note")
            yield CellText(
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
        area.insert(self.first)

    def on_key(self, event: events.Key) -> None:
        # A key that came before the editor had the focus still belongs to the text.
        area = self.query_one("#cell-text", TextArea)
        if event.is_printable and event.character and not area.has_focus:
            event.stop()
            area.focus()
            area.move_cursor(area.document.end)
            area.insert(event.character)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "done":
            self.action_done()
        else:
            self.dismiss(None)

    def action_done(self) -> None:
        self.dismiss(self.query_one("#cell-text", TextArea).text)

    def action_cancel(self) -> None:
        """Escape keeps what was typed, as "Færdig" does: nothing typed is dropped unasked
        (only the "Annullér" button drops it)."""
        self.action_done()


class NameDialog(Dialog[str]):
    """One line of text (a role's name, a column's title). Enter keeps, Escape cancels."""

    def __init__(
        self,
        lang: str,
        title: str,
        value: str = "",
        placeholder: str = "",
        first: str = "",
    ) -> None:
        super().__init__(lang)
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.first = first

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
        name = self.query_one("#name", Input)
        name.focus()
        name.value += self.first
        name.cursor_position = len(name.value)

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
