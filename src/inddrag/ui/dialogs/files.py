"""Choosing files: where to save or export, and which saved session to open."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from inddrag.ui.dialogs.confirm import ChoiceDialog
from inddrag.ui.positions import recent as recent_paths

if TYPE_CHECKING:
    from inddrag.ui.app import InddragApp

SUFFIXES = {"session": ".toml", "md": ".md", "csv": ".csv"}


def resolve(text: str, base: Path, suffix: str) -> Path:
    """The path a user typed, relative to ``base``, with ``suffix`` added when missing."""
    path = Path(text.strip()).expanduser()
    if not path.is_absolute():
        path = base / path
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    return path


class SaveAsDialog(ModalScreen[Path | None]):
    """Proposes a file name in the current folder; says exactly where it will write."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]
    app: InddragApp

    def __init__(self, proposed: Path, kind: str = "session") -> None:
        super().__init__()
        self.proposed = proposed
        self.kind = kind
        self.suffix = SUFFIXES[kind]

    def compose(self) -> ComposeResult:
        tr = self.app.tr
        with Vertical(classes="dialog wide"):
            yield Static(Text(tr(f"ui.saveas_title_{self.kind}")), classes="dialog-title")
            yield Label(tr("ui.saveas_name"))
            yield Input(self.proposed.name, id="name", select_on_focus=False)
            yield Static("", id="where", classes="dialog-note")
            with Horizontal(classes="dialog-buttons"):
                yield Button(tr("ui.button_save"), variant="primary", id="save")
                yield Button(tr("ui.button_cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()
        self.update_where()

    @property
    def target(self) -> Path:
        return resolve(self.query_one("#name", Input).value, self.proposed.parent, self.suffix)

    def update_where(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        text = self.app.tr("ui.saveas_where", path=str(self.target)) if name else ""
        self.query_one("#where", Static).update(Text(text))

    def on_input_changed(self, _event: Input.Changed) -> None:
        self.update_where()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.choose()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.choose()
        else:
            self.dismiss(None)

    @work(exclusive=True)
    async def choose(self) -> None:
        if not self.query_one("#name", Input).value.strip():
            self.app.bell()
            return
        target = self.target
        if target.is_dir():
            self.app.bell()
            return
        if target.exists():
            tr = self.app.tr
            answer = await self.app.push_screen_wait(
                ChoiceDialog(
                    tr("ui.replace_title"),
                    tr("ui.replace_text", path=str(target)),
                    [("replace", tr("ui.button_replace")), ("cancel", tr("ui.button_cancel"))],
                    "cancel",
                )
            )
            if answer != "replace":
                return
        self.dismiss(target)

    def action_cancel(self) -> None:
        self.dismiss(None)


def session_files(folder: Path) -> list[Path]:
    """The ``.toml`` files in ``folder``, newest first."""
    try:
        found = [p for p in folder.iterdir() if p.suffix.lower() == ".toml" and p.is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)[:50]


class OpenDialog(ModalScreen[Path | None]):
    """The session files here and the recent ones, or a path typed by hand."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]
    app: InddragApp

    def __init__(self, folder: Path, state_dir: Path | None) -> None:
        super().__init__()
        self.folder = folder
        self.state_dir = state_dir
        self.paths: list[Path] = []

    def compose(self) -> ComposeResult:
        tr = self.app.tr
        with Vertical(classes="dialog wide"):
            yield Static(Text(tr("ui.open_title")), classes="dialog-title")
            yield OptionList(id="files")
            yield Label(tr("ui.open_path"))
            yield Input(placeholder=str(self.folder / "møde.toml"), id="path")
            with Horizontal(classes="dialog-buttons"):
                yield Button(tr("ui.button_open"), variant="primary", id="open")
                yield Button(tr("ui.button_cancel"), id="cancel")

    def on_mount(self) -> None:
        tr = self.app.tr
        here = session_files(self.folder)
        recent = [
            p
            for p in recent_paths(self.state_dir)
            if p.resolve() not in {h.resolve() for h in here}
        ]
        options: list[Option | None] = []
        self.paths = []
        if here:
            options.append(Option(Text(tr("ui.open_here", folder=str(self.folder))), disabled=True))
            for path in here:
                options.append(Option(Text(f"  {path.name}"), id=f"f{len(self.paths)}"))
                self.paths.append(path)
        if recent:
            options.append(Option(Text(tr("ui.open_recent")), disabled=True))
            for path in recent:
                options.append(Option(Text(f"  {path}"), id=f"f{len(self.paths)}"))
                self.paths.append(path)
        files = self.query_one("#files", OptionList)
        if not self.paths:
            files.add_option(
                Option(Text(tr("ui.open_none", folder=str(self.folder))), disabled=True)
            )
            self.query_one("#path", Input).focus()
        else:
            files.add_options([o for o in options if o is not None])
            files.focus()
            files.action_first()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id.startswith("f"):
            self.dismiss(self.paths[int(event.option.id[1:])])

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.open_typed()

    def on_button_pressed(self, event: Button.Pressed) -> None:
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

    def action_cancel(self) -> None:
        self.dismiss(None)
