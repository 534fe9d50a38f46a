"""inddrag's benchmarks: every figure next to a baseline measured the same way, in the same run.

    python benchmarks/run.py            # the full run (a few minutes)
    python benchmarks/run.py --quick    # under a minute on 2 cores
    python benchmarks/run.py --json results.json

Plain Python, no services, nothing from the network. What is measured (see
``docs/performance.md`` for the method and the latest figures):

* first paint: launch to the start screen showing the leaflet's title, in a real
  pseudo-terminal, against a minimal Textual app (Header + Static + Footer) showing the
  same title; median of alternating runs;
* a keystroke in notes that already hold 10,000 characters, and moving to the next
  advice, timed in-process (post the key, run until quiet, paint) against a bare TextArea
  of the same size and a bare Static swapping in the next advice;
* a step switch (F2→F3→F4→F5) and a dialog (key to its focused field), each until the
  screen is current, mounted, focused and painted, against bare Textual screens of the
  same size switched or pushed by the same keys (``switch.py``);
* saving and exporting (Markdown) a large session: 100 advice × 5 KB of notes and a roles
  table of 50 × 8, against writing the same bytes atomically with no serialising at all;
* merging 100 and 1,000 prep files (load, merge, save, with the domain's own functions)
  against only reading and parsing the same files with ``tomllib``;
* peak memory (RSS) after walking every step, against the minimal app.

No figure is asserted anywhere: the tests prove behaviour, this prints numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import data  # noqa: E402
import interact  # noqa: E402
import minimal_app  # noqa: E402
import switch  # noqa: E402
import terminal  # noqa: E402

TITLE = minimal_app.TITLE


@dataclass
class Row:
    """One line of the table: our figure, the baseline's, and the target."""

    name: str
    ours: float
    base: float | None
    unit: str
    base_name: str
    target: str = ""
    met: bool | None = None
    note: str = ""
    samples: dict[str, list[float]] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        return self.ours / self.base if self.base else None


@dataclass
class Plan:
    paint_runs: int
    key_samples: int
    rounds: int
    save_reps: int
    merge_reps: int
    memory_runs: int
    merge_counts: tuple[int, ...] = (100, 1000)


QUICK = Plan(paint_runs=5, key_samples=30, rounds=2, save_reps=5, merge_reps=1, memory_runs=1)
FULL = Plan(
    paint_runs=15,
    key_samples=200,
    rounds=4,
    save_reps=21,
    merge_reps=3,
    memory_runs=3,
    merge_counts=(100, 1000, 10_000),
)


def log(text: str) -> None:
    print(f"  … {text}", file=sys.stderr, flush=True)


def median(values: list[float]) -> float:
    return statistics.median(values)


# --- first paint -------------------------------------------------------------------------


def inddrag_argv() -> list[str]:
    script = Path(sys.executable).with_name("inddrag")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "inddrag"]


def paint_env(work: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("INDDRAG_", "TEXTUAL", "TMUX"))
    }
    env.update(
        INDDRAG_STATE_DIR=str(work / "state-paint"),
        TERM="xterm-256color",
        COLORTERM="truecolor",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
    )
    return env


def paint_pair(
    plan: Plan, work: Path, programs: dict[str, list[str]], text: str
) -> dict[str, list[float]]:
    """Launch each program until ``text`` is on screen: one warm-up each, then alternating."""
    env = paint_env(work)
    times: dict[str, list[float]] = {name: [] for name in programs}
    for argv in programs.values():  # warm the bytecode caches; not counted
        terminal.time_to_text(argv, text, env=env, cwd=str(work))
    names = list(programs)
    for run in range(plan.paint_runs):
        for name in names if run % 2 == 0 else names[::-1]:
            times[name].append(terminal.time_to_text(programs[name], text, env=env, cwd=str(work)))
    return times


