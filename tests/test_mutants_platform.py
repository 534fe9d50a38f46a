"""``domain/platform.py``: the POSIX side of each helper, and the Windows side where a
fake can stand in, pinned down where mutation testing found the suite silent
(docs/testing.md, "Mutation testing"; ``tests/test_platform_windows.py`` drives the
Windows side through the app). Expected values are written out; each test says what it
guards.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import sys
from pathlib import Path

import pytest

from inddrag.domain import platform

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX signals, locks, owners, modes")
ROOT = os.name == "posix" and os.geteuid() == 0


def fake_stat(uid: int, mode: int) -> os.stat_result:
    return os.stat_result((stat.S_IFDIR | mode, 0, 0, 1, uid, 0, 0, 0, 0, 0))


# -- processes --------------------------------------------------------------------------


def test_no_process_has_a_pid_of_zero_or_less() -> None:
    assert platform.pid_alive(0) is False
    assert platform.pid_alive(-1) is False


@POSIX
def test_a_process_is_asked_with_signal_0(monkeypatch: pytest.MonkeyPatch) -> None:
    """Gone: not alive; refused (someone else's): alive; answered: alive."""
    asked: list[tuple[int, int]] = []
    answer: list[BaseException | None] = [None]

    def kill(pid: int, sig: int) -> None:
        asked.append((pid, sig))
        if answer[0] is not None:
            raise answer[0]

    monkeypatch.setattr(os, "kill", kill)
    assert platform.pid_alive(4242) is True
    assert asked == [(4242, 0)]
    answer[0] = ProcessLookupError()
    assert platform.pid_alive(1) is False
    answer[0] = PermissionError(errno.EPERM, "not yours")
    assert platform.pid_alive(1) is True


@POSIX
def test_this_process_is_alive() -> None:
    assert platform.pid_alive(os.getpid()) is True


def test_without_a_user_name_we_are_our_uid_or_a_question_mark(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if os.name == "posix":
        assert platform.user_id() == str(os.getuid())
    monkeypatch.setattr(sys, "platform", "win32")
    assert platform.user_id() == "?"


# -- locks ------------------------------------------------------------------------------


@POSIX
def test_an_exclusive_lock_keeps_out_every_other_and_shared_ones_share(tmp_path: Path) -> None:
    """Two descriptors on one file: exclusive then anything fails; shared and shared
    both hold; closing lets go."""
    path = tmp_path / "lock"
    path.write_bytes(b"")
    a = os.open(path, os.O_RDWR)
    b = os.open(path, os.O_RDWR)
    try:
        assert platform.try_lock(a) is True
        assert platform.try_lock(b) is False
        assert platform.try_lock(b, shared=True) is False
        platform.close_locked(a)
        a = os.open(path, os.O_RDWR)
        assert platform.try_lock(a, shared=True) is True
        assert platform.try_lock(b, shared=True) is True
        c = os.open(path, os.O_RDWR)
        try:
            assert platform.try_lock(c) is False
        finally:
            os.close(c)
    finally:
        platform.close_locked(a)
        platform.close_locked(b)


@POSIX
def test_closing_a_locked_descriptor_closes_it_and_never_fails(tmp_path: Path) -> None:
    fd = os.open(tmp_path / "f", os.O_RDWR | os.O_CREAT)
    platform.close_locked(fd)
    with pytest.raises(OSError):
        os.fstat(fd)
    platform.close_locked(fd)  # already closed: no error


# -- owners and modes -------------------------------------------------------------------


@POSIX
def test_a_folder_is_ours_alone_only_when_we_own_it_and_no_one_else_may_write(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    me = os.geteuid()
    assert platform.foreign_folder(fake_stat(me, 0o755)) is None
    assert platform.foreign_folder(fake_stat(me, 0o700)) is None
    assert platform.foreign_folder(fake_stat(me, 0o720)) == "open_to_others"
    assert platform.foreign_folder(fake_stat(me, 0o702)) == "open_to_others"
    assert platform.foreign_folder(fake_stat(me + 1, 0o700)) == "not_owner"
    assert platform.foreign_folder(fake_stat(me + 1, 0o777)) == "not_owner"
    monkeypatch.setattr(sys, "platform", "win32")
    assert platform.foreign_folder(fake_stat(me + 1, 0o777)) is None


@POSIX
def test_a_mode_is_set_where_modes_mean_something(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"")
    os.chmod(path, 0o644)
    platform.set_mode(path, 0o600)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    platform.set_mode(str(tmp_path / "nej"), 0o600)  # an error is ignored
    monkeypatch.setattr(sys, "platform", "win32")
    platform.set_mode(path, 0o644)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@POSIX
def test_a_file_already_of_the_owner_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"")
    os.chmod(path, 0o640)
    owner = fake_stat(os.stat(path).st_uid, 0o600)
    assert platform.give_owner(str(path), owner) is True
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@POSIX
@pytest.mark.skipif(not ROOT, reason="only root may give a file away")
def test_a_file_is_given_the_owners_owner_group_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"")
    os.chmod(path, 0o600)
    owner = os.stat_result((stat.S_IFREG | 0o640, 0, 0, 1, 54321, 54322, 0, 0, 0, 0))
    assert platform.give_owner(str(path), owner) is True
    found = path.stat()
    assert (found.st_uid, found.st_gid, stat.S_IMODE(found.st_mode)) == (54321, 54322, 0o640)


@POSIX
def test_a_file_that_may_not_be_given_away_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"")

    def refuse(*args: object) -> None:
        raise PermissionError(errno.EPERM, "not allowed")

    monkeypatch.setattr(os, "chown", refuse)
    owner = os.stat_result((stat.S_IFREG | 0o640, 0, 0, 1, 54321, 54322, 0, 0, 0, 0))
    assert platform.give_owner(str(path), owner) is False


