"""The meeting clock: how long the meeting and each advice have taken, against the plan.

Plain Python, driven by an injectable clock function so tests need no sleeps. The App
calls :meth:`MeetingClock.tick` once a second with the step and advice on screen; time is
counted for the advice that is on screen. A timebox (minutes per advice) is optional and
survives moving between advice; the meeting's plan defaults to 90 minutes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

PLAN_MINUTES = 90
TIMEBOX_MINUTES = 8  # about 90 minutes for ten advice, with time left for the rest


def clock_text(seconds: float) -> str:
    """``83`` → ``1:23``; ``3725`` → ``62:05`` (minutes keep counting past an hour)."""
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


@dataclass
class MeetingClock:
    """Elapsed time of the meeting and of each advice, and an optional timebox."""

    now: Callable[[], float] = time.monotonic
    plan_minutes: int = PLAN_MINUTES
    timebox_minutes: int | None = None
    started: float | None = None
    per_advice: dict[str, float] = field(default_factory=dict)
    _last: float | None = None
    _rang: set[str] = field(default_factory=set)

    def start(self) -> None:
        """Start counting (once; later calls do nothing)."""
        if self.started is None:
            self.started = self._last = self.now()

    @property
    def elapsed(self) -> float:
        """Seconds since the meeting started."""
        return 0.0 if self.started is None else self.now() - self.started

    @property
    def over_plan(self) -> bool:
        """True when the meeting has run past its plan."""
        return self.started is not None and self.elapsed > self.plan_minutes * 60

    def tick(self, advice_id: str | None) -> None:
        """Count the time since the last tick for ``advice_id`` (None: not on an advice)."""
        if self.started is None:
            return
        now = self.now()
        if advice_id is not None and self._last is not None:
            self.per_advice[advice_id] = self.per_advice.get(advice_id, 0.0) + (now - self._last)
        self._last = now

    def spent(self, advice_id: str) -> float:
        """Seconds spent on ``advice_id`` so far."""
        return self.per_advice.get(advice_id, 0.0)

    def over_box(self, advice_id: str) -> bool:
        """True when a timebox is set and ``advice_id`` has used it up."""
        box = self.timebox_minutes
        return box is not None and self.spent(advice_id) >= box * 60

    def should_ring(self, advice_id: str) -> bool:
        """True once per advice, the first time it is over its timebox."""
        if self.over_box(advice_id) and advice_id not in self._rang:
            self._rang.add(advice_id)
            return True
        return False

    def resume(self, seconds: float, per_advice: dict[str, float], timebox: int | None) -> None:
        """Go on from a kept reading (a reopened meeting, a recovered crash): the meeting has
        run ``seconds``, each advice its ``per_advice`` seconds, with ``timebox``."""
        now = self.now()
        self.started, self._last = now - seconds, now
        self.per_advice = dict(per_advice)
        self.set_timebox(timebox)
        # A box already used up does not ring again on reopening.
        self._rang = {advice for advice in self.per_advice if self.over_box(advice)}

    def set_timebox(self, minutes: int | None) -> None:
        """Give every advice ``minutes`` (None: no timebox)."""
        self.timebox_minutes = minutes
        self._rang.clear()
