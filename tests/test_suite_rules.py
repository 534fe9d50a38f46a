"""The suite's own rules (docs/testing.md), kept by a test: no waiting for a time.

A test that sleeps or pauses for a fixed time and then looks is a bet on the machine's
speed; it passes on a quiet machine and fails on a busy one. Waits poll for a condition
(``tests/waiting.py``). The few fixed sleeps left are listed here with their reason; a new
one fails this test until it is replaced by a condition or, if it is truly not a wait,
listed with its reason.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.source_rules  # reads the project's files, runs none of its code

TESTS = Path(__file__).resolve().parent

FIXED_WAIT = re.compile(r"\b(?:time\.sleep|asyncio\.sleep|pause|wait_for_timeout)\(\s*[0-9.]+")

ALLOWED = {
    # The polling step of the condition waits themselves.
    ("waiting.py", "time.sleep("),
    ("waiting.py", "asyncio.sleep("),
    ("ui/helpers.py", "pause(0.05)"),  # appears(): polls the screen
    ("ui/test_start.py", "pause(0.05)"),  # polls the start screen, in a child process
    # Not a wait: a typist's pace, one key every 50 ms, while the test polls the copy.
    ("test_reliability_kill.py", "time.sleep(0.05)"),
    # Not a wait: the other window's stand-in process, ended by the fixture.
    ("ui/conftest.py", "time.sleep(60)"),
    # Not a wait: yields to the event loop once.
    ("test_reliability_nonetwork.py", "asyncio.sleep(0)"),
    ("test_harden_serve.py", "asyncio.sleep(0)"),
    ("ui/test_typeahead.py", "asyncio.sleep(0)"),  # lets the reader start waiting
    # The polling step of a loop that waits for a server to listen (a deadline guards it).
    ("test_harden_follower.py", "asyncio.sleep(0.2)"),
    ("test_harden_serve.py", "time.sleep(0.1)"),
    ("ui/test_typeahead.py", "pause(0.02)"),  # taken_in(): polls until the keys are in
}


def test_no_test_waits_for_a_fixed_time() -> None:
    found = set()
    for path in TESTS.rglob("*.py"):
        name = str(path.relative_to(TESTS))
        if name == "test_suite_rules.py":
            continue
        for match in FIXED_WAIT.finditer(path.read_text(encoding="utf-8")):
            found.add((name, match.group(0).replace(" ", "") + ")"))
    stray = sorted(
        (name, call)
        for name, call in found
        if not any(name == allowed and call.startswith(what) for allowed, what in ALLOWED)
    )
    assert stray == [], "wait for a condition (tests/waiting.py), not for a time"
