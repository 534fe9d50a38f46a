"""``domain/tomlfile.py``: the one sentence per problem in a TOML file, pinned down where
mutation testing found the suite silent (docs/testing.md, "Mutation testing"). Expected
sentences are written out; each test says what it guards."""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path
from typing import Annotated, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from inddrag.domain import storage
from inddrag.domain.errors import FileProblems
from inddrag.domain.tomlfile import (
    KeyLines,
    fields_at,
    found_kind,
    parse_toml,
    read_toml,
    unknown_key,
    validate,
)
from tests.test_mutants_atomic import raising

MINIMAL = """\
format = "inddrag-session"
version = 2

[session]
kind = "team"

[content]
pack = "ti-gode-raad"
version = "1"
language = "da"
"""


def rendered(path: Path, lang: str = "en") -> str:
    with pytest.raises(FileProblems) as info:
        storage.load_session(path)
    return info.value.render(lang)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Files are named relative to the working folder, as on the command line."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_toml_syntax_error_starts_with_a_small_letter(here: Path) -> None:
    """tomllib's "Invalid value" becomes "invalid value" after the colon."""
    (here / "hej.toml").write_text('format = "inddrag-session"\nversion = 2\nx = \n')
    assert rendered(Path("hej.toml")) == "hej.toml:3: invalid TOML: invalid value"


# Every syntax error tomllib gives, as a file that has it, then the line and the words
# after "invalid TOML: " / "ugyldig TOML: ". tomllib's own messages are English only.
SYNTAX_ERRORS = [
    ("x = \n", 1, "invalid value", "ugyldig værdi"),
    (
        "= 1\n",
        1,
        "the line is neither “key = value” nor a [table]",
        "linjen er hverken “nøgle = værdi” eller en [tabel]",
    ),
    (
        "x = 1 2\n",
        1,
        "there is more after the value on the same line",
        "der står mere efter værdien på samme linje",
    ),
    ("x\n", 1, "“=” is missing after the key", "der mangler “=” efter nøglen"),
    ("[a\n", 1, "“]” is missing after the table's name", "der mangler “]” efter tabellens navn"),
    (
        "[[a]\n",
        1,
        "“]]” is missing after the table's name",
        "der mangler “]]” efter tabellens navn",
    ),
    ("x = '''abc\n", 2, "“'''” should be here", "her skulle der stå “'''”"),
    ("x = [1, 2\n", 2, "a list is missing its closing “]”", "en liste mangler sin afsluttende “]”"),
    (
        "x = {a=1\n",
        1,
        "a one-line table is missing its closing “}”",
        "en tabel på én linje mangler sin afsluttende “}”",
    ),
    (
        'x = "a\\q"\n',
        1,
        "a single \\ in a text must be written \\\\",
        "en enkelt \\ i en tekst skal skrives \\\\",
    ),
    ('x = "\\uZZZZ"\n', 1, "invalid \\u code in a text", "ugyldig \\u-kode i en tekst"),
    ('x = "\\uD800"\n', 1, "invalid \\u code in a text", "ugyldig \\u-kode i en tekst"),
    (
        'x = "abc\n',
        1,
        "a text is missing its closing quotation mark",
        "en tekst mangler sit afsluttende anførselstegn",
    ),
    (
        'x = "a\x07"\n',
        1,
        "the character “\\x07” is not allowed here",
        "tegnet “\\x07” må ikke stå her",
    ),
    ("x = 1\nx = 2\n", 2, "the key already has a value", "nøglen har allerede fået en værdi"),
    ("[a]\n[a]\n", 2, "the same [table] is written twice", "den samme [tabel] står der to gange"),
    (
        "x = {a=1, a=2}\n",
        1,
        "the key “a” is written twice in the same table",
        "nøglen “a” står to gange i den samme tabel",
    ),
    (
        "x = {a=1}\nx.b = 2\n",
        2,
        "the table is already written in full and cannot be added to here",
        "tabellen er allerede skrevet færdig og kan ikke udvides her",
    ),
    (
        "[x.y]\n[x]\ny.z = 1\n",
        3,
        "the name is already used for something else",
        "navnet er allerede brugt til noget andet",
    ),
    ("x = 1979-02-30\n", 1, "invalid date or time", "ugyldig dato eller tid"),
    (
        "a. = 1\n",
        1,
        "a key cannot start with this character",
        "en nøgle kan ikke begynde med dette tegn",
    ),
    (
        "x = 1 # a\x07\n",
        1,
        "the character “\\x07” is not allowed here",
        "tegnet “\\x07” må ikke stå her",
    ),
]


