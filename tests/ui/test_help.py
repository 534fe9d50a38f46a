"""F1: the walk in a few lines and the keys of the step you are on; Esc, F1 or q close it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.helpers import find_line, make_app, meeting_file, press, running, screen_text, words

STEP_HELP = {
    "f3": "Prioritér: markér de vigtigste råd med mellemrum og sæt dem i rækkefølge med + og −.",
    "f4": "Roller: Enter skriver i en celle.",
    "f5": "Referat: sådan ser referatet ud. Gem sessionen og eksportér referatet.",
}


async def test_f1_on_the_advice_explains_the_step_and_lists_its_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app) as pilot:
        await press(pilot, "f1")
        assert find_line(app, "Hjælp") == "Hjælp"
        walk = "1 Start → 2 Råd (F2) → 3 Prioritér (F3) → 4 Roller (F4) → 5 Referat (F5)."
        assert find_line(app, "Gennemgangen") == f"Gennemgangen: {walk}"
        assert "Råd: læs rådet højt, drøft spørgsmålene og skriv noter." in words(app)
        assert find_line(app, "Næste råd") == "^n         Næste råd"
        assert find_line(app, "^g ") == "^g         Gå til råd"
        await press(pilot, "escape")
        assert "Gennemgangen" not in screen_text(app)
        await press(pilot, "f1", "f1")  # F1 closes it too
        assert "Gennemgangen" not in screen_text(app)
        await press(pilot, "f1", "q")  # and q
        assert find_line(app, "Råd 1 af 10").startswith("Råd 1 af 10")


async def test_every_step_has_its_own_help_and_no_raw_ids(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app) as pilot:
        for step in ("f2", "f3", "f4", "f5"):
            await press(pilot, step, "f1")
            if step in STEP_HELP:
                assert STEP_HELP[step] in words(app)
            assert "keys." not in screen_text(app)
            assert "ui." not in screen_text(app)
            await press(pilot, "escape")


async def test_f1_on_the_start_screen(tmp_path: Path) -> None:
    app = make_app(tmp_path, lang="en")
    async with running(app) as pilot:
        await press(pilot, "f1")
        assert find_line(app, "Help") == "Help"
        assert "Start: choose" in words(app)


@pytest.mark.xfail(
    strict=True, reason="issue 10 item 8: help hides 'Esc lukker hjælpen' at the bottom"
)
async def test_the_help_shows_how_to_close_it_without_scrolling(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app) as pilot:
        await press(pilot, "f1")
        assert find_line(app, "Esc lukker") == "Esc lukker hjælpen."
