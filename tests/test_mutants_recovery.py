"""``domain/recovery.py``: what is offered after a crash, what is set aside and what the
autosaver keeps writing, pinned down where mutation testing found the suite silent
(docs/testing.md, "Mutation testing"). Expected titles, sentences, orders and sources are
written out; each test says what it guards. No test waits on the clock: times are
written into the files, and the autosaver runs on a clock that only moves by hand.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from inddrag.domain import atomic, recovery, statedir
from inddrag.domain.content import ContentPack
from inddrag.domain.errors import FileProblems
from inddrag.domain.session import Session, new_session
from inddrag.domain.session import now as real_now
from tests.test_recovery import FakeClock

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX links and flock")
CET = timezone(timedelta(hours=1))


@pytest.fixture
def session(da_pack: ContentPack) -> Session:
    made = new_session(da_pack)
    made.session.title = "Nyt vagtplanssystem"
    return made


def left_behind(
    session: Session,
    instance: str,
    *,
    written: datetime = datetime(2026, 11, 26, 11, 40, tzinfo=CET),
    source: str = "",
    folder: Path | None = None,
) -> Path:
    """A recovery copy as an app that is no longer running left it (no lock held)."""
    folder = folder or recovery.recovery_folder()
    folder.mkdir(parents=True, exist_ok=True, mode=statedir.FOLDER_MODE)
    path = folder / f"recovery-{instance}.toml"
    header = recovery.RecoveryHeader(
        written=written, source=source, title=session.session.title, instance=instance
    )
    atomic.atomic_write_text(path, recovery.dumps_recovery(session, header), mode=0o600)
    return path


# --- what is shown -----------------------------------------------------------------------


def test_an_untitled_copy_is_described_in_the_language_asked_for(session: Session) -> None:
    """``describe``: "untitled" is in the language asked for, not always Danish."""
    info = recovery.RecoveryInfo(
        path=Path("recovery-a.toml"),
        instance="a",
        written=datetime(2026, 11, 26, 11, 40, tzinfo=CET),
        title="",
        source=None,
        kind="team",
        session=session,
    )
    assert info.describe("en") == "Recover work from 26 November 2026 at 11:40 of “untitled”"
    assert info.describe("da") == "Gendan arbejde fra 26. november 2026 kl. 11.40 af “uden titel”"


def test_a_file_without_a_recovery_table_is_reported_at_line_one_on_its_own_line(
    state: Path, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``read_recovery`` points at line 1 when ``[recovery]`` is missing, and
    ``SetAside.render`` puts the problem and where the file went on two plain lines."""
    folder = state / "recovery"
    folder.mkdir(parents=True, mode=0o700)
    bad = folder / "recovery-slem.toml"
    bad.write_bytes(b'format = "inddrag-session"\nversion = 1\n[session]\nkind = "team"\n')
    monkeypatch.chdir(folder)  # the file is shown by its bare name
    with pytest.raises(FileProblems) as caught:
        recovery.read_recovery(bad)
    assert [(p.code, p.line) for p in caught.value.problems] == [
        ("storage.recovery.not_a_recovery", 1)
    ]
    scan = recovery.scan_recoveries()
    assert scan.found == [] and len(scan.set_aside) == 1
    assert scan.set_aside[0].render("en") == (
        "recovery-slem.toml:1: the file is not an inddrag recovery file"
        " (the [recovery] table is missing)\n"
        "the recovery file could not be read and has been set aside as"
        " recovery-slem.toml.corrupt"
    )


# --- what is offered ---------------------------------------------------------------------


@posix_only
def test_a_recovery_file_that_is_a_link_is_set_aside_not_read_through(
    state: Path, session: Session, tmp_path: Path
) -> None:
    """``read_recovery`` does not follow a link: a ``recovery-*.toml`` that is a link to a
    good copy elsewhere is set aside (the link renamed), never offered, and the file it
    points to is left as it was."""
    elsewhere = left_behind(session, "ude", folder=tmp_path / "andetsteds")
    before = elsewhere.read_bytes()
    folder = state / "recovery"
    folder.mkdir(parents=True, mode=0o700)
    link = folder / "recovery-link.toml"
    link.symlink_to(elsewhere)
    scan = recovery.scan_recoveries()
    assert scan.found == []
    assert [(a.original.name, a.moved_to) for a in scan.set_aside] == [
        ("recovery-link.toml", folder / "recovery-link.toml.corrupt")
    ]
    assert (folder / "recovery-link.toml.corrupt").is_symlink()
    assert elsewhere.read_bytes() == before


