"""The meeting clock kept with the session: written only once it has run, read back whole,
and absent from older files (they open as before, with the clock at 0:00)."""

from __future__ import annotations

from pathlib import Path

from inddrag.domain import session as ops
from inddrag.domain.content import bundled_pack_dir, load_pack
from inddrag.domain.storage import dumps_session, load_session, save_session
from tests.ui_helpers import WHEN, meeting_file

PACK = load_pack(bundled_pack_dir("da"))


def test_the_clock_is_kept_with_the_meeting_going_on_and_read_back(tmp_path: Path) -> None:
    session = ops.new_session(PACK, "team", when=WHEN)
    assert ops.set_clock(session, 754.9, {"konsekvenser": 192.2, "tidligt": 0.4}, 8)
    assert not ops.set_clock(session, 754.2, {"konsekvenser": 192.9}, 8)  # whole seconds
    text = dumps_session(session)
    assert "\n[[meetings]]\ndate = 2026-11-26\nseconds = 754\ntimebox = 8\n" in text
    assert "\n[meetings.advice_seconds]\nkonsekvenser = 192\n" in text
    save_session(session, tmp_path / "m.toml")
    assert ops.clock_of(load_session(tmp_path / "m.toml")) == (754, {"konsekvenser": 192}, 8)


def test_a_session_whose_clock_never_ran_is_written_as_before(tmp_path: Path) -> None:
    session = ops.new_session(PACK, "team", when=WHEN)
    text = dumps_session(session)
    assert "seconds" not in text and "timebox" not in text
    assert ops.clock_of(session) == (0, {}, None)


def test_older_files_open_with_no_clock(tmp_path: Path) -> None:
    assert ops.clock_of(load_session(meeting_file(tmp_path))) == (0, {}, None)
