"""Everything inddrag does differently on Linux, macOS and Windows, in one place.

The rest of the code calls these functions and never asks which system it runs on. Every
branch here is written ``if sys.platform == "win32":``, the form mypy follows (it cannot
follow a test of the os module's name): ``.ci/run`` type-checks for ``linux``, ``darwin``
and ``win32``, so a POSIX-only call on the Windows side (or the reverse) is an error.

What differs, and what Windows gets instead (``docs/platforms.md`` says what is proven):

* **Is a process still running?** POSIX: ``os.kill(pid, 0)``. On Windows signal 0 is
  ``CTRL_C_EVENT``, so that call would send Ctrl+C to a process group: instead
  ``OpenProcess`` and ``GetExitCodeProcess`` (``STILL_ACTIVE``) through ctypes.
* **A lock another process can see** (recovery copies, the live channel). POSIX:
  ``flock``, shared or exclusive. Windows: ``msvcrt.locking`` of the first byte, always
  exclusive; it is taken at the file's start and undone before the file is closed,
  because Windows releases the locks of a closed file only "eventually".
* **Is the state folder ours alone?** POSIX: owned by us and not writable by group or
  others. Windows: the mode bits say nothing (only "read-only"), and the folder sits in the
  user's profile (``%LOCALAPPDATA%``), whose access list admits the user alone: not
  checked here.
* **Keeping a replaced file's owner and mode.** POSIX: ``chown``/``chmod``. Windows: a
  file's access list comes from its folder; nothing to copy.
* **Opening without following a link.** POSIX: ``O_NOFOLLOW``. Windows has no such flag;
  the caller compares the opened file's identity (device and file index) with the one it
  looked at, which refuses a link swapped in meanwhile. ``O_BINARY`` keeps the bytes as
  they are.
* **Making a rename durable.** POSIX: fsync the folder. Windows cannot open a folder.
* **The terminal closes or the machine shuts down.** POSIX: ``SIGHUP`` and ``SIGTERM``.
  Windows: the console's close, log-off and shut-down events (``SetConsoleCtrlHandler``;
  Windows ends the process when the handler returns, and after about five seconds at the
  latest) and ``SIGBREAK`` (ctrl+break).
* **Text on stdout and stderr when redirected**: UTF-8 on Windows too (it would be the
  ANSI code page there, without "✓").
* **A command line for the shell** (``inddrag serve``'s tabs): ``sh`` quoting on POSIX,
  ``cmd.exe``'s double quotes on Windows.
* **Two names of one file.** macOS file systems treat a name in NFD (as the Finder
  writes "å": "a" and a ring) and in NFC (one character, as typed) as the same file;
  Windows ignores case. :func:`path_key` compares names the way the system does.

Plain Python, no Textual.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

STILL_ACTIVE = 259
"""``GetExitCodeProcess``'s answer for a process that runs (Windows)."""

PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
ERROR_ACCESS_DENIED = 5

CTRL_CLOSE_EVENT = 2
CTRL_LOGOFF_EVENT = 5
CTRL_SHUTDOWN_EVENT = 6
CONSOLE_ENDINGS = (CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT)
"""The console events after which Windows ends the process (ctrl+c and ctrl+break are not)."""


def _kernel32() -> Any:
    """Windows' kernel32, asked for its last error after each call (the tests replace it)."""
    import ctypes

    if sys.platform == "win32":
        return ctypes.WinDLL("kernel32", use_last_error=True)
    raise OSError("kernel32 exists on Windows only")


def _last_error() -> int:
    """The Windows error of the last kernel32 call (the tests replace it)."""
    import ctypes

    if sys.platform == "win32":
        return ctypes.get_last_error()
    return 0


# --- processes ---------------------------------------------------------------------------


def pid_alive(pid: int) -> bool:
    """Whether a process ``pid`` runs on this machine (unsure counts as running).

    A reused pid counts as running, on every system: a lock is then kept rather than
    taken over, which is the safe mistake.
    """
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it runs, as someone else
    return True


def _windows_pid_alive(pid: int) -> bool:
    import ctypes
    from ctypes import wintypes

    kernel32 = _kernel32()
    # Declared, so a 64-bit handle is passed whole (ctypes' default is a C int).
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    handle = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        # Access denied: it runs, as someone else. Anything else (87, invalid
        # parameter): there is no such process.
        return _last_error() == ERROR_ACCESS_DENIED
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def user_id() -> str:
    """Who we are when there is no user name: the uid on POSIX, ``?`` on Windows."""
    if sys.platform == "win32":
        return "?"
    return str(os.getuid())


# --- locks -------------------------------------------------------------------------------


def try_lock(fd: int, *, shared: bool = False) -> bool:
    """Take a non-blocking lock on the open file ``fd``; False when someone else holds it.

    ``shared`` is a read lock beside other readers on POSIX; Windows has one kind only.
    """
    if sys.platform == "win32":
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)  # msvcrt locks from the current position
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def close_locked(fd: int) -> None:
    """Let go of a lock we may hold on ``fd``, then close it (errors are ignored)."""
    if sys.platform == "win32":
        import msvcrt

        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    with contextlib.suppress(OSError):
        os.close(fd)


# --- owners and modes --------------------------------------------------------------------


def foreign_folder(found: os.stat_result) -> str | None:
    """Why a folder we keep private state in is not ours alone (None: it is).

    ``not_owner`` or ``open_to_others`` on POSIX; never on Windows (see the module
    docstring: the profile's access list does that there).
    """
    if sys.platform == "win32":
        return None
    if found.st_uid != os.geteuid():
        return "not_owner"
    if found.st_mode & 0o022:
        return "open_to_others"
    return None


