"""The summary step (F5): the preview, and exporting Markdown and CSV with m and c."""

from __future__ import annotations

from pathlib import Path

from tests.ui.helpers import (
    find_line,
    make_app,
    meeting_file,
    notices,
    press,
    running,
    screen_text,
    top_text,
)


async def test_f5_shows_the_summary_and_ctrl_e_exports_it_in_every_format(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app) as pilot:
        await press(pilot, "f5")
        assert find_line(app, "▶") == "F2 Råd · F3 Prioritér · F4 Roller · ▶ F5 Referat"
        assert find_line(app, "Nyt vagtplanssystem  ") == "Nyt vagtplanssystem"
        assert find_line(app, "Hold:") == "• Hold: Hjemmeplejen Nord"
        assert find_line(app, "Deltagere:") == (
            "• Deltagere: Anna Jensen, Bo Larsen, Carl [red]Ø[/red]"  # never markup
        )
        assert find_line(app, "2 Inddrag") == (
            "2 Inddrag medarbejderne så tidligt som muligt – 3 stemmer"
        )
        await press(pilot, "m", "c")  # letters never export (a stray key writes no file)
        assert not list(tmp_path.glob("møde.*[!l]")) and app.screen.id == "summary"
        await press(pilot, "ctrl+e")  # every format of the registry, to choose from
        menu = [line.strip("│▎█▊ ") for line in top_text(app).splitlines()]
        assert [line for line in menu if line.startswith("Eksportér ")] == [
            "Eksportér referatet",
            "Eksportér Markdown",
            "Eksportér CSV",
            "Eksportér regneark",
            "Eksportér til print",
        ]
        await press(pilot, "enter")
        assert find_line(app, "Eksportér referat") == "Eksportér referat (Markdown)"
        assert find_line(app, ".md") == "møde.md"
        await press(pilot, "enter")
        written = tmp_path / "møde.md"
        assert notices(app)[-1].replace(" ", "") == f"Skrevet til {written}".replace(" ", "")
        await press(pilot, "ctrl+e", "down", "enter")
        assert find_line(app, "Eksportér data") == "Eksportér data (CSV)"
        assert find_line(app, ".csv") == "møde.csv"
        await press(pilot, "enter")
    lines = written.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Nyt vagtplanssystem"
    assert "- **Hold:** Hjemmeplejen Nord" in lines
    assert "- **Deltagere:** Anna Jensen, Bo Larsen, Carl \\[red]Ø\\[/red]" in lines
    first = "Lad medarbejderne vurdere konsekvenserne for det gode arbejde og arbejdsmiljøet"
    assert f"1. {first} – 5 stemmer" in lines
    assert "| Ledere | Skabe klarhed om rammer \\| roller |  |  |  |" in lines
    # CSV: one tidy table per file.
    lines = (tmp_path / "møde-session.csv").read_text(encoding="utf-8-sig").splitlines()
    assert "titel;Nyt vagtplanssystem" in lines
    lines = (tmp_path / "møde-raad.csv").read_text(encoding="utf-8-sig").splitlines()
    row = ["4", "tidligt", "Inddrag medarbejderne så tidligt som muligt", "3", "2"]
    assert ";".join([*row, "Vi hørte først om systemet ved go-live.", ""]) in lines


async def test_the_summary_speaks_the_sessions_language(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path, "en"))
    async with running(app) as pilot:
        await press(pilot, "f5")
        assert find_line(app, "▶") == "F2 Advice · F3 Prioritise · F4 Roles · ▶ F5 Summary"
        assert find_line(app, "Team:") == "• Team: Hjemmeplejen Nord"


async def test_page_down_reaches_the_end_and_tab_reaches_the_buttons(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app, size=(80, 24)) as pilot:
        await press(pilot, "f5")
        assert "Andre" not in screen_text(app)  # the last row of the roles table
        await press(pilot, *["pagedown"] * 12)
        assert find_line(app, "Tillidsvalgte").startswith("Tillidsvalgte")
        assert find_line(app, "Andre") == "Andre"
        await press(pilot, "tab", "tab", "enter")  # the button "Eksportér … (ctrl+e)"
        await press(pilot, "enter")  # its first format: Markdown
        assert find_line(app, "Eksportér referat") == "Eksportér referat (Markdown)"
        await press(pilot, "escape")
        assert "▶ F5 Referat" in find_line(app, "▶")
    assert not (tmp_path / "møde.md").exists()