def first_paint(plan: Plan, work: Path) -> Row:
    programs = {
        "app": inddrag_argv(),
        "minimal": [sys.executable, str(HERE / "minimal_app.py")],
    }
    times = paint_pair(plan, work, programs, TITLE)
    log(f"first paint: app {median(times['app']) * 1e3:.0f} ms")
    ours, base = median(times["app"]) * 1e3, median(times["minimal"]) * 1e3
    return Row(
        "first paint (launch → title on screen)",
        ours,
        base,
        "ms",
        "minimal Textual app",
        "≤ 1.15×",
        ours <= 1.15 * base,
        f"median of {plan.paint_runs} alternating runs, pty {interact.SIZE[0]}×{interact.SIZE[1]}",
        {k: [v * 1e3 for v in vs] for k, vs in times.items()},
    )


def first_paint_large(plan: Plan, work: Path) -> list[Row]:
    """Open the large session (100 advice, 50 × 12 roles): launch → first advice on screen."""
    from inddrag.domain.storage import save_session

    path = work / "stor-session.toml"
    save_session(data.large_session(), path)
    kb = path.stat().st_size / 1024
    programs = {
        "app": [*inddrag_argv(), str(path)],
        "minimal": [sys.executable, str(HERE / "minimal_app.py"), str(path)],
        "floor": [sys.executable, str(HERE / "minimal_app.py"), "--load", str(path)],
    }
    times = paint_pair(plan, work, programs, minimal_app.FIRST_ADVICE)
    ours, base = median(times["app"]) * 1e3, median(times["minimal"]) * 1e3
    floor = median(times["floor"]) * 1e3
    log(f"first paint of the large file: app {ours:.0f} ms")
    floor_row = Row(
        "first paint of a large file vs its floor (our loader)",
        ours,
        floor,
        "ms",
        "minimal app that loads the file with load_session (pydantic models)",
        "",
        None,
        f"median of {plan.paint_runs} alternating runs: importing pydantic and building the "
        "models is most of the gap to the tomllib-only app",
        {"app": [v * 1e3 for v in times["app"]], "floor": [v * 1e3 for v in times["floor"]]},
    )
    return [
        Row(
            f"first paint of a large file ({kb:.0f} KB: 100 advice, 50 × 12 roles)",
            ours,
            base,
            "ms",
            "minimal app that reads and tomllib-parses the file",
            "≤ 1.4×",
            ours <= 1.4 * base,
            f"median of {plan.paint_runs} alternating runs; launch → first advice's title",
            {k: [v * 1e3 for v in vs] for k, vs in times.items() if k != "floor"},
        ),
        floor_row,
    ]


# --- keystroke and next advice -------------------------------------------------------------


async def _app_timings(
    work: Path, samples: int, session: object = None, *, keys_too: bool = True
) -> tuple[list[float], list[float], tuple[int, int]]:
    from inddrag.domain.session import Session
    from inddrag.domain.storage import save_session
    from inddrag.ui.factory import build_app

    path = work / ("møde.toml" if session is None else "stor.toml")
    the_session = session if isinstance(session, Session) else data.meeting(10_000)
    save_session(the_session, path)
    app = build_app(file=path, state_dir=work / "state-keys", cwd=work)
    follower = None
    if os.environ.get("INDDRAG_BENCH_FOLLOWER"):  # a projector view beside the leader
        script = Path(__file__).with_name("follower.py")
        command = [sys.executable, str(script), str(path), str(work / "state-keys")]
        follower = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    async with app.run_test(size=interact.SIZE) as pilot:
        await pilot.pause()
        await pilot.pause(1.5 if follower else 0.3)
        notes = interact.notes_editor(app)
        shown = app.pack.advice[app.state.advice_index].id
        first = the_session.entry(shown).notes  # type: ignore[union-attr]
        assert notes.text == first, (shown, len(notes.text), len(first))
        notes.move_cursor(notes.document.end)
        size = (notes.region.width, notes.region.height)
        keys = await interact.time_keys(app, lambda n: ("a", "a"), samples) if keys_too else None
        moves = ["ctrl+n"] * 9 + ["ctrl+b"] * 9  # every advice, each with its notes
        move = await interact.time_keys(app, lambda n: (moves[n % len(moves)], None), samples)
        assert app.screen.id == "advice"
        published = app.files.live.publisher.writes
    if follower is not None:
        follower.terminate()
        follower.wait()
    log(f"live views published during the run: {published}")
    return (keys.samples if keys else []), move.samples, size


