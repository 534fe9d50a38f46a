"""Hostile files and shared folders (issue 15, items 3, 4, 6, 7 and 8).

A co-worker sharing the folder (or the machine) plants links, special files, stale
recovery copies and loose folders; saving never harms a file inddrag does not own, and
keeps the owner, group, mode and hard links of the file it does. The shared-folder cases
run as two unprivileged users the test creates when it runs as root (as CI does); the
saving user is a forked child that drops to that user with ``setuid``.
"""

from __future__ import annotations

import contextlib
import errno
import grp
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from inddrag.cli import main
from inddrag.domain import atomic, recovery
from inddrag.domain.atomic import SaveError
from inddrag.domain.export.files import write_summary
from inddrag.domain.session import Session
from inddrag.domain.statedir import prepare_state_folder
from inddrag.domain.storage import load_session, save_session
from inddrag.ui import positions
from inddrag.ui.factory import build_app
from tests.ui_helpers import FIXTURE_DAY, meeting_file

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX links, modes and owners")
ROOT = os.name == "posix" and os.geteuid() == 0


def edited(path: Path, title: str = "Rettet") -> Session:
    session = load_session(path)
    session.session.title = title
    return session


def sentence_names(error: SaveError, name: str) -> None:
    for lang in ("da", "en"):
        text = error.sentence(lang)
        assert name in text and "\n" not in text


# --- item 3: saving re-checks the target --------------------------------------------------


@POSIX
def test_a_planted_link_to_another_file_is_never_written_through(tmp_path: Path) -> None:
    team = meeting_file(tmp_path)
    session = load_session(team)
    precious = tmp_path / "precious.txt"
    precious.write_text("mine\n")
    link = tmp_path / "team2.toml"
    link.symlink_to(precious)
    with pytest.raises(SaveError) as caught:
        save_session(session, link)
    assert caught.value.reason == "not_a_session"
    sentence_names(caught.value, "precious.txt")
    assert precious.read_text() == "mine\n" and link.is_symlink()


@POSIX
def test_a_recovered_source_that_is_not_a_session_is_not_overwritten(tmp_path: Path) -> None:
    """A planted recovery copy names ``victim_bashrc`` as its source: ctrl+s is refused."""
    victim = tmp_path / "victim_bashrc"
    victim.write_text("export PATH=/usr/bin\n")
    session = load_session(meeting_file(tmp_path))
    with pytest.raises(SaveError) as caught:
        save_session(session, victim)
    assert caught.value.reason == "not_a_session"
    assert victim.read_text() == "export PATH=/usr/bin\n"


@POSIX
def test_a_link_to_a_session_is_saved_through_and_a_dangling_one_refused(tmp_path: Path) -> None:
    team = meeting_file(tmp_path)
    link = tmp_path / "genvej.toml"
    link.symlink_to(team.name)
    save_session(edited(team), link)
    assert link.is_symlink() and load_session(team).session.title == "Rettet"
    dangling = tmp_path / "hul.toml"
    dangling.symlink_to(tmp_path / "findes-ikke" / "x.toml")
    with pytest.raises(SaveError) as caught:
        save_session(edited(team), dangling)
    assert caught.value.reason == "dangling_link"
    assert not (tmp_path / "findes-ikke").exists()


# --- item 7: exports never replace special files or sessions ------------------------------


@POSIX
def test_export_refuses_a_fifo_and_a_link_to_a_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    team = meeting_file(tmp_path)
    before = team.read_bytes()
    fifo = tmp_path / "rør.md"
    os.mkfifo(fifo)
    assert main(["export", team.name, "-o", fifo.name]) == 2
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    other = tmp_path / "anden.toml"
    other.write_bytes(before)
    link = tmp_path / "summary.md"
    link.symlink_to(other.name)
    assert main(["export", team.name, "-o", link.name]) == 2
    assert other.read_bytes() == before and link.is_symlink()
    err = capsys.readouterr().err
    assert "ikke er en almindelig fil" in err and "en inddrag-session" in err
    with pytest.raises(SaveError) as caught:
        # the app's export takes the same way
        write_summary(load_session(team), None, "da", "md", link)
    assert caught.value.reason == "is_a_session"
    out = tmp_path / "ud.md"
    assert main(["export", team.name, "-o", out.name]) == 0
    assert out.read_text(encoding="utf-8").startswith("# ")


