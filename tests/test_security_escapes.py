"""No escape sequence from a file or a file name reaches a terminal (issue 15, item 1).

Every field of every file kind (the session's title, team, leader, participants, notes,
cells, column titles and row names; a prep's author and notes; a pack's title, advice
title, text and questions, role names and hints; file names) carries an OSC 52 clipboard
write, an OSC 0 retitle, a clear-screen CSI and a C1 CSI. Then each output path is read
as raw bytes: every step and dialog of the app (the segments sent to the terminal), every
command line command in a real pseudo-terminal, and every warning. None may carry a
control character other than line breaks and tabs; where a person reads the field, the
escape shows as ``␛``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.control import Control
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.widgets import TextArea

from inddrag.domain import session as ops
from inddrag.domain.content import bundled_pack_dir, load_pack
from inddrag.domain.errors import problem
from inddrag.domain.safe_text import visible
from inddrag.domain.session import PrepInput
from inddrag.domain.storage import save_session
from inddrag.ui.factory import build_app
from tests.ui_helpers import FIXTURE_DAY, WHEN, screen_text, settle

EVIL = "\x1b]52;c;SGVsbG8=\x07\x1b]0;pwned\x1b\\\x1b[2J\x9b31m\u202e"
"""Clipboard write, window title, clear screen, a C1 CSI and a bidi override."""

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What must never leave the process inside text (``\\r`` only as part of ``\\r\\n``)."""


def unsafe_in(text: str) -> list[str]:
    return UNSAFE.findall(re.sub("\r+\n", "\n", text))  # a terminal turns \n into \r\n


# --- the function -------------------------------------------------------------------------


def test_visible_shows_every_control_character() -> None:
    text = "a\x1bb\x07c\x00d\x7fe\x85f\x9bg\u202eh\u2066i\u2028j\tk\nl\r\nm\rn"
    one_line = visible(text)
    assert not unsafe_in(one_line) and "\n" not in one_line and "\t" not in one_line
    assert one_line.startswith("a␛b␇c␀d␡e\\x85f\\x9bg⟨U+202E⟩h⟨U+2066⟩i⟨U+2028⟩j␉k␊l")
    lines = visible(text, lines=True)
    assert not unsafe_in(lines)
    assert "\tk\nl\r\nm␍n" in lines


def test_visible_names_show_zero_width_and_bytes_that_are_not_utf8() -> None:
    assert visible("Åse\u200b Sørensen", name=True) == "Åse⟨U+200B⟩ Sørensen"
    assert visible("Åse\u200b Sørensen") == "Åse\u200b Sørensen"  # notes keep emoji joins
    assert visible(os.fsdecode(b"m\xf8de.toml"), name=True) == "m\\xf8de.toml"


def test_visible_leaves_ordinary_text_alone() -> None:
    text = "Møde om vagtplaner – æøå ÆØÅ “citat” 👩‍👩‍👧 [bold]x[/bold] | 50 %\n\tnæste"
    assert visible(text, lines=True) is text


# --- hostile files ------------------------------------------------------------------------


def hostile_pack(folder: Path) -> Path:
    """The shipped Danish pack with EVIL in every text a person reads."""
    pack = folder / "pakke"
    shutil.copytree(bundled_pack_dir("da"), pack)
    esc = EVIL.encode("unicode_escape").decode().replace("\\x", "\\u00")
    for name in ("advice.toml", "roles.toml"):
        text = (pack / name).read_text(encoding="utf-8")
        for key in ("title", "text", "name", "hint", "guidance", "question"):
            text = re.sub(rf'^({key} = "[^"\n]*)"', lambda m: f'{m[1]}{esc}"', text, flags=re.M)
        text = re.sub(r'^(questions = \[\s*"[^"\n]*)"', lambda m: f'{m[1]}{esc}"', text, flags=re.M)
        (pack / name).write_text(text, encoding="utf-8")
    loaded = load_pack(pack)
    assert EVIL not in loaded.info.title and "␛" in loaded.info.title
    assert "␛" in loaded.advice[0].text and "␛" in loaded.advice[0].questions[0]
    return pack


