"""Presentation mode (F6) in the leader's own window: the advice large, still steerable."""

from __future__ import annotations

from pathlib import Path

from inddrag.domain.storage import load_session
from tests.ui_helpers import make_app, meeting_file, screen_text, settle


async def test_f6_shows_the_advice_alone_and_returns(tmp_path: Path) -> None:
    source = meeting_file(tmp_path)
    app = make_app(tmp_path, file=source)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"Ny tanke")
        await pilot.press("f6")
        await settle(pilot)
        text = screen_text(app)
        assert app.screen.id == "presenting"
        assert "Lad medarbejderne vurdere konsekvenserne" in text
        assert "Ny tanke" in text  # typed just before: flushed into the session first
        assert "F2 Råd" not in text and "alt er gemt" not in text  # nothing competes
        assert "F6/Esc tilbage" in text

        await pilot.press("ctrl+n", "f8", "f8", "f8")
        await settle(pilot)
        text = screen_text(app)
        assert "Sæt klare rammer for inddragelsen" in text
        assert "stemmer" in text and "(Ingen noter endnu.)" in text

        await pilot.press("ctrl+o")
        await settle(pilot)
        assert "skjult af mødelederen" in screen_text(app)

        await pilot.press("f6")
        await settle(pilot)
        text = screen_text(app)
        assert app.screen.id == "advice"
        assert "Råd 2 af 10" in text and "Sæt klare rammer" in text
        assert "Stemmer: 3" in text

        await pilot.press("ctrl+b")
        await settle(pilot)
        assert "Ny tanke" in app.screen.query_one("#notes").text  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = load_session(source)
    votes = {e.id: e.votes for e in saved.advice}
    assert votes["rammer"] == 3
    assert "Ny tanke" in next(e.notes for e in saved.advice if e.id == "konsekvenser")


async def test_presentation_is_in_the_palette(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"præsentation")
        await settle(pilot)
        assert "Visning: Præsentation for rummet" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.id == "presenting"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.id == "advice"


async def test_presentation_follows_the_step(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        text = screen_text(app)
        assert "Hvilke er vigtigst for jer?" in text and "★ vigtigst" in text
        await pilot.press("f8")  # no votes outside the advice step: nothing changes
        await settle(pilot)
        assert app.state is not None and app.state.saved


async def test_a_closed_browser_tab_keeps_what_was_typed(tmp_path: Path) -> None:
    """textual-serve ends the app of a closed tab with ExitApp, not through quit."""
    from textual.messages import ExitApp

    from inddrag.domain.recovery import read_recovery

    source = meeting_file(tmp_path)
    app = make_app(tmp_path, file=source)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"Lige skrevet")
        await pilot.pause()
        app.post_message(ExitApp())  # what the web driver does when the tab goes
        await pilot.pause()
    # (This process still holds the copy's lock, so it is read directly, not "found".)
    found = [read_recovery(p) for p in (tmp_path / "state" / "recovery").glob("*.toml")]
    assert len(found) == 1 and found[0].source == source
    notes = {e.id: e.notes for e in found[0].session.advice}
    assert "Lige skrevet" in notes["konsekvenser"]
    live = list((tmp_path / "state" / "live").glob("*.json"))
    assert live == []  # the room's view went with the leader
