"""Walk every step of the app (or show the minimal app), then report peak memory (RSS).

Run in a fresh process by ``run.py`` so each figure is one program's own peak:
``python benchmarks/memwalk.py app|minimal|floor|floor_all`` prints ``{"peak_kb": …, "rss_kb": …}``.
Headless (Textual's test driver) for both, so the terminal plays no part.

``--steps`` says how RSS grows along the walk (on stderr); ``--trace`` adds ``tracemalloc``
snapshots: the Python memory held after each step and the ten source files holding most of
what that step added (slow; never used for the figure ``run.py`` reports).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import resource
import sys
import tempfile
from pathlib import Path

SIZE = (120, 40)


def rss_kb() -> int:
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def peak_kb() -> int:
    """The high-water mark of this process's RSS (``VmHWM``).

    Not ``getrusage().ru_maxrss``: on Linux that keeps the peak of the parent it was
    forked from across ``exec``, so a small child of a big parent reports the parent's.
    """
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


_last_snapshot: list[object] = []


def note(label: str) -> None:
    """With ``--steps``, say how memory grows along the walk (on stderr)."""
    if "--steps" not in sys.argv and "--trace" not in sys.argv:
        return
    print(f"{rss_kb() / 1024:6.1f} MB RSS  {label}", file=sys.stderr)
    if "--trace" in sys.argv:
        import tracemalloc

        snapshot = tracemalloc.take_snapshot()
        current, _ = tracemalloc.get_traced_memory()
        print(f"{current / 2**20:6.1f} MB traced (Python objects)", file=sys.stderr)
        if _last_snapshot:
            diff = snapshot.compare_to(_last_snapshot[0], "filename")  # type: ignore[arg-type]
            for stat in diff[:10]:
                if stat.size_diff > 100_000:
                    where = stat.traceback[0].filename.split("site-packages/")[-1]
                    print(f"         {stat.size_diff / 2**20:+6.2f} MB  {where}", file=sys.stderr)
        _last_snapshot[:] = [snapshot]


async def walk_app(folder: Path) -> None:
    note("before importing the app")
    from textual.widgets import Input

    from inddrag.ui.factory import build_app

    sys.path.insert(0, str(Path(__file__).parent))
    import data
    import interact

    note("imports done (Textual, pydantic, inddrag)")
    app = build_app(state_dir=folder / "state", cwd=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        note("start screen")
        await pilot.press("enter")  # Ny holddrøftelse
        await pilot.pause()
        app.screen.query_one("#title", Input).value = "Hukommelse"
        await pilot.click("#start")
        await pilot.pause(0.1)
        note("advice step (the other steps are built when first visited)")
        for number in range(len(app.pack.advice)):  # notes on every advice
            notes = interact.notes_editor(app)
            notes.insert(data.prose(random.Random(number), 1_000))
            await pilot.press("ctrl+n")
            await pilot.pause()
        note("notes on all ten advice")
        for key in ("f3", "f4", "f5", "f2"):  # prioritise, roles, summary, back
            await pilot.press(key)
            await pilot.pause(0.15)
            note(f"after {key}")
        await pilot.press("f1")  # help
        await pilot.pause(0.1)
        await pilot.press("escape")
        await pilot.pause(0.1)
        note("help shown and closed")


async def walk_floor() -> None:
    """The minimal app after importing what any inddrag session needs before its first step:
    the Textual widgets of the advice step, pydantic and the domain models. The floor for
    memory while the sessions are pydantic models."""
    import textual.widgets  # noqa: F401
    from textual.widgets import TextArea  # noqa: F401

    import inddrag.domain.content
    import inddrag.domain.recovery
    import inddrag.domain.storage  # noqa: F401

    await walk_minimal()


async def walk_floor_all() -> None:
    """The minimal app after importing every module the walk imports: the app, every
    step's screen (the roles' DataTable, the summary's Rich Markdown with pygments and
    markdown-it), the help screen and the domain. What the walk holds beyond this is our
    screens, their widgets and what they draw."""
    import textual.widgets  # noqa: F401

    import inddrag.domain.content
    import inddrag.domain.export
    import inddrag.domain.recovery
    import inddrag.domain.storage
    import inddrag.ui.app
    import inddrag.ui.dialogs.help
    import inddrag.ui.screens.start  # noqa: F401
    from inddrag.ui.steps import STEPS

    for step in STEPS:
        step.screen_class()
    await walk_minimal()


async def walk_minimal() -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from minimal_app import MinimalApp

    app = MinimalApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause(0.1)


def main() -> None:
    which = sys.argv[1]
    if "--trace" in sys.argv:
        import tracemalloc

        tracemalloc.start()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["INDDRAG_STATE_DIR"] = str(Path(tmp) / "state")
        if which == "app":
            asyncio.run(walk_app(Path(tmp)))
        elif which == "floor":
            asyncio.run(walk_floor())
        elif which == "floor_all":
            asyncio.run(walk_floor_all())
        else:
            asyncio.run(walk_minimal())
    print(json.dumps({"peak_kb": peak_kb(), "rss_kb": rss_kb()}))


if __name__ == "__main__":
    main()
