"""What the UI tests of a second window share: another live process, and its lock."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest


@pytest.fixture
def other_process() -> Iterator[int]:
    """The pid of another live process (the other window)."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield child.pid
    child.kill()
    child.wait()
