"""A message with one button: errors and notices that must be read."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from inddrag.domain.safe_text import visible
from inddrag.ui.dialogs.base import Dialog


class MessageDialog(Dialog[None]):
    """Shows ``text`` (never read as markup) under ``title`` until dismissed."""

    def __init__(self, lang: str, title: str, text: str) -> None:
        super().__init__(lang)
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(visible(self.title_text)), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(Text(visible(self.text, lines=True)))
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.tr("ui.button_ok"), id="ok")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
