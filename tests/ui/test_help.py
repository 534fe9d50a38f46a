"""F1: how to close it right under the title, the step's own keys first, the walk in a few
lines; Esc, F1 or q close it. (No raw string ids in any help: tests/ui/test_labels.py.)"""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from tests.ui.helpers import (
    IDS,
    find_line,
    make_app,
    meeting_file,
    notes_in,
    press,
    running,
    screen_text,
    top_text,
    words,
)

STEP_HELP = {
    "f2": "Råd: læs rådet højt, drøft spørgsmålene og skriv noter – alle taster går til noterne.",
    "f3": "Prioritér: markér de vigtigste råd med mellemrum og sæt dem i rækkefølge med "
    "shift+↑/↓ (eller ctrl+↑/↓). Enter åbner rådet; ctrl+z fortryder.",
    "f4": "Roller: skriv løs eller tryk Enter for at skrive i en celle.",
    "f5": "Referat: sådan ser referatet ud. Gem sessionen (ctrl+s), og eksportér referatet "
    "(ctrl+e) som Markdown, CSV, regneark eller til print.",
}

# The help's frame and its scrollbar.
FRAME = " █▀▄▁▂▃▅▆▇"

# The first key listed under "Taster her": the step's own, before the app's.
FIRST_KEY = {"f2": "^n / PgDn Næste råd", "f3": "␣ Vigtigst ja/nej", "f4": "⏎ Redigér"}


def help_lines(app: App[object]) -> list[str]:
    """The help's lines, borders dropped, blank lines left out, runs of spaces as one."""
    lines = [" ".join(line.strip(FRAME).split()) for line in top_text(app).splitlines()]
    return [line for line in lines if line]


def keys_listed(app: App[object]) -> list[str]:
    """The lines under "Taster her" (key, then what it does)."""
    lines = help_lines(app)
    return lines[lines.index("Taster her") + 1 :]


async def test_f1_says_how_to_close_it_first_and_lists_the_keys(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app, size=(80, 24)) as pilot:
        await press(pilot, "f1")
        assert help_lines(app)[:2] == ["Hjælp", "Esc lukker hjælpen."]  # no scrolling needed
        walk = "1 Start → 2 Råd (F2) → 3 Prioritér (F3) → 4 Roller (F4) → 5 Referat (F5)."
        assert f"Gennemgangen: {walk}" in words(app)
        await press(pilot, "end")  # the help scrolls; how to close it stays in view
        assert help_lines(app)[:2] == ["Hjælp", "Esc lukker hjælpen."]
        lines = help_lines(app)
        assert " ".join(lines).endswith("“Option som Meta” slået til.")  # the Mac note, whole
        assert "^y Gentag" in lines  # the notes' own keys, after the step's, in Danish
        await press(pilot, "escape")
        assert "Gennemgangen" not in screen_text(app)
        await press(pilot, "f1", "f1")  # F1 closes it too
        assert "Gennemgangen" not in screen_text(app)
        await press(pilot, "f1", "q")  # and q
        assert "Gennemgangen" not in screen_text(app)
        assert find_line(app, "Råd 1 af 10").startswith("Råd 1 af 10")
        await press(pilot, *"ok")  # the notes have the keyboard again
        assert find_line(app, "vagtbytte.ok").endswith("vagtbytte.ok")
        await press(pilot, "ctrl+s")
    assert notes_in(path, IDS[0]).endswith("vagtbytte.ok")


async def test_every_step_has_its_own_help_with_its_own_keys_first(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app) as pilot:
        for step in ("f2", "f3", "f4", "f5"):
            await press(pilot, step, "f1")
            assert help_lines(app)[:2] == ["Hjælp", "Esc lukker hjælpen."]
            assert STEP_HELP[step] in words(app)
            if step in FIRST_KEY:
                assert keys_listed(app)[0] == FIRST_KEY[step]
            if step == "f2":
                listed = set(keys_listed(app))
                # Each F-key with the keys that do the same where F-keys do not reach.
                assert {"^g Gå til råd", "F8 / alt+↑ Stemme +", "F7 / alt+↓ Stemme −"} < listed
                assert not any("Markér alt" in line for line in listed)  # F7 is ours here
            await press(pilot, "escape")


async def test_the_summary_help_lists_its_export_keys_first(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app) as pilot:
        await press(pilot, "f5", "f1")
        assert keys_listed(app)[0] == "^e Eksportér"


async def test_f1_on_the_start_screen(tmp_path: Path) -> None:
    app = make_app(tmp_path, lang="en")
    async with running(app) as pilot:
        await press(pilot, "f1")
        assert help_lines(app)[:2] == ["Help", "Esc closes the help."]
        assert "Start: choose" in words(app)
