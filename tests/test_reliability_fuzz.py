"""Bad input: random bytes and mutated valid files into every loader.

Packs, sessions, recovery files and the command line get random bytes, valid files with
bytes or lines broken, and valid files with their data changed (wrong types, absurd
values, keys missing or unknown). Only our own error type (:class:`FileProblems`) may ever
escape a loader, and the command line never prints a traceback or fails "unexpectedly"
(exit 1): it says what is wrong and exits 2, or does its work and exits 0.

``HYPOTHESIS_PROFILE=ci`` (CI) runs 1,000 examples per property; the default profile 100.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import string
import tomllib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import tests.hypothesis_profiles  # noqa: F401  (loads the profile)
from inddrag.cli import main
from inddrag.domain import atomic, check, packs, recovery, storage
from inddrag.domain.content import bundled_pack_dir, load_pack
from inddrag.domain.errors import FileProblems
from inddrag.domain.safe_text import visible
from tests.conftest import REPO

# Fixtures are shared by every example of a property, which is what we want here: each
# example writes its own fresh files under a fresh name.
SHARED = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])

GOLDEN = REPO / "tests" / "golden"
SESSION_FILES = [GOLDEN / "session-da.toml", GOLDEN / "session-en.toml"]
PACK_FILES = {
    lang: {
        name: (bundled_pack_dir(lang) / name).read_bytes() for name in ("advice.toml", "roles.toml")
    }
    for lang in ("da", "en")
}


def _recovery_text() -> bytes:
    session = storage.load_session(SESSION_FILES[0])
    header = recovery.RecoveryHeader(
        written=datetime(2026, 11, 26, 11, 40, 12, tzinfo=timezone(timedelta(hours=1))),
        source="/home/anna/møde.toml",
        title=session.session.title,
        instance="4242-abcdef12",
        pid=4242,
    )
    return atomic.encode_text(recovery.dumps_recovery(session, header))


def _prep_text() -> bytes:
    session = storage.load_session(SESSION_FILES[0])
    session.session.kind = "prep"
    session.inputs = []
    return atomic.encode_text(storage.dumps_session(session))


SESSIONS = [p.read_bytes() for p in SESSION_FILES]
RECOVERY = _recovery_text()
PREP = _prep_text()

# --- strategies --------------------------------------------------------------------------

_WORDS = """
[ ] [[ ]] { } = , . " ' \"\"\" ''' \\ \\u \\U0010FFFF \\uD800 # true false 0 -1 +1 1_000 0x10 0o7
0b1 99999999999999999999999 -9223372036854775809 1e400 -0.0 nan inf 1979-05-27 07:32:00
1979-05-27T07:32:00 0001-01-01T00:00:00+23:59 9999-12-31T23:59:59-23:59 "" [] {} format
version inddrag-session kind team prep title created updated participants id votes notes
order row_header columns rows cells participant merged recovery written instance source pid
pack language advice [session] [content] [[advice]] [priorities] [roles] [[roles.columns]]
[[roles.rows]] [roles.rows.cells] [[inputs]] [inputs.notes] [recovery] [info] [template]
[[roles]] æøå 🎉
"""
TOKENS = [word.encode() for word in _WORDS.split()] + [
    b"\n",
    b"\r",
    b"\r\n",
    b"\t",
    b" ",
    b"\x00",
    b"\x7f",
    b"\xff",
    b"\xc3",
    b"\xef\xbb\xbf",
    b"version = 2",
    b"version = 0",
    b'format = "x"',
    b"a.b.c = 1",
    b"1979-05-27 07:32:00Z",
]
"""Pieces of TOML and of our formats, spliced in anywhere."""


@st.composite
def mutated(draw: st.DrawFn, bases: list[bytes]) -> bytes:
    """A valid file with one to five things broken: bytes, tokens, whole lines."""
    data = bytearray(draw(st.sampled_from(bases)))
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        op = draw(
            st.sampled_from(
                [
                    "delete",
                    "insert",
                    "token",
                    "flip",
                    "truncate",
                    "dup_line",
                    "drop_line",
                    "swap_lines",
                    "nest",
                ]
            )
        )
        at = draw(st.integers(min_value=0, max_value=len(data)))
        if op == "delete":
            del data[at : at + draw(st.integers(min_value=1, max_value=40))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=20))
        elif op == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif op == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(min_value=0, max_value=7))
        elif op == "truncate":
            del data[at:]
        elif op == "nest":
            depth = draw(st.integers(min_value=1, max_value=3000))
            data[at:at] = b"x = " + b"[" * depth + b"]" * depth + b"\n"
        else:
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            if op == "dup_line":
                lines.insert(j, lines[i])
            elif op == "drop_line":
                del lines[i]
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def _offsets() -> st.SearchStrategy[timezone]:
    minutes = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59)
    return minutes.map(lambda m: timezone(timedelta(minutes=m)))


TOML_SCALARS: st.SearchStrategy[Any] = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["", "team", "prep", "inddrag-session", "ti-gode-raad", "da", "x" * 5000]),
    st.datetimes(
        min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=_offsets()
    ).map(lambda d: d.replace(microsecond=0)),
    st.datetimes(min_value=datetime(1, 1, 1)).map(lambda d: d.replace(microsecond=0)),
    st.dates(min_value=date(1, 1, 1)),
    st.times().map(lambda t: t.replace(microsecond=0)),
)
TOML_VALUES: st.SearchStrategy[Any] = st.recursive(
    TOML_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(string.ascii_lowercase + "_-", min_size=1, max_size=8), inner, max_size=4
        )
    ),
    max_leaves=8,
)


def _paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a TOML document that holds a value."""
    found = [here] if here else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*here, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*here, index))
    return found


@st.composite
def changed_data(draw: st.DrawFn, bases: list[bytes]) -> bytes:
    """A valid file with values of the wrong type, absurd values, keys removed or added."""
    data = tomllib.loads(draw(st.sampled_from(bases)).decode("utf-8-sig"))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        places = _paths(data)
        if not places:
            break  # everything was deleted already: an empty file is a change too
        place = draw(st.sampled_from(places))
        parent: Any = data
        for part in place[:-1]:
            parent = parent[part]
        last = place[-1]
        op = draw(st.sampled_from(["replace", "replace", "delete", "add", "empty"]))
        if op == "replace":
            parent[last] = draw(TOML_VALUES)
        elif op == "delete":
            del parent[last]
        elif op == "empty":
            parent[last] = type(parent[last])() if isinstance(parent[last], list | dict) else ""
        else:
            target = parent[last] if isinstance(parent[last], dict) else parent
            if isinstance(target, dict):
                key = draw(st.sampled_from(["ukendt", "id", "notes", "votes", "kind", "x y"]))
                target[key] = draw(TOML_VALUES)
            else:
                target.append(draw(TOML_VALUES))
    return tomli_w.dumps(data).encode()


def hostile(bases: list[bytes]) -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=3000), mutated(bases), changed_data(bases))


# --- helpers -----------------------------------------------------------------------------


