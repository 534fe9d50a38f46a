"""The app: wires the content pack and the session into the steps of the walk.

The App owns the session, the file it came from, whether it is saved, and the autosave.
Screens edit the session through :mod:`inddrag.domain.session` and post
:class:`~inddrag.ui.messages.SessionChanged`; the App marks it unsaved and schedules the
recovery copy. Steps are installed screens switched by name, so each keeps its cursor.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from inddrag.domain.errors import FileProblems
from inddrag.domain.packs import PackCover, read_cover
from inddrag.i18n import normalise_language, t
from inddrag.ui.bindings import localise_bindings
from inddrag.ui.messages import GoToStep, SessionChanged

if TYPE_CHECKING:
    # Loaded after the first frame: pydantic and the domain models cost a tenth of a second.
    from inddrag.domain.content import ContentPack
    from inddrag.domain.recovery import RecoveryInfo
    from inddrag.domain.session import Session
    from inddrag.ui.saving import Keeper

STEPS = ("advice", "prioritise", "roles", "summary")
TIMEBOX_MINUTES = 8  # about 90 minutes for ten advice, with time left for the rest


class InddragApp(App[int]):
    """inddrag: the walk through the advice, the priorities, the roles and the summary."""

    TITLE = "inddrag"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "keys.save", tooltip="keys.save_tip", priority=True),
        Binding("f1", "help", "keys.help", tooltip="keys.help_tip"),
        Binding("f12", "save_as", "keys.save_as", tooltip="keys.save_as_tip", show=False),
        Binding("ctrl+p", "command_palette", "keys.palette", show=False, priority=True),
        Binding("ctrl+q", "quit", "keys.quit", tooltip="keys.quit_tip", priority=True),
        Binding("f2", "step('advice')", "keys.step_advice", show=False),
        Binding("f3", "step('prioritise')", "keys.step_prioritise", show=False),
        Binding("f4", "step('roles')", "keys.step_roles", show=False),
        Binding("f5", "step('summary')", "keys.step_summary", show=False),
    ]

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
    ) -> None:
        super().__init__()
        # A pack folder (the shipped pack, known to be valid) is loaded after the first frame.
        self._pack: ContentPack | None = None if isinstance(pack, Path) else pack
        self._pack_dir: Path = pack if isinstance(pack, Path) else pack.path
        self._keeper: Keeper | None = None
        self.lang = lang
        self.session: Session | None = session
        self.path: Path | None = path
        self.start_kind = start_kind
        self.state_dir = state_dir
        self.cwd = cwd or Path.cwd()
        self.dirty = False
        self.current_step: str | None = None
        self.advice_index = 0
        self._position_due = False
        self.timebox_minutes = TIMEBOX_MINUTES
        self.theme = "textual-dark"
        localise_bindings(self, lang)

    # -- what is loaded after the first frame -----------------------------------------

    @property
    def pack(self) -> ContentPack:
        """The content pack (loaded and checked the first time it is needed)."""
        if self._pack is None:
            from inddrag.domain.content import load_pack

            self._pack = load_pack(self._pack_dir)
        return self._pack

    @pack.setter
    def pack(self, pack: ContentPack) -> None:
        self._pack = pack
        self._pack_dir = pack.path

    @property
    def cover(self) -> PackCover:
        """The pack's title and source, for the start screen (no full load needed)."""
        if self._pack is not None:
            info = self._pack.info
            return PackCover(info.title, info.source, info.language)
        return read_cover(self._pack_dir) or PackCover(self.pack.info.title, "", self.lang)

    @property
    def keeper(self) -> Keeper:
        """Saving, exporting, autosave and quitting."""
        if self._keeper is None:
            from inddrag.ui.saving import Keeper

            self._keeper = Keeper(self)
        return self._keeper

    # -- words ------------------------------------------------------------------------

    @property
    def summary_language(self) -> str:
        """The language of exports: the session's, as ``inddrag export`` writes them."""
        return normalise_language(self.session.content.language if self.session else self.lang)

    @property
    def kind(self) -> str:
        """``team`` or ``prep``: the kind of the open session (``team`` before one is open)."""
        return self.session.session.kind if self.session else "team"

    def tr(self, key: str, **params: object) -> str:
        """A string of the UI in the app's language."""
        return t(key, self.lang, **params)

    # -- start-up ---------------------------------------------------------------------

    def on_mount(self) -> None:
        # The app's own empty default screen stays at the bottom of the stack; the start
        # screen or one step of the walk is always on top of it.
        self.refresh_title()
        if self.session is not None:
            self.begin(self.session, self.path, step=None)
        else:
            from inddrag.ui.screens.start import StartScreen

            self.push_screen(StartScreen(self.start_kind))

    def begin(self, session: Session, path: Path | None, *, step: str | None = "advice") -> None:
        """Make ``session`` the open session and show the walk."""
        self.session = session
        self.path = path
        self.advice_index = 0
        if path is not None:
            from inddrag.ui.positions import recall

            where = recall(self.state_dir, path)
            if where is not None:
                step, self.advice_index = where
        self.advice_index = max(0, min(self.advice_index, len(self.pack.advice) - 1))
        self._install_steps()
        self.refresh_title()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.current_step = None
        self.show_step(step if step in STEPS else "advice")

    def _install_steps(self) -> None:
        from inddrag.ui.screens.advice import AdviceScreen
        from inddrag.ui.screens.prioritise import PrioritiseScreen
        from inddrag.ui.screens.roles import RolesScreen
        from inddrag.ui.screens.summary import SummaryScreen

        factories: dict[str, Callable[[], Screen[None]]] = {
            "advice": AdviceScreen,
            "prioritise": PrioritiseScreen,
            "roles": RolesScreen,
            "summary": SummaryScreen,
        }
        for name, factory in factories.items():
            if self.is_screen_installed(name):
                self.uninstall_screen(name)
            self.install_screen(factory(), name)

    # -- navigation -------------------------------------------------------------------

    def show_step(self, step: str) -> None:
        """Switch to a step of the walk (does nothing before a session is open)."""
        if self.session is None or step not in STEPS:
            return
        if self.current_step == step and self.screen.id == step:
            return
        if self.current_step is None:
            self.push_screen(step)
        else:
            # Close dialogs first so a step never opens under a modal.
            while len(self.screen_stack) > 2:
                self.pop_screen()
            self.switch_screen(step)
        self.current_step = step
        self.remember_position()

    def action_step(self, step: str) -> None:
        self.show_step(step)

    def go_to_advice(self, index: int) -> None:
        """Show advice ``index`` (0-based)."""
        self.advice_index = index
        if self.current_step == "advice" and self.is_screen_installed("advice"):
            advice = self.get_screen("advice")
            show = getattr(advice, "show_advice", None)
            if callable(show):
                show(index)
        self.show_step("advice")

    def start_timebox(self, minutes: int) -> None:
        """Start a countdown of ``minutes`` on the advice on screen."""
        self.timebox_minutes = minutes
        self.go_to_advice(self.advice_index)
        advice = self.get_screen("advice")
        action = getattr(advice, "action_timebox", None)
        if callable(action):
            action(minutes)

    def open_session(self, session: Session, path: Path | None) -> None:
        """Open a loaded session, switching to its language's pack when we ship one."""
        from inddrag.domain.check import session_warnings
        from inddrag.ui.factory import choose_pack

        if session.content.language != self.pack.info.language and self.pack_is_bundled:
            with contextlib.suppress(FileProblems):  # keep ours; the warnings say what differs
                self.pack = choose_pack(None, session.content.language, session)
                self.lang = normalise_language(self.pack.info.language)
                self._bindings = self._merge_bindings()
                localise_bindings(self, self.lang)
        self.dirty = False
        self.begin(session, path, step=None)
        warnings = session_warnings(session, self.pack)
        if warnings:
            from inddrag.ui.dialogs.message import MessageDialog

            text = "\n".join(w.render(self.lang) for w in warnings)
            self.push_screen(MessageDialog(self.tr("ui.warnings_title"), text))

    @property
    def pack_is_bundled(self) -> bool:
        from inddrag.domain.content import bundled_content_root

        try:
            return self.pack.path.resolve().parent == bundled_content_root().resolve()
        except OSError:
            return False

    def adopt_recovery(self, found: RecoveryInfo) -> None:
        """Keep writing to the recovery copy we recovered from (and no other)."""
        self.keeper.recovery.adopt(found)

    def merge_preparation(self) -> None:
        """Ask for preparation files and merge them into the open team session."""
        from inddrag.ui.dialogs.merge import run_merge_dialog

        run_merge_dialog(self)

    def on_go_to_step(self, message: GoToStep) -> None:
        if message.advice_index is not None:
            self.advice_index = message.advice_index
        self.show_step(message.step)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in {"step", "save", "save_as"} and self.session is None)

    # -- changes ----------------------------------------------------------------------

    def on_ready(self) -> None:
        # Let the first frame reach the terminal, then load what the first screen didn't need.
        self.set_timer(0.05, self._warm_up)

    def _warm_up(self) -> None:
        self.keeper.start()
        _ = self.pack

    def on_session_changed(self, message: SessionChanged) -> None:
        self.mark_changed()

    def mark_changed(self) -> None:
        """The session changed: unsaved now, and the recovery copy is due."""
        self.keeper.mark_changed()

    def flush_edits(self) -> None:
        """Put what is being typed into the session."""
        self.keeper.flush_edits()

    def save(self, then: Callable[[], None] | None = None, *, ask: bool = False) -> None:
        """Save the session (asking where the first time, or when ``ask``)."""
        self.keeper.save(then, ask=ask)

    def export(self, fmt: str) -> None:
        """Export the summary as ``md`` or ``csv``."""
        self.keeper.export(fmt)

    async def action_quit(self) -> None:
        self.keeper.quit()

    def refresh_title(self) -> None:
        """Title bar: the session's title, the file, and whether everything is saved."""
        if self.session is None:
            self.title = "inddrag"
            self.sub_title = ""
            return
        self.title = self.session.session.title or self.tr("ui.untitled")
        state = self.tr("ui.state_unsaved") if self.dirty else self.tr("ui.state_saved")
        where = self.path.name if self.path else self.tr("ui.state_no_file")
        self.sub_title = f"{where} · {state}"

    def remember_position(self) -> None:
        """Note where we are; written by the autosave timer, never on a keystroke's path."""
        self._position_due = True

    def write_position(self) -> None:
        """Record the step and advice of the open file, so reopening it continues there."""
        if self._position_due and self.path is not None and self.current_step is not None:
            from inddrag.ui.positions import remember

            remember(self.state_dir, self.path, self.current_step, self.advice_index)
        self._position_due = False

    # -- help and palette -------------------------------------------------------------

    def action_save(self) -> None:
        # In an editor dialog ctrl+s means "keep this text"; elsewhere it saves the file.
        accept = getattr(self.screen, "accept", None)
        if callable(accept):
            accept()
            return
        self.save()

    def action_save_as(self) -> None:
        self.save(ask=True)

    def action_help(self) -> None:
        from inddrag.ui.dialogs.help import HelpDialog

        if not isinstance(self.screen, HelpDialog):
            self.push_screen(HelpDialog(self.screen))

    def action_help_quit(self) -> None:
        self.notify(self.tr("ui.ctrl_c_hint"), timeout=4)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from inddrag.ui.commands import system_commands

        yield from system_commands(self, screen)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from inddrag.ui.commands import WalkCommands

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(
                    providers=[WalkCommands, *self.COMMANDS],
                    placeholder=self.tr("ui.palette_placeholder"),
                )
            )
