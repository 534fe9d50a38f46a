"""Read a TOML file people wrote, and say exactly where it goes wrong.

:func:`read_toml` turns every way a file can fail (missing, unreadable, not UTF-8, empty,
bad TOML, nested absurdly deep) into :class:`~inddrag.domain.errors.FileProblems`.
:class:`KeyLines` maps a key path such as ``("advice", 1, "title")`` back to the line it
was written on, so pydantic's validation errors can name a line; :func:`validate` does that
mapping and adds "did you mean …?" to unknown keys.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import types
import typing
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from inddrag.domain.errors import (
    FileProblems,
    KeyPath,
    Problem,
    Term,
    display_path,
    format_key,
    problem,
)
from inddrag.domain.readfile import FILE_LIMIT, FileRefused, read_bounded

if TYPE_CHECKING:  # pydantic is imported where models are validated, not to read a file
    from pydantic import BaseModel, ValidationError

_AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_EOF = re.compile(r"\s*\(at end of document\)\s*$")

# tomllib's syntax messages are English; each is said in our words (``problems.syntax``).
# A quoted character or key (``{what}``) is kept; a message a later Python adds is "other".
_QUOTED = r"(['\"])(?P<what>.*)\1"
_SYNTAX_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), code)
    for pattern, code in (
        (r"Invalid statement", "statement"),
        (r"Expected newline or end of document after a statement", "after_value"),
        (r"Expected '=' after a key in a key/value pair", "no_equals"),
        (r"Expected '\]' at the end of a table declaration", "table_end"),
        (r"Expected '\]\]' at the end of an array declaration", "array_table_end"),
        (r"Expected " + _QUOTED, "expected"),
        (r"Found invalid character " + _QUOTED, "bad_character"),
        (r"Illegal character '\\n'", "unterminated_text"),  # a text not closed on its line
        (r"Illegal character " + _QUOTED, "bad_character"),
        (r"Cannot declare .* twice", "table_twice"),
        (r"Cannot overwrite a value", "value_twice"),
        (r"Cannot mutate immutable namespace .*", "fixed_table"),
        (r"Cannot redefine namespace .*", "table_redefined"),
        (r"Duplicate inline table key " + _QUOTED, "inline_key_twice"),
        (r"Invalid initial character for a key part", "key_start"),
        (r"Unclosed array", "unclosed_list"),
        (r"Unclosed inline table", "unclosed_table"),
        (r"Unescaped '\\' in a string", "backslash"),
        (r"Invalid hex value", "bad_unicode_escape"),
        (r"Escaped character is not a Unicode scalar value", "bad_unicode_escape"),
        (r"Unterminated string", "unterminated_text"),
        (r"Invalid date or datetime", "bad_date"),
        (r"Invalid value", "bad_value"),
    )
)

ModelT = TypeVar("ModelT", bound="BaseModel")


@dataclass(frozen=True)
class TomlDocument:
    """A parsed TOML file with its text kept for line look-ups."""

    path: Path
    text: str
    data: dict[str, Any]

    @cached_property
    def lines(self) -> KeyLines:
        """Where each key was written; the text is scanned once, on first use."""
        return KeyLines(self.text)

    def with_data(self, data: dict[str, Any]) -> TomlDocument:
        """The same file with other data (e.g. migrated), sharing the scan of its lines."""
        other = TomlDocument(path=self.path, text=self.text, data=data)
        if "lines" in self.__dict__:
            other.__dict__["lines"] = self.__dict__["lines"]
        return other


def read_toml(path: Path, *, limit: int = FILE_LIMIT, follow_links: bool = True) -> TomlDocument:
    """Read and parse ``path``; raise :class:`FileProblems` with one clear problem if we can't.

    Read through :func:`~inddrag.domain.readfile.read_bounded`: a pipe, a device or a file
    over ``limit`` bytes is one sentence, never a hang.
    """
    try:
        raw = read_bounded(path, limit, follow_links=follow_links)
    except FileRefused as exc:
        raise FileProblems([refused_problem(path, exc)]) from None
    except FileNotFoundError:
        raise FileProblems([problem(path, "file_not_found")]) from None
    except IsADirectoryError:
        raise FileProblems([problem(path, "is_a_directory")]) from None
    except PermissionError:
        raise FileProblems([problem(path, "permission_denied")]) from None
    except OSError as exc:
        raise FileProblems([problem(path, "unreadable", reason=exc.strerror or str(exc))]) from None
    except ValueError as exc:  # e.g. a NUL character in the path
        raise FileProblems([problem(path, "unreadable", reason=str(exc))]) from None
    return parse_toml(path, raw)


def parse_toml(path: Path, raw: bytes) -> TomlDocument:
    """Parse bytes said to come from ``path`` (see :func:`read_toml`)."""
    if len(raw) > FILE_LIMIT:
        raise FileProblems([problem(path, "too_large", limit_mb=FILE_LIMIT // (1024 * 1024))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
        raise FileProblems([problem(path, "not_utf8", line=bad_line)]) from None
    if not _has_content(text):
        raise FileProblems([problem(path, "empty_file")])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line: int | None = None
        match = _AT_LINE.search(message)
        if match:
            line = int(match.group(1))
            message = message[: match.start()]
        else:
            eof = _AT_EOF.search(message)
            if eof:
                line = text.count("\n") + 1
                message = message[: eof.start()]
        raise FileProblems(
            [problem(path, "toml_syntax", line=line, detail=syntax_term(message))]
        ) from None
    except RecursionError:
        raise FileProblems([problem(path, "too_deep")]) from None
    return TomlDocument(path=path, text=text, data=data)


def refused_problem(path: Path, refused: FileRefused) -> Problem:
    """The one sentence for a file :func:`read_bounded` would not read."""
    if refused.reason == "too_large":
        return problem(path, "too_large", limit_mb=refused.limit_mb)
    return problem(path, "is_a_link" if refused.reason == "link" else "not_regular")


def syntax_term(message: str) -> Term:
    """tomllib's message (without its "(at line …)") as words of ours to translate."""
    for pattern, code in _SYNTAX_MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            return Term(code, table="syntax", what=match.groupdict().get("what") or "")
    return Term("other", table="syntax")


