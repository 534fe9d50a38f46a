"""User-facing strings in Danish and English, kept apart from code.

Each language is a folder of TOML files; a file's stem is the namespace of its keys
(``problems.toml`` holds ``problems.*``). Lookup falls back from the requested language to
English, then to the key itself, so a missing string shows as its key rather than crashing
a meeting. ``tests/test_i18n.py`` proves both languages have the same keys and placeholders.

**Plurals.** A text that depends on a count is a small table with an ``one`` and an
``other`` entry (``votes = { one = "1 stemme", other = "{count} stemmer" }``), looked up
with :func:`t_plural` (``t_plural("export.votes", 3, "da")`` → ``"3 stemmer"``). Danish and
English both use ``one`` for exactly 1 and ``other`` for everything else, 0 included.

**Dates and numbers** are written by :func:`format_date`, :func:`format_datetime` and
:func:`format_decimal` from the string tables, so no locale has to be installed.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any

from inddrag.tomlcache import load_cached

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"


def normalise_language(lang: str | None) -> str:
    """Map a BCP 47 code (``da``, ``da-DK``, ``en-GB``) to a language we have strings for."""
    if not lang:
        return DEFAULT_LANGUAGE
    base = lang.split("-")[0].split("_")[0].lower()
    return base if base in LANGUAGES else "en"


def _flatten(prefix: str, table: dict[str, Any], out: dict[str, str]) -> None:
    for key, value in table.items():
        name = f"{prefix}.{key}"
        if isinstance(value, dict):
            _flatten(name, value, out)
        else:
            out[name] = str(value)


@cache
def catalog(lang: str) -> dict[str, str]:
    """Every string of one language, keyed ``namespace.key``."""
    out: dict[str, str] = {}
    # A plain folder beside this module (importlib.resources would cost more to import
    # than all the tables take to read).
    for entry in sorted((Path(__file__).parent / lang).glob("*.toml")):
        _flatten(entry.stem, load_cached(entry), out)
    return out


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The string ``key`` in ``lang``, with ``{placeholders}`` filled from ``params``."""
    lang = normalise_language(lang)
    template = catalog(lang).get(key)
    if template is None:
        template = catalog("en").get(key, key)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def t_plural(key: str, count: int, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """``key.one`` for a count of 1, else ``key.other``, with ``{count}`` filled in."""
    form = "one" if count == 1 else "other"
    return t(f"{key}.{form}", lang, count=count, **params)


def format_date(value: date, lang: str) -> str:
    """``26. november 2026`` (da), ``26 November 2026`` (en); no locale needed."""
    month = t(f"export.month_{value.month}", lang)
    return t("export.date", lang, day=value.day, month=month, year=value.year)


def format_datetime(value: datetime, lang: str) -> str:
    """``26. november 2026 kl. 11.40`` (da), ``26 November 2026 at 11:40`` (en)."""
    clock = t("export.time", lang, hour=f"{value.hour:02d}", minute=f"{value.minute:02d}")
    return t("export.date_time", lang, date=format_date(value.date(), lang), time=clock)


def round_half_up(value: float, digits: int = 1) -> Decimal:
    """``value`` rounded half up on its decimal value: 2.25 → 2.3, 0.05 → 0.1, −2.25 → −2.3.

    The decimal value is the shortest text that reads back as the same float (``repr``), so
    2.25 rounds as 2.25, not as the binary 2.2499… or by Python's round-half-to-even.
    Every number inddrag shows is rounded with this (see :func:`format_decimal`).
    """
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def format_decimal(value: float | None, lang: str, digits: int = 1) -> str:
    """``2.25`` → ``"2,3"`` in Danish, ``"2.3"`` in English (half up, :func:`round_half_up`);
    ``None`` → ``"–"``."""
    if value is None:
        return "–"
    text = f"{round_half_up(value, digits):f}"
    return text.replace(".", ",") if normalise_language(lang) == "da" else text
