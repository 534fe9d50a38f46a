"""Step 4, roles — "Hvem skal gøre hvad?": the worksheet as an editable table.

A DataTable shows the team's table: one row per role, one column per question. Enter edits
a cell in a dialog (multi-line). Empty cells show the worksheet's example as a dim hint,
never stored. Rows and columns can be added, renamed, moved and removed; removing one that
holds text asks first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from inddrag.domain import session as ops
from inddrag.ui.bindings import localise_bindings
from inddrag.ui.messages import SessionChanged
from inddrag.ui.widgets.steps import StepBar

if TYPE_CHECKING:
    from inddrag.domain.session import Session
    from inddrag.ui.app import InddragApp

MIN_COLUMN = 10


class RolesScreen(Screen[None]):
    """The roles table."""

    CSS_PATH = "roles.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "edit", "keys.edit_cell", tooltip="keys.edit_cell_tip", key_display="⏎"),
        Binding("e", "edit", "keys.edit_cell", show=False),
        Binding("n", "add_row", "keys.add_row"),
        Binding("k", "add_column", "keys.add_column"),
        Binding("m", "menu", "keys.more", tooltip="keys.more_tip"),
        Binding("r", "rename_row", "keys.rename_row", show=False),
        Binding("shift+r", "rename_column", "keys.rename_column", show=False),
        Binding("shift+up", "move_row(-1)", "keys.row_up", show=False),
        Binding("shift+down", "move_row(1)", "keys.row_down", show=False),
        Binding("shift+left", "move_column(-1)", "keys.column_left", show=False),
        Binding("shift+right", "move_column(1)", "keys.column_right", show=False),
        Binding("delete", "remove_row", "keys.remove_row", show=False),
        Binding("shift+delete", "remove_column", "keys.remove_column", show=False),
    ]
    app: InddragApp

    def __init__(self) -> None:
        super().__init__(id="roles")
        self._width = 0

    def compose(self) -> ComposeResult:
        tr = self.app.tr
        template = self.app.pack.template
        localise_bindings(self, self.app.lang)
        yield Header(icon="")
        yield StepBar("roles", self.app.lang)
        with Vertical(id="roles-card"):
            yield Static(Text(tr(f"ui.roles_question_{self.app.kind}")), id="roles-question")
            yield Static(Text(template.guidance or template.question), id="roles-guidance")
            table: DataTable[Text] = DataTable(
                id="roles-table", cursor_type="cell", zebra_stripes=True
            )
            yield table
            yield Static(Text(tr("ui.roles_legend")), id="roles-legend")
        yield Footer()

    def on_mount(self) -> None:
        self.rebuild((0, 1))  # start in the first cell to write in, not on a name
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        self.rebuild()

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self.rebuild()

    @property
    def session(self) -> Session:
        assert self.app.session is not None
        return self.app.session

    # -- drawing ----------------------------------------------------------------------

    def name_width(self) -> int:
        return 14 if self.size.width < 100 else 20

    def column_width(self) -> int:
        """Share the width among the columns (each cell has a space either side)."""
        columns = max(1, len(self.session.roles.columns))
        inner = self.size.width - 6  # margins, border and scrollbar
        available = inner - (self.name_width() + 2)
        return max(MIN_COLUMN, available // columns - 2)

    def hint_for(self, row_id: str, column_id: str) -> str:
        role = self.app.pack.role_by_id(row_id)
        return role.examples.get(column_id, "") if role else ""

    def rebuild(self, cursor: tuple[int, int] | None = None) -> None:
        """Draw the table from the session, keeping the cursor where it was."""
        if self.app.session is None:
            return
        self._width = self.size.width
        table: DataTable[Text] = self.query_one(DataTable)
        if cursor is None:
            cursor = (table.cursor_coordinate.row, table.cursor_coordinate.column)
        table.clear(columns=True)
        roles = self.session.roles
        width = self.column_width()
        header = roles.row_header or self.app.pack.template.row_header
        table.add_column(Text(header, style="bold"), width=self.name_width(), key="__name__")
        for column in roles.columns:
            table.add_column(Text(column.title, style="bold"), width=width, key=column.id)
        for row in roles.rows:
            role = self.app.pack.role_by_id(row.id)
            name = Text(row.name, style="bold")
            if role and role.hint:
                name.append("\n" + role.hint, style="dim italic")
            cells: list[Text] = [name]
            for column in roles.columns:
                value = row.cells.get(column.id, "")
                if value:
                    cells.append(Text(value))
                else:
                    hint = self.hint_for(row.id, column.id)
                    cells.append(Text(hint, style="dim italic") if hint else Text("·", style="dim"))
            table.add_row(*cells, key=row.id, height=None)
        if roles.rows:
            row_index = max(0, min(cursor[0], len(roles.rows) - 1))
            column_index = max(0, min(cursor[1], len(roles.columns)))
            table.cursor_coordinate = Coordinate(row_index, column_index)

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

    def changed(self, cursor: tuple[int, int] | None = None) -> None:
        self.post_message(SessionChanged())
        self.rebuild(cursor)

    # -- actions ----------------------------------------------------------------------

    @on(DataTable.CellSelected)
    def cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_edit()

    @work(exclusive=True, group="roles-dialog")
    async def action_edit(self) -> None:
        from inddrag.ui.dialogs.text_edit import CellEditor

        row_id, column_id = self.current()
        if row_id is None:
            return
        if column_id is None:
            self.action_rename_row()
            return
        index = ops.row_index(self.session, row_id)
        col_index = ops.column_index(self.session, column_id)
        assert index is not None and col_index is not None
        row = self.session.roles.rows[index]
        column = self.session.roles.columns[col_index]
        hint = self.hint_for(row_id, column_id)
        title = f"{row.name} – {column.title}"
        text = await self.app.push_screen_wait(
            CellEditor(title, row.cells.get(column_id, ""), hint)
        )
        if text is not None and ops.set_cell(self.session, row_id, column_id, text.strip("\n")):
            self.changed()

    @work(exclusive=True, group="roles-dialog")
    async def action_add_row(self) -> None:
        from inddrag.ui.dialogs.text_edit import NameDialog

        tr = self.app.tr
        name = await self.app.push_screen_wait(
            NameDialog(tr("ui.add_row_title"), placeholder=tr("ui.add_row_hint"))
        )
        if name:
            row_id, _ = self.current()
            at = ops.row_index(self.session, row_id) if row_id else None
            position = (at + 1) if at is not None else None
            ops.add_row(self.session, name, position)
            new_index = position if position is not None else len(self.session.roles.rows) - 1
            self.changed((new_index, 1))

    @work(exclusive=True, group="roles-dialog")
    async def action_add_column(self) -> None:
        from inddrag.ui.dialogs.text_edit import NameDialog

        tr = self.app.tr
        title = await self.app.push_screen_wait(
            NameDialog(tr("ui.add_column_title"), placeholder=tr("ui.add_column_hint"))
        )
        if title:
            _, column_id = self.current()
            at = ops.column_index(self.session, column_id) if column_id else None
            position = (at + 1) if at is not None else None
            ops.add_column(self.session, title, position)
            new_col = position if position is not None else len(self.session.roles.columns) - 1
            row = self.query_one(DataTable).cursor_coordinate.row
            self.changed((row, new_col + 1))

    @work(exclusive=True, group="roles-dialog")
    async def action_rename_row(self) -> None:
        from inddrag.ui.dialogs.text_edit import NameDialog

        row_id, _ = self.current()
        if row_id is None:
            return
        index = ops.row_index(self.session, row_id)
        assert index is not None
        old = self.session.roles.rows[index].name
        name = await self.app.push_screen_wait(NameDialog(self.app.tr("ui.rename_row_title"), old))
        if name and name != old:
            ops.rename_row(self.session, row_id, name)
            self.changed()

    @work(exclusive=True, group="roles-dialog")
    async def action_rename_column(self) -> None:
        from inddrag.ui.dialogs.text_edit import NameDialog

        _, column_id = self.current()
        if column_id is None:
            self.notify(self.app.tr("ui.pick_column_first"), timeout=3)
            return
        index = ops.column_index(self.session, column_id)
        assert index is not None
        old = self.session.roles.columns[index].title
        title = await self.app.push_screen_wait(
            NameDialog(self.app.tr("ui.rename_column_title"), old)
        )
        if title and title != old:
            ops.rename_column(self.session, column_id, title)
            self.changed()

    def action_move_row(self, delta: int) -> None:
        row_id, _ = self.current()
        if row_id is None:
            return
        new = ops.move_row(self.session, row_id, delta)
        column = self.query_one(DataTable).cursor_coordinate.column
        if new is not None:
            self.changed((new, column))

    def action_move_column(self, delta: int) -> None:
        _, column_id = self.current()
        if column_id is None:
            self.notify(self.app.tr("ui.pick_column_first"), timeout=3)
            return
        new = ops.move_column(self.session, column_id, delta)
        row = self.query_one(DataTable).cursor_coordinate.row
        if new is not None:
            self.changed((row, new + 1))

    @work(exclusive=True, group="roles-dialog")
    async def action_remove_row(self) -> None:
        from inddrag.ui.dialogs.confirm import confirm_remove

        row_id, _ = self.current()
        if row_id is None:
            return
        index = ops.row_index(self.session, row_id)
        assert index is not None
        name = self.session.roles.rows[index].name
        if ops.row_has_text(self.session, row_id):
            what = self.app.tr("ui.remove_row_what", name=name)
            if await self.app.push_screen_wait(confirm_remove(self.app, what)) != "remove":
                return
        ops.remove_row(self.session, row_id)
        self.changed()
        self.notify(self.app.tr("ui.removed", name=name), timeout=3, markup=False)

    @work(exclusive=True, group="roles-dialog")
    async def action_remove_column(self) -> None:
        from inddrag.ui.dialogs.confirm import confirm_remove

        _, column_id = self.current()
        if column_id is None:
            self.notify(self.app.tr("ui.pick_column_first"), timeout=3)
            return
        index = ops.column_index(self.session, column_id)
        assert index is not None
        title = self.session.roles.columns[index].title
        if ops.column_has_text(self.session, column_id):
            what = self.app.tr("ui.remove_column_what", name=title)
            if await self.app.push_screen_wait(confirm_remove(self.app, what)) != "remove":
                return
        ops.remove_column(self.session, column_id)
        self.changed()
        self.notify(self.app.tr("ui.removed", name=title), timeout=3, markup=False)

    @work(exclusive=True, group="roles-dialog")
    async def action_menu(self) -> None:
        from inddrag.ui.dialogs.menu import MenuDialog

        tr = self.app.tr
        row_id, column_id = self.current()
        actions = [
            ("edit", tr("keys.edit_cell")),
            ("add_row", tr("keys.add_row")),
            ("add_column", tr("keys.add_column")),
            ("rename_row", tr("keys.rename_row") + "  (r)"),
            ("rename_column", tr("keys.rename_column") + "  (R)"),
            ("move_row(-1)", tr("keys.row_up") + "  (shift+↑)"),
            ("move_row(1)", tr("keys.row_down") + "  (shift+↓)"),
            ("move_column(-1)", tr("keys.column_left") + "  (shift+←)"),
            ("move_column(1)", tr("keys.column_right") + "  (shift+→)"),
            ("remove_row", tr("keys.remove_row") + "  (Delete)"),
            ("remove_column", tr("keys.remove_column") + "  (shift+Delete)"),
        ]
        if column_id is None:
            actions = [a for a in actions if "column" not in a[0] or a[0] == "add_column"]
        if row_id is None:
            actions = [a for a in actions if a[0] in ("add_row", "add_column")]
        chosen = await self.app.push_screen_wait(MenuDialog(tr("ui.menu_title"), actions))
        if chosen:
            await self.run_action(chosen)