async def _bare_textarea(samples: int, size: tuple[int, int]) -> list[float]:
    notes = data.meeting(10_000).advice[0].notes
    app = minimal_app.BareTextArea(notes, *size)
    async with app.run_test(size=interact.SIZE) as pilot:
        await pilot.pause()
        await pilot.pause(0.3)
        timings = await interact.time_keys(app, lambda n: ("a", "a"), samples)
    return timings.samples


async def _bare_layout_textarea(samples: int) -> list[float]:
    notes = data.meeting(10_000).advice[0].notes
    app = minimal_app.BareLayoutTextArea(notes, _advice_pages()[0])
    async with app.run_test(size=interact.SIZE) as pilot:
        await pilot.pause()
        await pilot.pause(0.3)
        timings = await interact.time_keys(app, lambda n: ("a", "a"), samples)
    return timings.samples


def _advice_pages() -> list[object]:
    from rich.console import Group
    from rich.text import Text

    pages: list[object] = []
    for advice in data.pack().advice:
        parts = [Text(advice.title, style="bold"), Text(advice.text)]
        parts += [Text(f"• {question}") for question in advice.questions]
        pages.append(Group(*parts))
    return pages


async def _bare_static(samples: int) -> list[float]:
    app = minimal_app.BareStatic(_advice_pages())
    async with app.run_test(size=interact.SIZE) as pilot:
        await pilot.pause()
        await pilot.pause(0.3)
        timings = await interact.time_keys(app, lambda n: ("ctrl+n", None), samples)
    return timings.samples


async def _bare_static_and_notes(
    samples: int, size: tuple[int, int], session: object = None, *, kept: bool = False
) -> list[float]:
    from inddrag.domain.session import Session

    the_session = session if isinstance(session, Session) else data.meeting(10_000)
    notes = [entry.notes for entry in the_session.advice[:10]]
    bare = minimal_app.BareStaticAndEditors if kept else minimal_app.BareStaticAndNotes
    app = bare(_advice_pages(), notes, *size)
    async with app.run_test(size=interact.SIZE) as pilot:
        await pilot.pause()
        await pilot.pause(0.3)
        timings = await interact.time_keys(app, lambda n: ("ctrl+n", None), samples)
    return timings.samples