def _has_content(text: str) -> bool:
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return True
    return False


# ---------------------------------------------------------------------------------------
# Key path → line


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _parse_key(text: str, pos: int) -> tuple[list[str], int] | None:
    """Parse a (dotted) key at ``pos``; return its parts and the position after it."""
    parts: list[str] = []
    n = len(text)
    while True:
        while pos < n and text[pos] in " \t":
            pos += 1
        if pos >= n:
            return None
        ch = text[pos]
        if ch == '"':
            end = pos + 1
            buf = []
            while end < n and text[end] != '"':
                if text[end] == "\\" and end + 1 < n:
                    buf.append(text[end : end + 2])
                    end += 2
                    continue
                buf.append(text[end])
                end += 1
            try:
                parts.append(tomllib.loads(f'k = "{"".join(buf)}"')["k"])
            except tomllib.TOMLDecodeError:
                parts.append("".join(buf))
            pos = end + 1
        elif ch == "'":
            end = text.find("'", pos + 1)
            if end < 0:
                return None
            parts.append(text[pos + 1 : end])
            pos = end + 1
        else:
            match = _BARE_KEY.match(text, pos)
            if not match:
                return None
            parts.append(match.group(0))
            pos = match.end()
        while pos < n and text[pos] in " \t":
            pos += 1
        if pos < n and text[pos] == ".":
            pos += 1
            continue
        return parts, pos


