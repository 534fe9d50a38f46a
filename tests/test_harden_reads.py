"""Issue 22, item 3: every file the program reads goes through one bounded,
non-blocking, regular-file-only open (:mod:`inddrag.domain.readfile`).

A FIFO, a link to ``/dev/zero``, a device or a socket put where inddrag expects a file
(a session, a prep, a pack, a lock ``.~lock.NAME#``, the live view and lock, the
settings, the reading positions, a recovery copy, the file watcher's look at the open
file) is refused at once with one sentence or counted as "none there": never a hang,
never gigabytes of memory. Commands run as subprocesses with a timeout as a hang guard.
"""

from __future__ import annotations

import ast
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from inddrag.domain import filelock, live, recovery
from inddrag.domain.errors import FileProblems
from inddrag.domain.readfile import LOCK_LIMIT, FileRefused, read_bounded
from inddrag.domain.storage import file_version, load_session
from inddrag.ui import positions
from inddrag.ui.state import FileIdentity
from tests.ui_helpers import meeting_file

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and sockets")

SRC = Path(__file__).resolve().parents[1] / "src" / "inddrag"

ALLOWED = {
    ("domain/readfile.py", "open_regular"): "the one open",
    ("domain/readfile.py", "read_with_stat"): "reads the descriptor open_regular gave",
    ("domain/platform.py", "sync_folder"): "opens a folder to sync it, reads nothing",
    ("domain/atomic.py", "_write_temp"): "writes a new temporary file",
    ("domain/atomic.py", "_write_in_place"): "rereads the file it overwrites, same inode",
    ("domain/filelock.py", "acquire"): "writes our own lock (O_EXCL temporary file)",
    ("tomlcache.py", "build_cache"): "the package's own i18n files, at build time",
    ("tomlcache.py", "load_cached"): "the package's own i18n files and their cache",
    ("cli/serve.py", "offline_templates"): "textual-serve's own page, installed with it",
}
"""Where a file is opened or read other than through readfile, and why that is fine."""

READS = {"open", "read_text", "read_bytes", "fdopen"}
LOADS = {"json", "tomllib", "marshal", "pickle"}
"""``json.load(handle)`` and the like read a file too (``loads`` of bytes does not)."""


def _reads_in(tree: ast.AST) -> list[tuple[str, int, str]]:
    """``(function, line, call)`` for every call that opens or reads a file."""
    found: list[tuple[str, int, str]] = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            name = function
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = child.name
            if isinstance(child, ast.Call):
                func = child.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                owner = getattr(func, "value", None)
                if called in READS or (called == "load" and getattr(owner, "id", "") in LOADS):
                    found.append((name, child.lineno, called))
            visit(child, name)

    visit(tree, "")
    return found


@pytest.mark.source_rules
def test_no_file_is_read_but_through_the_one_function() -> None:
    stray = []
    for path in sorted(SRC.rglob("*.py")):
        module = path.relative_to(SRC).as_posix()
        for function, line, called in _reads_in(ast.parse(path.read_text(encoding="utf-8"))):
            if (module, function) not in ALLOWED:
                stray.append(f"{module}:{line}: {function}() calls {called}(")
    assert stray == []


@pytest.mark.source_rules
def test_the_allowed_places_still_exist() -> None:
    for module, function in ALLOWED:
        tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
        names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert function in names, (module, function)


# --- the function -------------------------------------------------------------------------


def specials(folder: Path) -> dict[str, Path]:
    """A FIFO, a link to /dev/zero, a device, a socket and a folder."""
    fifo = folder / "fifo"
    os.mkfifo(fifo)
    zero = folder / "zero"
    zero.symlink_to("/dev/zero")
    sock = folder / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock))
    server.close()
    dir_ = folder / "dir"
    dir_.mkdir()
    return {"fifo": fifo, "zero": zero, "null": Path("/dev/null"), "sock": sock, "dir": dir_}


def test_special_files_are_refused_at_once(tmp_path: Path) -> None:
    for kind, path in specials(tmp_path).items():
        with pytest.raises(OSError) as caught:
            read_bounded(path)
        if kind == "dir":
            assert isinstance(caught.value, IsADirectoryError)
        else:
            assert isinstance(caught.value, FileRefused) and caught.value.reason == "not_regular"


