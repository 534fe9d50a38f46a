"""Danish and English string tables have the same keys and the same placeholders."""

from __future__ import annotations

import string

from inddrag.i18n import catalog, normalise_language, t


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
