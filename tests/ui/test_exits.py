"""Every way out of every dialog lands on a live screen (issue 10, item 1): ctrl+q on each
step of a session never saved, then Gem / Kassér / Annullér / Escape, and Escape or
Annullér inside the file-name dialog that Gem opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui_helpers import make_app, screen_text, settle

STEPS = {
    "f2": "Råd 1 af 10",
    "f3": "Hvilke er vigtigst",
    "f4": "Hvem skal gøre hvad",
    "f5": "referatet",
}


async def new_meeting(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("enter")  # "Ny holddrøftelse"
    await settle(pilot)
    await pilot.press(*"Møde", "enter", "enter", "enter", "enter")
    await settle(pilot)
    await pilot.press(*"noter")


CANCELS = (
    ("escape",),  # Escape on "Gem ændringerne?"
    ("right", "right", "enter"),  # Annullér
    ("enter", "escape"),  # Gem, then Escape in the file-name dialog
    ("enter", "tab", "tab", "enter"),  # Gem, then Annullér in the file-name dialog
)


@pytest.mark.parametrize("step", list(STEPS))
async def test_cancelling_quit_returns_to_the_step(tmp_path: Path, step: str) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_meeting(pilot)
        await pilot.press(step)
        await settle(pilot)
        for answers in CANCELS:
            await pilot.press("ctrl+q")
            await settle(pilot)
            assert "Gem ændringerne?" in screen_text(app)
            for key in answers:
                await pilot.press(key)
                await settle(pilot)
            assert app.is_running, answers
            assert STEPS[step] in screen_text(app), answers
        # The app still answers: quit for real, discarding.
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("right", "enter")  # Kassér ændringerne
        await settle(pilot)
    assert app.return_code == 0
    assert list(tmp_path.glob("*.toml")) == []


@pytest.mark.parametrize("step", list(STEPS))
async def test_quit_save_writes_the_file_and_leaves(tmp_path: Path, step: str) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_meeting(pilot)
        await pilot.press(step)
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("enter")  # Gem
        await settle(pilot)
        await pilot.press("enter")  # the proposed name
        await settle(pilot)
    assert app.return_code == 0
    [saved] = tmp_path.glob("*.toml")
    assert saved.name == "moede.toml"
    assert "noter" in saved.read_text(encoding="utf-8")


async def test_discard_leaves_without_writing(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_meeting(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("right", "enter")
        await settle(pilot)
    assert app.return_code == 0
    assert list(tmp_path.glob("*.toml")) == []
    assert list((tmp_path / "state").rglob("*.toml")) == []  # no recovery copy left behind