@pytest.mark.parametrize(("text", "line", "en", "da"), SYNTAX_ERRORS)
def test_every_toml_syntax_error_is_said_in_the_language_asked_for(
    here: Path, text: str, line: int, en: str, da: str
) -> None:
    (here / "hej.toml").write_text(text)
    assert rendered(Path("hej.toml")) == f"hej.toml:{line}: invalid TOML: {en}"
    assert rendered(Path("hej.toml"), "da") == f"hej.toml:{line}: ugyldig TOML: {da}"


def test_a_syntax_message_a_later_python_adds_is_said_without_its_english() -> None:
    """No English words inside a Danish sentence, even for a message we have not seen."""
    from inddrag.domain.tomlfile import syntax_term

    term = syntax_term("Something new went wrong")
    assert term.text("da") == "filen er ikke skrevet rigtigt her"
    assert term.text("en") == "the file is not written correctly here"
    assert syntax_term("Expected 'x'").text("da") == "her skulle der stå “x”"
    assert syntax_term('Expected "\'"').text("en") == "“'” should be here"
    assert syntax_term("Found invalid character '@'").text("en") == (
        "the character “@” is not allowed here"
    )


@pytest.mark.parametrize(
    ("value", "en", "da"),
    [
        ("1.5", "found a decimal number", "men fandt et decimaltal"),
        ("{ a = 1 }", "found a table", "men fandt en tabel"),
        ("2026-01-02T10:00:00", "found a date and time", "men fandt et tidspunkt"),
        ("2026-01-02", "found a date", "men fandt en dato"),
        ("07:30:00", "found a time of day", "men fandt et klokkeslæt"),
    ],
)
def test_what_was_found_instead_of_text_is_named(here: Path, value: str, en: str, da: str) -> None:
    (here / "hej.toml").write_text(
        MINIMAL.replace('kind = "team"', f'kind = "team"\ntitle = {value}')
    )
    assert rendered(Path("hej.toml")) == f"hej.toml:6: session.title: expected text, {en}"
    assert rendered(Path("hej.toml"), "da") == f"hej.toml:6: session.title: forventede tekst, {da}"


def test_a_value_no_toml_file_can_hold_is_other() -> None:
    assert found_kind(object()) == "other"
    assert found_kind(None) == "other"


def test_a_key_like_none_lists_the_keys_allowed_there(here: Path) -> None:
    (here / "hej.toml").write_text(MINIMAL.replace('kind = "team"', 'kind = "team"\nzzzzzz = 1'))
    allowed = "id, kind, title, team, facilitator, participants, anonymous, created, updated"
    assert rendered(Path("hej.toml")) == (
        f"hej.toml:6: session.zzzzzz: unknown key (allowed here: {allowed})"
    )
    assert rendered(Path("hej.toml"), "da") == (
        f"hej.toml:6: session.zzzzzz: ukendt nøgle (tilladte nøgler her: {allowed})"
    )
    assert unknown_key("zzz", ["a", "b"]) == ("unknown_key", {"allowed": "a, b"})
    assert unknown_key("titel", ["title", "team"]) == (
        "unknown_key_suggest",
        {"suggestion": "title"},
    )


def test_an_escaped_triple_quote_does_not_end_a_multi_line_string(here: Path) -> None:
    """A backslash before three quotes keeps a multi-line string open, and a key written
    inside it is text: the message names the real key after the string's end (line 18),
    not the look-alike inside it (16)."""
    (here / "hej.toml").write_text(
        MINIMAL + '\n[[advice]]\nid = "a"\nnotes = """\nx \\"""\nvotes = 1\n"""\nvotes = -1\n'
    )
    assert rendered(Path("hej.toml")) == "hej.toml:18: advice[1].votes: must be 0 or more"


