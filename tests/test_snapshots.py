"""Snapshots of every step of the walk, Danish and English, at 80×24 and on a projector.

Deterministic: a fixed session (times included), an empty state folder, no cursor blink.
Update after a deliberate change with ``pytest tests/test_snapshots.py --snapshot-update``
and look at the pictures in ``snapshot_report.html`` before committing them.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from inddrag.domain import recovery
from inddrag.ui.clock import MeetingClock
from tests.ui_helpers import FakeClock, make_app, meeting_file, screen_text, settle
from tests.waiting import wait_until

STEP_KEYS = {"advice": [], "prioritise": ["f3"], "roles": ["f4"], "summary": ["f5"]}
SIZES = [(80, 24), (160, 45)]


def frozen() -> MeetingClock:
    """A meeting clock that stands still, so the status line is the same every run."""
    return MeetingClock(now=FakeClock().now)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_start(snap_compare: Any, tmp_path: Path, lang: str, size: tuple[int, int]) -> None:
    app = make_app(tmp_path, lang=lang, clock=frozen())
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("step", list(STEP_KEYS))
def test_step(
    snap_compare: Any, tmp_path: Path, step: str, lang: str, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path, lang, inputs=True), clock=frozen())

    async def go(pilot: Any) -> None:
        await settle(pilot)
        for key in STEP_KEYS[step]:
            await pilot.press(key)
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=go)


def test_new_session_form(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(tmp_path, clock=frozen())

    async def go(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=go)


def test_help(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path), clock=frozen())

    async def go(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=go)


def test_unsaved_work_kept_in_the_recovery_copy(
    snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The status line's "◐ sikret HH:MM:SS": the copy's time comes from a fixed clock."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    written = datetime(2026, 11, 26, 9, 41, 7, tzinfo=UTC)
    monkeypatch.setattr(recovery, "now", lambda: written)
    app = make_app(tmp_path, file=meeting_file(tmp_path), clock=frozen())

    async def go(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("end", "!")  # typed into the notes: the file is no longer saved
        # The autosave's own timer writes the copy; the status line then says so.
        await wait_until(
            lambda: "sikret" in screen_text(pilot.app).splitlines()[0],
            pause=pilot.pause,
            what="the status line to say the work is kept",
        )
        await settle(pilot)

    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=go)
    finally:
        monkeypatch.undo()
        time.tzset()
