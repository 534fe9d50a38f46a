"""Go to any advice: a list of numbers and titles, the discussed ones marked."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from inddrag.domain import session as ops

if TYPE_CHECKING:
    from inddrag.ui.app import InddragApp


class JumpDialog(ModalScreen[int | None]):
    """Returns the index of the chosen advice."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]
    app: InddragApp

    def __init__(self, current: int) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        app = self.app
        session = app.session
        options = []
        for index, advice in enumerate(app.pack.advice):
            votes = ops.votes_of(session, advice.id) if session else 0
            notes = ops.notes_of(session, advice.id) if session else ""
            mark = "■" if notes.strip() or votes else "□"
            label = Text(f"{mark} {index + 1:>2}. {advice.title}")
            if votes:
                label.append(f"  ({app.tr('ui.votes_short', votes=votes)})", style="dim")
            options.append(Option(label, id=f"a{index}"))
        with Vertical(classes="dialog wide"):
            yield Static(Text(app.tr("ui.jump_title")), classes="dialog-title")
            yield OptionList(*options, id="jump-list")
            yield Static(Text(app.tr("ui.jump_legend")), classes="dialog-note")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.current
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int((event.option.id or "a0")[1:]))

    def action_cancel(self) -> None:
        self.dismiss(None)
