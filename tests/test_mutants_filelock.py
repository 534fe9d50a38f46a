"""``domain/filelock.py``: the lock file beside an open session, pinned down where mutation
testing found the suite silent (docs/testing.md, "Mutation testing"). Expected names,
fields and texts are written out; each test says what it guards.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import time
from pathlib import Path

import pytest

from inddrag.domain import filelock
from inddrag.domain.filelock import (
    LockInfo,
    acquire,
    holder,
    lock_path,
    read_lock,
    release,
)

HOST = socket.gethostname()
OTHER_PID = os.getpid() + 1


def write_lock(session: Path, data: object) -> None:
    lock_path(session).write_text(json.dumps(data), encoding="utf-8")


def lock_data(pid: int, host: str = HOST) -> dict[str, object]:
    return {"user": "anne", "host": host, "pid": pid, "since": "2026-11-30T19:03:00+00:00"}


def test_the_lock_file_is_beside_the_session_as_libreoffice_names_it() -> None:
    assert lock_path(Path("mappe") / "hold.toml") == Path("mappe") / ".~lock.hold.toml#"


def test_my_lock_names_me_this_machine_this_process_and_now(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """User, host, pid, and the time in UTC with its offset."""
    monkeypatch.setattr(filelock.getpass, "getuser", lambda: "anne")
    mine = LockInfo.mine()
    assert (mine.user, mine.host, mine.pid) == ("anne", HOST, os.getpid())
    assert mine.since.endswith("+00:00")
    assert mine.is_mine is True


def test_without_a_user_name_my_lock_names_my_user_id(monkeypatch: pytest.MonkeyPatch) -> None:
    """No user name to be had (a container without passwd): the user id instead."""

    def no_name() -> str:
        raise KeyError("uid not found")

    monkeypatch.setattr(filelock.getpass, "getuser", no_name)
    monkeypatch.setattr(filelock, "user_id", lambda: "uid-1000")
    assert LockInfo.mine().user == "uid-1000"


def test_a_lock_is_mine_only_on_this_machine_in_this_process() -> None:
    assert LockInfo("a", HOST, os.getpid(), "").is_mine is True
    assert LockInfo("a", HOST, OTHER_PID, "").is_mine is False
    assert LockInfo("a", HOST + "-x", os.getpid(), "").is_mine is False


def test_a_lock_is_stale_only_when_its_process_here_is_gone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another machine's lock is never stale; nor ours; a process here that runs is not."""
    alive: set[int] = set()
    monkeypatch.setattr(filelock, "pid_alive", lambda pid: pid in alive)
    assert LockInfo("a", HOST, OTHER_PID, "").is_stale is True
    alive.add(OTHER_PID)
    assert LockInfo("a", HOST, OTHER_PID, "").is_stale is False
    assert LockInfo("a", HOST + "-x", OTHER_PID + 1, "").is_stale is False
    assert LockInfo("a", HOST, os.getpid(), "").is_stale is False


def test_since_is_shown_in_local_time_or_as_it_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    """``30.11. 20:03`` in Copenhagen for 19:03 UTC; text that is no time as it is."""
    monkeypatch.setenv("TZ", "Europe/Copenhagen")
    time.tzset()
    try:
        assert LockInfo("a", "h", 1, "2026-11-30T19:03:00+00:00").since_local() == "30.11. 20:03"
        assert LockInfo("a", "h", 1, "i går").since_local() == "i går"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_lock_is_read_with_its_fields_as_text_and_number(tmp_path: Path) -> None:
    """Read from beside the file; numbers and texts as the fields want them."""
    session = tmp_path / "hold.toml"
    assert read_lock(session) is None
    write_lock(session, {"user": 5, "host": "h", "pid": "12", "since": "s"})
    assert read_lock(session) == LockInfo("5", "h", 12, "s")


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        json.dumps(["user"]),
        json.dumps({"user": "a", "host": "h", "pid": 1}),
        json.dumps({"user": "a", "host": "h", "pid": "x", "since": "s"}),
    ],
)
def test_an_unreadable_lock_counts_as_none(tmp_path: Path, content: str) -> None:
    """Not JSON, not a table, a key missing, a pid that is no number: no lock."""
    session = tmp_path / "hold.toml"
    lock_path(session).write_text(content, encoding="utf-8")
    assert read_lock(session) is None


