"""Step 1, the start: what this is, and a new session, a saved one or recovered work."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from inddrag.domain.errors import FileProblems
from inddrag.ui.bindings import localise_bindings

if TYPE_CHECKING:
    from inddrag.domain.recovery import RecoveryInfo
    from inddrag.domain.session import Kind
    from inddrag.ui.app import InddragApp


class StartScreen(Screen[None]):
    """The first screen a newcomer sees."""

    CSS_PATH = "start.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "choose('team')", "keys.new_team", show=False),
        Binding("f", "choose('prep')", "keys.new_prep", show=False),
        Binding("o", "choose('open')", "keys.open", show=False),
    ]
    app: InddragApp

    def __init__(self, start_kind: str | None = None) -> None:
        super().__init__()
        self.start_kind = start_kind
        self.recoveries: list[RecoveryInfo] = []

    def compose(self) -> ComposeResult:
        app = self.app
        localise_bindings(self, app.lang)
        yield Header(icon="")
        with VerticalScroll(id="start-body"), Vertical(id="start-card"):
            yield Static(Text(app.cover.title), id="start-title")
            yield Static(Text(app.tr("ui.start_intro")), id="start-intro")
            yield OptionList(id="start-choices")
            yield Static(Text(app.cover.source), id="start-source")
        yield Footer()

    def on_mount(self) -> None:
        self.fill_choices()
        self.query_one("#start-choices", OptionList).focus()
        # Looking for unsaved work reads files and needs the session models: after the
        # first frame, so the title is on screen at once.
        self.set_timer(0.06, self.find_recoveries)

    def find_recoveries(self) -> None:
        from inddrag.domain import recovery

        scan = recovery.scan_recoveries(self.app.state_dir)
        self.recoveries = scan.found
        for aside in scan.set_aside:
            self.notify(aside.render(self.app.lang), severity="warning", timeout=10, markup=False)
        if self.recoveries:
            self.fill_choices()
        if self.start_kind in ("team", "prep"):
            self.call_after_refresh(self.action_choose, self.start_kind)

    def fill_choices(self) -> None:
        app = self.app
        choices = self.query_one("#start-choices", OptionList)
        choices.clear_options()
        options: list[Option] = []
        for index, found in enumerate(self.recoveries[:3]):
            options.append(
                Option(
                    Text(
                        "⟲ "
                        + app.tr(
                            "ui.start_recover",
                            time=found.when_text(app.lang),
                            title=found.title or app.tr("ui.untitled"),
                        )
                    ),
                    id=f"recover-{index}",
                )
            )
        options += [
            Option(Text(app.tr("ui.start_new_team")), id="team"),
            Option(Text(app.tr("ui.start_new_prep")), id="prep"),
            Option(Text(app.tr("ui.start_open")), id="open"),
        ]
        choices.add_options(options)
        choices.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.action_choose(event.option.id)

    def action_choose(self, choice: str) -> None:
        if choice in ("team", "prep"):
            self.new_session(choice)  # type: ignore[arg-type]
        elif choice == "open":
            self.open_file()
        elif choice.startswith("recover-"):
            self.recover(self.recoveries[int(choice.split("-")[1])])

    def new_session(self, kind: Kind) -> None:
        from inddrag.ui.dialogs.new_session import NewSessionDialog, SessionFacts

        def started(facts: SessionFacts | None) -> None:
            if facts is None:
                return
            from inddrag.domain.session import new_session

            session = new_session(self.app.pack, kind)
            facts.apply(session)
            self.app.dirty = True
            self.app.begin(session, None)
            self.app.mark_changed()

        self.app.push_screen(NewSessionDialog(kind), started)

    def open_file(self) -> None:
        from inddrag.ui.dialogs.files import OpenDialog

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.open_path(path)

        self.app.push_screen(OpenDialog(self.app.cwd, self.app.state_dir), chosen)

    def open_path(self, path: Path) -> None:
        from inddrag.ui.dialogs.message import MessageDialog

        try:
            from inddrag.domain.storage import load_session

            session = load_session(path)
        except FileProblems as exc:
            self.app.push_screen(
                MessageDialog(self.app.tr("ui.open_failed_title"), exc.render(self.app.lang))
            )
            return
        self.app.open_session(session, path)

    def recover(self, found: RecoveryInfo) -> None:
        from inddrag.domain import recovery
        from inddrag.ui.dialogs.message import MessageDialog

        try:
            session = recovery.load_recovery(found)
        except FileProblems as exc:
            self.app.push_screen(
                MessageDialog(self.app.tr("ui.recover_failed_title"), exc.render(self.app.lang))
            )
            self.recoveries = recovery.find_recoveries(self.app.state_dir)
            self.fill_choices()
            return
        self.app.adopt_recovery(found)
        self.app.dirty = True
        self.app.begin(session, found.source)
        self.app.mark_changed()
