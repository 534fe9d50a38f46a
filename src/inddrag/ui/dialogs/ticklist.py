"""Picking session files in a folder with ``[✓]`` boxes: the base of "Hent forberedelse"
and "Saml grupper til plenum".

:func:`find_sessions` reads a folder (slow: run it off the event loop) and keeps the
sessions of one kind, and a one-line error for every ``.toml`` file it could not read.
:class:`TickListDialog` lists them all ticked; Space or Enter ticks and unticks, the files
that could not be read stand below with their error. Subclasses say the words, what one
line reads, and what the confirming button returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from inddrag.domain.errors import FileProblems
from inddrag.domain.paths import same_file
from inddrag.domain.safe_text import visible, visible_path
from inddrag.domain.session import Session
from inddrag.domain.storage import load_session, many_files
from inddrag.ui.commands import bindings_for
from inddrag.ui.dialogs.base import Dialog

T = TypeVar("T")


@dataclass
class FoundSessions:
    """The sessions of one kind in a folder, and the ``.toml`` files that could not be read."""

    sessions: list[tuple[Path, Session]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def find_sessions(folder: Path, lang: str, kind: str, skip: Path | None = None) -> FoundSessions:
    """The sessions of ``kind`` in ``folder`` (all but ``skip``), newest first."""
    from inddrag.ui.dialogs.files import session_files

    found = FoundSessions()
    with many_files():
        for path in session_files(folder):
            if skip is not None and same_file(path, skip):
                continue
            try:
                session = load_session(path)
            except FileProblems as exc:
                found.problems.append(exc.render(lang).splitlines()[0])
                continue
            if session.kind == kind:
                found.sessions.append((path, session))
    return found


class TickListDialog(Dialog[T]):
    """The files of a folder to tick; ``KEYS`` names the strings (title, found, none,
    button), :meth:`label` says what a line reads, :meth:`answer` what the button returns."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("ticklist")
    KEYS: ClassVar[dict[str, str]] = {}
    #: The confirming button's id.
    CONFIRM: ClassVar[str] = "ok"

    def __init__(self, lang: str, folder: Path, found: FoundSessions) -> None:
        super().__init__(lang)
        self.folder = folder
        self.sessions = found.sessions
        self.problems = found.problems
        self.chosen = set(range(len(self.sessions)))

    def label(self, path: Path, session: Session) -> str:
        """What one file's line says after its box."""
        return path.name

    def prompt(self, index: int) -> Text:
        tick = "[✓]" if index in self.chosen else "[ ]"
        return Text(visible(f"{tick} {self.label(*self.sessions[index])}", name=True))

    def compose_extra(self) -> ComposeResult:
        """Widgets under the list (none unless a subclass has some)."""
        yield from ()

    def compose(self) -> ComposeResult:
        keys = self.KEYS
        folder = visible_path(self.folder)
        with Vertical(classes="dialog wide"):
            yield Static(Text(self.tr(keys["title"])), classes="dialog-title")
            if self.sessions:
                yield Static(Text(self.tr(keys["found"], count=len(self.sessions), folder=folder)))
                count = len(self.sessions)
                yield OptionList(*[Option(self.prompt(i), id=f"f{i}") for i in range(count)])
                yield from self.compose_extra()
            else:
                yield Static(Text(self.tr(keys["none"], folder=folder)))
            if self.problems:
                with VerticalScroll(classes="dialog-body"):
                    text = Text(self.tr("ui.merge_unreadable") + "\n", style="bold")
                    text.append(visible("\n".join(self.problems), lines=True))
                    yield Static(text, classes="dialog-note")
            with Horizontal(classes="dialog-buttons"):
                if self.sessions:
                    yield Button(self.tr(keys["button"]), id=self.CONFIRM)
                yield Button(self.tr("ui.button_cancel"), id="cancel")

    def on_mount(self) -> None:
        if self.sessions:
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

    def ticked(self) -> list[tuple[Path, Session]]:
        """The ticked files, in the list's order."""
        return [self.sessions[i] for i in sorted(self.chosen)]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id != self.CONFIRM:
            self.dismiss(None)
            return
        result = self.answer()
        if result is None:
            self.app.bell()
            return
        self.dismiss(result)

    def answer(self) -> T | None:
        """What the confirming button returns (None: not enough ticked, ring the bell)."""
        raise NotImplementedError
