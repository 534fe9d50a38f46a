"""Tick boxes that show their state as ``[✓]``/``[ ]``, not by colour alone."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    """A Checkbox whose box reads ``[✓]`` when ticked and ``[ ]`` when not."""

    @property
    def _button(self) -> Content:
        return Content("[✓]" if self.value else "[ ]")

    def watch_value(self) -> None:
        self.refresh(layout=True)
