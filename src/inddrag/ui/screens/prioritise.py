"""Step 3, prioritise — "Hvilke er vigtigst for jer?".

Two groups in one list: on top the advice the team marked as most important, in the team's
order (this is ``[priorities] order``); below, the rest by votes, ties sharing a place. Each
line draws its votes as a bar beside the number. With merged preparation a second bar shows
the Borda points, one key adopts that order as a starting point, and a short list says where
people disagreed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Center, Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from inddrag.domain import session as session_ops
from inddrag.domain.places import vote_places
from inddrag.ui.commands import bindings_for
from inddrag.ui.messages import GoToStep
from inddrag.ui.screens.base import StepScreen
from inddrag.ui.widgets.bars import bar

if TYPE_CHECKING:
    from inddrag.domain.aggregate import PrepAggregate
    from inddrag.ui.context import Context

BAR_WIDTH = 12


@dataclass(frozen=True)
class ListedAdvice:
    """One advice as listed: its id, whether marked, and its place label."""

    advice_id: str
    marked: bool
    place: str


class PrioritiseScreen(StepScreen):
    """Order the advice by what matters most to the team."""

    STEP = "prioritise"
    TAKES_TEXT = False
    CSS_PATH = "prioritise.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("prioritise")

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.lines: list[ListedAdvice] = []
        self.prep: PrepAggregate | None = None
        self.undo_orders: list[list[str]] = []

    def compose_body(self) -> ComposeResult:
        tr = self.tr
        with Center(id="prio-centre"), Vertical(id="prio-card"):
            yield Static(Text(tr(f"ui.prio_question_{self.context.kind}")), id="prio-question")
            yield Static(Text(tr(f"ui.prio_help_{self.context.kind}")), id="prio-help")
            yield OptionList(id="prio-list")
            with VerticalScroll(id="prio-notes"):
                yield Static(id="prio-disagree")

    def on_mount(self) -> None:
        super().on_mount()
        self.redraw()
        self.query_one(OptionList).focus()

    def show_session(self) -> None:
        self.rebuild()

    def on_resize(self) -> None:
        self.call_after_refresh(self.rebuild)

    # -- model ------------------------------------------------------------------------

    def compute_lines(self) -> list[ListedAdvice]:
        session = self.context.session
        ids = [a.id for a in self.context.pack.advice]
        extra = [i for i in session.priorities.order if i not in ids]
        marked = list(session.priorities.order)
        rest = [i for i in ids + extra if i not in marked]
        votes = {e.id: e.votes for e in session.advice}
        places = vote_places(rest, votes)
        rest.sort(key=lambda i: -votes.get(i, 0))
        return [ListedAdvice(i, True, f"{n}.") for n, i in enumerate(marked, start=1)] + [
            ListedAdvice(i, False, places[i]) for i in rest
        ]

    def rebuild(self, focus_id: str | None = None) -> None:
        """Redraw the list from the session, keeping the cursor on ``focus_id``."""
        session = self.context.session
        tr = self.tr
        listing = self.query_one(OptionList)
        if focus_id is None and listing.highlighted is not None and self.lines:
            focus_id = listing.get_option_at_index(listing.highlighted).id
        self.prep = None
        if session.inputs:
            from inddrag.domain.aggregate import aggregate

            self.prep = aggregate(session, self.context.pack)
        self.lines = self.compute_lines()
        votes = {e.id: e.votes for e in session.advice}
        top_votes = max([*votes.values(), 1])
        points = {s.id: s.points for s in self.prep.scores} if self.prep else {}
        top_points = max([*points.values(), 1])

        def item(line: ListedAdvice) -> Option:
            text = self.describe(line, votes, top_votes, points, top_points)
            return Option(text, id=line.advice_id)

        marked = [line for line in self.lines if line.marked]
        rest = [line for line in self.lines if not line.marked]
        heading = tr("ui.prio_marked_heading", count=len(marked))
        options = [Option(Text(heading, style="bold"), disabled=True)]
        if not marked:
            empty = Text("  " + tr("ui.prio_marked_empty"), style="dim")
            options.append(Option(empty, disabled=True))
        options += [item(line) for line in marked]
        if rest:
            heading = tr(f"ui.prio_rest_heading_{self.context.kind}")
            options.append(Option(Text(heading, style="bold"), disabled=True))
            options += [item(line) for line in rest]
        listing.clear_options()
        listing.add_options(options)
        target = next((i for i, o in enumerate(options) if focus_id and o.id == focus_id), None)
        if target is None:
            target = next((i for i, o in enumerate(options) if not o.disabled), 0)
        listing.highlighted = target
        self.show_disagreements()

    def describe(
        self,
        line: ListedAdvice,
        votes: dict[str, int],
        top_votes: int,
        points: dict[str, int],
        top_points: int,
    ) -> Text:
        """One line of the list: mark, place, votes bar and number, (points), number, title.

        Exactly one line per advice, the title cut with "…" to the list's width, so the
        list's rows never wrap (the room reads the shape of the bars at a glance).
        """
        pack = self.context.pack
        advice = pack.advice_by_id(line.advice_id)
        number = pack.advice_number(line.advice_id)
        title = advice.title if advice else line.advice_id
        count = votes.get(line.advice_id, 0)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("★ " if line.marked else "  ", style="bold")
        text.append(f"{line.place:>3} ", style="bold" if line.marked else "")
        if self.context.kind == "team":
            text.append(bar(count, top_votes, BAR_WIDTH).ljust(BAR_WIDTH))
            text.append(f" {count:>2} ", style="bold")
        if self.prep is not None:
            got = points.get(line.advice_id, 0)
            text.append("│ ", style="dim")
            text.append(bar(got, top_points, 8).ljust(8), style="italic")
            text.append(f" {got:>3}p ", style="italic")
        text.append(f"│ {number}. " if number else "│ ?. ", style="dim")
        text.append(title)
        width = self.query_one(OptionList).scrollable_content_region.width - 2
        if width > 20:
            text.truncate(width, overflow="ellipsis")
        return text

    def show_disagreements(self) -> None:
        """The legend, then every advice people placed far apart, widest gap first."""
        widget = self.query_one("#prio-disagree", Static)
        session = self.context.session
        if not session.inputs or self.prep is None:
            legend = self.tr(f"ui.prio_legend_{self.context.kind}")
            widget.update(Text(legend, style="dim"))
            return
        from inddrag.domain.aggregate import SHOWN_SPLITS, disagreements
        from inddrag.domain.export.parts import gap_text, placements_text, split_rule

        tr, lang = self.tr, self.lang
        text = Text(tr("ui.prio_legend_borda", people=self.prep.inputs) + "\n", style="dim")
        found = disagreements(session, self.context.pack, counts=self.prep)
        if found:
            text.append(tr("ui.prio_disagree_heading") + " ", style="bold")
            rule = split_rule("ui.prio_disagree_rule", self.prep.size, lang)
            text.append(rule + "\n", style="dim")
            for item in found[:SHOWN_SPLITS]:
                text.append("• ")
                text.append(item.score.title, style="bold")
                text.append(f": {gap_text(item, lang)}\n  ")
                text.append(placements_text(session, item.score.id, lang) + "\n", style="italic")
            if len(found) > SHOWN_SPLITS:
                rest = ", ".join(item.score.title for item in found[SHOWN_SPLITS:])
                text.append(tr("merge.prep.more", count=len(found) - SHOWN_SPLITS, items=rest))
        text.rstrip()
        widget.update(text)

    # -- actions ----------------------------------------------------------------------

    def current_id(self) -> str | None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return None
        return listing.get_option_at_index(listing.highlighted).id

    def _set_order(self, order: list[str], focus_id: str | None) -> None:
        session = self.context.session
        if order != session.priorities.order:
            self.undo_orders.append(list(session.priorities.order))
            session_ops.set_priorities(session, order)
            self.changed()
        self.rebuild(focus_id)

    def action_mark(self) -> None:
        advice_id = self.current_id()
        session = self.context.session
        if advice_id is None:
            return
        order = list(session.priorities.order)
        if advice_id in order:
            order.remove(advice_id)
        else:
            order.append(advice_id)
        self._set_order(order, advice_id)

    def action_shift(self, delta: int) -> None:
        advice_id = self.current_id()
        session = self.context.session
        if advice_id is None:
            return
        order = list(session.priorities.order)
        if advice_id not in order:
            self.notify(self.tr("ui.prio_mark_first"), timeout=3)
            return
        index = order.index(advice_id)
        new = max(0, min(len(order) - 1, index + delta))
        if new == index:
            self.app.bell()
            return
        order.insert(new, order.pop(index))
        self._set_order(order, advice_id)

    def action_adopt(self) -> None:
        if self.prep is None:
            self.notify(self.tr("ui.prio_no_prep"), timeout=4)
            return
        order = [s.id for s in self.prep.scores if s.points > 0 and s.known]
        self._set_order(order, order[0] if order else None)
        self.notify(self.tr("ui.prio_adopted"), timeout=4)

    def action_open(self) -> None:
        advice_id = self.current_id()
        number = self.context.pack.advice_number(advice_id) if advice_id else None
        if number is not None:
            self.post_message(GoToStep("advice", number - 1))

    def action_undo(self) -> None:
        """Put back the order as it was before the last change."""
        if not self.undo_orders:
            self.notify(self.tr("ui.undo_nothing"), timeout=3)
            return
        order = self.undo_orders.pop()
        session_ops.set_priorities(self.context.session, order)
        self.changed()
        self.rebuild()
        self.notify(self.tr("ui.undone"), timeout=3)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()
