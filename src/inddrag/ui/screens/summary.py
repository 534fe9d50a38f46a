"""Step 5, the summary: the Markdown that ``inddrag export`` writes, and saving it all.

The preview is Rich's Markdown renderable in a scrolling container (not Textual's Markdown
widget, which cannot scroll and builds a widget per block): arrows, PgUp/PgDn, Home/End and
the mouse wheel reach its end at any size, and long headings wrap. A very long summary
(thousands of merged preparations) is previewed up to :data:`PREVIEW_LINES` lines, with a
line saying so: Rich takes milliseconds a line (tables more), and the export has it all.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Markdown, MarkdownElement, TableElement
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from inddrag.domain.safe_text import visible
from inddrag.ui.commands import COMMANDS, bindings_for
from inddrag.ui.localise import word
from inddrag.ui.screens.base import StepScreen

PREVIEW_LINES = 400
"""Lines of the summary the preview shows at most (the rest is in the export)."""


def preview(text: str, note: str) -> str:
    """``text`` up to :data:`PREVIEW_LINES` lines, cut at a blank line, then ``note``."""
    lines = text.split("\n")
    if len(lines) <= PREVIEW_LINES:
        return text
    cut = PREVIEW_LINES
    while cut > PREVIEW_LINES // 2 and lines[cut - 1].strip():
        cut -= 1
    return "\n".join(lines[:cut]) + f"\n\n---\n\n*{note}*\n"


class FoldingTable(TableElement):
    """A Markdown table whose long words fold onto the next line instead of being cut."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for part in super().__rich_console__(console, options):
            if isinstance(part, Table):
                for column in part.columns:
                    column.overflow = "fold"
            yield part


class SummaryMarkdown(Markdown):
    """Rich's Markdown, with tables that never cut a name."""

    elements: ClassVar[dict[str, type[MarkdownElement]]] = {
        **Markdown.elements,
        "table_open": FoldingTable,
    }


class SummaryScreen(StepScreen):
    """A preview of the summary, with save and export."""

    STEP = "summary"
    TAKES_TEXT = False
    CSS_PATH = "summary.tcss"
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("summary")

    markdown_text = ""

    def compose_body(self) -> ComposeResult:
        tr = self.tr
        with Center(id="summary-centre"), Vertical(id="summary-card"):
            yield Static(Text(tr("ui.summary_intro")), id="summary-intro")
            with VerticalScroll(id="summary-preview"):
                yield Static(id="summary-text")
            with Horizontal(id="summary-buttons"):
                yield Button(tr("ui.button_save_session"), id="save")
                yield Button(tr("ui.button_export"), id="export")

    def on_mount(self) -> None:
        super().on_mount()
        self.redraw()
        self.query_one("#summary-preview").focus()

    def show_session(self) -> None:
        from inddrag.domain.export import to_markdown

        context = self.context
        text = to_markdown(context.session, context.pack, context.state.language)
        if text != self.markdown_text:
            self.markdown_text = text
            total = text.count("\n") + 1
            shown = preview(visible(text, lines=True), self.tr("ui.summary_cut", total=total))
            self.query_one("#summary-text", Static).update(
                SummaryMarkdown(shown, hyperlinks=False, inline_code_lexer=None)
            )

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            await self.run_action("app.save")
        elif event.button.id == "export":
            self.action_export_menu()

    @work(exclusive=True, group="summary-dialog")
    async def action_export_menu(self) -> None:
        """Every export format of the registry, to choose one (ctrl+e)."""
        from inddrag.domain.export.formats import FORMATS
        from inddrag.ui.dialogs.menu import MenuDialog

        actions = []
        for fmt in FORMATS.values():
            command = COMMANDS[f"export_{fmt.id}"]
            actions.append((command.action, word(command.label, self.lang)))
        chosen = await self.app.push_screen_wait(
            MenuDialog(self.lang, self.tr("ui.export_menu_title"), actions)
        )
        if chosen:
            await self.run_action(chosen)
