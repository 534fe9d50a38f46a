"""Version 1 → 2: every v1 field kept, an identity, sticky anonymity, the first meeting."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from inddrag.domain import storage
from inddrag.domain.content import ContentPack
from inddrag.domain.session import new_session
from tests.conftest import REPO
from tests.test_storage import assert_kept

Run = Callable[..., tuple[int, str, str]]
GOLDEN = REPO / "tests" / "golden"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def v1_copy(name: str = "session-da.toml", to: str = "møde.toml") -> Path:
    target = Path(to)
    target.write_bytes((GOLDEN / name).read_bytes())
    return target


@pytest.mark.parametrize("name", ["session-da.toml", "session-en.toml"])
def test_a_v1_file_opens_and_saves_as_v2_with_the_v1_file_beside_it(name: str) -> None:
    path = v1_copy(name)
    original = path.read_bytes()
    session = storage.load_session(path)
    assert path.read_bytes() == original  # loading never writes
    backup = storage.save_session(session, path)
    assert backup == Path("møde.v1.toml") and backup.read_bytes() == original
    written = tomllib.loads(path.read_text(encoding="utf-8"))
    assert written["version"] == 2
    assert_kept(tomllib.loads(original.decode("utf-8")), written)  # every v1 field kept
    assert written["meetings"] == [{"date": date(2026, 11, 26)}]
    assert written["session"]["anonymous"] is True  # one input without a name
    assert storage.load_session(path) == session
    assert storage.save_session(session, path) is None  # v2 now: no second copy


def test_the_v1_identity_is_the_same_every_time_it_is_read() -> None:
    path = v1_copy()
    first = storage.load_session(path).session.id
    assert first and storage.load_session(path).session.id == first
    other = v1_copy("session-en.toml", "other.toml")
    assert storage.load_session(other).session.id != first


def test_a_v1_file_without_anonymous_inputs_is_not_anonymous() -> None:
    text = (GOLDEN / "session-da.toml").read_text(encoding="utf-8")
    cut = text.index('[[inputs]]\nparticipant = ""')
    Path("navne.toml").write_text(text[:cut], encoding="utf-8")
    assert storage.load_session(Path("navne.toml")).session.anonymous is False


def test_new_sessions_get_a_random_identity_and_their_first_meeting(da_pack: ContentPack) -> None:
    one, two = new_session(da_pack), new_session(da_pack)
    assert one.session.id != two.session.id and len(one.session.id) == 36
    assert one.meetings[0].date == one.session.created.date()  # type: ignore[union-attr]
    assert one.meeting_date == one.meetings[0].date


def test_a_newer_version_is_refused_and_left_untouched(da_pack: ContentPack) -> None:
    path = Path("ny.toml")
    path.write_text('format = "inddrag-session"\nversion = 3\n', encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(storage.SaveError):
        storage.save_session(new_session(da_pack), path)
    assert path.read_bytes() == before


def test_check_reads_v1_and_v2(run_cli: Run, da_pack: ContentPack) -> None:
    v1_copy()
    storage.save_session(new_session(da_pack), Path("ny.toml"))
    code, out, _ = run_cli("check", "møde.toml", "ny.toml")
    assert code == 0
    assert [line[:2] for line in out.splitlines() if line.startswith("✓")] == ["✓ ", "✓ "]
    assert Path("møde.toml").read_bytes() == (GOLDEN / "session-da.toml").read_bytes()
