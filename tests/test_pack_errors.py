"""Every way a content pack can be broken gets one clear line: file, line, key, sentence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from inddrag.domain.content import load_pack
from inddrag.domain.errors import FileProblems

ADVICE_OK = """\
[pack]
id = "lille"
version = "1"
language = "da"
title = "En lille pakke"

[[advice]]
id = "foerste"
title = "Første råd"
text = "Tekst."

[[advice]]
id = "andet"
title = "Andet råd"
text = "Mere tekst."
"""

ROLES_OK = """\
[template]
title = "Roller"
row_header = "Hvem"

[[columns]]
id = "hvad"
title = "Hvad"

[[roles]]
id = "ledere"
name = "Ledere"
examples = { hvad = "Fx noget" }
"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in the temporary folder so file names print short, as a user would see them."""
    monkeypatch.chdir(tmp_path)


def write_pack(folder: Path, advice: str | bytes = ADVICE_OK, roles: str = ROLES_OK) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    raw = advice if isinstance(advice, bytes) else advice.encode("utf-8")
    (folder / "advice.toml").write_bytes(raw)
    (folder / "roles.toml").write_text(roles, encoding="utf-8")
    return folder


def problems_of(folder: Path, lang: str = "en") -> list[str]:
    with pytest.raises(FileProblems) as info:
        load_pack(folder)
    return [p.render(lang) for p in info.value.problems]


def test_small_valid_pack_loads(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path / "p"))
    assert [a.id for a in pack.advice] == ["foerste", "andet"]


# (name, advice.toml text, expected substrings of the single problem line)
CASES: list[tuple[str, str | bytes, list[str]]] = [
    (
        "wrong_type",
        ADVICE_OK.replace('title = "Andet råd"', "title = 42"),
        ["advice.toml:14: advice[2].title: expected text, found a number"],
    ),
    (
        "missing_key",
        ADVICE_OK.replace('text = "Mere tekst."\n', ""),
        ["advice.toml:12: advice[2].text: this key is missing"],
    ),
    (
        "misspelt_key",
        ADVICE_OK.replace('title = "Første råd"', 'titel = "Første råd"'),
        ["advice.toml:9: advice[1].titel: unknown key – did you mean “title”?"],
    ),
    (
        "duplicate_id",
        ADVICE_OK.replace('id = "andet"', 'id = "foerste"'),
        ["advice.toml:13: advice[2].id: the id “foerste” is already used (in no. 1)"],
    ),
    (
        "bad_id",
        ADVICE_OK.replace('id = "andet"', 'id = "Andet Råd"'),
        ["advice.toml:13: advice[2].id: “Andet Råd” is not a valid id"],
    ),
    (
        "syntax",
        ADVICE_OK.replace('title = "Første råd"', 'title = "Første råd'),
        ["advice.toml:9: invalid TOML"],
    ),
    ("empty", "# nothing but a comment\n\n", ["advice.toml: the file is empty"]),
    ("not_utf8", ADVICE_OK.replace("Første", "F\udcf8rste"), ["advice.toml:9: "]),
    (
        "deep_nesting",
        ADVICE_OK + "x = " + "[" * 2000 + "]" * 2000 + "\n",
        ["advice.toml"],
    ),
    (
        "no_advice",
        ADVICE_OK.split("[[advice]]")[0],
        ["advice.toml: advice: this key is missing"],
    ),
    (
        "empty_title",
        ADVICE_OK.replace('title = "Første råd"', 'title = ""'),
        ["advice.toml:9: advice[1].title: must not be empty"],
    ),
    (
        "pack_table_wrong_type",
        ADVICE_OK.replace('version = "1"', "version = 1"),
        ["advice.toml:3: pack.version: expected text, found a number"],
    ),
]


