"""Hypothesis strategies for whole sessions with hostile text in every field."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from inddrag.domain.session import (
    AdviceEntry,
    Column,
    ContentRef,
    PrepInput,
    Priorities,
    RolesTable,
    Row,
    Session,
    SessionInfo,
)

TRICKY = [
    '"""',
    "'''",
    "\\",
    "\\n",
    "\r\n",
    "\r",
    "\n\n",
    "a\\\nb",
    '"""\\"""',
    "\x00\x01\x1f\x7f",
    "\t",
    "\u2028\u2029\x85",
    "\ufeff",
    "æøå ÆØÅ",
    "👩‍💻🎉",
    "| pipe |",
    "<script>alert(1)</script>",
    "[x]: http://x",
    "# overskrift",
    "= =",
    "key = value",
    "[[advice]]",
]

texts = st.one_of(
    st.text(),
    st.sampled_from(TRICKY),
    st.lists(st.sampled_from(TRICKY) | st.text(max_size=5), max_size=6).map("".join),
)
ids = texts.filter(bool)
offsets = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
datetimes = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.none() | offsets
)


def unique(items: st.SearchStrategy[str], max_size: int = 5) -> st.SearchStrategy[list[str]]:
    return st.lists(items, max_size=max_size, unique=True)


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    """A valid session: any text anywhere, unique ids where the loader requires them."""
    advice_ids = draw(unique(ids))
    column_ids = draw(unique(ids))
    row_ids = draw(unique(ids))
    kind = draw(st.sampled_from(["team", "prep"]))
    return Session(
        format="inddrag-session",
        version=2,
        session=SessionInfo(
            kind=kind,
            title=draw(texts),
            team=draw(texts),
            facilitator=draw(texts),
            participants=draw(st.lists(texts, max_size=4)),
            created=draw(st.none() | datetimes),
            updated=draw(st.none() | datetimes),
        ),
        content=ContentRef(pack=draw(ids), version=draw(ids), language=draw(ids)),
        advice=[
            AdviceEntry(
                id=advice_id,
                votes=draw(st.integers(min_value=0, max_value=1_000_000)),
                notes=draw(texts),
            )
            for advice_id in advice_ids
        ],
        priorities=Priorities(order=draw(unique(ids))),
        roles=RolesTable(
            row_header=draw(texts),
            columns=[Column(id=c, title=draw(texts)) for c in column_ids],
            rows=[
                Row(id=r, name=draw(texts), cells=draw(st.dictionaries(ids, texts, max_size=4)))
                for r in row_ids
            ],
        ),
        inputs=[
            PrepInput(
                participant=draw(texts),
                merged=draw(datetimes),
                order=draw(unique(ids)),
                notes=draw(st.dictionaries(ids, texts, max_size=3)),
            )
            for _ in range(draw(st.integers(min_value=0, max_value=2)))
        ],
    )
