"""F1: the walk in a few lines, and every key of the step you are on."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from inddrag.ui.bindings import key_help

if TYPE_CHECKING:
    from inddrag.ui.app import InddragApp


class HelpDialog(ModalScreen[None]):
    """Help for the screen under it."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", show=False),
    ]
    app: InddragApp

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        tr = self.app.tr
        step = self.under.id or "start"
        keys = Table.grid(padding=(0, 2))
        keys.add_column(style="bold", no_wrap=True)
        keys.add_column()
        for key, description in key_help(self.under):
            keys.add_row(key, description)
        for key, description in key_help(self.app):
            keys.add_row(key, description)
        with Vertical(classes="dialog full"):
            yield Static(Text(tr("ui.help_title")), classes="dialog-title")
            with VerticalScroll(classes="dialog-body", id="help-body"):
                yield Static(Text(tr("ui.help_walk")))
                yield Static(Text(tr(f"ui.help_{step}"), style="italic"), classes="help-gap")
                yield Static(Text(tr("ui.help_keys_heading"), style="bold"), classes="help-gap")
                yield Static(keys)
                yield Static(Text(tr("ui.help_close"), style="dim"))

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
