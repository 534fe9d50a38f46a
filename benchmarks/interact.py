"""Timing one interaction in-process: post the key, run until the app is quiet, paint.

Pilot's ``press`` waits for the CPU to go idle (``wait_for_idle``, tens of milliseconds a
key), which would swamp what we measure. Instead we post the key event to the app the way
the terminal driver does, let the event loop run until no widget has a message waiting,
then do the screen update the 60 fps timer would do (layout, compositor, the changed lines
rendered) at once, and stop the clock. The same harness times the app and the baselines.

Headless, so the final step of turning the rendered lines into escape codes for the
terminal is skipped, for the app and the baselines alike.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.widgets import TextArea

SIZE = (120, 40)
PACE = 0.06
"""Seconds from one key to the next: quick typing, and time for the app's timers to run."""


@dataclass
class Timings:
    samples: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p90(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]


def notes_editor(app: App[object]) -> TextArea:
    """The notes editor on screen: the focused TextArea, else the one shown (``#notes``,
    or the visible one of the ``.notes`` editors when each advice has its own)."""
    focused = app.screen.focused
    if isinstance(focused, TextArea):
        return focused
    for area in app.screen.query(TextArea):
        if (area.id == "notes" or area.has_class("notes")) and area.display:
            return area
    raise LookupError("no notes editor on the screen")


def _pumps(app: App[object]) -> list[MessagePump]:
    return [app, *app.screen.walk_children(with_self=True)]


def _busy(pumps: Sequence[MessagePump]) -> bool:
    return any(not pump._message_queue.empty() or pump._next_callbacks for pump in pumps)


async def settle(app: App[object], pumps: Sequence[MessagePump]) -> None:
    """Run until nothing is queued anywhere (twice in a row), then paint what changed."""
    for _ in range(50):
        quiet = 0
        while quiet < 2:
            await asyncio.sleep(0)
            quiet = 0 if _busy(pumps) else quiet + 1
        screen = app.screen
        if not (
            screen._dirty_widgets
            or screen._layout_required
            or screen._repaint_required
            or screen._scroll_required
        ):
            return
        screen._on_timer_update()


async def time_keys(
    app: App[object],
    keys: Callable[[int], tuple[str, str | None]],
    samples: int,
    *,
    warmup: int = 5,
) -> Timings:
    """Time ``samples`` key presses; ``keys(n)`` gives the n-th key and its character."""
    out: list[float] = []
    gc.collect()
    for n in range(warmup + samples):
        await asyncio.sleep(PACE)
        pumps = _pumps(app)
        await settle(app, pumps)  # start from a quiet app
        key, char = keys(n)
        event = events.Key(key, char)
        start = time.perf_counter()
        app.post_message(event)
        await settle(app, pumps)
        took = time.perf_counter() - start
        if n >= warmup:
            out.append(took)
    return Timings(out)
