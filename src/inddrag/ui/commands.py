"""Every command of the app, written once: its keys, where it works, when, and its words.

A :class:`Command` is the only place a key, its label, the screens it is bound on and
the facts it needs are written. Everything else reads this table:

- every screen's and dialog's ``BINDINGS`` (``bindings_for(PLACE)``);
- the keys the advice step's notes editor carries out itself (:func:`notes_keys`);
- whether an action can run now (:func:`gate`, called from each ``check_action``), so a
  disabled command is neither in the footer nor in the palette;
- the footer and the help (through :attr:`Screen.active_bindings`), the palette
  (:mod:`inddrag.ui.palette`) and the roles "Mere" menu (:data:`ROLES_MENU`);
- the export commands, one for each format of the export registry.

Labels are string keys (``keys.*``, ``cmd.*``); :mod:`inddrag.ui.localise` turns them into
words. Actions carry their namespace (``app.save``, ``screen.vote(1)``), so the same string
works as a binding on a screen, from the notes editor and from the palette.

On the advice step every printable key belongs to the notes: commands bound there use keys
that cannot be typed as text (ctrl, F-keys, PgUp/PgDn), and the notes carry them out
themselves, in the order the keys arrive (``NotesArea`` in ``screens/advice.py``). Every
command can be reached without F-keys and without alt: by a ctrl key, or from the palette
(``tests/ui/test_command_table.py`` holds all of this).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from textual.actions import parse
from textual.binding import Binding, BindingType

from inddrag.domain.export.formats import FORMATS
from inddrag.ui.steps import STEPS

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from inddrag.ui.state import OpenSession

#: Where a command is bound: the App (everywhere), every step of the walk, one step, the
#: presentation screen, the start screen, a kind of dialog, or the projector follower.
Place = Literal[
    "app",
    "walk",
    "start",
    "advice",
    "prioritise",
    "roles",
    "summary",
    "presenting",
    "dialog",
    "help",
    "confirm",
    "ticklist",
    "new_session",
    "text_edit",
    "follower",
]

#: What a command needs to be available: an open session, a team session (not a
#: preparation), merged preparation in it, the advice step being the one shown.
Need = Literal["session", "team", "inputs", "advice_shown"]


@dataclass(frozen=True)
class Command:
    """One command: what it does, the keys that do it, where, when, and its words."""

    id: str
    keys: str
    action: str
    #: String key of the short label (footer, help, menus).
    label: str
    #: String key of the longer description (tooltip, palette help).
    tooltip: str = ""
    #: String key of the palette title, when the palette offers it.
    palette: str = ""
    #: The places it is bound on (a command with no keys is in the palette only).
    where: tuple[Place, ...] = ("app",)
    #: What must hold for it to run; otherwise it is hidden and its keys do nothing.
    needs: tuple[Need, ...] = ()
    show: bool = True
    priority: bool = False
    key_display: str | None = None

    @property
    def key_list(self) -> list[str]:
        """Its keys, in order (the first is the one shown)."""
        return [key for key in self.keys.split(",") if key]

    @property
    def name(self) -> str:
        """The action's name without namespace or parameters (``vote`` for ``screen.vote(1)``)."""
        return _parsed(self.action)[1]

    @property
    def parameters(self) -> tuple[object, ...]:
        return _parsed(self.action)[2]

    def binding(self) -> Binding:
        """The Textual binding for this command."""
        first = self.key_list[0] if self.keys else ""
        return Binding(
            self.keys,
            self.action,
            self.label,
            show=self.show,
            # F-keys upper case, space, Enter and Escape as people write them; others as
            # Textual writes them (^s).
            key_display=self.key_display or (key_label(first) if first in _SHOWN_AS else None),
            priority=self.priority,
            tooltip=self.tooltip,
            id=self.id,
        )


#: Keys the footer and help write our way (the rest as Textual does: ^s).
_SHOWN_AS = {"space", "enter", "escape", *(f"f{n}" for n in range(1, 25))}


@cache
def _parsed(action: str) -> tuple[str, str, tuple[object, ...]]:
    namespace, name, parameters = parse(action)
    return namespace, name, tuple(parameters)


def _step_commands() -> list[Command]:
    return [
        Command(
            f"step_{step.id}",
            step.key,
            f"app.step('{step.id}')",
            f"keys.step_{step.id}",
            tooltip=step.help_key,
            palette=f"cmd.step_{step.id}",
            needs=("session",),
            show=False,
        )
        for step in STEPS
    ]


