"""From the start screen: "Saml grupper til plenum" — tick the groups' session files.

Each file is one group's team session; the dialog lists the team sessions in a folder with
``[✓]`` boxes (all ticked) and the files that could not be read with their one-line error.
It returns the ticked paths; the App asks for the format and the file name, and writes.
"""

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
from inddrag.domain.safe_text import visible
from inddrag.domain.session import Session
from inddrag.domain.storage import load_session
from inddrag.ui.dialogs.base import Dialog


@dataclass
class FoundGroups:
    """The team sessions in a folder, and the ``.toml`` files that could not be read."""

    groups: list[tuple[Path, Session]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def find_groups(folder: Path, lang: str) -> FoundGroups:
    """The team sessions in ``folder`` (slow: reads every file; run it off the event loop)."""
    from inddrag.ui.dialogs.files import session_files

    found = FoundGroups()
    for path in session_files(folder):
        try:
            session = load_session(path)
        except FileProblems as exc:
            found.problems.append(exc.render(lang).splitlines()[0])
            continue
        if session.kind == "team":
            found.groups.append((path, session))
    return found


class RollupDialog(Dialog[list[Path]]):
    """Tick the groups to bring together; returns their paths (at least two)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "keys.tick", show=False),
    ]

    def __init__(self, lang: str, folder: Path, found: FoundGroups) -> None:
        super().__init__(lang)
        self.folder = folder
        self.groups = found.groups
        self.problems = found.problems
        self.chosen = set(range(len(self.groups)))

    def prompt(self, index: int) -> Text:
        path, session = self.groups[index]
        tick = "[✓]" if index in self.chosen else "[ ]"
        label = session.session.team or session.session.title or path.stem
        return Text(f"{tick} {visible(label, name=True)}  ({visible(path.name, name=True)})")

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(classes="dialog wide"):
            yield Static(Text(tr("ui.rollup_title")), classes="dialog-title")
            if self.groups:
                where = visible(str(self.folder), name=True)
                yield Static(Text(tr("ui.rollup_found", count=len(self.groups), folder=where)))
                options = [Option(self.prompt(i), id=f"g{i}") for i in range(len(self.groups))]
                yield OptionList(*options, id="rollup-files")
            else:
                where = visible(str(self.folder), name=True)
                yield Static(Text(tr("ui.rollup_none", folder=where)))
            if self.problems:
                with VerticalScroll(classes="dialog-body"):
                    text = Text(tr("ui.merge_unreadable") + "\n", style="bold")
                    text.append("\n".join(self.problems))
                    yield Static(text, classes="dialog-note")
            with Horizontal(classes="dialog-buttons"):
                if self.groups:
                    yield Button(tr("ui.button_rollup"), id="rollup")
                yield Button(tr("ui.button_cancel"), id="cancel")

    def on_mount(self) -> None:
        if self.groups:
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
        if event.button.id != "rollup":
            self.dismiss(None)
            return
        if len(self.chosen) < 2:
            self.app.bell()
            self.notify(self.tr("ui.rollup_two"), timeout=4)
            return
        self.dismiss([self.groups[i][0] for i in sorted(self.chosen)])
