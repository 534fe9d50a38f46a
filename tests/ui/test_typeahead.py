"""Type-ahead with Pilot: keys sent back to back, as a fast typist or a paste sends them.

Pilot's ``press`` waits after each key; here the keys go to the app's driver in one go
(:func:`burst`), so each key arrives while the screen its forerunner asked for is still
appearing. The tests wait until the app has taken in every key and assert on the screen
and on the files. ``tests/test_typeahead_tmux.py`` does the same in a real terminal under
load.
"""

from __future__ import annotations

import asyncio
import unicodedata
from pathlib import Path
from typing import Any

from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot

from tests.ui.helpers import (
    find_line,
    make_app,
    meeting_file,
    read_toml,
    running,
    status_line,
    top_text,
)

SIZE = (80, 24)


def burst(pilot: Pilot[Any], *keys: str) -> None:
    """Send ``keys`` (names, or text of one character each) with no wait between them,
    made into key events as Pilot makes them."""
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
        try:
            char: str | None = unicodedata.lookup(
                _get_unicode_name_from_key(REPLACED_KEYS.get(name, name))
            )
        except KeyError:
            char = name if len(name) == 1 else None
        event = events.Key(name, char)
        event.set_sender(pilot.app)
        driver.send_message(event)


async def taken_in(pilot: Pilot[Any], timeout: float = 30.0) -> None:
    """Wait until every key sent has reached the screen it was typed for, and that screen
    has done what it asked (a generous deadline; the test fails when it passes)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    await pilot.pause()
    while pilot.app.typeahead.busy:
        assert loop.time() < end, "the keys were never all taken in"
        await pilot.pause(0.02)
    await pilot.pause()


async def test_a_new_team_session_typed_ahead_fills_each_field_and_saves_by_name(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with running(app, SIZE) as pilot:
        burst(pilot, "enter", *"Titel", "tab", *"Hold", "tab", *"Navn", "tab", *"Anna, Bo")
        burst(pilot, "enter", "ctrl+s", "ctrl+u", *"ny-fil.toml", "enter")
        await taken_in(pilot)
    info = read_toml(tmp_path / "ny-fil.toml")["session"]
    assert (info["kind"], info["title"], info["team"], info["facilitator"]) == (
        "team",
        "Titel",
        "Hold",
        "Navn",
    )
    assert info["participants"] == ["Anna", "Bo"]


async def test_a_preparation_typed_ahead_keeps_title_team_and_name_apart(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with running(app, SIZE) as pilot:
        burst(pilot, "down", "enter", *"Titel", "tab", *"Hold", "tab", *"Navn", "enter")
        burst(pilot, "ctrl+s", "ctrl+u", *"forb.toml", "enter")
        await taken_in(pilot)
    info = read_toml(tmp_path / "forb.toml")["session"]
    assert (info["kind"], info["title"], info["team"], info["facilitator"]) == (
        "prep",
        "Titel",
        "Hold",
        "Navn",
    )


async def test_enter_twice_on_the_start_screen_opens_one_dialog(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with running(app, SIZE) as pilot:
        burst(pilot, "enter", "enter")
        await taken_in(pilot)
        assert find_line(app, "Ny holddrøftelse") == "Ny holddrøftelse"
        burst(pilot, "escape")
        await taken_in(pilot)
        # One Escape and the start screen is back: there was one dialog, not two.
        assert "Ny individuel forberedelse  (forbered dig alene før mødet)" in top_text(app)
        assert "Mangler:" not in top_text(app)


async def test_a_step_storm_then_letters_writes_no_file_and_no_cell(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    before = path.read_bytes()
    app = make_app(tmp_path, file=path)
    async with running(app, SIZE) as pilot:
        burst(pilot, "f2", "f3", "f4", "f5", "f2", "f4", "f3", "f5", "a", "b", "c")
        await taken_in(pilot)
        assert "▶ F5 Referat" in find_line(app, "F5 Referat")  # the step the storm ended on
        burst(pilot, "escape")
        await taken_in(pilot)
    # No letter exported, saved or edited anything.
    written = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".~lock."))
    assert written == ["møde.toml", "state"]
    assert path.read_bytes() == before


async def test_a_held_enter_never_answers_the_quit_question(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app, SIZE) as pilot:
        burst(pilot, *"Ny note", "ctrl+q", "enter", "space", *"xyz")
        await taken_in(pilot)
        # The question is still asked; nothing was saved or thrown away.
        assert find_line(app, "Gem ændringerne?") == "Gem ændringerne?"
        assert "Ny note" not in path.read_text(encoding="utf-8")
        burst(pilot, "escape")
        await taken_in(pilot)
        assert "Ny note" in top_text(app)


async def test_a_burst_of_letters_lands_whole_and_in_order_in_the_notes(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    text = "abcdefghij" * 100  # a paste without bracketed paste: one key per letter
    async with running(app, SIZE) as pilot:
        burst(pilot, *text, "ctrl+s")
        await taken_in(pilot)
    assert read_toml(path)["advice"][0]["notes"].endswith("vagtbytte." + text)


async def test_a_paste_typed_ahead_of_a_dialog_reaches_its_field(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with running(app, SIZE) as pilot:
        driver = pilot.app._driver
        assert driver is not None
        burst(pilot, "enter")
        driver.send_message(events.Paste("Indsat titel"))
        burst(pilot, "tab", *"Hold", "enter", "enter", "enter")
        burst(pilot, "ctrl+s", "ctrl+u", *"indsat.toml", "enter")
        await taken_in(pilot)
    info = read_toml(tmp_path / "indsat.toml")["session"]
    assert (info["title"], info["team"]) == ("Indsat titel", "Hold")


async def test_letters_on_prioritise_do_nothing_and_the_status_line_says_where_typing_goes(
    tmp_path: Path,
) -> None:
    path = meeting_file(tmp_path)
    before = read_toml(path)
    app = make_app(tmp_path, file=path)
    async with running(app, SIZE) as pilot:
        burst(pilot, "f3", *"Live-note-fra,o+-p")  # (space marks: a list's own key)
        await taken_in(pilot)
        assert "Bogstaver gør intet her – noter skrives under F2 Råd" in status_line(app)
        assert "▶ F3 Prioritér" in find_line(app, "F3 Prioritér")  # no advice was opened
        burst(pilot, "ctrl+s")
        await taken_in(pilot)
    after = read_toml(path)  # saved: the order and every note as they were
    assert after["priorities"] == before["priorities"]
    assert [a["notes"] for a in after["advice"]] == [a["notes"] for a in before["advice"]]


async def test_keys_typed_once_the_question_is_there_answer_it(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app, SIZE) as pilot:
        burst(pilot, *" ny")
        await taken_in(pilot)
        burst(pilot, "ctrl+q")
        await taken_in(pilot)
        assert find_line(app, "Gem ændringerne?") == "Gem ændringerne?"
        # Seen, then answered quickly: Enter waits behind the arrows, and still answers.
        burst(pilot, "right", "right", "enter")  # Annullér
        await taken_in(pilot)
        assert "Gem ændringerne?" not in top_text(app)
        assert "vagtbytte. ny" in top_text(app)


async def test_a_widget_is_done_when_its_pump_waits_on_an_empty_queue() -> None:
    from types import SimpleNamespace

    from textual._queue import Queue

    from inddrag.ui.typeahead import _idle

    queue: Queue[object] = Queue()
    node: Any = SimpleNamespace(_message_queue=queue, _next_callbacks=[])
    assert _idle(node) is False  # nobody waits for the next message: mid-handler
    reader = asyncio.ensure_future(queue.get())
    await asyncio.sleep(0)
    assert _idle(node) is True  # the pump waits, nothing queued, nothing to call
    node._next_callbacks.append(print)
    assert _idle(node) is False
    node._next_callbacks.clear()
    queue.put_nowait("a message")
    await reader
    assert _idle(node) is False  # taken, being handled
    node._message_queue = SimpleNamespace(empty=lambda: True)  # a queue of another kind
    assert _idle(node) is None  # cannot be looked at: asked with a callback instead
