"""Inside the app: "Hent forberedelse" — pick prep files and merge them into the team session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from inddrag.domain.errors import FileProblems
from inddrag.domain.session import Session, now
from inddrag.domain.storage import load_session
from inddrag.ui.widgets.ticks import TickBox

if TYPE_CHECKING:
    from inddrag.ui.app import InddragApp


@dataclass
class MergeChoice:
    """The files picked and whether names are left out."""

    preps: list[tuple[Path, Session]]
    anonymous: bool


def find_preps(folder: Path) -> list[tuple[Path, Session]]:
    """The valid prep files in ``folder`` (files that are not valid preps are left out)."""
    from inddrag.ui.dialogs.files import session_files

    found = []
    for path in session_files(folder):
        try:
            session = load_session(path)
        except FileProblems:
            continue
        if session.kind == "prep":
            found.append((path, session))
    return found


class MergeDialog(ModalScreen[MergeChoice | None]):
    """Lists the prep files beside the session; the leader ticks the ones to bring in."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", show=False),
        Binding("space", "tick", show=False),
    ]
    app: InddragApp

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.preps = find_preps(folder)
        self.chosen = set(range(len(self.preps)))

    def prompt(self, index: int) -> Text:
        path, prep = self.preps[index]
        who = prep.session.facilitator or self.app.tr("ui.anonymous")
        tick = "[✓]" if index in self.chosen else "[ ]"
        return Text(f"{tick} {who}  ({path.name})")

    def compose(self) -> ComposeResult:
        tr = self.app.tr
        with Vertical(classes="dialog wide"):
            yield Static(Text(tr("ui.merge_title")), classes="dialog-title")
            if self.preps:
                yield Static(
                    Text(tr("ui.merge_found", count=len(self.preps), folder=str(self.folder)))
                )
                options = [Option(self.prompt(i), id=f"p{i}") for i in range(len(self.preps))]
                yield OptionList(*options, id="merge-files")
                yield TickBox(tr("ui.merge_anonymous"), id="merge-anonymous")
            else:
                yield Static(Text(tr("ui.merge_none", folder=str(self.folder))))
            with Horizontal(classes="dialog-buttons"):
                if self.preps:
                    yield Button(tr("ui.button_merge"), variant="primary", id="merge")
                yield Button(tr("ui.button_cancel"), id="cancel")

    def on_mount(self) -> None:
        if self.preps:
            self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_tick()

    def action_tick(self) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None or not listing.has_focus:
            return
        index = listing.highlighted
        self.chosen ^= {index}
        listing.replace_option_prompt_at_index(index, self.prompt(index))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id != "merge":
            self.dismiss(None)
            return
        if not self.chosen:
            self.app.bell()
            return
        anonymous = self.query_one("#merge-anonymous", TickBox).value
        self.dismiss(MergeChoice([self.preps[i] for i in sorted(self.chosen)], anonymous))

    def action_cancel(self) -> None:
        self.dismiss(None)


def run_merge_dialog(app: InddragApp) -> None:
    """Open the dialog and merge what was chosen into the open session."""
    app.run_worker(_merge(app), exclusive=True, group="merge")


async def _merge(app: InddragApp) -> None:
    from inddrag.domain.merge import merge_preps
    from inddrag.ui.dialogs.message import MessageDialog

    session = app.session
    if session is None or session.kind != "team":
        app.notify(app.tr("ui.merge_team_only"), timeout=4)
        return
    folder = app.path.parent if app.path else app.cwd
    choice = await app.push_screen_wait(MergeDialog(folder))
    if choice is None:
        return
    app.flush_edits()
    try:
        result = merge_preps(
            session,
            choice.preps,
            anonymous=choice.anonymous,
            when=now(),
            pack=app.pack,
            team_path=app.path,
        )
    except FileProblems as exc:
        await app.push_screen_wait(MessageDialog(app.tr("ui.error_title"), exc.render(app.lang)))
        return
    app.session = result.session
    app.mark_changed()
    lines = [
        app.tr(
            "ui.merge_line_replaced" if o.replaced else "ui.merge_line_added",
            who=o.participant or app.tr("ui.anonymous"),
            notes=o.notes,
        )
        for o in result.outcomes
        if not o.skipped
    ]
    lines += [w.render(app.lang) for w in result.warnings]
    resume = getattr(app.screen, "on_screen_resume", None)
    if callable(resume):
        resume()
    await app.push_screen_wait(MessageDialog(app.tr("ui.merge_done_title"), "\n".join(lines)))
