"""One error type for everything a user can get wrong in a file.

A :class:`Problem` names the file, the line, the dotted key and says in one sentence what
is wrong. Its sentence is looked up in the string tables (``problems.*``) when it is
rendered, so the same problem reads in Danish or English. :class:`FileProblems` is the only
exception our loaders raise for bad input; the CLI prints it and exits 2, the app shows it
in a dialog.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from inddrag.domain.safe_text import visible
from inddrag.i18n import t

Severity = Literal["error", "warning"]
KeyPath = tuple[str | int, ...]


def format_key(path: Sequence[str | int]) -> str:
    """``("advice", 1, "title")`` → ``advice[2].title`` (entries counted from 1, as people do)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        elif out:
            out += f".{part}"
        else:
            out = part
    return out


def parse_key(text: str) -> KeyPath:
    """The inverse of :func:`format_key`: ``advice[2].title`` → ``("advice", 1, "title")``."""
    out: list[str | int] = []
    for part in text.split("."):
        name, _, rest = part.partition("[")
        if name:
            out.append(name)
        for index in rest.replace("]", "").split("[") if rest else []:
            out.append(int(index) - 1 if index.isdigit() else index)
    return tuple(out)


def display_path(path: Path | str) -> str:
    """A path as the user typed it or as short as possible relative to the working folder.

    Remembered per path and working folder: a file with a million warnings resolves its
    name once, not a million times.
    """
    try:
        cwd = os.getcwd()
    except OSError:
        return str(path)
    return _display_path(str(path), cwd)


@lru_cache(maxsize=4096)
def _display_path(path: str, cwd: str) -> str:
    p = Path(path)
    try:
        # The folder is resolved, the name is not: a link is named as the user named it.
        full = p.parent.resolve() / p.name if p.name else p.resolve()
        rel = full.relative_to(Path(cwd).resolve())
    except (ValueError, OSError):
        return str(p)
    return str(rel) if str(rel) != "." else str(p)


@dataclass(frozen=True)
class Term:
    """A parameter that is itself words to translate: ``problems.<table>.<code>``, with
    ``{what}`` filled from the file (a character or key quoted in a TOML syntax error)."""

    code: str
    table: str = "found"
    what: str = ""

    def text(self, lang: str) -> str:
        return t(f"problems.{self.table}.{self.code}", lang, what=self.what)


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in one file.

    ``code`` names the sentence: a bare code is looked up as ``problems.<code>``, a dotted
    one (``merge.prep_as_team``) as it stands.
    """

    file: str
    code: str
    line: int | None = None
    key: str = ""
    params: Mapping[str, object] = field(default_factory=dict)
    severity: Severity = "error"

    def sentence(self, lang: str = "da") -> str:
        """The problem in one sentence, without file and line."""
        params = {
            name: value.text(lang) if isinstance(value, Term) else value
            for name, value in self.params.items()
        }
        key = self.code if "." in self.code else f"problems.{self.code}"
        return t(key, lang, **params)

    def render(self, lang: str = "da") -> str:
        """``file:line: key: sentence`` (file, line and key left out where unknown).

        Safe for a terminal: the file name, a quoted value or key from the file never
        carries a control character out (:func:`inddrag.domain.safe_text.visible`).
        """
        head = visible(self.file, name=True)
        if self.line is not None:
            head += f":{self.line}"
        parts = [head] if head else []
        if self.key:
            parts.append(visible(self.key, name=True))
        sentence = visible(self.sentence(lang))
        if self.severity == "warning":
            sentence = f"{t('problems.warning_prefix', lang)} {sentence}"
        parts.append(sentence)
        return ": ".join(parts)


class FileProblems(Exception):
    """A file could not be used; carries every problem found in it."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__(self.render("en"))

    def render(self, lang: str = "da") -> str:
        """One line per problem."""
        return "\n".join(p.render(lang) for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def problem(
    file: Path | str,
    code: str,
    line: int | None = None,
    key: KeyPath | str = "",
    *,
    severity: Severity = "error",
    **params: object,
) -> Problem:
    """Build a :class:`Problem`, formatting a key path and the file name for display."""
    key_text = key if isinstance(key, str) else format_key(key)
    return Problem(
        file=display_path(file) if file != "" else "",  # no file (an open session): none
        code=code,
        line=line,
        key=key_text,
        params=params,
        severity=severity,
    )
