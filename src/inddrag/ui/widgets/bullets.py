"""A bulleted list with hanging indents, cheap enough to draw on every move.

A Rich ``Table.grid`` gives the same look but measures every cell several times on each
render (a sixth of the time it took to show the next advice); this wraps each item once,
at the width it is given.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text


class Bullets:
    """``items`` as lines starting with ``marker``; wrapped lines start under the text."""

    def __init__(self, items: Sequence[Text], marker: str = "•") -> None:
        self.items = items
        self.marker = marker

    def _lines(self, console: Console, width: int) -> Iterator[Text]:
        first = self.marker + " "
        indent = " " * len(first)
        inner = max(1, width - len(first))
        for item in self.items:
            for index, line in enumerate(item.wrap(console, inner)):
                line.rstrip()
                yield Text.assemble(first if index == 0 else indent, line)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self._lines(console, options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        lead = len(self.marker) + 1
        widest = max((item.cell_len for item in self.items), default=0)
        return Measurement(min(lead + 1, options.max_width), min(lead + widest, options.max_width))
