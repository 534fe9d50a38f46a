"""Issue 22, items 4 and 11: what no export may carry.

XML cannot hold U+FFFE, U+FFFF or a lone surrogate: a workbook with one is corrupt, so
they are shown as ``⟨U+FFFE⟩`` before they reach XML (every sheet is read back with
openpyxl). Bidi overrides reach no Markdown, CSV or HTML raw, and zero-width characters
are shown in names and titles, as the terminal shows them.
"""

from __future__ import annotations

import io
import zipfile

import openpyxl

from inddrag.domain.content import ContentPack
from inddrag.domain.export import to_csv, to_markdown
from inddrag.domain.export.html import to_html
from inddrag.domain.export.xlsx import to_xlsx
from inddrag.domain.session import Session, new_session, set_cell, set_notes
from tests.ui_helpers import WHEN

ILLEGAL = "a\ufffeb\uffffc"


def odd_session(pack: ContentPack) -> Session:
    session = new_session(pack, "team", when=WHEN)
    session.session.title = "Møde\u202eredaeL " + ILLEGAL
    session.session.facilitator = "Å\u200bse"
    first = pack.advice[0].id
    set_notes(session, first, "Note " + ILLEGAL + " \u202eslut")
    roles = session.roles
    roles.rows[0].name = "Rolle" + ILLEGAL
    roles.columns[0].title = "Kolonne\u2066x\u2069"
    set_cell(session, roles.rows[0].id, roles.columns[0].id, "Celle " + ILLEGAL)
    return session


def test_a_workbook_with_xml_illegal_characters_reads_back_sheet_by_sheet(
    da_pack: ContentPack,
) -> None:
    data = to_xlsx(odd_session(da_pack), da_pack, "da")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # the XML itself holds none of them
        for name in archive.namelist():
            text = archive.read(name).decode("utf-8")
            assert "\ufffe" not in text and "\uffff" not in text, name
    book = openpyxl.load_workbook(io.BytesIO(data))
    values: list[str] = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            values += [str(v) for v in row if v is not None]
    assert len(book.worksheets) >= 3
    joined = "\n".join(values)
    assert "Note a⟨U+FFFE⟩b⟨U+FFFF⟩c ⟨U+202E⟩slut" in joined
    assert "Celle a⟨U+FFFE⟩b⟨U+FFFF⟩c" in joined
    assert "Rollea⟨U+FFFE⟩b⟨U+FFFF⟩c" in joined


def test_markdown_csv_and_html_show_bidi_and_zero_width_in_names_and_titles(
    da_pack: ContentPack,
) -> None:
    session = odd_session(da_pack)
    for name, text in (
        ("md", to_markdown(session, da_pack, "da")),
        ("csv", to_csv(session, da_pack, "da")),
        ("html", to_html(session, da_pack, "da")),
    ):
        for raw in ("\u202e", "\u2066", "\u2069", "\ufffe", "\uffff"):
            assert raw not in text, (name, raw)
        assert "⟨U+202E⟩" in text, name
    markdown = to_markdown(session, da_pack, "da")
    assert markdown.startswith("# Møde⟨U+202E⟩redaeL a⟨U+FFFE⟩b⟨U+FFFF⟩c\n")
    assert "Å⟨U+200B⟩se" in markdown
    assert "Å\u200bse" not in markdown