# --- item 4: the state folder -------------------------------------------------------------


@POSIX
def test_the_state_folder_is_made_private_and_positions_are_0600(tmp_path: Path) -> None:
    state = tmp_path / "ny" / "state"
    assert prepare_state_folder(state) is None
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n")
    (state / positions.FILE_NAME).symlink_to(victim)  # planted before the folder was ours
    session_file = meeting_file(tmp_path)
    positions.remember(state, session_file, "roles", 2)
    assert victim.read_text() == "mine\n"
    written = state / positions.FILE_NAME
    assert not written.is_symlink() and stat.S_IMODE(written.stat().st_mode) == 0o600
    assert positions.recall(state, session_file) == ("roles", 2)
    assert not [p for p in state.iterdir() if atomic.TEMP_MARK in p.name]


@POSIX
@pytest.mark.parametrize("how", ["open_to_others", "not_owner"])
def test_a_state_folder_not_ours_alone_is_not_used(tmp_path: Path, how: str) -> None:
    state = tmp_path / "state"
    (state / "recovery").mkdir(parents=True, mode=0o700)
    planted = meeting_file(tmp_path)
    info = load_session(planted)
    header = recovery.RecoveryHeader(
        written=info.session.updated or info.session.created,  # type: ignore[arg-type]
        source=str(tmp_path / "victim_bashrc"),
        instance="999-planted",
    )
    (state / "recovery" / "recovery-999-planted.toml").write_text(
        recovery.dumps_recovery(info, header), encoding="utf-8"
    )
    assert recovery.find_recoveries(state)  # our own folder: offered
    if how == "open_to_others":
        os.chmod(state, 0o777)
    elif ROOT:
        os.chown(state, 54321, -1)
    else:
        pytest.skip("only root can give a folder to another user")
    saver = recovery.Autosaver(state)
    assert saver.refused is not None and saver.refused.reason == how
    for lang, words in (
        ("da", "Gendannelseskopier og projektorvisningen er slået fra"),
        ("en", "Recovery copies and the projector view are off"),
    ):
        text = saver.refused.sentence(lang)
        assert text.startswith(words) and str(state) in text and "\n" not in text
    assert recovery.find_recoveries(state) == []  # nothing planted there is offered
    saver.note_change(info, planted)
    assert not saver.flush() and saver.last_error is None
    assert not list((state / "recovery").glob(f"recovery-{saver.instance}*"))
    positions.remember(state, planted, "roles", 1)
    assert not (state / positions.FILE_NAME).exists()


@POSIX
def test_the_app_says_recovery_is_off_in_one_sentence(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    os.chmod(state, 0o777)
    app = build_app(file=meeting_file(tmp_path), state_dir=state, cwd=tmp_path, today=FIXTURE_DAY)
    assert app.files.recovery.refused is not None


@POSIX
def test_saved_sessions_keep_their_mode_and_new_ones_follow_the_umask(tmp_path: Path) -> None:
    team = meeting_file(tmp_path)
    os.chmod(team, 0o640)
    save_session(edited(team), team)
    assert stat.S_IMODE(team.stat().st_mode) == 0o640
    old = os.umask(0o027)
    atomic._umask_cache.clear()
    try:
        new = tmp_path / "ny.toml"
        save_session(edited(team), new)
        assert stat.S_IMODE(new.stat().st_mode) == 0o640
    finally:
        os.umask(old)
        atomic._umask_cache.clear()


# --- item 6: owner, group, mode and hard links ---------------------------------------------


@POSIX
def test_a_hard_link_sees_the_saved_session(tmp_path: Path) -> None:
    team = meeting_file(tmp_path)
    other = tmp_path / "kopi-link.toml"
    os.link(team, other)
    save_session(edited(team, "Gennem linket"), team)
    assert load_session(other).session.title == "Gennem linket"
    assert team.stat().st_ino == other.stat().st_ino and team.stat().st_nlink == 2
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def _run_as(user: pwd.struct_passwd, work: Callable[[], None]) -> None:
    """Run ``work`` in a forked child that is ``user`` (groups included); fail if it fails."""
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        code = 1
        try:
            os.setgroups(os.getgrouplist(user.pw_name, user.pw_gid))
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)
            work()
            code = 0
        except BaseException as exc:  # reported through the exit code
            with contextlib.suppress(Exception):
                os.write(2, f"as {user.pw_name}: {type(exc).__name__}: {exc}\n".encode())
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


