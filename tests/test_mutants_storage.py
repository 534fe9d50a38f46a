"""Tests written for survivors of mutmut on domain/storage.py (docs/testing.md,
"Mutation testing"). Expected values are written out, never computed by the product.

The identity a version-1 file gets (``_v1_to_v2``) is pinned to literal UUIDs: the same v1
file must get the same identity in every release, or a preparation merged once before and
once after an upgrade would count twice. Each UUID is ``uuid5(_V1_IDS, seed)`` with the
seed written beside it (checked with the standard library when the test was written).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from inddrag.domain import storage
from inddrag.domain.errors import FileProblems
from tests.test_mutants_tomlfile import MINIMAL

CREATED = datetime(2026, 11, 26, 10, 5, tzinfo=timezone(timedelta(hours=1)))


def _v1_id(info: dict[str, Any]) -> str:
    migrated = storage._v1_to_v2({"session": info})
    return str(migrated["session"]["id"])


def test_a_v1_identity_from_kind_created_facilitator_and_title() -> None:
    """Seed ``team|2026-11-26 10:05:00+01:00|Eva|Møde``."""
    info = {"kind": "team", "created": CREATED, "facilitator": "Eva", "title": "Møde"}
    assert _v1_id(info) == "24d518b9-736f-5245-ad67-3d36337feae9"


def test_a_missing_key_counts_as_empty_text_in_the_seed() -> None:
    """Guards ``info.get(key, "")``: seed ``team|2026-11-26 10:05:00+01:00||Møde``."""
    info = {"kind": "team", "created": CREATED, "title": "Møde"}
    assert _v1_id(info) == "44e8ec35-8811-5649-b3d1-df494bc589fb"


def test_a_creation_time_alone_is_enough_to_tell_files_apart() -> None:
    """Guards ``info.get("created") or …``: with a creation time and no title the content
    is not hashed in; seed ``team|2026-11-26 10:05:00+01:00||``."""
    info = {"kind": "team", "created": CREATED}
    assert _v1_id(info) == "37aea51e-1a74-5988-a20f-260d07840e2f"


def test_a_title_alone_is_enough_to_tell_files_apart() -> None:
    """Guards ``str(info.get("title", "")).strip()``: with a title and no creation time
    the content is not hashed in; seed ``prep|||Møde``."""
    assert _v1_id({"kind": "prep", "title": "Møde"}) == "9de56cff-76bc-5d99-a8c5-5fc9046df42f"


def test_a_nameless_file_adds_the_hash_of_its_content_to_the_seed() -> None:
    """Guards ``seed += "|" + sha256(repr(data))``: seed ``prep|||`` + ``|`` + the SHA-256
    of ``{'session': {'kind': 'prep'}}``."""
    assert _v1_id({"kind": "prep"}) == "fbaecc0f-3bc8-545d-9c3f-a6ac64e60a89"


def test_a_v1_file_that_has_an_id_keeps_it() -> None:
    """Guards ``if "id" not in info``: an id already there is not replaced."""
    assert _v1_id({"kind": "team", "id": "min-egen", "title": "Møde"}) == "min-egen"


def test_a_v1_file_that_says_whether_it_is_anonymous_keeps_it() -> None:
    """Guards ``if "anonymous" not in info``: a v1 file that already says ``false`` stays
    so though an input has no name."""
    data = {"session": {"kind": "team", "anonymous": False}, "inputs": [{"participant": ""}]}
    assert storage._v1_to_v2(data)["session"]["anonymous"] is False


def test_an_input_without_a_participant_key_makes_the_file_anonymous() -> None:
    """Guards ``item.get("participant", "")``: an input with no ``participant`` key at all
    is nameless, like one with ``""``."""
    data = {"session": {"kind": "team"}, "inputs": [{"participant": "Bo"}, {"order": []}]}
    assert storage._v1_to_v2(data)["session"]["anonymous"] is True


def test_the_first_meeting_falls_back_to_the_day_last_changed() -> None:
    """Guards ``info.get("created") or info.get("updated")``: without a creation time the
    first meeting is on the day the file was last changed."""
    data: dict[str, Any] = {"session": {"kind": "team", "updated": CREATED + timedelta(days=3)}}
    assert storage._v1_to_v2(data)["meetings"] == [{"date": date(2026, 11, 29)}]


def test_a_v1_file_with_meetings_keeps_them() -> None:
    """Guards ``if "meetings" not in data``: meetings already in the data are not replaced
    by one on the day the file was made."""
    data: dict[str, Any] = {
        "session": {"kind": "team", "created": CREATED},
        "meetings": [{"date": date(2026, 12, 1)}],
    }
    assert storage._v1_to_v2(data)["meetings"] == [{"date": date(2026, 12, 1)}]


def test_an_empty_file_may_be_saved_over_and_a_one_byte_file_may_not(tmp_path: Path) -> None:
    """An empty file (``touch møde.toml``) is no one's work: a session may be saved over
    it. A file of one byte that is not a session is someone's: it is refused."""
    empty = tmp_path / "tom.toml"
    empty.write_bytes(b"")
    assert storage.not_a_session(empty) is None
    one = tmp_path / "et-tegn.toml"
    one.write_bytes(b"x")
    assert storage.not_a_session(one) == "not_a_session"


