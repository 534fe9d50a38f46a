"""Where a server of ours listens: this computer only, unless the leader chooses a network.

One rule for ``inddrag serve`` and ``inddrag collect`` (and the app's "Deltagerne svarer
selv"): the default is :data:`LOOPBACK`, and only an address that is not loopback earns the
warning that anyone on that network can reach it.
"""

from __future__ import annotations

import ipaddress

LOOPBACK = "127.0.0.1"
"""The default address: this computer only."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer only (127.x, ::1, localhost): no network."""
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
