"""How far the team has come: one mark per advice, the current one bracketed."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

MAX_MARKS = 40


def progress_text(done: list[bool], current: int) -> Text:
    """``■ ■ [□] □ …``: ■ discussed (notes or votes), □ not yet; the current in brackets."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if len(done) > MAX_MARKS:
        finished = sum(done)
        text.append(f"{finished}/{len(done)} ■")
        return text
    for index, flag in enumerate(done):
        mark = "■" if flag else "□"
        if index == current:
            text.append(f"[{mark}]", style="bold")
        else:
            text.append(f" {mark} ", style=Style(meta={"@click": f"screen.go({index})"}))
    return text


class AdviceProgress(Static):
    """A row of marks, one per advice; click one to go there."""

    DEFAULT_CSS = "AdviceProgress { height: 1; width: auto; }"

    def show(self, done: list[bool], current: int) -> None:
        self.update(progress_text(done, current))
