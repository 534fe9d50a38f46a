"""What the room reads: one widget that shows any step of the walk large and plainly.

Used twice: by the projector view (``inddrag present``, following the leader through the
live channel) and by presentation mode in the leader's own window (F6). Both hand it a
:class:`Showing`; the widget never edits anything. The numbers that matter (the advice's
number, its votes, the clock) are drawn with Textual's ``Digits``, three rows tall, each
beside a word saying what it is; states are said in words (``OVER TID``, "Noterne er
skjult"), never by colour alone. The layout follows the widget's own size: at 50×16 the
advice's title, questions and the last lines of the notes; from 24 rows its text too;
from 120 columns the notes stand beside the advice, so a 200×60 screen is filled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Digits, Static

from inddrag.domain import session as session_ops
from inddrag.domain.safe_text import visible, visible_path
from inddrag.i18n import t, t_plural
from inddrag.ui.clock import clock_text
from inddrag.ui.widgets.bars import bar

if TYPE_CHECKING:
    from inddrag.domain.content import ContentPack
    from inddrag.domain.live import LiveAnswers, LiveClock
    from inddrag.domain.session import Session

BODIES = ("advice", "prioritise", "roles", "summary", "waiting")
NOTES_TAIL = 3000
"""Characters of the notes shown at most: the last ones, as many as a big screen holds."""


@dataclass(frozen=True)
class Showing:
    """Everything the room's view shows, at one moment."""

    session: Session
    pack: ContentPack
    lang: str
    step: str
    advice_index: int
    notes_hidden: bool
    clock: LiveClock
    #: Participants answering from their phones: the QR code and the count.
    answers: LiveAnswers | None = None


