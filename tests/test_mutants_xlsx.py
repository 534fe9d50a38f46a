"""``domain/export/xlsx.py``: sheet names, layout and print set-up of the workbook, pinned
down where mutation testing found the suite silent (docs/testing.md, "Mutation testing").
Expected values are written out; each test says what it guards.
"""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from inddrag.domain.content import ContentPack
from inddrag.domain.export.tables import Table
from inddrag.domain.export.xlsx import _fit, sheet_title, to_xlsx, workbook_bytes
from inddrag.domain.session import new_session


def book_of(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_sheet_titles_are_cleaned_kept_apart_and_never_empty() -> None:
    taken: set[str] = set()
    assert sheet_title("'Råd' ", taken) == "Råd"
    assert sheet_title("Xylofon", taken) == "Xylofon"
    assert sheet_title("", taken) == "Ark"
    assert sheet_title("råd", taken) == "råd (2)"
    assert sheet_title("RÅD", taken) == "RÅD (3)"
    assert taken == {"råd", "xylofon", "ark", "råd (2)", "råd (3)"}


def test_wide_columns_are_narrowed_to_the_page_never_below_their_floor() -> None:
    assert _fit([50, 50], [24, 24]) == [50, 50]  # fits: untouched
    assert _fit([151], [24]) == [150]  # one character too wide
    assert _fit([100, 100], [24, 24]) == [75, 75]  # in proportion
    assert _fit([200, 20], [190, 24]) == [190, 20]  # a column below its floor keeps its width
    assert _fit([200, 25], [200, 24]) == [200, 24]  # one character of room is used
    assert _fit([200], [200]) == [200]  # no room: the page's fit-to-width shrinks it
    assert _fit([160, 20], [24, 24]) == [130, 20]  # only room above a floor counts


def test_the_layout_sizes_columns_and_rows_and_aligns_every_cell_to_the_top() -> None:
    table = Table(
        "roles",
        "Roller",
        ["Rolle", "Hvad", ""],
        [["Ledere", "kort\nto linjer", None], ["Kort"], []],
    )
    sheet = book_of(workbook_bytes([table])).worksheets[0]
    assert sheet.column_dimensions["A"].width == 8  # "Ledere" + 2
    assert sheet.column_dimensions["B"].width == 11  # "to linjer" + 2
    assert sheet.row_dimensions[1].height is None  # one line: Excel's own height
    assert sheet.row_dimensions[2].height == 30  # two lines
    assert sheet.row_dimensions[3].height is None
    assert sheet.row_dimensions[4].height is None  # an empty row
    for row in range(1, 5):
        assert sheet.cell(row=row, column=1).alignment.vertical == "top"
        assert sheet.cell(row=row, column=1).alignment.wrap_text is not True
        assert sheet.cell(row=row, column=2).alignment.vertical == "top"
        assert sheet.cell(row=row, column=2).alignment.wrap_text is True  # a line break
    assert sheet["A1"].font.bold is True
    assert sheet["A2"].font.bold is not True
    assert sheet.freeze_panes == "A2"


def test_dates_are_dates_and_the_defaults_print_the_table_title_in_danish() -> None:
    table = Table("session", "Mødet", ["Dato"], [[date(2026, 11, 26)]])
    sheet = book_of(workbook_bytes([table])).worksheets[0]
    assert sheet["A2"].number_format == "yyyy-mm-dd"
    assert sheet["A2"].value.date() == date(2026, 11, 26)
    assert sheet.oddHeader.center.text == "Mødet"
    assert sheet.oddFooter.center.text == "Side &P af &N"
    assert sheet.print_options.gridLines is True


def test_a_long_line_wraps_over_as_many_lines_as_the_column_holds() -> None:
    table = Table("roles", "Roller", ["Tekst"], [["x" * 118], ["x" * 119]])
    sheet = book_of(workbook_bytes([table])).worksheets[0]
    assert sheet.column_dimensions["A"].width == 60
    assert sheet.row_dimensions[2].height == 30  # 59 characters a line
    assert sheet.row_dimensions[3].height == 45


def test_a_summary_workbook_is_in_the_language_asked_with_the_sessions_title(
    en_pack: ContentPack,
) -> None:
    session = new_session(en_pack, "team")
    session.session.title = "Rota & plans"
    sheet = book_of(to_xlsx(session, en_pack, "en")).worksheets[0]
    assert sheet.oddHeader.center.text == "Rota && plans"
    assert sheet.oddFooter.center.text == "Page &P of &N"


@pytest.mark.parametrize("rows", [[[None]], []])
def test_a_column_with_no_words_at_all_is_laid_out(rows: list[list[None]]) -> None:
    sheet = book_of(workbook_bytes([Table("roles", "Tom", [""], rows)])).worksheets[0]
    assert sheet.column_dimensions["A"].width == 2
