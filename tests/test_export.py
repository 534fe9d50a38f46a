"""The Markdown and CSV summaries: golden files, hostile text, no pack, and ``inddrag export``.

Set ``INDDRAG_UPDATE_GOLDEN=1`` to rewrite the golden files after a deliberate change, and
read the diff before committing it.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from inddrag.domain import export, storage
from inddrag.domain.content import ContentPack
from inddrag.domain.export import escape, markdown
from inddrag.domain.export import tables as export_tables
from inddrag.domain.export.csv import csv_files
from inddrag.domain.export.tables import Table
from inddrag.domain.session import Session, add_votes, new_session, set_notes
from inddrag.i18n import format_date, format_datetime
from tests.conftest import REPO

Run = Callable[..., tuple[int, str, str]]
GOLDEN = REPO / "tests" / "golden"
PREP_MD = "## PREP (aggregate.markdown_prep_section)\n\nStands in for the merged count.\n"
PREP_TABLE = Table("prep", "Prep", ["prep", "aggregate.prep_table"], [[1, "=stands in"]])


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def fixed_prep(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the goldens independent of the aggregate module's own wording."""
    monkeypatch.setattr(markdown, "prep_section", lambda session, pack, lang, counts: PREP_MD)
    monkeypatch.setattr(export_tables, "prep_table", lambda session, pack, lang: PREP_TABLE)


