"""Step 4, roles — "Hvem skal gøre hvad?": the worksheet as an editable table.

A DataTable shows the team's table: one row per role, one column per question. Enter, or
simply typing, edits a cell in a dialog (multi-line; what was typed is added at the end, so
nothing is replaced by accident). Empty cells show the worksheet's example as a dim hint,
never stored. Rows and columns can be added, renamed, moved and removed (removing one that
holds text asks first), and ctrl+z undoes each of these. Row and column actions are one set
parametrised by the axis they work on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from inddrag.domain import session as session_ops
from inddrag.domain.followup import last_time
from inddrag.domain.safe_text import visible
from inddrag.domain.session import Axis
from inddrag.ui.commands import COMMANDS, ROLES_MENU, bindings_for, first_key
from inddrag.ui.localise import word
from inddrag.ui.screens.base import StepScreen

if TYPE_CHECKING:
    from inddrag.domain.session import RolesTable, Session
    from inddrag.ui.context import Context

MIN_COLUMN = 12
"""Columns are never narrower: when they do not all fit, the table scrolls sideways
beside the fixed column of names. A word longer than its column is hyphenated."""


def hyphenated(text: str, width: int) -> str:
    """``text`` with every word longer than ``width`` cut into hyphenated pieces, so a line
    breaks only between words or after a hyphen, never inside a word."""
    if width < 4:
        return text

    def cut(word: str) -> str:
        if len(word) <= width:
            return word
        piece = width - 1
        parts = [word[i : i + piece] for i in range(0, len(word), piece)]
        return "- ".join(parts)

    return "\n".join(" ".join(cut(w) for w in line.split(" ")) for line in text.split("\n"))


UNDO_DEPTH = 50


class RolesScreen(StepScreen):
    """The roles table."""

    STEP = "roles"
    CSS_PATH = "roles.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("roles")

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self._width = 0
        self.undo_tables: list[RolesTable] = []
        #: The letter that opened the cell editor on its way (None: none is on its way).
        #: The keys typed after it wait in the App's type-ahead queue until it is open.
        self._opening: str | None = None

    def compose_body(self) -> ComposeResult:
        tr = self.tr
        template = self.context.pack.template
        with Vertical(id="roles-card"):
            yield Static(Text(tr(f"ui.roles_question_{self.context.kind}")), id="roles-question")
            yield Static(Text(template.guidance or template.question), id="roles-guidance")
            table: DataTable[Text] = DataTable(
                id="roles-table", cursor_type="cell", zebra_stripes=True
            )
            table.fixed_columns = 1  # the roles' names stay in view when the table scrolls
            yield table
            yield Static(id="roles-detail")
            yield Static(Text(tr("ui.roles_legend")), id="roles-legend")

    def on_mount(self) -> None:
        super().on_mount()
        self.rebuild((0, 1))  # start in the first cell to write in, not on a name
        self.mark_drawn()
        self.query_one(DataTable).focus()

    def show_session(self) -> None:
        self.rebuild()

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self.rebuild()

    @property
    def session(self) -> Session:
        return self.context.session

    # -- drawing ----------------------------------------------------------------------

    def name_width(self) -> int:
        """Wide enough for the longest word of any role's name, so names never break."""
        longest = max(
            (len(part) for row in self.session.roles.rows for part in row.name.split()),
            default=0,
        )
        return max(14 if self.size.width < 100 else 20, min(longest, 24))

    def column_width(self) -> int:
        """Share the width among the columns (each cell has a space either side)."""
        columns = max(1, len(self.session.roles.columns))
        inner = self.size.width - 6  # margins, border and scrollbar
        available = inner - (self.name_width() + 2)
        return max(MIN_COLUMN, available // columns - 2)

    def hint_for(self, row_id: str, column_id: str) -> str:
        role = self.context.pack.role_by_id(row_id)
        return role.examples.get(column_id, "") if role else ""

    def rebuild(self, cursor: tuple[int, int] | None = None) -> None:
        """Draw the table from the session, keeping the cursor where it was."""
        self._width = self.size.width
        table: DataTable[Text] = self.query_one(DataTable)
        if cursor is None:
            cursor = (table.cursor_coordinate.row, table.cursor_coordinate.column)
        table.clear(columns=True)
        roles = self.session.roles
        width = self.column_width()
        # Headers wrap onto as many lines as the longest needs: never cut.
        lines = (
            max((len(c.title) + width - 1) // max(width, 1) for c in roles.columns)
            if (roles.columns)
            else 1
        )
        table.header_height = max(1, min(lines, 3))
        header = roles.row_header or self.context.pack.template.row_header
        table.add_column(
            Text(visible(header, name=True), style="bold"), width=self.name_width(), key="__name__"
        )
        for column in roles.columns:
            table.add_column(
                Text(visible(column.title, name=True), style="bold"), width=width, key=column.id
            )

        def fit(text: str) -> str:
            return hyphenated(text, width)

        for row in roles.rows:
            role = self.context.pack.role_by_id(row.id)
            name = Text(visible(row.name, name=True), style="bold")
            if role and role.hint:
                name.append("\n" + role.hint, style="dim italic")
            cells: list[Text] = [name]
            for column in roles.columns:
                value = row.cells.get(column.id, "")
                before = last_time(self.session, row.id, column.id)
                if before is not None and before != value:
                    # A follow-up meeting: what the cell said when the last one ended.
                    cell = Text(fit(visible(value, lines=True))) if value else Text()
                    shown = visible(before, lines=True) or "–"
                    label = fit(self.tr("ui.roles_last_time", text=shown))
                    cell.append(("\n" if value else "") + label, style="dim italic")
                    cells.append(cell)
                elif value:
                    cells.append(Text(fit(visible(value, lines=True))))
                else:
                    hint = fit(self.hint_for(row.id, column.id))
                    cells.append(Text(hint, style="dim italic") if hint else Text("·", style="dim"))
            table.add_row(*cells, key=row.id, height=None)
        if roles.rows:
            row_index = max(0, min(cursor[0], len(roles.rows) - 1))
            column_index = max(0, min(cursor[1], len(roles.columns)))
            table.cursor_coordinate = Coordinate(row_index, column_index)
            # Once the new columns are laid out, scroll the cursor's cell back into view
            # (the text just typed stays on screen).
            self.call_after_refresh(table.move_cursor, row=row_index, column=column_index)
        self.show_detail()

    def show_detail(self) -> None:
        """The cell under the cursor, whole, on one line below the table (with what it
        said last time): a narrow column shows only part of it."""
        row_id, column_id = self.current()
        text = Text()
        if row_id is not None:
            index = session_ops.index_of(self.session, "row", row_id) or 0
            row = self.session.roles.rows[index]
            text.append(visible(row.name, name=True), style="bold")
            if column_id is not None:
                text.append(" – " + visible(self.name_of("column", column_id), name=True) + ": ")
                value = row.cells.get(column_id, "")
                if value:
                    text.append(visible(value, lines=True).replace("\n", " / "))
                else:
                    text.append(self.hint_for(row_id, column_id) or "·", style="dim italic")
                before = last_time(self.session, row_id, column_id)
                if before is not None and before != value:
                    label = self.tr("ui.roles_last_time", text=visible(before) or "–")
                    text.append("  (" + label + ")", style="dim italic")
        self.query_one("#roles-detail", Static).update(text)

    @on(DataTable.CellHighlighted)
    def cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        self.show_detail()

    # -- where the cursor is ----------------------------------------------------------

    def current(self) -> tuple[str | None, str | None]:
        """(row id, column id) under the cursor; column id None on the names column."""
        table: DataTable[Text] = self.query_one(DataTable)
        rows, cols = self.session.roles.rows, self.session.roles.columns
        if not rows:
            return None, None
        r, c = table.cursor_coordinate.row, table.cursor_coordinate.column
        row_id = rows[r].id if 0 <= r < len(rows) else None
        column_id = cols[c - 1].id if 1 <= c <= len(cols) else None
        return row_id, column_id

    def current_id(self, axis: Axis) -> str | None:
        row_id, column_id = self.current()
        return row_id if axis == "row" else column_id

    def name_of(self, axis: Axis, item_id: str) -> str:
        index = session_ops.index_of(self.session, axis, item_id)
        assert index is not None
        items = self.session.roles.rows if axis == "row" else self.session.roles.columns
        return session_ops.label_of(items[index])

    def before_change(self) -> None:
        """Keep the table as it is now, for ctrl+z."""
        self.undo_tables.append(self.session.roles.model_copy(deep=True))
        del self.undo_tables[:-UNDO_DEPTH]

    def after_change(self, cursor: tuple[int, int] | None = None) -> None:
        self.changed()
        self.rebuild(cursor)

    # -- editing ----------------------------------------------------------------------

    @on(DataTable.CellSelected)
    def cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.start_edit()

    def start_edit(self, first: str = "") -> None:
        """Open the editor on the cell under the cursor; keys typed until it is open go in."""
        if self._opening is not None:
            return  # one is on its way
        self._opening = first
        self.action_edit()

    def on_key(self, event: events.Key) -> None:
        # Typing on a cell starts editing it, as in a spreadsheet, with the letter typed.
        # The keys typed after it wait in the App's type-ahead queue until the editor is
        # open, and reach it there.
        if self._opening is not None:
            return
        if not (event.is_printable and event.character):
            return
        if self.query_one(DataTable).has_focus:
            event.stop()
            event.prevent_default()
            self.start_edit(event.character)

    @work(exclusive=True, group="roles-dialog")
    async def action_edit(self) -> None:
        from inddrag.ui.dialogs.text_edit import CellEditor

        first = self._opening or ""
        self._opening = first
        try:
            row_id, column_id = self.current()
            if row_id is None:
                return
            if column_id is None:
                await self.rename("row", first)
                return
            index = session_ops.index_of(self.session, "row", row_id) or 0
            row = self.session.roles.rows[index]
            title = f"{row.name} – {self.name_of('column', column_id)}"
            hint = self.hint_for(row_id, column_id)
            old = row.cells.get(column_id, "")
            text = await self.app.push_screen_wait(
                CellEditor(self.lang, title, old, hint, first=first)
            )
        finally:
            self._opening = None
        if text is not None and text.strip("\n") != old:
            self.before_change()
            session_ops.set_cell(self.session, row_id, column_id, text.strip("\n"))
            self.after_change()

    @work(exclusive=True, group="roles-dialog")
    async def action_add(self, axis: Axis) -> None:
        from inddrag.ui.dialogs.text_edit import NameDialog

        name = await self.app.push_screen_wait(
            NameDialog(
                self.lang,
                self.tr(f"ui.add_{axis}_title"),
                placeholder=self.tr(f"ui.add_{axis}_hint"),
            )
        )
        if not name:
            return
        self.before_change()
        table = self.query_one(DataTable)
        row, column = table.cursor_coordinate.row, table.cursor_coordinate.column
        here = self.current_id(axis)
        at = session_ops.index_of(self.session, axis, here) if here else None
        position = (at + 1) if at is not None else None
        session_ops.add(self.session, axis, name, position)
        count = len(self.session.roles.rows if axis == "row" else self.session.roles.columns)
        new = position if position is not None else count - 1
        row, column = (new, 1) if axis == "row" else (row, new + 1)
        self.after_change((row, column))

    @work(exclusive=True, group="roles-dialog")
    async def action_rename(self, axis: Axis) -> None:
        await self.rename(axis)

    async def rename(self, axis: Axis, first: str = "") -> None:
        from inddrag.ui.dialogs.text_edit import NameDialog

        item_id = self.current_id(axis)
        if item_id is None:
            self.notify(self.tr("ui.pick_column_first"), timeout=3)
            return
        old = self.name_of(axis, item_id)
        title = self.tr(f"ui.rename_{axis}_title")
        name = await self.app.push_screen_wait(NameDialog(self.lang, title, old, first=first))
        if name and name != old:
            self.before_change()
            session_ops.rename(self.session, axis, item_id, name)
            self.after_change()

    def action_move(self, axis: Axis, delta: int) -> None:
        item_id = self.current_id(axis)
        if item_id is None:
            self.notify(self.tr("ui.pick_column_first"), timeout=3)
            return
        self.before_change()
        new = session_ops.move(self.session, axis, item_id, delta)
        if new is None:
            self.undo_tables.pop()
            self.app.bell()
            return
        cursor = self.query_one(DataTable).cursor_coordinate
        self.after_change((new, cursor.column) if axis == "row" else (cursor.row, new + 1))

    @work(exclusive=True, group="roles-dialog")
    async def action_remove(self, axis: Axis) -> None:
        from inddrag.ui.dialogs.confirm import confirm_remove

        item_id = self.current_id(axis)
        if item_id is None:
            self.notify(self.tr("ui.pick_column_first"), timeout=3)
            return
        name = self.name_of(axis, item_id)
        if session_ops.has_text(self.session, axis, item_id):
            what = self.tr(f"ui.remove_{axis}_what", name=name)
            if await self.app.push_screen_wait(confirm_remove(self.lang, what)) != "remove":
                return
        self.before_change()
        session_ops.remove(self.session, axis, item_id)
        self.after_change()
        self.notify(self.tr("ui.removed_undo", name=name), timeout=5, markup=False)

    def action_undo(self) -> None:
        """Put the table back as it was before the last change."""
        if not self.undo_tables:
            self.notify(self.tr("ui.undo_nothing"), timeout=3)
            return
        self.session.roles = self.undo_tables.pop()
        self.after_change()
        self.notify(self.tr("ui.undone"), timeout=3)

    @work(exclusive=True, group="roles-dialog")
    async def action_menu(self) -> None:
        from inddrag.ui.dialogs.menu import MenuDialog

        row_id, column_id = self.current()
        actions = []
        for command_id in ROLES_MENU:
            command = COMMANDS[command_id]
            if row_id is None and command_id not in ("add_row", "add_column", "undo"):
                continue
            if column_id is None and "column" in command_id and command_id != "add_column":
                continue
            label = f"{word(command.label, self.lang)}  ({first_key(command)})"
            actions.append((command.action.removeprefix("screen."), label))
        chosen = await self.app.push_screen_wait(
            MenuDialog(self.lang, self.tr("ui.menu_title"), actions)
        )
        if chosen:
            await self.run_action(chosen)
