"""Many hands on one session (issue 11): no change is lost without a sentence on screen.

A merge writes the file while the meeting has it open; a second window (or a ``serve``
tab, which is a process of its own) has it open too; a crashed app left its lock behind;
and the disagreement list shows where each person put an advice."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

from inddrag.domain import filelock
from inddrag.domain import session as session_ops
from inddrag.domain.content import bundled_pack_dir, load_pack
from inddrag.domain.merge import merge_preps
from inddrag.domain.session import now
from inddrag.domain.storage import load_session, save_session
from tests.ui.helpers import lock_for
from tests.ui_helpers import (
    dialog_text,
    make_app,
    meeting_file,
    screen_text,
    settle,
    toast_text,
)
from tests.waiting import wait_until

SIZE = (100, 30)


def write_preps(folder: Path) -> list[Path]:
    """Anna puts "agile" 1st, Carl 10th (the widest split); Bo leaves it out."""
    pack = load_pack(bundled_pack_dir("da"))
    ids = [a.id for a in pack.advice]
    orders = {
        "Anna": ["agile", "rammer", "konsekvenser"],
        "Bo": ["konsekvenser", "tidligt"],
        "Carl": [*[i for i in reversed(ids) if i != "agile"], "agile"],
    }
    paths = []
    for name, order in orders.items():
        prep = session_ops.new_session(pack, "prep")
        prep.session.facilitator = name
        session_ops.set_priorities(prep, order)
        path = folder / f"forb-{name.lower()}.toml"
        save_session(prep, path)
        paths.append(path)
    return paths


def merge_on_disk(team: Path, preps: list[Path]) -> None:
    """What ``inddrag merge team.toml preps…`` does to the file."""
    result = merge_preps(
        load_session(team),
        [(p, load_session(p)) for p in preps],
        anonymous=False,
        when=now(),
        team_path=team,
    )
    save_session(result.session, team)


async def test_a_merge_during_the_meeting_is_taken_in_and_kept(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    preps = write_preps(tmp_path)
    app = make_app(tmp_path, file=path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press(*" mødets egne ord")
        merge_on_disk(path, preps)
        # The app looks at its file once a second, from its own timer: wait for the news.
        await wait_until(
            lambda: "hentet ind" in toast_text(app),
            pause=pilot.pause,
            what=lambda: f"the merge to be noticed, not {toast_text(app)!r}",
        )
        assert "3 nye forberedelser er hentet ind" in toast_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert [i["participant"] for i in data["inputs"]] == ["Anna", "Bo", "Carl"]
    assert data["advice"][0]["notes"].endswith("vagtbytte. mødets egne ord")


async def test_the_disagreement_list_shows_the_split_and_each_place(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    merge_on_disk(path, write_preps(tmp_path))
    app = make_app(tmp_path, file=path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g", "end", "enter")  # advice 10: agile
        await settle(pilot)
        assert "Placeringer: Anna 1 · Bo — · Carl 10" in screen_text(app)
        await pilot.press("f3")
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        first = text.index("Overvej mere agile digitaliseringsforløb: plads 1–10")
        assert text.index("Lad medarbejderne vurdere konsekvenserne", first) > first
        assert "1 har det ikke med" in text


async def test_a_second_window_opens_read_only_and_saves_only_a_copy(
    tmp_path: Path, other_process: int
) -> None:
    path = meeting_file(tmp_path)
    before = path.read_bytes()
    lock_for(path, other_process)
    app = make_app(tmp_path, file=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "er åben hos bo" in screen_text(app)
        await pilot.press("enter")  # Åbn skrivebeskyttet (preselected)
        await settle(pilot)
        assert "skrivebeskyttet" in screen_text(app).splitlines()[0]
        await pilot.press(*"B skriver", "ctrl+s")
        await settle(pilot)
        assert "Gem session" in screen_text(app)  # asks for a new name
        await pilot.press("escape")
        await settle(pilot)
    assert path.read_bytes() == before
    assert json.loads(filelock.lock_path(path).read_text())["pid"] == other_process


async def test_two_writers_never_overwrite_silently(tmp_path: Path, other_process: int) -> None:
    path = meeting_file(tmp_path)
    lock_for(path, other_process)
    app = make_app(tmp_path, file=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right", "right", "enter")  # Åbn alligevel
        await settle(pilot)
        await pilot.press(*" B")
        # Meanwhile the other window saves its own notes.
        theirs = load_session(path)
        session_ops.set_notes(theirs, "rammer", "A's note")
        save_session(theirs, path)
        after_theirs = path.read_bytes()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Filen er ændret, siden I åbnede den" in screen_text(app)
        await pilot.press("enter")  # Annullér is preselected
        await settle(pilot)
        assert path.read_bytes() == after_theirs
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "enter")  # Gem som kopi
        await settle(pilot)
        await pilot.press("enter")  # møde-kopi.toml
        await settle(pilot)
    assert path.read_bytes() == after_theirs
    copy = load_session(tmp_path / "møde-kopi.toml")
    assert copy.entry("konsekvenser").notes.endswith(" B")  # type: ignore[union-attr]


async def test_a_stale_lock_from_a_crash_is_taken_over_after_saying_so(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock_for(path, dead.pid)
    app = make_app(tmp_path, file=path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert "En gammel lås fra bo" in toast_text(app)
        assert filelock.read_lock(path).is_mine  # type: ignore[union-attr]
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert not filelock.lock_path(path).exists()  # released on the way out


def leave_copy(state: Path, path: Path, notes: str) -> None:
    """What a killed app leaves: a recovery copy of ``path`` with unsaved notes."""
    code = (
        "import sys; from pathlib import Path\n"
        "from inddrag.domain import recovery, session as ops\n"
        "from inddrag.domain.storage import load_session\n"
        "s = load_session(Path(sys.argv[2])); ops.set_notes(s, 'konsekvenser', sys.argv[3])\n"
        "recovery.Autosaver(Path(sys.argv[1])).write(s, Path(sys.argv[2]))\n"
    )
    subprocess.run([sys.executable, "-c", code, str(state), str(path), notes], check=True)


async def test_opening_a_crashed_file_by_name_offers_its_unsaved_work(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    before = path.read_bytes()
    leave_copy(tmp_path / "state", path, "Skrevet lige før strømmen gik")
    app = make_app(tmp_path, file=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = await wait_until(
            lambda: "ikke-gemt arbejde" in (shown := dialog_text(app)) and shown,
            pause=pilot.pause,
            what=lambda: f"the offer of the unsaved work, not {dialog_text(app)!r}",
        )
        assert "Der er ikke-gemt arbejde til denne fil" in text
        assert "er nyere end filen" in text
        await pilot.press("enter")  # Gendan det ikke-gemte (preselected: it is newer)
        await settle(pilot)
        assert "Skrevet lige før strømmen gik" in screen_text(app)
        assert "✓ alt er gemt" not in screen_text(app).splitlines()[0]
        assert path.read_bytes() == before  # nothing written until the leader saves


def test_merge_into_a_file_open_in_the_app_says_the_app_takes_it_in(
    tmp_path: Path,
    other_process: int,
    run_cli,  # type: ignore[no-untyped-def]
) -> None:
    path = meeting_file(tmp_path)
    preps = write_preps(tmp_path)
    lock_for(path, other_process)
    code, out, _err = run_cli("merge", str(path), *map(str, preps))
    assert code == 0
    assert f"Filen er åben i inddrag hos bo (proces {other_process})" in out