def test_a_triple_quote_after_two_backslashes_ends_the_string(here: Path) -> None:
    """Two backslashes before the three quotes are one escaped backslash, and the quotes
    end the string: the key on the next line is the real one (line 16)."""
    (here / "hej.toml").write_text(
        MINIMAL + '\n[[advice]]\nid = "a"\nnotes = """\nx \\\\"""\nvotes = -1\n'
    )
    assert rendered(Path("hej.toml")) == "hej.toml:16: advice[1].votes: must be 0 or more"


def test_a_wrong_value_on_each_of_three_keys_is_three_lines_in_file_order(here: Path) -> None:
    (here / "hej.toml").write_text(
        MINIMAL.replace(
            'kind = "team"', 'kind = "team"\nanonymous = "x"\nparticipants = "Bo"\nupdated = 5'
        )
    )
    assert rendered(Path("hej.toml")).splitlines() == [
        "hej.toml:6: session.anonymous: expected true/false, found text",
        "hej.toml:7: session.participants: expected a list, found text",
        "hej.toml:8: session.updated: expected a date and time, found a number",
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="a FIFO is a POSIX file")
def test_a_pipe_and_a_link_where_none_is_followed_are_one_sentence_each(here: Path) -> None:
    (here / "hej.toml").write_text(MINIMAL)
    os.mkfifo(here / "fifo.toml")
    os.symlink("hej.toml", here / "link.toml")
    with pytest.raises(FileProblems) as pipe:
        read_toml(Path("fifo.toml"))
    assert pipe.value.render("en") == (
        "fifo.toml: this is not an ordinary file (it is a pipe, a device or a socket), "
        "so it is not read"
    )
    with pytest.raises(FileProblems) as link:
        read_toml(Path("link.toml"), follow_links=False)
    assert link.value.render("en").endswith(
        ": this is a link, and inddrag does not follow a link here"
    )
    assert link.value.render("da").endswith(": det er et link, og inddrag følger ikke et link her")


@pytest.mark.parametrize(
    ("meeting", "en", "da"),
    [
        (
            'date = "x"',
            "meetings[1].date: expected a date, found text",
            "meetings[1].date: forventede en dato, men fandt tekst",
        ),
        (
            "date = 2026-11-26T10:00:00",
            "meetings[1].date: expected a date, found a date and time",
            "meetings[1].date: forventede en dato, men fandt et tidspunkt",
        ),
    ],
)
def test_a_meeting_date_that_is_not_a_date_is_said_in_the_language_asked(
    here: Path, meeting: str, en: str, da: str
) -> None:
    """pydantic's own English ("Input should be a valid date") used to stand in the Danish
    sentence: a date is now named like every other kind of value."""
    (here / "hej.toml").write_text(MINIMAL + f"\n[[meetings]]\n{meeting}\n")
    assert rendered(Path("hej.toml")) == f"hej.toml:13: {en}"
    assert rendered(Path("hej.toml"), "da") == f"hej.toml:13: {da}"