def golden(name: str, produced: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("INDDRAG_UPDATE_GOLDEN"):
        path.write_bytes(produced)
    assert produced == path.read_bytes(), f"{name} differs; see INDDRAG_UPDATE_GOLDEN"


def render(markdown: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(markdown)


def inline_text(token: Token) -> str:
    """The text a reader sees in an inline token; fails on anything but text and breaks."""
    out: list[str] = []
    for child in token.children or []:
        if child.type == "text":
            out.append(child.content)
        elif child.type == "hardbreak" or (child.type == "html_inline" and child.content == "<br>"):
            out.append("\n")
        else:
            raise AssertionError(f"live markup in user text: {child.type} {child.content!r}")
    return "".join(out)


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Every table as rows of cell texts (the header row first)."""
    found: list[list[list[str]]] = []
    rows: list[list[str]] = []
    for token in tokens:
        if token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows is not None and token.level >= 4:
            rows[-1].append(inline_text(token))
        elif token.type == "table_close":
            found.append(rows)
    return found


def load(lang: str) -> Session:
    return storage.load_session(GOLDEN / f"session-{lang}.toml")


# --- golden files ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["da", "en"])
def test_golden_markdown(lang: str, da_pack: ContentPack, en_pack: ContentPack) -> None:
    """The whole summary, the preparation section with its real figures included."""
    pack = da_pack if lang == "da" else en_pack
    text = export.to_markdown(load(lang), pack, lang)
    golden(f"summary-{lang}.md", text.encode("utf-8"))


@pytest.mark.parametrize("lang", ["da", "en"])
def test_golden_csv(lang: str, da_pack: ContentPack, en_pack: ContentPack) -> None:
    pack = da_pack if lang == "da" else en_pack
    files = csv_files(load(lang), pack, lang)
    for part, text in files:
        golden(f"summary-{lang}-{part}.csv", text.encode("utf-8"))
    assert len(files) == 4  # session, advice, preparation, roles


# --- Markdown ----------------------------------------------------------------------------


def test_hostile_markdown_renders_as_typed(fixed_prep: None, da_pack: ContentPack) -> None:
    session = load("da")
    markdown = export.to_markdown(session, da_pack, "da")
    tokens = render(markdown)
    assert not [t for t in tokens if t.type == "html_block"]
    # the notes of advice 1, paragraph by paragraph, exactly as typed
    notes = session.advice[0].notes
    start = next(i for i, t in enumerate(tokens) if t.content.startswith("1. Lad medarbejderne"))
    inlines = [t for t in tokens[start + 1 :] if t.type == "inline"]
    end = next(i for i, t in enumerate(inlines) if t.content.startswith("Placeringer i "))
    assert inlines[0].content == "3 stemmer · nr. 1 i prioriteringen"
    assert "\n\n".join(inline_text(t) for t in inlines[1:end]) == notes
    assert inlines[end].content == "Placeringer i forberedelsen: Bo Larsen 2 · 1"
    assert inlines[end + 1].content == "Fra forberedelsen:"
    # the roles table: header, every column (added and orphaned), every row
    [table] = [t for t in tables(tokens) if t[0][0] == "Hvem"]
    assert table[0] == [
        "Hvem",
        "Hvad",
        "Hvornår/hvor ofte?",
        "Hvordan",
        "Status og næste skridt",
        "Budget | kr.",
        "gammel-kolonne",
    ]
    assert [row[0] for row in table[1:]] == [
        "Ledere",
        "Medarbejdere generelt",
        "Superbrugere 👩‍💻",
    ]
    assert table[1][4] == "Møde med IT aftalt 3. dec.\nOpfølgning i MED | SU"
    assert table[2][1] == "Melde tilbage om <b>fed</b> tekst & \\ skråstreg"
    assert table[3][3] == "- Oplæring\n- Sidemandsoplæring"
    assert table[3][6] == "Tekst i en kolonne, der er fjernet"


def test_markdown_head_in_danish_and_english(da_pack: ContentPack, en_pack: ContentPack) -> None:
    da = export.to_markdown(load("da"), da_pack, "da").splitlines()
    assert da[0] == "# Nyt vagtplanssystem – \\#1 \\<Hjemmeplejen>"
    assert "- **Dato:** 26. november 2026" in da
    assert "- **Senest ændret:** 8. januar 2027" in da
    assert "- **Deltagere:** Anna Jensen, Bo Larsen, Åse Ørum, Jens \\*Tillidsrep.\\*" in da
    en = export.to_markdown(load("en"), en_pack, "en").splitlines()
    assert "- **Date:** 26 November 2026" in en
    assert not any(line.startswith("- **Last changed") for line in en)  # same day


def test_priorities_in_order_with_votes(da_pack: ContentPack) -> None:
    lines = export.to_markdown(load("da"), da_pack, "da").splitlines()
    start = lines.index("## Det vigtigste")
    assert lines[start + 2 : start + 5] == [
        "1. Lad medarbejderne vurdere konsekvenserne for det gode arbejde og arbejdsmiljøet"
        " – 3 stemmer",
        "2. lokalt-raad (ukendt i indholdspakken) – 2 stemmer",
        "3. Inddrag medarbejderne så tidligt som muligt – 1 stemme",
    ]


def test_without_an_order_the_votes_decide(da_pack: ContentPack) -> None:
    session = new_session(da_pack)
    add_votes(session, "agile", 2)
    add_votes(session, "rammer", 2)
    add_votes(session, "tidligt", 5)
    text = export.to_markdown(session, da_pack, "da")
    assert (
        "Der er ikke sat en rækkefølge; rådene står efter antal stemmer.\n\n"
        "1. Inddrag medarbejderne så tidligt som muligt – 5 stemmer\n"
        "2. Sæt klare rammer for inddragelsen – 2 stemmer\n"
        "3. Overvej mere agile digitaliseringsforløb – 2 stemmer\n"
    ) in text


def test_an_empty_session_reads_well(da_pack: ContentPack) -> None:
    session = new_session(da_pack, when=datetime(2026, 3, 1, 9, 0))
    text = export.to_markdown(session, da_pack, "da")
    assert text.startswith("# Drøftelse uden titel\n\n- **Dato:** 1. marts 2026\n")
    assert "Ingen prioritering endnu." in text
    assert text.count("(Ingen noter.)") == 10
    assert "| Hvem | Hvad | Hvornår/hvor ofte? | Hvordan | Status og næste skridt |" in text
    assert text.endswith("| Andre |  |  |  |  |\n")


def test_a_prep_file_has_no_votes(da_pack: ContentPack) -> None:
    session = new_session(da_pack, "prep")
    session.session.facilitator = "Bo Larsen"
    session.priorities.order = ["usynligt"]
    set_notes(session, "usynligt", "Dokumentationen tager tid.")
    text = export.to_markdown(session, da_pack, "da")
    assert "- **Forberedt af:** Bo Larsen" in text
    assert "1. Vær opmærksom på “det usynlige arbejde”\n" in text
    assert "stemme" not in text
    assert "nr. 1 i prioriteringen\n\nDokumentationen tager tid." in text


def test_without_a_pack_titles_fall_back_to_ids(da_pack: ContentPack) -> None:
    session = load("da")
    text = export.to_markdown(session, None, "da")
    assert "### konsekvenser\n" in text and "### lokalt-raad\n" in text
    assert "1. konsekvenser – 3 stemmer" in text
    assert "### rammer" not in text  # only what the session mentions
    assert "Holdets drøftelse af “ti-gode-raad”." in text
    csv_text = export.to_csv(session, None, "da")
    assert ";konsekvenser;konsekvenser;3;1;" in csv_text


def test_prepared_notes_per_advice_and_the_prep_section(da_pack: ContentPack) -> None:
    session = load("da")
    text = export.to_markdown(session, da_pack, "da")
    assert (
        "Fra forberedelsen:\n\n- **Bo Larsen:** Aftenvagterne!  \n  Og weekenderne.\n"
        "- **Anonym:** Anonym bekymring: \\*overvågning\\*\n"
    ) in text
    section = markdown.prep_section(session, da_pack, "da").strip("\n")
    assert section and section in text
    assert text.index("## Det vigtigste") < text.index(section) < text.index("## Rådene")


def test_no_prep_section_without_inputs(da_pack: ContentPack) -> None:
    session = load("da")
    session.inputs = []
    text = export.to_markdown(session, da_pack, "da")
    assert "Fra forberedelsen" not in text
    assert "Fra forberedelsen" not in export.to_csv(session, da_pack, "da")


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("*vigtigt*", "\\*vigtigt\\*"),
        ("_kursiv_ og snake_case", "\\_kursiv\\_ og snake_case"),
        ("`kode`", "\\`kode\\`"),
        ("[link](http://x.dk)", "\\[link](http://x.dk)"),
        ("# ikke en overskrift", "\\# ikke en overskrift"),
        ("nr. #3", "nr. #3"),
        ("a -> b, 2 < 3 & 4 > 1", "a -> b, 2 < 3 & 4 > 1"),
        ("<b>fed</b> <!-- x --> <?php", "\\<b>fed\\</b> \\<!-- x --> \\<?php"),
        ("&amp; &#123; &#x1F600; &copy", "\\&amp; \\&#123; \\&#x1F600; &copy"),
        ("C:\\mappe\\fil", "C:\\\\mappe\\\\fil"),
        ("100 $ og ~ca.~", "100 \\$ og \\~ca.\\~"),
        ("- punkt", "\\- punkt"),
        ("+ punkt", "\\+ punkt"),
        ("3. dec.", "3\\. dec."),
        ("2) to", "2\\) to"),
        ("> citat", "\\> citat"),
        ("===", "\\==="),
        ("---", "\\---"),
        ("a | b", "a \\| b"),
    ],
)
def test_what_happens_to_markdown_characters(typed: str, written: str) -> None:
    """The decided rule: shown as typed, escaped only where Markdown would act on it."""
    assert escape.escape_block(typed) == [written]
    [paragraph] = [t for t in render(written) if t.type == "inline"]
    assert inline_text(paragraph) == typed


def test_cells_and_block_text_lose_control_characters() -> None:
    assert escape.escape_cell("a\x00b\x1b[31m\r\nc\x7f") == "ab\\[31m<br>c"
    assert escape.escape_block("  første\n\n\n   anden  \r\ntredje\t\n") == [
        "første",
        "",
        "anden  ",
        "tredje",
    ]


@pytest.mark.parametrize(
    ("typed", "lines"),
    [
        # Any run of blank lines is one paragraph break; none before the first.
        ("a\n\n\n\nb", ["a", "", "b"]),
        ("\n\n \n\nabc\n\n\n\n\n\nd", ["abc", "", "d"]),
        # A paragraph's first line is escaped as a line of its own, not with the lines
        # below it (which would hide that "---" or "1." is all of it).
        ("---\nnext", ["\\---  ", "next"]),
        ("1.\nx", ["1\\.  ", "x"]),
        ("x\n---\n1.", ["x  ", "\\---  ", "1\\."]),
    ],
)
def test_paragraphs_and_their_first_lines(typed: str, lines: list[str]) -> None:
    assert escape.escape_block(typed) == lines
    assert escape.escape_block(typed, indent="  ") == [
        lines[0],
        *[("  " + line if line else "") for line in lines[1:]],
    ]


def test_a_note_of_only_blanks_is_no_lines_indented_or_not() -> None:
    assert escape.escape_block(" \n\t\n", indent="  ") == []
    assert escape.escape_block("\x01\n", indent="  ") == []
    assert escape.escape_block("") == []


@pytest.mark.parametrize(
    ("when", "da", "en"),
    [
        (date(2026, 11, 26), "26. november 2026", "26 November 2026"),
        (date(2027, 1, 8), "8. januar 2027", "8 January 2027"),
        (date(2026, 5, 1), "1. maj 2026", "1 May 2026"),
    ],
)
def test_dates_without_a_locale(when: date, da: str, en: str) -> None:
    assert format_date(when, "da") == da
    assert format_date(when, "en") == en


def test_every_month_has_a_name() -> None:
    for lang in ("da", "en"):
        names = {format_date(date(2026, month, 1), lang) for month in range(1, 13)}
        assert len(names) == 12 and not any("month_" in n for n in names)
    assert format_datetime(datetime(2026, 11, 26, 9, 5), "da") == ("26. november 2026 kl. 09.05")


# --- CSV ---------------------------------------------------------------------------------


def parse_csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


def test_csv_for_a_danish_spreadsheet(da_pack: ContentPack) -> None:
    files = dict(csv_files(load("da"), da_pack, "da"))
    assert list(files) == ["session", "raad", "forberedelse", "roller"]
    for text in files.values():
        assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")
        assert "\r\n" in text and "\r" not in text.replace("\r\n", "")
    facts = parse_csv(files["session"])
    assert facts[:2] == [["felt", "værdi"], ["titel", "Nyt vagtplanssystem – #1 <Hjemmeplejen>"]]
    assert ["dato", "2026-11-26"] in facts
    rows = parse_csv(files["raad"])
    assert rows[0] == ["nr", "id", "råd", "stemmer", "prioritet", "noter", "fra_forberedelsen"]
    first = rows[1]
    assert first[:5] == ["1", "konsekvenser", da_pack.advice[0].title, "3", "1"]
    assert first[5] == load("da").advice[0].notes  # line breaks inside the cell survive
    assert first[6] == (
        "Bo Larsen: Aftenvagterne!\nOg weekenderne.\nAnonym: Anonym bekymring: *overvågning*"
    )
    unknown = next(r for r in rows if r[1:2] == ["lokalt-raad"])
    assert unknown[:5] == ["", "lokalt-raad", "lokalt-raad (ukendt i indholdspakken)", "2", "2"]
    assert all(len(row) == 7 for row in rows)  # one tidy table: every row the same width
    roles = parse_csv(files["roller"])
    assert roles[0] == [
        "Hvem",
        "Hvad",
        "Hvornår/hvor ofte?",
        "Hvordan",
        "Status og næste skridt",
        "Budget | kr.",
        "gammel-kolonne",
    ]
    assert roles[1][5] == "'=SUM(A1:A3)"  # never a live formula
    assert roles[3][3] == "'- Oplæring\n- Sidemandsoplæring"
    prep = parse_csv(files["forberedelse"])
    assert prep[0][:3] == ["plads", "nr", "id"]
    assert prep[1][7:] == ["1,50", "0,50", ""]  # decimal comma in Danish
    english = dict(csv_files(load("da"), da_pack, "en"))
    assert parse_csv(english["preparation"])[1][7:] == ["1.50", "0.50", ""]


def test_csv_formula_guard() -> None:
    assert [escape.csv_text(v) for v in ["=1+1", "+45", "-x", "@SUM", "\tx", "a=1", ""]] == [
        "'=1+1",
        "'+45",
        "'-x",
        "'@SUM",
        "'\tx",
        "a=1",
        "",
    ]


# --- inddrag export ----------------------------------------------------------------------


def test_export_prints_markdown_in_the_sessions_language(
    run_cli: Run, en_pack: ContentPack
) -> None:
    code, out, err = run_cli("export", str(GOLDEN / "session-en.toml"))
    assert code == 0
    assert out == (GOLDEN / "summary-en.md").read_text(encoding="utf-8")
    assert "advarsel: the advice" not in err and "advarsel:" in err  # warnings in UI language


def test_export_to_a_file_and_as_csv(run_cli: Run, da_pack: ContentPack) -> None:
    code, out, _ = run_cli("export", str(GOLDEN / "session-da.toml"), "-o", "referat.md")
    assert (code, out) == (0, "✓ skrev referat.md\n")
    assert Path("referat.md").read_bytes() == (GOLDEN / "summary-da.md").read_bytes()
    code, out, _ = run_cli("export", str(GOLDEN / "session-da.toml"), "-o", "referat.csv")
    assert code == 0
    names = ["session", "raad", "forberedelse", "roller"]
    assert out.splitlines() == [f"✓ skrev referat-{name}.csv" for name in names]
    assert not Path("referat.csv").exists()
    assert Path("referat-raad.csv").read_bytes().startswith(b"\xef\xbb\xbfnr;id;")
    code, out, _ = run_cli("export", str(GOLDEN / "session-da.toml"), "--format", "csv")
    assert code == 0 and out.startswith("\ufeffnr;id;råd;")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            'format = "inddrag-session"\nversion = 4\n',
            "møde.toml:2: version: the file was written by a newer version of inddrag",
        ),
        ('format = "inddrag-session"\nversion = 1\n[session\n', "møde.toml:3: invalid TOML"),
        ("", "møde.toml: the file is empty"),
    ],
)
def test_export_of_a_bad_file_is_one_line_and_exit_2(
    run_cli: Run, content: str, expected: str
) -> None:
    Path("møde.toml").write_text(content, encoding="utf-8")
    code, out, err = run_cli("export", "møde.toml", "--lang", "en")
    assert code == 2 and out == ""
    assert err.startswith(expected) and "Traceback" not in err


def test_export_never_overwrites_the_session(run_cli: Run) -> None:
    source = Path("møde.toml")
    source.write_bytes((GOLDEN / "session-da.toml").read_bytes())
    code, _, err = run_cli("export", "møde.toml", "-o", "./møde.toml")
    assert code == 2 and "kan ikke skrives oven i selve sessionsfilen" in err
    assert source.read_bytes() == (GOLDEN / "session-da.toml").read_bytes()


def test_export_into_a_missing_folder(run_cli: Run) -> None:
    code, _, err = run_cli("export", str(GOLDEN / "session-da.toml"), "-o", "væk/referat.md")
    assert code == 2
    assert err.splitlines()[-1] == "“referat.md” blev ikke gemt, fordi mappen væk ikke findes."


def test_export_with_another_pack_warns(run_cli: Run, pack_copy: Path) -> None:
    advice = pack_copy / "advice.toml"
    advice.write_text(
        advice.read_text(encoding="utf-8").replace('id = "ti-gode-raad"', 'id = "vores"', 1),
        encoding="utf-8",
    )
    code, out, err = run_cli("export", str(GOLDEN / "session-da.toml"), "--content", str(pack_copy))
    assert code == 0 and out.startswith("# Nyt vagtplanssystem")
    assert "indholdspakken i" in err and "“vores”" in err


def test_export_help(run_cli: Run) -> None:
    code, out, _ = run_cli("export", "--help")
    assert code == 0 and "--format" in out and "sessionsfilen (.toml)" in out


def test_a_name_is_written_the_same_in_every_section(da_pack: ContentPack) -> None:
    """One escaping for the whole summary: the head, the prep count and the advice notes."""
    name = "Bo & <Kim> A_B"
    written = "Bo & \\<Kim> A_B"
    session = load("da")
    session.session.participants = [name]
    session.inputs[0].participant = name
    text = export.to_markdown(session, da_pack, "da")
    head, rest = text.split("## Fra forberedelsen", 1)
    prep, advice = rest.split("## Rådene", 1)
    assert f"- **Deltagere:** {written}\n" in head
    assert f": {written}." in prep  # “Forberedt af: …”
    assert f"- **{written}:** " in advice
    assert "Bo &amp;" not in text and "&lt;Kim&gt;" not in text and "A\\_B" not in text
