"""Where the first paint's time goes: imports, then start-up until the title is on screen.

    python benchmarks/startup.py

Two parts, each for the app and for the minimal Textual app:

1. imports, one group after another in a fresh interpreter (what each adds);
2. the start-up after the imports, in a real pseudo-terminal, with timers around the
   steps that cost something (pack loading, stylesheet parsing, the app's ``__init__``),
   stopping at the first paint of the start screen.

Evidence for ``docs/performance.md``; nothing here changes how the app runs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import terminal  # noqa: E402

RUNS = 5

# An installed app has its bytecode: let the first run write it (see run.py's main).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

IMPORTS = r"""
import time
marks = []
last = time.perf_counter()
def mark(name):
    global last
    now = time.perf_counter()
    marks.append((name, (now - last) * 1000))
    last = now
import textual.app
from textual.widgets import Footer, Header, Static
mark("textual.app + Header, Static, Footer (the minimal app needs no more)")
import inddrag.cli
mark("inddrag.cli (argparse, i18n, importlib.resources)")
import pydantic
mark("pydantic (the package)")
from pydantic import BaseModel
mark("pydantic.BaseModel and its machinery (lazy on first use)")
class _First(BaseModel):
    x: int
mark("the first pydantic model class (plugin look-up, schema)")
import inddrag.domain.errors, inddrag.domain.models, inddrag.domain.tomlfile
mark("inddrag.domain.errors, models, tomlfile")
import inddrag.domain.content
mark("inddrag.domain.content (pack models)")
import inddrag.domain.session
mark("inddrag.domain.session (session models)")
import inddrag.domain.atomic
mark("inddrag.domain.atomic (tempfile)")
import inddrag.domain.storage
mark("inddrag.domain.storage (tomli_w)")
import inddrag.domain.recovery
mark("inddrag.domain.recovery (RecoveryHeader model)")
import inddrag.ui.app, inddrag.ui.factory, inddrag.cli.run_app
mark("inddrag.ui.app, factory, cli.run_app (+ saving, bindings)")
import inddrag.ui.screens.start
mark("inddrag.ui.screens.start (OptionList)")
for name, ms in marks:
    print(f"{ms:.2f}\t{name}")
"""

APP_STARTUP = r"""
import os, sys, time
start = time.perf_counter()
import inddrag.cli, inddrag.cli.run_app
import inddrag.ui.factory as factory
from textual.app import App
from textual.css.stylesheet import Stylesheet
import inddrag.ui.app as ui_app
imported = time.perf_counter()
# Only what the app has imported by now is timed: importing more here would move the
# app's own deferred imports in front of the clock.
recovery = sys.modules.get("inddrag.domain.recovery")
totals = {}
def timer(owner, name, label):
    if not hasattr(owner, name):  # the code moved on: time what is there
        return
    totals[label] = (0, 0.0)  # shown in this order
    real = getattr(owner, name)
    def timed(*args, **kwargs):
        began = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            count, total = totals.get(label, (0, 0.0))
            totals[label] = (count + 1, total + time.perf_counter() - began)
    setattr(owner, name, timed)
timer(factory, "build_app", "build_app (the app made; the pack too, where it is loaded first)")
timer(factory, "load_pack", "  of which load_pack")
timer(ui_app.InddragApp, "__init__", "  of which InddragApp.__init__")
timer(ui_app, "localise_bindings", "    of which localise_bindings (first string table)")
timer(Stylesheet, "parse", "stylesheet parsing (every parse)")
timer(App, "_load_screen_css", "screen CSS_PATH loaded when a screen is pushed")
if recovery is not None:
    timer(recovery, "scan_recoveries", "recovery.scan_recoveries")
