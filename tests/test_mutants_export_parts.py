"""``domain/export/parts.py``: what both summaries are built from, pinned down where
mutation testing found the suite silent (docs/testing.md, "Mutation testing"). Expected
values are written out; each test says what it guards.
"""

from __future__ import annotations

from inddrag.domain.content import ContentPack
from inddrag.domain.export.parts import table_columns
from inddrag.domain.session import new_session


def test_a_column_only_cells_mention_is_listed_once(da_pack: ContentPack) -> None:
    """Guards ``table_columns``: a column the table lacks but two roles have a cell in
    comes once, after the table's own, titled by its id."""
    session = new_session(da_pack, "team")
    session.roles.rows[0].cells["ekstra"] = "a"
    session.roles.rows[1].cells["ekstra"] = "b"
    assert table_columns(session) == [
        ("hvad", "Hvad"),
        ("hvornaar", "Hvornår/hvor ofte?"),
        ("hvordan", "Hvordan"),
        ("status", "Status og næste skridt"),
        ("ekstra", "ekstra"),
    ]
