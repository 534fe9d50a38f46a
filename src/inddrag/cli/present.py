"""``inddrag present FILE.toml``: the projector view, following the leader's app live.

Run it in a second terminal on the projector (or let ``inddrag serve --present FILE``
run it in a browser). It only reads: the session file once at start (to check it and to
choose the content pack), then the live channel in the state folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from inddrag.domain.errors import FileProblems
from inddrag.i18n import t


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("file", metavar="FIL.toml", help=t("cli.present_file", lang))
    parser.add_argument("--content", metavar="MAPPE", help=t("cli.opt_content", lang))


def run(args: argparse.Namespace, lang: str) -> int:
    from inddrag.domain.storage import load_session
    from inddrag.ui.factory import choose_pack

    source = Path(args.file).expanduser()
    try:
        session = load_session(source)
        content = Path(args.content) if args.content else None
        pack = choose_pack(content, getattr(args, "lang", None), session)
    except FileProblems as exc:
        print(exc.render(lang), file=sys.stderr)
        return 2
    from inddrag.domain.live import live_refused

    refused = live_refused()
    if refused is not None:  # another user's folder: nothing read from it, nothing shown
        print(refused.live_sentence(lang), file=sys.stderr)
        return 2
    from inddrag.ui.present.app import PresentApp

    app = PresentApp(source.resolve(), pack)
    result = app.run()
    if app.return_code:  # a crash inside the app (Textual printed it): never exit 0
        return app.return_code
    return int(result or 0)
