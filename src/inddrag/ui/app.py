"""The app: wires the content pack and the open session into the steps of the walk.

The App is thin. The open session has one owner, :class:`~inddrag.ui.state.OpenSession`;
the App listens to it and turns its changes into reactive attributes (``loaded``,
``status_revision``) that the screens watch. Screens are built from the table in
:mod:`inddrag.ui.steps` the first time they are shown, with a
:class:`~inddrag.ui.context.Context`; they never import this module. Saving, exporting,
merging, autosave and quitting live in :mod:`inddrag.ui.file_flows`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import SystemCommand
from textual.binding import BindingType
from textual.notifications import Notify
from textual.reactive import var
from textual.screen import Screen

from inddrag.domain.packs import PackCover, read_cover
from inddrag.i18n import t
from inddrag.ui.clock import MeetingClock
from inddrag.ui.commands import bindings_for, facts_of, gate
from inddrag.ui.messages import GoToStep, OpenFile, Recover, RollUp, StartNew
from inddrag.ui.safe_render import SafeApp
from inddrag.ui.steps import STEP_IDS, step_by_id
from inddrag.ui.typeahead import TypeAhead

if TYPE_CHECKING:
    # Loaded after the first frame: pydantic and the domain models cost a tenth of a second.
    from inddrag.domain.content import ContentPack
    from inddrag.domain.session import Session
    from inddrag.ui.collecting import Collecting
    from inddrag.ui.context import Context
    from inddrag.ui.file_flows import FileFlows
    from inddrag.ui.screens.base import StepScreen
    from inddrag.ui.sessions import Sessions
    from inddrag.ui.state import Change, OpenSession, SaveState


class InddragApp(SafeApp[int]):
    """inddrag: the walk through the advice, the priorities, the roles and the summary."""

    TITLE = "inddrag"
    # The start screen's rules (scoped to StartScreen) are parsed with the app's, once, before
    # the first frame; Textual would parse the whole sheet again when the screen is pushed.
    CSS_PATH = ["app.tcss", "screens/start.tcss"]  # noqa: RUF012 (Textual declares it so)
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("app")

    #: The session the steps show; set again (always_update) when it is replaced as a
    #: whole, so every step shows it afresh. No call of the watchers when Textual sets up
    #: the app's reactives (init=False): a step mounted by then (a file given on the
    #: command line) has drawn the session already.
    shown_session: var[Session | None] = var(None, always_update=True, init=False)
    #: Saved or not, the file and its state, as the status line shows them.
    save_state: var[SaveState | None] = var(None)
    #: The meeting clock as shown: the meeting's and the advice's whole seconds, the timebox.
    clock_reading: var[tuple[int, int, int | None]] = var((0, 0, None))
    #: Where the leader is and what the room may see (step, advice, notes hidden).
    room_view: var[tuple[str, int, bool]] = var(("advice", 0, False))

    def __init__(
        self,
        pack: ContentPack | Path,
        lang: str,
        *,
        session: Session | None = None,
        path: Path | None = None,
        start_kind: str | None = None,
        state_dir: Path | None = None,
        cwd: Path | None = None,
        clock: MeetingClock | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__()
        #: The day it is (None: the calendar's); tests fix it so old fixtures stay current.
        self.today = today
        # A pack folder (the shipped pack, known to be valid) is loaded after the first frame.
        self._pack: ContentPack | None = None if isinstance(pack, Path) else pack
        self._pack_dir: Path = pack if isinstance(pack, Path) else pack.path
        self._files: FileFlows | None = None
        self._sessions: Sessions | None = None
        self._collecting: Collecting | None = None
        self.lang = lang
        self.start_kind = start_kind
        self.state_dir = state_dir
        self.cwd = cwd or Path.cwd()
        self.clock = clock or MeetingClock()
        self.state: OpenSession | None = None
        #: The steps built for the open session, in the order they were first shown.
        self._built: dict[str, StepScreen] = {}
        self.context: Context | None = None
        self._first: tuple[Session, Path | None] | None = (
            (session, path) if session is not None else None
        )
        from inddrag.ui.themes import install_themes

        install_themes(self, lang)  # ours registered, the remembered one put on
        #: Every key from the terminal passes this queue (keys typed ahead of a screen).
        self.typeahead = TypeAhead(self)

    # -- what is loaded after the first frame -----------------------------------------

    @property
    def pack(self) -> ContentPack:
        """The content pack (loaded and checked the first time it is needed)."""
        if self._pack is None:
            from inddrag.domain.content import load_pack

            self._pack = load_pack(self._pack_dir)
        return self._pack

    @property
    def cover(self) -> PackCover:
        """The pack's title and source, for the start screen (no full load needed)."""
        if self._pack is not None:
            info = self._pack.info
            return PackCover(info.title, info.source, info.language)
        return read_cover(self._pack_dir) or PackCover(self.pack.info.title, "", self.lang)

    @property
    def files(self) -> FileFlows:
        """Saving, exporting, merging, autosave and quitting."""
        if self._files is None:
            from inddrag.ui.file_flows import FileFlows

            self._files = FileFlows(self)
        return self._files

    @property
    def sessions(self) -> Sessions:
        """Starting, opening and recovering sessions, and editing their details."""
        if self._sessions is None:
            from inddrag.ui.sessions import Sessions

            self._sessions = Sessions(self)
        return self._sessions

    def use_pack(self, pack: ContentPack, lang: str) -> None:
        """Work with ``pack`` (and its language) from now on."""
        self._pack, self._pack_dir, self.lang = pack, pack.path, lang

    @property
    def session(self) -> Session | None:
        """The open session (None on the start screen)."""
        return self.state.session if self.state else None

    def tr(self, key: str, **params: object) -> str:
        """A string of the UI in the app's language."""
        return t(key, self.lang, **params)

    # -- start-up ---------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        # The bottom of the screen stack: the start screen, or (a file given on the command
        # line) an empty screen under the first step. Made here rather than pushed from
        # on_mount, so that it is composed with the app and its first frame is the one
        # written to the terminal (a screen pushed during the app's mount is laid out while
        # Textual holds the display back, and the frame is lost until the next repaint).
        if self._first is not None:
            return super().get_default_screen()
        from inddrag.ui.screens.start import StartScreen

        cover = self.cover
        return StartScreen(
            self.lang,
            cover.title,
            cover.source,
            start_kind=self.start_kind,
            state_dir=self.state_dir,
            cwd=self.cwd,
        )

    async def on_event(self, event: events.Event) -> None:
        # Keys typed while a screen appears are held and reach the screen they were typed
        # for (see typeahead.py); everything else goes its usual way.
        if (
            isinstance(event, events.Key | events.Paste)
            and not event.is_forwarded
            and self.typeahead.take(event)
        ):
            return
        await super().on_event(event)

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self.typeahead.screen_changed, immediate=True)
        # Above the bottom screen (see get_default_screen) is one step of the walk at most.
        if self._first is not None:
            self.begin(*self._first, step=None)
            self._first = None

    def on_ready(self) -> None:
        # Let the first frame reach the terminal, then load what the first screen didn't
        # need. Ready comes once the app runs; a frame painted before that was never
        # written, so ask for one, and the callback waits until it has been.
        self.screen.refresh()
        self.call_after_refresh(self._warm_up)

    def on_exit_app(self) -> None:
        # Every way out passes here, a closed browser tab (inddrag serve) too: keep the work.
        if self._collecting is not None:
            self._collecting.close_now()  # participants' answers close with the app
        self.files.leaving()

    def on_unmount(self) -> None:
        if self._collecting is not None:
            self._collecting.close_now()
        self.files.leaving()  # and any end that skipped ExitApp

    def _warm_up(self) -> None:
        from inddrag.ui.screens.start import StartScreen

        if isinstance(self.screen, StartScreen):
            self.screen.find_recoveries()
        self.files.start()
        _ = self.pack
        self.set_interval(1, self.tick_clock, name="meeting-clock")

    def begin(
        self,
        session: Session,
        path: Path | None,
        *,
        step: str | None = "advice",
        recovered: bool = False,
    ) -> None:
        """Make ``session`` the open session and show the walk."""
        from inddrag.ui.context import Context

        index = 0
        if path is not None:
            from inddrag.ui.positions import recall

            where = recall(self.state_dir, path)
            if where is not None:
                step, index = where
        if self.state is not None and self.state.path not in (None, path):
            self.files.guard.let_go(self.state.path)
        from inddrag.ui.state import OpenSession

        state = OpenSession(session, path, advice_count=len(self.pack.advice))
        state.loaded_from(path)
        state.move_to(index)
        state.listeners.append(self._state_changed)
        self.state = state
        from inddrag.ui.state import SaveState

        self.save_state = SaveState.of(state)
        self.room_view = (state.step, state.advice_index, state.notes_hidden)
        self.context = Context(self.pack, self.lang, state, self.clock, self.cwd)
        for name in STEP_IDS:
            if self.is_screen_installed(name):
                self.uninstall_screen(name)
        self._built.clear()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if session.kind == "team":
            from inddrag.domain.session import clock_of

            seconds, per_advice, timebox = clock_of(session)
            self.clock.resume(seconds, dict(per_advice), timebox)  # the time it had run
        self.show_step(step if step in STEP_IDS else "advice")
        if path is not None and not recovered:
            self.run_worker(self.sessions.opened(), group="lock", name="opened")

    def _state_changed(self, change: Change) -> None:
        state = self.state
        assert state is not None
        from inddrag.ui.state import SaveState

        if change == "content":
            self.files.note_change()
        elif change == "position":
            self.files.note_position()
        elif change == "replaced":
            self.shown_session = state.session
        if change in ("position", "view"):
            self.room_view = (state.step, state.advice_index, state.notes_hidden)
        self.save_state = SaveState.of(state)

    def step_screens(self) -> Iterator[StepScreen]:
        """The steps built so far (also while the app shuts down and Textual has already
        let go of its screens: what they hold is still put into the session)."""
        yield from self._built.values()

    # -- navigation -------------------------------------------------------------------

    def show_step(self, step_id: str) -> None:
        """Switch to a step of the walk (does nothing before a session is open)."""
        step = step_by_id(step_id)
        if self.context is None or step is None:
            return
        if self.files.dialog_open():
            return  # a step never opens under a question
        if not self.is_screen_installed(step.id):
            built: StepScreen = step.screen_class()(self.context)
            self.install_screen(built, step.id)
            self._built[step.id] = built
        if self.screen.id == step.id:
            return
        if self.screen.id in STEP_IDS:
            self.switch_screen(step.id)
        else:
            self.push_screen(step.id)
        self.context.state.show_step(step.id)

    def action_step(self, step: str) -> None:
        self.show_step(step)

    def go_to_advice(self, index: int) -> None:
        """Show advice ``index`` (0-based)."""
        if self.state is None:
            return
        self.files.flush_edits()
        self.state.move_to(index)
        if self.screen.id == "advice":
            self.shown_session = self.state.session  # the same step shows another advice
        self.show_step("advice")

    def on_go_to_step(self, message: GoToStep) -> None:
        if message.advice_index is not None:
            self.go_to_advice(message.advice_index)
        else:
            self.show_step(message.step)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return gate(("app",), action, parameters, facts_of(self.state))

    # -- opening (the session controller does it) -------------------------------------

    def on_start_new(self, message: StartNew) -> None:
        self.sessions.start_new(message.kind, message.facts)

    def on_open_file(self, message: OpenFile) -> None:
        self.sessions.open_file(message.path)

    def on_recover(self, message: Recover) -> None:
        self.sessions.recover(message.found)

    def on_roll_up(self, _message: RollUp) -> None:
        self._run_flow(self.files.rollup(), "rollup")

    def action_edit_details(self) -> None:
        self._run_flow(self.sessions.edit_details(), "edit-details")

    # -- the clock ----------------------------------------------------------------------

    def tick_clock(self) -> None:
        """Count the second that passed for the advice on screen; ring when over its box."""
        state = self.state
        if state is None or self.context is None:
            return
        advice_id = self.pack.advice[state.advice_index].id if state.step == "advice" else None
        self.clock.tick(advice_id)
        self.read_clock(advice_id)
        if advice_id is not None and self.clock.should_ring(advice_id):
            self.bell()
            number = state.advice_index + 1
            self.notify(self.tr("ui.timebox_up", number=number), severity="warning", timeout=8)

    def keep_clock(self) -> None:
        """Put the meeting clock into the session, so a save or a recovery copy keeps it.

        Not an edit: the session stays saved or unsaved as it was."""
        state = self.state
        if state is None or self.clock.started is None or state.session.kind != "team":
            return
        from inddrag.domain.session import set_clock

        clock = self.clock
        set_clock(state.session, clock.elapsed, clock.per_advice, clock.timebox_minutes)

    def action_timebox(self, minutes: int = 0) -> None:
        """Turn the timebox per advice on (``minutes``, or the default) or off."""
        from inddrag.ui.clock import TIMEBOX_MINUTES

        if self.clock.timebox_minutes is not None and not minutes:
            self.clock.set_timebox(None)
            self.notify(self.tr("ui.timebox_off"), timeout=3)
        else:
            self.clock.set_timebox(minutes or TIMEBOX_MINUTES)
            self.notify(self.tr("ui.timebox_on", minutes=self.clock.timebox_minutes), timeout=3)
        state = self.state
        if state is not None and state.step == "advice":
            self.read_clock(self.pack.advice[state.advice_index].id)

    def read_clock(self, advice_id: str | None) -> None:
        """Set :attr:`clock_reading` from the clock (the status line redraws when it moved)."""
        clock = self.clock
        spent = int(clock.spent(advice_id)) if advice_id is not None else 0
        self.clock_reading = (int(clock.elapsed), spent, clock.timebox_minutes)

    # -- files --------------------------------------------------------------------------

    def _run_flow(self, flow: object, name: str) -> None:
        if self.files.dialog_open():
            self.bell()
            return
        self.run_worker(flow, exclusive=True, group="files", name=name)  # type: ignore[arg-type]

    def action_save(self) -> None:
        self._run_flow(self.files.save(), "save")

    def action_save_as(self) -> None:
        self._run_flow(self.files.save(ask=True), "save-as")

    def action_export(self, fmt: str) -> None:
        self._run_flow(self.files.export(fmt), "export")

    def action_merge(self) -> None:
        self._run_flow(self.files.merge(), "merge")

    @property
    def collecting(self) -> Collecting:
        """Participants answering from their phones ("Deltagerne svarer selv")."""
        if self._collecting is None:
            from inddrag.ui.collecting import Collecting

            self._collecting = Collecting(self)
        return self._collecting

    def action_collect(self) -> None:
        self._run_flow(self.collecting.run(), "collect")

    def action_collect_reveal(self) -> None:
        self.collecting.reveal()

    async def action_quit(self) -> None:
        if self.files.dialog_open():
            self.notify(self.tr("ui.close_dialog_first"), timeout=3)
            return
        self._run_flow(self.files.quit(), "quit")

    # -- help and palette -------------------------------------------------------------

    def action_help(self) -> None:
        from inddrag.ui.dialogs.help import HelpDialog

        if isinstance(self.screen, HelpDialog):
            return
        from inddrag.ui.help_keys import help_keys

        keys = help_keys(self.screen, self.lang)
        extra = ""
        if self.screen.id == "roles" and self.context is not None:
            extra = self.context.pack.template.guidance
        self.push_screen(HelpDialog(self.lang, self.screen.id or "start", keys, extra))

    def _on_notify(self, event: Notify) -> None:
        # The same message again replaces the one shown: five "Der er intet at fortryde."
        # would otherwise stack up.
        new = event.notification
        for shown in list(self._notifications):
            if (shown.message, shown.title, shown.severity) == (
                new.message,
                new.title,
                new.severity,
            ):
                self._unnotify(shown, refresh=False)
        super()._on_notify(event)

    def search_themes(self) -> None:
        # Our two themes first, named in the UI language; then Textual's.
        from textual.command import CommandPalette

        from inddrag.ui.themes import OursFirst

        self.push_screen(
            CommandPalette(providers=[OursFirst], placeholder=self.tr("ui.theme_placeholder"))
        )

    def action_help_quit(self) -> None:
        self.notify(self.tr("ui.ctrl_c_hint"), timeout=4)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from ()

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from inddrag.ui.palette import WalkCommands

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(
                    providers=[WalkCommands],
                    placeholder=self.tr("ui.palette_placeholder"),
                )
            )
