"""``inddrag collect FILE.toml``: participants answer from their own phones.

Prints the participants' link on a line of its own, its QR code in half-block characters
and where the answers go (``hold-svar/`` beside the session), then a line each time the
count changes. ctrl+c closes answers. Listens on 127.0.0.1 unless ``--host`` is given
(then one warning; a loopback address needs none). What the server grants is in
:mod:`inddrag.ui.collect_server`; every sentence printed here is ours, and nothing from a
request is ever printed (only the count).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from inddrag.domain.collect import MAX_ANSWERS, AnswerBox, answers_folder, qr_half_blocks
from inddrag.domain.errors import FileProblems, display_path
from inddrag.domain.safe_text import visible, visible_path
from inddrag.i18n import t, t_plural

if TYPE_CHECKING:
    from inddrag.ui.collect_server import CollectServer


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    from inddrag.ui.collect_server import PORT, RATE

    parser.add_argument("file", metavar="FIL.toml", help=t("collect.arg_file", lang))
    parser.add_argument("--host", default=None, metavar="ADRESSE", help=t("collect.opt_host", lang))
    parser.add_argument(
        "--port",
        type=int,
        default=PORT,
        metavar="PORT",
        help=t("collect.opt_port", lang, port=PORT),
    )
    parser.add_argument(
        "--max-answers",
        type=int,
        default=MAX_ANSWERS,
        metavar="N",
        help=t("collect.opt_max", lang, count=MAX_ANSWERS),
    )
    parser.add_argument("--anonymous", action="store_true", help=t("collect.opt_anonymous", lang))
    parser.add_argument(
        "--rate", type=int, default=RATE, metavar="N", help=t("collect.opt_rate", lang, count=RATE)
    )


QR_COLOURS = "97;40"
"""Light on dark, whatever the terminal's colours (a phone reads the code either way)."""


def qr_text(url: str) -> str:
    """The QR code as lines of half blocks."""
    return "\n".join(qr_half_blocks(url))


def say(line: str, *, qr: bool = False) -> None:
    """One line on stdout; the QR code in :data:`QR_COLOURS` where stdout is a terminal
    (through the one safe stream: :meth:`inddrag.cli.SafeStream.write_styled`)."""
    write_styled = getattr(sys.stdout, "write_styled", None)
    if qr and write_styled is not None and sys.stdout.isatty():
        for row in line.split("\n"):
            write_styled(row, QR_COLOURS)
            sys.stdout.write("\n")
        sys.stdout.flush()
        return
    print(line, flush=True)


def run(args: argparse.Namespace, lang: str) -> int:
    from inddrag.domain.hosts import LOOPBACK
    from inddrag.domain.packs import bundled_pack_for
    from inddrag.domain.storage import load_session
    from inddrag.ui.collect_server import CollectServer

    path = Path(args.file)
    try:
        session = load_session(path)
    except FileProblems as exc:
        print(visible(exc.render(lang), lines=True), file=sys.stderr)
        return 2
    if session.kind != "team":
        print(t("collect.not_team", lang, file=visible_path(display_path(path))), file=sys.stderr)
        return 2
    pack = bundled_pack_for(session)
    if pack is None:
        shown = visible_path(display_path(path))
        print(
            t("collect.no_pack", lang, file=shown, pack=visible(session.content.pack)),
            file=sys.stderr,
        )
        return 2
    if args.anonymous:
        session.session.anonymous = True  # this collection's answers only; the file stays
    folder = answers_folder(path, session.content.language)
    box = AnswerBox(folder, session, pack, max_answers=max(1, args.max_answers))
    host = args.host or LOOPBACK
    server = CollectServer(
        box,
        host=host,
        port=args.port,
        rate=max(1, args.rate),
        on_failed=lambda sentence: print(sentence, file=sys.stderr, flush=True),
    )
    previous = _stop_on_sigterm()
    try:
        return asyncio.run(_serve(server, args, lang, path, folder))
    except KeyboardInterrupt:
        pass
    finally:
        _restore_sigterm(previous)
    count = box.count
    print(t("collect.closed", lang, count=count, folder=visible_path(display_path(folder))))
    if count:
        command = "collect.merge_hint_anonymous" if box.anonymous else "collect.merge_hint"
        team, answers = visible_path(display_path(path)), visible_path(display_path(folder))
        print(t(command, lang, team=team, folder=answers))
    return 0


def announcement(server: CollectServer, lang: str, folder: Path) -> list[str]:
    """What ``collect`` says when it opens: the link on a line of its own, the QR code,
    one warning when it listens beyond this computer, where the answers go, how to stop."""
    from inddrag.domain.hosts import is_loopback

    lines = [t("collect.open_link", lang), server.url, qr_text(server.url)]
    if is_loopback(server.host):
        lines.append(t("collect.loopback_note", lang))
    else:
        lines.append(t("collect.network_warning", lang, host=visible(server.host)))
    lines.append(t("collect.folder_note", lang, folder=visible_path(display_path(folder))))
    lines.append(t("collect.stop", lang))
    return lines


def _stop_on_sigterm() -> object:
    """A terminated ``collect`` closes as ctrl+c does (and says where the answers are);
    returns the handler it replaced."""

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, stop)
    except (ValueError, OSError):  # not the main thread
        return None


def _restore_sigterm(previous: object) -> None:
    if previous is not None:
        with contextlib.suppress(ValueError, OSError, TypeError):
            signal.signal(signal.SIGTERM, previous)  # type: ignore[arg-type]


async def _serve(
    server: CollectServer, args: argparse.Namespace, lang: str, path: Path, folder: Path
) -> int:
    try:
        await server.start()
    except OSError as exc:
        taken = exc.errno == errno.EADDRINUSE
        key = "collect.port_taken" if taken else "collect.bad_host"
        print(t(key, lang, port=args.port, host=visible(server.host)), file=sys.stderr)
        return 2
    for index, line in enumerate(announcement(server, lang, folder)):
        say(line, qr=index == 2)
    shown = -1
    try:
        while True:
            count = server.box.count
            if count != shown:
                shown = count
                print(t_plural("collect.answered", count, lang), flush=True)
            await asyncio.sleep(0.5)
    finally:
        await server.stop()
