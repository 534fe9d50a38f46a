"""``domain/atomic.py``: the in-place write of a hard-linked file, pinned down where
mutation testing found the suite silent (docs/testing.md, "Mutation testing").

A file with a second hard link is written in place (``write_file``), so both names see the
new bytes. What happens when that write cannot start, meets another file, or fails half
way was untested: each test below says what it guards, with the expected values written out.
"""

from __future__ import annotations

import errno
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from inddrag.domain import atomic

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX hard links")

OLD = b"old bytes, longer than the new ones\n"
NEW = b"new\n"


def linked(folder: Path) -> tuple[Path, Path]:
    """``møde.toml`` holding OLD and a second hard link to it: written in place."""
    target = folder / "møde.toml"
    target.write_bytes(OLD)
    twin = folder / "kopi.toml"
    os.link(target, twin)
    return target, twin


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_hard_linked_file_is_written_in_place_and_no_copy_is_left(tmp_path: Path) -> None:
    target, twin = linked(tmp_path)
    inode = target.stat().st_ino
    atomic.write_file(target, NEW)
    assert twin.read_bytes() == NEW  # shorter: the rest of the old bytes is cut off
    assert target.stat().st_ino == inode
    assert names(tmp_path) == ["kopi.toml", "møde.toml"]  # the old bytes' copy is removed


def test_the_old_bytes_are_kept_beside_the_file_while_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, _ = linked(tmp_path)
    seen: list[tuple[str, bytes]] = []
    real = atomic._write_all

    def write_all(fd: int, data: bytes) -> None:
        for path in tmp_path.iterdir():
            if atomic.OLD_MARK in path.name:
                seen.append((path.name, path.read_bytes()))
        real(fd, data)

    monkeypatch.setattr(atomic, "_write_all", write_all)
    atomic.write_file(target, NEW)
    assert len(seen) == 1
    name, kept = seen[0]
    assert name.startswith(".møde.toml.inddrag-old-")
    assert kept == OLD
    assert names(tmp_path) == ["kopi.toml", "møde.toml"]


