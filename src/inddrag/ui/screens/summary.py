"""Step 5, the summary: the Markdown that ``inddrag export`` writes, and saving it all."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Markdown, Static

from inddrag.ui.bindings import localise_bindings
from inddrag.ui.widgets.steps import StepBar

if TYPE_CHECKING:
    from inddrag.ui.app import InddragApp


class SummaryScreen(Screen[None]):
    """A preview of the summary, with save and export."""

    CSS_PATH = "summary.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "export('md')", "keys.export_md", tooltip="keys.export_md_tip"),
        Binding("c", "export('csv')", "keys.export_csv", tooltip="keys.export_csv_tip"),
    ]
    app: InddragApp

    def __init__(self) -> None:
        super().__init__(id="summary")
        self.markdown_text = ""

    def compose(self) -> ComposeResult:
        tr = self.app.tr
        localise_bindings(self, self.app.lang)
        yield Header(icon="")
        yield StepBar("summary", self.app.lang)
        with Center(id="summary-centre"), Vertical(id="summary-card"):
            yield Static(Text(tr("ui.summary_intro")), id="summary-intro")
            yield Markdown(id="summary-preview", open_links=False)
            with Horizontal(id="summary-buttons"):
                yield Button(tr("ui.button_save_session"), id="save", variant="primary")
                yield Button(tr("ui.button_export_md"), id="md")
                yield Button(tr("ui.button_export_csv"), id="csv")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_preview()
        self.query_one("#summary-preview").focus()

    def on_screen_resume(self) -> None:
        self.refresh_preview()

    def refresh_preview(self) -> None:
        from inddrag.domain.export import to_markdown

        session = self.app.session
        if session is None:
            return
        text = to_markdown(session, self.app.pack, self.app.summary_language)
        if text != self.markdown_text:
            self.markdown_text = text
            self.query_one(Markdown).update(text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.app.save()
        elif event.button.id in ("md", "csv"):
            self.app.export(event.button.id)

    def action_export(self, fmt: str) -> None:
        self.app.export(fmt)
