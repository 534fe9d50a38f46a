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


QUICK = Plan(paint_runs=5, key_samples=30, rounds=2, save_reps=5, merge_reps=1, memory_runs=1)
FULL = Plan(paint_runs=15, key_samples=200, rounds=4, save_reps=21, merge_reps=5, memory_runs=3)


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


def first_paint(plan: Plan, work: Path) -> Row:
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
    programs = {
        "app": inddrag_argv(),
        "minimal": [sys.executable, str(HERE / "minimal_app.py")],
    }
    times: dict[str, list[float]] = {"app": [], "minimal": []}
    for argv in programs.values():  # warm the bytecode caches; not counted
        terminal.time_to_text(argv, TITLE, env=env, cwd=str(work))
    for run in range(plan.paint_runs):
        order = ["app", "minimal"] if run % 2 == 0 else ["minimal", "app"]
        for name in order:
            times[name].append(terminal.time_to_text(programs[name], TITLE, env=env, cwd=str(work)))
    log(f"first paint: app {median(times['app']) * 1e3:.0f} ms")
    ours, base = median(times["app"]) * 1e3, median(times["minimal"]) * 1e3
    return Row(
        "first paint (launch → title on screen)",
        ours,
        base,
        "ms",
        "minimal Textual app",
        "≤ 1.2×",
        ours <= 1.2 * base,
        f"median of {plan.paint_runs} alternating runs, pty {interact.SIZE[0]}×{interact.SIZE[1]}",
        {k: [v * 1e3 for v in vs] for k, vs in times.items()},
    )


# --- keystroke and next advice -------------------------------------------------------------


async def _app_timings(
    work: Path, samples: int
) -> tuple[list[float], list[float], tuple[int, int]]:
    from inddrag.domain.storage import save_session
    from inddrag.ui.factory import build_app

    path = work / "møde.toml"
    save_session(data.meeting(10_000), path)
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
        assert len(notes.text) == 10_000, len(notes.text)
        notes.move_cursor(notes.document.end)
        size = (notes.region.width, notes.region.height)
        keys = await interact.time_keys(app, lambda n: ("a", "a"), samples)
        moves = ["ctrl+n"] * 9 + ["ctrl+b"] * 9  # every advice, each with 10,000 characters
        move = await interact.time_keys(app, lambda n: (moves[n % len(moves)], None), samples)
        assert app.screen.id == "advice"
        published = app.saver.live.publisher.writes
    if follower is not None:
        follower.terminate()
        follower.wait()
    log(f"live views published during the run: {published}")
    return keys.samples, move.samples, size


async def _bare_textarea(samples: int, size: tuple[int, int]) -> list[float]:
    notes = data.meeting(10_000).advice[0].notes
    app = minimal_app.BareTextArea(notes, *size)
    async with app.run_test(size=interact.SIZE) as pilot:
        await pilot.pause()
        await pilot.pause(0.3)
        timings = await interact.time_keys(app, lambda n: ("a", "a"), samples)
    return timings.samples


async def _bare_static(samples: int) -> list[float]:
    from rich.console import Group
    from rich.text import Text

    pages: list[object] = []
    for advice in data.pack().advice:
        parts = [Text(advice.title, style="bold"), Text(advice.text)]
        parts += [Text(f"• {question}") for question in advice.questions]
        pages.append(Group(*parts))
    app = minimal_app.BareStatic(pages)
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
    base_moves: list[float] = []
    for _ in range(plan.rounds):  # alternate, so drift in the machine hits both alike
        keys, moves, size = asyncio.run(_app_timings(work, per_round))
        ours_keys += keys
        ours_moves += moves
        base_keys += asyncio.run(_bare_textarea(per_round, size))
        base_moves += asyncio.run(_bare_static(per_round))
    key_ms, move_ms = median(ours_keys) * 1e3, median(ours_moves) * 1e3
    log(f"keystroke {key_ms:.2f} ms, next advice {move_ms:.2f} ms")
    ms = 1e3
    key_row = Row(
        "keystroke in notes of 10,000 characters",
        median(ours_keys) * ms,
        median(base_keys) * ms,
        "ms",
        f"bare TextArea {size[0]}×{size[1]}",
        "≤ 1.2×",
        median(ours_keys) <= 1.2 * median(base_keys),
        f"median of {len(ours_keys)}; p90 {interact.Timings(ours_keys).p90 * ms:.2f} ms "
        f"vs {interact.Timings(base_keys).p90 * ms:.2f} ms",
        {"app": [v * ms for v in ours_keys], "baseline": [v * ms for v in base_keys]},
    )
    move_row = Row(
        "next advice (ctrl+n), 10,000-character notes",
        median(ours_moves) * ms,
        median(base_moves) * ms,
        "ms",
        "bare Static swapping the advice text",
        "≤ 1.5×",
        median(ours_moves) <= 1.5 * median(base_moves),
        f"median of {len(ours_moves)}; p90 {interact.Timings(ours_moves).p90 * ms:.2f} ms "
        f"vs {interact.Timings(base_moves).p90 * ms:.2f} ms",
        {"app": [v * ms for v in ours_moves], "baseline": [v * ms for v in base_moves]},
    )
    return [key_row, move_row]


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

    def export() -> None:
        atomic_write_text(md_path, to_markdown(session, pack, "da"))

    saves, exports, floor_saves, floor_exports = [], [], [], []
    for _ in range(plan.save_reps):  # interleaved, one of each per round
        saves += timed(lambda: save_session(session, path), 1)
        floor_saves += timed(lambda: raw_atomic_write(floor_path, toml_bytes), 1)
        exports += timed(export, 1)
        floor_exports += timed(lambda: raw_atomic_write(floor_path, md_bytes), 1)
    kb_toml, kb_md = len(toml_bytes) / 1024, len(md_bytes) / 1024
    save_ms, export_ms = median(saves), median(exports)
    log(f"save {save_ms:.1f} ms, export {export_ms:.1f} ms")
    note = "100 advice × 5 KB notes, 50 roles × 8 columns"
    return [
        Row(
            f"save large session ({kb_toml:.0f} KB TOML)",
            save_ms,
            median(floor_saves),
            "ms",
            "atomic write of the same bytes",
            "",
            None,
            f"{save_ms / kb_toml:.3f} ms/KB; {note}",
            {"app": saves, "baseline": floor_saves},
        ),
        Row(
            f"export Markdown ({kb_md:.0f} KB)",
            export_ms,
            median(floor_exports),
            "ms",
            "atomic write of the same bytes",
            "",
            None,
            f"{export_ms / kb_md:.3f} ms/KB",
            {"app": exports, "baseline": floor_exports},
        ),
        Row(
            "save + export, large session",
            save_ms + export_ms,
            median(floor_saves) + median(floor_exports),
            "ms",
            "atomic writes of the same bytes",
            "≤ 50 ms",
            save_ms + export_ms <= 50,
            f"{(save_ms + export_ms) / (kb_toml + kb_md):.3f} ms/KB",
        ),
    ]


