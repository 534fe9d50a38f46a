"""Saving (ctrl+s, F12), exporting, and the Open dialog, with the files they leave behind."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.ui.helpers import (
    IDS,
    appears,
    find_line,
    make_app,
    meeting_file,
    notes_in,
    notices,
    press,
    press_text,
    running,
    screen_text,
    squashed,
    status,
    words,
)

BROKEN = 'format = "inddrag-session"\nversion = 1\n\n[session\nkind = "team"\n'


async def test_ctrl_s_saves_to_the_open_file_and_f12_saves_a_copy(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "ctrl+n", "x", "ctrl+s")
        assert squashed(notices(app)[-1]) == squashed(f"Gemt i {path}")
        assert status(app) == ("Nyt vagtplanssystem – møde.toml", "✓ alt er gemt")
        assert notes_in(path, IDS[1]) == "x"
        before = path.read_bytes()
        await press(pilot, "y", "f12")
        assert find_line(app, "Gem session") == "Gem session"
        assert find_line(app, ".toml") == "møde.toml"
        await press(pilot, "ctrl+u")  # clears the proposed name
        await press_text(pilot, "kopi")
        await press(pilot, "enter")
        assert status(app) == ("Nyt vagtplanssystem – kopi.toml", "✓ alt er gemt")
    assert notes_in(tmp_path / "kopi.toml", IDS[1]) == "xy"
    assert path.read_bytes() == before


async def test_a_name_typed_at_once_replaces_the_proposed_one(tmp_path: Path) -> None:
    """The proposed name is selected when the dialog opens: typing gives the typed name,
    not the proposal with the typed text after it (``møde.tomlkopi.toml``); Home keeps the
    proposal and types in front of it."""
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "ctrl+n", "x", "f12")
        await press(pilot, *"kopi")
        assert await appears(pilot, " kopi "), screen_text(app)  # the field: the name alone
        assert "møde" not in screen_text(app)  # the dialog covers the step (and its name)
        await press(pilot, "enter")
        assert status(app) == ("Nyt vagtplanssystem – kopi.toml", "✓ alt er gemt")
        await press(pilot, "f12", "home")
        await press_text(pilot, "ny-")
        await press(pilot, "enter")
        assert status(app) == ("Nyt vagtplanssystem – ny-kopi.toml", "✓ alt er gemt")
    assert notes_in(tmp_path / "kopi.toml", IDS[1]) == "x"
    assert sorted(p.name for p in tmp_path.glob("*.toml")) == [
        "kopi.toml",
        "møde.toml",
        "ny-kopi.toml",
    ]


async def test_saving_over_a_file_asks_first_and_never_over_one_not_a_session(
    tmp_path: Path,
) -> None:
    path = meeting_file(tmp_path)
    other = tmp_path / "andet.toml"
    shutil.copy(path, other)
    notes = tmp_path / "noter.toml"
    notes.write_text("a = 1\n", encoding="utf-8")
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "ctrl+n", "x", "f12", "ctrl+u")
        await press_text(pilot, "noter")
        await press(pilot, "enter", "left", "enter")  # yes, replace it
        assert find_line(app, "Det gik ikke") == "Det gik ikke"
        sentence = f"{notes} findes og er ikke en inddrag-session, så den bliver ikke overskrevet."
        assert squashed(sentence + " Vælg et andet navn.") in squashed(words(app))
        await press(pilot, "enter")
        assert status(app)[0] == "Nyt vagtplanssystem – møde.toml"
        assert "ikke gemt" in status(app)[1]
        await press(pilot, "f12", "ctrl+u")
        await press_text(pilot, "andet")
        await press(pilot, "enter")
        assert find_line(app, "findes allerede") == "Filen findes allerede"
        assert squashed(f"{other} findes allerede. Vil du erstatte den?") in squashed(words(app))
        await press(pilot, "enter")  # Annullér is the default: back to the name
        assert notes_in(other, IDS[1]) == ""
        assert find_line(app, "andet") == "andet"  # the name as typed
        await press(pilot, "enter", "left", "enter")  # Erstat
        assert status(app) == ("Nyt vagtplanssystem – andet.toml", "✓ alt er gemt")
    assert notes_in(other, IDS[1]) == "x"
    assert notes.read_text(encoding="utf-8") == "a = 1\n"


async def test_escape_in_the_export_dialog_writes_nothing(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app) as pilot:
        await press(pilot, "f5", "c", "escape")
        assert "▶ F5 Referat" in find_line(app, "▶")
        # Only the lock beside the open file, which goes when the app does.
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            ".~lock.møde.toml#",
            "møde.toml",
            "state",
        ]
        await press(pilot, "ctrl+q")  # all is saved: straight out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["møde.toml", "state"]


async def test_the_open_dialog_lists_the_sessions_here_and_opens_one(tmp_path: Path) -> None:
    meeting_file(tmp_path)
    app = make_app(tmp_path)
    async with running(app) as pilot:
        await press(pilot, "o")
        assert find_line(app, "Åbn en gemt") == "Åbn en gemt session"
        assert squashed(f"I mappen {tmp_path}: møde.toml") in squashed(words(app))
        assert find_line(app, "møde.toml  ") == "møde.toml"
        await press(pilot, "enter")
        assert status(app) == ("Nyt vagtplanssystem – møde.toml", "✓ alt er gemt")
        assert find_line(app, "Råd 1 af 10").startswith("Råd 1 af 10")


async def test_opening_a_broken_file_says_why_in_one_sentence_and_changes_nothing(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    app = make_app(tmp_path)
    async with running(app) as pilot:
        await press(pilot, "o", "enter")
        assert find_line(app, "kan ikke åbnes") == "Filen kan ikke åbnes"
        message = f"{broken}:4: ugyldig TOML: der mangler “]” efter tabellens navn"
        assert squashed(words(app)) == squashed(f"Filen kan ikke åbnes {message} OK")
        await press(pilot, "enter")
        assert "Ny holddrøftelse  (mødelederen skriver for holdet)" in screen_text(app)
    assert broken.read_text(encoding="utf-8") == BROKEN
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.toml", "state"]