def test_on_windows_a_file_needs_no_owner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    assert platform.give_owner("nowhere", fake_stat(1, 0o600)) is True


@POSIX
def test_open_flags_on_posix_and_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """POSIX: non-blocking, and no link followed where asked; Windows: binary only."""
    assert platform.careful_flags(follow_links=True) == os.O_NONBLOCK
    assert platform.careful_flags(follow_links=False) == os.O_NONBLOCK | os.O_NOFOLLOW
    assert platform.nofollow_flags() == os.O_NOFOLLOW
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "O_BINARY", 0x8000, raising=False)
    assert platform.careful_flags(follow_links=False) == 0x8000
    assert platform.careful_flags(follow_links=True) == 0x8000
    assert platform.nofollow_flags() == 0x8000


@POSIX
def test_a_folder_is_synced_and_a_missing_one_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    platform.sync_folder(tmp_path)
    assert len(synced) == 1
    platform.sync_folder(tmp_path / "nej")
    monkeypatch.setattr(sys, "platform", "win32")
    platform.sync_folder(tmp_path)
    assert len(synced) == 1


def test_permission_denied_means_locked_only_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert platform.denied_is_locked() is False
    monkeypatch.setattr(sys, "platform", "win32")
    assert platform.denied_is_locked() is True


# -- the end of the terminal ------------------------------------------------------------


@POSIX
def test_a_closing_terminal_or_shutdown_calls_the_handler_on_posix() -> None:
    """SIGHUP and SIGTERM are installed (and named); each calls the handler with its
    number."""
    called: list[int] = []
    before = {sig: signal.getsignal(sig) for sig in (signal.SIGHUP, signal.SIGTERM)}
    try:
        assert platform.on_terminal_end(called.append) == ("SIGHUP", "SIGTERM")
        signal.raise_signal(signal.SIGHUP)
        signal.raise_signal(signal.SIGTERM)
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
    assert called == [int(signal.SIGHUP), int(signal.SIGTERM)]


# -- commands and streams ---------------------------------------------------------------


def test_a_command_line_is_quoted_for_the_systems_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert platform.shell_join(["inddrag", "a b", "c'd"]) == "inddrag 'a b' 'c'\"'\"'d'"
    monkeypatch.setattr(sys, "platform", "win32")
    assert platform.shell_join(["inddrag", "C:\\Program Files\\x"]) == (
        'inddrag "C:\\Program Files\\x"'
    )


class Stream:
    def __init__(self, encoding: str | None, fail: bool = False) -> None:
        self.encoding = encoding
        self.fail = fail
        self.asked: list[str] = []

    def reconfigure(self, *, encoding: str) -> None:
        self.asked.append(encoding)
        if self.fail:
            raise ValueError("cannot")