# The size of the roles table (``_check_table_size``): a file with more rows or columns than
# inddrag reads is refused in one sentence naming the first one's line, before validation.

HEADER = MINIMAL + '\n[roles]\nrow_header = "Rolle"\n'


def _table(path: Path, rows: int, columns: int) -> Path:
    """``rows`` rows after ``columns`` columns; the first column is on line 15, each
    ``[[roles.columns]]`` table takes three lines and each ``[[roles.rows]]`` four."""
    parts = [HEADER]
    parts += [f'\n[[roles.columns]]\nid = "k{n}"\ntitle = "Kolonne {n}"' for n in range(columns)]
    row = '\n[[roles.rows]]\nid = "r{n}"\nname = "Række {n}"\ncells = {{}}'
    parts += [row.format(n=n) for n in range(rows)]
    path.write_text("".join(parts) + "\n", encoding="utf-8")
    return path


def _refusal(path: Path, lang: str) -> str:
    with pytest.raises(FileProblems) as info:
        storage.load_session(path)
    return info.value.render(lang)


def test_a_roles_table_of_1001_rows_is_refused_at_its_first_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards the rows limit, its key, its line (the first row's, not the second's) and
    every value of the sentence. One column: lines 15–17; the first row on line 18."""
    monkeypatch.chdir(tmp_path)
    _table(tmp_path / "stor.toml", rows=1001, columns=1)
    assert _refusal(Path("stor.toml"), "en") == (
        "stor.toml:18: roles.rows: the roles table has 1001 rows; inddrag reads at most 1000 rows"
    )
    assert _refusal(Path("stor.toml"), "da") == (
        "stor.toml:18: roles.rows: rolletabellen har 1001 rækker; inddrag læser højst 1000 rækker"
    )


def test_a_roles_table_of_101_columns_is_refused_at_its_first_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards the columns limit, its key and its line: the first column is on line 15."""
    monkeypatch.chdir(tmp_path)
    _table(tmp_path / "bred.toml", rows=2, columns=101)
    assert _refusal(Path("bred.toml"), "en") == (
        "bred.toml:15: roles.columns: the roles table has 101 columns; "
        "inddrag reads at most 100 columns"
    )
    assert _refusal(Path("bred.toml"), "da") == (
        "bred.toml:15: roles.columns: rolletabellen har 101 kolonner; "
        "inddrag læser højst 100 kolonner"
    )


def test_a_roles_table_of_exactly_1000_rows_and_100_columns_is_read(tmp_path: Path) -> None:
    """Guards ``len(items) > limit``: the limits themselves are allowed."""
    session = storage.load_session(_table(tmp_path / "fuld.toml", rows=1000, columns=100))
    assert (len(session.roles.rows), len(session.roles.columns)) == (1000, 100)
    assert session.roles.rows[999].name == "Række 999"