real_display = App._display
def display(self, screen, renderable):
    real_display(self, screen, renderable)
    first = renderable is not None and not getattr(self, "_timed", False)
    if first and type(screen).__name__ == "StartScreen":
        self._timed = True
        now = time.perf_counter()
        with open(os.environ["STARTUP_OUT"], "w") as out:
            out.write(f"{(imported - start) * 1000:.2f}\timports\n")
            out.write(f"{(now - imported) * 1000:.2f}\tafter the imports, until the first paint\n")
            for label, (count, total) in totals.items():
                out.write(f"{total * 1000:.2f}\t{label} (x{count})\n")
        self.exit()
App._display = display
factory.build_app().run()
"""

MINIMAL_STARTUP = r"""
import os, sys, time
start = time.perf_counter()
import textual.app
from textual.widgets import Footer, Header, Static
sys.path.insert(0, os.environ["BENCH_DIR"])
import minimal_app
imported = time.perf_counter()
from textual.app import App
from textual.css.stylesheet import Stylesheet
real_parse = Stylesheet.parse
spent = [0.0, 0]
def parse(self, *args, **kwargs):
    began = time.perf_counter()
    try:
        return real_parse(self, *args, **kwargs)
    finally:
        spent[0] += time.perf_counter() - began
        spent[1] += 1
Stylesheet.parse = parse
real_display = App._display
def display(self, screen, renderable):
    real_display(self, screen, renderable)
    if renderable is not None and not getattr(self, "_timed", False):
        self._timed = True
        now = time.perf_counter()
        with open(os.environ["STARTUP_OUT"], "w") as out:
            out.write(f"{(imported - start) * 1000:.2f}\timports\n")
            out.write(f"{(now - imported) * 1000:.2f}\tafter the imports, until the first paint\n")
            out.write(f"{spent[0] * 1000:.2f}\tstylesheet parsing (every parse) (x{spent[1]})\n")
        self.exit()
App._display = display
minimal_app.MinimalApp().run()
"""


def median_rows(runs: list[list[tuple[float, str]]]) -> list[tuple[float, str]]:
    names = [name for _, name in runs[0]]
    return [(statistics.median(run[i][0] for run in runs), name) for i, name in enumerate(names)]


def parse(text: str) -> list[tuple[float, str]]:
    rows = []
    for line in text.strip().splitlines():
        ms, name = line.split("\t", 1)
        rows.append((float(ms), name))
    return rows


def imports() -> list[tuple[float, str]]:
    runs = []
    for _ in range(RUNS):
        done = subprocess.run(
            [sys.executable, "-c", IMPORTS], capture_output=True, text=True, check=True
        )
        runs.append(parse(done.stdout))
    return median_rows(runs)


def startup(script: str) -> list[tuple[float, str]]:
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        code = Path(tmp) / "startup.py"
        code.write_text(script, encoding="utf-8")
        out = Path(tmp) / "out.txt"
        env = {
            **os.environ,
            "INDDRAG_STATE_DIR": str(Path(tmp) / "state"),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "STARTUP_OUT": str(out),
            "BENCH_DIR": str(HERE),
        }
        for _ in range(RUNS + 1):
            out.unlink(missing_ok=True)
            # The script leaves at its first paint; the text looked for never comes.
            ended = ""
            try:
                terminal.time_to_text(
                    [sys.executable, str(code)], "\x00never", env=env, cwd=tmp, timeout=30
                )
            except (RuntimeError, TimeoutError) as exc:
                ended = str(exc)
            if not out.exists():
                raise RuntimeError(f"the start-up script failed: {ended[-2000:]}")
            runs.append(parse(out.read_text(encoding="utf-8")))
    return median_rows(runs[1:])


def show(title: str, rows: list[tuple[float, str]]) -> None:
    print(f"\n{title}")
    for ms, name in rows:
        print(f"  {ms:7.1f} ms  {name}")


def main() -> None:
    print(f"medians of {RUNS} runs each")
    show("Imports, in order (each line is what it adds):", imports())
    show("The app, from its imports to the first paint (pty):", startup(APP_STARTUP))
    show("The minimal app, the same:", startup(MINIMAL_STARTUP))


if __name__ == "__main__":
    main()