def test_a_date_where_a_date_and_time_belongs_is_called_a_date(here: Path) -> None:
    (here / "hej.toml").write_text(
        MINIMAL.replace('kind = "team"', 'kind = "team"\ncreated = 2026-01-01')
    )
    assert rendered(Path("hej.toml")) == (
        "hej.toml:6: session.created: expected a date and time, found a date"
    )


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (
            MINIMAL.replace('kind = "team"', 'knd = "team"'),
            "hej.toml:5: session.knd: unknown key – did you mean “kind”?",
        ),
        (
            MINIMAL.replace('language = "da"', 'langauge = "da"'),
            "hej.toml:10: content.langauge: unknown key – did you mean “language”?",
        ),
        (
            MINIMAL + "\n[[meetings]]\ndate = 2026-11-26\ntimebx = 5\n",
            "hej.toml:14: meetings[1].timebx: unknown key – did you mean “timebox”?",
        ),
        (
            MINIMAL + '\n[[meetings]]\ndate = 2026-11-26\n[meetings.ended]\nordr = ["a"]\n',
            "hej.toml:15: meetings[1].ended.ordr: unknown key – did you mean “order”?",
        ),
        (
            MINIMAL
            + "\n[[meetings]]\ndate = 2026-11-26\n[meetings.ended]\n"
            + '[[meetings.ended.rows]]\nid = "x"\nnme = "X"\n',
            "hej.toml:17: meetings[1].ended.rows[1].nme: unknown key – did you mean “name”?",
        ),
    ],
)
def test_a_misspelt_key_is_one_line_with_its_suggestion(
    here: Path, broken: str, expected: str
) -> None:
    """The suggestion is found through optional tables (``ended``) and lists of tables,
    and the "missing key" the misspelling causes (``kind``, ``language``) is not said
    again: the suggestion already says it."""
    (here / "hej.toml").write_text(broken)
    assert rendered(Path("hej.toml")) == expected


@pytest.mark.parametrize(
    ("closing", "line"),
    [
        # Lines that end the string: the key on the next line is the real one (16).
        ('x"""', 16),
        ('x \\\\"""', 16),
        ('x \\\\\\\\"""', 16),
        # Lines that do not (an odd number of backslashes): the string goes on, and the
        # look-alike key inside it is text; the real key is after the string (18).
        ('\\"""', 18),
        ('x \\"""', 18),
        ('x \\\\\\"""', 18),
    ],
)
def test_where_a_multi_line_string_ends(here: Path, closing: str, line: int) -> None:
    inside = '\nvotes = 1\n"""' if line == 18 else ""
    (here / "hej.toml").write_text(
        MINIMAL + f'\n[[advice]]\nid = "a"\nnotes = """\n{closing}{inside}\nvotes = -1\n'
    )
    assert rendered(Path("hej.toml")) == f"hej.toml:{line}: advice[1].votes: must be 0 or more"


def test_a_key_after_an_escaped_quote_at_a_lines_start_keeps_its_line(here: Path) -> None:
    """A multi-line text with a line that starts with a backslash and three quotes and ends
    with a line-ending backslash: the first quote is escaped, so the text goes on, and
    the ``zzzzzz = 1`` on its next line is text, not a key. Counting the backslashes
    before the quote must stop at the line's start, not wrap round to its end (which took
    the line as closing the text, and named line 8 for the real key on line 10)."""
    q3 = '"' * 3
    title = ["title = " + q3, "\\" + q3 + "x\\", "zzzzzz = 1", q3]
    assert title[1] == "\\" + '"""x' + "\\"  # the TOML line: backslash, 3 quotes, x, backslash
    text = MINIMAL.replace('kind = "team"', "\n".join(['kind = "team"', *title, "zzzzzz = 1"]))
    (here / "hej.toml").write_text(text)
    assert rendered(Path("hej.toml")).startswith("hej.toml:10: session.zzzzzz: unknown key")


class _Leaf(BaseModel):
    a: int = 0
    b: int = 0


class _Tree(BaseModel):
    by_name: dict[str, _Leaf] = {}
    many: list[Annotated[_Leaf, "a note"]] = []
    maybe: _Leaf | None = None
    plain: dict[str, str] = {}
    kind: Literal["x", "y"] = "x"
    either: int | _Leaf = 0


@pytest.mark.parametrize(
    ("loc", "expected"),
    [
        ((), ["by_name", "many", "maybe", "plain", "kind", "either"]),
        (("by_name", "anyone"), ["a", "b"]),  # through a dict of models
        (("many", 0), ["a", "b"]),  # through a list of Annotated models
        (("maybe",), ["a", "b"]),  # through an Optional
        (("by_name",), []),  # a dict is no model
        (("plain", "anyone"), []),  # a dict of texts
        (("kind", "x"), []),  # a Literal is no class
        (("nope", "x"), []),  # a key the model does not have
        ((0,), []),  # a model has no place 0
        (("either", "x"), []),  # a choice of two: which one is not known
    ],
)
def test_the_keys_allowed_are_found_through_dicts_lists_and_optionals(
    loc: tuple[str | int, ...], expected: list[str]
) -> None:
    """``fields_at`` on a model of every shape it walks through (our files have no dict of
    tables yet, so the file tests never took that way)."""
    assert fields_at(_Tree, loc) == expected


