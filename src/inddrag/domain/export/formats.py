"""The one list of export formats: every caller builds its choices from :data:`FORMATS`.

An entry says what a format is called on the command line (``id``), which file ending it
writes and which endings choose it, the string key of its name in menus and dialogs, the
string key of its one-line description in ``--help``, whether its bytes are binary (a
workbook cannot go to a terminal), and the module whose ``files(report, target)`` renders a
:class:`~inddrag.domain.export.files.Report` (a session's summary or the plenary's
roll-up alike) into the ``(path, bytes)`` of each file it makes.

Who reads it: ``inddrag export`` and ``inddrag rollup`` (``--format`` choices and help,
the format an ``-o`` name implies, what may go to stdout), ``inddrag --help``, the Save As
dialog (:func:`suffix`), the app's export and the roll-up dialog (:data:`FORMATS`, in
order, with ``label_key``). The renderers are imported only when a file is written, so
reading the list costs nothing.

Adding a format: one entry here, its renderer module with ``files``, its strings
(``label_key``, ``help_key`` and ``ui.saveas_title_<id>`` in both languages) and a golden
file in ``tests/golden/`` (see docs/architecture.md, “A format”).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from inddrag.domain.export.files import Report

Files = list[tuple[Path, bytes]]


@dataclass(frozen=True)
class Format:
    """One export format (see the module docstring)."""

    id: str
    """The ``--format`` value and the key every caller uses: ``"md"``."""
    suffix: str
    """The file ending it writes: ``".md"``."""
    label_key: str
    """The string naming it in menus and dialogs: ``"ui.format_md"`` → “Markdown”."""
    help_key: str
    """The string describing it in ``--help``: ``"export.formats.md"``."""
    binary: bool
    """Bytes a terminal cannot show: needs ``-o`` on the command line."""
    module: str
    """The module whose ``files(report, target)`` renders it."""
    also: tuple[str, ...] = ()
    """Other file endings that choose it (``".markdown"``)."""

    def render(self, report: Report, target: Path) -> Files:
        """(path, bytes) of each file this format makes of ``report`` for ``target``."""
        files = cast("Callable[[Report, Path], Files]", importlib.import_module(self.module).files)
        return files(report, target)


_HERE = "inddrag.domain.export"
_ENTRIES = (
    Format(
        id="md",
        suffix=".md",
        also=(".markdown",),
        label_key="ui.format_md",
        help_key="export.formats.md",
        binary=False,
        module=f"{_HERE}.markdown",
    ),
    Format(
        id="csv",
        suffix=".csv",
        label_key="ui.format_csv",
        help_key="export.formats.csv",
        binary=False,
        module=f"{_HERE}.csv",
    ),
    Format(
        id="xlsx",
        suffix=".xlsx",
        label_key="ui.format_xlsx",
        help_key="export.formats.xlsx",
        binary=True,
        module=f"{_HERE}.xlsx",
    ),
    Format(
        id="html",
        suffix=".html",
        also=(".htm",),
        label_key="ui.format_html",
        help_key="export.formats.html",
        binary=False,
        module=f"{_HERE}.html",
    ),
)

FORMATS: dict[str, Format] = {entry.id: entry for entry in _ENTRIES}
"""Every format by id, in the order menus and ``--help`` list them (the first is the default)."""

DEFAULT = _ENTRIES[0].id

_BY_SUFFIX = {ending: f.id for f in _ENTRIES for ending in (f.suffix, *f.also)}


def ids() -> list[str]:
    """The ``--format`` choices: ``["md", "csv", "xlsx", "html"]``."""
    return list(FORMATS)


def suffix(fmt: str) -> str:
    """The file ending a format writes (``".xlsx"``)."""
    return FORMATS[fmt].suffix


def format_for(path: Path | None, asked: str | None) -> str:
    """The format asked for, else the one the output's ending names, else the default."""
    if asked:
        return asked
    if path is not None:
        return _BY_SUFFIX.get(path.suffix.lower(), DEFAULT)
    return DEFAULT


def choices_text(lang: str, *, described: bool = True) -> str:
    """Every format as one phrase: ``md (Markdown, standard), … eller html (til print)``;
    only the ids (``md, csv, xlsx eller html``) when not ``described``."""
    from inddrag.i18n import t

    parts = [t(f.help_key, lang) if described else f.id for f in _ENTRIES]
    if len(parts) == 1:
        return parts[0]
    return t("export.formats.join", lang, first=", ".join(parts[:-1]), last=parts[-1])
