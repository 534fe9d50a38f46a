"""The workbook and the printable page: read back with openpyxl, parsed as HTML."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from inddrag.domain import storage
from inddrag.domain.content import ContentPack
from inddrag.domain.export.files import session_report, write_report
from inddrag.domain.export.html import render_page, to_html
from inddrag.domain.export.xlsx import sheet_title, to_xlsx
from inddrag.domain.session import Session, set_cell, set_notes
from tests.conftest import REPO
from tests.test_followup import follow_up_session

Run = Callable[..., tuple[int, str, str]]
GOLDEN = REPO / "tests" / "golden"
FORMULA_LIKE = ["=1+1", "+45 12 34 56 78", "- punkt", "@SUM(A1)", '=HYPERLINK("http://x")']


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def hostile() -> Session:
    session = follow_up_session()
    for advice_id, text in zip(
        ["rammer", "information", "roller", "agile", "usynligt"], FORMULA_LIKE, strict=True
    ):
        set_notes(session, advice_id, text)
    set_cell(session, "ledere", "hvordan", "Linje 1\nLinje 2 – æøå ÆØÅ")
    return session


def workbook(session: Session, pack: ContentPack) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(to_xlsx(session, pack, "da")))


# --- the workbook -------------------------------------------------------------------------


def test_one_sheet_per_table(da_pack: ContentPack) -> None:
    book = workbook(hostile(), da_pack)
    assert book.sheetnames == ["Session", "Råd", "Fra forberedelsen", "Roller", "Siden sidst"]


def test_numbers_are_numbers_and_text_is_text(da_pack: ContentPack) -> None:
    sheet = workbook(hostile(), da_pack)["Råd"]
    header = [cell.value for cell in sheet[1]]
    assert header == ["nr", "id", "råd", "stemmer", "prioritet", "noter", "fra_forberedelsen"]
    first = [cell.value for cell in sheet[2]]
    assert first[:5] == [1, "konsekvenser", da_pack.advice[0].title, 5, 2]
    assert isinstance(first[3], int) and sheet.cell(2, 4).data_type == "n"
    notes = {row[1].value: row[5] for row in sheet.iter_rows(min_row=2)}
    for advice_id, typed in zip(
        ["rammer", "information", "roller", "agile", "usynligt"], FORMULA_LIKE, strict=True
    ):
        cell = notes[advice_id]
        assert (cell.value, cell.data_type) == (typed, "s")  # as typed, no apostrophe
        assert not cell.quotePrefix
    prep = workbook(hostile(), da_pack)["Fra forberedelsen"]
    assert [c.value for c in prep[2]][7:] == [1.5, 0.5, None]


def test_danish_letters_line_breaks_and_dates(da_pack: ContentPack) -> None:
    book = workbook(hostile(), da_pack)
    roles = book["Roller"]
    cell = roles.cell(2, 4)
    assert cell.value == "Linje 1\nLinje 2 – æøå ÆØÅ" and cell.alignment.wrap_text
    assert roles.cell(2, 6).value == "=SUM(A1:A3)" and roles.cell(2, 6).data_type == "s"
    facts = {row[0].value: row[1].value for row in book["Session"].iter_rows(min_row=2)}
    assert facts["dato"] == datetime(2027, 5, 3)  # a real date, the meeting's
    since = book["Siden sidst"]
    assert [c.value for c in since[1]] == [
        "møde",
        "siden",
        "ændring",
        "emne",
        "kolonne",
        "før",
        "efter",
    ]
    first = [c.value for c in since[2]]
    assert first[:5] == [datetime(2027, 5, 3), datetime(2027, 2, 10), "celle", "Ledere", "Hvordan"]
    assert (first[5], first[6]) == (None, "Linje 1\nLinje 2 – æøå ÆØÅ")


def test_sheet_titles_excel_accepts() -> None:
    taken: set[str] = set()
    assert sheet_title("Hvem: gør [hvad]?", taken) == "Hvem- gør -hvad--"
    assert sheet_title("x" * 40, taken) == "x" * 31
    assert sheet_title("x" * 40, taken) == "x" * 27 + " (2)"


# --- the printable page -------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []
        self.classes: dict[str, list[str]] = {}
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "action", "srcset") and value:
                self.urls.append(value)
            if name == "class" and value:
                self.classes.setdefault(tag, []).append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_the_page_is_self_contained_and_prints(da_pack: ContentPack) -> None:
    session = storage.load_session(GOLDEN / "session-da.toml")
    html = to_html(session, da_pack, "da")
    page = parse(html)
    assert "script" not in page.tags and "img" not in page.tags and "link" not in page.tags
    assert page.urls == []  # no resource and no link from anywhere
    # the roles table starts a new page, landscape (its longest words do not fit portrait)
    assert page.classes["h2"] == ["page-break wide"]
    assert "@page { size: A4" in html and "thead { display: table-header-group; }" in html
    assert (
        '<html lang="da">' in html
        and "<title>Nyt vagtplanssystem – #1 &lt;Hjemmeplejen&gt;" in html
    )
    text = "".join(page.text)
    assert "<script>alert(1)</script>" in text  # the team's text, shown as typed
    assert "[link](http://x.dk)" in text
    assert "<td>Møde med IT aftalt 3. dec.<br>Opfølgning i MED | SU</td>" in html


def test_raw_html_and_links_are_disarmed_even_if_the_markdown_had_them() -> None:
    markdown = (
        "# T\n\n<div onclick=x>blok</div>\n\ntekst <img src=http://x/y.png> "
        "[her](http://ude.dk) [pakke](https://pakke.dk/raad) ![b](http://x/b.png)<br>\n"
    )
    html = render_page(markdown, title="T", lang="da", links={"https://pakke.dk/raad"})
    page = parse(html)
    assert page.urls == ["https://pakke.dk/raad"]  # only what the pack names
    assert "img" not in page.tags and "div" not in page.tags
    assert "&lt;div onclick=x&gt;" in html and "<br>" in html


def test_since_last_time_in_every_format(da_pack: ContentPack) -> None:
    report = session_report(follow_up_session(), da_pack, "da")
    written = write_report(report, "csv", Path("møde.csv"))
    assert Path("møde-siden-sidst.csv") in written
    text = Path("møde-siden-sidst.csv").read_text(encoding="utf-8-sig")
    assert (
        text.splitlines()[1]
        == "2027-05-03;2027-02-10;celle;Projektgruppen;Hvad;;Følge op | hver måned"
    )
    assert "Siden sidst" in to_html(follow_up_session(), da_pack, "da")


# --- inddrag export -------------------------------------------------------------------------


def test_export_xlsx_and_html_from_the_command_line(run_cli: Run) -> None:
    source = str(GOLDEN / "session-da.toml")
    code, out, _ = run_cli("export", source, "-o", "referat.xlsx")
    assert (code, out) == (0, "✓ skrev referat.xlsx\n")
    assert openpyxl.load_workbook("referat.xlsx").sheetnames[0] == "Session"
    code, out, _ = run_cli("export", source, "-o", "referat.html")
    assert code == 0 and Path("referat.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")
    code, out, _ = run_cli("export", source, "--format", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    code, out, err = run_cli("export", source, "--format", "xlsx")
    assert (code, out) == (2, "")
    sentence = "Formatet “Regneark” kan ikke skrives på skærmen. Angiv en fil med -o, fx -o "
    assert sentence + "referat.xlsx." in err