class RoomView(Vertical):
    """The room's view of one step (or "venter på mødelederen…")."""

    DEFAULT_CSS = """
    RoomView { height: 1fr; width: 1fr; padding: 0 1; }
    RoomView #room-head { height: 3; width: 1fr; }
    RoomView #room-head Static { height: 3; content-align: left middle; }
    RoomView #room-head Digits { width: auto; }
    RoomView .room-label { width: auto; max-width: 9; padding: 0 1 0 0; color: $text-muted; }
    RoomView #room-votes-label { border-left: outer $secondary; padding: 0 1; max-width: 12; }
    RoomView #room-clock-label { max-width: 8; }
    RoomView #room-of { width: auto; padding: 0 0 0 1; text-style: bold; }
    RoomView #room-step { width: auto; text-style: bold; color: $accent; }
    RoomView #room-gap { width: 1fr; }
    RoomView #room-votes { margin-right: 2; }
    RoomView #room-clock-state { width: auto; padding: 0 0 0 1; text-style: bold reverse; }
    RoomView #room-body { height: 1fr; }
    RoomView #room-advice { height: 1fr; layout: vertical; }
    RoomView #room-card { height: auto; }
    RoomView #room-title {
        text-style: bold; color: $accent; border-left: thick $accent; padding: 0 1;
        margin: 1 0 0 0;
    }
    RoomView #room-text { margin: 1 0 0 0; }
    RoomView #room-questions { margin: 1 0 0 0; }
    RoomView #room-notes {
        height: 1fr; min-height: 3; border: round $secondary; border-title-style: bold;
        border-title-color: $text;
        padding: 0 1; margin: 1 0 0 0; scrollbar-size-vertical: 0;
    }
    RoomView #room-notes.-hidden { border: double $warning; }
    RoomView.-short #room-text { display: none; }
    RoomView.-short #room-title { margin: 0; }
    RoomView.-short #room-questions { margin: 0; }
    RoomView.-short #room-notes { margin: 0; }
    RoomView.-narrow #room-clock-state { display: none; }
    RoomView.-narrow #room-votes { margin-right: 1; }
    RoomView.-narrow #room-clock-label { max-width: 8; padding: 0; }
    RoomView.-narrow #room-clock-label.-over { text-style: bold reverse; }
    RoomView.-tall #room-title { margin: 2 0 0 0; }
    RoomView.-tall #room-text { margin: 2 0 0 0; }
    RoomView.-tall #room-questions { margin: 2 0 0 0; }
    RoomView.-wide #room-advice { layout: horizontal; }
    RoomView.-wide #room-card { width: 3fr; height: 1fr; padding: 0 2 0 0; }
    RoomView.-wide #room-notes { width: 2fr; height: 1fr; }
    RoomView .room-page { height: 1fr; }
    RoomView .room-heading { text-style: bold; color: $accent; margin: 1 0 0 0; }
    RoomView #room-waiting { align: center middle; }
    RoomView #room-waiting-text { width: auto; max-width: 90%; text-align: center; }
    RoomView #room-answers {
        dock: right; width: auto; height: auto; max-height: 100%; padding: 0 0 0 2;
        display: none;
    }
    RoomView #room-answers.-shown { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.showing: Showing | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="room-answers")
        with Horizontal(id="room-head"):
            yield Static(id="room-number-label", classes="room-label")
            yield Digits(id="room-number")
            yield Static(id="room-of")
            yield Static(id="room-step")
            yield Static(id="room-gap")
            yield Static(id="room-votes-label", classes="room-label")
            yield Digits(id="room-votes")
            yield Static(id="room-clock-label", classes="room-label")
            yield Digits(id="room-clock")
            yield Static(id="room-clock-state")
        with ContentSwitcher(id="room-body", initial="room-waiting"):
            with Vertical(id="room-advice"):
                with Vertical(id="room-card"):
                    yield Static(id="room-title")
                    yield Static(id="room-text")
                    yield Static(id="room-questions")
                with VerticalScroll(id="room-notes", can_focus=False):
                    yield Static(id="room-notes-text")
            with Vertical(id="room-prioritise", classes="room-page"):
                yield Static(id="room-prioritise-heading", classes="room-heading")
                yield Static(id="room-prioritise-table")
            with Vertical(id="room-roles", classes="room-page"):
                yield Static(id="room-roles-heading", classes="room-heading")
                yield Static(id="room-roles-table")
            with VerticalScroll(id="room-summary", classes="room-page", can_focus=False):
                yield Static(id="room-summary-text")
            with Vertical(id="room-waiting", classes="room-page"):
                yield Static(id="room-waiting-text")

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        self.set_class(height < 24, "-short")
        self.set_class(width < 70, "-narrow")
        self.set_class(width >= 120, "-wide")
        self.set_class(height >= 40, "-tall")
        if self.showing is not None:
            self.show(self.showing)

    # -- showing ----------------------------------------------------------------------

    def _static(self, name: str) -> Static:
        return self.query_one(f"#{name}", Static)

    def show(self, showing: Showing) -> None:
        """Show one step of the session."""
        self.showing = showing
        step = showing.step if showing.step in BODIES else "advice"
        self.show_head(showing, step)
        if step == "advice":
            self.show_advice(showing)
        elif step == "prioritise":
            self.show_ranking(showing)
        elif step == "roles":
            self.show_roles(showing)
        else:
            self.show_summary(showing)
        self.query_one(ContentSwitcher).current = f"room-{step}"
        self.show_answers(showing)

    def show_answers(self, showing: Showing) -> None:
        """While participants answer: the QR code, the link and the count, to the right.
        Closed: the count and "closed"; revealed: the count only (the tally is shown)."""
        from inddrag.ui.dialogs.collect import qr_text

        panel = self._static("room-answers")
        answers = showing.answers
        panel.set_class(answers is not None, "-shown")
        if answers is None:
            panel.update("")
            return
        lang = showing.lang
        text = Text()
        text.append(t(f"collect.projector_{answers.state}", lang), style="bold")
        text.append("\n")
        if answers.state == "open" and self.size.height >= 24:
            text.append_text(qr_text(answers.url))
            text.append("\n")
        if answers.state == "open":
            text.append(answers.url, style="bold")
            text.append("\n")
        text.append(t_plural("collect.answered", answers.count, lang), style="bold")
        panel.update(text)

    def show_waiting(self, lang: str, file_name: str, last_title: str | None) -> None:
        """ "venter på mødelederen…": the leader's app is not running (yet, or any more)."""
        self.showing = None
        self._static("room-answers").set_class(False, "-shown")
        for name in ("room-number-label", "room-of", "room-votes-label", "room-clock-label"):
            self._static(name).update("")
        for name in ("room-number", "room-votes", "room-clock"):
            self.query_one(f"#{name}", Digits).update("")
        self._static("room-clock-state").update("")
        self._static("room-step").update(Text("inddrag", style="bold"))
        text = Text(t("present.waiting", lang), style="bold")
        text.append("\n\n")
        text.append(t("present.waiting_help", lang, file=visible_path(file_name)), style="")
        if last_title:
            text.append("\n\n")
            shown = visible(last_title, name=True)
            text.append(t("present.waiting_was", lang, title=shown), style="italic")
        self._static("room-waiting-text").update(text)
        self.query_one(ContentSwitcher).current = "room-waiting"

    def show_head(self, showing: Showing, step: str) -> None:
        """The big numbers: the advice and its votes (on the advice step), the clock."""
        lang = showing.lang
        on_advice = step == "advice"
        advice = showing.pack.advice[showing.advice_index] if on_advice else None
        count = len(showing.pack.advice)
        self._static("room-number-label").update(t("present.advice_word", lang) if advice else "")
        self.query_one("#room-number", Digits).update(
            str(showing.advice_index + 1) if advice else ""
        )
        self._static("room-of").update(f"{t('present.of', lang)} {count}" if advice else "")
        step_name = "" if advice else t(f"ui.step_{step}", lang)
        self._static("room-step").update(step_name)
        team = showing.session.kind == "team"
        votes = session_ops.votes_of(showing.session, advice.id) if advice and team else None
        self._static("room-votes-label").update(
            "" if votes is None else t("present.votes_word", lang)
        )
        self.query_one("#room-votes", Digits).update("" if votes is None else str(votes))
        self.show_clock(showing, on_advice)

    def show_clock(self, showing: Showing, on_advice: bool) -> None:
        """The advice's time (or the meeting's), and OVER TID in words when over."""
        clock, lang = showing.clock, showing.lang
        seconds = clock.advice if on_advice and clock.advice is not None else clock.meeting
        label, state = "", ""
        if seconds is None:
            value = ""
        elif on_advice and clock.advice is not None:
            value = clock_text(seconds)
            label = t("present.clock_advice", lang)
            box = clock.timebox_minutes
            if box is not None:
                label += "\n" + t("present.clock_box", lang, box=box)
                if seconds >= box * 60:
                    state = t("present.over", lang)
        else:
            value = clock_text(seconds)
            label = t("present.clock_meeting", lang)
            label += "\n" + t("present.clock_plan", lang, plan=clock.plan_minutes)
            if seconds > clock.plan_minutes * 60:
                state = t("present.over", lang)
        # Too narrow for the words beside the clock: they give way to OVER TID.
        narrow_over = bool(state) and self.has_class("-narrow")
        clock_label = self._static("room-clock-label")
        clock_label.set_class(narrow_over, "-over")
        clock_label.update(state if narrow_over else label)
        self.query_one("#room-clock", Digits).update(value)
        self._static("room-clock-state").update(state)

    def tick(self, clock: LiveClock) -> None:
        """Redraw the clock only (once a second)."""
        if self.showing is not None:
            self.showing = Showing(
                self.showing.session,
                self.showing.pack,
                self.showing.lang,
                self.showing.step,
                self.showing.advice_index,
                self.showing.notes_hidden,
                clock,
            )
            self.show_clock(self.showing, self.showing.step == "advice")

    def show_advice(self, showing: Showing) -> None:
        """Title, text, questions and the notes (or that they are hidden)."""
        lang = showing.lang
        advice = showing.pack.advice[showing.advice_index]
        self._static("room-title").update(Text(visible(advice.title, name=True)))
        self._static("room-text").update(Text(visible(advice.text, lines=True)))
        questions: list[RenderableType] = []
        if advice.questions:
            tall, short = self.has_class("-tall"), self.has_class("-short")
            grid = Table.grid(padding=(1 if tall else 0, 1))
            grid.add_column(width=1, no_wrap=True)
            grid.add_column(ratio=1)
            for question in advice.questions:
                grid.add_row("•", Text(visible(question, lines=True)))
            label = Text(t("ui.questions_label", lang), style="bold underline")
            questions = [grid] if short else [label, grid]
        self._static("room-questions").update(Group(*questions))
        notes = self.query_one("#room-notes", VerticalScroll)
        notes.border_title = t("present.notes_heading", lang)
        notes.set_class(showing.notes_hidden, "-hidden")
        if showing.notes_hidden:
            body = Text(t("present.notes_hidden", lang), style="bold italic")
        else:
            typed = visible(session_ops.notes_of(showing.session, advice.id).rstrip(), lines=True)
            if len(typed) > NOTES_TAIL:  # the room reads the end; the rest costs layout
                typed = "… " + typed[-NOTES_TAIL:].split("\n", 1)[-1]
            body = Text(typed) if typed else Text(t("present.notes_empty", lang), style="italic")
        self._static("room-notes-text").update(body)
        notes.call_after_refresh(notes.scroll_end, animate=False)

    def show_ranking(self, showing: Showing) -> None:
        """The advice in the team's order, then by votes, each with its votes as a bar."""
        from inddrag.domain.places import vote_places

        lang, session, pack = showing.lang, showing.session, showing.pack
        self._static("room-prioritise-heading").update(
            Text(t(f"ui.prio_question_{session.kind}", lang))
        )
        titles = {a.id: visible(a.title, name=True) for a in pack.advice}
        ids = list(titles)
        marked = [i for i in session.priorities.order if i in titles]
        rest = [i for i in ids if i not in marked]
        votes = {e.id: e.votes for e in session.advice}
        places = vote_places(rest, votes)
        rest.sort(key=lambda i: -votes.get(i, 0))
        top = max([*votes.values(), 1])
        table = Table(box=None, expand=True, show_header=False, padding=(0, 1))
        table.add_column(no_wrap=True, justify="right")
        table.add_column(ratio=3)
        table.add_column(ratio=1, no_wrap=True)
        table.add_column(no_wrap=True, justify="right")
        rows = [(f"{n}.", i, True) for n, i in enumerate(marked, start=1)]
        rows += [(places[i], i, False) for i in rest]
        for place, advice_id, is_marked in rows:
            count = votes.get(advice_id, 0)
            title = Text(titles[advice_id], style="bold" if is_marked else "")
            if is_marked:
                title.append("  " + t("present.marked", lang), style="italic")
            table.add_row(
                place, title, bar(count, top, 16) or "·", t_plural("export.votes", count, lang)
            )
        self._static("room-prioritise-table").update(table)

    def show_roles(self, showing: Showing) -> None:
        """The roles table, every cell as typed (an empty one as a dash)."""
        lang, roles = showing.lang, showing.session.roles
        self._static("room-roles-heading").update(
            Text(t(f"ui.roles_question_{showing.session.kind}", lang))
        )
        table = Table(expand=True, box=box.SIMPLE_HEAD, header_style="bold underline")
        header = Text(visible(roles.row_header, name=True))
        table.add_column(header, min_width=12, max_width=24, overflow="fold")
        for column in roles.columns:
            table.add_column(Text(visible(column.title, name=True)), ratio=2, overflow="fold")
        empty = t("present.empty_cell", lang)
        for row in roles.rows:
            cells = [
                Text(visible(row.cells.get(c.id, ""), lines=True) or empty) for c in roles.columns
            ]
            table.add_row(Text(visible(row.name, name=True), style="bold"), *cells)
        self._static("room-roles-table").update(table)

    def show_summary(self, showing: Showing) -> None:
        """The summary, as the Markdown export says it."""
        from inddrag.domain.export import to_markdown
        from inddrag.ui.screens.summary import SummaryMarkdown

        text = visible(
            to_markdown(showing.session, showing.pack, showing.session.content.language),
            lines=True,
        )
        self._static("room-summary-text").update(
            SummaryMarkdown(text, hyperlinks=False, inline_code_lexer=None)
        )
