"""``domain/readfile.py``: the one bounded, non-blocking read of a regular file, pinned
down where mutation testing found the suite silent (docs/testing.md, "Mutation testing").
Expected bytes, reasons and errors are written out; each test says what it guards.
"""

from __future__ import annotations

import errno
import os
import socket
import stat
import sys
from pathlib import Path

import pytest

from inddrag.domain.readfile import (
    FILE_LIMIT,
    FileRefused,
    open_regular,
    read_bounded,
    read_bounded_text,
    read_with_stat,
)

POSIX = pytest.mark.skipif(os.name != "posix", reason="FIFOs, sockets and O_NOFOLLOW")


def refused(call: object, *args: object, **kwargs: object) -> FileRefused:
    with pytest.raises(FileRefused) as info:
        call(*args, **kwargs)  # type: ignore[operator]
    return info.value


# -- FileRefused ------------------------------------------------------------------------


def test_a_refusal_is_an_os_error_naming_the_file_and_reason() -> None:
    """An ``OSError`` (EINVAL) with the reason as its text and the path as its file."""
    exc = FileRefused(Path("a") / "b.toml", "too_large", 5)
    assert isinstance(exc, OSError)
    assert (exc.errno, exc.strerror, exc.filename) == (
        errno.EINVAL,
        "too_large",
        os.path.join("a", "b.toml"),
    )
    assert (exc.path, exc.reason, exc.limit) == (Path("a") / "b.toml", "too_large", 5)
    assert FileRefused(Path("x"), "link").limit == 0


def test_a_limit_is_told_in_whole_megabytes_at_least_one() -> None:
    """20 MiB is 20; a part of a megabyte rounds down, but never below 1."""
    assert FileRefused(Path("x"), "too_large", 20 * 1024 * 1024).limit_mb == 20
    assert FileRefused(Path("x"), "too_large", 3 * 1024 * 1024 - 1).limit_mb == 2
    assert FileRefused(Path("x"), "too_large", 1000).limit_mb == 1
    assert FileRefused(Path("x"), "too_large").limit_mb == 1


# -- open_regular -----------------------------------------------------------------------


def test_a_regular_file_is_opened_for_reading(tmp_path: Path) -> None:
    """A regular file, given as a path or as text: a descriptor reading its bytes."""
    path = tmp_path / "a.toml"
    path.write_bytes(b"abc")
    for name in (path, str(path)):
        fd = open_regular(name)
        try:
            assert os.read(fd, 10) == b"abc"
        finally:
            os.close(fd)


def test_a_file_is_created_with_the_flags_and_mode_given(tmp_path: Path) -> None:
    """``flags`` and ``mode`` reach ``os.open`` (the live channel's locks create files)."""
    path = tmp_path / "ny.lock"
    old = os.umask(0o022)
    try:
        fd = open_regular(path, os.O_WRONLY | os.O_CREAT, 0o640)
    finally:
        os.umask(old)
    try:
        os.write(fd, b"x")
    finally:
        os.close(fd)
    assert path.read_bytes() == b"x"
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_folder_is_a_directory_error(tmp_path: Path) -> None:
    """A folder where a file is expected: ``IsADirectoryError`` naming it."""
    with pytest.raises(IsADirectoryError) as info:
        open_regular(tmp_path)
    assert (info.value.errno, info.value.filename) == (errno.EISDIR, str(tmp_path))
    assert info.value.strerror == os.strerror(errno.EISDIR)


def test_a_missing_file_is_what_os_open_raises(tmp_path: Path) -> None:
    """Not there: ``FileNotFoundError``, also where links are not followed."""
    with pytest.raises(FileNotFoundError):
        open_regular(tmp_path / "nej.toml")
    with pytest.raises(FileNotFoundError):
        open_regular(tmp_path / "nej.toml", follow_links=False)


@POSIX
def test_a_file_is_created_0600_by_default(tmp_path: Path) -> None:
    """Without a mode, a file created is the user's alone (0600)."""
    old = os.umask(0o022)
    try:
        os.close(open_regular(tmp_path / "ny", os.O_WRONLY | os.O_CREAT))
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "ny").stat().st_mode) == 0o600


@POSIX
def test_a_dangling_link_that_is_followed_is_a_missing_file(tmp_path: Path) -> None:
    """A link to nothing, followed: ``FileNotFoundError``, not a refused link."""
    (tmp_path / "link.toml").symlink_to(tmp_path / "nej.toml")
    with pytest.raises(FileNotFoundError):
        open_regular(tmp_path / "link.toml")


@POSIX
def test_a_fifo_and_a_device_are_refused_at_once(tmp_path: Path) -> None:
    """A FIFO without a writer (read) or reader (write), and ``/dev/null``: ``not_regular``,
    and the descriptor opened is closed again."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    fds = set(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    exc = refused(open_regular, str(fifo))
    assert (exc.reason, exc.path) == ("not_regular", fifo)
    exc = refused(open_regular, fifo, os.O_WRONLY)
    assert (exc.reason, exc.path) == ("not_regular", fifo)
    assert refused(open_regular, "/dev/null").reason == "not_regular"
    if fds is not None:
        assert set(os.listdir("/proc/self/fd")) == fds


@POSIX
def test_a_socket_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Unix socket put where a file is expected: ``not_regular`` (``ENXIO``)."""
    monkeypatch.chdir(tmp_path)
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind("sock")
        exc = refused(open_regular, tmp_path / "sock")
        assert (exc.reason, exc.path) == ("not_regular", tmp_path / "sock")
    finally:
        server.close()


