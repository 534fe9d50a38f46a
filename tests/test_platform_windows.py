"""The domain's save, lock and recovery code run through its Windows branches, here on Linux.

``sys.platform`` is set to ``win32`` for each test, ``fcntl`` cannot be imported, and the
two Windows primitives inddrag calls are replaced at their boundary:

* ``msvcrt.locking`` by :class:`FakeMsvcrt`, which keeps Windows' rules (one kind of lock,
  taken from the file's current position, refused with ``PermissionError`` while another
  handle holds it, an unlock of bytes not locked is an error) on top of the real
  ``flock``, and records which files are still locked;
* kernel32's ``OpenProcess``, ``GetExitCodeProcess``, ``CloseHandle`` and
  ``SetConsoleCtrlHandler`` by :class:`FakeKernel32`, which answers for a table of
  processes and keeps the console handler it is given.

What this proves: every Windows branch of :mod:`inddrag.domain.platform` runs and its
callers (stale locks, recovery copies, the live channel, saving) behave through them as
they do on Linux; ``os.kill`` is never called on Windows (it would send ctrl+c there);
locks are undone before their file is closed; no ``chmod``/``chown`` is attempted.

What it cannot prove without a real Windows: that the real ``msvcrt.locking`` and the real
kernel32 calls behave as the fakes do (argument types through ctypes, 64-bit handles,
``GetExitCodeProcess`` for a process of another user); that an open file cannot be
replaced or removed (the retries in ``atomic._replace`` and the late removal of a
recovery lock file); that Windows calls the console handler on closing the window and
gives it time to write; and NTFS' own file identity for the in-place write's check.
``docs/platforms.md`` lists these for a try on a real Windows.
"""

from __future__ import annotations

import ctypes
import errno
import io
import os
import signal
import socket
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from inddrag.domain import atomic, filelock, live, platform, recovery, statedir
from inddrag.domain.content import ContentPack
from inddrag.domain.session import Session, new_session, set_notes
from inddrag.domain.storage import load_session, save_session

fcntl = pytest.importorskip(
    "fcntl", reason="the fake msvcrt locks with flock; a real Windows runs the real one"
)

LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4
"""The values of Windows' ``msvcrt`` constants."""


class FakeMsvcrt(types.ModuleType):
    """``msvcrt.locking`` with Windows' rules, on the real ``flock`` of this machine."""

    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = (
        LK_UNLCK,
        LK_LOCK,
        LK_NBLCK,
        LK_RLCK,
        LK_NBRLCK,
    )

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.held: set[int] = set()
        self.calls: list[tuple[int, int, int]] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        position = os.lseek(fd, 0, os.SEEK_CUR)
        self.calls.append((mode, position, nbytes))
        assert position == 0, "inddrag locks the first byte: the position must be 0"
        if mode == LK_UNLCK:
            if fd not in self.held:
                raise PermissionError(errno.EACCES, "Permission denied")
            fcntl.flock(fd, fcntl.LOCK_UN)
            self.held.discard(fd)
            return
        assert mode in (LK_NBLCK, LK_NBRLCK), "a blocking lock would hang the app"
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PermissionError(errno.EACCES, "Permission denied") from None
        self.held.add(fd)


class FakeKernel32:
    """The kernel32 calls inddrag makes, answering for a table of processes.

    ``processes`` maps a pid to its exit code (``STILL_ACTIVE`` while it runs) or to
    ``"denied"`` (it runs as another user); any other pid does not exist.
    """

    def __init__(self, processes: dict[int, int | str]) -> None:
        self.processes = processes
        self.last_error = 0
        self.open_handles: set[int] = set()
        self.console_handlers: list[Any] = []
        # ctypes functions take attributes (restype, argtypes): plain functions do too.
        self.OpenProcess = _plain(self._open_process)
        self.GetExitCodeProcess = _plain(self._get_exit_code)
        self.CloseHandle = _plain(self._close)
        self.SetConsoleCtrlHandler = _plain(self._set_handler)

    def _open_process(self, access: int, inherit: bool, pid: int) -> int:
        assert access == platform.PROCESS_QUERY_LIMITED_INFORMATION and inherit is False
        found = self.processes.get(pid)
        if found is None:
            self.last_error = 87  # ERROR_INVALID_PARAMETER: no such process
            return 0
        if found == "denied":
            self.last_error = platform.ERROR_ACCESS_DENIED
            return 0
        handle = 1000 + pid
        self.open_handles.add(handle)
        return handle

    def _get_exit_code(self, handle: int, code: Any) -> int:
        assert handle in self.open_handles
        exit_code = self.processes[handle - 1000]
        assert isinstance(exit_code, int)
        code._obj.value = exit_code  # what the DWORD* points at
        return 1

    def _close(self, handle: int) -> int:
        self.open_handles.remove(handle)
        return 1

    def _set_handler(self, routine: Any, add: bool) -> int:
        assert add is True
        self.console_handlers.append(routine)
        return 1


