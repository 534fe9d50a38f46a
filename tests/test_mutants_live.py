"""``domain/live.py``: the live channel between the leader's app and projector views,
pinned down where mutation testing found the suite silent (docs/testing.md, "Mutation
testing"): what a follower's poll reports, and the trust checks (a state folder others may
write in, links planted for the view or the lock, a view too large, a lock another
follower holds for a moment). Expected values are written out; each test says what it
guards.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from inddrag.domain import live
from inddrag.domain.content import ContentPack
from inddrag.domain.live import (
    Followed,
    Follower,
    LiveClock,
    LiveView,
    Publisher,
    leader_running,
    live_paths,
    running_clock,
)
from inddrag.domain.platform import close_locked, try_lock
from inddrag.domain.session import Session, new_session

pytestmark = pytest.mark.skipif(os.name != "posix", reason="owners, links and OS locks")


@pytest.fixture
def state(tmp_path: Path) -> Path:
    folder = tmp_path / "state"
    folder.mkdir(mode=0o700)
    return folder


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return tmp_path / "møde.toml"


@pytest.fixture
def session(da_pack: ContentPack) -> Session:
    return new_session(da_pack, "team")


def view(source: Path, session: Session, step: str = "advice") -> LiveView:
    return LiveView(source=str(source), pid=os.getpid(), at=0.0, step=step, session=session)


def test_a_poll_says_changed_only_when_something_changed(
    state: Path, source: Path, session: Session
) -> None:
    """Guards ``Follower.poll``'s ``changed``: False before a leader and when nothing moved;
    True when the leader comes, when a new view is written, and when the leader goes."""
    follower = Follower(source, state)
    assert follower.source == source
    assert follower.poll() == Followed(None, False, False)
    publisher = Publisher(state)
    try:
        assert publisher.publish(source, 1, lambda: view(source, session))
        first = follower.poll()
        assert (first.leader, first.changed) == (True, True)
        assert first.view is not None and first.view.step == "advice"
        assert follower.poll() == Followed(first.view, True, False)
        assert follower.poll().changed is False
        assert publisher.publish(source, 2, lambda: view(source, session, "roles"))
        second = follower.poll()
        assert (second.leader, second.changed) == (True, True)
        assert second.view is not None and second.view.step == "roles"
        assert follower.poll().changed is False
    finally:
        publisher.close()
    gone = follower.poll()
    assert (gone.leader, gone.changed) == (False, True)
    assert follower.poll().changed is False


def test_a_leader_without_a_view_file_is_no_view_yet(
    state: Path, source: Path, session: Session
) -> None:
    """Guards ``poll`` when the leader holds its lock but its view file is missing: no
    stamp, nothing read, no crash."""
    publisher = Publisher(state)
    try:
        assert publisher.publish(source, 1, lambda: view(source, session))
        view_path, _ = live_paths(source, state)
        view_path.unlink()
        assert Follower(source, state).poll() == Followed(None, False, True)
    finally:
        publisher.close()


def test_a_state_folder_opened_to_others_later_is_not_followed(
    state: Path, source: Path, session: Session
) -> None:
    """Guards ``Follower.refused`` (asked of the state folder given): a channel published
    while the folder was the user's alone is not followed once others may write in it."""
    publisher = Publisher(state)
    try:
        assert publisher.publish(source, 1, lambda: view(source, session))
        os.chmod(state, 0o777)
        follower = Follower(source, state)
        assert follower.refused is not None
        assert follower.poll() == Followed(None, False, False)
    finally:
        os.chmod(state, 0o700)
        publisher.close()


def test_a_view_file_that_is_a_link_is_not_read(
    tmp_path: Path, state: Path, source: Path, session: Session
) -> None:
    """Guards ``follow_links=False`` when reading the view: a link planted in its place is
    not followed, even to a valid view."""
    publisher = Publisher(state)
    try:
        assert publisher.publish(source, 1, lambda: view(source, session))
        view_path, _ = live_paths(source, state)
        planted = tmp_path / "planted.json"
        view_path.rename(planted)
        view_path.symlink_to(planted)
        assert Follower(source, state).poll() == Followed(None, False, True)
    finally:
        publisher.close()


def test_a_view_larger_than_the_live_limit_is_not_read(
    state: Path, source: Path, session: Session
) -> None:
    """Guards ``LIVE_LIMIT`` (8 MB) for the view: a valid view padded to 9 MB is refused,
    though it is under the 20 MB limit of other files."""
    publisher = Publisher(state)
    try:
        assert publisher.publish(source, 1, lambda: view(source, session))
        view_path, _ = live_paths(source, state)
        data = view_path.read_bytes()
        view_path.write_bytes(data + b" " * (9 * 1024 * 1024))
        assert Follower(source, state).poll() == Followed(None, False, True)
    finally:
        publisher.close()


def test_a_lock_that_is_a_link_is_no_leader(
    tmp_path: Path, state: Path, source: Path, session: Session
) -> None:
    """Guards ``follow_links=False`` when asking the lock: a link to a held lock is not
    taken for a leader."""
    publisher = Publisher(state)
    try:
        assert publisher.publish(source, 1, lambda: view(source, session))
        _, lock_path = live_paths(source, state)
        link = tmp_path / "link.lock"
        link.symlink_to(lock_path)
        assert leader_running(lock_path) is True
        assert leader_running(link) is False
    finally:
        publisher.close()


def test_another_follower_asking_the_lock_is_no_leader(state: Path, source: Path) -> None:
    """Guards ``shared=True``: a follower asks with a shared lock, so another follower
    asking at the same moment (holding a shared lock) is not taken for a leader."""
    _, lock_path = live_paths(source, state)
    lock_path.parent.mkdir(mode=0o700)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        assert try_lock(fd, shared=True)
        assert leader_running(lock_path) is False
    finally:
        close_locked(fd)


def test_on_windows_every_file_counts_as_the_users(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guards ``_mine``'s platform test: where files have no owner (Windows), a file is
    the user's whatever its ``st_uid``; elsewhere only the user's own uid is."""
    other = os.stat_result((0o100600, 1, 1, 1, os.geteuid() + 1, 0, 0, 0, 0, 0))
    assert live._mine(other) is False
    monkeypatch.setattr(sys, "platform", "win32")
    assert live._mine(other) is True


def test_the_clock_runs_on_from_when_the_view_was_written(session: Session) -> None:
    """Guards ``running_clock``: the meeting and advice clocks run on by the seconds since
    the view was written (never back), the plan and timebox stay, a stopped clock stays
    stopped, and without ``now`` the time is today's."""
    written = LiveView(
        source="/m.toml",
        pid=1,
        at=100.0,
        step="advice",
        session=session,
        clock=LiveClock(meeting=10.0, plan_minutes=60, advice=5.0, timebox_minutes=7),
    )
    assert running_clock(written, now=160.5) == LiveClock(
        meeting=70.5, plan_minutes=60, advice=65.5, timebox_minutes=7
    )
    assert running_clock(written, now=40.0) == LiveClock(
        meeting=10.0, plan_minutes=60, advice=5.0, timebox_minutes=7
    )
    stopped = written.model_copy(update={"clock": LiveClock(plan_minutes=45)})
    assert running_clock(stopped, now=500.0) == LiveClock(
        meeting=None, plan_minutes=45, advice=None, timebox_minutes=None
    )
    meeting = running_clock(written).meeting
    assert meeting is not None and meeting > 1_700_000_000  # seconds since 1970, not 100