def test_a_misspelt_table_at_the_top_is_not_also_said_to_be_missing(here: Path) -> None:
    """ "did you mean “session”?" already says that ``session`` is missing: the top-level
    key has no dot, so the suggestion itself is the key not to name again."""
    (here / "hej.toml").write_text(MINIMAL.replace("[session]", "[sesion]"))
    assert rendered(Path("hej.toml")) == "hej.toml:4: sesion: unknown key – did you mean “session”?"


def test_a_problem_without_a_line_comes_before_one_on_line_1(here: Path) -> None:
    """Problems are listed by line, and one that has no line (a key that is missing) first,
    even where pydantic names it after one on line 1."""
    (here / "hej.toml").write_text('session = 1\nformat = "inddrag-session"\nversion = 2\n')
    assert rendered(Path("hej.toml")) == (
        "hej.toml: content: this key is missing and is required\n"
        "hej.toml:1: session: expected a table, found a number"
    )


class _Limits(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    name: Annotated[str, StringConstraints(min_length=1, max_length=3)] = "a"
    slug: Annotated[str, StringConstraints(pattern=r"^[a-z]+$")] = "a"
    items: Annotated[list[int], Field(min_length=2, max_length=3)] = [1, 2]
    count: Annotated[int, Field(ge=1, le=9)] = 1
    kind: Literal["team", "prep"] = "team"


@pytest.mark.parametrize(
    ("line", "en", "da"),
    [
        (
            'name = "abcd"',
            "name: the text is too long (at most 3 characters)",
            "name: teksten er for lang (højst 3 tegn)",
        ),
        ('name = ""', "name: must not be empty", "name: må ikke være tom"),
        ("items = [1]", "items: needs at least 2", "items: skal have mindst 2"),
        ("items = [1, 2, 3, 4]", "items: may have at most 3", "items: må højst have 3"),
        ("count = 0", "count: must be 1 or more", "count: skal være 1 eller mere"),
        ("count = 10", "count: must be at most 9", "count: må højst være 9"),
        (
            'kind = "solo"',
            "kind: must be one of 'team', 'prep', but is 'solo'",
            "kind: skal være en af 'team', 'prep', men er 'solo'",
        ),
        (
            'slug = "Ab"',
            "slug: “Ab” is not a valid id: use lowercase a–z, digits and - (e.g. “tidligt”)",
            "slug: “Ab” er ikke et gyldigt id: brug små bogstaver a–z, tal og - (fx “tidligt”)",
        ),
    ],
)
def test_each_limit_a_file_can_break_is_said_with_its_number(
    here: Path, line: str, en: str, da: str
) -> None:
    """Every constraint kind our models use, with the limit taken from pydantic's context
    (not "?"), in both languages."""
    (here / "hej.toml").write_text(line + "\n")
    doc = read_toml(Path("hej.toml"))
    with pytest.raises(FileProblems) as info:
        validate(_Limits, doc)
    assert info.value.render("en") == f"hej.toml:1: {en}"
    assert info.value.render("da") == f"hej.toml:1: {da}"


QUOTED_KEYS = r"""format = "inddrag-session"
version = 2

[ session ]
kind = "team"
"zz z\"q" = 1
	'lit key' = 2
Xtra = 3

[content]
pack = "ti-gode-raad"
version = "1"
language = "da"
"""

DOTTED_KEYS = r"""format = "inddrag-session"
version = 2
session . kind = "team"
session .	"ti tle" = "x"
content.pack = "ti-gode-raad"
content . "version" = "1"
content.language = "da"
content."a\u0062c" = 1
"session"."zzzzzz" = 1
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            QUOTED_KEYS,
            'hej.toml:6: session.zz z"q: unknown key (allowed here: id, kind, title, team,'
            " facilitator, participants, anonymous, created, updated)\n"
            "hej.toml:7: session.lit key: unknown key (allowed here: id, kind, title, team,"
            " facilitator, participants, anonymous, created, updated)\n"
            "hej.toml:8: session.Xtra: unknown key (allowed here: id, kind, title, team,"
            " facilitator, participants, anonymous, created, updated)",
        ),
        (
            DOTTED_KEYS,
            "hej.toml:4: session.ti tle: unknown key – did you mean “title”?\n"
            "hej.toml:8: content.abc: unknown key (allowed here: pack, version, language)\n"
            "hej.toml:9: session.zzzzzz: unknown key (allowed here: id, kind, title, team,"
            " facilitator, participants, anonymous, created, updated)",
        ),
    ],
)
def test_quoted_and_dotted_keys_with_spaces_are_found_on_their_lines(
    here: Path, text: str, expected: str
) -> None:
    """A table header with spaces inside its brackets, quoted keys with an escaped quote
    or a space, a literal key after a tab, dotted keys with spaces and tabs around the
    dot, and a key written with a \\u escape: each is found on its own line."""
    (here / "hej.toml").write_text(text)
    assert rendered(Path("hej.toml")) == expected


# Where each key was written (``KeyLines``): one document with each kind of value the
# scanner must step over without taking what is inside for keys. Checked with tomllib.
TRICKY = "\n".join(
    [
        "# [ikke] en tabel",  # 1
        "a = [",  # 2
        '  "]",',  # 3
        "  '[',",  # 4
        "  [1, [2]],",  # 5
        '  { x = "}" },',  # 6
        "]",  # 7
        "b = 1",  # 8
        'c = """',  # 9
        "d = 1 [",  # 10
        'slut \\""" stadig',  # 11
        '"""',  # 12
        "e = '''",  # 13
        "f = 1 ]",  # 14
        "'''",  # 15
        'g = """ét"""',  # 16
        'h = ["""x""""]',  # 17
        'i = "a\\"[" # kommentar [',  # 18
        "j = 'c:\\['",  # 19
        "'søg' = 'x'",  # 20
        "'' = 2",  # 21
        "'l'.m = 3",  # 22
        '"q"= """',  # 23
        "x = 1",  # 24
        '"""',  # 25
        'k ="""',  # 26
        "x = 2",  # 27
        '"""',  # 28
        "x = 3",  # 29
        "z = [",  # 30
        "  # [ kommentar i array",  # 31
        "  1,",  # 32
        "]",  # 33
        "y = 4",  # 34
        'm = ["""a""", ["""b"""], """',  # 35
        "x = 1",  # 36
        '"""]',  # 37
        'n = """"""',  # 38
        "o = 1",  # 39
        'p = ["""a',  # 40
        'b""", """c',  # 41
        'd"""]',  # 42
        'u = ["""',  # 43
        'x\\""" y""", """z',  # 44
        'w"""]',  # 45
        'r = """',  # 46
        'x\\""""',  # 47
        's = ["""x"""]',  # 48
        "t = 5",  # 49
        'v = ["\\"["]',  # 50
        'w = ["\\\\", "["]',  # 51
        "y2 = [['a'], 'b']",  # 52
        "z2 = ['', '[']",  # 53
        "a2 = [[1],",  # 54
        '"""',  # 55
        "w9 = 9",  # 56
        '"""]',  # 57
        "b2 = 6",  # 58
    ]
)