@posix_only
def test_a_lock_file_that_is_a_link_does_not_make_a_copy_live(
    state: Path, session: Session
) -> None:
    """``_is_live`` does not follow a link: a copy whose ``.lock`` is a link to a running
    app's lock is still offered (the link is not that app's lock on this copy)."""
    running = recovery.Autosaver(instance="kører", clock=FakeClock())
    try:
        running.write(session)
        left = left_behind(session, "efterladt")
        (state / "recovery" / "recovery-efterladt.lock").symlink_to(
            state / "recovery" / "recovery-kører.lock"
        )
        assert [f.path.name for f in recovery.find_recoveries()] == ["recovery-efterladt.toml"]
        assert left.exists()
    finally:
        running.discard()


def test_a_copy_with_an_unrepresentable_time_sorts_as_written_at_the_epoch(
    state: Path, session: Session
) -> None:
    """``_sort_key``: a ``written`` time that has no timestamp (naive year 1 here) sorts
    as 1970-01-01 00:00:00 UTC exactly, so a copy from half a second later comes first."""
    left_behind(session, "a-gammel", written=datetime(1, 1, 1))
    left_behind(session, "b-halv", written=datetime(1970, 1, 1, 0, 0, 0, 500000, tzinfo=UTC))
    left_behind(session, "c-før", written=datetime(1969, 12, 31, 23, 59, 59, tzinfo=UTC))
    found = recovery.find_recoveries()
    assert [f.instance for f in found] == ["b-halv", "a-gammel", "c-før"]


def test_a_running_apps_copy_does_not_hide_the_copies_after_it(
    state: Path, session: Session
) -> None:
    """``scan_recoveries`` skips a live copy and goes on: a left-behind copy whose name
    sorts after it is still offered."""
    running = recovery.Autosaver(instance="a-kører", clock=FakeClock())
    try:
        running.write(session)
        left_behind(session, "b-efterladt")
        assert [f.instance for f in recovery.find_recoveries()] == ["b-efterladt"]
    finally:
        running.discard()


def test_a_newer_apps_copy_does_not_hide_the_copies_after_it(state: Path, session: Session) -> None:
    """``scan_recoveries`` leaves a newer inddrag's copy alone and goes on: the copy whose
    name sorts after it is still offered."""
    newer = left_behind(session, "a-nyere")
    text = newer.read_text(encoding="utf-8")
    newer.write_text(text.replace("version = 2", "version = 7", 1), encoding="utf-8")
    left_behind(session, "b-efterladt")
    scan = recovery.scan_recoveries()
    assert [f.instance for f in scan.found] == ["b-efterladt"]
    assert scan.set_aside == [] and newer.exists()


