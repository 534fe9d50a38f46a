"""The start screen: the choices, and a new session's form filled in by keys."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.ui.helpers import (
    find_line,
    leave_recovery_copy,
    make_app,
    meeting_file,
    press,
    press_text,
    read_toml,
    running,
    screen_text,
    status,
)


async def test_the_start_screen_offers_new_prep_and_open(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with running(app):
        lines = [line.strip("│ ") for line in screen_text(app).splitlines()]
        choices = lines[lines.index("Ny holddrøftelse  (mødelederen skriver for holdet)") :][:3]
        assert choices == [
            "Ny holddrøftelse  (mødelederen skriver for holdet)",
            "Ny individuel forberedelse  (forbered dig alene før mødet)",
            "Åbn en gemt fil …",
        ]
        footer = find_line(app, "Afslut").replace("▏", "  ").split("  ")
        assert [key.strip() for key in footer if key.strip()] == [
            "^q Afslut",
            "F1 Hjælp",
            "^p Kommandoer",
        ]


async def test_the_start_screen_speaks_english(tmp_path: Path) -> None:
    app = make_app(tmp_path, lang="en")
    async with running(app):
        assert find_line(app, "New team").startswith("New team discussion  (")
        assert "Ny holddrøftelse" not in screen_text(app)


async def test_a_new_team_session_by_keys_reaches_the_advice(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with running(app) as pilot:
        await press(pilot, "enter")
        assert find_line(app, "Mangler:") == (
            "Mangler: titel, hold, mødeleder, deltagere. Kun titlen er nødvendig – resten"
        )
        await press_text(pilot, "Møde")
        await pilot.press("enter")  # Enter moves to the next field ...
        await press_text(pilot, "Nord")
        await pilot.press("tab")  # ... and so does Tab
        await press_text(pilot, "Anna")
        await pilot.press("enter")
        await press_text(pilot, "Anna, Bo")
        await press(pilot)
        assert find_line(app, "Alt er udfyldt") == "Alt er udfyldt. Tryk Enter eller Start."
        await press(pilot, "enter")  # Enter in the last field starts
        assert find_line(app, "Råd 1 af 10").startswith("Råd 1 af 10  [□] □  □")
        assert status(app)[0] == "Møde – ny session"
        assert "ikke gemt" in status(app)[1]  # (the autosave may have kept it)
        await press(pilot, "ctrl+s")
        assert find_line(app, "Filnavn") == "Filnavn:"
        assert find_line(app, ".toml") == "moede.toml"  # proposed from the title
        await press(pilot, "enter")  # the proposed name
        assert status(app) == ("Møde – moede.toml", "✓ alt er gemt")
    assert read_toml(tmp_path / "moede.toml")["format"] == "inddrag-session"
    info = read_toml(tmp_path / "moede.toml")["session"]
    assert (info["kind"], info["title"], info["team"], info["facilitator"]) == (
        "team",
        "Møde",
        "Nord",
        "Anna",
    )
    assert info["participants"] == ["Anna", "Bo"]


async def test_the_form_will_not_start_without_a_title(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with running(app) as pilot:
        await press(pilot, "n")  # the key for a new team session
        await press(pilot, "enter", "enter", "enter", "enter")
        assert find_line(app, "titel først") == (
            "Skriv en titel først – den står øverst i referatet."
        )
        assert "Ny holddrøftelse" in find_line(app, "Ny holddrøftelse")


async def test_escape_leaves_the_form_for_the_start_screen(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with running(app) as pilot:
        await press(pilot, "enter")
        await press_text(pilot, "Møde")
        await press(pilot, "escape")
        assert "Titel (hvad drøfter I?)" not in screen_text(app)
        await press(pilot, "down", "down", "up", "up", "enter")  # the list still has focus
        assert "Titel (hvad drøfter I?)" in screen_text(app)
        assert not list(tmp_path.glob("*.toml"))


async def test_a_preparation_has_no_votes_and_says_your_notes(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with running(app) as pilot:
        await press(pilot, "f")
        text = screen_text(app)
        assert "Ny individuel forberedelse" in text and "Dit navn" in text
        assert "Deltagere" not in text
        await press_text(pilot, "Prep")
        await press(pilot, "enter", "enter", "enter")
        text = screen_text(app)
        assert "Råd 1 af 10" in text and "Dine noter" in text
        assert "Stemmer:" not in text
        assert status(app)[0] == "Prep – ny session"
        assert "ikke gemt" in status(app)[1]  # (the autosave may have kept it)


async def test_reopening_a_file_continues_on_the_step_and_advice_where_we_left(
    tmp_path: Path,
) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "ctrl+n", "ctrl+n", "f5", "ctrl+q")
    assert app.return_code == 0
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        assert "▶ F5 Referat" in find_line(app, "▶")
        await press(pilot, "f2")
        assert find_line(app, "Råd 3 af 10").startswith("Råd 3 af 10")


FIRST_FRAME = r"""
import asyncio, sys
from pathlib import Path
from inddrag.ui.factory import build_app
from inddrag.ui.screens.start import StartScreen

seen = {}
shown = StartScreen.on_mount

def on_mount(self):
    seen["pydantic at the first frame"] = "pydantic" in sys.modules
    shown(self)

StartScreen.on_mount = on_mount

def first_choice(app):
    return str(app.screen.query_one("#start-choices").get_option_at_index(0).prompt)

async def main():
    app = build_app(state_dir=Path(sys.argv[1]), cwd=Path(sys.argv[1]))
    async with app.run_test() as pilot:
        seen["bottom screen"] = type(app.screen_stack[0]).__name__
        for _ in range(600):  # polls for up to 30 s: a hang guard, not a speed test
            await pilot.pause(0.05)
            if first_choice(app).startswith("⟲"):
                break
        seen["then the recovery offer"] = first_choice(app).startswith("⟲")

asyncio.run(main())
print(seen)
"""


def test_the_start_screen_is_drawn_before_the_models_are_loaded(tmp_path: Path) -> None:
    # The title must reach the terminal at once: the start screen is the app's first
    # screen (a screen pushed during the app's mount loses its first frame), and pydantic
    # (a quarter of a second) is loaded after it, to look for unsaved work.
    state = tmp_path / "state"
    leave_recovery_copy(state, meeting_file(tmp_path), "Ikke gemt endnu")
    out = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, str(state)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert out.stdout.strip() == str(
        {
            "pydantic at the first frame": False,
            "bottom screen": "StartScreen",
            "then the recovery offer": True,
        }
    )
