"""Choosing files: where to save or export, and which saved session to open."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from inddrag.domain.export.formats import FORMATS
from inddrag.domain.paths import path_key
from inddrag.domain.safe_text import visible_path
from inddrag.ui.dialogs.base import Dialog
from inddrag.ui.dialogs.confirm import ChoiceDialog

SUFFIXES = {"session": ".toml", **{fmt.id: fmt.suffix for fmt in FORMATS.values()}}
"""The file ending of each kind of file a user saves: a session, or an export format."""


def resolve(text: str, base: Path, suffix: str) -> Path | None:
    """The file a user typed, relative to ``base``, with ``suffix`` added when missing.

    None when what was typed names no file (empty, ``/``, ``..``, a folder's path).
    """
    text = text.strip()
    if not text or text.endswith(("/", "\\")):
        return None
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = base / path
    if not path.name or path.name in {".", ".."}:
        return None
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    return path


class SaveAsDialog(Dialog[Path]):
    """Proposes a file name in the current folder; says exactly where it will write."""

    def __init__(
        self, lang: str, proposed: Path, kind: str = "session", *, refused: Path | None = None
    ) -> None:
        super().__init__(lang)
        self.proposed = proposed
        self.kind = kind
        self.suffix = SUFFIXES[kind]
        #: A file this dialog never chooses (the file another window has open).
        self.refused = refused

    def is_refused(self, target: Path) -> bool:
        """Whether ``target`` is the file this dialog must not choose."""
        if self.refused is None:
            return False
        try:
            return target.resolve() == self.refused.resolve()
        except OSError:
            return target == self.refused

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Text(self.tr(f"ui.saveas_title_{self.kind}")), classes="dialog-title")
            yield Label(self.tr("ui.saveas_name"))
            # The proposed name is selected: a name typed at once replaces it (End or an
            # arrow keeps it), as in every save dialog; ctrl+u still clears it.
            yield Input(self.proposed.name, id="name")
            yield Static("", id="where", classes="dialog-note")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.tr("ui.button_save"), id="save")
                yield Button(self.tr("ui.button_cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()
        self.update_where()

    @property
    def target(self) -> Path | None:
        """The file the name typed so far points at (None: not a file name yet)."""
        return resolve(self.query_one("#name", Input).value, self.proposed.parent, self.suffix)

    def update_where(self) -> None:
        target = self.target
        if target is None:
            text = self.tr("ui.saveas_need_name")
        elif target.is_dir():
            text = self.tr("ui.saveas_is_folder", path=str(target))
        elif self.is_refused(target):
            text = self.tr("ui.saveas_refused", name=target.name)
        else:
            text = self.tr("ui.saveas_where", path=str(target))
        self.query_one("#where", Static).update(Text(text))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.update_where()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.choose()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.choose()
        else:
            self.dismiss(None)

    @work(exclusive=True)
    async def choose(self) -> None:
        target = self.target
        if target is None or target.is_dir() or self.is_refused(target):
            self.app.bell()
            return
        if target.exists():
            answer = await self.app.push_screen_wait(
                ChoiceDialog(
                    self.lang,
                    self.tr("ui.replace_title"),
                    self.tr("ui.replace_text", path=str(target)),
                    [
                        ("replace", self.tr("ui.button_replace")),
                        ("cancel", self.tr("ui.button_cancel")),
                    ],
                    "cancel",
                )
            )
            if answer != "replace":
                return
        self.dismiss(target)


def session_files(folder: Path) -> list[Path]:
    """The ``.toml`` files in ``folder``, newest first."""
    try:
        found = [p for p in folder.iterdir() if p.suffix.lower() == ".toml" and p.is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)[:50]


class OpenDialog(Dialog[Path]):
    """The session files here and the recent ones, or a path typed by hand."""

    def __init__(self, lang: str, folder: Path, recent: list[Path]) -> None:
        super().__init__(lang)
        self.folder = folder
        self.recent = recent
        self.paths: list[Path] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Text(self.tr("ui.open_title")), classes="dialog-title")
            yield OptionList(id="files")
            yield Label(self.tr("ui.open_path"))
            yield Input(placeholder=str(self.folder / "møde.toml"), id="path")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.tr("ui.button_open"), id="open")
                yield Button(self.tr("ui.button_cancel"), id="cancel")

    def on_mount(self) -> None:
        here = session_files(self.folder)
        known = {path_key(h) for h in here}  # macOS: NFC, as listed or as remembered
        recent = [p for p in self.recent if path_key(p) not in known]
        options: list[Option] = []
        self.paths = []
        if here:
            heading = self.tr("ui.open_here", folder=visible_path(self.folder))
            options.append(Option(Text(heading), disabled=True))
            for path in here:
                options.append(
                    Option(Text(f"  {visible_path(path.name)}"), id=f"f{len(self.paths)}")
                )
                self.paths.append(path)
        if recent:
            options.append(Option(Text(self.tr("ui.open_recent")), disabled=True))
            for path in recent:
                options.append(Option(Text(f"  {visible_path(path)}"), id=f"f{len(self.paths)}"))
                self.paths.append(path)
        files = self.query_one("#files", OptionList)
        if not self.paths:
            none = self.tr("ui.open_none", folder=visible_path(self.folder))
            files.add_option(Option(Text(none), disabled=True))
            self.query_one("#path", Input).focus()
        else:
            files.add_options(options)
            files.focus()
            files.action_first()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id.startswith("f"):
            self.dismiss(self.paths[int(event.option.id[1:])])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.open_typed()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.dismiss(None)
        elif self.query_one("#path", Input).value.strip():
            self.open_typed()
        else:
            files = self.query_one("#files", OptionList)
            if files.highlighted is not None:
                files.action_select()

    def open_typed(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            return
        path = Path(text).expanduser()
        self.dismiss(path if path.is_absolute() else self.folder / path)