@pytest.mark.parametrize(("name", "advice", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_failure_mode_names_file_line_and_key(
    tmp_path: Path, name: str, advice: str | bytes, expected: list[str]
) -> None:
    if name == "not_utf8":
        advice = ADVICE_OK.replace("Første", "F\xf8rste").encode("latin-1")
    folder = write_pack(tmp_path / name, advice)
    before = (folder / "advice.toml").read_bytes()
    lines = problems_of(folder)
    assert len(lines) == 1, lines
    for part in expected:
        assert part in lines[0], lines
    assert (folder / "advice.toml").read_bytes() == before  # never touched


def test_not_utf8_says_so(tmp_path: Path) -> None:
    advice = ADVICE_OK.replace("Første", "F\xf8rste").encode("latin-1")
    lines = problems_of(write_pack(tmp_path / "p", advice))
    assert lines == [
        "p/advice.toml:9: the file is not saved as UTF-8; save it again as UTF-8 in your editor"
    ]


def test_bom_is_accepted(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", b"\xef\xbb\xbf" + ADVICE_OK.encode("utf-8"))
    assert load_pack(folder).info.id == "lille"


def test_all_problems_in_both_files_at_once(tmp_path: Path) -> None:
    advice = ADVICE_OK.replace('title = "Første råd"', "title = 1").replace(
        'text = "Mere tekst."', "tekst = 'x'"
    )
    roles = ROLES_OK.replace('examples = { hvad = "Fx noget" }', 'examples = { hvem = "Fx" }')
    lines = problems_of(write_pack(tmp_path / "p", advice, roles))
    assert any("advice[1].title" in line for line in lines)
    assert any("advice[2].tekst" in line and "did you mean “text”" in line for line in lines)
    assert any(
        line.startswith("p/roles.toml:12: roles[1].examples.hvem: the column “hvem”")
        for line in lines
    ), lines


def test_inline_table_keys_are_located(tmp_path: Path) -> None:
    roles = ROLES_OK.replace('name = "Ledere"', "name = []")
    lines = problems_of(write_pack(tmp_path / "p", roles=roles))
    assert lines == ["p/roles.toml:11: roles[1].name: expected text, found a list"]


def test_line_numbers_survive_multiline_strings(tmp_path: Path) -> None:
    advice = ADVICE_OK.replace(
        'text = "Tekst."', 'text = """\nLinje [1]\nid = "ikke en nøgle"\n"""'
    ).replace('title = "Andet råd"', "title = true")
    lines = problems_of(write_pack(tmp_path / "p", advice))
    assert lines == ["p/advice.toml:17: advice[2].title: expected text, found true/false"]


def test_more_than_100_advice_is_refused_and_one_is_fine(tmp_path: Path) -> None:
    head = ADVICE_OK.split("[[advice]]")[0]
    one = head + '[[advice]]\nid = "a"\ntitle = "A"\ntext = "T"\n'
    assert len(load_pack(write_pack(tmp_path / "one", one)).advice) == 1
    many = head + "".join(f'[[advice]]\nid = "a{i}"\ntitle = "A"\ntext = "T"\n' for i in range(101))
    lines = problems_of(write_pack(tmp_path / "many", many))
    assert lines == ["many/advice.toml:7: advice: may have at most 100"]


def test_missing_folder_and_missing_file(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope") == ["nope: the content pack does not exist"]
    folder = write_pack(tmp_path / "p")
    (folder / "roles.toml").unlink()
    assert problems_of(folder) == ["p/roles.toml: the file does not exist"]


def test_messages_are_danish_by_default(tmp_path: Path) -> None:
    advice = ADVICE_OK.replace('title = "Andet råd"', "title = 42")
    lines = problems_of(write_pack(tmp_path / "p", advice), lang="da")
    assert lines[0].endswith("advice[2].title: forventede tekst, men fandt et tal")


def test_cli_check_bad_pack_exits_2(
    tmp_path: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    advice = ADVICE_OK.replace('title = "Andet råd"', "title = 42")
    folder = write_pack(tmp_path / "p", advice)
    code, out, err = run_cli("check", "--lang", "en", str(folder))
    assert code == 2
    assert "p/advice.toml:14: advice[2].title: expected text, found a number" in out
    assert "Traceback" not in out + err


def test_a_nul_in_a_path_is_our_error_not_a_crash() -> None:
    from inddrag.domain.tomlfile import read_toml

    with pytest.raises(FileProblems) as info:
        read_toml(Path("møde\x00.toml"))
    assert info.value.problems[0].code == "unreadable"


def test_a_duplicate_id_is_reported_with_the_other_problems(tmp_path: Path) -> None:
    advice = ADVICE_OK.replace('id = "andet"', 'id = "foerste"').replace(
        'title = "Første råd"', 'titel = "Første råd"'
    )
    lines = problems_of(write_pack(tmp_path / "p", advice))
    assert lines == [
        "p/advice.toml:9: advice[1].titel: unknown key – did you mean “title”?",
        "p/advice.toml:13: advice[2].id: the id “foerste” is already used (in no. 1)",
    ]


# --- the line index is built once per file, and only when a problem needs a line ---------


def _count_scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from inddrag.domain import tomlfile

    scanned: list[str] = []
    real = tomlfile.KeyLines._scan

    def counting(self: tomlfile.KeyLines, text: str) -> None:
        scanned.append(text[:40])
        real(self, text)

    monkeypatch.setattr(tomlfile.KeyLines, "_scan", counting)
    return scanned


def test_a_clean_pack_is_never_scanned_for_lines(
    pack_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scanned = _count_scans(monkeypatch)
    load_pack(pack_copy)
    assert scanned == []


def test_a_file_with_several_problems_is_scanned_once(
    pack_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roles = pack_copy / "roles.toml"
    text = roles.read_text(encoding="utf-8")
    text = text.replace('id = "hvornaar"', 'id = "hvad"').replace('id = "andre"', 'id = "ledere"')
    text = text.replace("examples = { hvad =", "examples = { ukendt =", 1)
    roles.write_text(text, encoding="utf-8")
    scanned = _count_scans(monkeypatch)
    with pytest.raises(FileProblems) as info:
        load_pack(pack_copy)
    codes = sorted(p.code for p in info.value.problems)
    assert codes == ["duplicate_id", "duplicate_id", "unknown_column"]
    assert len(scanned) == 1


def test_the_line_index_is_kept(tmp_path: Path) -> None:
    from inddrag.domain.tomlfile import read_toml

    path = tmp_path / "a.toml"
    path.write_text('a = 1\n[b]\nc = "x"\n', encoding="utf-8")
    doc = read_toml(path)
    assert doc.lines is doc.lines
    assert doc.with_data({}).lines is doc.lines
    assert doc.lines.line_of(("b", "c")) == 3
