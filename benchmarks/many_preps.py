"""A session with thousands of merged preparations, through every step (issue 15, item 9).

``python benchmarks/many_preps.py [N …]`` (default 1000 2500 5000 10000) prints one JSON
line per N: seconds for the merge of N preps, ``check`` of the saved file (every input
also carries an advice id the pack lacks, so N warnings are rendered), the Markdown and
CSV summaries, and each step of the app headless at 120×40 (advice, next advice,
prioritise, roles, summary), plus the peak RSS. Compare the ratios between rows: near
linear means 10× the preps costs about 10× the time, never 100×.
"""

from __future__ import annotations

import asyncio
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from data import WHEN, pack, prose

from inddrag.domain import session as ops
from inddrag.domain.check import check_path
from inddrag.domain.export import to_csv, to_markdown
from inddrag.domain.merge import merge_preps
from inddrag.domain.session import Session
from inddrag.domain.storage import save_session


def preps(count: int, seed: int = 5) -> list[tuple[Path, Session]]:
    """``count`` preparations in memory: five ranked advice, notes on two, an unknown id."""
    rng = random.Random(seed)
    the_pack = pack()
    ids = [a.id for a in the_pack.advice]
    out = []
    for number in range(count):
        session = ops.new_session(the_pack, "prep", when=WHEN)
        session.session.facilitator = f"Deltager {number:05}"
        order = rng.sample(ids, 5)
        ops.set_priorities(session, [*order, f"ukendt-{number}"])
        for advice_id in order[:2]:
            ops.set_notes(session, advice_id, prose(rng, 120))
        out.append((Path(f"prep-{number:05}.toml"), session))
    return out


def timed(work: object) -> float:
    start = time.perf_counter()
    work()  # type: ignore[operator]
    return round(time.perf_counter() - start, 3)


async def walk(path: Path, state: Path) -> dict[str, float]:
    from inddrag.ui.factory import build_app

    app = build_app(file=path, state_dir=state, cwd=path.parent)
    times: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for name, key in (
            ("advice", "f2"),
            ("next_advice", "ctrl+n"),
            ("prioritise", "f3"),
            ("roles", "f4"),
            ("summary", "f5"),
        ):
            start = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            await app.animator.wait_until_complete()
            await pilot.pause()
            times[name] = round(time.perf_counter() - start, 3)
    return times


def measure(count: int, folder: Path) -> dict[str, object]:
    the_pack = pack()
    team = ops.new_session(the_pack, "team", when=WHEN)
    team.session.title = "Mange forberedelser"
    given = preps(count)
    row: dict[str, object] = {"preps": count}
    result = None

    def merge() -> None:
        nonlocal result
        result = merge_preps(team, given, anonymous=False, when=WHEN, pack=the_pack)

    row["merge_s"] = timed(merge)
    assert result is not None
    merged = result.session
    path = folder / f"hold-{count}.toml"
    save_session(merged, path)
    report = None

    def check() -> None:
        nonlocal report
        report = check_path(path)
        for prob in report.problems:
            prob.render("da")

    row["check_s"] = timed(check)
    assert report is not None
    row["warnings"] = len(report.problems)
    row["markdown_s"] = timed(lambda: to_markdown(merged, the_pack, "da"))
    row["csv_s"] = timed(lambda: to_csv(merged, the_pack, "da"))
    state = folder / "state"
    state.mkdir(exist_ok=True)
    row["app"] = asyncio.run(walk(path, state))
    row["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return row


def main() -> None:
    counts = [int(a) for a in sys.argv[1:]] or [1000, 2500, 5000, 10000]
    with tempfile.TemporaryDirectory() as tmp:
        for count in counts:
            print(json.dumps(measure(count, Path(tmp))), flush=True)


if __name__ == "__main__":
    main()
