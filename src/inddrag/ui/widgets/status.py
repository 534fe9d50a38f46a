"""The top line of every step: the session's title, the meeting clock and the save state.

The clock and the save state are drawn first and never cut; the title gets what is left
(ending in "…"). The state is honest about where the work is: saved in the file, kept in
the recovery copy (with the time), or neither yet. Meaning is carried by words and
symbols, and the states that need attention are reversed as well as coloured.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.timer import Timer
from textual.widget import Widget

from inddrag.domain.safe_text import visible
from inddrag.i18n import t
from inddrag.ui.clock import clock_text

if TYPE_CHECKING:
    from inddrag.ui.context import Context


def state_text(context: Context, *, compact: bool = False) -> Text:
    """``✓ alt er gemt`` / ``◐ sikret 19:42:13 – ikke gemt i fil`` / ``● ikke gemt``."""
    state = context.state
    lang = context.lang
    if state.read_only:
        return Text(t("ui.state_read_only", lang), style="bold reverse")
    if state.disk_changed:
        return Text(t("ui.state_disk_changed", lang), style="bold reverse")
    if state.saved and state.path is not None:
        return Text(t("ui.state_saved", lang), style="bold")
    if state.kept_at is not None:
        when = state.kept_at.astimezone().strftime("%H:%M:%S")
        key = "ui.state_kept_short" if compact else "ui.state_kept"
        return Text(t(key, lang, time=when), style="bold")
    return Text(t("ui.state_unsaved", lang), style="bold reverse")


def clock_part(context: Context, *, compact: bool = False) -> Text:
    """``⏱ møde 23:10/90 min · råd 4:12/8:00``; reversed (and said) when over time."""
    clock = context.clock
    lang = context.lang
    text = Text()
    if clock.started is None:
        return text
    key = "ui.clock_meeting_short" if compact else "ui.clock_meeting"
    meeting = t(key, lang, time=clock_text(clock.elapsed), plan=clock.plan_minutes)
    text.append(meeting, style="bold reverse" if clock.over_plan else "")
    if clock.over_plan:
        text.append(" " + t("ui.clock_over", lang), style="bold reverse")
    state = context.state
    if state.step == "advice":
        advice_id = context.pack.advice[state.advice_index].id
        spent = clock_text(clock.spent(advice_id))
        box = clock.timebox_minutes
        if box is None:
            part = t("ui.clock_advice", lang, time=spent)
        else:
            part = t("ui.clock_advice_box", lang, time=spent, box=box)
        over = clock.over_box(advice_id)
        text.append(" · ")
        text.append(part, style="bold reverse" if over else "bold" if box else "")
        if over:
            text.append(" " + t("ui.clock_over", lang), style="bold reverse")
    return text


class StatusBar(Widget):
    """Title on the left; the clock and the save state on the right, always whole."""

    DEFAULT_CSS = """
    StatusBar { height: 1; width: 1fr; background: $panel; color: $text; }
    """

    def __init__(self, context: Context | None, title: str = "inddrag") -> None:
        super().__init__()
        self.context = context
        self.fallback_title = title
        #: A short word in place of the title for a few seconds (where typing goes).
        self.hint = ""
        self._hint_timer: Timer | None = None

    def say(self, text: str, seconds: float = 4.0) -> None:
        """Show ``text`` in place of the title for ``seconds``."""
        self.hint = text
        self.refresh()
        if self._hint_timer is not None:
            self._hint_timer.stop()
        self._hint_timer = self.set_timer(seconds, self._unsay)

    def _unsay(self) -> None:
        self.hint = ""
        self.refresh()

    def title_text(self) -> str:
        context = self.context
        if context is None:
            return self.fallback_title
        session = context.session
        title = session.session.title or t("ui.untitled", context.lang)
        path = context.state.path
        where = path.name if path else t("ui.state_no_file", context.lang)
        return visible(f"{title} – {where}", name=True)

    def render(self) -> Text:
        width = self.size.width
        right = Text()
        if self.context is not None:
            compact = width < 110
            right = clock_part(self.context, compact=compact)
            if right.plain:
                right.append("  ")
            right.append_text(state_text(self.context, compact=compact))
        room = max(0, width - right.cell_len - 3)
        if self.hint:
            title = Text(" " + self.hint, style="bold reverse", no_wrap=True)
        else:
            title = Text(" " + self.title_text(), style="bold", no_wrap=True)
        if title.cell_len > room:
            title.truncate(room, overflow="ellipsis")
        line = Text(no_wrap=True)
        line.append_text(title)
        line.append(" " * max(1, width - title.cell_len - right.cell_len - 1))
        line.append_text(right)
        line.append(" ")
        return line
