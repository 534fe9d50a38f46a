"""Skips that cannot hide a broken CI: what a developer's machine may lack, CI must have."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
"""CI sets ``CI=true``: there a missing tool fails the tests that need it."""


def missing(reason: str) -> NoReturn:
    """Skip on a developer's machine for ``reason``; fail in CI, which must run the test."""
    if IN_CI:
        pytest.fail(f"{reason}; CI must run this test, not skip it", pytrace=False)
    pytest.skip(reason)
