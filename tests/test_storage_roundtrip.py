"""Save → load gives back exactly the session, whatever text is in it (hypothesis)."""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import example, given

import tests.hypothesis_profiles  # noqa: F401  (loads the profile)
from inddrag.domain import atomic, storage, tomlwrite
from inddrag.domain.session import Session
from tests.session_strategies import as_saved, sessions, texts


@given(sessions())
def test_save_then_load_gives_the_same_session(session: Session) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "møde.toml"
        storage.save_session(session, path)
        loaded = storage.load_session(path)
        assert loaded == as_saved(session)
        text = path.read_text(encoding="utf-8")
        assert storage.dumps_session(loaded) == text  # stable: a second save is identical
        assert list(Path(folder).iterdir()) == [path]  # no temp file left


@given(sessions())
@example(
    Session.model_validate_json(
        '{"format": "inddrag-session", "version": 2, "session": {"kind": "team"},'
        ' "content": {"pack": "p", "version": "1", "language": "da"},'
        ' "advice": [{"id": "a", "notes": "\\"\\"\\" \\r\\n \\\\ \\u0000 \\ud83c\\udf89"}]}'
    )
)
def test_dumped_text_is_plain_toml_with_the_same_data(session: Session) -> None:
    data = tomllib.loads(atomic.encode_text(storage.dumps_session(session)).decode())
    session = as_saved(session)
    assert data["format"] == "inddrag-session" and data["version"] == 2
    assert [a["id"] for a in data.get("advice", [])] == [a.id for a in session.advice]
    assert [a["notes"] for a in data.get("advice", [])] == [a.notes for a in session.advice]
    for row, written in zip(session.roles.rows, data["roles"].get("rows", []), strict=True):
        assert written.get("cells", {}) == row.cells


@given(texts)
@example('\x00\x08\t\n\x0b\x0c\r\x1f\x7f"\\ æ \ud800 \U0001f389')
@example("a\nb")
@example("\nstarts with a line break\n")
@example("ends with a quote\n'")
@example("three quotes\n''' inside")
def test_strings_are_literal_lines_or_escaped_as_tomli_w_escapes_them(text: str) -> None:
    """A text with line breaks and nothing a literal string cannot hold is written as it
    is between ``'''`` lines; any other text byte for byte as ``tomli_w`` escapes it.
    Either way TOML reads back exactly the text."""
    ours = tomlwrite.toml_lines({"v": text})
    controls = [c for c in text if (ord(c) < 0x20 and c not in "\t\n") or c == "\x7f"]
    if "\n" in text and "'''" not in text and not text.endswith("'") and not controls:
        assert ours == "v = '''\n" + text + "'''\n"
    else:
        assert ours == tomli_w.dumps({"v": text}, multiline_strings=False)
    if not any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        assert tomllib.loads(ours) == {"v": text}


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Linje 1\nLinje 2", "v = '''\nLinje 1\nLinje 2'''\n"),
        ("\nLinje", "v = '''\n\nLinje'''\n"),
        ("tab\tog\nlinje", "v = '''\ntab\tog\nlinje'''\n"),
        ("CR\r\nLF", 'v = "CR\\r\\nLF"\n'),
        ("slut\n'", 'v = "slut\\n\'"\n'),
        ("tre '''\nx", "v = \"tre '''\\nx\"\n"),
        ("ESC \x1b\nx", 'v = "ESC \\u001b\\nx"\n'),
        ("én linje", 'v = "én linje"\n'),
    ],
)
def test_which_texts_are_written_as_literal_lines(text: str, written: str) -> None:
    assert tomlwrite.toml_lines({"v": text}) == written
    assert tomllib.loads(written) == {"v": text}