@pytest.fixture
def two_users() -> Iterator[tuple[pwd.struct_passwd, pwd.struct_passwd, grp.struct_group]]:
    """Users A and B, both in group ``shared`` (created for the test, removed after)."""
    if not ROOT:
        pytest.skip("two users can only be created by root (CI runs the suite as root)")
    if shutil.which("useradd") is None or shutil.which("groupadd") is None:
        pytest.skip("useradd/groupadd are missing")
    tag = uuid.uuid4().hex[:6]
    group, a, b = f"indg{tag}", f"inda{tag}", f"indb{tag}"
    subprocess.run(["groupadd", group], check=True)
    try:
        for name in (a, b):
            subprocess.run(["useradd", "-M", "-N", "-G", group, name], check=True)
        yield pwd.getpwnam(a), pwd.getpwnam(b), grp.getgrnam(group)
    finally:
        for name in (a, b):
            subprocess.run(["userdel", name], check=False, capture_output=True)
        subprocess.run(["groupdel", group], check=False, capture_output=True)


def _shared_folder(a: pwd.struct_passwd, shared: grp.struct_group) -> Path:
    """A group folder (owner A, group shared, 2770) that both users can reach."""
    base = Path(tempfile.mkdtemp(prefix="inddrag-shared-", dir="/tmp"))
    os.chmod(base, 0o755)
    folder = base / "fælles"
    folder.mkdir()
    os.chown(folder, a.pw_uid, shared.gr_gid)
    os.chmod(folder, 0o2770)
    return folder


def test_a_save_by_a_group_member_keeps_owner_group_mode_and_links(
    two_users: tuple[pwd.struct_passwd, pwd.struct_passwd, grp.struct_group],
) -> None:
    a, b, shared = two_users
    folder = _shared_folder(a, shared)
    try:
        team = meeting_file(folder)
        linked = folder / "også.toml"
        os.link(team, linked)
        os.chown(team, a.pw_uid, shared.gr_gid)
        os.chmod(team, 0o660)
        session = edited(team, "Gemt af B")
        _run_as(b, lambda: save_session(session, team) and None)
        after = team.stat()
        assert (after.st_uid, after.st_gid) == (a.pw_uid, shared.gr_gid)
        assert stat.S_IMODE(after.st_mode) == 0o660
        assert load_session(linked).session.title == "Gemt af B"
        _run_as(a, lambda: load_session(team) and None)  # A can still read it
        os.unlink(linked)  # one link now: root saves by replacing, owner copied
        save_session(edited(team, "Gemt af root"), team)
        after = team.stat()
        assert (after.st_uid, after.st_gid) == (a.pw_uid, shared.gr_gid)
        assert stat.S_IMODE(after.st_mode) == 0o660
        assert load_session(team).session.title == "Gemt af root"
        assert not [p for p in folder.iterdir() if p.name.startswith(".")]
    finally:
        shutil.rmtree(folder.parent)


def test_a_save_never_replaces_a_file_the_user_may_not_write(
    two_users: tuple[pwd.struct_passwd, pwd.struct_passwd, grp.struct_group],
) -> None:
    """A's own file (0644) in the group folder: B gets one sentence, the file stays A's."""
    a, b, shared = two_users
    folder = _shared_folder(a, shared)
    try:
        team = meeting_file(folder)
        os.chown(team, a.pw_uid, shared.gr_gid)
        os.chmod(team, 0o644)
        before = team.read_bytes()
        session = edited(team, "B prøver")

        def attempt() -> None:
            try:
                save_session(session, team)
            except SaveError as exc:
                assert exc.reason == "no_access", exc.reason
                return
            raise AssertionError("B replaced A's file")

        _run_as(b, attempt)
        assert team.read_bytes() == before and team.stat().st_uid == a.pw_uid
    finally:
        shutil.rmtree(folder.parent)


# --- item 8: smaller losses ---------------------------------------------------------------


def _prep(folder: Path, name: str = "forb-x.toml") -> Path:
    from inddrag.domain import session as ops
    from inddrag.domain.content import bundled_pack_dir, load_pack

    pack = load_pack(bundled_pack_dir("da"))
    prep = ops.new_session(pack, "prep")
    prep.session.facilitator = "Xenia"
    path = folder / name
    save_session(prep, path)
    return path