def interactions(plan: Plan, work: Path) -> list[Row]:
    per_round = max(10, plan.key_samples // plan.rounds)
    ours_keys: list[float] = []
    ours_moves: list[float] = []
    base_keys: list[float] = []
    layout_keys: list[float] = []
    base_moves: list[float] = []
    floor_moves: list[float] = []
    kept_moves: list[float] = []
    for _ in range(plan.rounds):  # alternate, so drift in the machine hits both alike
        keys, moves, size = asyncio.run(_app_timings(work, per_round))
        ours_keys += keys
        ours_moves += moves
        base_keys += asyncio.run(_bare_textarea(per_round, size))
        layout_keys += asyncio.run(_bare_layout_textarea(per_round))
        base_moves += asyncio.run(_bare_static(per_round))
        floor_moves += asyncio.run(_bare_static_and_notes(per_round, size))
        kept_moves += asyncio.run(_bare_static_and_notes(per_round, size, kept=True))
    key_ms, move_ms = median(ours_keys) * 1e3, median(ours_moves) * 1e3
    log(f"keystroke {key_ms:.2f} ms, next advice {move_ms:.2f} ms")
    ms = 1e3

    def p90(values: list[float]) -> str:
        return f"{interact.Timings(values).p90 * ms:.2f} ms"

    key_row = Row(
        "keystroke in notes of 10,000 characters",
        median(ours_keys) * ms,
        median(base_keys) * ms,
        "ms",
        f"bare TextArea {size[0]}×{size[1]}",
        "≤ 1.1×",
        median(ours_keys) <= 1.1 * median(base_keys),
        f"median of {len(ours_keys)}; p90 {p90(ours_keys)} vs {p90(base_keys)}",
        {"app": [v * ms for v in ours_keys], "baseline": [v * ms for v in base_keys]},
    )
    layout_row = Row(
        "keystroke vs its floor (the same layout, bare widgets)",
        median(ours_keys) * ms,
        median(layout_keys) * ms,
        "ms",
        "status, step bar, advice card and a framed TextArea, footer: no code of ours",
        "",
        None,
        f"median of {len(layout_keys)}; p90 {p90(layout_keys)}: Textual repaints every widget "
        "whose clip overlaps the notes on each key",
        {"app": [v * ms for v in ours_keys], "baseline": [v * ms for v in layout_keys]},
    )
    move_row = Row(
        "next advice (ctrl+n / ctrl+b), 10,000-character notes",
        median(ours_moves) * ms,
        median(base_moves) * ms,
        "ms",
        "bare Static swapping the advice text",
        "≤ 2×",
        median(ours_moves) <= 2 * median(base_moves),
        f"median of {len(ours_moves)}; p90 {p90(ours_moves)} vs {p90(base_moves)}",
        {"app": [v * ms for v in ours_moves], "baseline": [v * ms for v in base_moves]},
    )
    floor_row = Row(
        "next advice vs its floor (text and notes swapped)",
        median(ours_moves) * ms,
        median(floor_moves) * ms,
        "ms",
        f"bare Static + bare TextArea {size[0]}×{size[1]} swapping text and notes",
        "",
        None,
        f"median of {len(floor_moves)}; p90 {p90(floor_moves)}: the notes must be reloaded "
        "and repainted, which a Static swap never does",
        {"app": [v * ms for v in ours_moves], "baseline": [v * ms for v in floor_moves]},
    )
    kept_row = Row(
        "floor of an editor kept per advice (shown in turn)",
        median(kept_moves) * ms,
        median(floor_moves) * ms,
        "ms",
        "the floor above: one TextArea whose text is swapped",
        "",
        None,
        f"median of {len(kept_moves)}; p90 {p90(kept_moves)}: bare Static + one bare "
        f"TextArea {size[0]}×{size[1]} per advice, built at the start; showing a hidden "
        "editor lays the screen out again and rewraps its text, dearer than loading text",
        {"floor_kept": [v * ms for v in kept_moves], "floor": [v * ms for v in floor_moves]},
    )
    return [key_row, layout_row, move_row, floor_row, kept_row]


def switches(plan: Plan, work: Path) -> list[Row]:
    """Step switches and a dialog, key to a ready screen, beside bare Textual (switch.py)."""
    per_round = max(8, plan.key_samples // plan.rounds // 2)
    ours_steps: list[float] = []
    base_steps: list[float] = []
    ours_dialog: list[float] = []
    base_dialog: list[float] = []
    floor_dialog: list[float] = []
    for _ in range(plan.rounds):  # alternate, so drift in the machine hits both alike
        ours_steps += asyncio.run(switch.app_steps(work, per_round))
        base_steps += asyncio.run(switch.bare_steps(per_round))
        ours_dialog += asyncio.run(switch.app_dialog(work, per_round))
        base_dialog += asyncio.run(switch.bare_dialog(per_round))
        floor_dialog += asyncio.run(switch.bare_dialog(per_round, like_ours=True))
    ms = 1e3
    log(f"step switch {median(ours_steps) * ms:.1f} ms, dialog {median(ours_dialog) * ms:.1f} ms")

    def p90(values: list[float]) -> str:
        return f"{interact.Timings(values).p90 * ms:.1f} ms"

    size = f"{interact.SIZE[0]}×{interact.SIZE[1]}"
    return [
        Row(
            "step switch (F2→F3→F4→F5, each)",
            median(ours_steps) * ms,
            median(base_steps) * ms,
            "ms",
            f"bare Textual: four installed screens (Static + Footer) switched, {size}",
            "≤ 1.5×",
            median(ours_steps) <= 1.5 * median(base_steps),
            f"median of {len(ours_steps)}; p90 {p90(ours_steps)} vs {p90(base_steps)}; key to "
            "the step current, mounted, focused and painted (type-ahead queue included)",
            {"app": [v * ms for v in ours_steps], "baseline": [v * ms for v in base_steps]},
        ),
        Row(
            "dialog ready (key → focused field)",
            median(ours_dialog) * ms,
            median(base_dialog) * ms,
            "ms",
            f"bare ModalScreen with one Input pushed by the same key, {size}",
            "≤ 1.5×",
            median(ours_dialog) <= 1.5 * median(base_dialog),
            f"median of {len(ours_dialog)}; p90 {p90(ours_dialog)} vs {p90(base_dialog)}; "
            "ctrl+s on an unnamed session until the name field has the focus, painted",
            {"app": [v * ms for v in ours_dialog], "baseline": [v * ms for v in base_dialog]},
        ),
        Row(
            "dialog ready vs its floor (the same widgets, bare)",
            median(ours_dialog) * ms,
            median(floor_dialog) * ms,
            "ms",
            "bare ModalScreen with the save dialog's widgets (title, label, field, note, "
            "two buttons)",
            "",
            None,
            f"median of {len(floor_dialog)}; p90 {p90(floor_dialog)}: what six widgets and two "
            "buttons cost Textual to build, style and lay out",
            {"app": [v * ms for v in ours_dialog], "baseline": [v * ms for v in floor_dialog]},
        ),
    ]


def interactions_large(plan: Plan, work: Path) -> list[Row]:
    """Next advice in the large session (5 KB notes an advice, 100 advice, 50 × 12 roles)."""
    session = data.large_session()
    per_round = max(10, plan.key_samples // plan.rounds // 2)
    ours: list[float] = []
    base: list[float] = []
    floor: list[float] = []
    for _ in range(max(1, plan.rounds // 2)):
        _, moves, size = asyncio.run(_app_timings(work, per_round, session, keys_too=False))
        ours += moves
        base += asyncio.run(_bare_static(per_round))
        floor += asyncio.run(_bare_static_and_notes(per_round, size, session))
    ms = 1e3
    log(f"next advice in the large file {median(ours) * ms:.2f} ms")
    return [
        Row(
            "next advice in the large file (5 KB notes)",
            median(ours) * ms,
            median(base) * ms,
            "ms",
            "bare Static swapping the advice text",
            "",
            None,
            f"median of {len(ours)}; against its floor (Static + TextArea swapping both) "
            f"{median(ours) / median(floor):.2f}× ({median(floor) * ms:.2f} ms)",
            {"app": [v * ms for v in ours], "baseline": [v * ms for v in base]},
        )
    ]


# --- save and export -----------------------------------------------------------------------


def raw_atomic_write(path: Path, payload: bytes) -> None:
    """The floor: the same bytes, written atomically, with nothing else done."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".raw-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def timed(action: Callable[[], object], reps: int) -> list[float]:
    out = []
    for _ in range(reps):
        start = time.perf_counter()
        action()
        out.append((time.perf_counter() - start) * 1e3)
    return out


def save_and_export(plan: Plan, work: Path) -> list[Row]:
    import tomli_w

    from inddrag.domain.atomic import atomic_write_text
    from inddrag.domain.export import to_markdown
    from inddrag.domain.storage import dumps_session, save_session

    session = data.large_session()
    pack = data.pack()
    folder = work / "large"
    folder.mkdir()
    path = folder / "stor.toml"
    md_path = folder / "stor.md"
    save_session(session, path)
    toml_bytes = dumps_session(session).encode()
    md_bytes = to_markdown(session, pack, "da").encode()
    floor_path = folder / "floor.bin"
    plain_data = session.model_dump(mode="python", exclude_none=True)  # outside the clock

    def export() -> None:
        atomic_write_text(md_path, to_markdown(session, pack, "da"))

    def tomli_w_save() -> None:
        raw_atomic_write(floor_path, tomli_w.dumps(plain_data).encode())

    saves, exports, floor_saves, floor_exports, tomli_saves = [], [], [], [], []
    for _ in range(plan.save_reps):  # interleaved, one of each per round
        saves += timed(lambda: save_session(session, path), 1)
        tomli_saves += timed(tomli_w_save, 1)
        floor_saves += timed(lambda: raw_atomic_write(floor_path, toml_bytes), 1)
        exports += timed(export, 1)
        floor_exports += timed(lambda: raw_atomic_write(floor_path, md_bytes), 1)
    kb_toml, kb_md = len(toml_bytes) / 1024, len(md_bytes) / 1024
    save_ms, export_ms = median(saves), median(exports)
    log(f"save {save_ms:.1f} ms, export {export_ms:.1f} ms")
    note = "100 advice × 5 KB notes, 50 roles × 12 columns"
    return [
        Row(
            f"save large session ({kb_toml:.0f} KB TOML)",
            save_ms,
            median(tomli_saves),
            "ms",
            "tomli_w.dumps of the same data + atomic write",
            "≤ 1.2×",
            save_ms <= 1.2 * median(tomli_saves),
            f"{save_ms / kb_toml:.3f} ms/KB; {note}; the atomic write alone "
            f"{median(floor_saves):.2f} ms; the data as plain dicts before the clock starts",
            {"app": saves, "baseline": tomli_saves, "write only": floor_saves},
        ),
        Row(
            f"export Markdown ({kb_md:.0f} KB)",
            export_ms,
            median(floor_exports),
            "ms",
            "atomic write of the same bytes",
            "≤ 15 ms",
            export_ms <= 15,
            f"{export_ms / kb_md:.3f} ms/KB",
            {"app": exports, "baseline": floor_exports},
        ),
        Row(
            "save + export, large session",
            save_ms + export_ms,
            median(floor_saves) + median(floor_exports),
            "ms",
            "atomic writes of the same bytes",
            "≤ 60 ms",
            save_ms + export_ms <= 60,
            f"{(save_ms + export_ms) / (kb_toml + kb_md):.3f} ms/KB",
        ),
    ]


# --- merge ---------------------------------------------------------------------------------


def merge_rows(plan: Plan, work: Path) -> list[Row]:
    from inddrag.domain.merge import merge_preps
    from inddrag.domain.storage import load_session, many_files, save_session

    pack = data.pack()
    folder = work / "merge"
    team = data.team_file(folder)
    counts = plan.merge_counts
    preps_all = data.prep_files(folder / "preps", max(counts))
    results: dict[int, tuple[float, float]] = {}
    parts: dict[int, dict[str, float]] = {}
    for count in counts:
        preps = preps_all[:count]
        out = folder / f"samlet-{count}.toml"
        split: dict[str, list[float]] = {"load": [], "merge": [], "save": []}

        def ours() -> None:
            t0 = time.perf_counter()
            with many_files():  # as `inddrag merge` loads them
                loaded = [(p, load_session(p)) for p in preps]  # noqa: B023
            the_team = load_session(team)
            t1 = time.perf_counter()
            result = merge_preps(the_team, loaded, anonymous=False, when=data.WHEN, pack=pack)
            t2 = time.perf_counter()
            assert len(result.session.inputs) == count  # noqa: B023
            save_session(result.session, out)  # noqa: B023
            t3 = time.perf_counter()
            for name, took in (("load", t1 - t0), ("merge", t2 - t1), ("save", t3 - t2)):
                split[name].append(took * 1e3)  # noqa: B023

        def floor() -> None:
            for p in [team, *preps]:  # noqa: B023
                tomllib.loads(p.read_text(encoding="utf-8"))

        reps = plan.merge_reps if count <= 1000 else 1
        ours_ms, floor_ms = [], []
        for _ in range(reps):
            ours_ms += timed(ours, 1)
            floor_ms += timed(floor, 1)
        results[count] = (median(ours_ms), median(floor_ms))
        parts[count] = {name: median(values) for name, values in split.items()}
    rows = []
    for count, (ours_ms, floor_ms) in results.items():
        per, floor_per = ours_ms / count, floor_ms / count
        split_text = ", ".join(f"{name} {ms / count:.3f}" for name, ms in parts[count].items())
        target = "≤ 1.5×" if count == 1000 else ""
        rows.append(
            Row(
                f"merge {count:,} prep files (load + merge + save)",
                per,
                floor_per,
                "ms/prep",
                "read + tomllib parse only",
                target,
                per <= 1.5 * floor_per if target else None,
                f"{ours_ms:.0f} ms in all; per prep: {split_text} ms",
            )
        )
    for small, large in itertools.pairwise(counts):
        scale = results[large][0] / results[small][0]
        floor_scale = results[large][1] / results[small][1]
        rows.append(
            Row(
                f"merge: time for {large:,} ÷ time for {small:,}",
                scale,
                floor_scale,
                "×",
                "the same for parsing only",
                "≈ 10 (linear)",
                scale <= 12,
                "10 is linear",
            )
        )
    log(", ".join(f"merge {c}: {results[c][0] / c:.2f} ms/prep" for c in counts))
    return rows


def unknown_ids_row(work: Path) -> Row:
    """``inddrag merge`` of 100 preps × 1,000 unknown advice ids (issue 22, item 5)."""
    import unknown_ids

    folder = work / "unknown-ids"
    folder.mkdir()
    result = unknown_ids.measure(folder, 100, 1000)
    return Row(
        "merge 100 preps × 1,000 unknown advice ids (100,000 warnings)",
        result["merge_s"] * 1e3,
        result["parse_s"] * 1e3,
        "ms",
        "read + tomllib parse of the same files",
        note="each warning's line found in a scan made once per file (it was a re-read "
        "and re-scan per warning: 3 preps × 1,000 ids took 22.5 s, now 0.19 s)",
    )


# --- memory --------------------------------------------------------------------------------


def memory(plan: Plan) -> list[Row]:
    peaks: dict[str, list[float]] = {"app": [], "minimal": [], "floor": [], "floor_all": []}
    for _ in range(plan.memory_runs):
        for which in peaks:
            done = subprocess.run(
                [sys.executable, str(HERE / "memwalk.py"), which],
                capture_output=True,
                text=True,
                check=True,
                timeout=300,
            )
            peaks[which].append(json.loads(done.stdout.strip().splitlines()[-1])["peak_kb"] / 1024)
    ours, base, floor = median(peaks["app"]), median(peaks["minimal"]), median(peaks["floor"])
    log(f"memory {ours:.1f} MB")
    return [
        Row(
            "peak memory (RSS) after walking every step",
            ours,
            base,
            "MB",
            "minimal Textual app",
            "≤ 1.6×",
            ours <= 1.6 * base,
            "headless; start, new session, notes on all ten advice, every step, help",
            {"app": peaks["app"], "baseline": peaks["minimal"]},
        ),
        Row(
            "memory floor: the minimal app with our imports",
            floor,
            base,
            "MB",
            "minimal Textual app",
            "",
            None,
            "the minimal app after importing the advice step's widgets, pydantic and the "
            "domain models, before any screen of ours",
            {"floor": peaks["floor"], "baseline": peaks["minimal"]},
        ),
        Row(
            "memory floor: the minimal app with every module the walk imports",
            median(peaks["floor_all"]),
            base,
            "MB",
            "minimal Textual app",
            "",
            None,
            "also every step's screen module (DataTable, Rich Markdown with pygments and "
            "markdown-it), help and the exports: the walk beyond it is our screens and "
            "what they draw",
            {"floor_all": peaks["floor_all"], "baseline": peaks["minimal"]},
        ),
    ]


# --- the table -----------------------------------------------------------------------------


def collect_rows(plan: Plan) -> list[Row]:
    """200 phones answer ``inddrag collect`` evenly within 10 s (benchmarks/collect.py)."""
    import collect

    result = collect.measure(200, 10.0)
    slowest = float(result["slowest"]) * 1e3  # type: ignore[arg-type]
    log(f"collect: {result['stored']} stored, slowest {slowest:.0f} ms")
    return [
        Row(
            "200 participants answer within 10 s: slowest response",
            slowest,
            None,
            "ms",
            "",
            "< 500 ms",
            slowest < 500 and result["stored"] == 200,
            f"{result['stored']} of 200 answers stored; page + answer per phone, one address",
        ),
        _collect_keys_row(plan),
    ]


def _collect_keys_row(plan: Plan) -> Row:
    """The leader's keystroke while 200 answers arrive and are merged live (collect_keys.py)."""
    import collect_keys

    work = Path(tempfile.mkdtemp(prefix="inddrag-collect-keys-"))
    try:
        samples = max(150, plan.key_samples)  # at 60 ms a key: the whole 10 s of answers
        quiet, _ = asyncio.run(collect_keys.timings(work, samples, crowd=False))
        busy, merged = asyncio.run(collect_keys.timings(work, samples, crowd=True))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ours, base = median(busy) * 1e3, median(quiet) * 1e3
    log(f"keystroke with 200 answers arriving {ours:.2f} ms, without {base:.2f} ms")
    return Row(
        "keystroke while 200 answers arrive (merged live)",
        ours,
        base,
        "ms",
        "the same keystroke with no answers arriving",
        "",
        None,
        f"median of {len(busy)}; {merged} answers merged into the open session meanwhile",
    )


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import textual

    return {
        "date": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "textual": textual.__version__,
    }


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "×":
        return f"{value:.1f}"
    if unit == "ms/prep":
        return f"{value:.3f} ms"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:.1f} ms" if value >= 10 else f"{value:.2f} ms"


def table(rows: list[Row]) -> str:
    head = ["measure", "inddrag", "baseline", "ratio", "target", "met", "baseline is"]
    body = []
    for row in rows:
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "–"
        met = "" if row.met is None else ("yes" if row.met else "NO")
        body.append(
            [
                row.name,
                fmt(row.ours, row.unit),
                fmt(row.base, row.unit),
                ratio,
                row.target,
                met,
                row.base_name,
            ]
        )
    widths = [max(len(str(line[i])) for line in [head, *body]) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(head), rule, *(line(cells) for cells in body)])


def main(argv: list[str] | None = None) -> int:
    # PYTHONDONTWRITEBYTECODE would make every launch compile our modules from source (40 ms
    # on this machine) while Textual's come compiled from its install. An installed app has
    # its bytecode: the warm-up launches write it and the timed ones use it, for both apps.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs: under a minute")
    parser.add_argument("--json", metavar="FILE", help="also write every sample here")
    parser.add_argument(
        "--only",
        choices=["paint", "keys", "switch", "save", "merge", "memory", "large", "collect"],
        action="append",
        help="run only these parts (repeatable)",
    )
    parser.add_argument(
        "--follower",
        action="store_true",
        help="run a projector view (inddrag present) beside the keystroke measurements",
    )
    args = parser.parse_args(argv)
    if args.follower:
        os.environ["INDDRAG_BENCH_FOLLOWER"] = "1"
    plan = QUICK if args.quick else FULL
    parts = args.only or ["paint", "keys", "switch", "save", "merge", "memory", "large", "collect"]
    started = time.perf_counter()
    info = machine()
    work = Path(tempfile.mkdtemp(prefix="inddrag-bench-"))
    os.environ["INDDRAG_STATE_DIR"] = str(work / "state")  # never the user's own folders
    rows: list[Row] = []
    try:
        if "paint" in parts:
            rows.append(first_paint(plan, work))
        if "keys" in parts:
            rows += interactions(plan, work)
        if "switch" in parts:
            rows += switches(plan, work)
        if "save" in parts:
            rows += save_and_export(plan, work)
        if "merge" in parts:
            rows += merge_rows(plan, work)
            rows.append(unknown_ids_row(work))
        if "memory" in parts:
            rows += memory(plan)
        if "large" in parts:  # the scale case: the large session through the steps
            rows.extend(first_paint_large(plan, work))
            rows += interactions_large(plan, work)
        if "collect" in parts:
            rows += collect_rows(plan)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    took = time.perf_counter() - started
    command = "python benchmarks/run.py" + (" --quick" if args.quick else "")
    command += "".join(f" --only {part}" for part in args.only or [])
    command += " --follower" if args.follower else ""
    print(f"inddrag benchmarks ({'quick' if args.quick else 'full'} run, {took:.0f} s)")
    print(" · ".join(f"{k}: {v}" for k, v in info.items()))
    print(f"command: {command}\n")
    print(table(rows))
    print()
    for row in rows:
        if row.note:
            print(f"- {row.name}: {row.note}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "machine": info,
                    "command": command,
                    "seconds": took,
                    "rows": [asdict(r) | {"ratio": r.ratio} for r in rows],
                },
                indent=1,
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