class KeyLines:
    """Where each key and table of a TOML text was written (1-based line numbers).

    A small scanner, not a parser: it follows table headers, arrays of tables and
    ``key = value`` lines, and skips over multi-line strings and arrays. It only has to be
    right for files that ``tomllib`` already accepted.
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[KeyPath, int] = {}
        self._scan(text)

    def line_of(self, path: KeyPath) -> int | None:
        """The line of ``path``, or of its nearest ancestor that was written down."""
        path = tuple(path)
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return None

    def _scan(self, text: str) -> None:
        aot_count: dict[KeyPath, int] = {}
        table: KeyPath = ()
        # Lines end at a line feed, as TOML counts them (and tomllib's own messages): not
        # str.splitlines, which also splits at U+2028, U+2029 and NEL inside a string.
        lines = text.split("\n")
        i = 0
        while i < len(lines):
            line = lines[i]
            stripped = line.strip()
            lineno = i + 1
            i += 1
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("[["):
                parsed = _parse_key(stripped, 2)
                if parsed:
                    parent = self._resolve(parsed[0][:-1], aot_count)
                    key = (*parent, parsed[0][-1])
                    index = aot_count.get(key, -1) + 1
                    aot_count[key] = index
                    table = (*key, index)
                    self._lines.setdefault(key, lineno)
                    self._lines[table] = lineno
                continue
            if stripped.startswith("["):
                parsed = _parse_key(stripped, 1)
                if parsed:
                    table = self._resolve(parsed[0], aot_count)
                    self._lines.setdefault(table, lineno)
                continue
            parsed = _parse_key(line, 0)
            if not parsed:
                continue
            parts, pos = parsed
            if pos >= len(line) or line[pos] != "=":
                continue
            self._lines.setdefault((*table, *parts), lineno)
            i = self._skip_value(lines, i - 1, pos + 1)

    @staticmethod
    def _resolve(parts: list[str], aot_count: dict[KeyPath, int]) -> KeyPath:
        out: list[str | int] = []
        for part in parts:
            out.append(part)
            key = tuple(out)
            if key in aot_count:
                out.append(aot_count[key])
        return tuple(out)

    @staticmethod
    def _skip_value(lines: list[str], index: int, pos: int) -> int:
        """Index of the line after the value that starts at ``lines[index][pos:]``."""
        depth = 0
        line = lines[index]
        while True:
            n = len(line)
            while pos < n:
                ch = line[pos]
                if line.startswith('"""', pos) or line.startswith("'''", pos):
                    quote = line[pos : pos + 3]
                    end = line.find(quote, pos + 3)
                    while end < 0:
                        index += 1
                        if index >= len(lines):
                            return index
                        line = lines[index]
                        end = line.find(quote)
                        pos = 0
                        while end > 0 and quote == '"""' and _escaped(line, end):
                            end = line.find(quote, end + 1)
                    pos = end + 3
                    while pos < len(line) and line[pos] == quote[0]:
                        pos += 1
                    n = len(line)
                    continue
                if ch == '"':
                    pos += 1
                    while pos < n and line[pos] != '"':
                        pos += 2 if line[pos] == "\\" else 1
                    pos += 1
                    continue
                if ch == "'":
                    end = line.find("'", pos + 1)
                    pos = n if end < 0 else end + 1
                    continue
                if ch == "#":
                    break
                if ch in "[{":
                    depth += 1
                elif ch in "]}":
                    depth -= 1
                pos += 1
            index += 1
            if depth <= 0 or index >= len(lines):
                return index
            line = lines[index]
            pos = 0


def _escaped(line: str, pos: int) -> bool:
    count = 0
    while pos - count - 1 >= 0 and line[pos - count - 1] == "\\":
        count += 1
    return count % 2 == 1


# ---------------------------------------------------------------------------------------
# Validation errors → problems


def validate(model: type[ModelT], doc: TomlDocument) -> ModelT:
    """Validate ``doc.data`` against ``model``; raise every problem at once, with lines."""
    from pydantic import ValidationError

    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise FileProblems(problems_from_validation(exc, model, doc)) from None


def problems_from_validation(
    exc: ValidationError, model: type[BaseModel], doc: TomlDocument
) -> list[Problem]:
    """Translate pydantic's errors into our problems, each with a line and a sentence."""
    lines = doc.lines
    out: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for err in exc.errors(include_url=False):
        loc: KeyPath = tuple(p for p in err["loc"] if isinstance(p, str | int))
        kind = err["type"]
        ctx = err.get("ctx") or {}
        code, params = _translate(kind, err.get("input"), ctx, loc, model, err["msg"])
        prob = Problem(
            file=display_path(doc.path),
            code=code,
            line=lines.line_of(loc),
            key=format_key(loc),
            params=params,
        )
        marker = (prob.key, prob.code)
        if marker not in seen:
            seen.add(marker)
            out.append(prob)
    # "unknown key – did you mean “title”?" already says that “title” is missing.
    suggested = {
        (p.key.rsplit(".", 1)[0] + "." + str(p.params["suggestion"]))
        if "." in p.key
        else str(p.params["suggestion"])
        for p in out
        if p.code == "unknown_key_suggest"
    }
    out = [p for p in out if not (p.code == "missing_key" and p.key in suggested)]
    out.sort(key=lambda p: p.line or 0)
    return out