class Files:
    """Fresh file names in one folder shared by all examples of a test."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def new_dir(self) -> Path:
        self.count += 1
        path = self.folder / f"e{self.count}"
        path.mkdir()
        return path

    def write(self, name: str, raw: bytes) -> Path:
        path = self.new_dir() / name
        path.write_bytes(raw)
        return path


@pytest.fixture
def files(tmp_path: Path) -> Files:
    return Files(tmp_path)


def only_our_error(call: Any, *args: Any) -> Any:
    """Run a loader: it returns, or raises FileProblems with a readable sentence per problem."""
    try:
        return call(*args)
    except FileProblems as exc:
        assert exc.problems, "FileProblems without a problem"
        assert exc.errors, "refused with warnings only"
        for lang in ("da", "en"):
            text = exc.render(lang)
            assert "Traceback" not in text
            lines = text.split("\n")
            assert len(lines) == len(exc.problems), "one line per problem"
            for line, problem in zip(lines, exc.problems, strict=True):
                # file[:line]: [key: ]a sentence, in that order, naming the file given
                assert problem.file and line.startswith(problem.file), line
                head = problem.file + (f":{problem.line}" if problem.line is not None else "")
                assert line.startswith(head + ": "), line
                if problem.key:
                    assert line.startswith(f"{head}: {problem.key}: "), line
                sentence = visible(problem.sentence(lang))  # as render shows it: never raw
                assert sentence.strip() and line.endswith(sentence), line
                assert problem.line is None or problem.line >= 1
        if args and isinstance(args[0], Path) and args[0].exists():
            given_path = args[0].resolve()  # the file given, or a file in the folder given
            for p in exc.problems:
                named = Path(p.file).resolve()
                assert named == given_path or named.is_relative_to(given_path), p.file
        return None


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


# --- sessions ----------------------------------------------------------------------------


@SHARED
@given(raw=hostile(SESSIONS))
@example(raw=b"")
@example(raw=b"\xef\xbb\xbf")
@example(raw=b'format = "inddrag-session"\nversion = 1\n')
@example(raw=b"x = " + b"[" * 5000 + b"]" * 5000)
def test_session_loader_raises_only_file_problems(files: Files, raw: bytes) -> None:
    path = files.write("møde.toml", raw)
    session = only_our_error(storage.load_session, path)
    assert path.read_bytes() == raw  # loading never touches the file
    if session is not None:
        # What loads can be saved and loads again as the same session.
        again = files.write("igen.toml", b"")
        storage.save_session(session, again)
        assert storage.load_session(again) == session


@SHARED
@given(raw=hostile(SESSIONS))
def test_session_text_loader_and_warnings(raw: bytes) -> None:
    session = only_our_error(storage.load_session_text, Path("møde.toml"), raw)
    if session is not None:
        pack = packs.bundled_pack_for(session) or load_pack(bundled_pack_dir("da"))
        for problem in check.session_warnings(session, pack, Path("møde.toml")):
            assert problem.severity == "warning" and problem.render("da")


# --- recovery files ----------------------------------------------------------------------


@SHARED
@given(raw=hostile([RECOVERY]))
@example(raw=RECOVERY.replace(b"[recovery]", b"[recovery.x]"))
@example(raw=RECOVERY.replace(b"version = 1", b"version = 2", 1))
@example(raw=RECOVERY.replace(b'instance = "4242-abcdef12"', b'instance = ""'))
def test_recovery_files_are_read_or_set_aside(files: Files, raw: bytes) -> None:
    state = files.new_dir()
    folder = state / "recovery"
    folder.mkdir()
    path = folder / "recovery-1-deadbeef.toml"
    path.write_bytes(raw)
    info = only_our_error(recovery.read_recovery, path)
    try:
        recovery.read_recovery(path)
        newer = False
    except FileProblems as exc:
        newer = any(p.code == "storage.newer_version" for p in exc.problems)
    scan = recovery.scan_recoveries(state)  # never raises
    if newer:
        # A newer inddrag's copy: neither offered nor moved, left for that version.
        assert scan.found == [] and scan.set_aside == []
        assert path.read_bytes() == raw
    elif info is None:
        assert scan.found == []
        assert [a.original for a in scan.set_aside] == [path]
        assert not path.exists()  # renamed, so it is not offered again
        moved = scan.set_aside[0].moved_to
        assert moved is not None and moved.read_bytes() == raw
        assert scan.set_aside[0].render("da")
    else:
        assert [found.path for found in scan.found] == [path]
        found = scan.found[0]
        assert found.describe("da") and found.describe("en")
        assert found.session == info.session
        shutil.rmtree(state)


# --- content packs -----------------------------------------------------------------------


@SHARED
@given(
    lang=st.sampled_from(["da", "en"]),
    which=st.sampled_from(["advice.toml", "roles.toml"]),
    data=st.data(),
)
def test_pack_loader_raises_only_file_problems(
    files: Files, lang: str, which: str, data: st.DataObject
) -> None:
    originals = PACK_FILES[lang]
    folder = files.new_dir()
    for name, raw in originals.items():
        (folder / name).write_bytes(raw)
    broken = data.draw(hostile([originals[which]]), label=which)
    (folder / which).write_bytes(broken)
    pack = only_our_error(load_pack, folder)
    if pack is not None:
        assert pack.advice and pack.info.title


def test_a_pack_with_a_file_missing_or_a_folder_for_a_file(tmp_path: Path) -> None:
    for name in ("advice.toml", "roles.toml"):
        folder = tmp_path / name.split(".")[0]
        shutil.copytree(bundled_pack_dir("da"), folder)
        (folder / name).unlink()
        assert only_our_error(load_pack, folder) is None
        (folder / name).mkdir()
        assert only_our_error(load_pack, folder) is None


# --- the command line --------------------------------------------------------------------


def _assert_clean(code: int, out: str, err: str, *, ok: bool | None = None) -> None:
    assert code in (0, 2), f"exit {code}: {err}"
    assert "Traceback" not in out + err
    if code == 2:
        assert (out + err).strip(), "exit 2 without saying why"
    if ok is not None:
        assert (code == 0) == ok, err


@SHARED
@given(raw=hostile(SESSIONS))
def test_cli_check_and_export_never_print_a_traceback(files: Files, raw: bytes) -> None:
    path = files.write("møde.toml", raw)
    loads = only_our_error(storage.load_session, path) is not None
    code, out, err = run_cli("check", str(path))
    _assert_clean(code, out, err, ok=None)
    if not loads:
        assert code == 2
    for lang in ("da", "en"):
        code, out, err = run_cli("export", str(path), "--lang", lang)
        _assert_clean(code, out, err, ok=loads)
        if loads:
            assert out.strip()
    target = path.with_name("referat.md")
    code, out, err = run_cli("export", str(path), "-o", str(target))
    _assert_clean(code, out, err, ok=loads)
    assert target.exists() == loads


@SHARED
@given(data=st.data())
def test_cli_merge_never_prints_a_traceback(files: Files, data: st.DataObject) -> None:
    bad_team = data.draw(st.booleans(), label="bad team")
    team_raw = data.draw(hostile(SESSIONS)) if bad_team else SESSIONS[0]
    prep_raw = PREP if bad_team else data.draw(hostile([PREP]))
    folder = files.new_dir()
    team = folder / "team.toml"
    prep = folder / "prep.toml"
    team.write_bytes(team_raw)
    prep.write_bytes(prep_raw)
    out_path = folder / "samlet.toml"
    code, out, err = run_cli("merge", str(team), str(prep), "-o", str(out_path))
    _assert_clean(code, out, err)
    assert team.read_bytes() == team_raw and prep.read_bytes() == prep_raw
    if code == 0:
        assert storage.load_session(out_path).kind == "team"
    else:
        assert not out_path.exists()  # nothing is written unless everything is valid
        # The file at fault is named: the team file, or the prep when only it was changed.
        assert ("team.toml" if bad_team else "prep.toml") in err, err


@SHARED
@given(
    lang=st.sampled_from(["da", "en"]),
    which=st.sampled_from(["advice.toml", "roles.toml"]),
    data=st.data(),
)
def test_cli_check_of_a_pack_never_prints_a_traceback(
    files: Files, lang: str, which: str, data: st.DataObject
) -> None:
    originals = PACK_FILES[lang]
    folder = files.new_dir()
    for name, raw in originals.items():
        (folder / name).write_bytes(raw)
    (folder / which).write_bytes(data.draw(hostile([originals[which]]), label=which))
    code, out, err = run_cli("check", str(folder))
    loads = only_our_error(load_pack, folder) is not None
    _assert_clean(code, out, err, ok=loads)
    if not loads:
        assert which in out + err, out + err  # the broken file is named


FILE_PROBLEM = re.compile(r"[^:\s][^:\n]*:(\d+:)? \S")
"""``file: sentence`` or ``file:line: sentence``, as every problem with a file is said."""

ARGS = "check export merge -o --lang en da xx --content --anonymous --prep -- - findes-ikke.toml"
ARGS_LIST = [*ARGS.split(), "mappe", "god.toml", "prep.toml", "skrald.toml", "--version", ""]
# (A NUL byte cannot reach argv: the operating system's argument strings end at one.)


@SHARED
@given(
    command=st.sampled_from(["check", "export", "merge"]),
    args=st.lists(st.sampled_from(ARGS_LIST), max_size=5),
)
def test_cli_arguments_never_print_a_traceback(files: Files, command: str, args: list[str]) -> None:
    folder = files.new_dir()
    (folder / "mappe").mkdir()
    (folder / "god.toml").write_bytes(SESSIONS[0])
    (folder / "prep.toml").write_bytes(PREP)
    (folder / "skrald.toml").write_bytes(b"\x00\xff[[")
    with contextlib.chdir(folder):
        code, out, err = run_cli(command, *args)
    assert code in (0, 2), f"exit {code}: {err}"
    assert "Traceback" not in out + err
    said = [line for line in err.splitlines() if line.strip()]
    if command == "check" and not said:  # check's report, problems too, is on stdout
        said = [line for line in out.splitlines() if line.strip()]
    usage_error = re.compile(r"inddrag \w+: (fejl|error): \S")
    if code == 2:  # it says what was wrong: the arguments, or a file and its problem
        assert said, f"exit 2 without a word on stderr; stdout: {out!r}"
        assert any(usage_error.match(line) or FILE_PROBLEM.match(line) for line in said), err
    else:  # done, and said so; no argument was refused
        assert out.strip(), f"exit 0 without a word on stdout; stderr: {err!r}"
        assert not any(usage_error.match(line) for line in said), err
    if command == "check":  # (merge writes the team file; export -o writes where it is told)
        assert (folder / "god.toml").read_bytes() == SESSIONS[0]
    assert (folder / "mappe").is_dir()


def test_the_positions_file_never_stops_the_app(tmp_path: Path) -> None:
    """The app's own state file (where each session was left) is read on every open."""
    from inddrag.ui import positions

    for raw in (b"\x00\xff", b"[[", b'"/x.toml" = 1', b"a = 1\na = 2"):
        (tmp_path / positions.FILE_NAME).write_bytes(raw)
        assert positions.recall(tmp_path, tmp_path / "x.toml") is None
        positions.remember(tmp_path, tmp_path / "x.toml", "roles", 3)
        assert positions.recall(tmp_path, tmp_path / "x.toml") == ("roles", 3)


def test_a_deeply_nested_positions_file_never_stops_the_app(tmp_path: Path) -> None:
    from inddrag.ui import positions

    (tmp_path / positions.FILE_NAME).write_bytes(b"x = " + b"[" * 5000 + b"]" * 5000)
    assert positions.recall(tmp_path, tmp_path / "x.toml") is None
    positions.remember(tmp_path, tmp_path / "x.toml", "roles", 3)


# --- the real process --------------------------------------------------------------------

BAD_FILES: dict[str, bytes] = {
    "binary": bytes(range(256)) * 4,
    "nested": b"x = " + b"[" * 5000 + b"]" * 5000,
    "newer": SESSIONS[0].replace(b"version = 1", b"version = 99", 1),
    "half": SESSIONS[0][: len(SESSIONS[0]) // 2],
    "types": SESSIONS[0].replace(b"votes = 3", b'votes = "tre"', 1),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_the_installed_command_reports_bad_files_in_one_sentence(tmp_path: Path, name: str) -> None:
    import os
    import subprocess
    import sys

    path = tmp_path / f"{name}.toml"
    path.write_bytes(BAD_FILES[name])
    env = {**os.environ, "INDDRAG_STATE_DIR": str(tmp_path / "state")}
    env.pop("INDDRAG_DEBUG", None)
    for args in (["check"], ["export"], [], ["merge", str(path)]):
        done = subprocess.run(
            [sys.executable, "-m", "inddrag", *args, str(path)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        assert done.returncode == 2, (args, done.stderr)
        assert "Traceback" not in done.stderr + done.stdout
        assert path.name in done.stderr + done.stdout
    assert path.read_bytes() == BAD_FILES[name]


def test_hypothesis_runs_the_ci_profile_in_ci() -> None:
    import os

    from hypothesis import settings as current

    expected = 1000 if os.environ.get("HYPOTHESIS_PROFILE") == "ci" else 100
    assert current.default.max_examples == expected