def hostile_session(folder: Path, kind: str = "team", name: str = "") -> Path:
    """A session (or prep) with EVIL in every field, under a file name holding it too."""
    pack = load_pack(bundled_pack_dir("da"))
    session = ops.new_session(pack, kind, when=WHEN)  # type: ignore[arg-type]
    info = session.session
    info.title, info.team, info.facilitator = "Titel" + EVIL, "Team" + EVIL, "Leder" + EVIL
    info.participants = ["Deltager" + EVIL]
    ids = [a.id for a in pack.advice]
    for advice_id in ids:
        ops.set_notes(session, advice_id, "Note" + EVIL + "\nlinje 2")
    ops.add_votes(session, ids[0], 3)
    ops.set_priorities(session, ids[:3])
    roles = session.roles
    roles.row_header = "Hvem" + EVIL
    roles.columns[0].title = "Kolonne" + EVIL
    roles.rows[0].name = "Rolle" + EVIL
    ops.set_cell(session, roles.rows[0].id, roles.columns[0].id, "Celle" + EVIL)
    if kind == "team":
        session.inputs = [
            PrepInput(
                participant="Forb" + EVIL,
                merged=WHEN,
                order=ids[:2],
                notes={ids[0]: "Forbnote" + EVIL},
            )
        ]
    path = folder / (name or f"møde\x1b]0;fil\x07{kind}.toml")
    save_session(session, path)
    return path


# --- the app ------------------------------------------------------------------------------


def raw_text(app: App[object]) -> str:
    """Every text segment the app would send to the terminal now (styles left out)."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    out: list[str] = []
    for line in update.strips:
        for strip in line:
            out.extend(segment.text for segment in strip if not segment.control)
    return "".join(out)


class _PlainTextArea(App[None]):
    def compose(self) -> ComposeResult:
        yield TextArea("før" + EVIL + "efter")


async def test_textual_itself_passes_escape_through_a_text_area() -> None:
    """Textual's TextArea (and Rich) send ESC on: our filter and wraps are what stop it."""
    app = _PlainTextArea()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        assert "\x1b" in raw_text(app)