def found_kind(value: object) -> str:
    """A code for the kind of value a user wrote (``problems.found.*``)."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "table"
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, date):
        return "date"
    if isinstance(value, time):
        return "time"
    return "other"


_EXPECTED = {
    "string_type": "str",
    "int_type": "int",
    "int_parsing": "int",
    "int_from_float": "int",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "list_type": "list",
    "dict_type": "table",
    "model_type": "table",
    "model_attributes_type": "table",
    "datetime_type": "datetime",
    "datetime_parsing": "datetime",
    "datetime_from_date_parsing": "datetime",
    "timezone_aware": "datetime",
    "date_type": "date",
    "date_parsing": "date",
    "date_from_datetime_inexact": "date",
    "date_from_datetime_parsing": "date",
    "float_type": "float",
}


def wrong_type(expected: str, value: object) -> tuple[str, dict[str, object]]:
    """The problem code and parameters for ``value`` where a ``expected`` was wanted."""
    return "wrong_type", {"expected": Term(expected), "found": Term(found_kind(value))}


def unknown_key(name: str, allowed: list[str]) -> tuple[str, dict[str, object]]:
    """The problem code and parameters for a key ``name`` not among ``allowed``, with a
    "did you mean …?" when one is close."""
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if close:
        return "unknown_key_suggest", {"suggestion": close[0]}
    return "unknown_key", {"allowed": ", ".join(allowed)}


def _translate(
    kind: str,
    value: object,
    ctx: dict[str, Any],
    loc: KeyPath,
    model: type[BaseModel],
    msg: str,
) -> tuple[str, dict[str, object]]:
    if kind in _EXPECTED:
        return wrong_type(_EXPECTED[kind], value)
    if kind == "missing":
        return "missing_key", {}
    if kind == "extra_forbidden":
        return unknown_key(str(loc[-1]) if loc else "", fields_at(model, loc[:-1]))
    if kind == "string_too_short":
        return "empty_text", {}
    if kind == "string_too_long":
        return "text_too_long", {"max": ctx.get("max_length", "?")}
    if kind == "too_short":
        return "too_few", {"min": ctx.get("min_length", "?")}
    if kind == "too_long":
        return "too_many", {"max": ctx.get("max_length", "?")}
    if kind == "greater_than_equal":
        return "too_small", {"min": ctx.get("ge", "?")}
    if kind == "less_than_equal":
        return "too_big", {"max": ctx.get("le", "?")}
    if kind == "literal_error":  # pydantic joins the last two with an English "or"
        expected = ", ".join(str(ctx.get("expected", "?")).rsplit(" or ", 1))
        return "not_one_of", {"expected": expected, "found": repr(value)}
    if kind == "string_pattern_mismatch":
        return "bad_id", {"found": str(value)}
    if kind in {"value_error", "assertion_error"}:
        return "invalid_value", {"detail": msg}
    return "invalid_value", {"detail": msg}


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated so we can see the model or container underneath."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) == 1:
                annotation = args[0]
                continue
        return annotation


def fields_at(model: type[BaseModel], loc: KeyPath) -> list[str]:
    """The key names a model allows at ``loc`` (for "did you mean …?")."""
    from pydantic import BaseModel

    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            if not isinstance(part, str) or part not in current.model_fields:
                return []
            current = current.model_fields[part].annotation
            continue
        origin = typing.get_origin(current)
        args = typing.get_args(current)
        if origin in (list, tuple) and args:
            current = args[0]
        elif origin is dict and len(args) == 2:
            current = args[1]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []
