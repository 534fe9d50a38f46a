"""The workbook prints (issue 21, item 4): read back with openpyxl, every sheet is set up
for A4 landscape, one page wide, with its header row on every page, the session's title at
the top and the page number at the foot; long text wraps in rows tall enough to show it."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from inddrag.domain.content import ContentPack
from inddrag.domain.export.files import render
from tests.print_fixtures import hard_reports


def workbook(pack: ContentPack, lang: str, which: str, tmp_path: Path) -> openpyxl.Workbook:
    report = hard_reports(pack, lang, tmp_path)[which]
    [(_, data)] = render(report, "xlsx", tmp_path / "x.xlsx")
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.mark.parametrize(
    ("lang", "which", "title", "footer"),
    [
        ("da", "session", "Nyt vagtplanlægningssystem – Hjemmeplejen Nord", "Side &P af &N"),
        ("en", "session", "Nyt vagtplanlægningssystem – Hjemmeplejen Nord", "Page &P of &N"),
        ("da", "rollup", "Plenum: 3 grupper", "Side &P af &N"),
    ],
)
def test_every_sheet_prints_landscape_one_page_wide(
    lang: str,
    which: str,
    title: str,
    footer: str,
    da_pack: ContentPack,
    en_pack: ContentPack,
    tmp_path: Path,
) -> None:
    book = workbook(da_pack if lang == "da" else en_pack, lang, which, tmp_path)
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9), sheet.title  # 9: A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.oddHeader.center.text == title
        assert sheet.oddFooter.center.text == footer


def test_long_text_wraps_in_rows_tall_enough(da_pack: ContentPack, tmp_path: Path) -> None:
    book = workbook(da_pack, "da", "session", tmp_path)
    roles = book["Roller"]
    assert roles["A1"].value == "Hvem" and roles["B1"].value == "Hvad"
    assert roles["A7"].value == "Arbejdsmiljørepræsentanter"
    assert roles.column_dimensions["A"].width == 28  # the longest word and a margin
    for column in "BCDEFG":
        assert roles[f"{column}2"].alignment.wrap_text is True
        assert roles[f"{column}13"].alignment.wrap_text is True
        assert roles.column_dimensions[column].width == 26  # "digitaliseringsforløbet," whole
    # Row 13 (Andre afdelinger): 182 characters in a column 26 wide: 8 lines of 15 points.
    assert len(roles["B13"].value) == 182
    assert roles.row_dimensions[13].height == 120
    advice = book["Fra forberedelsen"]
    assert advice["D1"].value == "råd"
    assert advice["D2"].alignment.wrap_text is True  # the longest title wraps, never cut
    assert advice["A2"].alignment.wrap_text is not True  # numbers do not
