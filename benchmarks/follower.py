"""A projector view (``inddrag present``) running headless beside a benchmark.

``python benchmarks/follower.py FILE STATE_DIR`` follows the leader of FILE through the
live channel in STATE_DIR, polling four times a second, until it is killed. ``run.py
--follower`` starts one to measure what a follower costs the leader's typing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from inddrag.domain.content import bundled_pack_dir, load_pack
from inddrag.ui.present.app import PresentApp


def main() -> None:
    source, state = Path(sys.argv[1]), Path(sys.argv[2])
    app = PresentApp(source.resolve(), load_pack(bundled_pack_dir("da")), state_dir=state)
    app.run(headless=True, size=(200, 60))


if __name__ == "__main__":
    main()