def test_every_key_is_found_on_its_line_and_nothing_inside_a_value_is_taken_for_one() -> None:
    """Guards ``_skip_value``, ``_scan`` and ``_parse_key`` on what a hand-edited file
    holds: brackets and braces inside strings, literal strings and comments; nested
    arrays; multi-line basic and literal strings holding ``key = value`` lines, an escaped
    triple quote, a closing triple quote with extra quotes, one on a single line; quoted,
    literal, empty and dotted keys; ``=`` with no space on either side; from line 35,
    multi-line strings in arrays, one beside another on a line, an empty one, an escaped
    triple quote before the closing one; from line 50, an escaped quote or backslash
    first in a string, literal strings in nested and beside other arrays, an empty one.
    ``d``, ``f``, ``w9`` and the ``x`` lines inside strings are no keys; the real ``x`` is
    on line 29."""
    assert tomllib.loads(TRICKY)["x"] == 3  # a file tomllib accepts, as KeyLines is given
    assert KeyLines(TRICKY)._lines == {
        ("a",): 2,
        ("b",): 8,
        ("c",): 9,
        ("e",): 13,
        ("g",): 16,
        ("h",): 17,
        ("i",): 18,
        ("j",): 19,
        ("søg",): 20,
        ("",): 21,
        ("l", "m"): 22,
        ("q",): 23,
        ("k",): 26,
        ("x",): 29,
        ("z",): 30,
        ("y",): 34,
        ("m",): 35,
        ("n",): 38,
        ("o",): 39,
        ("p",): 40,
        ("u",): 43,
        ("r",): 46,
        ("s",): 48,
        ("t",): 49,
        ("v",): 50,
        ("w",): 51,
        ("y2",): 52,
        ("z2",): 53,
        ("a2",): 54,
        ("b2",): 58,
    }


