"""Kill the real app in a real terminal, then start it again: nothing typed is lost.

The app runs as the user runs it (the installed ``inddrag`` command) inside tmux, which is
a real pseudo-terminal and lets us read the screen. We start a new team discussion, type
notes into two advice, and then:

* SIGKILL (the machine or the app dies; no chance to clean up): everything the recovery
  copy held before the kill is there after it, and the copy keeps up while typing never
  pauses (when the copy is written, half a second after the last change and at least
  every 0.75 s while typing goes on, is proven with a fake clock in
  ``tests/test_recovery.py`` and, for the app's own settings, in
  ``tests/test_reliability_faults.py``: no test here times it);
* SIGHUP (the terminal window is closed) and SIGTERM (shutdown, ``kill``): the app writes
  the copy on its way out, so nothing at all is lost, not even what was typed just before.

Each time the copy is checked through the domain API (``recovery.find_recoveries``), and
the app started again in the same state folder offers it on its start screen ("Gendan
ikke-gemt arbejde fra … af “<titel>”") and, chosen, shows the notes again.

Slow (a few seconds each); CI runs them (it installs tmux). Every wait polls the screen or
the copy on disk for what it waits for (``tests/waiting.py``); the deadline only guards
against a hang, and nothing asserts how long anything took.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from inddrag.domain import recovery
from inddrag.domain.content import bundled_pack_dir, load_pack
from inddrag.domain.session import Session, new_session
from inddrag.i18n import format_datetime, t
from tests.ci import IN_CI
from tests.terminal import Terminal, _running
from tests.waiting import wait_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("tmux") is None and not IN_CI, reason="needs tmux (CI installs it)"
    ),
    pytest.mark.skipif(os.name != "posix", reason="POSIX signals and terminals"),
]


TITLE = "Kill-test æøå"
ADVICE_1 = ["Aftenvagterne rammes hårdest – æøå ÆØÅ", "Spørg [bold]IT[/bold] om vagtbytte | 50 %"]
ADVICE_2 = "Vi hørte først om systemet ved go-live."
LAST_WORDS = " Og så det sidste, skrevet lige før."
FIRST, SECOND = (advice.id for advice in load_pack(bundled_pack_dir("da")).advice[:2])


@pytest.fixture
def terminals(tmp_path: Path) -> Iterator[list[Terminal]]:
    """Terminals to start the app in; every one is closed at the end, whatever happened."""
    if shutil.which("tmux") is None:  # only reached in CI (elsewhere these tests skip)
        pytest.fail("tmux is missing: CI must run the kill and recovery tests, not skip them")
    made: list[Terminal] = []
    yield made
    for term in made:
        term.close()
        if term.pid and _running(term.pid):
            os.kill(term.pid, signal.SIGKILL)
        term.remove_socket()


def new_terminal(terminals: list[Terminal], folder: Path, state: Path) -> Terminal:
    term = Terminal(folder, state)
    terminals.append(term)
    return term


def start_and_type(term: Terminal) -> None:
    """A new team discussion with notes on the first two advice (focus stays in the notes)."""
    term.start()
    term.wait_for("Ti gode råd om medarbejderinddragelse i digitaliseringen")
    term.wait_for("Ny holddrøftelse")
    term.press("Enter")
    term.wait_for("Titel (hvad drøfter I?)")
    term.type(TITLE)
    term.wait_for(TITLE)
    for _ in range(3):  # title → team → meeting leader → participants
        term.next_field()
    term.press("Enter")  # Enter in the last field starts the session
    term.wait_for("Råd 1 af 10")
    term.wait_for("Holdets noter")
    term.type(ADVICE_1[0])
    term.press("Enter")
    term.type(ADVICE_1[1])
    term.wait_for(ADVICE_1[1])
    term.press("C-n")
    term.wait_for("Råd 2 af 10")
    term.type(ADVICE_2)
    term.wait_for(ADVICE_2)


def notes(session: Session, advice_id: str) -> str:
    entry = session.entry(advice_id)
    return entry.notes if entry is not None else ""


def copy_on_disk(state: Path) -> Session | None:
    """The recovery copy the running app has written so far (None before the first)."""
    found = sorted(recovery.recovery_folder(state).glob("recovery-*.toml"))
    if len(found) != 1:
        return None
    try:
        return recovery.read_recovery(found[0]).session
    except FileNotFoundError:  # the copy is written by an atomic rename, never half
        return None


def copy_holds(state: Path, advice_id: str, text: str) -> str | None:
    """The notes for ``advice_id`` in the running app's copy, once they start with ``text``."""
    session = copy_on_disk(state)
    held = notes(session, advice_id) if session is not None else ""
    return held if held.startswith(text) else None


