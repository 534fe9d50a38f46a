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
    live_key,
    live_paths,
    live_refused,
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


def test_one_publisher_at_a_time_and_only_when_the_signature_changed(
    state: Path, source: Path, session: Session
) -> None:
    """Guards ``Publisher``: it writes only while it holds the lock (a second window on the
    same file stays quiet until the first closes), only when the signature changed (but
    always for ``None``), the view readable by the user only in a folder of the user's
    only; ``close`` removes the view and releases the lock."""
    first, second = Publisher(state), Publisher(state)
    view_path, lock_path = live_paths(source, state)
    try:
        assert first.holding is False and first.writes == 0
        assert first.publish(source, 1, lambda: view(source, session)) is True
        assert (first.holding, first.writes) == (True, 1)
        assert os.stat(view_path).st_mode & 0o777 == 0o600
        assert os.stat(view_path.parent).st_mode & 0o777 == 0o700
        assert first.publish(source, 1, lambda: view(source, session, "roles")) is False
        assert first.writes == 1
        assert LiveView.model_validate_json(view_path.read_bytes()).step == "advice"
        assert first.publish(source, None, lambda: view(source, session)) is True
        assert first.publish(source, None, lambda: view(source, session)) is True
        assert first.writes == 3
        assert second.publish(source, 2, lambda: view(source, session, "roles")) is False
        assert (second.holding, second.writes) == (False, 0)
        first.close()
        assert first.holding is False
        assert not view_path.exists()
        assert leader_running(lock_path) is False
        assert second.publish(source, 2, lambda: view(source, session, "roles")) is True
        assert LiveView.model_validate_json(view_path.read_bytes()).step == "roles"
    finally:
        first.close()
        second.close()


def test_a_view_that_cannot_be_built_is_skipped_and_tried_again(
    state: Path, source: Path, session: Session
) -> None:
    """Guards ``publish``'s error path: a build that fails writes nothing and keeps no
    signature, so the same signature is written once it builds."""

    def broken() -> LiveView:
        raise ValueError("not now")

    publisher = Publisher(state)
    try:
        assert publisher.publish(source, 1, broken) is False
        assert publisher.writes == 0
        assert publisher.publish(source, 1, lambda: view(source, session)) is True
        assert publisher.writes == 1
    finally:
        publisher.close()


def test_publishing_another_file_leaves_the_first(
    tmp_path: Path, state: Path, source: Path, session: Session
) -> None:
    """Guards the switch of source in ``publish``: the first file's view goes and its lock
    is released, the new one is written."""
    other = tmp_path / "andet.toml"
    publisher = Publisher(state)
    try:
        assert publisher.publish(source, 1, lambda: view(source, session)) is True
        assert publisher.publish(other, 1, lambda: view(other, session)) is True
        assert publisher.source == other and publisher.writes == 2
        first_view, first_lock = live_paths(source, state)
        assert not first_view.exists()
        assert leader_running(first_lock) is False
        assert leader_running(live_paths(other, state)[1]) is True
    finally:
        publisher.close()


def test_a_live_folder_open_to_others_is_refused(state: Path) -> None:
    """Guards ``live_refused``: a trusted state folder without a live folder may be used;
    a live folder others may write in is refused, named with its reason."""
    assert live_refused(state) is None
    inner = state / "live"
    inner.mkdir(mode=0o700)
    assert live_refused(state) is None
    os.chmod(inner, 0o777)
    refused = live_refused(state)
    assert refused is not None
    assert (refused.folder, refused.reason) == (inner, "open_to_others")


def test_the_channel_is_named_by_24_hex_digits(state: Path, source: Path) -> None:
    """Guards the key's length: both sides name the files by 24 hex digits of the hash."""
    key = live_key(source)
    assert len(key) == 24 and set(key) <= set("0123456789abcdef")
    folder = state / "live"
    assert live_paths(source, state) == (folder / f"{key}.json", folder / f"{key}.lock")


def test_a_live_folder_that_is_a_link_is_named_with_its_reason(tmp_path: Path, state: Path) -> None:
    """Guards the refusal of a ``live`` link: the link itself is named, reason
    ``is_a_link``."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (state / "live").symlink_to(elsewhere)
    refused = live_refused(state)
    assert refused is not None
    assert (refused.folder, refused.reason) == (state / "live", "is_a_link")


def test_a_publisher_makes_a_missing_state_folder(
    tmp_path: Path, source: Path, session: Session
) -> None:
    """Guards ``make_private_folder``: a state folder not made yet is made with its
    ``live`` folder when the leader first publishes, each folder made 0700 (not listable
    by other users), the one above them left as it was."""
    before = os.stat(tmp_path).st_mode & 0o777
    state = tmp_path / "not" / "yet"
    publisher = Publisher(state)
    try:
        assert publisher.publish(source, 1, lambda: view(source, session)) is True
        modes = [os.stat(p).st_mode & 0o777 for p in (state / "live", state, state.parent)]
        assert modes == [0o700, 0o700, 0o700]
        assert os.stat(tmp_path).st_mode & 0o777 == before
    finally:
        publisher.close()


def test_a_lock_planted_as_a_link_is_not_taken(
    tmp_path: Path, state: Path, source: Path, session: Session
) -> None:
    """Guards ``follow_links=False`` for the leader's lock: a link planted where the lock
    goes is not followed, and nothing is published."""
    _, lock_path = live_paths(source, state)
    lock_path.parent.mkdir(mode=0o700)
    target = tmp_path / "target.lock"
    target.write_bytes(b"")
    lock_path.symlink_to(target)
    publisher = Publisher(state)
    try:
        assert publisher.publish(source, 1, lambda: view(source, session)) is False
        assert publisher.holding is False
    finally:
        publisher.close()


def test_after_close_the_same_signature_is_written_again(
    state: Path, source: Path, session: Session
) -> None:
    """Guards ``close`` forgetting the signature: publishing again after a close writes,
    whatever the signature (an empty one too)."""
    publisher = Publisher(state)
    try:
        assert publisher.publish(source, "", lambda: view(source, session)) is True
        publisher.close()
        assert publisher.publish(source, "", lambda: view(source, session)) is True
        assert publisher.writes == 2
    finally:
        publisher.close()


def test_a_leader_publishes_nothing_into_a_state_folder_others_may_write_in(
    state: Path, source: Path, session: Session
) -> None:
    """Guards ``_hold``'s ``return False`` on a refused folder: once the state folder is
    open to others (0777), the leader's notes are not written there, though the live
    folder is there from an earlier meeting, and no lock is held."""
    first = Publisher(state)
    assert first.publish(source, 1, lambda: view(source, session))
    first.close()
    assert [p.suffix for p in (state / "live").iterdir()] == [".lock"]
    os.chmod(state, 0o777)
    publisher = Publisher(state)
    try:
        assert publisher.publish(source, 2, lambda: view(source, session)) is False
        assert (publisher.writes, publisher.holding) == (0, False)
        assert [p.suffix for p in (state / "live").iterdir()] == [".lock"]
    finally:
        os.chmod(state, 0o700)
        publisher.close()
