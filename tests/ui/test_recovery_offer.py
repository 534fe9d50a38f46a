"""Work left by an app that died is offered on the start screen, and choosing it restores it."""

from __future__ import annotations

from pathlib import Path

from tests.ui.helpers import (
    IDS,
    find_line,
    leave_recovery_copy,
    make_app,
    meeting_file,
    notes_in,
    press,
    running,
    status,
    words,
)

OFFER = "⟲ Gendan ikke-gemt arbejde fra 26. november 2026 kl. 10.02 af “Nyt vagtplanssystem”"


async def test_the_copy_is_offered_first_and_choosing_it_restores_the_notes(
    tmp_path: Path,
) -> None:
    path = meeting_file(tmp_path)
    leave_recovery_copy(tmp_path / "state", path, "Ikke gemt endnu")
    app = make_app(tmp_path)
    async with running(app) as pilot:
        await press(pilot)
        assert OFFER + " Ny holddrøftelse" in words(app)  # first of the choices
        await press(pilot, "enter")  # the offer is the first choice
        assert find_line(app, "Ikke gemt endnu") == "Ikke gemt endnu"
        assert status(app)[0] == "Nyt vagtplanssystem – møde.toml"
        assert "ikke gemt" in status(app)[1]  # (the autosave may have kept it)
        assert notes_in(path, IDS[0]).startswith("Aftenvagterne")  # the file is untouched
        await press(pilot, "ctrl+s")  # saving puts it back where it came from
    assert notes_in(path, IDS[0]) == "Ikke gemt endnu"
    assert not list((tmp_path / "state" / "recovery").glob("*.toml"))  # nothing left to offer


async def test_the_offer_can_be_passed_by_for_a_new_session(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    copy = leave_recovery_copy(tmp_path / "state", path, "Ikke gemt endnu")
    app = make_app(tmp_path)
    async with running(app) as pilot:
        await press(pilot)
        await press(pilot, "down", "enter")
        assert find_line(app, "Titel (hvad drøfter I?)") == "Titel (hvad drøfter I?)"
        await press(pilot, "escape")
        assert OFFER in words(app)  # still on offer
    assert copy.exists()
