"""Tests written for survivors of mutmut on domain/packs.py (docs/testing.md,
"Mutation testing"). Expected values are written out, never computed by the product."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from inddrag.domain import packs
from inddrag.domain.content import ContentPack, bundled_pack_dir, load_pack
from inddrag.domain.session import new_session

WHEN = datetime(2026, 11, 26, 10, 5, tzinfo=timezone(timedelta(hours=1)))


def test_the_shipped_languages() -> None:
    """Guards :func:`packs.bundled_languages`: the folders that hold an ``advice.toml``."""
    assert packs.bundled_languages() == ["da", "en"]
    assert packs.bundled_pack_dir("en").name == "en"
    assert (packs.bundled_pack_dir("da") / "advice.toml").is_file()


def test_the_pack_language_chosen_for_a_language() -> None:
    """Guards :func:`packs.bundled_language`: region dropped, no language is Danish, a
    language without strings is English."""
    assert packs.bundled_language("da-DK") == "da"
    assert packs.bundled_language("en-GB") == "en"
    assert packs.bundled_language(None) == "da"
    assert packs.bundled_language("") == "da"
    assert packs.bundled_language("de") == "en"


def test_the_pack_a_session_goes_with_in_the_language_asked() -> None:
    """Guards :func:`packs.bundled_pack_for`: the language asked for wins over the
    session's own; without one, the session's; another pack id is no pack."""
    session = new_session(load_pack(bundled_pack_dir("en")), "team", when=WHEN)
    mine = packs.bundled_pack_for(session)
    asked = packs.bundled_pack_for(session, "da")
    assert mine is not None and asked is not None
    assert (mine.info.language, asked.info.language) == ("en", "da")
    session.content.pack = "en-anden-pakke"
    assert packs.bundled_pack_for(session) is None


def test_a_session_in_a_language_without_strings_gets_the_english_pack() -> None:
    """Guards ``bundled_language(language or session.content.language)``: the session's
    language "fr" maps to English, which we ship."""
    session = new_session(load_pack(bundled_pack_dir("da")), "team", when=WHEN)
    session.content.language = "fr"
    pack = packs.bundled_pack_for(session)
    assert pack is not None
    assert pack.info.language == "en"


def test_a_language_we_do_not_ship_loads_nothing() -> None:
    """Guards the ``language not in bundled_languages()`` check of ``_load_bundled``."""
    assert packs._load_bundled("fr") is None
    loaded = packs._load_bundled("da")
    assert loaded is not None and loaded.info.id == "ti-gode-raad"


def _mk(folder: Path) -> Path:
    folder.mkdir()
    return folder


def _cover_pack(tmp_path: Path, pack_table: str) -> Path:
    folder = tmp_path / "pakke"
    folder.mkdir()
    (folder / "advice.toml").write_text(pack_table, encoding="utf-8")
    return folder


def test_a_cover_is_read_with_control_characters_shown(tmp_path: Path) -> None:
    """Guards :func:`packs.read_cover`: title, source and language, each made visible
    (an escape character is shown, not sent; a line break is kept, ``lines=True``), a
    missing key as ``""``."""
    folder = _cover_pack(tmp_path, '[pack]\ntitle = "Råd\\u001b[2J\\nto"\nlanguage = "da"\n')
    assert packs.read_cover(folder) == packs.PackCover(
        title="Råd\N{SYMBOL FOR ESCAPE}[2J\nto", source="", language="da"
    )


def test_the_bundled_covers_name_their_source() -> None:
    """The pack list shows where a pack's text comes from: ``source`` is read too."""
    assert packs.read_cover(bundled_pack_dir("da")) == packs.PackCover(
        title="Ti gode råd om medarbejderinddragelse i digitaliseringen",
        source=(
            "BFA – Branchefællesskab for Arbejdsmiljø: “Digitalisering og det gode arbejde"
            " – om inddragelse og arbejdsmiljø” (2019)"
        ),
        language="da",
    )
    english = packs.read_cover(bundled_pack_dir("en"))
    assert english is not None
    assert english.source.startswith("Translated from BFA – Branchefællesskab for Arbejdsmiljø")


def test_a_cover_without_a_pack_table_or_with_a_number_is_none(tmp_path: Path) -> None:
    """Guards the two refusals of :func:`packs.read_cover`."""
    assert packs.read_cover(_cover_pack(_mk(tmp_path / "a"), 'pack = "x"\n')) is None
    assert packs.read_cover(_cover_pack(_mk(tmp_path / "b"), "[pack]\ntitle = 3\n")) is None
    assert packs.read_cover(tmp_path / "findes-ikke") is None


def test_a_pack_missing_in_the_language_wanted_comes_in_another_we_ship(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Guards the fall-back of :func:`packs.bundled_pack_for` to the other languages we
    ship: with the Danish pack broken (``_load_bundled`` gives ``None``), a Danish session
    gets the English pack (the advice ids are the same)."""
    real = packs._load_bundled

    def without_danish(language: str) -> ContentPack | None:
        return None if language == "da" else real(language)

    session = new_session(load_pack(bundled_pack_dir("da")), "team", when=WHEN)
    monkeypatch.setattr(packs, "_load_bundled", without_danish)
    pack = packs.bundled_pack_for(session)
    assert pack is not None
    assert pack.info.language == "en"


def test_the_packs_inside_an_installed_wheel_are_found_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``here / "content"`` in :func:`packs.bundled_content_root`: installed, the
    packs are in ``inddrag/content`` beside the ``domain`` package."""
    site = tmp_path / "site-packages" / "inddrag"
    (site / "domain").mkdir(parents=True)
    (site / "content").mkdir()
    monkeypatch.setattr(packs, "__file__", str(site / "domain" / "packs.py"))
    assert packs.bundled_content_root() == site / "content"


def test_in_a_checkout_the_packs_are_in_the_repositorys_content_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``here.parent.parent / "content"``: in a checkout (``src/inddrag/domain``)
    with no ``inddrag/content``, the packs are in the repository's ``content/``."""
    domain = tmp_path / "repo" / "src" / "inddrag" / "domain"
    domain.mkdir(parents=True)
    monkeypatch.setattr(packs, "__file__", str(domain / "packs.py"))
    assert packs.bundled_content_root() == tmp_path / "repo" / "content"


def test_no_content_folder_means_no_shipped_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``if not root.is_dir(): return []`` in :func:`packs.bundled_languages`, and
    that only a folder holding an ``advice.toml`` is a language."""
    monkeypatch.setattr(packs, "bundled_content_root", lambda: tmp_path / "findes-ikke")
    assert packs.bundled_languages() == []
    (tmp_path / "sv").mkdir()
    (tmp_path / "da").mkdir()
    (tmp_path / "da" / "advice.toml").write_text("", encoding="utf-8")
    monkeypatch.setattr(packs, "bundled_content_root", lambda: tmp_path)
    assert packs.bundled_languages() == ["da"]


def test_a_language_with_strings_but_no_shipped_pack_gets_the_danish_pack(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Guards ``else "da"`` in :func:`packs.bundled_language`: English has strings, but
    were no English pack shipped, the Danish one is used."""
    monkeypatch.setattr(packs, "bundled_languages", lambda: ["da"])
    assert packs.bundled_language("en") == "da"
    assert packs.bundled_language("en-GB") == "da"
