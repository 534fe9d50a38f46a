"""What every step of the walk shares: the status line, the step bar, the footer.

A step is a :class:`StepScreen` built with a :class:`~inddrag.ui.context.Context`. It
composes its own body, shows the session afresh when it comes back on screen or when the
App says the session was replaced (the App's ``shown_session``), and puts anything still
being typed into the session when asked (:meth:`flush_edits`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.screen import Screen

from inddrag.ui.commands import Need, Place, bindings_for, facts_of, gate
from inddrag.ui.localise import LocalisedBindings
from inddrag.ui.widgets.footer import Footer
from inddrag.ui.widgets.status import StatusBar
from inddrag.ui.widgets.steps import StepBar

if TYPE_CHECKING:
    from inddrag.ui.context import Context


class StepScreen(LocalisedBindings, Screen[None]):
    """One step of the walk."""

    STEP: ClassVar[str] = ""
    #: Whether letters typed on this step go somewhere (notes, a cell). On a step that takes
    #: no text a letter does nothing, and the status line says where typing goes.
    TAKES_TEXT: ClassVar[bool] = True
    #: The room's view, on every step (the steps' own bindings are added to these).
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("walk")

    def __init__(self, context: Context) -> None:
        super().__init__(id=self.STEP)
        self.context = context
        self.lang = context.lang
        #: What the widgets were last drawn from (see :meth:`redraw`).
        self._drawn: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        yield StatusBar(self.context)
        yield StepBar(self.STEP, self.context.lang)
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        """The step's own widgets, between the step bar and the footer."""
        yield from ()

    def on_mount(self) -> None:
        self.watch(self.app, "shown_session", self._reloaded, init=False)
        for reading in ("save_state", "clock_reading", "room_view"):
            self.watch(self.app, reading, self._status_changed, init=False)

    def on_screen_resume(self) -> None:
        self.context.state.show_step(self.STEP)
        self.redraw()
        self.query_one(StatusBar).refresh()

    def _drawn_from(self) -> tuple[object, ...]:
        state = self.context.state
        return (id(state.session), state.revision, state.advice_index, state.notes_hidden)

    def redraw(self) -> None:
        """Draw the session afresh unless the widgets already show it as it is: back from
        a dialog, or on a step whose session nothing changed since, the screen stays as it
        was (its scroll position and cursor too) and costs nothing to show."""
        if self._drawn != self._drawn_from():
            self.show_session()
            self.mark_drawn()

    def mark_drawn(self) -> None:
        """The widgets show the session as it is now (a step that drew it its own way)."""
        self._drawn = self._drawn_from()

    def on_key(self, event: events.Key) -> None:
        # A letter no widget took (no binding either: the table binds no printable key here).
        if not self.TAKES_TEXT and event.is_printable:
            self.query_one(StatusBar).say(self.tr("ui.no_typing_here"))

    def _reloaded(self, _session: object) -> None:
        # The session was replaced: what the widgets hold belongs to the old one.
        self.discard_edits()
        self._drawn = None  # drawn afresh now if on screen, else when it comes back
        if self.is_current:
            self.redraw()

    def _status_changed(self, _reading: object) -> None:
        if self.is_current:
            self.query_one(StatusBar).refresh()

    def facts(self) -> frozenset[Need]:
        """What holds now, for the commands' ``needs``."""
        facts = facts_of(self.context.state)
        return facts | {"advice_shown"} if self.STEP == "advice" else facts

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The command table says when a command is available (commands.gate).
        places: tuple[Place, ...] = ("walk", self.STEP)  # type: ignore[assignment]
        return gate(places, action, parameters, self.facts())

    def show_session(self) -> None:
        """Draw the session afresh (it may have changed on another step or on disk)."""

    def flush_edits(self) -> None:
        """Put what is being typed into the session (nothing to do on most steps)."""

    def discard_edits(self) -> None:
        """Forget what the widgets hold (the session they were typed for is gone)."""

    def action_present(self) -> None:
        """Presentation mode (F6): this step, large, for a mirrored screen."""
        from inddrag.ui.screens.presenting import PresentationScreen

        self.flush_edits()  # what was typed belongs to the advice it was typed on
        self.app.push_screen(PresentationScreen(self.context))

    def action_toggle_notes(self) -> None:
        """Hide the notes from the room (projector and presentation), or show them again."""
        toggle_notes(self.app, self.context)

    def changed(self) -> None:
        """Tell the App this step changed the session."""
        self.context.state.changed()

    def tr(self, key: str, **params: object) -> str:
        """A string in the session's language."""
        return self.context.tr(key, **params)


def toggle_notes(app: App[object], context: Context) -> None:
    """Hide the notes from the room, or show them again, and say what the room sees now."""
    hidden = context.state.toggle_notes_hidden()
    app.notify(context.tr("present.now_hidden" if hidden else "present.now_shown"), timeout=4)
