"""Go to any advice: a list of numbers and titles, the discussed ones marked."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from inddrag.ui.dialogs.base import Dialog


class JumpDialog(Dialog[int]):
    """One line per advice; returns the index of the chosen one."""

    def __init__(self, lang: str, lines: list[Text], current: int) -> None:
        super().__init__(lang)
        self.lines = lines
        self.current = current

    def compose(self) -> ComposeResult:
        options = [Option(line, id=f"a{index}") for index, line in enumerate(self.lines)]
        with Vertical(classes="dialog wide"):
            yield Static(Text(self.tr("ui.jump_title")), classes="dialog-title")
            yield OptionList(*options, id="jump-list")
            yield Static(Text(self.tr("ui.jump_legend")), classes="dialog-note")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.current
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int((event.option.id or "a0")[1:]))
