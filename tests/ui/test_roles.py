"""The roles step (F4): editing cells, adding, renaming, moving and removing rows and columns.

The cursor starts on the first role's first column (Ledere – Hvad); the file tells whether a
change was kept, the screen what the user saw.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual.app import App

from tests.ui.helpers import (
    find_line,
    make_app,
    meeting_file,
    notices,
    press,
    press_text,
    read_toml,
    running,
    screen_text,
    words,
)


def roles(path: Path) -> dict[str, Any]:
    return dict(read_toml(path)["roles"])


def row_ids(path: Path) -> list[str]:
    return [row["id"] for row in roles(path)["rows"]]


def column_titles(path: Path) -> list[str]:
    return [column["title"] for column in roles(path)["columns"]]


def headers(app: App[Any]) -> list[str]:
    """The column headers as shown, each whole (a header wraps onto more lines, never cut)."""
    lines = [line.rstrip("│▇▅▃▂▁ ") for line in screen_text(app).splitlines()]
    top = next(n for n, line in enumerate(lines) if "│ Hvem  " in line)
    first = lines[top].index("Hvem")
    starts = [first, *(m.start() for m in re.finditer(r"(?<=  )\S", lines[top]))]
    rows = [lines[top]]
    for line in lines[top + 1 :]:
        if line[first : starts[1]].strip():  # the first role's name: the headers are over
            break
        rows.append(line)
    ends = [*starts[1:], None]
    return [
        " ".join(" ".join(row[start:end] for row in rows).split())
        for start, end in zip(starts, ends, strict=True)
    ]


async def test_the_cell_editor_keeps_the_text_but_by_annuller(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "f4", "enter")
        assert find_line(app, "Ledere – Hvad") == "Ledere – Hvad"
        assert find_line(app, "Fx skabe") == "Fx skabe klarhed om rammer og roller"  # the hint
        await press_text(pilot, " [b]nu[/b]")  # the cursor is at the end of the text
        await press(pilot, "ctrl+s")  # keeps the text, closes the editor
        assert "[b]nu[/b]" in find_line(app, "[b]nu")  # shown as typed, never markup
        await press(pilot, "right", "enter")
        assert find_line(app, "Ledere – Hvornår") == "Ledere – Hvornår/hvor ofte?"
        await press_text(pilot, "Maj")
        await pilot.click("#done")  # "Færdig" keeps it
        await press(pilot, "right", "enter")  # Hvordan
        await press_text(pilot, "Kort\nmøde")  # Enter is a new line in the cell
        await press(pilot, "escape")  # Escape keeps the text too
        await press(pilot, "right", "enter")
        await press_text(pilot, "Nej")
        await pilot.click("#cancel")  # only "Annullér" drops it
        await press(pilot, "ctrl+s")  # now saves the file
    cells = roles(path)["rows"][0]["cells"]
    assert cells == {
        "hvad": "Skabe klarhed om rammer | roller [b]nu[/b]",
        "hvornaar": "Maj",
        "hvordan": "Kort\nmøde",
    }


async def test_ctrl_n_adds_a_role_and_ctrl_k_a_column_after_the_cursor(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "f4", "ctrl+n")
        assert find_line(app, "Ny rolle") == "Ny rolle"
        await press_text(pilot, "Chef")
        await press(pilot, "enter", "ctrl+k")
        assert find_line(app, "Ny kolonne") == "Ny kolonne"
        await press_text(pilot, "Ansv")
        await press(pilot, "enter")
        assert headers(app)[:3] == ["Hvem", "Hvad", "Ansv"]
        assert find_line(app, "Chef").startswith("Chef ")
        await press(pilot, "insert")  # Insert adds a role too
        assert find_line(app, "Ny rolle") == "Ny rolle"
        await press(pilot, "escape")  # and Escape adds nothing
        await press(pilot, "ctrl+s")
        assert row_ids(path)[:3] == ["ledere", "chef", "medarbejdere"]
        assert column_titles(path) == [
            "Hvad",
            "Ansv",
            "Hvornår/hvor ofte?",
            "Hvordan",
            "Status og næste skridt",
        ]
        await press(pilot, "ctrl+z")  # takes the last addition back: the column
        assert headers(app)[:3] == ["Hvem", "Hvad", "Hvornår/hvor ofte?"]
        await press(pilot, "ctrl+s")
    assert row_ids(path)[:3] == ["ledere", "chef", "medarbejdere"]
    assert "Ansv" not in column_titles(path)


async def test_ctrl_r_renames_the_role_and_ctrl_l_the_column(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "f4", "ctrl+r")
        assert find_line(app, "Omdøb rolle") == "Omdøb rolle"
        assert find_line(app, "Ledere") == "Ledere"  # the old name, ready to change
        await press(pilot, "ctrl+u", *"Chef", "enter")  # ctrl+u clears the line
        assert find_line(app, "Chef").startswith("Chef ")
        await press(pilot, "ctrl+l")  # not alt+r: tmux sends it as Escape, r
        assert find_line(app, "Omdøb kolonne") == "Omdøb kolonne"
        await press(pilot, *["backspace"] * 4, *"Mål", "enter")
        assert headers(app)[:2] == ["Hvem", "Mål"]
        await press(pilot, "ctrl+s")
    assert roles(path)["rows"][0]["name"] == "Chef"
    assert column_titles(path)[0] == "Mål"


async def test_typing_on_a_cell_adds_to_its_text_and_on_a_name_renames_it(
    tmp_path: Path,
) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "f4", "R")  # capital R is text like any other letter
        assert find_line(app, "Ledere – Hvad") == "Ledere – Hvad"
        await press_text(pilot, "!")
        await press(pilot, "ctrl+s")
        await press(pilot, "left", "A")  # on the role's name: rename it, typed at the end
        assert find_line(app, "Omdøb rolle") == "Omdøb rolle"
        await press(pilot, "enter")
        assert find_line(app, "LedereA").startswith("LedereA")
        await press(pilot, "ctrl+s")
    assert roles(path)["rows"][0]["cells"]["hvad"] == "Skabe klarhed om rammer | rollerR!"
    assert roles(path)["rows"][0]["name"] == "LedereA"
    assert row_ids(path)[1] == "medarbejdere"  # no letter was a shortcut


async def test_shift_arrows_move_the_role_and_the_column(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "f4", "shift+down", "shift+right")
        assert headers(app)[:3] == ["Hvem", "Hvornår/hvor ofte?", "Hvad"]
        await press(pilot, "ctrl+s")
        assert row_ids(path)[:2] == ["medarbejdere", "ledere"]
        assert column_titles(path)[:2] == ["Hvornår/hvor ofte?", "Hvad"]
        await press(pilot, "shift+up", "shift+left", "ctrl+s")
    assert row_ids(path)[:2] == ["ledere", "medarbejdere"]
    assert column_titles(path)[:2] == ["Hvad", "Hvornår/hvor ofte?"]


async def test_delete_asks_before_removing_a_role_with_text(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "f4", "delete")
        assert find_line(app, "Fjern?") == "Fjern?"
        assert "Rollen “Ledere” har tekst i sine celler. Teksten forsvinder også." in words(app)
        await press(pilot, "enter")  # Annullér is the default
        await press(pilot, "ctrl+s")
        assert row_ids(path)[0] == "ledere"
        await press(pilot, "delete", "left", "enter")  # Fjern
        assert notices(app)[-1] == "Fjernet: Ledere (ctrl+z fortryder)"
        await press(pilot, "delete")  # an empty role goes without a question
        await press(pilot, "ctrl+s")
    assert row_ids(path)[:2] == ["fagspecialister", "tillidsvalgte"]


async def test_shift_delete_removes_a_column_asking_when_it_has_text(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "f4", "shift+delete")
        assert "Kolonnen “Hvad” har tekst i sine celler. Teksten forsvinder også." in words(app)
        await pilot.click("#cancel")
        await press(pilot, "right", "shift+delete")  # Hvornår/hvor ofte? is empty
        assert headers(app)[:3] == ["Hvem", "Hvad", "Hvordan"]
        await press(pilot, "left", "shift+delete")
        await pilot.click("#remove")
        await press(pilot, "ctrl+s")
    assert column_titles(path) == ["Hvordan", "Status og næste skridt"]
    assert roles(path)["rows"][0].get("cells", {}) == {}


async def test_f9_the_more_menu_lists_the_actions_and_runs_the_chosen_one(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await press(pilot, "f4", "f9")
        assert find_line(app, "Handlinger") == "Handlinger"
        assert find_line(app, "shift+↓") == "Flyt rolle ned  (shift+↓)"
        assert find_line(app, "shift+Delete") == "Fjern kolonne  (shift+Delete)"
        await press(pilot, *["down"] * 6, "enter")  # Flyt rolle ned
        await press(pilot, "ctrl+s")
        assert row_ids(path)[:2] == ["medarbejdere", "ledere"]
        await press(pilot, "f9", "escape", "ctrl+s")  # Escape closes the menu, nothing done
    assert row_ids(path)[:2] == ["medarbejdere", "ledere"]
