"""The advice step: notes kept while moving, votes, jumping, the preparation, the timebox."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.helpers import (
    IDS,
    fake_timebox_clock,
    find_line,
    make_app,
    meeting_file,
    notes_in,
    press,
    press_text,
    running,
    screen_text,
    votes_in,
)


async def test_notes_typed_are_kept_across_ctrl_n_and_ctrl_b(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "ctrl+n")
        progress = "Råd 2 af 10 ■ [□] □ ■ □ □ □ □ ■ □"
        assert find_line(app, "Råd 2 af 10").split() == progress.split()
        await press_text(pilot, "Vagtbytte æøå?")
        await press(pilot, "ctrl+n")
        assert find_line(app, "Råd 3 af 10").startswith("Råd 3 af 10")
        assert "Vagtbytte æøå?" not in screen_text(app)
        await press(pilot, "ctrl+b")
        assert find_line(app, "Vagtbytte") == "Vagtbytte æøå?"
        await press(pilot, "ctrl+b")
        assert find_line(app, "Spørg [") == "Spørg [bold]IT[/bold] om vagtbytte."  # never markup
        await press(pilot, "ctrl+s")
    assert notes_in(path, IDS[1]) == "Vagtbytte æøå?"
    assert notes_in(path, IDS[0]) == (
        "Aftenvagterne rammes hårdest.\nSpørg [bold]IT[/bold] om vagtbytte."
    )


@pytest.mark.xfail(
    strict=True, reason="issue 10 item 3: coming back to an advice puts the cursor at the start"
)
async def test_coming_back_to_an_advice_continues_at_the_end_of_its_notes(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await pilot.press("ctrl+n", "X", "ctrl+n", "ctrl+b", "Y")
        await press(pilot, "ctrl+s")
    assert notes_in(path, IDS[1]) == "XY"


async def test_escape_then_plus_and_minus_change_the_votes(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        assert find_line(app, "Stemmer:").startswith("Stemmer:  5 ")
        await press(pilot, "escape", "plus", "plus", "minus")
        assert find_line(app, "Stemmer:").startswith("Stemmer:  6 ")
        await press(pilot, "ctrl+n", "escape", "minus")  # never below nought
        assert find_line(app, "Stemmer:").startswith("Stemmer:  0 ")
        assert find_line(app, "ikke gemt") == "Nyt vagtplanssystem — møde.toml · ● ikke gemt"
        await press(pilot, "ctrl+s")
        assert find_line(app, "alt er gemt") == "Nyt vagtplanssystem — møde.toml · ✓ alt er gemt"
    assert votes_in(path, IDS[0]) == 6
    assert votes_in(path, IDS[1]) == 0


@pytest.mark.xfail(
    strict=True,
    reason="issue 10 item 2: after Esc letters vanish, digits jump and +/- change votes",
)
async def test_every_printable_key_after_escape_ends_in_the_notes(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "ctrl+n", "escape")
        await press_text(pilot, "Ok 3 mdr - ja")
        await press(pilot, "ctrl+s")
        assert find_line(app, "Råd 2 af 10").startswith("Råd 2 af 10")
    assert notes_in(path, IDS[1]) == "Ok 3 mdr - ja"
    assert votes_in(path, IDS[1]) == 0


async def test_ctrl_g_lists_the_advice_and_jumps_to_the_chosen_one(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app) as pilot:
        await press(pilot, "ctrl+g")
        assert find_line(app, "1. Lad") == (
            "■  1. Lad medarbejderne vurdere konsekvenserne for det gode arbejde og"
        )
        assert find_line(app, "2. Sæt") == "□  2. Sæt klare rammer for inddragelsen"
        assert find_line(app, "4. Inddrag") == (
            "■  4. Inddrag medarbejderne så tidligt som muligt  (3 stemmer)"
        )
        await press(pilot, "escape")  # Escape keeps the advice
        assert find_line(app, "Råd 1 af 10").startswith("Råd 1 af 10")
        await press(pilot, "ctrl+g", "down", "down", "down", "down", "enter")
        assert find_line(app, "Råd 5 af 10").startswith("Råd 5 af 10")
        assert (
            find_line(app, "roller i forløbet") == "Gør medarbejdernes roller i forløbet tydelige"
        )


async def test_the_preparation_is_shown_on_each_advice(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path, inputs=True))
    async with running(app, size=(100, 45)) as pilot:
        await press(pilot, "ctrl+n", "ctrl+n", "ctrl+n")
        assert find_line(app, "Fra forberedelsen") == (
            "Fra forberedelsen: 2 har forberedt sig, 2 har prioriteret rådet"
        )
        assert find_line(app, "Bo Larsen:") == "• Bo Larsen: Inddrag os før udbuddet."
        await press(pilot, "ctrl+g", *["down"] * 5, "enter")
        assert find_line(app, "Råd 9 af 10").startswith("Råd 9 af 10")
        assert find_line(app, "Anonym") == "• Anonym: Kaffepausen forsvinder <script>."


async def test_the_advice_step_speaks_english(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path, "en"))
    async with running(app) as pilot:
        await press(pilot, "ctrl+n")
        progress = "Advice 2 of 10 ■ [□] □ ■ □ □ □ □ ■ □"
        assert find_line(app, "Advice 2 of 10").split() == progress.split()
        assert find_line(app, "Votes:").startswith("Votes:  0 ")
        assert find_line(app, "The team's notes") == "The team's notes"


async def test_reading_every_step_leaves_the_file_saved(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app) as pilot:
        await press(pilot, "ctrl+n", "f3", "f4", "f5", "f2")
        assert find_line(app, "gemt") == "Nyt vagtplanssystem — møde.toml · ✓ alt er gemt"
        await press(pilot, "x")
        assert find_line(app, "gemt") == "Nyt vagtplanssystem — møde.toml · ● ikke gemt"


async def test_the_timebox_counts_down_says_time_is_up_and_stops_on_the_next_advice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = fake_timebox_clock(monkeypatch)
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app) as pilot:
        await press(pilot, "ctrl+t")
        assert find_line(app, "⏱").endswith("⏱ 8:00")
        await press(pilot, "ctrl+t")  # again: stopped
        assert "⏱" not in screen_text(app)
        await press(pilot, "ctrl+t")
        clock.advance(8 * 60)
        await pilot.pause(1.1)  # the countdown ticks once a second
        assert find_line(app, "⏱").endswith("⏱ 0:00 – tiden er gået")
        await press(pilot, "ctrl+n")
        assert "⏱" not in screen_text(app)