def test_merge_refuses_an_output_that_is_one_of_the_preps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    team = meeting_file(tmp_path)
    prep = _prep(tmp_path)
    before = prep.read_bytes()
    assert main(["merge", team.name, prep.name, "-o", prep.name]) == 2
    assert prep.read_bytes() == before
    assert "oven i en af forberedelserne" in capsys.readouterr().err


def test_a_full_disk_leaves_no_half_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    team = meeting_file(tmp_path)
    prep = _prep(tmp_path)
    before = team.read_bytes()

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_fsync", full)
    assert main(["merge", team.name, prep.name]) == 2
    assert team.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["forb-x.toml", "møde.toml", "state"]
        if (tmp_path / "state").exists()
        else ["forb-x.toml", "møde.toml"]
    )
    assert "kunne ikke gemme en kopi" in capsys.readouterr().err


def test_opening_a_file_removes_the_temporary_copies_a_killed_save_left(tmp_path: Path) -> None:
    team = meeting_file(tmp_path)
    old = tmp_path / f"{atomic.temp_prefix(team.name)}abc123"
    young = tmp_path / f"{atomic.temp_prefix(team.name)}def456"
    other = tmp_path / f"{atomic.temp_prefix('andet.toml')}ghi789"
    for stray in (old, young, other):
        stray.write_text("noter, der ikke skulle ligge her")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    os.utime(other, (hour_ago, hour_ago))
    (tmp_path / "state").mkdir()
    build_app(file=team, state_dir=tmp_path / "state", cwd=tmp_path, today=FIXTURE_DAY)
    assert not old.exists()
    assert young.exists()  # may be a save in progress elsewhere
    assert other.exists()  # another file's: left to whoever opens that one


# --- item 9: one person, however the name is written; a long summary --------------------


def test_nfc_nfd_case_and_zero_width_variants_are_one_person() -> None:
    import unicodedata
    from datetime import UTC, datetime

    from inddrag.domain import session as ops
    from inddrag.domain.content import bundled_pack_dir, load_pack
    from inddrag.domain.merge import merge_preps

    pack = load_pack(bundled_pack_dir("da"))
    ids = [a.id for a in pack.advice]
    team = ops.new_session(pack, "team")
    spellings = [
        unicodedata.normalize("NFC", "Åse Sørensen"),
        unicodedata.normalize("NFD", "Åse Sørensen"),
        "åse  SØRENSEN",
        "Åse\u200b Sørensen\u2060",
    ]
    preps = []
    for number, name in enumerate(spellings):
        prep = ops.new_session(pack, "prep")
        prep.session.facilitator = name
        ops.set_priorities(prep, [ids[number]])
        preps.append((Path(f"forb-{number}.toml"), prep))
    when = datetime(2026, 11, 26, 10, tzinfo=UTC)
    first = merge_preps(team, preps[:1], anonymous=False, when=when, pack=pack)
    again = merge_preps(first.session, preps[1:], anonymous=False, when=when, pack=pack)
    assert len(again.session.inputs) == 1  # her ranking counts once, the latest
    assert again.session.inputs[0].order == [ids[3]]
    assert again.added == 0
    assert sum(p.code == "merge.same_person_twice" for p in again.warnings) == 2


async def test_a_summary_of_many_preparations_is_previewed_up_to_a_line(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from inddrag.domain.export import to_markdown
    from inddrag.domain.session import PrepInput
    from inddrag.ui.screens.summary import PREVIEW_LINES
    from tests.ui_helpers import screen_text, settle

    team = meeting_file(tmp_path)
    session = load_session(team)
    ids = [a.id for a in session.advice] or ["tid"]
    when = datetime(2026, 11, 26, 10, tzinfo=UTC)
    session.inputs = [
        PrepInput(
            participant=f"Deltager {n}", merged=when, order=ids[:2], notes={ids[0]: f"Note {n}"}
        )
        for n in range(PREVIEW_LINES)
    ]
    save_session(session, team)
    total = to_markdown(session, None, "da").count("\n") + 1
    assert total > PREVIEW_LINES
    (tmp_path / "state").mkdir()
    app = build_app(file=team, state_dir=tmp_path / "state", cwd=tmp_path, today=FIXTURE_DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        shown = " ".join(screen_text(app).split())
        assert "Forhåndsvisningen slutter her; hele referatet" in shown
