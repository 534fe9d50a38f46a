"""An optional timebox for the advice on screen: ``⏱ 7:59``, counting down.

Shown in words and digits (never colour alone); when the time is up it says so and rings
the terminal bell once. It belongs to the screen, not the session: nothing is saved.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

from inddrag.i18n import t


class Timebox(Static):
    """A countdown that is blank until started."""

    DEFAULT_CSS = "Timebox { width: auto; padding-left: 2; }"

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.lang = lang
        self.deadline: float | None = None
        self.minutes = 0
        self._timer: Timer | None = None
        self._rang = False

    @property
    def running(self) -> bool:
        return self.deadline is not None

    def start(self, minutes: int) -> None:
        """Count down ``minutes`` from now."""
        self.minutes = minutes
        self.deadline = time.monotonic() + minutes * 60
        self._rang = False
        if self._timer is None:
            self._timer = self.set_interval(1, self.tick)
        else:
            self._timer.resume()
        self.tick()

    def stop(self) -> None:
        """Stop and hide the countdown."""
        self.deadline = None
        if self._timer is not None:
            self._timer.pause()
        self.update("")

    def tick(self) -> None:
        if self.deadline is None:
            return
        left = max(0, round(self.deadline - time.monotonic()))
        minutes, seconds = divmod(left, 60)
        if left:
            self.update(Text(f"⏱ {minutes}:{seconds:02d}", style="bold"))
            return
        self.update(Text(f"⏱ 0:00 – {t('ui.timebox_up', self.lang)}", style="bold reverse"))
        if not self._rang:
            self._rang = True
            self.app.bell()