@pytest.mark.parametrize("size", [(80, 24), (160, 60)])
async def test_no_escape_reaches_the_screen_on_any_step(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    pack = hostile_pack(tmp_path)
    path = hostile_session(tmp_path)
    prep = hostile_session(tmp_path, "prep", name="forb-\x1b]0;x\x07.toml")
    (tmp_path / "state").mkdir()
    app = build_app(
        file=path, content=pack, state_dir=tmp_path / "state", cwd=tmp_path, today=FIXTURE_DAY
    )
    seen: list[str] = []

    async def look(where: str) -> None:
        await settle(pilot)
        raw = raw_text(app)
        assert not unsafe_in(raw), f"{where}: {unsafe_in(raw)!r}"
        seen.append(screen_text(app))

    async with app.run_test(size=size) as pilot:
        await look("advice")
        shown = seen[-1]
        fields = ("Titel", "Note") if size[1] < 30 else ("Titel", "Note", "Forb", "Forbnote")
        for field in fields:
            assert f"{field}␛]52;c;" in shown, field
        if size[0] > 100:
            assert "␛]0;fil␇team.toml" in shown  # the file name in the title line
        await pilot.press("ctrl+g")  # jump: every advice title
        await look("jump")
        await pilot.press("escape")
        for key in ("f3", "f4"):
            await pilot.press(key)
            await look(key)
        shown = seen[-1]
        for field in ("Kolonne", "Rolle", "Celle"):
            assert f"{field}␛" in shown, field
        await pilot.press("enter")  # the cell editor
        await look("cell editor")
        await pilot.press("escape")
        await pilot.press("f5")
        await look("summary")
        assert "Titel␛]52;c;" in seen[-1]
    assert prep.exists()


async def test_no_escape_reaches_the_start_screen_or_the_merge_dialog(tmp_path: Path) -> None:
    pack = hostile_pack(tmp_path)
    team = hostile_session(tmp_path)
    hostile_session(tmp_path, "prep", name="forb-\x1b]0;x\x07.toml")
    (tmp_path / "state").mkdir()
    app = build_app(content=pack, state_dir=tmp_path / "state", cwd=tmp_path, today=FIXTURE_DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not unsafe_in(raw_text(app))
        assert "␛" in screen_text(app)  # the pack's title on the cover
        await pilot.press("o")  # open a file: the names in the folder
        await settle(pilot)
        assert not unsafe_in(raw_text(app))
        assert "forb-␛]0;x␇.toml" in screen_text(app)
    app = build_app(file=team, state_dir=tmp_path / "state", cwd=tmp_path, today=FIXTURE_DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Hent forberedelse")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.3)
        shown = screen_text(app)
        assert not unsafe_in(raw_text(app))
        assert "Leder␛]52;c;" in shown and "forb-␛]0;x␇.toml" in shown, shown


# --- the command line ---------------------------------------------------------------------


def run_in_terminal(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run ``inddrag ARGS`` with stdout and stderr on a pseudo-terminal; what it wrote."""
    master, slave = os.openpty()
    env = {**os.environ, "INDDRAG_LANG": "da", "COLUMNS": "200"}
    process = subprocess.Popen(
        [sys.executable, "-m", "inddrag", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        cwd=cwd,
        env=env,
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    code = process.wait(timeout=60)
    return code, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals")
def test_no_escape_leaves_any_command(tmp_path: Path) -> None:
    pack = hostile_pack(tmp_path)
    team = hostile_session(tmp_path)
    prep = hostile_session(tmp_path, "prep", name="forb-\x1b]0;x\x07.toml")
    weird = tmp_path / "mærkelig\x1b]0;y\x07.toml"
    weird.write_text(
        team.read_text(encoding="utf-8")
        .replace('pack = "leaflet-da"', 'pack = "andet\\u001b]0;z\\u0007"', 1)
        .replace("[session]\n", '[session]\n"nøgle\\u001b[2J" = 1\n', 1),
        encoding="utf-8",
    )
    not_toml = tmp_path / "ikke\x1b[2J.toml"
    not_toml.write_text('format = "noget\x1b[2J andet"\n', encoding="utf-8")
    commands = [
        ["check", team.name, prep.name, weird.name, not_toml.name, "pakke", "mangler\x1b[2J"],
        ["export", team.name],
        ["export", team.name, "--format", "csv"],
        ["export", team.name, "--content", str(pack), "-o", "ud\x1b]0;o\x07.md"],
        ["export", weird.name],
        ["merge", team.name, prep.name, weird.name],
        ["merge", team.name, prep.name, "-o", "samlet\x1b]0;s\x07.toml"],
        ["merge", team.name, prep.name, prep.name, "--anonymous"],
        ["check", "--bogus\x1b]0;a\x07"],
        ["serve", "mangler\x1b]0;s\x07.toml"],  # issue 22, item 9
        ["rollup", team.name, "-o", "rul\x1b]0;r\x07.md"],
    ]
    for args in commands:
        code, out = run_in_terminal(args, tmp_path)
        assert code in (0, 2), (args, code, out)
        assert not unsafe_in(out), (args, unsafe_in(out), out)
        if "-o" in args or args[0] != "export":  # the summary drops controls by itself
            assert "␛" in out, (args, out)


def test_a_redirected_summary_is_the_file_byte_for_byte(tmp_path: Path) -> None:
    """Only a terminal gets the summary made visible; a pipe gets what ``-o`` writes."""
    team = hostile_session(tmp_path)
    for fmt in ("md", "html"):  # CSV with -o is a file per table; stdout has one
        out = tmp_path / f"ud.{fmt}"
        base = [sys.executable, "-m", "inddrag", "export", team.name, "--format", fmt]
        piped = subprocess.run(base, cwd=tmp_path, capture_output=True, check=True)
        subprocess.run([*base, "-o", out.name], cwd=tmp_path, capture_output=True, check=True)
        assert piped.stdout == out.read_bytes()
        assert "⟨U+202E⟩".encode() in piped.stdout  # the exports show a bidi override


# --- every warning ------------------------------------------------------------------------


def test_every_problem_sentence_is_safe() -> None:
    from inddrag.i18n import catalog

    table = catalog("en")
    codes = [key.removeprefix("problems.") for key in table if key.startswith("problems.")]
    for code in codes:
        params = {name: "v" + EVIL for name in re.findall(r"\{(\w+)", table[f"problems.{code}"])}
        prob = problem("fil" + EVIL + ".toml", code, line=3, key=("session", "k" + EVIL), **params)
        for lang in ("da", "en"):
            rendered = prob.render(lang)
            assert not unsafe_in(rendered) and "\n" not in rendered, (code, rendered)


def test_a_segment_filter_never_shifts_the_layout() -> None:
    from textual.color import Color

    from inddrag.ui.safe_render import NO_CONTROLS

    segments = [Segment("ab\x1b]0;x\x07c"), Control.clear().segment]
    out = NO_CONTROLS.apply(segments, Color(0, 0, 0))
    assert out[0].text == "ab]0;xc" and out[1] is segments[1]
    assert sum(s.cell_length for s in out) == sum(s.cell_length for s in segments)
