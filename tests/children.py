"""Child processes the suite starts and stops with Ctrl-C (``inddrag collect``)."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator


@contextlib.contextmanager
def ctrl_c_not_ignored() -> Iterator[None]:
    """A child started here hears Ctrl-C even when this test runs in a process that ignores
    it: mutmut's test workers do, and so does anything a non-interactive shell starts in
    the background (``nohup``, ``cmd &``). An ignored signal stays ignored across ``exec``,
    and Python then installs no KeyboardInterrupt handler in the child, so it would never
    close."""
    before = signal.getsignal(signal.SIGINT)
    if before is not signal.SIG_IGN:
        yield
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)
