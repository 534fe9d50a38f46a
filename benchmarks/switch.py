"""Screen switches and dialogs: from the key to a screen that is current, mounted, focused
and painted, for the app and for bare Textual doing the same at the same terminal size.

* step switch: F2→F3→F4→F5 in a loop on a saved meeting (each step built once first, as
  in a meeting), against a bare app whose four installed screens (a Static and a Footer
  each) are switched by the same keys;
* dialog ready: ctrl+s on an unnamed session until the save dialog's name field has the
  focus, against a bare ``ModalScreen`` with one ``Input`` pushed by ctrl+s.

The keys pass through everything a terminal's keys pass through (the app's type-ahead
queue too); the clock stops once the screen is ready and painted (``interact.settle``).
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import data
import interact
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Label, Static

STEP_KEYS = ("f2", "f3", "f4", "f5")
LIMIT = 30.0


def ready(app: App[object]) -> bool:
    """The screen on top is mounted and has its focus (or nothing to focus)."""
    screen = app.screen
    return screen.is_mounted and (screen.focused is not None or not screen.focus_chain)


async def time_key(app: App[object], key: str, char: str | None, done: Callable[[], bool]) -> float:
    """Post ``key`` and time it until ``done()`` and the screen is ready and painted."""
    start = time.perf_counter()
    app.post_message(events.Key(key, char))
    while not (done() and ready(app)):
        if time.perf_counter() - start > LIMIT:
            raise TimeoutError(f"{key} never made the screen ready")
        await asyncio.sleep(0)
    await interact.settle(app, interact._pumps(app))
    return time.perf_counter() - start


async def _quiet(app: App[object]) -> None:
    await asyncio.sleep(interact.PACE)
    await interact.settle(app, interact._pumps(app))


# --- the bare baselines --------------------------------------------------------------------


class BareStep(Screen[None]):
    def __init__(self, name: str, text: str) -> None:
        super().__init__(name=name)
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(self.text)
        yield Footer()


class BareSteps(App[None]):
    """Four installed screens switched by F2–F5."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding(key, f"go('{key}')", key) for key in STEP_KEYS]

    def on_mount(self) -> None:
        text = data.pack().advice[0].text
        for key in STEP_KEYS:
            self.install_screen(BareStep(key, text), key)
        self.push_screen("f2")

    def action_go(self, key: str) -> None:
        self.switch_screen(key)


class OneInput(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        yield Input(id="name")

    def on_mount(self) -> None:
        self.query_one(Input).focus()


class SaveLike(OneInput):
    """A bare ModalScreen with the save dialog's widgets: a title, a label, the name field,
    the note saying where it will write, two buttons (no code of ours)."""

    DEFAULT_CSS = """
    SaveLike { align: center middle; }
    SaveLike > Vertical { width: 80; height: auto; border: thick $primary; padding: 0 1; }
    SaveLike Horizontal { height: auto; align-horizontal: right; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Gem drøftelsen")
            yield Label("Filnavn")
            yield Input("drøftelse.toml", id="name")
            yield Static("Gemmes i /home/leder/drøftelse.toml")
            with Horizontal():
                yield Button("Gem")
                yield Button("Annullér")


class BareDialog(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "ask", "Save")]

    def __init__(self, dialog: type[OneInput] = OneInput) -> None:
        super().__init__()
        self.dialog = dialog

    def compose(self) -> ComposeResult:
        yield Static(data.pack().advice[0].text)
        yield Footer()

    def action_ask(self) -> None:
        self.push_screen(self.dialog())


# --- measuring ---------------------------------------------------------------------------


async def _steps(
    app: App[object], samples: int, name_of: Callable[[str], str | None]
) -> list[float]:
    out: list[float] = []
    for key in STEP_KEYS:  # every screen built once, as in a meeting
        await time_key(app, key, None, lambda key=key: name_of(key) == _screen_name(app))
        await _quiet(app)
    gc.collect()
    order = [*STEP_KEYS[1:], STEP_KEYS[0]]
    for n in range(samples):
        key = order[n % len(order)]
        await _quiet(app)
        out.append(
            await time_key(app, key, None, lambda key=key: name_of(key) == _screen_name(app))
        )
    return out


def _screen_name(app: App[object]) -> str | None:
    screen = app.screen
    return screen.id or screen.name


async def app_steps(work: Path, samples: int) -> list[float]:
    from inddrag.domain.storage import save_session
    from inddrag.ui.factory import build_app

    path = work / "skift.toml"
    save_session(data.meeting(2_000), path)
    app = build_app(file=path, state_dir=work / "state-switch", cwd=work)
    steps = {"f2": "advice", "f3": "prioritise", "f4": "roles", "f5": "summary"}
    async with app.run_test(size=interact.SIZE) as pilot:
        await pilot.pause()
        await pilot.pause(0.3)
        return await _steps(app, samples, steps.get)


async def bare_steps(samples: int) -> list[float]:
    app = BareSteps()
    async with app.run_test(size=interact.SIZE) as pilot:
        await pilot.pause()
        await pilot.pause(0.3)
        return await _steps(app, samples, lambda key: key)


async def _dialogs(app: App[object], samples: int, is_dialog: Callable[[], bool]) -> list[float]:
    out: list[float] = []
    for n in range(samples + 2):
        await _quiet(app)
        took = await time_key(app, "ctrl+s", None, is_dialog)
        if n >= 2:  # the first dialogs load their modules and stylesheets
            out.append(took)
        await _quiet(app)
        await time_key(app, "escape", None, lambda: not is_dialog())
    return out


async def app_dialog(work: Path, samples: int) -> list[float]:
    from inddrag.domain.session import new_session
    from inddrag.ui.dialogs.files import SaveAsDialog
    from inddrag.ui.factory import build_app

    app = build_app(state_dir=work / "state-dialog", cwd=work)
    async with app.run_test(size=interact.SIZE) as pilot:
        await pilot.pause()
        await pilot.pause(0.3)
        app.begin(new_session(app.pack, "team"), None)  # unnamed: ctrl+s asks for a name
        await pilot.pause(0.3)

        def is_dialog() -> bool:
            return isinstance(app.screen, SaveAsDialog) and isinstance(app.focused, Input)

        return await _dialogs(app, samples, is_dialog)


async def bare_dialog(samples: int, *, like_ours: bool = False) -> list[float]:
    app = BareDialog(SaveLike if like_ours else OneInput)
    async with app.run_test(size=interact.SIZE) as pilot:
        await pilot.pause()
        await pilot.pause(0.3)

        def is_dialog() -> bool:
            return isinstance(app.screen, OneInput) and isinstance(app.focused, Input)

        return await _dialogs(app, samples, is_dialog)
