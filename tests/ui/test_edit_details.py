"""'Ret oplysninger' (issue 21, item 7): the title, team, leader and participants of an open
session can be changed in the app, from the palette, with the form that started it."""

from __future__ import annotations

from pathlib import Path

from tests.ui.helpers import (
    make_app,
    meeting_file,
    press,
    press_text,
    read_toml,
    running,
    status_line,
    top_text,
)


async def open_details(pilot: object) -> None:
    await press(pilot, "ctrl+p")  # type: ignore[arg-type]
    await press_text(pilot, "ret oplysninger")  # type: ignore[arg-type]
    await press(pilot)  # type: ignore[arg-type]
    await press(pilot, "enter")  # type: ignore[arg-type]


async def test_the_title_team_and_names_can_be_changed_and_are_saved(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app, size=(80, 24)) as pilot:
        await open_details(pilot)
        form = top_text(app)
        assert "Ret oplysninger" in form and "Gem ændringerne" in form
        assert "Nyt vagtplanssystem" in form  # the form holds what the session says now
        await press(pilot, "ctrl+u")  # the title field has focus: clear it
        await press_text(pilot, "Vagtplan 2027")
        await press(pilot, "tab", "ctrl+u")
        await press_text(pilot, "Hjemmeplejen Syd")
        await press(pilot, "ctrl+j")  # keep the changes
        assert status_line(app).startswith("Vagtplan 2027")
        await press(pilot, "ctrl+s")
    info = read_toml(path)["session"]
    assert (info["title"], info["team"], info["facilitator"]) == (
        "Vagtplan 2027",
        "Hjemmeplejen Syd",
        "Anna Jensen",
    )


async def test_escape_changes_nothing(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    before = path.read_bytes()
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await open_details(pilot)
        await press(pilot, "ctrl+u")
        await press_text(pilot, "Noget andet")
        await press(pilot, "escape")
        assert status_line(app).startswith("Nyt vagtplanssystem")
        assert status_line(app).endswith("✓ alt er gemt")
    assert path.read_bytes() == before


async def test_a_preparation_names_its_preparer(tmp_path: Path) -> None:
    app = make_app(tmp_path, prep=True)  # opens with the preparation's form
    async with running(app) as pilot:
        await press_text(pilot, "Forberedelse")
        await press(pilot, "ctrl+j")
        await open_details(pilot)
        assert "Ret oplysninger" in top_text(app)
        await press(pilot, "tab", "tab")  # title, team, then the preparer's name
        await press_text(pilot, "Bo Larsen")
        await press(pilot, "ctrl+j", "ctrl+s")
        await press(pilot, "ctrl+u")  # the name suggested: replaced by ours
        await press_text(pilot, "forb-bo.toml")
        await press(pilot, "enter")
    info = read_toml(tmp_path / "forb-bo.toml")["session"]
    assert info["facilitator"] == "Bo Larsen"