def test_a_lock_that_is_no_utf8_too_large_or_a_link_counts_as_none(tmp_path: Path) -> None:
    session = tmp_path / "hold.toml"
    lock_path(session).write_bytes(b"\xff")
    assert read_lock(session) is None
    write_lock(session, {**lock_data(1), "user": "x" * 20_000})
    assert read_lock(session) is None
    if os.name == "posix":
        elsewhere = tmp_path / "elsewhere"
        elsewhere.write_text(json.dumps(lock_data(1)), encoding="utf-8")
        lock_path(session).unlink()
        lock_path(session).symlink_to(elsewhere)
        assert read_lock(session) is None


def test_the_holder_is_someone_else_with_a_live_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nobody, us, or a stale lock: no holder; another live process: its lock."""
    monkeypatch.setattr(filelock, "pid_alive", lambda pid: pid == OTHER_PID)
    session = tmp_path / "hold.toml"
    assert holder(session) is None
    write_lock(session, lock_data(os.getpid()))
    assert holder(session) is None
    write_lock(session, lock_data(OTHER_PID + 1))
    assert holder(session) is None
    write_lock(session, lock_data(OTHER_PID))
    assert holder(session) == LockInfo("anne", HOST, OTHER_PID, "2026-11-30T19:03:00+00:00")


def test_acquiring_writes_my_lock_and_returns_a_stale_one_it_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Our lock as JSON with four fields (0644, no temporary file left); the stale lock
    replaced is returned, a live or missing one is not."""
    monkeypatch.setattr(filelock, "pid_alive", lambda pid: pid == OTHER_PID)
    monkeypatch.setattr(filelock.getpass, "getuser", lambda: "bo")
    session = tmp_path / "hold.toml"
    assert acquire(session) is None
    data = json.loads(lock_path(session).read_text(encoding="utf-8"))
    assert sorted(data) == ["host", "pid", "since", "user"]
    assert (data["user"], data["host"], data["pid"]) == ("bo", HOST, os.getpid())
    assert sorted(p.name for p in tmp_path.iterdir()) == [".~lock.hold.toml#"]
    if os.name == "posix":
        old = os.umask(0o022)
        try:
            lock_path(session).unlink()
            acquire(session)
        finally:
            os.umask(old)
        assert stat.S_IMODE(lock_path(session).stat().st_mode) == 0o644
    write_lock(session, lock_data(OTHER_PID + 1))
    assert acquire(session) == LockInfo("anne", HOST, OTHER_PID + 1, "2026-11-30T19:03:00+00:00")
    write_lock(session, lock_data(OTHER_PID))
    assert acquire(session) is None
    assert read_lock(session) is not None and read_lock(session).pid == os.getpid()  # type: ignore[union-attr]


def test_acquiring_in_a_folder_that_is_not_there_is_no_error(tmp_path: Path) -> None:
    """Best effort: no lock, no exception."""
    assert acquire(tmp_path / "nej" / "hold.toml") is None
    assert not (tmp_path / "nej").exists()


def test_a_stale_temporary_file_of_ours_does_not_stop_the_lock(tmp_path: Path) -> None:
    """A temporary file of this pid left behind: the lock is not written this time, and
    the temporary file is cleared so the next try works."""
    session = tmp_path / "hold.toml"
    tmp = tmp_path / f".~lock.hold.toml#.{os.getpid()}.tmp"
    tmp.write_text("gammel", encoding="utf-8")
    acquire(session)
    assert not tmp.exists()
    acquire(session)
    assert read_lock(session) is not None


def test_releasing_removes_only_my_lock(tmp_path: Path) -> None:
    """Our lock is removed; someone else's is left; no lock is no error."""
    session = tmp_path / "hold.toml"
    release(session)
    write_lock(session, lock_data(OTHER_PID))
    release(session)
    assert lock_path(session).exists()
    write_lock(session, lock_data(os.getpid()))
    release(session)
    assert not lock_path(session).exists()


def test_a_lock_that_cannot_be_removed_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Letting go never fails the caller (closing, quitting) when the lock stays."""
    session = tmp_path / "hold.toml"
    write_lock(session, lock_data(os.getpid()))

    def refuse(self: Path, missing_ok: bool = False) -> None:
        raise PermissionError(13, "refused", str(self))

    monkeypatch.setattr(Path, "unlink", refuse)
    release(session)
    monkeypatch.undo()
    assert lock_path(session).exists()
