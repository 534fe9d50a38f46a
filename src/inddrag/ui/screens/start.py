"""Step 1, the start: what this is, and a new session, a saved one or recovered work.

The screen only asks; the App opens what was chosen (:mod:`inddrag.ui.messages`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from inddrag.domain.safe_text import visible
from inddrag.i18n import t
from inddrag.ui.commands import bindings_for
from inddrag.ui.localise import LocalisedBindings
from inddrag.ui.messages import OpenFile, Recover, RollUp, StartNew
from inddrag.ui.widgets.footer import Footer
from inddrag.ui.widgets.status import StatusBar

if TYPE_CHECKING:
    from inddrag.domain.recovery import RecoveryInfo
    from inddrag.domain.session import Kind


class StartScreen(LocalisedBindings, Screen[None]):
    """The first screen a newcomer sees."""

    # Its rules (start.tcss) are in the App's CSS_PATH: parsed once, before the first frame.
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("start")

    def __init__(
        self,
        lang: str,
        title: str,
        source: str,
        *,
        start_kind: str | None = None,
        state_dir: Path | None = None,
        cwd: Path,
    ) -> None:
        super().__init__(id="start")
        self.lang = lang
        self.cover_title = title
        self.cover_source = source
        self.start_kind = start_kind
        self.state_dir = state_dir
        self.cwd = cwd
        self.recoveries: list[RecoveryInfo] = []

    def tr(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def compose(self) -> ComposeResult:
        yield StatusBar(None)
        with VerticalScroll(id="start-body"), Vertical(id="start-card"):
            yield Static(Text(self.cover_title), id="start-title")
            yield Static(Text(self.tr("ui.start_intro")), id="start-intro")
            yield OptionList(id="start-choices")
            yield Static(Text(self.cover_source), id="start-source")
        yield Footer()

    def on_mount(self) -> None:
        self.fill_choices()
        self.query_one("#start-choices", OptionList).focus()
        # Looking for unsaved work reads files and needs the session models (a quarter of
        # a second to import): the App calls find_recoveries once the first frame is on
        # the terminal, so the title is there at once.

    def find_recoveries(self) -> None:
        """Offer any unsaved work found in the state folder; then start what was asked."""
        from inddrag.domain import recovery

        scan = recovery.scan_recoveries(self.state_dir)
        self.recoveries = scan.found
        for aside in scan.set_aside:
            self.notify(aside.render(self.lang), severity="warning", timeout=10, markup=False)
        if self.recoveries:
            self.fill_choices()
        if self.start_kind in ("team", "prep"):
            self.call_after_refresh(self.action_choose, self.start_kind)

    def fill_choices(self) -> None:
        choices = self.query_one("#start-choices", OptionList)
        choices.clear_options()
        options: list[Option] = []
        for index, found in enumerate(self.recoveries[:3]):
            label = self.tr(
                "ui.start_recover",
                time=found.when_text(self.lang),
                title=visible(found.title, name=True) or self.tr("ui.untitled"),
            )
            options.append(Option(Text("⟲ " + label), id=f"recover-{index}"))
        options += [
            Option(Text(self.tr("ui.start_new_team")), id="team"),
            Option(Text(self.tr("ui.start_new_prep")), id="prep"),
            Option(Text(self.tr("ui.start_open")), id="open"),
            Option(Text(self.tr("ui.start_rollup")), id="rollup"),
        ]
        choices.add_options(options)
        choices.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.action_choose(event.option.id)

    def action_choose(self, choice: str) -> None:
        if choice == "team" or choice == "prep":
            self.new_session(choice)
        elif choice == "open":
            self.open_file()
        elif choice == "rollup":
            self.post_message(RollUp())
        elif choice.startswith("recover-"):
            self.post_message(Recover(self.recoveries[int(choice.split("-")[1])]))

    @work(exclusive=True, group="start-dialog")
    async def new_session(self, kind: Kind) -> None:
        from inddrag.ui.dialogs.new_session import NewSessionDialog

        facts = await self.app.push_screen_wait(NewSessionDialog(self.lang, kind))
        if facts is not None:
            self.post_message(StartNew(kind, facts))

    @work(exclusive=True, group="start-dialog")
    async def open_file(self) -> None:
        from inddrag.ui.dialogs.files import OpenDialog
        from inddrag.ui.positions import recent

        path = await self.app.push_screen_wait(
            OpenDialog(self.lang, self.cwd, recent(self.state_dir))
        )
        if path is not None:
            self.post_message(OpenFile(path))

    def refresh_recoveries(self) -> None:
        """Look for recovery copies again (one could not be used)."""
        self.find_recoveries()
