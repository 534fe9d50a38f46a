"""Building the app for UI tests: a fixed, realistic session and a quiet, deterministic app."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from rich.console import Console
from textual.pilot import Pilot

from inddrag.domain import session as ops
from inddrag.domain.content import bundled_pack_dir, load_pack
from inddrag.domain.session import PrepInput
from inddrag.domain.storage import open_session, save_session
from inddrag.ui.app import InddragApp
from inddrag.ui.clock import MeetingClock
from inddrag.ui.factory import build_app

WHEN = datetime(2026, 11, 26, 10, 2, tzinfo=timezone(timedelta(hours=1)))
FIXTURE_DAY = WHEN.date()
"""The day the fixtures' meetings were held: apps opened on it offer no follow-up."""


def meeting_file(folder: Path, lang: str = "da", *, inputs: bool = False) -> Path:
    """A team session part-way through a meeting, saved as ``møde.toml`` in ``folder``."""
    pack = load_pack(bundled_pack_dir(lang))
    session = ops.new_session(pack, "team", when=WHEN)
    info = session.session
    info.title = "Nyt vagtplanssystem" if lang == "da" else "New rota system"
    info.team = "Hjemmeplejen Nord"
    info.facilitator = "Anna Jensen"
    info.participants = ["Anna Jensen", "Bo Larsen", "Carl [red]Ø[/red]"]
    ids = [a.id for a in pack.advice]
    ops.set_notes(
        session, ids[0], "Aftenvagterne rammes hårdest.\nSpørg [bold]IT[/bold] om vagtbytte."
    )
    ops.add_votes(session, ids[0], 5)
    ops.add_votes(session, ids[3], 3)
    ops.add_votes(session, ids[8], 3)
    ops.set_notes(session, ids[3], "Vi hørte først om systemet ved go-live.")
    ops.set_priorities(session, [ids[0], ids[3]])
    ops.set_cell(session, "ledere", "hvad", "Skabe klarhed om rammer | roller")
    ops.set_cell(session, "tillidsvalgte", "status", "Møde med IT aftalt 3. dec.")
    if inputs:
        session.inputs = [
            PrepInput(
                participant="Bo Larsen",
                merged=WHEN,
                order=[ids[3], ids[0]],
                notes={ids[3]: "Inddrag os før udbuddet."},
            ),
            PrepInput(
                participant="",
                merged=WHEN,
                order=[ids[8], ids[3], ids[1]],
                notes={ids[8]: "Kaffepausen forsvinder <script>."},
            ),
        ]
    info.updated = WHEN
    path = folder / "møde.toml"
    save_session(session, path)
    return path


def make_app(
    folder: Path,
    *,
    file: Path | None = None,
    lang: str | None = None,
    prep: bool = False,
    clock: MeetingClock | None = None,
    today: date | None = None,
) -> InddragApp:
    """The app as the CLI builds it, with its state and working folder in ``folder``.

    It is the fixtures' meeting day unless ``today`` says otherwise, so reopening a
    fixture does not offer a follow-up meeting.
    """
    state = folder / "state"
    state.mkdir(exist_ok=True)
    return build_app(
        file=file,
        lang=lang,
        prep=prep,
        state_dir=state,
        cwd=folder,
        clock=clock,
        today=today or FIXTURE_DAY,
    )


def screen_text(app: InddragApp) -> str:
    """The screen as a person reads it: plain text, one line per row."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system=None,
        record=True,
        legacy_windows=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


class FakeClock:
    """A clock the test moves by hand: ``clock.now()`` is ``clock.seconds``."""

    def __init__(self) -> None:
        self.seconds = 1000.0

    def now(self) -> float:
        return self.seconds


async def settle(pilot: Pilot[object]) -> None:
    """Let screen switches, refreshes and animations finish.

    Cursors do not blink in the tests at all (``cursors_never_blink`` in conftest.py sets
    it before the first frame). Work the app does in the background (a worker, a timer)
    is waited for by its result on screen (``tests/waiting.py``), never by a pause.
    """
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def dialog_text(app: InddragApp) -> str:
    """The words of the dialog on top (its texts, lists and buttons) as one line."""
    from textual.widgets import Button, OptionList, Static

    parts = [str(widget.render()) for widget in app.screen.query(Static)]
    for listing in app.screen.query(OptionList):
        parts += [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
    parts += [str(button.label) for button in app.screen.query(Button)]
    return " ".join(" ".join(parts).split())


def toast_text(app: InddragApp) -> str:
    """The words of the notifications on screen, joined (each toast's lines start at ▌)."""
    parts = [line.rsplit("▌", 1)[1] for line in screen_text(app).splitlines() if "▌" in line]
    # A toast over a bordered box keeps the box's right edge: drop it.
    parts = [part.rstrip().rstrip("║│┃═╝╯").rstrip() for part in parts]
    return " ".join(" ".join(parts).split())


def held_today(path: Path) -> Path:
    """The fixture's meeting moved to today (reopening it offers no follow-up meeting)."""
    session = open_session(path)
    session.session.created = session.session.updated = datetime.now().astimezone()
    for meeting in session.meetings:
        meeting.date = date.today()
    save_session(session, path)
    return path