def _export_commands() -> list[Command]:
    """One export command for each format of the registry (importing it loads no renderer)."""
    return [
        Command(
            f"export_{fmt.id}",
            "",
            f"app.export('{fmt.id}')",
            f"keys.export_{fmt.id}",
            f"keys.export_{fmt.id}_tip",
            f"cmd.export_{fmt.id}",
            needs=("session",),
            show=False,
        )
        for fmt in FORMATS.values()
    ]


_ALL: list[Command] = [
    # -- everywhere (the App) ------------------------------------------------------------
    Command("help", "f1", "app.help", "keys.help", "keys.help_tip", "cmd.help"),
    Command(
        "save", "ctrl+s", "app.save", "keys.save", "keys.save_tip", "cmd.save", needs=("session",)
    ),
    Command(
        "save_as",
        "f12",
        "app.save_as",
        "keys.save_as",
        "keys.save_as_tip",
        "cmd.save_as",
        needs=("session",),
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
    Command(
        "quit",
        "ctrl+q",
        "app.quit",
        "keys.quit",
        "keys.quit_tip",
        "cmd.quit",
        where=("app", "follower"),
        priority=True,
    ),
    *_step_commands(),
    *_export_commands(),
    Command(
        "merge",
        "",
        "app.merge",
        "keys.merge",
        "cmd.merge_help",
        "cmd.merge",
        needs=("session", "team"),
        show=False,
    ),
    Command(
        "collect",
        "",
        "app.collect",
        "keys.collect",
        "cmd.collect_help",
        "cmd.collect",
        needs=("session", "team"),
        show=False,
    ),
    Command(
        "collect_reveal",
        "",
        "app.collect_reveal",
        "keys.collect_reveal",
        "cmd.collect_reveal_help",
        "cmd.collect_reveal",
        needs=("session", "team"),
        show=False,
    ),
    Command(
        "edit_details",
        "",
        "app.edit_details",
        "keys.edit_details",
        "cmd.edit_details_help",
        "cmd.edit_details",
        needs=("session",),
        show=False,
    ),
    Command(
        "theme", "", "app.change_theme", "keys.theme", "cmd.theme_help", "cmd.theme", show=False
    ),
    # -- the room's view (every step, and the presentation screen) -----------------------
    Command(
        "present",
        "f6",
        "screen.present",
        "keys.present",
        "keys.present_tip",
        "cmd.present",
        where=("walk", "presenting"),
        show=False,
        priority=True,
    ),
    Command(
        "present_end",
        "escape",
        "screen.present",
        "keys.present_end",
        where=("presenting",),
        show=False,
    ),
    Command(
        "hide_notes",
        "ctrl+o",
        "screen.toggle_notes",
        "keys.hide_notes",
        "keys.hide_notes_tip",
        "cmd.hide_notes",
        where=("walk", "presenting"),
        show=False,
        priority=True,
    ),
    # -- the advice step (and presenting it) ----------------------------------------------
    Command(
        "next_advice",
        "ctrl+n,pagedown",
        "screen.move(1)",
        "keys.next_advice",
        "keys.next_advice_tip",
        "cmd.next_advice",
        where=("advice", "presenting"),
        needs=("advice_shown",),
    ),
    Command(
        "prev_advice",
        "ctrl+b,pageup",
        "screen.move(-1)",
        "keys.prev_advice",
        "keys.prev_advice_tip",
        "cmd.prev_advice",
        where=("advice", "presenting"),
        needs=("advice_shown",),
        show=False,
    ),
    Command(
        "vote_up",
        "f8,alt+up",
        "screen.vote(1)",
        "keys.vote_up",
        "keys.vote_up_tip",
        "cmd.vote_up",
        where=("advice", "presenting"),
        needs=("team", "advice_shown"),
    ),
    Command(
        "vote_down",
        "f7,alt+down",
        "screen.vote(-1)",
        "keys.vote_down",
        "keys.vote_down_tip",
        "cmd.vote_down",
        where=("advice", "presenting"),
        needs=("team", "advice_shown"),
        show=False,
    ),
    Command(
        "jump",
        "ctrl+g",
        "screen.jump",
        "keys.jump",
        "keys.jump_tip",
        "cmd.jump",
        where=("advice",),
        show=False,
    ),
    Command(
        "timebox",
        "ctrl+t",
        "app.timebox",
        "keys.timebox",
        "keys.timebox_tip",
        "cmd.timebox_toggle",
        where=("advice",),
        needs=("session",),
        show=False,
    ),
    Command(
        "scroll_advice_up",
        "ctrl+up,alt+pageup",
        "screen.scroll_card(-1)",
        "keys.scroll_up",
        where=("advice",),
        show=False,
    ),
    Command(
        "scroll_advice_down",
        "ctrl+down,alt+pagedown",
        "screen.scroll_card(1)",
        "keys.scroll_down",
        where=("advice",),
        show=False,
    ),
    # -- prioritise ----------------------------------------------------------------------
    Command(
        "mark",
        "space",
        "screen.mark",
        "keys.mark",
        "keys.mark_tip",
        where=("prioritise",),
    ),
    Command(
        "move_up",
        "shift+up,ctrl+up",
        "screen.shift(-1)",
        "keys.move_up",
        "keys.move_up_tip",
        "cmd.move_up",
        where=("prioritise",),
        show=False,
    ),
    Command(
        "move_down",
        "shift+down,ctrl+down",
        "screen.shift(1)",
        "keys.move_down",
        "keys.move_down_tip",
        "cmd.move_down",
        where=("prioritise",),
        show=False,
    ),
    Command(
        "adopt",
        "ctrl+f",
        "screen.adopt",
        "keys.adopt_prep",
        "keys.adopt_prep_tip",
        "cmd.adopt",
        where=("prioritise",),
        needs=("inputs",),
    ),
    Command(
        "open_advice",
        "enter",
        "screen.open",
        "keys.open_advice",
        "keys.open_advice_tip",
        where=("prioritise",),
        # Before the list's own Enter. Not in the footer: the step says "Enter åbner rådet"
        # twice already, and at 80 columns the footer needs the room for F1 and ^s.
        show=False,
        priority=True,
    ),
    # -- roles -----------------------------------------------------------------------------
    Command(
        "edit",
        "enter",
        "screen.edit",
        "keys.edit_cell",
        "keys.edit_cell_tip",
        where=("roles",),
        # Before the table's own Enter. Not in the footer: the legend under the table says
        # what Enter does, and at 80 columns the footer needs the room for F1 and ^s.
        show=False,
        priority=True,
    ),
    Command(
        "add_row",
        "ctrl+n,insert",
        "screen.add('row')",
        "keys.add_row",
        "keys.add_row_tip",
        "cmd.add_row",
        where=("roles",),
    ),
    Command(
        "add_column",
        "ctrl+k",
        "screen.add('column')",
        "keys.add_column",
        "keys.add_column_tip",
        "cmd.add_column",
        where=("roles",),
    ),
    Command(
        "rename_row",
        "ctrl+r",
        "screen.rename('row')",
        "keys.rename_row",
        palette="cmd.rename_row",
        where=("roles",),
        show=False,
    ),
    Command(
        "rename_column",
        "ctrl+l",
        "screen.rename('column')",
        "keys.rename_column",
        palette="cmd.rename_column",
        where=("roles",),
        show=False,
    ),
    Command(
        "row_up",
        "shift+up",
        "screen.move('row', -1)",
        "keys.row_up",
        palette="cmd.row_up",
        where=("roles",),
        show=False,
    ),
    Command(
        "row_down",
        "shift+down",
        "screen.move('row', 1)",
        "keys.row_down",
        palette="cmd.row_down",
        where=("roles",),
        show=False,
    ),
    Command(
        "column_left",
        "shift+left",
        "screen.move('column', -1)",
        "keys.column_left",
        palette="cmd.column_left",
        where=("roles",),
        show=False,
    ),
    Command(
        "column_right",
        "shift+right",
        "screen.move('column', 1)",
        "keys.column_right",
        palette="cmd.column_right",
        where=("roles",),
        show=False,
    ),
    Command(
        "remove_row",
        "delete",
        "screen.remove('row')",
        "keys.remove_row",
        palette="cmd.remove_row",
        where=("roles",),
        show=False,
    ),
    Command(
        "remove_column",
        "shift+delete",
        "screen.remove('column')",
        "keys.remove_column",
        palette="cmd.remove_column",
        where=("roles",),
        show=False,
    ),
    Command(
        "more",
        "f9,ctrl+e",
        "screen.menu",
        "keys.more",
        "keys.more_tip",
        "cmd.more",
        where=("roles",),
    ),
    Command(
        "undo",
        "ctrl+z",
        "screen.undo",
        "keys.undo",
        "keys.undo_tip",
        "cmd.undo",
        where=("prioritise", "roles"),
        show=False,
    ),
    # -- summary ---------------------------------------------------------------------------
    Command(
        "export_menu",
        "ctrl+e",
        "screen.export_menu",
        "keys.export_menu",
        "keys.export_menu_tip",
        where=("summary",),
    ),
    # -- the start screen (no text is typed there: letters choose) -------------------------
    Command(
        "start_team", "n", "screen.choose('team')", "keys.new_team", where=("start",), show=False
    ),
    Command(
        "start_prep", "f", "screen.choose('prep')", "keys.new_prep", where=("start",), show=False
    ),
    Command("start_open", "o", "screen.choose('open')", "keys.open", where=("start",), show=False),
    # -- dialogs -----------------------------------------------------------------------------
    Command("cancel", "escape", "screen.cancel", "keys.cancel", where=("dialog",), show=False),
    # F1 again closes the help (a modal screen sees only the App's priority keys).
    Command("help_close", "f1,q", "screen.cancel", "keys.close", where=("help",), show=False),
    Command(
        "focus_previous",
        "left",
        "app.focus_previous",
        "keys.focus_previous",
        where=("confirm",),
        show=False,
    ),
    Command(
        "focus_next", "right", "app.focus_next", "keys.focus_next", where=("confirm",), show=False
    ),
    Command("tick", "space", "screen.tick", "keys.tick", where=("ticklist",), show=False),
    Command(
        "form_start",
        "ctrl+enter,ctrl+j",
        "screen.start",
        "keys.start",
        where=("new_session",),
        show=False,
    ),
    Command("text_done", "ctrl+s", "screen.done", "keys.done", where=("text_edit",), show=False),
]

COMMANDS: dict[str, Command] = {command.id: command for command in _ALL}

#: The commands by their action's name (``vote`` for ``screen.vote(1)``), for :func:`gate`.
_BY_NAME: dict[str, list[Command]] = {}
for _command in _ALL:
    _BY_NAME.setdefault(_command.name, []).append(_command)

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


def commands_at(place: Place) -> list[Command]:
    """The commands bound on ``place`` (with keys or not), in the table's order."""
    return [command for command in _ALL if place in command.where]


def bindings_for(place: Place) -> list[BindingType]:
    """The bindings of ``place`` (a class's ``BINDINGS``)."""
    return [command.binding() for command in commands_at(place) if command.keys]


def notes_keys() -> dict[str, Command]:
    """Key → command for the commands the advice step's notes editor carries out itself.

    Every command with keys that works on the advice step (the App's, the walk's and the
    step's own), except the priority ones (Textual runs those before any widget)."""
    found: dict[str, Command] = {}
    for place in ("advice", "walk", "app"):
        for command in commands_at(place):
            if command.priority:
                continue
            for key in command.key_list:
                found.setdefault(key, command)
    return found


def facts_of(state: OpenSession | None) -> frozenset[Need]:
    """What holds now, for :attr:`Command.needs`."""
    if state is None:
        return frozenset()
    facts: set[Need] = {"session"}
    if state.kind == "team":
        facts.add("team")
    if state.session.inputs:
        facts.add("inputs")
    if state.step == "advice":
        facts.add("advice_shown")
    return frozenset(facts)


def gate(
    places: tuple[Place, ...], action: str, parameters: tuple[object, ...], facts: frozenset[Need]
) -> bool:
    """Whether ``action`` may run, for a ``check_action`` of a node bound on ``places``.

    An action that no command of those places names is not ours (Textual's own): it runs.
    Called for every binding whenever Textual redraws a footer: one look-up by name."""
    for command in _BY_NAME.get(action, ()):
        if not set(command.where) & set(places):
            continue
        if command.parameters and command.parameters != tuple(parameters):
            continue
        return set(command.needs) <= facts
    return True


def can_run(node: DOMNode, command: Command) -> bool:
    """Whether ``command`` is available for ``node`` now (its target's ``check_action``)."""
    namespace, name, parameters = _parsed(command.action)
    target: DOMNode = node.app if namespace == "app" else node.screen
    return target.check_action(name, parameters) is True


def first_key(command: Command) -> str:
    """The key to show for ``command``: its ``key_display`` or its first key."""
    if command.key_display:
        return command.key_display
    keys = command.key_list
    return key_label(keys[0]) if keys else ""


def other_keys(command: Command) -> list[str]:
    """Its keys after the first, as people write them (the alternatives help shows)."""
    return [key_label(key) for key in command.key_list[1:]]


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
    out = []
    for part in key.split("+"):
        if len(part) > 1 and part[0] == "f" and part[1:].isdigit():
            out.append(part.upper())
        else:
            out.append(names.get(part, part))
    return "+".join(out)