# Reading and decoding (``read_toml``, ``parse_toml``): each file the app cannot read is one
# sentence naming it, with its line where there is one.


def _read_problem(path: Path, lang: str = "en", **kwargs: object) -> str:
    with pytest.raises(FileProblems) as info:
        read_toml(path, **kwargs)  # type: ignore[arg-type]
    assert len(info.value.problems) == 1
    return info.value.render(lang)


@pytest.mark.parametrize(
    ("exc", "en", "da"),
    [
        (
            PermissionError(13, "Permission denied"),
            "you do not have permission to read the file",
            "du har ikke adgang til at læse filen",
        ),
        (
            OSError(5, "Input/output error"),
            "the file cannot be read (Input/output error)",
            "filen kan ikke læses (Input/output error)",
        ),
        (OSError("no code"), "the file cannot be read (no code)", "filen kan ikke læses (no code)"),
        (
            ValueError("embedded null byte"),
            "the file cannot be read (embedded null byte)",
            "filen kan ikke læses (embedded null byte)",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_one_sentence(
    here: Path, monkeypatch: pytest.MonkeyPatch, exc: BaseException, en: str, da: str
) -> None:
    """Guards each ``except`` of ``read_toml`` past the first: a denial (as root no file
    is denied, so the read is made to fail), a read error with and without its text."""
    from inddrag.domain import tomlfile

    monkeypatch.setattr(tomlfile, "read_bounded", raising(exc))
    assert _read_problem(Path("møde.toml")) == f"møde.toml: {en}"
    assert _read_problem(Path("møde.toml"), "da") == f"møde.toml: {da}"


def test_a_missing_file_a_folder_and_a_name_with_nul_are_one_sentence_each(here: Path) -> None:
    """Guards ``file_not_found``, ``is_a_directory`` and the ``ValueError`` of a NUL in a
    name, on real paths."""
    Path("mappe.toml").mkdir()
    assert _read_problem(Path("væk.toml")) == "væk.toml: the file does not exist"
    assert _read_problem(Path("væk.toml"), "da") == "væk.toml: filen findes ikke"
    assert _read_problem(Path("mappe.toml")) == "mappe.toml: this is a folder, not a file"
    assert _read_problem(Path("mappe.toml"), "da") == "mappe.toml: det er en mappe, ikke en fil"
    assert _read_problem(Path("a\0b.toml")).endswith(
        ": the file cannot be read (embedded null byte)"
    )


def test_a_file_over_the_limit_given_is_too_large_in_megabytes(here: Path) -> None:
    """Guards ``refused_problem`` for ``too_large`` with the limit asked for (2 MB)."""
    Path("stor.toml").write_bytes(b"a = 1\n" * (2 * 1024 * 1024 // 6 + 1))
    assert _read_problem(Path("stor.toml"), limit=2 * 1024 * 1024) == (
        "stor.toml: the file is larger than 2 MB, the most an inddrag file may be"
    )


def test_bytes_over_20_mb_are_too_large_without_being_decoded() -> None:
    """Guards ``len(raw) > FILE_LIMIT`` in ``parse_toml`` (20 MB; exactly 20 MB is read)."""
    limit = 20 * 1024 * 1024
    with pytest.raises(FileProblems) as info:
        parse_toml(Path("stor.toml"), b"#" * (limit + 1))
    assert info.value.render("en") == (
        "stor.toml: the file is larger than 20 MB, the most an inddrag file may be"
    )
    with pytest.raises(FileProblems) as info:
        parse_toml(Path("stor.toml"), b"#" * limit)
    assert info.value.render("en") == "stor.toml: the file is empty"


def test_bytes_that_are_not_utf8_are_said_with_their_line() -> None:
    """Guards the line of a decoding error: the first bad byte's line (3), counted from 1."""
    raw = b'a = 1\nb = 2\nc = "\xe6ble"\n'
    with pytest.raises(FileProblems) as info:
        parse_toml(Path("latin1.toml"), raw)
    assert info.value.render("en") == (
        "latin1.toml:3: the file is not saved as UTF-8; save it again as UTF-8 in your editor"
    )


def test_a_byte_order_mark_is_no_part_of_the_first_key() -> None:
    """Guards ``decode("utf-8-sig")``: a file saved by Notepad with a BOM reads as without."""
    doc = parse_toml(Path("bom.toml"), b"\xef\xbb\xbfa = 1\n")
    assert (doc.data, doc.text) == ({"a": 1}, "a = 1\n")


@pytest.mark.parametrize(
    "text", ["", "\n\n", "# kun en kommentar\n", "  \t\n   # indrykket kommentar\n\n"]
)
def test_a_file_of_only_blanks_and_comments_is_empty(text: str) -> None:
    """Guards ``_has_content``: nothing but blank lines and comments is an empty file."""
    with pytest.raises(FileProblems) as info:
        parse_toml(Path("tom.toml"), text.encode())
    assert info.value.render("en") == "tom.toml: the file is empty"
    assert info.value.render("da") == "tom.toml: filen er tom"


def test_one_key_after_comments_is_content() -> None:
    """Guards ``_has_content``'s ``return True`` on the first line that is not a comment."""
    assert parse_toml(Path("a.toml"), b"# note\n\n  a = 1 # x\n").data == {"a": 1}


def test_a_syntax_error_at_the_end_of_the_file_is_on_its_last_line() -> None:
    """Guards ``_AT_EOF``: tomllib says "at end of document"; the line is the last one
    (three line feeds: line 4), and the words before it are translated."""
    with pytest.raises(FileProblems) as info:
        parse_toml(Path("halv.toml"), b"a = 1\nb = 2\nc = [1,\n")
    rendered = info.value.render("en")
    assert rendered.startswith("halv.toml:4: invalid TOML: ")
    assert "end of document" not in rendered


def test_lists_nested_too_deep_are_one_sentence() -> None:
    """Guards ``except RecursionError``: 100,000 nested lists are refused, not a crash."""
    raw = b"a = " + b"[" * 100_000 + b"]" * 100_000 + b"\n"
    with pytest.raises(FileProblems) as info:
        parse_toml(Path("dyb.toml"), raw)
    assert info.value.render("en") == (
        "dyb.toml: the file nests lists or tables too many levels deep"
    )
    assert info.value.render("da") == (
        "dyb.toml: filen har lister eller tabeller inde i hinanden i for mange niveauer"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="a link needs rights on Windows")
def test_a_link_to_a_file_is_followed_unless_asked_not_to(here: Path) -> None:
    """Guards ``follow_links=True`` as ``read_toml``'s default, passed on: a session
    opened through a link (a shortcut on the desktop) is read; where links are not
    followed it is one sentence."""
    Path("møde.toml").write_text("a = 1\n", encoding="utf-8")
    Path("genvej.toml").symlink_to("møde.toml")
    assert read_toml(Path("genvej.toml")).data == {"a": 1}
    assert _read_problem(Path("genvej.toml"), follow_links=False) == (
        "genvej.toml: this is a link, and inddrag does not follow a link here"
    )
