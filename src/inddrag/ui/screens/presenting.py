"""Presentation mode (F6): the current step fills the leader's window, for a mirrored screen.

The same view the projector shows (:class:`~inddrag.ui.present.view.RoomView`), drawn
from the open session itself. Nothing else competes: no status line, no footer, one quiet
line of keys at the bottom. The leader can still move between the advice (ctrl+n/ctrl+b,
PgDn/PgUp) and vote (F8/F7); ctrl+o hides the notes; F6 or Escape returns. Its keys are the
command table's (place ``presenting``); it redraws when the App's readings change (the
clock, where the leader is, the session), not on a timer of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Static

from inddrag.ui.commands import bindings_for, facts_of, gate
from inddrag.ui.live import live_clock
from inddrag.ui.localise import LocalisedBindings
from inddrag.ui.present.view import RoomView, Showing
from inddrag.ui.screens.base import toggle_notes

if TYPE_CHECKING:
    from inddrag.ui.context import Context


class PresentationScreen(LocalisedBindings, Screen[None]):
    """The current step, large and centred; the same key (F6) returns."""

    DEFAULT_CSS = """
    PresentationScreen { align: center middle; }
    PresentationScreen RoomView { max-width: 160; padding: 1 2 0 2; }
    PresentationScreen #presenting-hint { height: 1; width: 1fr; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("presenting")

    def __init__(self, context: Context) -> None:
        super().__init__(id="presenting")
        self.context = context
        self.lang = context.lang

    def compose(self) -> ComposeResult:
        yield RoomView(id="room")
        yield Static(Text(self.context.tr("present.mode_hint")), id="presenting-hint")

    def on_mount(self) -> None:
        self.show_session()
        for reading in ("clock_reading", "room_view", "shown_session"):
            self.watch(self.app, reading, self._reading_changed, init=False)

    def _reading_changed(self, _reading: object) -> None:
        if self.is_current:
            self.show_session()

    def show_session(self) -> None:
        """Draw the open session as the room sees it."""
        context = self.context
        state = context.state
        self.query_one(RoomView).show(
            Showing(
                session=state.session,
                pack=context.pack,
                lang=context.lang,
                step=state.step,
                advice_index=state.advice_index,
                notes_hidden=state.notes_hidden,
                clock=live_clock(state, context.clock, context.pack),
            )
        )

    # -- actions ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return gate(("presenting",), action, parameters, facts_of(self.context.state))

    def action_present(self) -> None:
        self.dismiss(None)

    def action_toggle_notes(self) -> None:
        toggle_notes(self.app, self.context)
        self.show_session()

    def action_move(self, delta: int) -> None:
        if not self.context.state.step_advice(delta):
            self.app.bell()
        self.show_session()

    def action_vote(self, delta: int) -> None:
        context = self.context
        if not context.state.vote(context.pack.advice[context.state.advice_index].id, delta):
            self.app.bell()
        self.show_session()