def test_a_copy_discarded_while_it_was_read_does_not_hide_the_copies_after_it(
    state: Path, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``scan_recoveries``: a copy its owner removes between the listing and the read is
    skipped (not set aside), and the copy whose name sorts after it is still offered."""
    gone = left_behind(session, "a-fjernes")
    left_behind(session, "b-efterladt")
    real = recovery.read_recovery

    def read(path: Path) -> recovery.RecoveryInfo:
        if path == gone:
            gone.unlink()  # its owner discards it just now
        return real(path)

    monkeypatch.setattr(recovery, "read_recovery", read)
    scan = recovery.scan_recoveries()
    assert [f.instance for f in scan.found] == ["b-efterladt"]
    assert scan.set_aside == []


def missing_state(state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No state folder at all."""


def state_open_to_others(state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A state folder others may write in."""
    state.chmod(0o777)


def recovery_open_to_others(state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A recovery folder others may write in."""
    (state / "recovery").chmod(0o777)


def unlistable(state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A recovery folder that cannot be listed."""

    def glob(self: Path, pattern: str) -> list[Path]:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "glob", glob)


@posix_only
@pytest.mark.parametrize(
    "spoil", [missing_state, state_open_to_others, recovery_open_to_others, unlistable]
)
def test_a_folder_that_is_not_used_gives_two_empty_lists(
    state: Path,
    session: Session,
    monkeypatch: pytest.MonkeyPatch,
    spoil: Callable[[Path, pytest.MonkeyPatch], None],
) -> None:
    """``scan_recoveries`` returns empty lists (never ``None``) when it does not look in
    the folder: callers iterate over both."""
    if spoil is not missing_state:
        left_behind(session, "efterladt")
    spoil(state, monkeypatch)
    scan = recovery.scan_recoveries()
    assert (scan.found, scan.set_aside) == ([], [])
    assert recovery.find_recoveries() == []


def test_a_scan_removes_old_temporary_files_in_the_recovery_folder_only(
    state: Path, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``scan_recoveries`` cleans the recovery folder of a killed write's temporary file,
    and leaves the working folder's files alone."""
    left_behind(session, "efterladt")
    name = ".recovery-x.toml.inddrag-tmp-0123abcd"
    stray = state / "recovery" / name
    stray.write_bytes(b"halvt skrevet")
    work = tmp_path / "arbejde"
    work.mkdir()
    other = work / name
    other.write_bytes(b"en andens")
    for path in (stray, other):
        os.utime(path, (0, 0))  # written in 1970: surely left over
    monkeypatch.chdir(work)
    assert [f.instance for f in recovery.scan_recoveries().found] == ["efterladt"]
    assert not stray.exists()
    assert other.read_bytes() == b"en andens"


def test_discarding_by_info_removes_the_copy_and_its_lock(state: Path, session: Session) -> None:
    """``discard_recovery`` takes the :class:`RecoveryInfo` the user declined, not only a
    path: the copy and its lock file are both removed."""
    left = left_behind(session, "afvist")
    lock = state / "recovery" / "recovery-afvist.lock"
    lock.write_bytes(b"")
    [info] = recovery.find_recoveries()
    recovery.discard_recovery(info)
    assert sorted(p.name for p in (state / "recovery").iterdir()) == []
    assert not left.exists()


# --- the autosaver -----------------------------------------------------------------------


def test_the_autosaver_makes_the_state_folder_again_if_it_was_removed(
    state: Path, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``_ensure_folder`` makes missing parents: a state folder removed while the app
    runs (a cleaner, the user) is made again and the copy written, the recovery folder
    and the state folder above it private (0700) whatever the umask lets through (the
    state folder came back 0755, listable by other users)."""
    saver = recovery.Autosaver(instance="x", clock=FakeClock())
    shutil.rmtree(state)
    mask = os.umask(0o022)
    try:
        assert saver.write(session) == state / "recovery" / "recovery-x.toml"
    finally:
        os.umask(mask)
        saver.release()
    assert (state / "recovery" / "recovery-x.toml").is_file()
    if os.name == "posix":
        assert (state / "recovery").stat().st_mode & 0o777 == 0o700
        assert state.stat().st_mode & 0o777 == 0o700


def test_a_recovery_folder_that_cannot_be_made_is_named_in_the_error(
    tmp_path: Path, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``_ensure_folder`` says which folder is missing (``folder_missing``), names the copy,
    and does not claim an old copy was kept."""
    blocker = tmp_path / "fil"
    blocker.write_text("en fil, ikke en mappe")
    monkeypatch.chdir(tmp_path)
    saver = recovery.Autosaver(blocker, instance="x", clock=FakeClock())
    with pytest.raises(atomic.SaveError) as caught:
        saver.write(session)
    error = caught.value
    assert error.reason == "folder_missing"
    assert error.path == tmp_path / "fil" / "recovery" / "recovery-x.toml"
    assert error.sentence("en") == (
        "“recovery-x.toml” was not saved, because the folder fil/recovery does not exist."
    )


def test_flush_reports_a_write_error_instead_of_raising(tmp_path: Path, session: Session) -> None:
    """``flush`` (before quitting) never raises: the error goes to ``on_error`` and
    ``last_error``, and it returns False."""
    blocker = tmp_path / "fil"
    blocker.write_text("en fil, ikke en mappe")
    errors: list[atomic.SaveError] = []
    saver = recovery.Autosaver(blocker, on_error=errors.append, clock=FakeClock())
    saver.note_change(session)
    assert saver.flush() is False
    assert len(errors) == 1 and saver.last_error is errors[0]
    assert saver.writes == 0


def test_adopted_work_keeps_its_source_in_later_copies(state: Path, session: Session) -> None:
    """``adopt`` takes the recovered copy's source: the next copy written without a new
    source still says where the work came from."""
    left = left_behind(session, "gammel", source="/møder/møde.toml")
    info = recovery.read_recovery(left)
    saver = recovery.Autosaver(instance="ny", clock=FakeClock())
    try:
        saver.adopt(info)
        saver.note_change(session)
        assert saver.flush()
        assert recovery.read_recovery(left).source == Path("/møder/møde.toml")
    finally:
        saver.discard()


def test_adopting_after_writing_drops_the_own_copy_and_locks_the_adopted_one(
    state: Path, session: Session
) -> None:
    """``adopt`` by an autosaver that has already written its own copy: that copy and its
    lock are removed (only ever one copy) and the adopted copy is locked, so no other
    instance offers it."""
    saver = recovery.Autosaver(instance="ny", clock=FakeClock())
    try:
        saver.write(session)
        left = left_behind(session, "gammel")
        saver.adopt(recovery.read_recovery(left))
        assert saver.path == left
        assert sorted(p.name for p in (state / "recovery").iterdir()) == [
            "recovery-gammel.lock",
            "recovery-gammel.toml",
        ]
        assert recovery.find_recoveries() == []  # held by this instance
    finally:
        saver.discard()


def test_write_without_a_source_keeps_the_source_noted_before(
    state: Path, session: Session
) -> None:
    """``write(session)`` (e.g. on SIGTERM) keeps the source the last change named: the
    copy still says which file the work belongs to."""
    saver = recovery.Autosaver(instance="x", clock=FakeClock())
    try:
        saver.note_change(session, Path("/møder/møde.toml"))
        saver.write(session)
        assert recovery.read_recovery(saver.path).source == Path("/møder/møde.toml")
    finally:
        saver.discard()


def test_a_second_discard_during_a_write_still_stops_that_write(
    state: Path, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``discard`` marks every discard, not only the first: when the user saves (a second
    time) while a due copy is being prepared, that copy is not written after all."""
    saver = recovery.Autosaver(instance="x", delay=0.0, clock=FakeClock())
    saver.note_change(session)
    saver.discard()  # the first save

    def discarding_now() -> datetime:
        monkeypatch.setattr(recovery, "now", real_now)
        saver.discard()  # the second save, while the copy is being prepared
        return real_now()

    monkeypatch.setattr(recovery, "now", discarding_now)
    saver.note_change(session)
    assert saver.tick() is False
    assert not (state / "recovery" / "recovery-x.toml").exists()
    assert saver.writes == 0


def test_an_instance_id_is_the_pid_and_eight_hex_digits(state: Path) -> None:
    """``new_instance_id``: ``<pid>-<8 hex digits>`` as docs/session-format.md says, and the
    copy is named after it."""
    assert re.fullmatch(rf"{os.getpid()}-[0-9a-f]{{8}}", recovery.new_instance_id())
    saver = recovery.Autosaver()
    assert re.fullmatch(rf"recovery-{os.getpid()}-[0-9a-f]{{8}}\.toml", saver.path.name)


def test_a_written_copy_names_the_process_and_is_private(state: Path, session: Session) -> None:
    """``_text`` records the writing process's pid, and ``_write`` creates the copy 0600
    whatever the umask lets through (notes can be sensitive)."""
    saver = recovery.Autosaver(instance="x", clock=FakeClock())
    mask = os.umask(0o022)
    try:
        path = saver.write(session)
    finally:
        os.umask(mask)
        saver.release()
    assert f"\npid = {os.getpid()}\n" in path.read_text(encoding="utf-8")
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600


def test_the_autosaver_counts_its_writes_and_remembers_when_and_how_it_went(
    tmp_path: Path, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After each write ``writes`` counts one more, ``last_written`` is the time it was
    written, and ``last_error`` goes back to None once a write succeeds again."""
    saver = recovery.Autosaver(tmp_path / "state", instance="x", clock=FakeClock())
    try:
        monkeypatch.setattr(recovery, "now", lambda: datetime(2026, 11, 26, 11, 40, tzinfo=CET))
        saver.write(session)
        monkeypatch.setattr(recovery, "now", lambda: datetime(2026, 11, 26, 11, 41, tzinfo=CET))
        saver.write(session)
        assert saver.writes == 2
        assert saver.last_written == datetime(2026, 11, 26, 11, 41, tzinfo=CET)
        (tmp_path / "state" / "recovery" / "recovery-x.toml").unlink()
        (tmp_path / "state" / "recovery" / "recovery-x.toml").mkdir()  # blocks the write
        with pytest.raises(atomic.SaveError):
            saver.write(session)
        assert saver.last_error is not None
        (tmp_path / "state" / "recovery" / "recovery-x.toml").rmdir()
        saver.write(session)
        assert saver.last_error is None
        assert saver.writes == 3
    finally:
        saver.discard()


def test_an_unexpected_error_while_writing_is_a_save_error_with_its_cause(
    state: Path, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``_write`` turns any other exception into a ``SaveError`` naming the copy and the
    exception: ``write`` raises it, ``tick`` hands it to ``on_error``."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disken drillede")

    monkeypatch.setattr(recovery, "atomic_write_bytes", broken)
    monkeypatch.chdir(state.parent)
    errors: list[atomic.SaveError] = []
    saver = recovery.Autosaver(instance="x", delay=0.0, on_error=errors.append, clock=FakeClock())
    expected = (
        "“recovery-x.toml” was not saved, because of an unexpected error:"
        " RuntimeError: disken drillede."
    )
    try:
        with pytest.raises(atomic.SaveError) as caught:
            saver.write(session)
        assert caught.value.reason == "unexpected"
        assert caught.value.path == state / "recovery" / "recovery-x.toml"
        assert caught.value.sentence("en") == expected
        assert errors == []
        saver.note_change(session)
        assert saver.tick() is False
        assert [type(e) for e in errors] == [atomic.SaveError]
        assert errors[0].sentence("en") == expected
        assert saver.last_error is errors[0]
    finally:
        saver.discard()


def test_an_error_handler_that_fails_does_not_stop_the_timer(
    tmp_path: Path, session: Session
) -> None:
    """``_write`` ignores an ``on_error`` that raises: ``tick`` still returns False
    instead of raising into the UI's timer."""
    blocker = tmp_path / "fil"
    blocker.write_text("en fil, ikke en mappe")

    def on_error(error: atomic.SaveError) -> None:
        raise RuntimeError("handleren fejlede")

    saver = recovery.Autosaver(blocker, delay=0.0, on_error=on_error, clock=FakeClock())
    saver.note_change(session)
    assert saver.tick() is False
    assert saver.last_error is not None


@posix_only
def test_a_lock_name_that_is_a_link_is_not_followed(
    state: Path, session: Session, tmp_path: Path
) -> None:
    """``_hold_lock`` does not follow a link planted at the lock's name: nothing is created
    where it points, and the copy is still written."""
    folder = state / "recovery"
    folder.mkdir(parents=True, mode=0o700)
    target = tmp_path / "fremmed.lock"
    (folder / "recovery-x.lock").symlink_to(target)
    saver = recovery.Autosaver(instance="x", clock=FakeClock())
    try:
        assert saver.write(session).is_file()
        assert not target.exists()
    finally:
        saver.release()


def test_a_released_copy_is_offered_again(state: Path, session: Session) -> None:
    """``release`` lets go of the lock taken when the copy was written: the copy is then
    offered as work set aside."""
    saver = recovery.Autosaver(instance="x", clock=FakeClock())
    saver.write(session)
    assert recovery.find_recoveries() == []
    saver.release()
    assert [f.instance for f in recovery.find_recoveries()] == ["x"]


def test_adopting_a_copy_another_instance_holds_does_not_fail(
    state: Path, session: Session
) -> None:
    """``_hold_lock`` when the lock is taken (another app adopted the same copy first):
    no lock, no error, and the copy can still be written."""
    info = recovery.read_recovery(left_behind(session, "delt"))
    first = recovery.Autosaver(instance="a", clock=FakeClock())
    second = recovery.Autosaver(instance="b", clock=FakeClock())
    try:
        first.adopt(info)
        second.adopt(info)
        assert second.write(session) == state / "recovery" / "recovery-delt.toml"
    finally:
        first.release()
        second.release()
