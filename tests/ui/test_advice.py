"""The advice step: notes kept while moving, votes, jumping, the preparation, the timebox."""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import App

from tests.ui.helpers import (
    IDS,
    FakeClock,
    MeetingClock,
    find_line,
    make_app,
    meeting_file,
    notes_in,
    notices,
    press,
    press_text,
    running,
    screen_text,
    status,
    status_line,
    votes_in,
)


def votes_shown(app: App[object], word: str = "Stemmer") -> int:
    """The votes in the notes' border ("Stemmer: 5 █████  (F8 +, F7 −)")."""
    found = re.search(rf"{word}: (\d+) \S*  \(F8 \+, F7 −\)", screen_text(app))
    assert found, screen_text(app)
    return int(found.group(1))


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


async def test_f8_and_f7_change_the_votes_never_below_nought(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        assert votes_shown(app) == 5
        await press(pilot, "f8", "alt+up", "f7")  # alt+↑ is a vote too
        assert votes_shown(app) == 6
        await press(pilot, "ctrl+n", "alt+down")  # never below nought
        assert votes_shown(app) == 0
        assert status(app)[0] == "Nyt vagtplanssystem – møde.toml"
        assert "ikke gemt" in status(app)[1]
        await press(pilot, "ctrl+s")
        assert status(app)[1] == "✓ alt er gemt"
    assert votes_in(path, IDS[0]) == 6
    assert votes_in(path, IDS[1]) == 0
    assert notes_in(path, IDS[1]) == ""  # the keys were not text


async def test_ctrl_g_jumps_and_reading_every_step_leaves_the_file_saved(tmp_path: Path) -> None:
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
        await press(pilot, "f3", "f4", "f5", "f2")  # back on the same advice
        assert find_line(app, "Råd 5 af 10").startswith("Råd 5 af 10")
        assert status(app) == ("Nyt vagtplanssystem – møde.toml", "✓ alt er gemt")
        await press(pilot, "x")
        assert "ikke gemt" in status(app)[1]


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
        assert votes_shown(app, "Votes") == 0
        assert "The team's notes – ✎ type here" in find_line(app, "The team's notes")


async def test_ctrl_t_turns_the_timebox_on_and_off_and_each_advice_has_its_own_time(
    tmp_path: Path,
) -> None:
    fake = FakeClock()
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path, clock=MeetingClock(now=fake.now))
    async with running(app) as pilot:
        assert "råd 0:00" in status_line(app) and "/8:00" not in status_line(app)
        await press(pilot, "ctrl+t")
        assert "råd 0:00/8:00" in status_line(app)
        assert notices(app)[-1] == "Tidsramme: 8 minutter pr. råd. ctrl+t slår den fra."
        await press(pilot, "ctrl+t")  # again: off
        assert "/8:00" not in status_line(app)
        assert notices(app)[-1] == "Tidsrammen er slået fra."
        await press(pilot, "ctrl+t")
        fake.seconds += 8 * 60
        app.tick_clock()
        await press(pilot)
        assert "råd 8:00/8:00 OVER TID" in status_line(app)
        assert notices(app)[-1] == "Tiden til råd 1 er gået."
        await press(pilot, "ctrl+n")  # the next advice has its own eight minutes
        app.tick_clock()  # the once-a-second tick, no time passed
        await press(pilot)
        assert "råd 0:00/8:00" in status_line(app) and "OVER TID" not in status_line(app)
        await press(pilot, *"Qz 8")  # the clock never takes a key from the notes
        assert find_line(app, "Qz").split("  ")[0] == "Qz 8"  # (a toast may share the row)
        await press(pilot, "ctrl+s")
    assert notes_in(path, IDS[1]) == "Qz 8"


async def test_what_was_typed_is_kept_even_as_the_screens_are_taken_down(
    tmp_path: Path,
) -> None:
    # The autosave timer used to tick while the app shut down, after the notes editor had
    # been removed: the lookup raised, and the recovery copy was skipped with it.
    from inddrag.domain.recovery import load_recovery, read_recovery

    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, *" sidst")
    assert not app.screen_stack  # the app has ended and its screens are gone
    app.files.autosave_now()  # a tick that arrives too late does no harm
    app.files.leaving()
    (copy,) = (tmp_path / "state" / "recovery").glob("recovery-*.toml")  # (still this app's)
    assert load_recovery(read_recovery(copy)).entry(IDS[0]).notes.endswith("vagtbytte. sidst")  # type: ignore[union-attr]
