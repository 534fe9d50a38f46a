"""Waiting for a condition, never for a time: the suite's one way to wait.

A test that sleeps and then looks is a bet on how fast the machine is; on a loaded
machine it loses. These helpers poll a predicate and return as soon as it holds. The
timeout is only a guard against a hang: it is generous (a loaded CI machine is slow), and
when it runs out the test fails with a message naming what never happened.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

T = TypeVar("T")

DEADLINE = 30.0
"""Seconds any one wait may take before the test fails: a hang guard, not a speed test."""


def _describe(what: str | Callable[[], str]) -> str:
    return what if isinstance(what, str) else what()


def wait_for(
    predicate: Callable[[], T],
    timeout: float = DEADLINE,
    *,
    what: str | Callable[[], str] = "the condition",
    interval: float = 0.05,
) -> T:
    """Poll ``predicate`` until it returns something truthy, and return that.

    Fails the test (``AssertionError``) naming ``what`` (a text, or a function giving one,
    e.g. the screen as it was) when ``timeout`` seconds pass first.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout:.0f} s waiting for {_describe(what)}")
        time.sleep(interval)


async def wait_until(
    predicate: Callable[[], T],
    timeout: float = DEADLINE,
    *,
    what: str | Callable[[], str] = "the condition",
    pause: Callable[[], Awaitable[Any]] | None = None,
    interval: float = 0.05,
) -> T:
    """:func:`wait_for` inside an event loop: between polls the loop runs (``pause``, e.g.
    ``pilot.pause``, or a short sleep), so the app under test gets on with its work."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if loop.time() > deadline:
            raise AssertionError(f"gave up after {timeout:.0f} s waiting for {_describe(what)}")
        if pause is not None:
            await pause()
        await asyncio.sleep(interval)
