"""The dot votes of one advice: a number, a bar, and keys to change it."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget

from inddrag.i18n import t
from inddrag.ui.widgets.bars import bar


class VoteCounter(Widget, can_focus=True):
    """``Stemmer: 3 ███   − / +`` — focusable; ``+``/``-`` (or clicking) change the count."""

    DEFAULT_CSS = """
    VoteCounter { height: 1; width: 1fr; }
    VoteCounter:focus { background: $boost; text-style: bold; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus,equals_sign,up", "change(1)", "keys.vote_up", show=False),
        Binding("minus,down", "change(-1)", "keys.vote_down", show=False),
    ]

    class Changed(Message):
        """The leader asked to change the votes by ``delta``."""

        def __init__(self, delta: int) -> None:
            super().__init__()
            self.delta = delta

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.votes = 0
        self.scale = 10

    def show(self, votes: int, scale: int) -> None:
        self.votes = votes
        self.scale = max(scale, votes, 1)
        self.refresh()

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(t("ui.votes_label", self.lang) + " ", style="bold")
        text.append(f"{self.votes:>2} ", style="bold")
        text.append(bar(self.votes, self.scale, 20).ljust(21))
        text.append(" [−]", style=Style(meta={"@click": "change(-1)"}))
        text.append(" [+]", style=Style(meta={"@click": "change(1)"}))
        text.append("  " + t("ui.votes_keys", self.lang), style="dim")
        return text

    def action_change(self, delta: int) -> None:
        self.post_message(self.Changed(delta))
