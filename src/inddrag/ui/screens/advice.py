"""Step 2, the advice one at a time: text, questions, votes, preparation and the team's notes.

The notes have the keyboard: every printable key ends in them. Moving, voting and the
rest use keys that cannot be typed as text (ctrl, alt, F-keys, PgUp/PgDn; see
:mod:`inddrag.ui.commands`). Moving to another advice swaps the contents of the same few
widgets rather than building a new screen. On a wide screen the advice stands beside the
notes; on a narrow one above them, compact enough that the text and every question are in
view at 80×24.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static, TextArea

from inddrag.domain import session as session_ops
from inddrag.domain.safe_text import visible
from inddrag.i18n import t_plural
from inddrag.ui.commands import Command, bindings_for, can_run, notes_keys
from inddrag.ui.screens.base import StepScreen
from inddrag.ui.widgets.bars import bar
from inddrag.ui.widgets.bullets import Bullets
from inddrag.ui.widgets.progress import progress_text

if TYPE_CHECKING:
    from inddrag.domain.content import Advice
    from inddrag.ui.context import Context


class NotesArea(TextArea):
    """The notes: a plain-text editor (its frame says whether it has the keyboard).

    The step's commands (move, vote, jump, save, …) are carried out by the editor itself,
    in the order the keys arrive: a letter typed just before ctrl+n lands in this advice,
    a letter typed just after lands in the next, however fast the typing. (Bindings would
    act only once the key had travelled up to the app, after the letters behind it.)
    """

    KEYS: ClassVar[dict[str, Command]] = notes_keys()
    #: The same keys as bindings of the editor, so that the footer and the help show what
    #: they do here, not what a bare TextArea would do with them (F7 "select all").
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            key,
            command.action,
            command.label,
            show=command.show and key == command.key_list[0],
            key_display=command.binding().key_display,
            tooltip=command.tooltip,
            id=command.id,
        )
        for key, command in KEYS.items()
    ]

    async def _on_key(self, event: events.Key) -> None:
        command = self.KEYS.get(event.key)
        if command is None:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        if not can_run(self, command):
            return  # not available now (a vote in a preparation): the key does nothing
        await self.run_action(command.action)


class AdviceScreen(StepScreen):
    """One advice at a time."""

    STEP = "advice"
    CSS_PATH = "advice.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012 (Textual declares it so)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("advice")

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self._loads_pending = 0
        #: The advice whose notes the editor holds (None until one is loaded), and the
        #: text as it was loaded or last put into the session.
        self._shown_id: str | None = None
        self._loaded = ""
        #: Held here, not looked up: what was typed is still read as the app shuts down.
        self._notes = NotesArea(
            id="notes",
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
            placeholder=self.tr(f"ui.notes_placeholder_{context.kind}"),
        )

    # -- layout -----------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="advice-main"):
            with VerticalScroll(id="advice-card", can_focus=False):
                yield Static(id="advice-head")
                yield Static(id="advice-title")
                yield Static(id="advice-text")
                yield Static(id="advice-prepared")
            # The editor carries its own frame, title and votes: one widget fewer to paint
            # on every keystroke.
            yield self._notes

    def on_mount(self) -> None:
        super().on_mount()
        self.redraw()
        self.notes.focus()

    def show_session(self) -> None:
        self.show_advice(self.context.state.advice_index)

    # -- showing ----------------------------------------------------------------------

    @property
    def notes(self) -> NotesArea:
        """The notes editor."""
        return self._notes

    @property
    def advice(self) -> Advice:
        """The advice on screen."""
        return self.context.pack.advice[self.context.state.advice_index]

    def show_advice(self, index: int) -> None:
        """Put advice ``index`` on screen (its text, votes, preparation and notes)."""
        self.flush_edits()
        context = self.context
        pack = context.pack
        index = context.state.move_to(index)
        advice = pack.advice[index]
        self.query_one("#advice-title", Static).update(Text(advice.title))
        self.query_one("#advice-text", Static).update(self.advice_body(advice))
        self.show_prepared(advice.id)
        notes = self.notes
        loaded = visible(session_ops.notes_of(context.session, advice.id), lines=True)
        if advice.id != self._shown_id or notes.text != loaded:
            self._loads_pending += 1  # its Changed message says nothing was typed
            notes.load_text(loaded)
            self._shown_id = advice.id
            notes.move_cursor(notes.document.end)  # the next words go after what is there
        # else the same notes as the editor holds (back from another step): the editor
        # stays as it is, its cursor and its undo history too.
        self._loaded = loaded
        self.query_one("#advice-card", VerticalScroll).scroll_home(animate=False)
        self.refresh_votes()

    def advice_body(self, advice: Advice) -> Group:
        """The advice's text, then its questions as a bulleted list."""
        parts: list[Text | Bullets] = [Text(advice.text)]
        if advice.questions:
            label = Text(self.tr("ui.questions_label"), style="bold underline")
            parts += [label, Bullets([Text(question) for question in advice.questions])]
        return Group(*parts)

    def refresh_votes(self) -> None:
        """The head line (number, progress marks) and the votes in the notes' border."""
        context = self.context
        session = context.session
        index = context.state.advice_index
        count = len(context.pack.advice)
        head = Text(context.tr("ui.advice_number", number=index + 1, count=count), style="bold")
        head.append("  ")
        done = []
        for item in context.pack.advice:
            entry = session.entry(item.id)
            done.append(bool(entry and (entry.notes.strip() or entry.votes)))
        head.append_text(progress_text(done, index))
        if index == count - 1:
            head.append("  " + context.tr("ui.last_advice_hint"), style="italic")
        self.query_one("#advice-head", Static).update(head)
        self.show_focus()
        if context.kind == "team":
            votes = session_ops.votes_of(session, self.advice.id)
            scale = max([e.votes for e in session.advice] + [5])
            self.notes.border_subtitle = context.tr(
                "ui.votes_line", votes=votes, bar=bar(votes, scale, 10) or "·"
            )
        else:
            self.notes.border_subtitle = ""

    def show_focus(self) -> None:
        """Frame and name the notes by whether they have the keyboard: a border and words."""
        notes = self.notes
        if not notes.is_attached:
            return  # the app is shutting down
        typing = notes.has_focus
        notes.set_class(typing, "-typing")
        label = self.tr(f"ui.notes_label_{self.context.kind}")
        hint = self.tr("ui.notes_typing" if typing else "ui.notes_not_typing")
        notes.border_title = f"{label} – {hint}"

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        self.show_focus()

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        self.show_focus()

    def show_prepared(self, advice_id: str) -> None:
        """What people brought from their preparation for this advice."""
        session = self.context.session
        widget = self.query_one("#advice-prepared", Static)
        if not session.inputs:
            widget.display = False
            return
        tr = self.tr
        ranked = [i for i in session.inputs if advice_id in i.order]
        text = Text()
        heading = tr("ui.prepared_heading", people=len(session.inputs), ranked=len(ranked))
        text.append(heading + "\n", style="bold")
        if ranked:
            from inddrag.domain.aggregate import disagreements
            from inddrag.domain.export.parts import gap_text, placements_text

            where = placements_text(session, advice_id, self.lang)
            text.append(tr("ui.prepared_places", places=where) + "\n", style="italic")
            found = disagreements(session, self.context.pack)
            for item in (d for d in found if d.score.id == advice_id):  # the summary's rule
                text.append(tr("ui.prepared_split", gap=gap_text(item, self.lang)) + "\n")
        notes = [(i.participant, i.notes.get(advice_id, "")) for i in session.inputs]
        notes = [(who, note) for who, note in notes if note.strip()]
        if not notes:
            text.append("  " + tr("ui.prepared_no_notes") + "\n", style="dim")
        for who, note in notes:
            name = visible(who, name=True) or tr("ui.anonymous")
            text.append(f"  • {name}: ", style="bold")
            text.append(visible(note.strip(), lines=True).replace("\n", "\n    ") + "\n")
        text.rstrip()
        widget.update(text)
        widget.display = True

    # -- editing ----------------------------------------------------------------------

    @on(TextArea.Changed, "#notes")
    def notes_changed(self, _event: TextArea.Changed) -> None:
        # Only note that something was typed: the text goes into the session when it is
        # needed (autosave, save, another advice, a signal), not on every keystroke.
        if self._loads_pending:
            self._loads_pending -= 1
            return
        self.context.state.changed()

    def discard_edits(self) -> None:
        self._shown_id = None

    def flush_edits(self) -> None:
        """Put the notes as they stand into the session (the editor is the truth: keys it
        has taken may not yet have told the screen they changed anything)."""
        if self._shown_id is None:
            return  # nothing loaded yet
        text = self.notes.text
        if text == self._loaded:
            return  # nothing typed since (a file's control characters stay as they were)
        self._loaded = text
        if session_ops.set_notes(self.context.session, self._shown_id, text):
            self.context.state.changed()

    # -- actions ----------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        self.flush_edits()  # what was typed belongs to the advice it was typed on
        if not self.context.state.step_advice(delta):
            self.app.bell()
        self.show_advice(self.context.state.advice_index)
        self.notes.focus()

    def action_vote(self, delta: int) -> None:
        if not self.context.state.vote(self.advice.id, delta):
            self.app.bell()
        self.refresh_votes()

    def action_scroll_card(self, delta: int) -> None:
        card = self.query_one("#advice-card", VerticalScroll)
        if delta < 0:
            card.scroll_page_up(animate=False)
        else:
            card.scroll_page_down(animate=False)

    async def action_jump(self) -> None:
        from inddrag.ui.dialogs.jump import JumpDialog

        session = self.context.session
        lines = []
        for index, advice in enumerate(self.context.pack.advice):
            votes = session_ops.votes_of(session, advice.id)
            mark = "■" if session_ops.notes_of(session, advice.id).strip() or votes else "□"
            label = Text(f"{mark} {index + 1:>2}. {advice.title}")
            if votes:
                label.append(f"  ({t_plural('export.votes', votes, self.lang)})", style="dim")
            lines.append(label)

        def chosen(index: int | None) -> None:
            if index is not None:
                self.show_advice(index)
            self.notes.focus()

        self.app.push_screen(JumpDialog(self.lang, lines, self.context.state.advice_index), chosen)
