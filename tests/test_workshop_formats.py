"""Every export format is one registry entry, its renderer, its strings and a golden file
(docs/architecture.md, “A format”): this test holds each format to that recipe.

The golden file ``tests/golden/format-{lang}-{id}.txt`` is what the format makes of the
golden session: the bytes of a text format (each file of a CSV export under its name), and
for a binary one what a reader sees (sheets, page setup, cells). Regenerate with
``INDDRAG_UPDATE_GOLDEN=1`` and read the diff.
"""

from __future__ import annotations

import importlib
import io
import os
from pathlib import Path

import openpyxl
import pytest

from inddrag.domain import storage
from inddrag.domain.content import ContentPack
from inddrag.domain.export.files import render, session_report
from inddrag.domain.export.formats import FORMATS
from inddrag.i18n import catalog
from tests.conftest import REPO

GOLDEN = REPO / "tests" / "golden"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_has_its_parts(fmt: str) -> None:
    entry = FORMATS[fmt]
    assert callable(importlib.import_module(entry.module).files)
    assert entry.suffix.startswith(".") and entry.suffix == entry.suffix.lower()
    for lang in ("da", "en"):
        strings = catalog(lang)
        for key in (entry.label_key, entry.help_key, f"ui.saveas_title_{fmt}"):
            assert key in strings, (lang, key)
        assert (GOLDEN / f"format-{lang}-{fmt}.txt").is_file()


def what_a_reader_sees(data: bytes) -> str:
    """A workbook as text: each sheet's name, page setup, header and footer, then its rows."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    out: list[str] = []
    for sheet in book.worksheets:
        setup = sheet.page_setup
        out += [
            f"## {sheet.title}",
            f"page: {setup.orientation}, {setup.fitToWidth} wide, titles {sheet.print_title_rows}",
            f"header: {sheet.oddHeader.center.text}",
            f"footer: {sheet.oddFooter.center.text}",
        ]
        for row in sheet.iter_rows():
            out.append(" | ".join("" if c.value is None else repr(c.value) for c in row))
        out.append("")
    return "\n".join(out)


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("lang", ["da", "en"])
def test_golden_per_format(fmt: str, lang: str, da_pack: ContentPack, en_pack: ContentPack) -> None:
    session = storage.load_session(GOLDEN / f"session-{lang}.toml")
    report = session_report(session, da_pack if lang == "da" else en_pack, lang)
    parts = []
    for path, data in render(report, fmt, Path(f"referat{FORMATS[fmt].suffix}")):
        text = what_a_reader_sees(data) if FORMATS[fmt].binary else data.decode("utf-8")
        parts.append(f"==> {path.name} <==\n{text}")
    produced = "\n".join(parts).encode("utf-8")
    golden = GOLDEN / f"format-{lang}-{fmt}.txt"
    if os.environ.get("INDDRAG_UPDATE_GOLDEN"):
        golden.write_bytes(produced)
    assert produced == golden.read_bytes(), f"{golden.name} differs; see INDDRAG_UPDATE_GOLDEN"