def _plain(method: Callable[..., int]) -> Callable[..., int]:
    def call(*args: Any) -> int:
        return method(*args)

    return call


def _forbidden(name: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"os.{name} must not be called on Windows")

    return call


@pytest.fixture
def kernel32(monkeypatch: pytest.MonkeyPatch) -> FakeKernel32:
    fake = FakeKernel32({})
    monkeypatch.setattr(platform, "_kernel32", lambda: fake)
    monkeypatch.setattr(platform, "_last_error", lambda: fake.last_error)
    return fake


@pytest.fixture
def windows(
    monkeypatch: pytest.MonkeyPatch, kernel32: FakeKernel32, tmp_path: Path
) -> Iterator[FakeMsvcrt]:
    """``sys.platform`` is ``win32``, ``fcntl`` is gone and msvcrt and kernel32 are fakes."""
    msvcrt = FakeMsvcrt()
    monkeypatch.setenv("INDDRAG_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)
    monkeypatch.setitem(sys.modules, "fcntl", None)  # import fcntl raises ImportError
    monkeypatch.setattr(os, "O_BINARY", 0x8000, raising=False)
    real_open = os.open

    def open_binary(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        return real_open(path, flags & ~0x8000, *args, **kwargs)  # Linux has no O_BINARY

    monkeypatch.setattr(os, "open", open_binary)
    for name in ("kill", "chown", "chmod", "fchown", "fchmod"):
        monkeypatch.setattr(os, name, _forbidden(name))
    monkeypatch.setattr(sys, "platform", "win32")
    yield msvcrt


@pytest.fixture
def session(da_pack: ContentPack) -> Session:
    made = new_session(da_pack)
    made.session.title = "Nyt vagtplanssystem"
    set_notes(made, "tidligt", "Vi hørte først om det ved go-live.")
    return made


# --- processes ---------------------------------------------------------------------------


def test_a_process_is_asked_with_open_process_never_with_a_signal(
    windows: FakeMsvcrt, kernel32: FakeKernel32
) -> None:
    kernel32.processes.update({10: platform.STILL_ACTIVE, 11: 0, 12: "denied"})
    assert platform.pid_alive(10) is True  # running
    assert platform.pid_alive(11) is False  # ended; someone still holds its handle
    assert platform.pid_alive(12) is True  # another user's: running
    assert platform.pid_alive(13) is False  # no such process
    assert platform.pid_alive(0) is False
    assert kernel32.open_handles == set()  # every handle closed again
    assert platform.user_id() == "?"


def test_a_stale_lock_is_taken_over_and_a_live_one_kept(
    windows: FakeMsvcrt, kernel32: FakeKernel32, tmp_path: Path
) -> None:
    """The lock beside a session, as LibreOffice keeps one, on Windows' process check."""
    target = tmp_path / "møde.toml"
    target.write_text("", encoding="utf-8")
    host = socket.gethostname()
    other = filelock.lock_path(target)
    kernel32.processes[4242] = platform.STILL_ACTIVE
    other.write_text(
        f'{{"user": "anna", "host": "{host}", "pid": 4242, "since": "2026-11-30T20:03:00+01:00"}}',
        encoding="utf-8",
    )
    held = filelock.holder(target)
    assert held is not None and (held.user, held.pid) == ("anna", 4242)

    kernel32.processes[4242] = 1  # it ended (exit code 1)
    assert filelock.holder(target) is None
    replaced = filelock.acquire(target)
    assert replaced is not None and replaced.pid == 4242
    mine = filelock.read_lock(target)
    assert mine is not None and mine.is_mine
    filelock.release(target)
    assert not other.exists()


def test_the_lock_file_is_written_without_a_user_name(
    windows: FakeMsvcrt, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_user() -> str:
        raise OSError("no user name")

    monkeypatch.setattr(filelock.getpass, "getuser", no_user)
    assert filelock.LockInfo.mine().user == "?"


# --- recovery copies ---------------------------------------------------------------------


def test_a_running_instance_is_not_offered_and_its_copy_is_after_it_ends(
    windows: FakeMsvcrt, session: Session
) -> None:
    saver = recovery.Autosaver()
    saver.write(session)
    assert saver.refused is None
    assert saver.path.exists()
    assert recovery.find_recoveries() == []  # its lock is held: it runs
    assert len(windows.held) == 1  # the other probe undid its attempt; only ours is held

    # The app dies: Windows releases its lock. Here: the lock is let go the same way.
    saver._release_lock()
    [found] = recovery.find_recoveries()
    assert found.title == "Nyt vagtplanssystem"
    assert recovery.load_recovery(found) == session
    assert windows.held == set()  # the probe unlocked before closing


def test_a_clean_quit_removes_the_copy_and_its_lock_file(
    windows: FakeMsvcrt, session: Session
) -> None:
    saver = recovery.Autosaver()
    saver.write(session)
    lock = saver.path.with_suffix(".lock")
    assert lock.exists()
    saver.discard()
    assert not saver.path.exists() and not lock.exists()
    assert windows.held == set()
    assert recovery.find_recoveries() == []


def test_two_windows_keep_separate_copies(windows: FakeMsvcrt, session: Session) -> None:
    first, second = recovery.Autosaver(), recovery.Autosaver()
    first.write(session)
    other = session.model_copy(deep=True)
    other.session.title = "Det andet vindue"
    second.write(other)
    assert recovery.read_recovery(first.path).title == "Nyt vagtplanssystem"
    assert recovery.read_recovery(second.path).title == "Det andet vindue"
    assert recovery.find_recoveries() == []
    first.discard()
    second.discard()


@pytest.fixture
def open_folder(tmp_path: Path) -> Path:
    """A folder anyone may write in (made before ``sys.platform`` is ``win32``)."""
    folder = tmp_path / "state"
    folder.mkdir()
    folder.chmod(0o777)
    return folder


def test_the_state_folder_is_not_judged_by_mode_bits_on_windows(
    open_folder: Path, windows: FakeMsvcrt
) -> None:
    """Windows' mode bits say only "read-only", and its uid is always 0: neither is judged.

    The folder sits in the user's profile, whose access list admits the user alone; that
    list is not read here (see docs/platforms.md).
    """
    assert statedir.untrusted(open_folder) is None
    fields = list(os.stat(open_folder))
    fields[4] = os.getuid() + 1  # st_uid: someone else
    assert platform.foreign_folder(os.stat_result(fields)) is None
    assert statedir.prepare_state_folder(open_folder / "ny") is None
    assert (open_folder / "ny").is_dir()


# --- saving ------------------------------------------------------------------------------


def test_a_session_is_saved_and_saved_again(
    windows: FakeMsvcrt, session: Session, tmp_path: Path
) -> None:
    target = tmp_path / "møde.toml"
    save_session(session, target)
    assert load_session(target) == session
    session.session.title = "Anden udgave"
    save_session(session, target)  # replaced: no owner to copy on Windows
    assert load_session(target).session.title == "Anden udgave"
    assert [p.name for p in tmp_path.iterdir()] == ["møde.toml"]


def test_a_hard_linked_session_is_written_in_place(
    windows: FakeMsvcrt, session: Session, tmp_path: Path
) -> None:
    """The in-place write opens with ``O_BINARY`` (no ``O_NOFOLLOW`` on Windows)."""
    target = tmp_path / "møde.toml"
    save_session(session, target)
    twin = tmp_path / "kopi.toml"
    os.link(target, twin)
    session.session.title = "Begge navne"
    save_session(session, target)
    assert load_session(twin).session.title == "Begge navne"
    assert os.stat(target).st_ino == os.stat(twin).st_ino


def test_permission_denied_while_writing_means_another_program_has_it(
    windows: FakeMsvcrt, tmp_path: Path
) -> None:
    denied = PermissionError(errno.EACCES, "Permission denied")
    error = atomic.SaveError.from_os(tmp_path / "møde.toml", denied, existed=True, stage="write")
    assert error.reason == "locked"
    creating = atomic.SaveError.from_os(tmp_path / "ny.toml", denied, existed=False, stage="create")
    assert creating.reason == "no_access"


# --- the live channel --------------------------------------------------------------------


def test_a_follower_sees_the_leader_while_it_holds_the_lock(
    windows: FakeMsvcrt, session: Session, tmp_path: Path
) -> None:
    source = tmp_path / "møde.toml"
    publisher = live.Publisher()

    def view() -> live.LiveView:
        return live.LiveView(
            source=str(source), pid=os.getpid(), at=0.0, step="advice", session=session
        )

    assert publisher.publish(source, 1, view)
    follower = live.Follower(source)
    seen = follower.poll()
    assert seen.leader and seen.view is not None and seen.view.step == "advice"
    assert len(windows.held) == 1  # the follower's try was refused; nothing left locked
    publisher.close()
    assert windows.held == set()
    assert follower.poll().leader is False
    assert windows.held == set()  # the follower's probe got the lock and undid it


# --- serve's command line -----------------------------------------------------------------


def test_serve_quotes_its_tab_command_for_cmd_exe(windows: FakeMsvcrt) -> None:
    """textual-serve runs each tab's command through the shell: cmd.exe on Windows."""
    command = [
        r"C:\Program Files\Python312\python.exe",
        "-m",
        "inddrag",
        r"C:\Users\Anna Hansen\møde.toml",
    ]
    assert platform.shell_join(command) == (
        r'"C:\Program Files\Python312\python.exe" -m inddrag "C:\Users\Anna Hansen\møde.toml"'
    )


def test_serve_quotes_for_sh_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    command = ["/usr/bin/python3", "-m", "inddrag", "/Users/anna/Åses møde.toml"]
    assert platform.shell_join(command) == (
        "/usr/bin/python3 -m inddrag '/Users/anna/Åses møde.toml'"
    )


# --- text on redirected streams ----------------------------------------------------------


def test_redirected_output_is_utf8_on_windows(windows: FakeMsvcrt) -> None:
    """Redirected, Windows' Python writes cp1252, which has no "✓" (``inddrag check``)."""
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252")
    platform.utf8_streams(stream, object())  # a stream without reconfigure is left alone
    stream.write("✓ møde")
    stream.flush()
    assert raw.getvalue() == "✓ møde".encode()


def test_redirected_output_is_left_alone_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    stream = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    platform.utf8_streams(stream)
    assert stream.encoding == "latin-1"


# --- the end of the terminal -------------------------------------------------------------


def test_closing_the_console_writes_before_windows_ends_the_process(
    windows: FakeMsvcrt, kernel32: FakeKernel32, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows calls the handler in a thread of its own and ends the process after it."""
    installed_signals: list[int] = []
    monkeypatch.setattr(signal, "signal", lambda sig, handler: installed_signals.append(sig))
    monkeypatch.setattr(
        platform, "_handler_type", lambda: ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_ulong)
    )
    called: list[int] = []
    installed = platform.on_terminal_end(called.append)
    # SIGBREAK exists on Windows only: here only SIGTERM can be installed.
    assert installed == ("SIGTERM", "console")
    assert installed_signals == [signal.SIGTERM]
    [routine] = kernel32.console_handlers
    assert routine(0) == 0 and routine(1) == 0  # ctrl+c, ctrl+break: Python's own
    assert called == []
    assert routine(platform.CTRL_CLOSE_EVENT) == 1
    assert routine(platform.CTRL_LOGOFF_EVENT) == 1
    assert routine(platform.CTRL_SHUTDOWN_EVENT) == 1
    assert called == [signal.SIGTERM] * 3


def test_a_failing_console_handler_still_lets_windows_end_the_process(
    windows: FakeMsvcrt, kernel32: FakeKernel32, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(signal, "signal", lambda sig, handler: None)
    monkeypatch.setattr(
        platform, "_handler_type", lambda: ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_ulong)
    )

    def broken(signum: int) -> None:
        raise RuntimeError("the app is half gone")

    platform.on_terminal_end(broken)
    [routine] = kernel32.console_handlers
    assert routine(platform.CTRL_CLOSE_EVENT) == 1
