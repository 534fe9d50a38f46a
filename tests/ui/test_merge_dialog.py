""" "Hent forberedelse" (from the palette): tick the preparation files to bring into the team's
session; the report says what came in, and the prioritise step shows the points."""

from __future__ import annotations

import os
from pathlib import Path

from textual.pilot import Pilot

from inddrag.domain import session as ops
from inddrag.domain.content import bundled_pack_dir, load_pack
from inddrag.domain.storage import save_session
from tests.ui.helpers import (
    find_line,
    make_app,
    meeting_file,
    press,
    press_text,
    read_toml,
    running,
    settle,
    squashed,
    status,
    words,
)

BROKEN = 'format = "inddrag-session"\nversion = 1\n\n[session\nkind = "prep"\n'


def write_preps(folder: Path) -> None:
    """Two preparation files; Bo's is the newer, so it is listed first."""
    pack = load_pack(bundled_pack_dir("da"))
    for age, (name, order) in enumerate(
        (("Bo Larsen", ["tidligt", "agile"]), ("Dorte Ø", ["agile"]))
    ):
        prep = ops.new_session(pack, "prep")
        prep.session.facilitator = name
        ops.set_priorities(prep, order)
        ops.set_notes(prep, order[0], f"Noter fra {name}")
        path = folder / f"forb-{name[:2].lower()}.toml"
        save_session(prep, path)
        os.utime(path, (1_800_000_000 - age * 60, 1_800_000_000 - age * 60))


async def open_merge(pilot: Pilot[object]) -> None:
    await press(pilot, "ctrl+p")
    await press_text(pilot, "hent")
    await press(pilot)
    await press(pilot, "enter")
    await settle(pilot)  # the folder is read off the event loop


async def test_untick_one_and_bring_in_the_other(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    write_preps(tmp_path)
    broken = tmp_path / "ødelagt.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await open_merge(pilot)
        assert find_line(app, "Hent forberedelse") == "Hent forberedelse"
        found = f"2 forberedelsesfiler i {tmp_path}. Vælg dem, der skal hentes ind (mellemrum):"
        assert squashed(found) in squashed(words(app))
        why = f"{broken}:4: ugyldig TOML: der mangler “]” efter tabellens navn"
        assert squashed(f"Disse filer kunne ikke læses: {why}") in squashed(words(app))
        assert find_line(app, "Bo Larsen") == "[✓] Bo Larsen  (forb-bo.toml)"
        assert find_line(app, "Dorte") == "[✓] Dorte Ø  (forb-do.toml)"
        await press(pilot, "space")
        assert find_line(app, "Bo Larsen") == "[ ] Bo Larsen  (forb-bo.toml)"
        await pilot.click("#merge")
        await press(pilot)
        assert find_line(app, "hentet ind") == "Forberedelsen er hentet ind"
        assert find_line(app, "Dorte Ø:") == "Dorte Ø: hentet ind (noter til 1 råd)"
        await press(pilot, "enter", "f3")
        assert "point fra 1 forberedelser" in words(app)
        assert status(app)[0] == "Nyt vagtplanssystem – møde.toml"
        assert "ikke gemt" in status(app)[1]  # (the autosave may have kept it)
        await press(pilot, "ctrl+s")
    inputs = read_toml(path)["inputs"]
    assert [i["participant"] for i in inputs] == ["Dorte Ø"]
    assert broken.read_text(encoding="utf-8") == BROKEN
    assert inputs[0]["order"] == ["agile"]


async def test_without_names_the_preparation_comes_in_anonymously(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    write_preps(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await open_merge(pilot)
        await press(pilot, "down", "space", "tab", "space")  # only Bo's, without names
        assert find_line(app, "anonymt") == "[✓] Uden navne (anonymt)"
        await pilot.click("#merge")
        await press(pilot)
        assert find_line(app, "Anonym:") == "Anonym: hentet ind (noter til 1 råd)"
        await press(pilot, "enter", "ctrl+s")
    assert [i["participant"] for i in read_toml(path)["inputs"]] == [""]


async def test_escape_brings_in_nothing_and_an_empty_folder_says_so(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await open_merge(pilot)
        none = f"Der er ingen forberedelsesfiler i {tmp_path}. Læg deltagernes filer i samme"
        assert squashed(none) in squashed(words(app))
        await press(pilot, "escape")
        assert status(app) == ("Nyt vagtplanssystem – møde.toml", "✓ alt er gemt")
        assert find_line(app, "Råd 1 af 10").startswith("Råd 1 af 10")
    assert "inputs" not in read_toml(path)
