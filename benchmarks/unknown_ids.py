"""``inddrag merge`` of preps full of advice ids the pack lacks (issue 22, item 5).

``python benchmarks/unknown_ids.py [PREPS IDS]`` (default 100 × 1,000) writes PREPS prep
files whose ranking holds IDS advice ids the pack does not know, merges them into a team
session the way ``inddrag merge`` does (in-process, output to memory: one warning per id,
PREPS × IDS warnings, each with its file's line) and prints the seconds, beside the
baseline: reading and parsing the same files with ``tomllib``. Merge used to read and
scan a prep again for each of its warnings, so one prep with 2,000 ids took 24 s.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import tempfile
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from data import WHEN, pack

from inddrag.cli import main as inddrag_main
from inddrag.domain import session as ops
from inddrag.domain.storage import save_session


def write_files(folder: Path, preps: int, ids: int) -> tuple[Path, list[Path]]:
    """A team session and ``preps`` preps, each ranking ``ids`` unknown advice ids."""
    the_pack = pack()
    team = folder / "hold.toml"
    save_session(ops.new_session(the_pack, "team", when=WHEN), team)
    paths = []
    for number in range(preps):
        prep = ops.new_session(the_pack, "prep", when=WHEN)
        prep.session.facilitator = f"Deltager {number:03}"
        prep.priorities.order = [f"ukendt-{number}-{n}" for n in range(ids)]
        path = folder / f"forb-{number:03}.toml"
        save_session(prep, path)
        paths.append(path)
    return team, paths


def measure(folder: Path, preps: int = 100, ids: int = 1000) -> dict[str, float]:
    """Seconds for the merge and for the baseline (parse only), and the warnings printed."""
    team, paths = write_files(folder, preps, ids)
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = inddrag_main(["merge", str(team), *map(str, paths), "-o", str(folder / "ud.toml")])
    ours = time.perf_counter() - start
    assert code == 0, err.getvalue()[-500:]
    start = time.perf_counter()
    for path in [team, *paths]:
        tomllib.loads(path.read_text(encoding="utf-8"))
    base = time.perf_counter() - start
    warnings = err.getvalue().count("\n")
    return {"merge_s": round(ours, 3), "parse_s": round(base, 3), "warnings": warnings}


def main(argv: list[str]) -> int:
    preps, ids = (int(argv[0]), int(argv[1])) if len(argv) == 2 else (100, 1000)
    with tempfile.TemporaryDirectory(prefix="inddrag-bench-ids-") as tmp:
        result = measure(Path(tmp), preps, ids)
    print(json.dumps({"preps": preps, "unknown_ids": ids, **result}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
