"""The shipped packs: the leaflet to the letter, the translation complete."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from inddrag.domain.content import ContentPack, bundled_pack_dir
from tests.conftest import REPO

SEED = Path(__file__).resolve().parent / "seed" / "ti-gode-raad-og-rolleskema.txt"
"""The leaflet's text, shipped with the tests (tests/seed/README.md)."""
SHARED_SEED = REPO.parent / "shared" / "seed" / SEED.name


def _seed_text() -> str:
    """The seed's text with the PDF's line-break hyphens joined and whitespace collapsed."""
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("MED-\n", "MED-\u0000")  # a real hyphen at a line end
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    text = text.replace("\u0000", "")
    return re.sub(r"\s+", " ", text)


def test_danish_pack_has_the_ten_advice_in_order(da_pack: ContentPack) -> None:
    assert [a.id for a in da_pack.advice] == [
        "konsekvenser",
        "rammer",
        "information",
        "tidligt",
        "roller",
        "samarbejdsfora",
        "kerneopgaven",
        "gevinster",
        "usynligt",
        "agile",
    ]
    assert da_pack.info.closing_question == (
        "Drøft de 10 råd. Hvilke er vigtigst for jer, og hvem skal gøre hvad?"
    )
    assert "MED-udvalg/SU" in da_pack.advice[5].text
    assert "“oversat”" in da_pack.advice[2].text
    assert "tidlig, god og løbende orientering – med mulighed" in da_pack.advice[3].text


def test_every_leaflet_sentence_is_in_the_danish_pack(da_pack: ContentPack) -> None:
    seed = _seed_text()
    for advice in da_pack.advice:
        assert advice.title in seed, advice.title
        for sentence in re.split(r"(?<=[.?])\s+", advice.text):
            assert sentence in seed, sentence
    for role in da_pack.roles:
        for example in role.examples.values():
            assert example in seed, example
    assert da_pack.template.guidance in seed
    assert da_pack.template.question in seed


def test_worksheet_roles_columns_and_hint(da_pack: ContentPack) -> None:
    assert [c.title for c in da_pack.columns] == [
        "Hvad",
        "Hvornår/hvor ofte?",
        "Hvordan",
        "Status og næste skridt",
    ]
    assert [r.name for r in da_pack.roles] == [
        "Ledere",
        "Medarbejdere generelt",
        "Fagspecialister",
        "Tillidsvalgte",
        "Samarbejdsfora",
        "Andre",
    ]
    assert da_pack.roles[0].examples == {"hvad": "Fx skabe klarhed om rammer og roller"}
    assert da_pack.roles[-1].hint == "fx brugerrepræsentanter, andre afdelinger mv."
    assert da_pack.template.row_header == "Hvem"


def test_english_pack_mirrors_the_danish_ids(da_pack: ContentPack, en_pack: ContentPack) -> None:
    assert en_pack.info.language == "en"
    assert en_pack.info.id == da_pack.info.id
    assert [a.id for a in en_pack.advice] == [a.id for a in da_pack.advice]
    assert [c.id for c in en_pack.columns] == [c.id for c in da_pack.columns]
    assert [r.id for r in en_pack.roles] == [r.id for r in da_pack.roles]
    for da, en in zip(da_pack.advice, en_pack.advice, strict=True):
        assert en.title != da.title
        assert len(en.questions) == len(da.questions)


def test_pack_files_are_plain_utf8_toml() -> None:
    for lang in ("da", "en"):
        for name in ("advice.toml", "roles.toml"):
            raw = (bundled_pack_dir(lang) / name).read_bytes()
            assert not raw.startswith(b"\xef\xbb\xbf")
            tomllib.loads(raw.decode("utf-8"))


def test_the_shipped_seed_is_the_shared_one_when_it_is_beside_the_clone() -> None:
    assert len(SEED.read_text(encoding="utf-8")) > 3000  # the whole leaflet is shipped
    if SHARED_SEED.exists():
        assert SEED.read_bytes() == SHARED_SEED.read_bytes()
