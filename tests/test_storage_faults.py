"""A save that fails or is killed at any step leaves the old file byte-for-byte intact."""

from __future__ import annotations

import errno
import io
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from inddrag.domain import atomic, storage
from inddrag.domain.content import ContentPack
from inddrag.domain.session import Session, new_session, set_notes
from tests.conftest import REPO

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and modes")
HELD = "locked" if os.name == "nt" else "no_access"
"""A file held by another program is a Windows story; elsewhere it is the folder's rights."""


@pytest.fixture
def session(da_pack: ContentPack) -> Session:
    made = new_session(da_pack)
    made.session.title = "Ny udgave"
    set_notes(made, "tidligt", "Ny tekst æøå " * 200)
    return made


@pytest.fixture
def saved(tmp_path: Path, da_pack: ContentPack) -> Path:
    """A session file already on disk: the one that must survive."""
    old = new_session(da_pack)
    old.session.title = "Gammel udgave"
    set_notes(old, "agile", "Det, vi skrev sidst")
    path = tmp_path / "møde.toml"
    storage.save_session(old, path)
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if atomic.is_stray_temp(p.name))


def oserror(code: int) -> OSError:
    return OSError(code, os.strerror(code))


class _Breaking(io.BufferedWriter):
    """A file that fails when asked to do ``fail_on``."""

    fail_on = "write"
    error: BaseException = oserror(errno.ENOSPC)

    def write(self, data: Any) -> int:
        if self.fail_on == "write":
            super().write(bytes(data)[: len(data) // 2])
            raise self.error
        return super().write(data)

    def flush(self) -> None:
        if self.fail_on == "flush":
            raise self.error
        super().flush()

    def close(self) -> None:
        if self.fail_on == "close" and not self.closed:
            super().close()
            raise self.error
        super().close()


def breaking_fdopen(fail_on: str, error: BaseException) -> Callable[..., Any]:
    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        raw = io.FileIO(fd, "wb", closefd=True)
        handle = _Breaking(raw)
        handle.fail_on = fail_on
        handle.error = error
        return handle

    return fdopen


def fail(error: BaseException) -> Callable[..., Any]:
    def raiser(*args: Any, **kwargs: Any) -> Any:
        raise error

    return raiser


STEPS: list[tuple[str, str, BaseException, str]] = [
    ("mkstemp", "tempfile.mkstemp", oserror(errno.ENOSPC), "disk_full"),
    ("mkstemp", "tempfile.mkstemp", oserror(errno.EROFS), "read_only"),
    ("mkstemp", "tempfile.mkstemp", PermissionError(errno.EACCES, "denied"), "no_access"),
    ("mkstemp", "tempfile.mkstemp", oserror(errno.ENOENT), "folder_missing"),
    ("write", "fdopen", oserror(errno.ENOSPC), "disk_full"),
    ("write", "fdopen", oserror(getattr(errno, "EDQUOT", errno.ENOSPC)), "disk_full"),
    ("write", "fdopen", oserror(errno.EIO), "os_error"),
    ("write", "fdopen", RuntimeError("boom"), "unexpected"),
    ("flush", "fdopen", oserror(errno.ENOSPC), "disk_full"),
    ("close", "fdopen", oserror(errno.ENOSPC), "disk_full"),
    ("fsync", "os.fsync", oserror(errno.EIO), "os_error"),
    ("replace", "os.replace", PermissionError(errno.EACCES, "in use"), HELD),
    ("replace", "os.replace", oserror(errno.ENOENT), "vanished"),
    ("replace", "os.replace", oserror(errno.EXDEV), "os_error"),
]


@pytest.mark.parametrize(("step", "target", "error", "reason"), STEPS)
def test_a_failure_at_any_step_leaves_the_old_file_intact(
    step: str,
    target: str,
    error: BaseException,
    reason: str,
    saved: Path,
    session: Session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = saved.read_bytes()
    monkeypatch.setattr(atomic, "REPLACE_DELAYS", (0.0, 0.0))
    if target == "fdopen":
        monkeypatch.setattr(os, "fdopen", breaking_fdopen(step, error))
    elif target == "tempfile.mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", fail(error))
    else:
        monkeypatch.setattr(os, target.split(".")[1], fail(error))
    with pytest.raises(atomic.SaveError) as info:
        storage.save_session(session, saved)
    monkeypatch.undo()
    assert saved.read_bytes() == before
    assert leftovers(saved.parent) == []
    assert info.value.reason == reason
    assert storage.load_session(saved).session.title == "Gammel udgave"  # still usable
    for lang in ("da", "en"):
        sentence = info.value.sentence(lang)
        assert sentence.startswith(("“møde.toml” blev ikke gemt", "“møde.toml” was not saved"))
        assert sentence.endswith((" uændret.", " unchanged.")) and "\n" not in sentence
    storage.save_session(session, saved)  # the session in memory can still be saved
    assert storage.load_session(saved) == session


def test_an_interrupt_mid_write_leaves_the_old_file_and_no_temp(
    saved: Path, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = saved.read_bytes()
    monkeypatch.setattr(os, "fdopen", breaking_fdopen("write", KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        storage.save_session(session, saved)
    monkeypatch.undo()
    assert saved.read_bytes() == before
    assert leftovers(saved.parent) == []


@pytest.mark.parametrize("code", [errno.EPERM, errno.EINVAL])
def test_file_systems_without_modes_or_sync_still_save(
    code: int, saved: Path, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FAT sticks and some shares refuse chmod; some refuse fsync with EINVAL."""
    monkeypatch.setattr(os, "chmod", fail(oserror(code)))
    if code == errno.EINVAL:
        monkeypatch.setattr(os, "fsync", fail(oserror(code)))
    storage.save_session(session, saved)
    monkeypatch.undo()
    assert storage.load_session(saved) == session


def test_replace_is_retried_while_another_program_holds_the_file(
    saved: Path, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.replace
    calls: list[int] = []

    def flaky(src: Any, dst: Any) -> None:
        calls.append(1)
        if len(calls) < 3:
            raise PermissionError(errno.EACCES, "held by antivirus")
        real(src, dst)

    monkeypatch.setattr(atomic, "REPLACE_DELAYS", (0.0, 0.0, 0.0))
    monkeypatch.setattr(os, "replace", flaky)
    storage.save_session(session, saved)
    monkeypatch.undo()
    assert len(calls) == 3
    assert storage.load_session(saved) == session


def test_saving_into_a_vanished_folder(tmp_path: Path, session: Session) -> None:
    with pytest.raises(atomic.SaveError) as info:
        storage.save_session(session, tmp_path / "væk" / "møde.toml")
    assert info.value.reason == "folder_missing"
    assert info.value.sentence("en") == (
        f"“møde.toml” was not saved, because the folder {tmp_path / 'væk'} does not exist."
    )


def test_saving_over_a_folder(tmp_path: Path, session: Session) -> None:
    (tmp_path / "mappe.toml").mkdir()
    with pytest.raises(atomic.SaveError) as info:
        storage.save_session(session, tmp_path / "mappe.toml")
    assert info.value.reason == "is_a_directory"
    assert (tmp_path / "mappe.toml").is_dir()


def test_a_name_too_long(tmp_path: Path, session: Session) -> None:
    with pytest.raises(atomic.SaveError) as info:
        storage.save_session(session, tmp_path / ("m" * 300 + ".toml"))
    assert info.value.reason == "name_too_long"
    assert leftovers(tmp_path) == []


NOBODY = 65534
"""The unprivileged user (``nobody``) a root test run saves as: root ignores modes."""


def save_as_nobody(session: Session, path: Path) -> str:
    """Save in a forked child that has dropped root for ``nobody``; the SaveError's reason.

    Forked, not a new interpreter: the interpreter may live where ``nobody`` cannot look.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            try:
                storage.save_session(session, path)
                answer = "saved"
            except atomic.SaveError as exc:
                answer = exc.reason
            os.write(write, answer.encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        answer = pipe.read().decode()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the child could not save as nobody"
    return answer


@posix_only
def test_a_read_only_folder(saved: Path, session: Session) -> None:
    """The OS refuses the save. Run as root (as CI is), the save runs as ``nobody``."""
    if os.geteuid() != 0:
        before = saved.read_bytes()
        saved.parent.chmod(0o555)
        try:
            with pytest.raises(atomic.SaveError) as info:
                storage.save_session(session, saved)
        finally:
            saved.parent.chmod(0o755)
        assert info.value.reason == "no_access"
        assert saved.read_bytes() == before
        return
    # A folder nobody may read but not write, outside pytest's root-only temp folders.
    outer = Path(tempfile.mkdtemp(prefix="inddrag-ro-"))
    try:
        outer.chmod(0o755)
        folder = outer / "møde"
        folder.mkdir()
        path = folder / saved.name
        path.write_bytes(saved.read_bytes())
        for item in (folder, path):
            os.chown(item, NOBODY, NOBODY)
        path.chmod(0o644)
        folder.chmod(0o555)
        reason = save_as_nobody(session, path)
        assert reason == "no_access"
        assert path.read_bytes() == saved.read_bytes()
        assert sorted(p.name for p in folder.iterdir()) == [saved.name]  # no temp file left
    finally:
        folder.chmod(0o755)
        subprocess.run(["rm", "-rf", str(outer)], check=False)


def test_save_error_is_an_oserror(tmp_path: Path, session: Session) -> None:
    """Code guarding file operations with ``except OSError`` catches it too."""
    with pytest.raises(OSError, match="was not saved"):
        storage.save_session(session, tmp_path / "nej" / "x.toml")


@posix_only
def test_modes_kept_or_from_umask(saved: Path, session: Session, tmp_path: Path) -> None:
    saved.chmod(0o640)
    storage.save_session(session, saved)
    assert saved.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "ny.toml"
    storage.save_session(session, fresh)
    mask = os.umask(0)
    os.umask(mask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~mask


@posix_only
def test_a_symlinked_session_stays_a_link(saved: Path, session: Session, tmp_path: Path) -> None:
    link = tmp_path / "genvej.toml"
    link.symlink_to(saved)
    storage.save_session(session, link)
    assert link.is_symlink()
    assert storage.load_session(saved) == session


# --- a process killed mid-save -----------------------------------------------------------

KILLER = textwrap.dedent(
    """
    import io, os, signal, sys
    from pathlib import Path
    from inddrag.domain import storage

    path, step = Path(sys.argv[1]), sys.argv[2]
    session = storage.load_session(path)
    session.session.title = "Aldrig gemt"
    session.advice[0].notes = "x" * 100_000

    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    if step == "write":
        real_fdopen = os.fdopen

        def fdopen(fd, *args, **kwargs):
            handle = real_fdopen(fd, *args, **kwargs)

            class Half:
                def __enter__(self):
                    return self

                def __exit__(self, *exc):
                    return False

                def write(self, data):
                    handle.write(data[: len(data) // 2])
                    handle.flush()
                    die()

            return Half()

        os.fdopen = fdopen
    else:
        setattr(os, step, die)
    storage.save_session(session, path)
    """
)


@posix_only
@pytest.mark.parametrize("step", ["write", "fsync", "chmod", "replace"])
def test_a_save_killed_at_any_step_leaves_the_old_file_intact(step: str, saved: Path) -> None:
    before = saved.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-c", KILLER, str(saved), step],
        env=env,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    assert saved.read_bytes() == before
    assert storage.load_session(saved).session.title == "Gammel udgave"
    stray = leftovers(saved.parent)
    assert len(stray) == 1 and stray[0].startswith(".møde.toml.inddrag-tmp-")
    assert atomic.clean_stray_temps(saved.parent) == []  # too young: maybe a live save
    removed = atomic.clean_stray_temps(saved.parent, min_age=0)
    assert [p.name for p in removed] == stray
    assert leftovers(saved.parent) == []
    assert sorted(p.name for p in saved.parent.iterdir()) == ["møde.toml"]


def test_clean_stray_temps_leaves_other_files(tmp_path: Path) -> None:
    keep = [tmp_path / "møde.toml", tmp_path / ".skjult", tmp_path / "inddrag-tmp-ikke-vores"]
    for path in keep:
        path.write_text("x")
    (tmp_path / ".møde.toml.inddrag-tmp-abc123").write_text("rest")
    (tmp_path / ".mappe.inddrag-tmp-x").mkdir()
    removed = atomic.clean_stray_temps(tmp_path, min_age=0)
    assert [p.name for p in removed] == [".møde.toml.inddrag-tmp-abc123"]
    assert all(p.exists() for p in keep)
    assert atomic.clean_stray_temps(tmp_path / "findes-ikke") == []
