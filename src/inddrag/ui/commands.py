"""Every command of the app, defined once: its id, keys, action and words.

A :class:`Command` gives the key binding (``bindings(...)`` in a class's ``BINDINGS``), the
footer label and tooltip, the entry in the palette (ctrl+p), the roles "Mere" menu and the
help screen. Labels are string keys (``keys.*``, ``cmd.*``); :mod:`inddrag.ui.localise`
turns them into words where Textual shows bindings. Actions are written with their
namespace (``app.save``, ``screen.vote(1)``) so the same string works as a binding on a
screen and from the palette.

On the advice step every printable key belongs to the notes: the commands there use keys
that cannot be typed as text (ctrl, alt, F-keys, PgUp/PgDn). The notes carry these
out themselves, in the order the keys arrive (``NotesArea`` in ``screens/advice.py``), so
a fast typist's letters land in the advice they were typed for; ``NOTES_KEYS`` adds the
keys the editor would otherwise keep (PgUp, PgDn, F7).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType

from inddrag.ui.steps import STEPS


@dataclass(frozen=True)
class Command:
    """One command: what it does, the keys that do it and the words that name it."""

    id: str
    keys: str
    action: str
    #: String key of the short label (footer, help, menus).
    label: str
    #: String key of the longer description (tooltip, palette help).
    tooltip: str = ""
    #: String key of the palette title, when the palette offers it.
    palette: str = ""
    show: bool = True
    priority: bool = False
    key_display: str | None = None

    def binding(self) -> Binding:
        """The Textual binding for this command."""
        first = self.keys.split(",")[0]
        display = self.key_display or (first.upper() if first[1:].isdigit() else None)
        return Binding(
            self.keys,
            self.action,
            self.label,
            show=self.show,
            key_display=display,
            priority=self.priority,
            tooltip=self.tooltip,
            id=self.id,
        )


def _step_commands() -> list[Command]:
    return [
        Command(
            f"step_{step.id}",
            step.key,
            f"app.step('{step.id}')",
            f"keys.step_{step.id}",
            tooltip=step.help_key,
            palette=f"cmd.step_{step.id}",
            show=False,
        )
        for step in STEPS
    ]


_ALL: list[Command] = [
    # -- everywhere --------------------------------------------------------------------
    Command("help", "f1", "app.help", "keys.help", "keys.help_tip", "cmd.help", key_display="F1"),
    Command("save", "ctrl+s", "app.save", "keys.save", "keys.save_tip", "cmd.save"),
    Command(
        "save_as",
        "f12",
        "app.save_as",
        "keys.save_as",
        "keys.save_as_tip",
        "cmd.save_as",
        show=False,
    ),
    Command(
        "palette",
        "ctrl+p",
        "app.command_palette",
        "keys.palette",
        "keys.palette_tip",
        show=False,
        priority=True,
    ),
    Command("quit", "ctrl+q", "app.quit", "keys.quit", "keys.quit_tip", "cmd.quit", priority=True),
    *_step_commands(),
    Command(
        "export_md",
        "",
        "app.export('md')",
        "keys.export_md",
        "keys.export_md_tip",
        "cmd.export_md",
        show=False,
    ),
    Command(
        "export_csv",
        "",
        "app.export('csv')",
        "keys.export_csv",
        "keys.export_csv_tip",
        "cmd.export_csv",
        show=False,
    ),
    Command(
        "export_xlsx",
        "",
        "app.export('xlsx')",
        "keys.export_xlsx",
        "keys.export_xlsx_tip",
        "cmd.export_xlsx",
        show=False,
    ),
    Command(
        "export_html",
        "",
        "app.export('html')",
        "keys.export_html",
        "keys.export_html_tip",
        "cmd.export_html",
        show=False,
    ),
    Command("merge", "", "app.merge", "keys.merge", "cmd.merge_help", "cmd.merge", show=False),
    Command(
        "theme", "", "app.change_theme", "keys.theme", "cmd.theme_help", "cmd.theme", show=False
    ),
    # -- the room's view (every step) ----------------------------------------------------
    Command(
        "present",
        "f6",
        "screen.present",
        "keys.present",
        "keys.present_tip",
        "cmd.present",
        show=False,
        priority=True,
        key_display="F6",
    ),
    Command(
        "hide_notes",
        "ctrl+o",
        "screen.toggle_notes",
        "keys.hide_notes",
        "keys.hide_notes_tip",
        "cmd.hide_notes",
        show=False,
        priority=True,
    ),
    # -- the advice step ---------------------------------------------------------------
    Command(
        "next_advice",
        "ctrl+n",
        "screen.move(1)",
        "keys.next_advice",
        "keys.next_advice_tip",
        key_display="^n",
    ),
    Command(
        "prev_advice",
        "ctrl+b",
        "screen.move(-1)",
        "keys.prev_advice",
        "keys.prev_advice_tip",
        show=False,
    ),
    Command(
        "vote_up",
        "f8,alt+up",
        "screen.vote(1)",
        "keys.vote_up",
        "keys.vote_up_tip",
        "cmd.vote_up",
        key_display="F8",
    ),
    Command(
        "vote_down",
        "alt+down",
        "screen.vote(-1)",
        "keys.vote_down",
        "keys.vote_down_tip",
        "cmd.vote_down",
        show=False,
        key_display="F7",
    ),
    Command("jump", "ctrl+g", "screen.jump", "keys.jump", "keys.jump_tip", "cmd.jump", show=False),
    Command(
        "timebox",
        "ctrl+t",
        "app.timebox",
        "keys.timebox",
        "keys.timebox_tip",
        "cmd.timebox_toggle",
        show=False,
    ),
    Command(
        "scroll_advice_up",
        "ctrl+up,alt+pageup",
        "screen.scroll_card(-1)",
        "keys.scroll_up",
        show=False,
    ),
    Command(
        "scroll_advice_down",
        "ctrl+down,alt+pagedown",
        "screen.scroll_card(1)",
        "keys.scroll_down",
        show=False,
    ),
    # -- prioritise ----------------------------------------------------------------------
    Command("mark", "space", "screen.mark", "keys.mark", "keys.mark_tip", key_display="␣"),
    Command(
        "move_up",
        "shift+up,plus,equals_sign",
        "screen.shift(-1)",
        "keys.move_up",
        key_display="+",
        show=False,
    ),
    Command(
        "move_down",
        "shift+down,minus",
        "screen.shift(1)",
        "keys.move_down",
        key_display="−",
        show=False,
    ),
    Command("adopt", "p", "screen.adopt", "keys.adopt_prep", "keys.adopt_prep_tip", "cmd.adopt"),
    Command(
        "open_advice",
        "enter,o",
        "screen.open",
        "keys.open_advice",
        "keys.open_advice_tip",
        key_display="⏎",
    ),
    # -- roles -----------------------------------------------------------------------------
    Command(
        "edit", "enter", "screen.edit", "keys.edit_cell", "keys.edit_cell_tip", key_display="⏎"
    ),
    Command(
        "add_row",
        "ctrl+n,insert",
        "screen.add('row')",
        "keys.add_row",
        "keys.add_row_tip",
        "cmd.add_row",
        key_display="^n",
    ),
    Command(
        "add_column",
        "ctrl+k",
        "screen.add('column')",
        "keys.add_column",
        "keys.add_column_tip",
        "cmd.add_column",
    ),
    Command("rename_row", "ctrl+r", "screen.rename('row')", "keys.rename_row", show=False),
    Command("rename_column", "alt+r", "screen.rename('column')", "keys.rename_column", show=False),
    Command("row_up", "shift+up", "screen.move('row', -1)", "keys.row_up", show=False),
    Command("row_down", "shift+down", "screen.move('row', 1)", "keys.row_down", show=False),
    Command(
        "column_left", "shift+left", "screen.move('column', -1)", "keys.column_left", show=False
    ),
    Command(
        "column_right", "shift+right", "screen.move('column', 1)", "keys.column_right", show=False
    ),
    Command("remove_row", "delete", "screen.remove('row')", "keys.remove_row", show=False),
    Command(
        "remove_column", "shift+delete", "screen.remove('column')", "keys.remove_column", show=False
    ),
    Command("more", "f9", "screen.menu", "keys.more", "keys.more_tip"),
    Command("undo", "ctrl+z", "screen.undo", "keys.undo", "keys.undo_tip", "cmd.undo", show=False),
    # -- summary ---------------------------------------------------------------------------
    Command(
        "summary_md", "m", "app.export('md')", "keys.export_md", "keys.export_md_tip", show=False
    ),
    Command(
        "summary_csv",
        "c",
        "app.export('csv')",
        "keys.export_csv",
        "keys.export_csv_tip",
        show=False,
    ),
]

COMMANDS: dict[str, Command] = {command.id: command for command in _ALL}

#: Keys the notes editor would otherwise keep for itself (TextArea binds them).
NOTES_KEYS = (
    ("pagedown", "screen.move(1)"),
    ("pageup", "screen.move(-1)"),
    ("f7", "screen.vote(-1)"),
)

#: The commands the roles "Mere" menu offers, in its order.
ROLES_MENU = (
    "edit",
    "add_row",
    "add_column",
    "rename_row",
    "rename_column",
    "row_up",
    "row_down",
    "column_left",
    "column_right",
    "remove_row",
    "remove_column",
    "undo",
)


def bindings(*ids: str) -> list[BindingType]:
    """The bindings of the commands ``ids`` (for a class's ``BINDINGS``)."""
    return [COMMANDS[command_id].binding() for command_id in ids if COMMANDS[command_id].keys]


def first_key(command: Command) -> str:
    """The key to show for ``command``: its ``key_display`` or its first key."""
    if command.key_display:
        return command.key_display
    return key_label(command.keys.split(",")[0]) if command.keys else ""


def key_label(key: str) -> str:
    """A key as people write it: ``ctrl+s``, ``F8``, ``shift+↑``."""
    names = {
        "up": "↑",
        "down": "↓",
        "left": "←",
        "right": "→",
        "delete": "Delete",
        "insert": "Insert",
        "pageup": "PgUp",
        "pagedown": "PgDn",
        "space": "␣",
        "enter": "⏎",
        "escape": "Esc",
        "plus": "+",
        "minus": "−",
    }
    parts = key.split("+")
    out = []
    for part in parts:
        if len(part) > 1 and part[0] == "f" and part[1:].isdigit():
            out.append(part.upper())
        else:
            out.append(names.get(part, part))
    return "+".join(out)
