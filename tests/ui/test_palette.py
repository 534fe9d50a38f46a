"""The command palette (ctrl+p): type a few words, Enter runs the first match."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.ui.helpers import (
    IDS,
    FakeClock,
    MeetingClock,
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
    status_line,
)


async def run_command(pilot: Pilot[object], words: str) -> None:
    await press(pilot, "ctrl+p")
    await press_text(pilot, words)
    await press(pilot)
    await press(pilot, "enter")


async def test_go_to_an_advice_then_a_step_and_no_key_panel_is_offered(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app) as pilot:
        await press(pilot, "ctrl+p")
        await press_text(pilot, "råd 7")
        await press(pilot)
        shown = [line.strip() for line in screen_text(app).splitlines()]
        assert "Gå til råd 7: Brug inddragelse til at holde fokus på kerneopgaven" in shown
        await press(pilot, "enter")
        assert find_line(app, "Råd 7 af 10").startswith("Råd 7 af 10")
        await run_command(pilot, "trin roller")
        assert find_line(app, "▶") == "F2 Råd · F3 Prioritér · ▶ F4 Roller  · F5 Referat"
        for query in ("tastepanel", "keys"):  # Textual's own "Keys" command is gone too
            await press(pilot, "ctrl+p")
            await press_text(pilot, query)
            assert await appears(pilot, f"Ingen kommando passer til “{query}”")
            await press(pilot, "enter")  # choosing the sentence closes the palette, no more
            assert "🔎" not in screen_text(app)
            assert find_line(app, "▶") == "F2 Råd · F3 Prioritér · ▶ F4 Roller  · F5 Referat"


async def test_save_and_export_csv(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "ctrl+n", "x")
        assert "ikke gemt" in status(app)[1]
        await run_command(pilot, "fil gem")
        assert squashed(notices(app)[-1]) == squashed(f"Gemt i {path}")
        assert status(app)[1] == "✓ alt er gemt"
        assert notes_in(path, IDS[1]) == "x"
        await run_command(pilot, "csv")
        assert find_line(app, "Eksportér data") == "Eksportér data (CSV)"
        await press(pilot, "enter")
    session_table = (tmp_path / "møde-session.csv").read_text(encoding="utf-8-sig")
    assert "titel;Nyt vagtplanssystem" in session_table


async def test_a_timebox_of_three_minutes(tmp_path: Path) -> None:
    fake = FakeClock()
    app = make_app(tmp_path, file=meeting_file(tmp_path), clock=MeetingClock(now=fake.now))
    async with running(app) as pilot:
        await run_command(pilot, "tidsramme 3")
        assert "råd 0:00/3:00" in status_line(app)
        fake.seconds += 3 * 60
        app.tick_clock()
        await press(pilot)
        assert "råd 3:00/3:00 OVER TID" in status_line(app)


async def test_the_palette_speaks_english(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path, "en"))
    async with running(app) as pilot:
        await run_command(pilot, "advice 3")
        assert find_line(app, "Advice 3 of 10").startswith("Advice 3 of 10")
