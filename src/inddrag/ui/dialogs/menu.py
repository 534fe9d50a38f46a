"""A short list of actions to choose from (the roles table's "Mere")."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from inddrag.domain.safe_text import visible
from inddrag.ui.dialogs.base import Dialog


class MenuDialog(Dialog[str]):
    """``(id, label)`` pairs; returns the id of the chosen one."""

    def __init__(self, lang: str, title: str, actions: list[tuple[str, str]]) -> None:
        super().__init__(lang)
        self.title_text = title
        self.actions = actions

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(visible(self.title_text)), classes="dialog-title")
            yield OptionList(*[Option(Text(label), id=key) for key, label in self.actions])

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
