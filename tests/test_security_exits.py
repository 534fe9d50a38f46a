"""The real app in a real terminal exits 128 + the signal's number (issue 15, item 9).

A shutdown or ``kill`` sends SIGTERM: the app writes its recovery copy and leaves with
exit status 143, so a script or service manager sees it was stopped, not that it finished.
The app runs in tmux under ``sh``, which records the status the app's process returned.
"""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from tests.ci import IN_CI
from tests.terminal import Terminal, _quote, inddrag_command
from tests.ui_helpers import held_today, meeting_file
from tests.waiting import wait_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("tmux") is None and not IN_CI, reason="needs tmux (CI installs it)"
    ),
    pytest.mark.skipif(os.name != "posix", reason="POSIX signals and terminals"),
]


def _child_of(pid: int) -> int:
    """The one child process of ``pid`` (the app under ``sh``), waiting for it to start."""

    def child() -> int:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            children = handle.read().split()
        return int(children[0]) if children else 0

    return wait_for(child, what="the app to start under sh")


@pytest.mark.parametrize(("how", "expected"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_a_signal_ends_the_app_with_128_plus_its_number(
    tmp_path: Path, how: str, expected: int
) -> None:
    if shutil.which("tmux") is None:  # only reached in CI (elsewhere this test skips)
        pytest.fail("tmux is missing: CI must run the exit-status tests, not skip them")
    team = held_today(meeting_file(tmp_path))  # no follow-up question first
    status = tmp_path / "status"
    term = Terminal(tmp_path, tmp_path / "state")
    term.name = "security-" + term.name
    app = " ".join(_quote(a) for a in [*inddrag_command(), team.name])
    script = f"{app}; echo $? > {_quote(str(status))}"
    try:
        term.tmux("new-session", "-d", "-x", "80", "-y", "24", "-c", str(tmp_path), script)
        shell = int(term.tmux("display-message", "-p", "#{pane_pid}").strip())
        term.pid = _child_of(shell)
        term.wait_for("Råd 1 af 10")
        os.kill(term.pid, getattr(signal, how))
        term.wait_until_gone()
        # sh writes the status once the app has gone: wait for the whole line.
        written = wait_for(
            lambda: status.exists() and status.read_text().endswith("\n") and status.read_text(),
            what="sh to write the app's exit status",
        )
        assert written.strip() == str(expected)
    finally:
        term.close()
        term.remove_socket()
