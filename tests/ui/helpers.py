"""What the UI tests share: the app as the CLI builds it, and the screen as plain text.

Tests drive the app with keys and assert on what the screen shows and on the files
written; none reads the app's attributes, so a refactor of where the session lives changes
no test. What a test needs to know of the session it reads from the saved file.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import tomllib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot

from inddrag.domain import filelock
from inddrag.domain.content import bundled_pack_dir, load_pack
from inddrag.ui.clock import MeetingClock
from tests.ui_helpers import WHEN, FakeClock, make_app, meeting_file, screen_text, settle
from tests.waiting import DEADLINE

__all__ = [
    "IDS",
    "FakeClock",
    "MeetingClock",
    "appears",
    "find_line",
    "leave_recovery_copy",
    "lock_for",
    "make_app",
    "meeting_file",
    "notes_in",
    "notices",
    "press",
    "press_text",
    "read_toml",
    "running",
    "screen_text",
    "settle",
    "squashed",
    "status",
    "status_line",
    "top_text",
    "votes_in",
    "words",
]

SIZE = (100, 30)

# Borders and scrollbars that frame a line of text on screen.
BORDERS = " │█▊▎▏▌▐┃║▔▁▀▄"

# The advice ids of the shipped pack, in order (advice 1 is IDS[0]).
IDS = tuple(advice.id for advice in load_pack(bundled_pack_dir("da")).advice)


def top_text(app: App[Any]) -> str:
    """The top screen as plain text: a dialog's own box (the rows and columns its widgets
    cover) without the screen under it; a step the whole screen. Trailing spaces dropped."""
    lines = [line.rstrip() for line in screen_text(app).splitlines()]
    own = [c for c in app.screen.children if not (c.id or "").startswith("textual-")]
    if app.screen.is_modal and own:
        box = Region.from_union([child.region for child in own])
        lines = [line[box.x : box.right].rstrip() for line in lines[box.y : box.bottom]]
    return "\n".join(lines)


def find_line(app: App[Any], needle: str) -> str:
    """The first line containing ``needle`` on the top screen (a dialog without the screen
    under it), without the borders around it."""
    for line in top_text(app).splitlines():
        if needle in line:
            return line.strip(BORDERS)
    raise AssertionError(f"{needle!r} is not on screen:\n{screen_text(app)}")


def status_line(app: App[Any]) -> str:
    """The status line at the top (title – file, clock, save state), even under a dialog."""
    return screen_text(app).splitlines()[0].strip()


def status(app: App[Any]) -> tuple[str, str]:
    """The status line's two ends: ("title – file", "save state"), the clock between left out."""
    parts = re.split(r" {2,}", status_line(app))
    return parts[0], parts[-1]


def words(app: App[Any]) -> str:
    """The top screen's text as read: borders dropped, wrapped lines joined by one space."""
    lines = top_text(app).splitlines()
    text = " ".join(line.strip(BORDERS) for line in lines)
    # A scrollbar's thumb stands at the end of some lines: it is not text.
    return " ".join(text.translate({ord(c): " " for c in "▁▂▃▄▅▆▇█▀"}).split())


def squashed(text: str) -> str:
    """``text`` without any whitespace, to compare text that may wrap anywhere (paths)."""
    return "".join(text.split())


def notices(app: App[Any]) -> list[str]:
    """The notifications on screen, each as one line of words (wrapping undone)."""
    lines = screen_text(app).splitlines()
    found = []
    for toast in app.screen.query("Toast"):
        box = toast.region
        rows = [line[box.x : box.right].strip(BORDERS) for line in lines[box.y : box.bottom]]
        found.append(" ".join(" ".join(rows).split()))
    return found


@asynccontextmanager
async def running(app: App[Any], size: tuple[int, int] = SIZE) -> AsyncIterator[Pilot[Any]]:
    """Run ``app`` headless at ``size`` and let its first screen settle."""
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        yield pilot


async def press_text(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` key by key, as a user would (newlines as Enter)."""
    await pilot.press(*["enter" if char == "\n" else char for char in text])


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press ``keys`` and let the screen finish what they started (cheaper than settle)."""
    await pilot.press(*keys)
    await pilot.pause()


async def appears(pilot: Pilot[Any], text: str, timeout: float = DEADLINE) -> bool:
    """Wait until ``text`` is on screen (for work done in the background); False if it
    never comes within ``timeout`` seconds (a hang guard: generous, see tests/waiting.py)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while text not in screen_text(pilot.app):
        if loop.time() > end:
            return False
        await pilot.pause(0.05)
    return True


def read_toml(path: Path) -> dict[str, Any]:
    """A saved file, parsed."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


def leave_recovery_copy(state_dir: Path, source: Path, notes: str) -> Path:
    """The recovery copy an app killed while editing ``source`` leaves behind.

    Written by hand in the documented format (docs/session-format.md: the session file
    with a ``[recovery]`` table after the version), so it does not depend on the
    autosaver's API; the first advice's notes are replaced by ``notes``.
    """
    assert not set(notes) & set('"\\\n'), "plain one-line notes only"
    text = source.read_text(encoding="utf-8")
    # The file was last saved before the crash: a minute before the copy was written.
    os.utime(source, (WHEN.timestamp() - 60, WHEN.timestamp() - 60))
    head, sep, body = text.partition("version = 2\n")
    assert sep, "the session file's version line moved"
    # The first notes, one line or a multi-line literal string (docs/session-format.md).
    first_notes = r"(?ms)^notes = (?:'{3}.*?'{3}|[^\n]*)$"
    body = re.sub(first_notes, f'notes = "{notes}"', body, count=1)
    header = (
        "\n[recovery]\n"
        f"written = {WHEN.isoformat()}\n"
        f'source = "{source}"\n'
        'title = "Nyt vagtplanssystem"\n'
        'instance = "4242-deadbeef"\n'
        "pid = 4242\n"
    )
    folder = state_dir / "recovery"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / "recovery-4242-deadbeef.toml"
    path.write_text(head + sep + header + body, encoding="utf-8")
    return path


def notes_in(path: Path, advice_id: str) -> str:
    """The notes saved for ``advice_id`` in the session file at ``path`` ("" if none)."""
    for entry in read_toml(path).get("advice", []):
        if entry["id"] == advice_id:
            return str(entry.get("notes", ""))
    return ""


def votes_in(path: Path, advice_id: str) -> int:
    """The votes saved for ``advice_id`` in the session file at ``path`` (0 if none)."""
    for entry in read_toml(path).get("advice", []):
        if entry["id"] == advice_id:
            return int(entry.get("votes", 0))
    return 0


def lock_for(path: Path, pid: int, host: str | None = None) -> None:
    """A lock beside ``path`` as another window (of user "bo", process ``pid``) leaves it."""
    info = filelock.LockInfo.mine()
    data = {"user": "bo", "host": host or info.host, "pid": pid, "since": info.since}
    filelock.lock_path(path).write_text(json.dumps(data), encoding="utf-8")
