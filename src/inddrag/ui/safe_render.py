"""The last line of defence on screen: no control character in text reaches the terminal.

Every string from a file is shown through :func:`inddrag.domain.safe_text.visible` where
it enters a widget (the session title, notes, cells, names, file names, the pack), so a
person sees ``␛`` where a file holds an escape. :class:`NoControls` is the net under all
of it: a Textual line filter, applied to every line of every widget (Textual's own
widgets, notifications and the command palette included), that drops any C0/C1 control
character or bidi override still inside a text segment. They take no cells on screen, so
dropping them never shifts the layout; Textual's own escape sequences travel as control
segments and styles, which the filter leaves alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from rich.segment import Segment
from textual.app import App
from textual.color import Color
from textual.filter import LineFilter

ReturnType = TypeVar("ReturnType")

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class NoControls(LineFilter):
    """Drops control characters and bidi controls from the text of every segment."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        search = _UNSAFE.search
        if search("".join([text for text, _, control in segments if not control])) is None:
            return segments  # one look at the whole line: nearly every line is clean
        return [
            segment
            if segment.control or search(segment.text) is None
            else Segment(_UNSAFE.sub("", segment.text), segment.style)
            for segment in segments
        ]


NO_CONTROLS = NoControls()
"""The one instance (Textual caches filtered lines per filter object)."""


class Chain(LineFilter):
    """Textual's own filters, then :data:`NO_CONTROLS`, as one filter.

    Textual runs every line of every widget through each filter on every repaint, making a
    new line object for each; as one filter that is done once per line instead of twice
    (a sixth of a keystroke in long notes).
    """

    def __init__(self, first: tuple[LineFilter, ...]) -> None:
        super().__init__()
        self.first = first

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        for line_filter in self.first:
            segments = line_filter.apply(segments, background)
        return NO_CONTROLS.apply(segments, background)


class SafeApp(App[ReturnType]):
    """The base of every Textual app inddrag starts (the leader's app, the projector view).

    Its one job: every line on its way to the terminal passes Textual's own filters and
    then :data:`NO_CONTROLS`, so no app of the package can forget the net.
    """

    #: Textual's line filters and ours as one (see get_line_filters).
    _filters_chain: Chain | None = None

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then :data:`NO_CONTROLS`: no control character leaves.

        As one :class:`Chain`, kept while Textual's filters stay the same (Textual caches
        filtered lines per filter object)."""
        first = tuple(super().get_line_filters())
        if self._filters_chain is None or self._filters_chain.first != first:
            self._filters_chain = Chain(first)
        return [self._filters_chain]
