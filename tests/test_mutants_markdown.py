"""``domain/export/markdown.py``: the summary in Markdown, pinned down where mutation
testing found the suite silent (docs/testing.md, "Mutation testing"). Expected values are
written out; each test says what it guards.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from inddrag.domain import aggregate as aggregate_module
from inddrag.domain.content import ContentPack
from inddrag.domain.export import markdown
from inddrag.domain.export.markdown import prep_section, to_markdown
from inddrag.domain.session import PrepInput, Session, add_votes, new_session

WHEN = datetime(2026, 11, 26, 13, 0, tzinfo=UTC)


def far_apart(pack: ContentPack) -> Session:
    """Anna and Bo rank the pack and two ids it lacks in opposite orders; their names hold
    Markdown (``*A*``)."""
    session = new_session(pack, "team", when=WHEN)
    ids = [a.id for a in pack.advice]
    order = ["zzz", *ids[:2], "yyy", *ids[2:]]
    session.inputs.append(PrepInput(participant="Anna *A*", merged=WHEN, order=order))
    session.inputs.append(PrepInput(participant="Bo_b", merged=WHEN, order=order[::-1]))
    return session


def test_the_disagreements_name_unknown_advice_and_escape_names(da_pack: ContentPack) -> None:
    """Guards ``_splits`` and ``_label``: an id the pack lacks is marked in the language
    asked (shown, and among the rest), without a number; names are escaped for Markdown."""
    text = prep_section(far_apart(da_pack), da_pack, "en")
    assert (
        "- **zzz (not in the content pack)**: places 1–12 (11 apart) (Anna \\*A\\* 1 · Bo_b 12)\n"
    ) in text
    assert (
        "- and 3 more: 8. Vær åben om gevinster og deres forudsætninger (places 3–10)"
        " · 7. Brug inddragelse til at holde fokus på kerneopgaven (places 4–9)"
        " · yyy (not in the content pack) (places 4–9)"
    ) in text


def test_the_disagreements_are_found_from_the_counts_made_once(
    da_pack: ContentPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``counts=counts`` in ``_splits``: the disagreements use the summary's counts
    and do not count again."""
    session = far_apart(da_pack)
    real = aggregate_module.aggregate
    calls: list[int] = []

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(aggregate_module, "aggregate", counted)
    text = prep_section(session, da_pack, "en")
    assert "- **zzz (not in the content pack)**" in text
    assert calls == []


def test_priorities_by_votes_keep_the_pack_order_among_equal_votes(da_pack: ContentPack) -> None:
    """Guards ``_priorities`` without an order: the heading in the language asked, advice
    with equal votes in pack order (an id the pack lacks after the pack's), and without
    any votes the "no priorities" sentence."""
    session = new_session(da_pack, "team", when=WHEN)
    for advice_id in ("agile", "zzz", "rammer"):
        add_votes(session, advice_id, 2)
    assert (
        "\n## What matters most\n\n"
        "No order has been set; the advice is listed by number of votes.\n\n"
        "1. Sæt klare rammer for inddragelsen – 2 votes\n"
        "2. Overvej mere agile digitaliseringsforløb – 2 votes\n"
        "3. zzz (not in the content pack) – 2 votes\n"
    ) in to_markdown(session, da_pack, "en")
    empty = to_markdown(new_session(da_pack, "team", when=WHEN), da_pack, "en")
    assert "\n## What matters most\n\nNo priorities yet.\n" in empty


def test_the_prep_section_uses_the_counts_it_is_given(
    da_pack: ContentPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``counts`` in ``prep_section``: the summary counts once and passes the
    counts on; the section does not count again."""
    session = far_apart(da_pack)
    counts = aggregate_module.aggregate(session, da_pack)

    def no_recount(*args: object, **kwargs: object) -> None:
        raise AssertionError("counted again")

    monkeypatch.setattr(markdown, "aggregate", no_recount)
    monkeypatch.setattr(aggregate_module, "aggregate", no_recount)
    assert "- **zzz (not in the content pack)**" in prep_section(session, da_pack, "en", counts)


def test_an_untitled_summary_is_titled_in_the_language_asked(da_pack: ContentPack) -> None:
    """Guards ``_head``'s fallback title: an English summary of an untitled session."""
    session = new_session(da_pack, "team", when=WHEN)
    session.session.title = ""
    assert to_markdown(session, da_pack, "en").startswith("# Untitled discussion\n\n")


def test_a_summary_counts_the_preparations_once(
    da_pack: ContentPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards the counts ``to_markdown`` passes to ``prep_section``: one count per
    summary, not one more inside the section."""
    real = markdown.aggregate
    calls: list[int] = []

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(markdown, "aggregate", counted)
    assert "- **zzz (not in the content pack)**" in to_markdown(far_apart(da_pack), da_pack, "en")
    assert calls == [1]


@pytest.mark.parametrize(
    ("lang", "heading", "empty", "who"),
    [
        ("en", "## Who does what?", "(The roles table is empty.)", "| Who | What |"),
        ("da", "## Hvem gør hvad?", "(Rolleskemaet er tomt.)", "| Hvem | What |"),
    ],
)
def test_an_empty_roles_table_and_a_blank_row_header_are_said_in_the_language_asked(
    da_pack: ContentPack, lang: str, heading: str, empty: str, who: str
) -> None:
    """A session whose roles table has no columns and no rows says it is empty; one whose
    row header is blank gets the default header, both in the export's language (every
    session made from a pack has both, so no other test met these two)."""
    session = new_session(da_pack)
    session.roles.columns = []
    session.roles.rows = []
    assert to_markdown(session, da_pack, lang).endswith(f"\n{heading}\n\n{empty}\n")
    session = new_session(da_pack)
    session.roles.row_header = " "
    session.roles.columns = session.roles.columns[:1]
    session.roles.columns[0].title = "What"
    session.roles.rows = []
    assert to_markdown(session, da_pack, lang).endswith(f"\n{heading}\n\n{who}\n|---|---|\n")
