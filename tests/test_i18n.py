"""Danish and English string tables have the same keys and the same placeholders."""

from __future__ import annotations

import string

import pytest

from inddrag.i18n import catalog, format_decimal, normalise_language, t, t_plural


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_same_keys_in_both_languages() -> None:
    da, en = catalog("da"), catalog("en")
    assert set(da) - set(en) == set()
    assert set(en) - set(da) == set()


def test_same_placeholders_in_both_languages() -> None:
    da, en = catalog("da"), catalog("en")
    mismatched = {k for k in da if _placeholders(da[k]) != _placeholders(en[k])}
    assert mismatched == set()


def test_lookup_fills_placeholders_and_falls_back() -> None:
    assert t("problems.too_small", "da", min=0) == "skal være 0 eller mere"
    assert t("problems.too_small", "en-GB", min=0) == "must be 0 or more"
    assert t("no.such.key", "da") == "no.such.key"
    assert normalise_language("da_DK") == "da"
    assert normalise_language("fr") == "en"
    assert normalise_language(None) == "da"


@pytest.mark.source_rules
def test_every_key_the_code_names_exists() -> None:
    """A typo in a key would show the key itself to a meeting; catch it here."""
    import re
    from pathlib import Path

    import inddrag

    root = Path(inddrag.__file__).parent
    literal = re.compile(
        r"""\b(?:t|tr)\(\s*["']((?:ui|keys|cmd|cli|problems|merge|export|storage|collect)\.[a-z_.]+)["']"""
    )
    described = re.compile(r"""["']((?:keys|ui)\.[a-z_]+)["']""")
    plural = re.compile(
        r"""\bt_plural\(\s*["']((?:ui|cli|merge|export|storage|collect)\.[a-z_.]+)["']"""
    )
    da = catalog("da")
    missing = set()
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for key in literal.findall(text) + described.findall(text):
            if key not in da and f"{key}.one" not in da:
                missing.add(f"{path.name}: {key}")
        for key in plural.findall(text):
            for form in ("one", "other"):
                if f"{key}.{form}" not in da:
                    missing.add(f"{path.name}: {key}.{form}")
    for kind in ("team", "prep"):
        for stem in (
            "notes_label",
            "notes_placeholder",
            "prio_question",
            "prio_rest_heading",
            "prio_legend",
            "roles_question",
        ):
            if f"ui.{stem}_{kind}" not in da:
                missing.add(f"ui.{stem}_{kind}")
    for step in ("start", "advice", "prioritise", "roles", "summary"):
        if f"ui.help_{step}" not in da:
            missing.add(f"ui.help_{step}")
    assert missing == set()


def test_plural_picks_one_for_exactly_one_and_other_for_the_rest() -> None:
    assert t_plural("export.votes", 1, "da") == "1 stemme"
    assert t_plural("export.votes", 0, "da") == "0 stemmer"
    assert t_plural("export.votes", 2, "en") == "2 votes"
    assert t_plural("export.votes", 1, "en") == "1 vote"
    assert (
        t_plural("merge.cli.summary", 1, "en", added=1, replaced=0, unchanged=0, total=1)
        == "1 added, 0 replaced, 0 unchanged; the team's session now has 1 preparation."
    )


def test_decimals_use_the_languages_separator() -> None:
    assert format_decimal(1.25, "da") == "1,3"  # half up on the decimal value
    assert format_decimal(1.26, "en") == "1.3"
    assert format_decimal(2.0, "da", digits=2) == "2,00"
    assert format_decimal(None, "en") == "–"
