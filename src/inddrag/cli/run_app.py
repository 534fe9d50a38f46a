"""``inddrag [FILE]``: build the app from the command line's choices and run it."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from inddrag.domain.errors import FileProblems


def run(args: argparse.Namespace, lang: str) -> int:
    """Start the app; bad files are reported before the screen is taken over (exit 2)."""
    from inddrag.ui.factory import build_app

    try:
        app = build_app(
            file=Path(args.file) if args.file else None,
            lang=args.lang,
            content=Path(args.content) if args.content else None,
            prep=args.prep,
        )
    except FileProblems as exc:
        print(exc.render(lang), file=sys.stderr)
        return 2
    app.run()
    code = app.return_code or 0
    if code != 0:
        # The app died (a bug, or a signal): make sure the recovery copy has everything.
        with contextlib.suppress(Exception):
            app.files.write_recovery_now()
    return int(code)