def the_copy(state: Path) -> recovery.RecoveryInfo:
    scan = recovery.scan_recoveries(state)
    folder = recovery.recovery_folder(state)
    files = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else "no folder"
    holders = []
    for fd in Path("/proc").glob("[0-9]*/fd/*"):
        try:
            if "recovery-" in os.readlink(fd):
                holders.append((str(fd), Path(fd.parent.parent / "stat").read_text()[:60]))
        except OSError:
            pass
    assert len(scan.found) == 1, (
        f"found {scan.found}, set aside {scan.set_aside}, files {files}, holders {holders}"
    )
    return scan.found[0]


def offers_recovery(folder: Path, state: Path, terminals: list[Terminal]) -> Terminal:
    """Start the app again: the start screen offers the copy; choosing it shows the notes."""
    info = the_copy(state)
    term = new_terminal(terminals, folder, state)
    term.start()
    offer = t("ui.start_recover", "da", time=format_datetime(info.written, "da"), title=TITLE)
    term.wait_for(offer)
    assert offer.startswith("Gendan ikke-gemt arbejde fra ")
    term.press("Enter")  # the offer is the first choice, and highlighted
    term.wait_for("Råd 1 af 10")
    term.wait_for(ADVICE_1[1])
    term.wait_for(TITLE)
    return term


# --- the tests ---------------------------------------------------------------------------


def test_sigkill_loses_nothing_the_copy_held(tmp_path: Path, terminals: list[Terminal]) -> None:
    state = tmp_path / "state"
    term = new_terminal(terminals, tmp_path, state)
    start_and_type(term)
    # The copy is written after the typing stops (how soon is the fake-clock tests' job).
    wait_for(lambda: copy_holds(state, SECOND, ADVICE_2), what="the copy to hold the notes")
    term.type(LAST_WORDS)  # typed just before the kill: may or may not be in the copy
    term.wait_for("skrevet lige før.")  # the last keys arrived (the box wraps the line)
    os.kill(term.pid, signal.SIGKILL)
    term.wait_until_gone()
    assert term.pane_dead()

    info = the_copy(state)
    assert info.title == TITLE
    assert info.source is None  # never saved: the copy is the only place the work is
    session = info.session
    assert notes(session, FIRST) == "\n".join(ADVICE_1)
    second = notes(session, SECOND)
    assert second.startswith(ADVICE_2)
    assert (ADVICE_2 + LAST_WORDS).startswith(second)
    offers_recovery(tmp_path, state, terminals)


def test_sigkill_while_typing_without_a_pause(tmp_path: Path, terminals: list[Terminal]) -> None:
    """Typing never stops, so the half-second pause never comes: the copy still keeps up,
    and the kill, in the middle of typing, loses nothing the copy held."""
    state = tmp_path / "state"
    term = new_terminal(terminals, tmp_path, state)
    start_and_type(term)
    wait_for(lambda: copy_holds(state, SECOND, ADVICE_2), what="the copy to hold the notes")
    stream = "".join(f"{n % 10}" for n in range(100_000))
    sent = 0
    held = ""

    def keep_typing() -> bool:
        # One key every 50 ms, a typist who never pauses, until the copy on disk holds
        # some of what is being typed (the deadline only guards against a hang).
        nonlocal sent, held
        term.type(stream[sent])
        sent += 1
        time.sleep(0.05)
        held = (copy_holds(state, SECOND, ADVICE_2) or ADVICE_2)[len(ADVICE_2) :]
        return bool(held)

    wait_for(keep_typing, interval=0, what="the copy to take in keys while typing goes on")
    for char in stream[sent : sent + 5]:  # and on, right up to the kill
        term.type(char)
        sent += 1
    os.kill(term.pid, signal.SIGKILL)
    term.wait_until_gone()

    second = notes(the_copy(state).session, SECOND)
    assert second.startswith(ADVICE_2)
    kept = second[len(ADVICE_2) :]
    assert stream[:sent].startswith(kept)  # only what was typed, in order
    assert kept.startswith(held)  # nothing the copy held before the kill is lost