def test_a_long_name_keeps_its_first_80_characters_in_the_copys_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    long = "a" * 85 + ".toml"
    target = tmp_path / long
    target.write_bytes(OLD)
    os.link(target, tmp_path / "kopi.toml")
    prefixes: list[str] = []
    real = tempfile.mkstemp

    def mkstemp(*args: object, prefix: str = "", **kwargs: object) -> tuple[int, str]:
        prefixes.append(prefix)
        return real(*args, prefix=prefix, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    atomic.write_file(target, NEW)
    assert prefixes == ["." + "a" * 80 + ".inddrag-old-"]
    assert target.read_bytes() == NEW


def test_without_room_for_the_copy_the_file_is_still_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, twin = linked(tmp_path)

    def mkstemp(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    atomic.write_file(target, NEW)
    assert twin.read_bytes() == NEW
    assert names(tmp_path) == ["kopi.toml", "møde.toml"]


def test_a_write_failing_half_way_puts_the_old_bytes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, twin = linked(tmp_path)
    real = os.write
    calls: list[bytes] = []

    def write(fd: int, data: bytes) -> int:
        calls.append(bytes(data))
        if len(calls) == 1:
            real(fd, bytes(data)[:2])  # half of it on disk, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, data)

    monkeypatch.setattr(atomic.os, "write", write)
    with pytest.raises(atomic.SaveError) as info:
        atomic.write_file(target, NEW)
    monkeypatch.undo()
    error = info.value
    assert error.path == target
    assert error.reason == "disk_full"
    assert error.existed is True
    assert error.errno == errno.ENOSPC
    assert calls[1] == OLD  # the old bytes written back
    assert twin.read_bytes() == OLD
    assert names(tmp_path) == ["kopi.toml", "møde.toml"]  # the copy removed once restored


def test_when_the_old_bytes_cannot_be_put_back_their_copy_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, _ = linked(tmp_path)

    def write(_fd: int, _data: bytes) -> int:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(atomic.os, "write", write)
    with pytest.raises(atomic.SaveError) as info:
        atomic.write_file(target, NEW)
    monkeypatch.undo()
    assert info.value.reason == "os_error"
    kept = [p for p in tmp_path.iterdir() if atomic.OLD_MARK in p.name]
    assert [p.read_bytes() for p in kept] == [OLD]  # the user's only whole copy


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "no_access"),
        (FileNotFoundError(errno.ENOENT, "No such file or directory"), "vanished"),
    ],
)
def test_a_file_that_cannot_be_opened_is_named_and_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, reason: str
) -> None:
    target, twin = linked(tmp_path)
    real = os.open

    def open_(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == target:
            raise error
        return real(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic.os, "open", open_)
    with pytest.raises(atomic.SaveError) as info:
        atomic.write_file(target, NEW)
    monkeypatch.undo()
    assert info.value.path == target
    assert info.value.reason == reason  # "write", not "create": the folder is there
    assert info.value.existed is True
    assert info.value.errno == error.errno
    assert twin.read_bytes() == OLD


def test_another_file_put_in_its_place_is_not_written(tmp_path: Path) -> None:
    target, twin = linked(tmp_path)
    other = tmp_path / "andet.toml"
    other.write_bytes(b"other\n")
    with pytest.raises(atomic.SaveError) as info:
        atomic._write_in_place(target, NEW, other.stat())  # looked at: another inode
    assert info.value.path == target
    assert info.value.reason == "vanished"
    assert info.value.existed is True
    assert "previous version is unchanged" in info.value.sentence("en")
    assert twin.read_bytes() == OLD
    assert other.read_bytes() == b"other\n"


def test_denied_while_writing_in_place_is_a_lock_where_that_means_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows "permission denied" while writing means another program has the file
    open (``platform.denied_is_locked``); the in-place write names it so, at both steps."""
    monkeypatch.setattr(atomic.platform, "denied_is_locked", lambda: True)
    target, twin = linked(tmp_path)
    denied = PermissionError(errno.EACCES, "Permission denied")
    real_open = os.open

    def open_(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == target:
            raise denied
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(atomic.os, "open", open_)
        with pytest.raises(atomic.SaveError) as opening:
            atomic.write_file(target, NEW)
    assert opening.value.reason == "locked"

    def write(_fd: int, _data: bytes) -> int:
        raise denied

    with monkeypatch.context() as patch:
        patch.setattr(atomic.os, "write", write)
        with pytest.raises(atomic.SaveError) as writing:
            atomic.write_file(target, NEW)
    assert writing.value.reason == "locked"
    assert twin.read_bytes() == OLD


def test_a_copy_that_cannot_be_removed_afterwards_is_no_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, twin = linked(tmp_path)

    monkeypatch.setattr(
        atomic.os, "unlink", raising(PermissionError(errno.EACCES, "Permission denied"))
    )
    atomic.write_file(target, NEW)  # saved; the copy of the old bytes is left over
    monkeypatch.undo()
    assert twin.read_bytes() == NEW
    assert [p.read_bytes() for p in tmp_path.iterdir() if atomic.OLD_MARK in p.name] == [OLD]


def test_a_permission_error_without_a_code_is_no_access() -> None:
    made = atomic.SaveError.from_os(
        Path("x.toml"), PermissionError("denied"), existed=False, stage="create"
    )
    assert made.reason == "no_access"


def test_without_a_quota_error_code_only_a_full_disk_is_full(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where ``errno`` has no ``EDQUOT`` (Windows), no other code may be taken for it."""
    monkeypatch.delattr(errno, "EDQUOT", raising=False)
    path = Path("x.toml")

    def reason(exc: OSError) -> str:
        return atomic.SaveError.from_os(path, exc, existed=True, stage="create").reason

    assert reason(OSError(errno.ENOSPC, "No space left on device")) == "disk_full"
    assert reason(PermissionError(errno.EPERM, "Operation not permitted")) == "no_access"
    assert reason(OSError("no code at all")) == "os_error"


def test_cleaning_one_files_temps_passes_over_the_others_temps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With ``name``, another file's temporary files are skipped, not the end of the look:
    the folder is listed with those first (the order of a real listing is the system's)."""
    hour_ago = time.time() - 3600
    others = [tmp_path / f".andet-{n}.toml{atomic.TEMP_MARK}abc" for n in range(3)]
    ours = tmp_path / f".møde.toml{atomic.TEMP_MARK}abc"
    for path in [*others, ours]:
        path.write_text("x")
        os.utime(path, (hour_ago, hour_ago))
    real = os.scandir

    def scandir(folder: Path) -> list[os.DirEntry[str]]:
        return sorted(real(folder), key=lambda entry: entry.name != ours.name)[::-1]

    monkeypatch.setattr(atomic.os, "scandir", scandir)
    assert atomic.clean_stray_temps(tmp_path, name="møde.toml") == [ours]
    assert not ours.exists()
    assert all(path.exists() for path in others)


def test_a_folder_with_the_files_name_is_one_sentence_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving where a folder has the name: EISDIR, the reason, and the name as typed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "møde.toml").mkdir()
    with pytest.raises(atomic.SaveError) as caught:
        atomic.atomic_write_bytes(Path("møde.toml"), b"x")
    assert (caught.value.errno, caught.value.reason) == (errno.EISDIR, "is_a_directory")
    assert str(caught.value) == (
        "“møde.toml” was not saved, because there is a folder with that name."
    )
    assert caught.value.sentence("da") == (
        "“møde.toml” blev ikke gemt, fordi der er en mappe med det navn."
    )


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes and umask")
def test_a_file_saved_over_keeps_its_mode_and_a_new_one_gets_the_umasks(tmp_path: Path) -> None:
    """An existing file's mode (0640) is kept; a new file is 0666 less the umask (0022); a
    link in the file's place is replaced by a file of ours, its target left alone."""
    old = tmp_path / "a.toml"
    old.write_bytes(b"old")
    os.chmod(old, 0o640)
    atomic.atomic_write_bytes(old, b"new")
    assert (old.read_bytes(), old.stat().st_mode & 0o7777) == (b"new", 0o640)
    mask = os.umask(0o022)
    try:
        atomic.atomic_write_bytes(tmp_path / "b.toml", b"new")
        link = tmp_path / "link.toml"
        link.symlink_to(old)
        atomic.atomic_write_bytes(link, b"mine")
    finally:
        os.umask(mask)
    assert (tmp_path / "b.toml").stat().st_mode & 0o7777 == 0o644
    assert not link.is_symlink() and link.read_bytes() == b"mine"
    assert old.read_bytes() == b"new"


# Replacing a file (``atomic_write_bytes`` → ``_replace_with``) when the rename fails, and
# cleaning up stray temporary files: what each failure says, and what is left on disk.


def raising(exc: BaseException) -> Callable[..., None]:
    """A stand-in for an OS call (``os.replace``, ``os.unlink``, …) that fails with ``exc``."""

    def fail(*args: object, **kwargs: object) -> None:
        raise exc

    return fail


def test_a_failed_rename_says_whether_the_old_file_is_still_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``existed=current is not None``: over an existing file the sentence adds that
    the previous version is unchanged; for a new file it does not. No temporary file is left."""
    monkeypatch.chdir(tmp_path)
    Path("gammel.toml").write_bytes(b"old")
    monkeypatch.setattr(atomic.os, "replace", raising(OSError(errno.EROFS, "Read-only")))
    with pytest.raises(atomic.SaveError) as over:
        atomic.atomic_write_bytes(Path("gammel.toml"), b"new")
    with pytest.raises(atomic.SaveError) as new:
        atomic.atomic_write_bytes(Path("ny.toml"), b"new")
    assert over.value.reason == new.value.reason == "read_only"
    assert over.value.existed is True and new.value.existed is False
    assert str(over.value) == (
        "“gammel.toml” was not saved, because the disk or folder is read-only; "
        "the previous version is unchanged."
    )
    assert str(new.value) == ("“ny.toml” was not saved, because the disk or folder is read-only.")
    assert names(tmp_path) == ["gammel.toml"]
    assert Path("gammel.toml").read_bytes() == b"old"


def test_a_rename_denied_while_another_program_holds_the_file_is_a_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``stage="write"``: where a denied rename means another program holds the
    file (Windows), the rename's PermissionError is said as a lock, not as no access."""
    monkeypatch.setattr(atomic, "REPLACE_DELAYS", ())
    monkeypatch.setattr(atomic.platform, "denied_is_locked", lambda: True)
    target = tmp_path / "møde.toml"
    target.write_bytes(b"old")
    monkeypatch.setattr(
        atomic.os, "replace", raising(PermissionError(errno.EACCES, "Access denied"))
    )
    with pytest.raises(atomic.SaveError) as caught:
        atomic.atomic_write_bytes(target, b"new")
    assert (caught.value.reason, caught.value.existed) == ("locked", True)
    assert target.read_bytes() == b"old"


def test_an_unexpected_error_while_renaming_is_named_with_its_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards the ``except Exception`` branch: the path, the reason ``unexpected``, the
    exception's kind and text as the detail, and whether the file existed."""
    monkeypatch.chdir(tmp_path)
    Path("møde.toml").write_bytes(b"old")
    monkeypatch.setattr(atomic.os, "replace", raising(ValueError("ugyldigt navn")))
    with pytest.raises(atomic.SaveError) as caught:
        atomic.atomic_write_bytes(Path("møde.toml"), b"new")
    error = caught.value
    assert (error.path, error.reason, error.detail, error.existed) == (
        Path("møde.toml"),
        "unexpected",
        "ValueError: ugyldigt navn",
        True,
    )
    assert str(error) == (
        "“møde.toml” was not saved, because of an unexpected error: "
        "ValueError: ugyldigt navn; the previous version is unchanged."
    )
    assert names(tmp_path) == ["møde.toml"]


def test_a_temporary_file_that_cannot_be_removed_leaves_the_first_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``suppress(OSError)`` around the clean-up: when the rename failed and the
    temporary file cannot be removed either, the rename's failure is what is said."""
    target = tmp_path / "møde.toml"
    target.write_bytes(b"old")
    monkeypatch.setattr(atomic.os, "replace", raising(OSError(errno.EROFS, "Read-only")))

    with monkeypatch.context() as patch:
        patch.setattr(atomic.os, "unlink", raising(PermissionError(errno.EACCES, "Access denied")))
        with pytest.raises(atomic.SaveError) as caught:
            atomic.atomic_write_bytes(target, b"new")
    assert caught.value.reason == "read_only"


def test_a_file_that_may_not_be_given_its_owner_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``return False`` when the new file cannot get the old one's owner: the file
    is then written in place (same inode, new bytes), not left as it was."""
    target = tmp_path / "møde.toml"
    target.write_bytes(OLD)
    inode = target.stat().st_ino
    monkeypatch.setattr(atomic, "_same_owner", lambda temp, owner: False)
    atomic.write_file(target, NEW)
    assert (target.read_bytes(), target.stat().st_ino) == (NEW, inode)
    assert names(tmp_path) == ["møde.toml"]


def test_a_temporary_file_exactly_a_minute_old_is_stray(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``age < min_age``: at exactly STRAY_AGE (60 s) the file is removed; a
    second younger it is left (a fake clock, the file's time set)."""
    old = tmp_path / f".a.toml{atomic.TEMP_MARK}abc"
    young = tmp_path / f".b.toml{atomic.TEMP_MARK}abc"
    for path, when in ((old, 1_000_000.0), (young, 1_000_001.0)):
        path.write_text("x")
        os.utime(path, (when, when))
    monkeypatch.setattr(atomic.time, "time", lambda: 1_000_060.0)
    assert atomic.clean_stray_temps(tmp_path) == [old]
    assert names(tmp_path) == [young.name]


def test_a_temporary_file_that_cannot_be_removed_does_not_end_the_cleaning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``continue`` after an OSError: the files after it are still removed (the
    one that fails is listed first)."""
    hour_ago = time.time() - 3600
    stuck = tmp_path / f".a.toml{atomic.TEMP_MARK}abc"
    loose = tmp_path / f".b.toml{atomic.TEMP_MARK}abc"
    for path in (stuck, loose):
        path.write_text("x")
        os.utime(path, (hour_ago, hour_ago))
    real_scandir, real_unlink = os.scandir, os.unlink

    def scandir(folder: Path) -> list[os.DirEntry[str]]:
        return sorted(real_scandir(folder), key=lambda entry: entry.name)

    def unlink(path: str) -> None:
        if path == str(stuck):
            raise PermissionError(errno.EACCES, "Access denied")
        real_unlink(path)

    with monkeypatch.context() as patch:
        patch.setattr(atomic.os, "scandir", scandir)
        patch.setattr(atomic.os, "unlink", unlink)
        assert atomic.clean_stray_temps(tmp_path) == [loose]
    assert names(tmp_path) == [stuck.name]


# ``write_file`` when the name changes under it: another program creating the file between
# the look and the write, a file system without hard links, a name that is not a file.

THEIRS = b"another program's file\n"


def _link_after_them(exc: OSError) -> object:
    """``os.link`` as if another program created the file just before: the file appears,
    then the link fails with ``exc``."""

    def link(src: object, dst: object) -> None:
        Path(str(dst)).write_bytes(THEIRS)
        raise exc

    return link


def test_a_file_created_by_another_program_meanwhile_is_looked_at_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``return False`` on FileExistsError in ``_create`` and ``continue`` in
    ``write_file``: the new file is looked at again and then replaced (no check given),
    not taken for ours. One file is left, no temporary file."""
    target = tmp_path / "ny.toml"
    monkeypatch.setattr(atomic.os, "link", _link_after_them(FileExistsError(errno.EEXIST, "x")))
    atomic.write_file(target, NEW)
    assert target.read_bytes() == NEW
    assert names(tmp_path) == ["ny.toml"]


def test_without_hard_links_a_file_created_meanwhile_is_looked_at_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``if os.path.lexists(path): return False`` on a file system without hard
    links (EPERM): a file that appeared is looked at again, not taken for ours."""
    target = tmp_path / "ny.toml"
    monkeypatch.setattr(atomic.os, "link", _link_after_them(OSError(errno.EPERM, "x")))
    atomic.write_file(target, NEW)
    assert target.read_bytes() == NEW
    assert names(tmp_path) == ["ny.toml"]


@pytest.mark.parametrize("code", [errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV])
def test_without_hard_links_a_new_file_is_renamed_into_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """Guards the fall-back to a rename (FAT, some shares): the file is written, and no
    other name is removed afterwards (the temporary name is gone with the rename)."""
    removed: list[object] = []
    monkeypatch.setattr(atomic.os, "link", raising(OSError(code, "no hard links here")))
    monkeypatch.setattr(atomic.os, "unlink", removed.append)
    target = tmp_path / "ny.toml"
    assert atomic._create(target, NEW) is True
    assert (target.read_bytes(), removed) == (NEW, [])
    assert names(tmp_path) == ["ny.toml"]


def test_a_link_that_fails_otherwise_is_said_as_a_new_file_not_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``SaveError.from_os(path, exc, existed=False, stage="write")`` in
    ``_create``: a read-only disk is named with the file; nothing was there before, so
    the sentence does not say the previous version is unchanged. No file is left."""
    monkeypatch.chdir(tmp_path)

    monkeypatch.setattr(atomic.os, "link", raising(OSError(errno.EROFS, "Read-only file system")))
    with pytest.raises(atomic.SaveError) as caught:
        atomic.write_file(Path("ny.toml"), NEW)
    assert (caught.value.path, caught.value.reason, caught.value.existed) == (
        Path("ny.toml"),
        "read_only",
        False,
    )
    assert str(caught.value) == "“ny.toml” was not saved, because the disk or folder is read-only."
    assert names(tmp_path) == []


def test_a_link_denied_where_that_means_a_lock_is_a_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``stage="write"`` in ``_create``: a denied link (EACCES) where a denial means
    another program holds the file (Windows) is said as a lock."""
    monkeypatch.setattr(atomic.platform, "denied_is_locked", lambda: True)

    monkeypatch.setattr(atomic.os, "link", raising(PermissionError(errno.EACCES, "Access denied")))
    with pytest.raises(atomic.SaveError) as caught:
        atomic.write_file(tmp_path / "ny.toml", NEW)
    assert caught.value.reason == "locked"


def test_a_temporary_file_that_cannot_be_removed_after_a_lost_race_is_no_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``suppress(OSError)`` in ``_create``: when the name was taken and our
    temporary file cannot be removed, ``_create`` still answers False."""
    monkeypatch.setattr(atomic.os, "link", _link_after_them(FileExistsError(errno.EEXIST, "x")))
    monkeypatch.setattr(
        atomic.os, "unlink", raising(PermissionError(errno.EACCES, "Access denied"))
    )
    assert atomic._create(tmp_path / "ny.toml", NEW) is False


def test_a_name_taken_again_and_again_is_given_up_after_three_looks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``range(3)`` and the last ``SaveError``: when the name is free at each look
    and taken at each write, ``write_file`` stops after three and says so."""
    monkeypatch.chdir(tmp_path)
    tries: list[Path] = []

    def create(path: Path, data: bytes) -> bool:
        tries.append(path)
        return False

    monkeypatch.setattr(atomic, "_create", create)
    with pytest.raises(atomic.SaveError) as caught:
        atomic.write_file(Path("ny.toml"), NEW)
    assert tries == [Path("ny.toml")] * 3
    error = caught.value
    assert (error.path, error.reason, error.existed, error.errno) == (
        Path("ny.toml"),
        "vanished",
        True,
        errno.EEXIST,
    )
    assert str(error) == (
        "“ny.toml” was not saved, because the folder . disappeared while the file was being "
        "saved; the previous version is unchanged."
    )


def test_a_file_the_check_refuses_is_named_as_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``SaveError(target, reason, existed=True)``: a file the caller's check refuses
    (not a session) is left as it was, and the sentence says so."""
    monkeypatch.chdir(tmp_path)
    Path("noter.toml").write_bytes(THEIRS)
    with pytest.raises(atomic.SaveError) as caught:
        atomic.write_file(Path("noter.toml"), NEW, check=lambda path: "not_a_session")
    assert (caught.value.reason, caught.value.existed) == ("not_a_session", True)
    assert str(caught.value) == (
        "“noter.toml” was not saved, because the file there is not an inddrag session, and "
        "inddrag never overwrites another file (save under a new name instead); the "
        "previous version is unchanged."
    )
    assert Path("noter.toml").read_bytes() == THEIRS


def test_a_name_under_a_file_is_a_missing_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``from_os(path, exc, existed=False, stage="create")`` in ``_target``: a name
    whose folder is a file (ENOTDIR) is a missing folder, and nothing was there before."""
    monkeypatch.chdir(tmp_path)
    Path("fil.txt").write_bytes(b"x")
    with pytest.raises(atomic.SaveError) as caught:
        atomic.write_file(Path("fil.txt/møde.toml"), NEW)
    assert (caught.value.reason, caught.value.existed) == ("folder_missing", False)
    assert str(caught.value) == (
        "“møde.toml” was not saved, because the folder fil.txt does not exist."
    )


def test_a_name_that_is_no_file_is_refused_without_a_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``_target``'s refusals: a dangling link, a folder (EISDIR) and a pipe are
    each one sentence, with no "previous version" (there is none), and left as they were."""
    monkeypatch.chdir(tmp_path)
    Path("løs.toml").symlink_to("findes-ikke.toml")
    Path("mappe.toml").mkdir()
    os.mkfifo("rør.toml")
    said = {}
    for name in ("løs.toml", "mappe.toml", "rør.toml"):
        with pytest.raises(atomic.SaveError) as caught:
            atomic.write_file(Path(name), NEW)
        said[name] = (
            caught.value.reason,
            caught.value.existed,
            caught.value.errno,
            str(caught.value),
        )
    assert said == {
        "løs.toml": (
            "dangling_link",
            False,
            0,
            "“løs.toml” was not saved, because the name is a link to a file that does not "
            "exist (nothing is written through it).",
        ),
        "mappe.toml": (
            "is_a_directory",
            False,
            errno.EISDIR,
            "“mappe.toml” was not saved, because there is a folder with that name.",
        ),
        "rør.toml": (
            "not_a_regular_file",
            False,
            0,
            "“rør.toml” was not saved, because the name is not an ordinary file (a device, "
            "a pipe or the like is never replaced).",
        ),
    }
    assert Path("løs.toml").is_symlink() and Path("mappe.toml").is_dir()
    assert not Path("findes-ikke.toml").exists()


def test_a_file_with_one_name_is_replaced_whole_and_the_check_sees_the_links_target(
    tmp_path: Path,
) -> None:
    """Guards ``check(target)`` and ``st_nlink <= 1``: saving through a link asks the
    check about the file the link points to; a file with one name is replaced by a new
    file (a new inode: a crash leaves the old or the new, never half), the link kept."""
    real = tmp_path / "møde.toml"
    real.write_bytes(OLD)
    inode = real.stat().st_ino
    link = tmp_path / "genvej.toml"
    link.symlink_to(real)
    asked: list[Path] = []

    def check(path: Path) -> None:
        asked.append(path)

    atomic.write_file(link, NEW, check=check)
    assert asked == [real]
    assert real.read_bytes() == NEW and real.stat().st_ino != inode
    assert link.is_symlink()


def test_a_failed_rename_over_a_users_file_says_it_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``existed=True`` in ``write_file``'s replace: when the rename fails, the
    sentence says the previous version is unchanged, and it is."""
    monkeypatch.chdir(tmp_path)
    Path("møde.toml").write_bytes(OLD)
    monkeypatch.setattr(atomic.os, "replace", raising(OSError(errno.EROFS, "Read-only")))
    with pytest.raises(atomic.SaveError) as caught:
        atomic.write_file(Path("møde.toml"), NEW)
    assert str(caught.value) == (
        "“møde.toml” was not saved, because the disk or folder is read-only; "
        "the previous version is unchanged."
    )
    assert Path("møde.toml").read_bytes() == OLD


def test_a_file_system_that_cannot_sync_is_no_failure_and_a_sync_error_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Guards ``_fsync``: EINVAL and ENOTSUP (a file system that cannot sync; the data is
    written) are passed over, any other error is raised."""

    for code in (errno.EINVAL, errno.ENOTSUP):
        monkeypatch.setattr(atomic.os, "fsync", raising(OSError(code, os.strerror(code))))
        assert atomic._fsync(0) is None
    monkeypatch.setattr(atomic.os, "fsync", raising(OSError(errno.EIO, "Input/output error")))
    with pytest.raises(OSError) as caught:
        atomic._fsync(0)
    assert caught.value.errno == errno.EIO


def test_a_temporary_files_name_keeps_80_characters_of_the_files() -> None:
    """Guards ``name[:80]`` in ``temp_prefix`` (a name of 255 bytes must leave room)."""
    assert atomic.temp_prefix("a" * 100) == "." + "a" * 80 + ".inddrag-tmp-"
    assert atomic.temp_prefix("møde.toml") == ".møde.toml.inddrag-tmp-"


def test_a_temporary_file_that_cannot_be_synced_is_removed_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``_write_temp``'s clean-up: a sync that fails (EIO) removes the temporary
    file and is said as the file not saved, the old one unchanged; when the temporary file
    cannot be removed either, the sync's failure is still what is said."""
    target = tmp_path / "møde.toml"
    target.write_bytes(OLD)
    monkeypatch.setattr(atomic, "_fsync", raising(OSError(errno.EIO, "Input/output error")))
    with pytest.raises(atomic.SaveError) as caught:
        atomic.atomic_write_bytes(target, NEW)
    assert (caught.value.reason, caught.value.detail) == ("os_error", "Input/output error")
    assert names(tmp_path) == ["møde.toml"] and target.read_bytes() == OLD

    with monkeypatch.context() as patch:
        patch.setattr(atomic.os, "unlink", raising(PermissionError(errno.EACCES, "Access denied")))
        with pytest.raises(atomic.SaveError) as caught:
            atomic.atomic_write_bytes(target, NEW)
    assert caught.value.reason == "os_error"


def test_a_temporary_file_denied_where_that_means_a_lock_is_a_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``stage="write"`` in ``_write_temp``: a denial while writing the temporary
    file, where a denial means another program holds a file (Windows), is a lock."""
    monkeypatch.setattr(atomic.platform, "denied_is_locked", lambda: True)
    monkeypatch.setattr(atomic, "_fsync", raising(PermissionError(errno.EACCES, "Access denied")))
    with pytest.raises(atomic.SaveError) as caught:
        atomic.atomic_write_bytes(tmp_path / "møde.toml", NEW)
    assert caught.value.reason == "locked"


def test_an_unexpected_error_writing_the_temporary_file_is_named_with_its_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards the ``Exception`` branch of ``_write_temp``: the kind and text of the error
    are the detail, and the temporary file is removed."""

    monkeypatch.setattr(atomic.platform, "set_mode", raising(ValueError("ugyldig tilstand")))
    with pytest.raises(atomic.SaveError) as caught:
        atomic.atomic_write_bytes(tmp_path / "møde.toml", NEW)
    assert (caught.value.reason, caught.value.detail, caught.value.existed) == (
        "unexpected",
        "ValueError: ugyldig tilstand",
        False,
    )
    assert names(tmp_path) == []