def test_redirected_streams_are_made_utf8_on_windows_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Windows: a stream not in UTF-8 (whatever the spelling) is reconfigured, one in UTF-8
    left alone, one that cannot be or refuses is skipped; elsewhere nothing is touched."""
    cp, utf8, spelled, none, failing = (
        Stream("cp1252"),
        Stream("utf-8"),
        Stream("UTF8"),
        Stream(None),
        Stream("cp1252", fail=True),
    )
    monkeypatch.setattr(sys, "platform", "linux")
    platform.utf8_streams(cp)
    assert cp.asked == []
    monkeypatch.setattr(sys, "platform", "win32")
    platform.utf8_streams(failing, cp, utf8, spelled, none, object())
    assert (failing.asked, cp.asked, utf8.asked, spelled.asked, none.asked) == (
        ["utf-8"],
        ["utf-8"],
        [],
        [],
        ["utf-8"],
    )


# -- the Windows side, through fakes ----------------------------------------------------


class Recorder:
    """A stand-in for a ctypes library or module: records calls, takes attributes."""

    def __init__(self, answer: object = 1) -> None:
        self.calls: list[tuple[object, ...]] = []
        self.answer = answer

    def __call__(self, *args: object, **kwargs: object) -> object:
        self.calls.append((*args, *sorted(kwargs.items())))
        return self.answer


def test_kernel32_is_loaded_by_name_with_its_last_error_kept_on_windows_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ctypes

    monkeypatch.setattr(sys, "platform", "linux")
    with pytest.raises(OSError, match=r"^kernel32 exists on Windows only$"):
        platform._kernel32()
    load = Recorder("the library")
    monkeypatch.setattr(ctypes, "WinDLL", load, raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    assert platform._kernel32() == "the library"
    assert load.calls == [("kernel32", ("use_last_error", True))]


def test_the_last_error_is_asked_of_ctypes_on_windows_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ctypes

    monkeypatch.setattr(ctypes, "get_last_error", lambda: 5, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert platform._last_error() == 0
    monkeypatch.setattr(sys, "platform", "win32")
    assert platform._last_error() == 5


class Kernel32:
    """OpenProcess gives handle 7; GetExitCodeProcess answers ``exit_ok``."""

    def __init__(self, exit_ok: int) -> None:
        self.OpenProcess = Recorder(7)
        self.GetExitCodeProcess = Recorder(exit_ok)
        self.CloseHandle = Recorder(1)
        self.SetConsoleCtrlHandler = Recorder(1)


def test_a_windows_process_is_asked_with_declared_types_and_unsure_is_alive(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The handle types are declared (a 64-bit handle passed whole); when the exit code
    cannot be read, the process counts as running; the handle is closed."""
    import ctypes
    from ctypes import wintypes

    fake = Kernel32(exit_ok=0)
    monkeypatch.setattr(platform, "_kernel32", lambda: fake)
    monkeypatch.setattr(sys, "platform", "win32")
    assert platform.pid_alive(42) is True
    assert fake.OpenProcess.argtypes == (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)  # type: ignore[attr-defined]
    assert fake.OpenProcess.restype == wintypes.HANDLE  # type: ignore[attr-defined]
    assert fake.GetExitCodeProcess.argtypes == (  # type: ignore[attr-defined]
        wintypes.HANDLE,
        ctypes.POINTER(wintypes.DWORD),
    )
    assert fake.CloseHandle.argtypes == (wintypes.HANDLE,)  # type: ignore[attr-defined]
    assert fake.CloseHandle.calls == [(7,)]


class Msvcrt:
    LK_UNLCK, LK_NBLCK = 0, 2

    def __init__(self) -> None:
        self.calls: list[tuple[int, int, int]] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        self.calls.append((fd, mode, nbytes))


def test_windows_locks_and_unlocks_one_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = Msvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(sys, "platform", "win32")
    fd = os.open(tmp_path / "f", os.O_RDWR | os.O_CREAT)
    assert platform.try_lock(fd) is True
    platform.close_locked(fd)
    assert fake.calls == [(fd, 2, 1), (fd, 0, 1)]


def test_on_windows_ctrl_break_and_term_are_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows: ``SIGBREAK`` and ``SIGTERM`` (and the console, when it can be had)."""
    installed: dict[int, object] = {}
    monkeypatch.setattr(signal, "SIGBREAK", 21, raising=False)
    monkeypatch.setattr(signal, "signal", lambda sig, handler: installed.setdefault(sig, handler))
    monkeypatch.setattr(platform, "_console_handler", lambda handler: False)
    monkeypatch.setattr(sys, "platform", "win32")
    assert platform.on_terminal_end(print) == ("SIGBREAK", "SIGTERM")
    assert sorted(installed) == sorted([21, int(signal.SIGTERM)])


@pytest.mark.parametrize("error", [ValueError("not the main thread"), OSError("no")])
def test_a_signal_that_cannot_be_installed_is_left_out(
    monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    def refuse(sig: int, handler: object) -> None:
        raise error

    monkeypatch.setattr(signal, "signal", refuse)
    monkeypatch.setattr(sys, "platform", "linux")
    assert platform.on_terminal_end(print) == ()


def test_the_console_handler_is_declared_kept_and_refusals_say_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Declared with its prototype, kept alive while Windows may call it; a refusal or a
    missing kernel32 is ``False``."""
    from ctypes import wintypes

    fake = Kernel32(exit_ok=1)
    monkeypatch.setattr(platform, "_kernel32", lambda: fake)
    monkeypatch.setattr(platform, "_kept", [])
    assert platform._console_handler(print) is True
    assert platform._kept != [] and platform._kept[0] is not None
    assert fake.SetConsoleCtrlHandler.argtypes[1] is wintypes.BOOL  # type: ignore[attr-defined]
    assert fake.SetConsoleCtrlHandler.calls[0][1] is True
    fake.SetConsoleCtrlHandler.answer = 0
    assert platform._console_handler(print) is False

    def missing() -> object:
        raise OSError("kernel32 exists on Windows only")

    monkeypatch.setattr(platform, "_kernel32", missing)
    assert platform._console_handler(print) is False


def test_a_console_handler_takes_a_dword_and_answers_a_bool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ctypes
    from ctypes import wintypes

    kind = platform._handler_type()
    assert (kind._restype_, kind._argtypes_) == (wintypes.BOOL, (wintypes.DWORD,))  # type: ignore[attr-defined]
    assert kind._flags_ == ctypes.CFUNCTYPE(wintypes.BOOL)._flags_  # type: ignore[attr-defined]
    made = Recorder("winfunctype")
    monkeypatch.setattr(ctypes, "WINFUNCTYPE", made, raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    assert platform._handler_type() == "winfunctype"
    assert made.calls == [(wintypes.BOOL, wintypes.DWORD)]
