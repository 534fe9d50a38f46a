"""A pytest plugin for tests/test_mutation_setup.py: which tests run domain code.

Loaded with ``-p tests.domain_calls``; writes, to the file named by ``DOMAIN_CALLS_OUT``,
one line per test that called a function of ``inddrag.domain`` while it was set up or run.
A test left out of the mutation run as ``source_rules`` must never be one of them.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import inddrag.domain

DOMAIN = str(Path(inddrag.domain.__file__).resolve().parent)
_callers: set[str] = set()


def _watch(nodeid: str) -> Any:
    def profile(frame: FrameType, event: str, _arg: object) -> None:
        if event == "call" and frame.f_code.co_filename.startswith(DOMAIN):
            _callers.add(nodeid)

    return profile


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    yield from _watched(item)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    yield from _watched(item)


def _watched(item: pytest.Item) -> Iterator[None]:
    profile = _watch(item.nodeid)
    sys.setprofile(profile)
    threading.setprofile(profile)
    try:
        yield
    finally:
        sys.setprofile(None)
        threading.setprofile(None)  # type: ignore[arg-type]


def pytest_sessionfinish() -> None:
    out = os.environ.get("DOMAIN_CALLS_OUT")
    if out:
        Path(out).write_text("".join(f"{n}\n" for n in sorted(_callers)), encoding="utf-8")