def set_mode(path: str | Path, mode: int) -> None:
    """Set permission bits where they mean something (not Windows); errors are ignored."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):  # FAT and some network shares refuse modes
        os.chmod(path, mode)


def give_owner(path: str, owner: os.stat_result) -> bool:
    """Give ``path`` the owner, group and mode of ``owner``; False if we may not.

    Windows: always True (access comes from the folder's list, not from the file).
    """
    if sys.platform == "win32":
        return True
    mine = os.stat(path)
    if (mine.st_uid, mine.st_gid) == (owner.st_uid, owner.st_gid):
        return True
    try:
        os.chown(path, owner.st_uid, owner.st_gid)
        os.chmod(path, stat.S_IMODE(owner.st_mode))  # chown clears set-id bits
    except OSError:
        return False
    return True


def careful_flags(*, follow_links: bool) -> int:
    """Flags added to every open of a file found by name: without blocking (a FIFO with no
    writer returns at once), and without following a link where ``follow_links`` is False.

    POSIX: ``O_NONBLOCK``, and ``O_NOFOLLOW``. Windows has neither (no FIFOs to block on;
    the caller refuses a link by looking first): ``O_BINARY``.
    """
    if sys.platform == "win32":
        return os.O_BINARY
    return os.O_NONBLOCK | (0 if follow_links else os.O_NOFOLLOW)


def nofollow_flags() -> int:
    """Flags for opening a file found by name without following a link to elsewhere.

    POSIX: ``O_NOFOLLOW``. Windows: ``O_BINARY`` only; the caller's identity check
    stands in for the missing flag.
    """
    if sys.platform == "win32":
        return os.O_BINARY
    return os.O_NOFOLLOW


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); folders cannot be opened on Windows."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def denied_is_locked() -> bool:
    """Whether "permission denied" while writing means another program has the file open.

    True on Windows (an open file cannot be replaced there); elsewhere it means no access.
    """
    return sys.platform == "win32"


# --- the end of the terminal -------------------------------------------------------------

_kept: list[object] = []
"""The console handler, kept alive for as long as Windows may call it."""


def on_terminal_end(handler: Callable[[int], None]) -> tuple[str, ...]:
    """Call ``handler(signum)`` when the terminal closes or the system shuts down.

    POSIX: ``SIGHUP`` and ``SIGTERM``, in the main thread. Windows: ``SIGBREAK`` (and
    ``SIGTERM``, which only Python itself can raise there) in the main thread, and the
    console's close, log-off and shut-down events in a thread of Windows' own: the process
    ends when ``handler`` returns, so it must do its work before. Call it from the main
    thread. Returns what was installed (for the record and the tests).
    """

    def on_signal(signum: int, _frame: object) -> None:
        handler(signum)

    installed: list[str] = []
    if sys.platform == "win32":
        names: tuple[str, ...] = ("SIGBREAK", "SIGTERM")
    else:
        names = ("SIGHUP", "SIGTERM")
    for name in names:
        sig = getattr(signal, name, None)
        if sig is not None:
            with contextlib.suppress(ValueError, OSError):
                signal.signal(sig, on_signal)
                installed.append(name)
    if sys.platform == "win32" and _console_handler(handler):
        installed.append("console")
    return tuple(installed)


def _console_handler(handler: Callable[[int], None]) -> bool:
    """``SetConsoleCtrlHandler`` for the close, log-off and shut-down events (Windows)."""
    from ctypes import wintypes

    def routine(event: int) -> bool:
        if event not in CONSOLE_ENDINGS:
            return False  # ctrl+c, ctrl+break: Python's own handlers
        with contextlib.suppress(Exception):
            handler(int(signal.SIGTERM))
        return True

    try:
        kernel32 = _kernel32()
        prototype = _handler_type()
        callback = prototype(routine)
        kernel32.SetConsoleCtrlHandler.argtypes = (prototype, wintypes.BOOL)
        if not kernel32.SetConsoleCtrlHandler(callback, True):
            return False
    except (OSError, AttributeError, TypeError, ValueError):
        return False
    _kept.append(callback)
    return True


def _handler_type() -> Any:
    """The C type of a console handler: ``BOOL WINAPI HandlerRoutine(DWORD)``."""
    import ctypes
    from ctypes import wintypes

    if sys.platform == "win32":
        return ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.DWORD)
    return ctypes.CFUNCTYPE(wintypes.BOOL, wintypes.DWORD)


# --- commands ----------------------------------------------------------------------------


def shell_join(command: list[str]) -> str:
    """One command line for the system's shell (``inddrag serve`` starts each tab so).

    POSIX: ``sh`` quoting (``shlex.join``). Windows: ``cmd.exe`` reads it, which knows only
    double quotes (``subprocess.list2cmdline``; ``C:\\Program Files\\…`` stays one word).
    """
    if sys.platform == "win32":
        import subprocess

        return subprocess.list2cmdline(command)
    import shlex

    return shlex.join(command)


def utf8_streams(*streams: object) -> None:
    """Windows: make text written to a file or a pipe UTF-8, not the ANSI code page.

    Redirected, Python writes in the code page there (cp1252), which has no "✓" and
    would end ``inddrag check > ud.txt`` with an error. The console itself takes any text.
    POSIX: left alone (the locale is UTF-8, and Python makes a C locale UTF-8 too).
    """
    if sys.platform != "win32":
        return
    for stream in streams:
        encoding = str(getattr(stream, "encoding", "") or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding != "utf8" and reconfigure is not None:
            with contextlib.suppress(Exception):
                reconfigure(encoding="utf-8")


# --- names -------------------------------------------------------------------------------
