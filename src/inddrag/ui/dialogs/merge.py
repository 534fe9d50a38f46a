"""Inside the app: "Hent forberedelse" — pick prep files to merge into the team session."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from inddrag.domain.errors import FileProblems
from inddrag.domain.safe_text import visible, visible_path
from inddrag.domain.session import Session
from inddrag.domain.storage import load_session
from inddrag.ui.dialogs.base import Dialog
from inddrag.ui.widgets.ticks import TickBox


@dataclass
class MergeChoice:
    """The files picked and whether names are left out."""

    preps: list[tuple[Path, Session]]
    anonymous: bool


@dataclass
class FoundPreps:
    """The prep files in a folder, and the ``.toml`` files that could not be read."""

    preps: list[tuple[Path, Session]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def find_preps(folder: Path, lang: str, skip: Path | None = None) -> FoundPreps:
    """The prep files in ``folder`` (slow: reads every file; run it off the event loop)."""
    from inddrag.ui.dialogs.files import session_files

    found = FoundPreps()
    for path in session_files(folder):
        if skip is not None and path.resolve() == skip.resolve():
            continue
        try:
            session = load_session(path)
        except FileProblems as exc:
            found.problems.append(exc.render(lang).splitlines()[0])
            continue
        if session.kind == "prep":
            found.preps.append((path, session))
    return found


class MergeDialog(Dialog[MergeChoice]):
    """Lists the prep files beside the session; the leader ticks the ones to bring in."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "keys.tick", show=False),
    ]

    def __init__(self, lang: str, folder: Path, found: FoundPreps) -> None:
        super().__init__(lang)
        self.folder = folder
        self.preps = found.preps
        self.problems = found.problems
        self.chosen = set(range(len(self.preps)))

    def prompt(self, index: int) -> Text:
        path, prep = self.preps[index]
        who = prep.session.facilitator or self.tr("ui.anonymous")
        tick = "[✓]" if index in self.chosen else "[ ]"
        return Text(visible(f"{tick} {who}  ({path.name})", name=True))

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(classes="dialog wide"):
            yield Static(Text(tr("ui.merge_title")), classes="dialog-title")
            if self.preps:
                found = tr(
                    "ui.merge_found", count=len(self.preps), folder=visible_path(self.folder)
                )
                yield Static(Text(found))
                options = [Option(self.prompt(i), id=f"p{i}") for i in range(len(self.preps))]
                yield OptionList(*options, id="merge-files")
                yield TickBox(tr("ui.merge_anonymous"), id="merge-anonymous")
            else:
                yield Static(Text(tr("ui.merge_none", folder=visible_path(self.folder))))
            if self.problems:
                with VerticalScroll(classes="dialog-body"):
                    text = Text(tr("ui.merge_unreadable") + "\n", style="bold")
                    text.append(visible("\n".join(self.problems), lines=True))
                    yield Static(text, classes="dialog-note")
            with Horizontal(classes="dialog-buttons"):
                if self.preps:
                    yield Button(tr("ui.button_merge"), id="merge")
                yield Button(tr("ui.button_cancel"), id="cancel")

    def on_mount(self) -> None:
        if self.preps:
            self.query_one(OptionList).focus()
        else:
            self.query_one("#cancel", Button).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_tick()

    def action_tick(self) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None or not listing.has_focus:
            return
        index = listing.highlighted
        self.chosen ^= {index}
        listing.replace_option_prompt_at_index(index, self.prompt(index))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id != "merge":
            self.dismiss(None)
            return
        if not self.chosen:
            self.app.bell()
            return
        anonymous = self.query_one("#merge-anonymous", TickBox).value
        self.dismiss(MergeChoice([self.preps[i] for i in sorted(self.chosen)], anonymous))
