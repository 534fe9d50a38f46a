"""ctrl+q on an open file: straight out when all is saved; Gem / Kassér / Annullér / Escape
when it is not, and the mouse in the file-name dialog of a session never saved. (Every key
on every step of a new session: tests/ui/test_exits.py.)"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.ui.helpers import (
    IDS,
    find_line,
    make_app,
    meeting_file,
    notes_in,
    press,
    press_text,
    running,
    status_line,
    words,
)


def recovery_copies(folder: Path) -> list[str]:
    return sorted(p.name for p in (folder / "state" / "recovery").glob("*.toml"))


async def new_unsaved_session(pilot: Pilot[object], title: str) -> None:
    """From the start screen: a new team session with only a title, on the advice step."""
    await press(pilot, "n")
    await press_text(pilot, title)
    await press(pilot, "enter", "enter", "enter", "enter")


async def test_ctrl_q_with_everything_saved_quits_at_once(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app) as pilot:
        await press(pilot, "ctrl+q")
        assert not app.is_running
    assert app.return_code == 0


async def test_gem_saves_and_quits(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "ctrl+n", "N", "y", "ctrl+q")
        assert find_line(app, "Gem ændringerne?") == "Gem ændringerne?"
        assert "Der er ændringer, som ikke er gemt i en fil." in words(app)
        buttons = find_line(app, "Kassér").split("  ")
        assert [b.strip() for b in buttons if b.strip()] == [
            "Gem",
            "Kassér ændringerne",
            "Annullér",
        ]
        await press(pilot, "enter")  # Gem is the default
    assert app.return_code == 0
    assert notes_in(path, IDS[1]) == "Ny"
    assert recovery_copies(tmp_path) == []


async def test_escape_returns_to_the_step_and_kasser_by_keys_leaves_the_file(
    tmp_path: Path,
) -> None:
    path = meeting_file(tmp_path)
    before = path.read_bytes()
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "x", "f4", "ctrl+q")
        assert find_line(app, "Gem ændringerne?") == "Gem ændringerne?"
        await press(pilot, "escape")
        assert "▶ F4 Roller" in find_line(app, "▶")
        assert "ikke gemt" in status_line(app)
        await press(pilot, "ctrl+q", "tab", "enter")  # Tab to Kassér
    assert app.return_code == 0
    assert path.read_bytes() == before
    assert recovery_copies(tmp_path) == []


async def test_annuller_returns_to_the_notes_as_they_were(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "ctrl+n", "N", "y", "ctrl+q")
        await pilot.click("#cancel")
        await press(pilot, "!")  # the notes have the focus again
        assert find_line(app, "Ny!") == "Ny!"
        await press(pilot, "ctrl+s")
    assert notes_in(path, IDS[1]) == "Ny!"


async def test_clicking_annuller_in_the_name_dialog_returns_to_a_live_step(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with running(app) as pilot:
        await new_unsaved_session(pilot, "Ny")
        await press(pilot, "ctrl+q", "enter")
        assert find_line(app, "Gem session") == "Gem session"
        await pilot.click("#cancel")
        await press(pilot)
        assert find_line(app, "▶").startswith("▶ F2 Råd")
        await press(pilot, "ctrl+n")
        assert find_line(app, "Råd 2 af 10").startswith("Råd 2 af 10")
        assert app.is_running
    assert not list(tmp_path.glob("*.toml"))


async def test_the_quit_dialog_speaks_english(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path, "en"))
    async with running(app) as pilot:
        await press(pilot, "x", "ctrl+q")
        assert find_line(app, "Save the changes?") == "Save the changes?"
        await press(pilot, "escape")
