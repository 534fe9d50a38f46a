"""Keys that do what people expect (issue 10, items 9 and 10): Enter opens an advice on
the prioritise step, typing on a roles cell edits it, every structural change undoes with
ctrl+z, the palette answers in Danish, and the last advice says what comes next."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.ui_helpers import make_app, meeting_file, screen_text, settle
from tests.waiting import wait_until


def saved(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


async def test_enter_on_prioritise_opens_the_advice_and_space_marks(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("down", "down", "space")  # mark the first of the rest
        await pilot.press("ctrl+z")  # and take it back
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.id == "advice"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert saved(path)["priorities"] == {"order": ["konsekvenser", "tidligt"]}


async def test_typing_on_a_cell_edits_it_and_nothing_is_a_shortcut(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("down", *"Anna n k m", "ctrl+s")  # ctrl+s keeps the cell
        await settle(pilot)
        assert app.screen.id == "roles"
        await pilot.press("ctrl+s")
        await settle(pilot)
    rows = saved(path)["roles"]["rows"]  # type: ignore[index]
    assert rows[1]["cells"]["hvad"] == "Anna n k m"


async def test_removing_and_renaming_undo_with_ctrl_z(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("delete")  # "Ledere" has text: asks first
        await settle(pilot)
        await pilot.press("left", "enter")  # Fjern
        await settle(pilot)
        assert "Ledere" not in screen_text(app)
        await pilot.press("ctrl+l")  # rename the column under the cursor
        await settle(pilot)
        await pilot.press(*" (kort)", "enter")
        await settle(pilot)
        assert "Hvad (kort)" in screen_text(app)
        await pilot.press("ctrl+z", "ctrl+z")
        await settle(pilot)
        text = screen_text(app)
        assert "Ledere" in text and "(kort)" not in text
        await pilot.press("ctrl+s")
        await settle(pilot)
    roles = saved(path)["roles"]
    assert roles["rows"][0]["name"] == "Ledere"  # type: ignore[index]
    assert roles["columns"][0]["title"] == "Hvad"  # type: ignore[index]


async def test_the_palette_says_no_match_in_danish(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"xyzq")
        # The palette searches in a worker: wait for its answer, not for a time.
        text = await wait_until(
            lambda: "xyzq”" in (shown := screen_text(app)) and shown,
            pause=pilot.pause,
            what=lambda: f"the palette's answer:\n{screen_text(app)}",
        )
        assert "Ingen kommando passer til “xyzq”" in text
        assert "No matches" not in text
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p", *"råd 7", "enter")
        await settle(pilot)
        assert "Råd 7 af 10" in screen_text(app)


async def test_the_last_advice_says_what_comes_next(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g", "end", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "Råd 10 af 10" in text and "F3: prioritér" in text
