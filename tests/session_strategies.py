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

LONE_SURROGATES = ["\ud800", "\udfff", "a\udc80b", "\ud83c"]
"""Not valid Unicode, but a Python string can hold them (a bad paste, a broken file name):
saving writes U+FFFD in their place (``atomic.encode_text``) and never fails."""

plain_texts = st.one_of(
    st.text(),
    st.sampled_from(TRICKY),
    st.lists(st.sampled_from(TRICKY) | st.text(max_size=5), max_size=6).map("".join),
)
texts = st.one_of(
    plain_texts,
    st.lists(
        st.sampled_from(TRICKY + LONE_SURROGATES)
        | st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=2)
        | st.text(max_size=5),
        max_size=6,
    ).map("".join),
)
ids = plain_texts.filter(bool)
"""Ids never hold lone surrogates: two of them would both become U+FFFD, one id."""
offsets = st.one_of(
    st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(
        lambda minutes: timezone(timedelta(minutes=minutes))
    ),
    # Offsets to the second (historic local mean times): TOML cannot write them; saved in UTC.
    st.integers(min_value=-86_399, max_value=86_399).map(
        lambda seconds: timezone(timedelta(seconds=seconds))
    ),
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


def _clean(value: object) -> object:
    if isinstance(value, str):
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in value)
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def as_saved(session: Session) -> Session:
    """The session as a save writes it: every lone surrogate replaced by U+FFFD."""
    return Session.model_validate(_clean(session.model_dump()))
