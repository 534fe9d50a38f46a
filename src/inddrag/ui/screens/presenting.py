"""Presentation mode (F6): the current step fills the leader's window, for a mirrored screen.

The same view the projector shows (:class:`~inddrag.ui.present.view.RoomView`), drawn
from the open session itself. Nothing else competes: no status line, no footer, one quiet
line of keys at the bottom. The leader can still move between the advice (ctrl+n/ctrl+b,
PgDn/PgUp) and vote (F8/F7); ctrl+o hides the notes; F6 or Escape returns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from inddrag.domain import session as session_ops
from inddrag.ui.commands import bindings
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
    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings("present", "hide_notes", "next_advice", "prev_advice", "vote_up", "vote_down"),
        Binding("escape", "present", show=False),
    ]

    def __init__(self, context: Context) -> None:
        super().__init__(id="presenting")
        self.context = context
        self.lang = context.lang

    def compose(self) -> ComposeResult:
        yield RoomView(id="room")
        yield Static(Text(self.context.tr("present.mode_hint")), id="presenting-hint")

    def on_mount(self) -> None:
        self.show_session()
        self.set_interval(1, self.show_session, name="presenting-clock")

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
        if action == "move":
            return self.context.state.step == "advice"
        if action == "vote":
            return self.context.state.step == "advice" and self.context.kind == "team"
        return True

    def action_present(self) -> None:
        self.dismiss(None)

    def action_toggle_notes(self) -> None:
        toggle_notes(self.app, self.context)
        self.show_session()

    def action_move(self, delta: int) -> None:
        state = self.context.state
        before = state.advice_index
        if state.move_to(before + delta) == before:
            self.app.bell()
        self.show_session()

    def action_vote(self, delta: int) -> None:
        context = self.context
        advice_id = context.pack.advice[context.state.advice_index].id
        before = session_ops.votes_of(context.session, advice_id)
        if session_ops.add_votes(context.session, advice_id, delta) != before:
            context.state.changed()
        else:
            self.app.bell()
        self.show_session()
