"""Autosave and recovery: written soon after a change, found after a crash, never a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given

import tests.hypothesis_profiles  # noqa: F401  (loads the profile)
from inddrag.domain import atomic, recovery, statedir, storage
from inddrag.domain.content import ContentPack
from inddrag.domain.session import Session, new_session, set_notes
from tests.conftest import REPO
from tests.session_strategies import as_saved, sessions

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX modes and signals")
CET = timezone(timedelta(hours=1))


@pytest.fixture
def session(da_pack: ContentPack) -> Session:
    made = new_session(da_pack)
    made.session.title = "Nyt vagtplanssystem"
    set_notes(made, "tidligt", "Vi hørte først om det ved go-live.")
    return made


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def saver(state: Path) -> recovery.Autosaver:
    return recovery.Autosaver(clock=FakeClock())


def left_behind(
    session: Session,
    source: Path | None,
    *,
    state_dir: Path | None = None,
    instance: str | None = None,
) -> Path:
    """A recovery copy as an app that is no longer running left it (no lock held)."""
    instance = instance or recovery.new_instance_id()
    folder = recovery.recovery_folder(state_dir)
    folder.mkdir(parents=True, exist_ok=True, mode=statedir.FOLDER_MODE)
    path = folder / f"{recovery.PREFIX}{instance}{recovery.SUFFIX}"
    header = recovery.RecoveryHeader(
        written=recovery.now(),
        source=str(source.absolute()) if source is not None else "",
        title=session.session.title,
        instance=instance,
        pid=os.getpid(),
    )
    text = recovery.dumps_recovery(session, header)
    atomic.atomic_write_text(path, text, mode=recovery.FILE_MODE)
    return path


def at(when: datetime, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recovery, "now", lambda: when)


# --- the file ----------------------------------------------------------------------------


def test_a_recovery_copy_is_found_and_loaded(state: Path, session: Session) -> None:
    source = state.parent / "møde.toml"
    path = left_behind(session, source)
    assert path.parent == state / "recovery"
    assert path.name.startswith(f"recovery-{os.getpid()}-") and path.suffix == ".toml"
    found = recovery.find_recoveries()
    assert [f.path for f in found] == [path]
    info = found[0]
    assert (info.title, info.source, info.kind) == ("Nyt vagtplanssystem", source, "team")
    assert recovery.load_recovery(info) == session
    text = path.read_text(encoding="utf-8")
    assert text.startswith('format = "inddrag-session"\nversion = 2\n\n[recovery]\nwritten = ')
    assert f'source = "{source}"' in text


@posix_only
def test_recovery_files_are_private(state: Path, session: Session) -> None:
    path = left_behind(session, None)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700


def test_newest_first_and_described_in_both_languages(
    state: Path, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    at(datetime(2026, 11, 26, 11, 40, 12, tzinfo=CET), monkeypatch)
    left_behind(session, None, instance="a")
    at(datetime(2026, 11, 27, 9, 5, tzinfo=CET), monkeypatch)
    session.session.title = ""
    left_behind(session, None, instance="b")
    at(datetime(2026, 11, 25, 23, 59, tzinfo=CET), monkeypatch)
    left_behind(session, None, instance="c")
    found = recovery.find_recoveries()
    assert [f.instance for f in found] == ["b", "a", "c"]
    assert found[1].describe("da") == (
        "Gendan arbejde fra 26. november 2026 kl. 11.40 af “Nyt vagtplanssystem”"
    )
    assert found[1].describe("en") == (
        "Recover work from 26 November 2026 at 11:40 of “Nyt vagtplanssystem”"
    )
    assert found[0].describe("da").endswith("kl. 09.05 af “uden titel”")
    assert found[0].when_text("en") == "27 November 2026 at 09:05"


def test_state_dir_argument_beats_the_environment(
    state: Path, session: Session, tmp_path: Path
) -> None:
    other = tmp_path / "andet"
    left_behind(session, None, state_dir=other)
    assert recovery.find_recoveries() == []
    assert len(recovery.find_recoveries(other)) == 1


def test_default_state_folder_is_the_platforms(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("INDDRAG_STATE_DIR", raising=False)
    expected = Path(platformdirs.user_state_dir("inddrag", appauthor=False)) / "recovery"
    assert recovery.recovery_folder() == expected


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff\xfe not utf-8", "not saved as UTF-8"),
        (b'format = "inddrag-session"\nversion = 1\n[recovery\n', "invalid TOML"),
        (b"", "the file is empty"),
        (
            b'format = "inddrag-session"\nversion = 1\n[session]\nkind = "team"\n',
            "not an inddrag recovery file",
        ),
        (
            b'format = "inddrag-session"\nversion = 1\n[recovery]\ninstance = "x"\n',
            "recovery.written: this key is missing",
        ),
    ],
)
def test_a_corrupt_recovery_file_is_set_aside_and_reported(
    state: Path, session: Session, content: bytes, expected: str
) -> None:
    good = left_behind(session, None, instance="god")
    bad = state / "recovery" / "recovery-slem.toml"
    bad.write_bytes(content)
    scan = recovery.scan_recoveries()
    assert [f.path for f in scan.found] == [good]
    assert len(scan.set_aside) == 1
    aside = scan.set_aside[0]
    assert aside.original == bad and not bad.exists()
    assert aside.moved_to == bad.with_name("recovery-slem.toml.corrupt")
    assert aside.moved_to.read_bytes() == content  # kept, never deleted
    report = aside.render("en")
    assert expected in report and "has been set aside as recovery-slem.toml.corrupt" in report
    assert "set aside" not in aside.render("da")
    again = recovery.scan_recoveries()
    assert again.set_aside == [] and len(again.found) == 1


def test_a_newer_apps_recovery_file_is_left_alone(state: Path, session: Session) -> None:
    path = left_behind(session, None)
    path.write_text(path.read_text(encoding="utf-8").replace("version = 2", "version = 7", 1))
    scan = recovery.scan_recoveries()
    assert scan.found == [] and scan.set_aside == [] and path.exists()


def test_an_unreadable_state_folder_finds_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("ikke en mappe")
    assert recovery.find_recoveries(blocker) == []


@given(sessions())
def test_recovery_round_trip(session: Session) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = left_behind(session, Path("/tmp/møde.toml"), state_dir=Path(folder), instance="x")
        info = recovery.read_recovery(path)
        assert info.session == as_saved(session)
        assert info.title == as_saved(session).session.title
        assert info.source == Path("/tmp/møde.toml")


# --- the autosaver -----------------------------------------------------------------------


def test_debounce_writes_after_a_quiet_half_second(
    saver: recovery.Autosaver, session: Session
) -> None:
    clock: FakeClock = saver._clock  # type: ignore[assignment]
    assert not saver.tick() and not saver.pending
    saver.note_change(session)
    clock.now = 0.3
    assert not saver.tick()
    saver.note_change(session)
    clock.now = 0.79
    assert not saver.tick() and saver.pending and saver.writes == 0  # due at 0.8, not yet
    clock.now = 0.8
    assert saver.tick()
    assert saver.writes == 1 and saver.path.exists() and not saver.pending
    clock.now = 5
    assert not saver.tick()  # nothing new


def test_continuous_typing_is_still_written_every_few_seconds(
    saver: recovery.Autosaver, session: Session
) -> None:
    clock: FakeClock = saver._clock  # type: ignore[assignment]
    written_at: list[float] = []
    for step in range(100):
        clock.now = step * 0.1
        saver.note_change(session)
        if saver.tick():
            written_at.append(clock.now)
    assert written_at == pytest.approx([3.0, 6.1, 9.2])


def test_flush_and_write_happen_at_once(saver: recovery.Autosaver, session: Session) -> None:
    assert not saver.flush()
    saver.note_change(session, Path("møde.toml"))
    assert saver.flush() and saver.writes == 1
    info = recovery.read_recovery(saver.path)
    assert info.source == Path("møde.toml").absolute()
    assert saver.write(session, None) == saver.path
    assert recovery.read_recovery(saver.path).source is None


def test_a_live_instance_is_not_offered(state: Path, session: Session) -> None:
    saver = recovery.Autosaver()
    saver.write(session)
    assert saver.path.exists()
    assert recovery.find_recoveries() == []  # its lock is held: it is running


def test_two_instances_keep_separate_copies(state: Path, session: Session) -> None:
    first = recovery.Autosaver()
    second = recovery.Autosaver()
    first.write(session)
    other = session.model_copy(deep=True)
    other.session.title = "Det andet vindue"
    second.write(other)
    assert first.path != second.path
    assert recovery.read_recovery(first.path).title == "Nyt vagtplanssystem"
    assert recovery.read_recovery(second.path).title == "Det andet vindue"


def test_discard_after_a_clean_quit(saver: recovery.Autosaver, session: Session) -> None:
    saver.write(session)
    lock = saver.path.with_suffix(".lock")
    assert lock.exists()
    saver.note_change(session)
    saver.discard()
    assert not saver.path.exists() and not lock.exists() and not saver.pending
    assert not saver.flush()  # the pending change was dropped with it
    assert recovery.find_recoveries() == []


def test_saved_drops_the_copy_until_the_next_change(
    saver: recovery.Autosaver, session: Session
) -> None:
    saver.write(session)
    saver.saved(Path("møde.toml"))
    assert not saver.path.exists()
    saver.note_change(session)
    assert saver.flush()
    assert recovery.read_recovery(saver.path).source == Path("møde.toml").absolute()


def test_write_errors_are_raised_by_write_and_reported_by_tick(
    tmp_path: Path, session: Session
) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("en fil, ikke en mappe")
    errors: list[atomic.SaveError] = []
    saver = recovery.Autosaver(blocker, delay=0.0, on_error=errors.append)
    with pytest.raises(atomic.SaveError):
        saver.write(session)
    assert errors == []  # write raises instead
    saver.note_change(session)
    assert not saver.tick()
    assert len(errors) == 1 and saver.last_error is errors[0]
    assert "blev ikke gemt" in errors[0].sentence("da")


# --- after a crash -----------------------------------------------------------------------

CRASH = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from inddrag.domain import recovery, storage

    session = storage.load_session(Path(sys.argv[1]))
    clock = [0.0]  # moved by hand: nothing here waits on the wall clock
    saver = recovery.Autosaver(clock=lambda: clock[0])
    session.session.title = "Ikke gemt"
    saver.note_change(session, Path(sys.argv[1]))
    assert not saver.tick()
    clock[0] = 60.0
    assert saver.tick()
    print(saver.path, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


@posix_only
def test_work_of_a_killed_app_is_offered_and_can_be_adopted(
    state: Path, session: Session, tmp_path: Path
) -> None:
    source = tmp_path / "møde.toml"
    storage.save_session(session, source)
    done = subprocess.run(
        [sys.executable, "-c", CRASH, str(source)],
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    left = Path(done.stdout.strip())
    found = recovery.find_recoveries()
    assert [f.path for f in found] == [left]
    assert found[0].title == "Ikke gemt" and found[0].source == source
    saver = recovery.Autosaver()
    try:
        saver.adopt(found[0])
        assert saver.path == left
        assert recovery.find_recoveries() == []  # now held by this instance
        recovered = recovery.load_recovery(found[0])
        recovered.session.title = "Gendannet"
        saver.note_change(recovered)
        assert saver.flush()
        assert recovery.read_recovery(left).title == "Gendannet"
        assert sorted(p.name for p in left.parent.glob("*.toml")) == [left.name]
    finally:
        saver.discard()
    assert recovery.find_recoveries() == []
