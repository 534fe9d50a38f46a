"""Step 2, the advice one at a time: text, questions, votes, preparation and the team's notes.

Moving to another advice swaps the contents of the same widgets rather than building a new
screen, so it is instant even with long notes. ``ctrl+n``/``ctrl+b`` move while typing;
outside the notes the arrow keys, page keys and digits move too, and ``+``/``-`` vote.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TextArea

from inddrag.domain import session as ops
from inddrag.ui.bindings import localise_bindings
from inddrag.ui.messages import SessionChanged
from inddrag.ui.widgets.progress import AdviceProgress
from inddrag.ui.widgets.steps import StepBar
from inddrag.ui.widgets.timebox import Timebox
from inddrag.ui.widgets.votes import VoteCounter

if TYPE_CHECKING:
    from inddrag.domain.content import Advice
    from inddrag.ui.app import InddragApp


class NotesArea(TextArea):
    """The team's notes: a plain-text editor where Escape leaves for the advice."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.leave_notes", "keys.leave_notes", show=False),
    ]


class AdviceScreen(Screen[None]):
    """One advice at a time."""

    CSS_PATH = "advice.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "move(1)", "keys.next_advice", tooltip="keys.next_advice_tip"),
        Binding("ctrl+b", "move(-1)", "keys.prev_advice", tooltip="keys.prev_advice_tip"),
        Binding("ctrl+g", "jump", "keys.jump", tooltip="keys.jump_tip"),
        Binding("ctrl+t", "timebox", "keys.timebox", tooltip="keys.timebox_tip", show=False),
        Binding("right,pagedown", "move(1)", "keys.next_advice", show=False),
        Binding("left,pageup", "move(-1)", "keys.prev_advice", show=False),
        Binding("plus,equals_sign", "vote(1)", "keys.vote_up", show=False),
        Binding("minus", "vote(-1)", "keys.vote_down", show=False),
        Binding("enter", "notes", "keys.write_notes", show=False),
        *[Binding(str(n % 10), f"go({(n - 1)})", show=False) for n in range(1, 11)],
    ]
    app: InddragApp

    def __init__(self) -> None:
        super().__init__(id="advice")
        self._loads_pending = 0
        self._typed = False

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        localise_bindings(self, lang)
        yield Header(icon="")
        yield StepBar("advice", lang)
        with VerticalScroll(id="advice-body"), Vertical(id="advice-card"):
            with Horizontal(id="advice-where"):
                yield Static(id="advice-number")
                yield AdviceProgress(id="progress")
                yield Timebox(lang, id="timebox")
            yield Static(id="advice-title")
            yield Static(id="advice-text")
            yield Static(id="advice-questions")
            yield Static(id="advice-prepared")
        with Center(id="advice-bottom-row"), Vertical(id="advice-bottom"):
            yield VoteCounter(lang, id="votes")
            yield Static(Text(self.app.tr(f"ui.notes_label_{self.app.kind}")), id="notes-label")
            yield NotesArea(
                id="notes",
                soft_wrap=True,
                show_line_numbers=False,
                tab_behavior="focus",
                placeholder=self.app.tr(f"ui.notes_placeholder_{self.app.kind}"),
            )
        yield Footer()

    def on_mount(self) -> None:
        # Votes are the room's; one person preparing ranks on the prioritise step instead.
        self.query_one("#votes", VoteCounter).display = self.app.kind == "team"
        self.show_advice(self.app.advice_index)
        self.query_one("#notes", NotesArea).focus()

    def on_screen_resume(self) -> None:
        # Another step (or a merge) may have changed the session: show it afresh.
        self.show_advice(self.app.advice_index)

    # -- showing ----------------------------------------------------------------------

    @property
    def notes(self) -> NotesArea:
        """The notes editor."""
        return self.query_one("#notes", NotesArea)

    @property
    def advice(self) -> Advice:
        return self.app.pack.advice[self.app.advice_index]

    def show_advice(self, index: int) -> None:
        """Put advice ``index`` on screen (its text, votes, preparation and notes)."""
        app = self.app
        session = app.session
        if session is None:
            return
        self.flush_edits()
        pack = app.pack
        index = max(0, min(index, len(pack.advice) - 1))
        if index != app.advice_index:
            self.query_one(Timebox).stop()  # a timebox belongs to one advice
        app.advice_index = index
        advice = pack.advice[index]
        count = len(pack.advice)
        number = app.tr("ui.advice_number", number=index + 1, count=count)
        self.query_one("#advice-number", Static).update(Text(number))
        self.query_one("#advice-title", Static).update(Text(advice.title))
        self.query_one("#advice-text", Static).update(Text(advice.text))
        questions = self.query_one("#advice-questions", Static)
        if advice.questions:
            grid = Table.grid(padding=(0, 1))
            grid.add_column(width=1)
            grid.add_column(ratio=1)
            for question in advice.questions:
                grid.add_row("•", Text(question))
            questions.update(Group(Text(app.tr("ui.questions_label"), style="bold"), grid))
            questions.display = True
        else:
            questions.display = False
        self.refresh_votes()
        self.show_prepared(advice.id)
        notes = self.query_one("#notes", NotesArea)
        self._loads_pending += 1  # its Changed message says nothing was typed
        notes.load_text(ops.notes_of(session, advice.id))
        notes.scroll_home(animate=False)
        self.query_one("#advice-body", VerticalScroll).scroll_home(animate=False)
        self.refresh_progress()
        app.remember_position()

    def refresh_votes(self) -> None:
        session = self.app.session
        assert session is not None
        scale = max([e.votes for e in session.advice] + [5])
        self.query_one("#votes", VoteCounter).show(ops.votes_of(session, self.advice.id), scale)

    def refresh_progress(self) -> None:
        session = self.app.session
        assert session is not None
        done = []
        for item in self.app.pack.advice:
            entry = session.entry(item.id)
            done.append(bool(entry and (entry.notes.strip() or entry.votes)))
        self.query_one("#progress", AdviceProgress).show(done, self.app.advice_index)

    def show_prepared(self, advice_id: str) -> None:
        """What people brought from their preparation for this advice."""
        session = self.app.session
        widget = self.query_one("#advice-prepared", Static)
        if session is None or not session.inputs:
            widget.display = False
            return
        tr = self.app.tr
        ranked = [i for i in session.inputs if advice_id in i.order]
        text = Text()
        text.append(
            tr("ui.prepared_heading", people=len(session.inputs), ranked=len(ranked)) + "\n",
            style="bold",
        )
        notes = [(i.participant, i.notes.get(advice_id, "")) for i in session.inputs]
        notes = [(who, note) for who, note in notes if note.strip()]
        if not notes:
            text.append("  " + tr("ui.prepared_no_notes") + "\n", style="dim")
        for who, note in notes:
            name = who or tr("ui.anonymous")
            text.append(f"  • {name}: ", style="bold")
            text.append(note.strip().replace("\n", "\n    ") + "\n")
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
        self._typed = True
        self.app.mark_changed()

    def flush_edits(self) -> None:
        """Put the notes typed since the last time into the session."""
        session = self.app.session
        if session is None or not self._typed:
            return
        self._typed = False
        notes = self.query_one("#notes", NotesArea)
        advice_id = self.app.pack.advice[self.app.advice_index].id
        if ops.set_notes(session, advice_id, notes.text):
            self.app.mark_changed()

    @on(VoteCounter.Changed)
    def votes_changed(self, event: VoteCounter.Changed) -> None:
        self.action_vote(event.delta)

    # -- actions ----------------------------------------------------------------------

    def _typing(self) -> bool:
        return isinstance(self.focused, TextArea)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Plain keys belong to the text while the notes have focus.
        return not (self._typing() and action in {"vote", "go", "notes"})

    def action_move(self, delta: int) -> None:
        self.show_advice(self.app.advice_index + delta)

    def action_go(self, index: int) -> None:
        if 0 <= index < len(self.app.pack.advice):
            self.show_advice(index)

    def action_vote(self, delta: int) -> None:
        session = self.app.session
        if session is None:
            return
        before = ops.votes_of(session, self.advice.id)
        if ops.add_votes(session, self.advice.id, delta) != before:
            self.post_message(SessionChanged())
        else:
            self.app.bell()
        self.refresh_votes()
        self.refresh_progress()

    def action_notes(self) -> None:
        self.query_one("#notes", NotesArea).focus()

    def action_leave_notes(self) -> None:
        votes = self.query_one("#votes", VoteCounter)
        if votes.display:
            votes.focus()
        else:
            self.query_one("#advice-body").focus()

    def action_timebox(self, minutes: int = 0) -> None:
        """Start a countdown for this advice (ctrl+t again stops it)."""
        timebox = self.query_one(Timebox)
        if timebox.running and not minutes:
            timebox.stop()
            return
        timebox.start(minutes or self.app.timebox_minutes)

    def action_jump(self) -> None:
        from inddrag.ui.dialogs.jump import JumpDialog

        def chosen(index: int | None) -> None:
            if index is not None:
                self.show_advice(index)

        self.app.push_screen(JumpDialog(self.app.advice_index), chosen)