@POSIX
def test_a_link_is_refused_only_where_none_is_expected(tmp_path: Path) -> None:
    """``follow_links=False``: a link is ``link``; by default it is followed."""
    target = tmp_path / "target.toml"
    target.write_bytes(b"t")
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    exc = refused(open_regular, str(link), follow_links=False)
    assert (exc.reason, exc.path) == ("link", link)
    assert refused(read_bounded, link, follow_links=False).reason == "link"
    assert refused(read_bounded_text, link, follow_links=False).reason == "link"
    assert refused(read_with_stat, link, follow_links=False).reason == "link"
    assert read_bounded(link) == b"t"
    assert read_with_stat(link)[0] == b"t"
    assert read_bounded_text(link) == "t"
    os.close(open_regular(link))
    assert read_bounded(target, follow_links=False) == b"t"


@POSIX
def test_on_windows_a_link_is_refused_by_looking_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no ``O_NOFOLLOW``: a link is refused before opening where none is
    expected, and followed elsewhere."""
    target = tmp_path / "target.toml"
    target.write_bytes(b"t")
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "O_BINARY", 0, raising=False)
    exc = refused(open_regular, link, follow_links=False)
    assert (exc.reason, exc.path) == ("link", link)
    fd = open_regular(link)
    try:
        assert os.read(fd, 5) == b"t"
    finally:
        os.close(fd)


# -- reading ----------------------------------------------------------------------------


def test_a_file_up_to_its_limit_is_read_whole_and_one_byte_more_is_refused(
    tmp_path: Path,
) -> None:
    """Exactly ``limit`` bytes are read; ``limit + 1`` is ``too_large`` with the limit."""
    path = tmp_path / "a.toml"
    path.write_bytes(b"12345")
    data, info = read_with_stat(path, 5)
    assert (data, info.st_size) == (b"12345", 5)
    assert read_with_stat(str(path), 5)[0] == b"12345"
    exc = refused(read_with_stat, path, 4)
    assert (exc.reason, exc.limit, exc.path) == ("too_large", 4, path)
    assert refused(read_with_stat, str(path), 4).path == path
    assert refused(read_bounded, path, 4).limit == 4
    assert refused(read_bounded_text, path, 4).limit == 4


def test_the_default_limit_is_twenty_megabytes(tmp_path: Path) -> None:
    """A (sparse) file one byte over 20 MiB is refused without reading it."""
    path = tmp_path / "stor.toml"
    with open(path, "wb") as out:
        out.truncate(FILE_LIMIT + 1)
    for read in (read_with_stat, read_bounded, read_bounded_text):
        exc = refused(read, path)
        assert (exc.reason, exc.limit) == ("too_large", 20 * 1024 * 1024)


def test_a_file_longer_than_one_chunk_is_read_whole(tmp_path: Path) -> None:
    """Read in chunks of 1 MiB: 2.5 MiB come back byte for byte."""
    data = bytes(range(256)) * (10 * 1024)  # 2.5 MiB
    path = tmp_path / "stor.toml"
    path.write_bytes(data)
    assert read_bounded(path) == data
    assert read_bounded(path, len(data)) == data


def test_a_file_that_grew_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The size seen first is under the limit, more bytes come: ``too_large`` all the
    same, never more than ``limit`` bytes kept."""
    path = tmp_path / "a.toml"
    path.write_bytes(b"0123456789")
    real_fstat = os.fstat

    def small(fd: int) -> os.stat_result:
        found = real_fstat(fd)
        return os.stat_result((found.st_mode, *found[1:6], 3, *found[7:]))

    monkeypatch.setattr(os, "fstat", small)
    exc = refused(read_with_stat, path, 5)
    assert (exc.reason, exc.limit, exc.path) == ("too_large", 5, path)
    assert read_with_stat(path, 10)[0] == b"0123456789"
    mib = 1024 * 1024
    path.write_bytes(b"x" * (mib + 10))  # a limit of exactly one chunk, and 10 bytes more
    assert refused(read_with_stat, path, mib).reason == "too_large"
    path.write_bytes(b"x" * (3 * mib))  # three chunks against a limit of one and a half
    assert refused(read_with_stat, path, mib + mib // 2).reason == "too_large"


def test_text_is_utf8_with_a_bom_dropped(tmp_path: Path) -> None:
    """UTF-8, a byte-order mark dropped; other bytes raise ``UnicodeDecodeError``."""
    path = tmp_path / "a.toml"
    path.write_bytes("\ufeffæøå".encode())
    assert read_bounded_text(path) == "æøå"
    assert read_bounded_text(str(path), 9) == "æøå"
    path.write_bytes(b"\xff")
    with pytest.raises(UnicodeDecodeError):
        read_bounded_text(path)
