"""The printable HTML page on A4 (issue 21, item 3): no word or number broken.

The session's summary and the plenary's roll-up, in Danish and English, of a session with
12 roles, 6 columns, long notes and ten preparations (:mod:`tests.print_fixtures`), are
printed to PDF by headless Chromium and read back with ``pdftotext -layout``: every word of
every table header, and every number in a table, must stand whole in the text at least as
often as the tables hold it. Skipped (saying so) where Chromium or pdftotext is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from inddrag.domain.content import ContentPack
from inddrag.domain.export.files import render
from inddrag.domain.export.html import is_wide
from tests.ci import missing
from tests.print_fixtures import hard_reports

CHROMIUM = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)
PDFTOTEXT = shutil.which("pdftotext")
NUMBER = re.compile(r"\d+(?:[.,]\d+)?\.?")


class _Cells(HTMLParser):
    """The text of every ``th`` and ``td`` of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.cells: list[str] = []
        self._into: list[str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("th", "td"):
            self._into, self._text = (self.headers if tag == "th" else self.cells), []
        elif tag == "br" and self._into is not None:
            self._text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._into is not None:
            self._into.append("".join(self._text))
            self._into = None

    def handle_data(self, data: str) -> None:
        if self._into is not None:
            self._text.append(data)


def print_to_pdf(html: Path, pdf: Path, profile: Path) -> None:
    assert CHROMIUM is not None
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )


def test_a_table_is_wide_by_its_longest_words() -> None:
    assert not is_wide([["Plads", "1."], ["Nr.", "10"], ["Råd", "Overvej mere agile"]])
    long_word = "Arbejdsmiljørepræsentanter"  # 26 letters, never broken
    assert is_wide([[long_word]] * 3 + [["Hvad"]] * 4)
    assert not is_wide([["Hvem", "Ledere"], ["Hvad", "Skabe klarhed om rammer og roller"]])


@pytest.mark.parametrize("lang", ["da", "en"])
def test_printed_pages_break_no_word_and_no_number(
    lang: str, da_pack: ContentPack, en_pack: ContentPack, tmp_path: Path
) -> None:
    if CHROMIUM is None or PDFTOTEXT is None:
        missing("headless Chromium and pdftotext are needed to print the HTML to PDF and read it")
    pack = da_pack if lang == "da" else en_pack
    for name, report in hard_reports(pack, lang, tmp_path).items():
        [(page, data)] = render(report, "html", tmp_path / f"{name}-{lang}.html")
        page.write_bytes(data)
        html = data.decode("utf-8")
        assert f'<html lang="{lang}">' in html
        pdf = page.with_suffix(".pdf")
        print_to_pdf(page, pdf, tmp_path / f"profile-{name}")
        text = subprocess.run(
            [str(PDFTOTEXT), "-layout", str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
        printed = Counter(text.split())
        cells = _Cells()
        cells.feed(html)
        assert cells.headers, name
        wanted = Counter(word for header in cells.headers for word in header.split())
        wanted += Counter(cell.strip() for cell in cells.cells if NUMBER.fullmatch(cell.strip()))
        broken = {word: n for word, n in wanted.items() if printed[word] < n}
        assert not broken, f"{name}-{lang}: printed broken or missing: {broken}"
