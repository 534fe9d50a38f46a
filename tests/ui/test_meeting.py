"""A meeting without stumbles (issue 10): what the leader types stays, every screen reads
and scrolls at 80×24, the clock and the save state are always in view. Keys are pressed as
a user presses them; assertions are on the screen and on the files written."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from inddrag.domain.content import bundled_pack_dir, load_pack
from inddrag.ui.clock import MeetingClock
from tests.ui_helpers import FakeClock, make_app, meeting_file, screen_text, settle
from tests.waiting import wait_until

SMALL = (80, 24)


def saved_entry(path: Path, advice_id: str) -> dict[str, object]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return next(e for e in data["advice"] if e["id"] == advice_id)


async def test_every_printable_key_goes_to_the_notes(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    typed = " Evaluering efter 3 mdr - ok +-1 q"
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("escape", *typed)  # Escape first, as a leader used to do
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Råd 1 af 10" in screen_text(app)
    entry = saved_entry(path, "konsekvenser")
    assert str(entry["notes"]).endswith("vagtbytte." + typed)
    assert entry["votes"] == 5  # "+", "-" and "1" were text, not votes or moves


async def test_votes_and_moves_use_keys_that_are_not_text(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("f8", "f8", "f7", "f8")
        assert "Stemmer: 7" in screen_text(app)
        await pilot.press("pagedown", "ctrl+n")
        assert "Råd 3 af 10" in screen_text(app)
        await pilot.press("pageup")
        assert "Råd 2 af 10" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert saved_entry(path, "konsekvenser")["votes"] == 7


async def test_coming_back_to_an_advice_puts_the_cursor_at_the_end(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("X", "ctrl+n", "ctrl+b", "Y", "1", "ctrl+s")
        await settle(pilot)
    assert str(saved_entry(path, "konsekvenser")["notes"]).endswith("vagtbytte.XY1")


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_the_text_and_every_question_are_on_screen_at_80x24(
    tmp_path: Path, lang: str
) -> None:
    pack = load_pack(bundled_pack_dir(lang))
    path = meeting_file(tmp_path, lang, inputs=True)
    app = make_app(tmp_path, file=path)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for advice in pack.advice:
            shown = " ".join(screen_text(app).split())
            assert advice.title[:40] in shown
            assert " ".join(advice.text.split())[-30:] in shown
            for question in advice.questions:
                assert " ".join(question.split())[-25:] in shown, question
            assert app.screen.focused is not None and app.screen.focused.id == "notes"
            await pilot.press("ctrl+n")


async def test_the_summary_scrolls_to_its_end(tmp_path: Path) -> None:
    path = meeting_file(tmp_path, inputs=True)
    app = make_app(tmp_path, file=path)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert "Andre" not in screen_text(app)  # the last row of the roles table
        await pilot.press("end")
        await settle(pilot)
        assert "Andre" in screen_text(app)
        await pilot.press("home")
        await settle(pilot)
        assert "Nyt vagtplanssystem" in screen_text(app)


async def test_the_clock_survives_moves_and_says_when_time_is_up(tmp_path: Path) -> None:
    fake = FakeClock()
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path, clock=MeetingClock(now=fake.now))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")  # 8 minutes per advice
        fake.seconds += 7 * 60
        app.tick_clock()
        await pilot.press("ctrl+n")
        fake.seconds += 30
        app.tick_clock()
        await pilot.press("ctrl+b")
        fake.seconds += 90
        app.tick_clock()
        await settle(pilot)
        top = screen_text(app).splitlines()[0]
        assert "råd 8:30/8:00 OVER TID" in top
        assert "møde 9:00/90 min" in top
        await pilot.press("f3")
        await settle(pilot)
        top = screen_text(app).splitlines()[0]
        assert "møde 9:00/90 min" in top and "råd" not in top
        fake.seconds += 90 * 60
        app.tick_clock()
        await settle(pilot)
        assert "OVER TID" in screen_text(app).splitlines()[0]


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_the_save_state_is_always_in_view(tmp_path: Path, size: tuple[int, int]) -> None:
    path = meeting_file(tmp_path)
    data = path.read_text(encoding="utf-8").replace(
        'title = "Nyt vagtplanssystem"',
        'title = "Nyt vagtplanssystem i Hjemmeplejen Nord og Syd, aftenholdet og weekenden"',
    )
    path.write_text(data, encoding="utf-8")
    app = make_app(tmp_path, file=path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert screen_text(app).splitlines()[0].rstrip().endswith("✓ alt er gemt")
        await pilot.press("a")
        await settle(pilot)
        assert "● ikke gemt" in screen_text(app).splitlines()[0]
        # The autosave's own timer keeps the recovery copy; the status line then says so.
        top = await wait_until(
            lambda: "sikret" in (line := screen_text(app).splitlines()[0]) and line,
            pause=pilot.pause,
            what=lambda: f"the status line to say 'sikret': {screen_text(app).splitlines()[0]}",
        )
        assert "◐" in top and "ikke gemt" in top