def test_a_link_is_refused_where_none_is_expected_and_size_is_capped(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.write_bytes(b"x" * (LOCK_LIMIT + 1))
    link = tmp_path / "link"
    link.symlink_to(real)
    with pytest.raises(FileRefused) as caught:
        read_bounded(link, follow_links=False)
    assert caught.value.reason == "link"
    with pytest.raises(FileRefused) as caught:
        read_bounded(real, LOCK_LIMIT)
    assert caught.value.reason == "too_large"
    assert read_bounded(real, LOCK_LIMIT + 1) == b"x" * (LOCK_LIMIT + 1)


# --- every file the program reads ---------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "zero", "null", "sock"])
def test_a_session_or_prep_that_is_special_is_one_sentence(tmp_path: Path, kind: str) -> None:
    path = specials(tmp_path)[kind]
    with pytest.raises(FileProblems) as caught:
        load_session(path)
    assert caught.value.render("en") == (
        f"{path}: this is not an ordinary file (it is a pipe, a device or a socket), "
        "so it is not read"
    )
    assert file_version(path) is None


def test_a_session_over_the_limit_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "stor.toml"
    with path.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: no disk used
    with pytest.raises(FileProblems) as caught:
        load_session(path)
    assert caught.value.render("en") == (
        f"{path}: the file is larger than 20 MB, the most an inddrag file may be"
    )


@pytest.mark.parametrize("kind", ["fifo", "zero", "sock"])
def test_locks_positions_live_files_and_recovery_copies_that_are_special(
    tmp_path: Path, kind: str
) -> None:
    source = meeting_file(tmp_path)
    special = specials(tmp_path)[kind]
    lock = filelock.lock_path(source)
    lock.symlink_to(special) if kind != "fifo" else os.mkfifo(lock)
    assert filelock.read_lock(source) is None and filelock.holder(source) is None
    state = tmp_path / "state"
    (state / "live").mkdir(parents=True, mode=0o700)
    os.chmod(state, 0o700)
    view, live_lock = live.live_paths(source, state)
    os.mkfifo(live_lock) if kind == "fifo" else live_lock.symlink_to(special)
    os.mkfifo(view) if kind == "fifo" else view.symlink_to(special)
    assert live.leader_running(live_lock) is False
    follower = live.Follower(source, state)
    assert follower._read() is None and follower.poll().view is None
    os.mkfifo(state / positions.FILE_NAME) if kind == "fifo" else (
        state / positions.FILE_NAME
    ).symlink_to(special)
    assert positions.recall(state, source) is None
    (state / "recovery").mkdir(mode=0o700)
    copy = state / "recovery" / "recovery-1-x.toml"
    os.mkfifo(copy) if kind == "fifo" else copy.symlink_to(special)
    with pytest.raises(FileProblems):
        recovery.read_recovery(copy)
    assert FileIdentity.of(special) is None  # the watcher's look at a replaced file


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "inddrag", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=90,  # a hang guard: a FIFO once hung merge here for ever
        stdin=subprocess.DEVNULL,
        env={**os.environ, "INDDRAG_LANG": "en", **env},
    )


def test_merge_with_a_fifo_lock_and_a_zero_lock_finishes(tmp_path: Path) -> None:
    from inddrag.domain.content import bundled_pack_dir, load_pack
    from inddrag.domain.session import new_session
    from inddrag.domain.storage import save_session

    team = meeting_file(tmp_path)
    prep = tmp_path / "p.toml"
    one = new_session(load_pack(bundled_pack_dir("da")), "prep")
    one.session.facilitator = "Bo"
    save_session(one, prep)
    os.mkfifo(filelock.lock_path(team))
    done = run(["merge", team.name, prep.name], tmp_path, INDDRAG_STATE_DIR=str(tmp_path / "s"))
    assert done.returncode == 0, done.stderr
    assert "Wrote" in done.stdout or "wrote" in done.stdout
    filelock.lock_path(team).unlink()
    filelock.lock_path(team).symlink_to("/dev/zero")
    done = run(["merge", team.name, prep.name], tmp_path, INDDRAG_STATE_DIR=str(tmp_path / "s"))
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("command", ["check", "export", "present", "the app"])
def test_commands_on_a_fifo_say_so_and_exit_2(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "møde.toml"
    os.mkfifo(fifo)
    args = [fifo.name] if command == "the app" else [command, fifo.name]
    done = run(args, tmp_path, INDDRAG_STATE_DIR=str(tmp_path / "s"))
    assert done.returncode == 2
    assert "møde.toml: this is not an ordinary file (it is a pipe, a device or a socket)" in (
        done.stderr + done.stdout
    )
    assert "Traceback" not in done.stderr


def test_a_pack_file_that_is_a_link_to_dev_zero(tmp_path: Path) -> None:
    from inddrag.domain.content import bundled_pack_dir

    pack = tmp_path / "pakke"
    pack.mkdir()
    (pack / "advice.toml").symlink_to("/dev/zero")
    (pack / "roles.toml").write_bytes((bundled_pack_dir("da") / "roles.toml").read_bytes())
    done = run(["check", "pakke"], tmp_path)
    assert done.returncode == 2
    assert "advice.toml: this is not an ordinary file" in done.stdout + done.stderr


def test_settings_that_are_a_fifo_are_ignored(tmp_path: Path) -> None:
    from inddrag.domain.settings import read_settings

    fifo = tmp_path / "settings.toml"
    os.mkfifo(fifo)
    _settings, sentence = read_settings("en", fifo)
    assert sentence is not None and "not an ordinary file" in sentence


# --- issue 22, item 11: a stated limit on the roles table ---------------------------------


def test_a_roles_table_of_100000_rows_is_one_sentence(tmp_path: Path) -> None:
    source = meeting_file(tmp_path)
    text = source.read_text(encoding="utf-8")
    rows = "".join(f'[[roles.rows]]\nid = "r{n}"\nname = "Rolle {n}"\n\n' for n in range(100_000))
    big = tmp_path / "stor.toml"
    big.write_text(text + "\n" + rows, encoding="utf-8")
    done = run(["check", big.name], tmp_path)
    assert done.returncode == 2
    lines = (done.stdout + done.stderr).strip().splitlines()
    assert any(
        line.startswith("stor.toml:")
        and line.endswith(
            "roles.rows: the roles table has 100006 rows; inddrag reads at most 1000 rows"
        )
        for line in lines
    ), lines


def test_a_packs_cover_that_is_a_fifo_is_none(tmp_path: Path) -> None:
    from inddrag.domain.packs import read_cover

    pack = tmp_path / "pakke"
    pack.mkdir()
    os.mkfifo(pack / "advice.toml")
    assert read_cover(pack) is None