@pytest.mark.parametrize("how", ["SIGHUP", "SIGTERM"])
def test_closing_the_terminal_or_sigterm_loses_nothing(
    how: str, tmp_path: Path, terminals: list[Terminal]
) -> None:
    state = tmp_path / "state"
    term = new_terminal(terminals, tmp_path, state)
    start_and_type(term)
    term.type(LAST_WORDS)
    term.wait_for("skrevet lige før.")  # the last keys arrived (the box wraps the line)
    if how == "SIGHUP":
        term.close()  # the window is closed: SIGHUP, and the terminal is gone
        term.wait_until_gone()
    else:
        os.kill(term.pid, signal.SIGTERM)
        term.wait_until_gone()
        assert term.pane_dead()

    info = the_copy(state)
    session = info.session
    assert notes(session, FIRST) == "\n".join(ADVICE_1)
    assert notes(session, SECOND) == ADVICE_2 + LAST_WORDS
    assert session.session.title == TITLE
    offers_recovery(tmp_path, state, terminals)


def test_two_windows_on_one_file_never_overwrite_each_other(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """Two real processes (two terminals, or two browser tabs of ``serve``) on one file."""
    from inddrag.domain.storage import load_session, save_session

    folder = tmp_path / "delt"
    folder.mkdir()
    session = new_session(load_pack(bundled_pack_dir("da")), "team")
    session.session.title = TITLE
    path = folder / "hold.toml"
    save_session(session, path)
    first = new_terminal(terminals, folder, tmp_path / "state-a")
    first.start("hold.toml")
    first.wait_for("Råd 1 af 10")
    first.wait_for("✓ alt er gemt")
    second = new_terminal(terminals, folder, tmp_path / "state-b")
    second.start("hold.toml")
    second.wait_for("Filen er åben et andet sted")
    second.press("Right", "Right", "Enter")  # Åbn alligevel
    # The notes show behind the dialog: type once the dialog has gone, as a person would.
    second.wait_until_not_shown("Filen er åben et andet sted")
    second.wait_for("Holdets noter")
    second.type("Fra vindue B")
    second.wait_for("Fra vindue B")
    first.type("Fra vindue A")
    first.wait_for("Fra vindue A")
    first.press("C-s")
    first.wait_for("✓ alt er gemt")
    second.wait_for("filen er ændret udefra")  # it watches the file
    second.press("C-s")
    second.wait_for("Filen er ændret, siden I åbnede den")
    second.press("Enter")  # Annullér (preselected)
    second.wait_until_not_shown("Filen er ændret, siden I åbnede den")
    second.wait_for("Fra vindue B")  # back at the notes, still unsaved
    assert notes(load_session(path), FIRST) == "Fra vindue A"


def test_a_fast_typist_loses_no_letter_across_moves_and_editors(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """Keys sent as fast as tmux can (faster than any typist) land where they were meant."""
    term = new_terminal(terminals, tmp_path, tmp_path / "state")
    term.start()
    term.wait_for("Ny holddrøftelse")
    term.press("Enter")
    term.wait_for("Titel (hvad drøfter I?)")
    term.type("Hurtig")
    term.wait_for("Hurtig")
    for _ in range(3):  # through the form's fields
        term.next_field()
    term.press("Enter")  # and start
    term.wait_for("Råd 1 af 10")
    term.type("abcdefgh")
    term.press("C-n")
    term.type("ijklmno")
    term.press("PageUp")
    term.type("pqr")
    term.press("F4")
    term.wait_for("Hvem skal gøre hvad?")  # a person looks before typing on a new screen
    term.type("Anna leder")
    term.press("C-s")
    term.wait_for("Anna leder")
    term.press("C-s")
    term.wait_for("Gem session")
    term.press("Enter")
    term.wait_for("✓ alt er gemt")
    saved = load_session_file(tmp_path / "hurtig.toml")
    assert notes(saved, FIRST) == "abcdefghpqr"
    assert notes(saved, SECOND) == "ijklmno"
    assert saved.roles.rows[0].cells.get("hvad") == "Anna leder"


def load_session_file(path: Path) -> Session:
    from inddrag.domain.storage import load_session

    return load_session(path)
