"""F1: how to close this, the walk in a few lines, and every key of the step you are on."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from inddrag.ui.commands import bindings_for
from inddrag.ui.dialogs.base import Dialog


class HelpDialog(Dialog[None]):
    """Help for one step: ``keys`` is (key, what it does) for every key that works there."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("help")

    def __init__(self, lang: str, step: str, keys: list[tuple[str, str]], extra: str = "") -> None:
        super().__init__(lang)
        self.step = step
        self.keys = keys
        self.extra = extra

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, description in self.keys:
            table.add_row(key, description)
        with Vertical(classes="dialog full"):
            yield Static(Text(self.tr("ui.help_title")), classes="dialog-title")
            yield Static(Text(self.tr("ui.help_close"), style="bold"), classes="help-close")
            with VerticalScroll(classes="dialog-body", id="help-body"):
                yield Static(Text(self.tr(f"ui.help_{self.step}"), style="italic"))
                if self.extra:
                    yield Static(Text(self.extra), classes="help-gap")
                yield Static(Text(self.tr("ui.help_walk")), classes="help-gap")
                heading = Text(self.tr("ui.help_keys_heading"), style="bold")
                yield Static(heading, classes="help-gap")
                yield Static(table)
                yield Static(Text(self.tr("ui.help_no_fkeys")), classes="help-gap")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