# --- merge ---------------------------------------------------------------------------------


def merge_rows(plan: Plan, work: Path) -> list[Row]:
    from inddrag.domain.merge import merge_preps
    from inddrag.domain.storage import load_session, save_session

    pack = data.pack()
    folder = work / "merge"
    team = data.team_file(folder)
    preps_all = data.prep_files(folder / "preps", 1000)
    results: dict[int, tuple[float, float]] = {}
    for count in (100, 1000):
        preps = preps_all[:count]
        out = folder / f"samlet-{count}.toml"

        def ours() -> None:
            loaded = [(p, load_session(p)) for p in preps]  # noqa: B023
            result = merge_preps(
                load_session(team), loaded, anonymous=False, when=data.WHEN, pack=pack
            )
            assert len(result.session.inputs) == count  # noqa: B023
            save_session(result.session, out)  # noqa: B023

        def floor() -> None:
            for p in [team, *preps]:  # noqa: B023
                tomllib.loads(p.read_text(encoding="utf-8"))

        ours_ms, floor_ms = [], []
        for _ in range(plan.merge_reps):
            ours_ms += timed(ours, 1)
            floor_ms += timed(floor, 1)
        results[count] = (median(ours_ms), median(floor_ms))
    rows = []
    for count, (ours_ms, floor_ms) in results.items():
        per, floor_per = ours_ms / count, floor_ms / count
        rows.append(
            Row(
                f"merge {count:,} prep files (load + merge + save)",
                per,
                floor_per,
                "ms/prep",
                "read + tomllib parse only",
                "≤ 2 ms/prep",
                per <= 2,
                f"{ours_ms:.0f} ms in all",
            )
        )
    scale = results[1000][0] / results[100][0]
    floor_scale = results[1000][1] / results[100][1]
    rows.append(
        Row(
            "merge: time for 1,000 ÷ time for 100",
            scale,
            floor_scale,
            "×",
            "the same for parsing only",
            "≈ 10 (linear)",
            scale <= 12,
            "10 is linear",
        )
    )
    log(f"merge {results[100][0] / 100:.2f} and {results[1000][0] / 1000:.2f} ms/prep")
    return rows


# --- memory --------------------------------------------------------------------------------


def memory(plan: Plan) -> Row:
    peaks: dict[str, list[float]] = {"app": [], "minimal": []}
    for _ in range(plan.memory_runs):
        for which in ("app", "minimal"):
            done = subprocess.run(
                [sys.executable, str(HERE / "memwalk.py"), which],
                capture_output=True,
                text=True,
                check=True,
                timeout=300,
            )
            peaks[which].append(json.loads(done.stdout.strip().splitlines()[-1])["peak_kb"] / 1024)
    ours, base = median(peaks["app"]), median(peaks["minimal"])
    log(f"memory {ours:.1f} MB")
    return Row(
        "peak memory (RSS) after walking every step",
        ours,
        base,
        "MB",
        "minimal Textual app",
        "≤ 1.3×",
        ours <= 1.3 * base,
        "headless; start, new session, notes on all ten advice, every step, help",
        peaks,
    )


# --- the table -----------------------------------------------------------------------------


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
        return f"{value:.2f} ms"
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
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs: under a minute")
    parser.add_argument("--json", metavar="FILE", help="also write every sample here")
    parser.add_argument(
        "--only",
        choices=["paint", "keys", "save", "merge", "memory"],
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
    parts = args.only or ["paint", "keys", "save", "merge", "memory"]
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
        if "save" in parts:
            rows += save_and_export(plan, work)
        if "merge" in parts:
            rows += merge_rows(plan, work)
        if "memory" in parts:
            rows.append(memory(plan))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    took = time.perf_counter() - started
    command = "python benchmarks/run.py" + (" --quick" if args.quick else "")
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
