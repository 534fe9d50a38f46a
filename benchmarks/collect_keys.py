"""The leader's keystroke while 200 participants' answers arrive, against without.

    python benchmarks/collect_keys.py [--samples 150]

The app opens a meeting whose first advice holds 10,000 characters of notes, the cursor at
the end (as ``benchmarks/run.py``'s keystroke figure). Then, twice, keys are timed with the
same harness (post a key, run until quiet, paint; one key every 60 ms): once with nothing
else going on, once while 200 phones (another process, ``benchmarks/collect.py --url``)
answer the app's own participants' server within 10 seconds, each answer merged into the
open session as it arrives ("Deltagerne svarer selv"). Prints the median and p90 of both.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import data  # noqa: E402
import interact  # noqa: E402


async def timings(work: Path, samples: int, crowd: bool) -> tuple[list[float], int]:
    from inddrag.domain.collect import AnswerBox, answers_folder
    from inddrag.domain.storage import save_session
    from inddrag.ui.collect_server import CollectServer
    from inddrag.ui.factory import build_app

    path = work / ("crowd.toml" if crowd else "quiet.toml")
    save_session(data.meeting(10_000), path)
    app = build_app(file=path, state_dir=work / "state", cwd=work)
    phones = None
    async with app.run_test(size=interact.SIZE) as pilot:
        await pilot.pause(0.3)
        notes = interact.notes_editor(app)
        notes.move_cursor(notes.document.end)
        state = app.state
        assert state is not None
        if crowd:
            box = AnswerBox(answers_folder(path, "da"), state.session, app.pack)
            server = CollectServer(box, port=0, rate=10_000, on_stored=app.collecting.take_in)
            app.collecting.server = server
            await server.start()
            script = [sys.executable, str(HERE / "collect.py"), "--url", server.url]
            phones = subprocess.Popen([*script, "--people", "200"], stdout=subprocess.PIPE)
            await asyncio.sleep(0.5)  # the first phones arrive
        keys = await interact.time_keys(app, lambda n: ("a", "a"), samples)
        merged = len(state.session.inputs)
        if phones is not None:
            await asyncio.to_thread(phones.wait)
            await app.collecting.close()
            merged = len(state.session.inputs)
    return keys.samples, merged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=150)
    args = parser.parse_args(argv)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="inddrag-collect-keys-") as tmp:
        work = Path(tmp)
        os.environ["INDDRAG_STATE_DIR"] = str(work / "state")
        quiet, _ = asyncio.run(timings(work, args.samples, crowd=False))
        busy, merged = asyncio.run(timings(work, args.samples, crowd=True))
    for name, values in (("without answers", quiet), ("200 answers arriving", busy)):
        t = interact.Timings(values)
        print(f"keystroke, {name}: median {t.median * 1e3:.2f} ms, p90 {t.p90 * 1e3:.2f} ms")
    print(f"answers merged into the open session: {merged}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
