"""``domain/statedir.py``: where inddrag keeps its state and when it refuses the folder,
pinned down where mutation testing found the suite silent (docs/testing.md, "Mutation
testing"). Expected folders, modes and sentences are written out; each test says what it
guards.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from inddrag.domain.statedir import (
    StateRefused,
    prepare_state_folder,
    state_folder,
    untrusted,
)

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX modes and owners")


# -- where ------------------------------------------------------------------------------


def test_the_state_folder_given_comes_first_then_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder given wins over ``INDDRAG_STATE_DIR``, which wins over the platform's."""
    monkeypatch.setenv("INDDRAG_STATE_DIR", str(tmp_path / "env"))
    assert state_folder(tmp_path / "given") == tmp_path / "given"
    assert state_folder(str(tmp_path / "as-text")) == tmp_path / "as-text"  # type: ignore[arg-type]
    assert state_folder() == tmp_path / "env"


def test_without_the_variable_the_platforms_state_folder_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unset or empty: the platform's state folder for ``inddrag`` (on Linux under
    ``XDG_STATE_HOME``)."""
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("INDDRAG_STATE_DIR", "")
    assert state_folder() == tmp_path / "xdg" / "inddrag"
    monkeypatch.delenv("INDDRAG_STATE_DIR")
    assert state_folder() == tmp_path / "xdg" / "inddrag"


def test_on_windows_the_state_folder_has_no_author_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Windows: ``%LOCALAPPDATA%\\inddrag``, not ``…\\inddrag\\inddrag`` (platformdirs
    adds the app's name again as its author unless told not to)."""
    import platformdirs
    import platformdirs.windows

    local = "C:\\Users\\a\\AppData\\Local"
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", local)
    monkeypatch.delenv("INDDRAG_STATE_DIR", raising=False)
    assert state_folder() == Path(local) / "inddrag"


# -- sentences --------------------------------------------------------------------------


def test_a_refusal_says_which_folder_and_why_in_danish_by_default() -> None:
    """Both sentences name the folder (shown safely) and the reason, Danish unless asked."""
    refused = StateRefused(Path("/s\x1bt"), "open_to_others")
    assert refused.sentence() == (
        "Gendannelseskopier og projektorvisningen er slået fra: tilstandsmappen /s␛t kan "
        "skrives i af andre brugere. inddrag virker stadig, men ikke-gemt arbejde bevares "
        "ikke, hvis det stopper."
    )
    assert refused.live_sentence() == (
        "Projektorvisningen kan ikke følge mødelederen: tilstandsmappen /s␛t kan skrives i "
        "af andre brugere."
    )
    other = StateRefused(Path("/s"), "not_owner")
    assert other.sentence("en") == (
        "Recovery copies and the projector view are off: the state folder /s belongs to "
        "another user. inddrag works on, but unsaved work is not kept if it stops."
    )
    assert other.live_sentence("en") == (
        "The projector view cannot follow the meeting leader: the state folder /s belongs "
        "to another user."
    )


# -- trust ------------------------------------------------------------------------------


def test_what_cannot_be_looked_at_or_is_no_folder_is_not_refused(tmp_path: Path) -> None:
    """A missing folder or a file: nothing to refuse here (writing fails on its own)."""
    assert untrusted(tmp_path / "nej") is None
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    assert untrusted(tmp_path / "fil") is None


@POSIX
def test_a_folder_open_to_others_or_of_another_user_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Group- or other-writable: ``open_to_others``; someone else's: ``not_owner``."""
    folder = tmp_path / "state"
    folder.mkdir(mode=0o700)
    os.chmod(folder, 0o700)
    assert untrusted(folder) is None
    os.chmod(folder, 0o720)
    assert untrusted(folder) == StateRefused(folder, "open_to_others")
    os.chmod(folder, 0o700)
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(folder).st_uid + 1)
    assert untrusted(folder) == StateRefused(folder, "not_owner")


@POSIX
def test_a_missing_state_folder_is_made_private_past_the_umask(tmp_path: Path) -> None:
    """Made with its parents, each 0700 even where the umask would take the owner's bits
    (``mkdir`` gives the parents it makes the default mode); a folder above that was
    there already is left as it was."""
    folder = tmp_path / "a" / "state"
    before = stat.S_IMODE(tmp_path.stat().st_mode)
    old = os.umask(0o277)
    try:
        assert prepare_state_folder(folder) is None
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
    assert stat.S_IMODE(tmp_path.stat().st_mode) == before


@POSIX
def test_an_existing_state_folder_is_left_as_it_is(tmp_path: Path) -> None:
    """A folder already there is not chmodded: 0755 is ours alone and stays 0755."""
    folder = tmp_path / "state"
    folder.mkdir()
    os.chmod(folder, 0o755)
    assert prepare_state_folder(folder) is None
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755


@POSIX
def test_a_recovery_folder_inside_is_held_to_the_same_rule(tmp_path: Path) -> None:
    """The folder itself is refused first; else an open ``recovery`` folder inside is."""
    folder = tmp_path / "state"
    (folder / "recovery").mkdir(parents=True)
    os.chmod(folder, 0o700)
    os.chmod(folder / "recovery", 0o700)
    assert prepare_state_folder(folder) is None
    os.chmod(folder / "recovery", 0o777)
    assert prepare_state_folder(folder) == StateRefused(folder / "recovery", "open_to_others")
    os.chmod(folder, 0o777)
    assert prepare_state_folder(folder) == StateRefused(folder, "open_to_others")


def test_a_state_folder_that_cannot_be_made_is_no_error_here(tmp_path: Path) -> None:
    """Its parent is a file: nothing is made and nothing refused (writing there fails with
    its own sentence later), no exception."""
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    assert prepare_state_folder(tmp_path / "fil" / "state") is None
    assert (tmp_path / "fil").read_text(encoding="utf-8") == "x"
