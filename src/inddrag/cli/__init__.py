"""The ``inddrag`` command line.

``inddrag [FILE]`` starts the app; ``inddrag check|export|merge|present|rollup|serve …`` run
the tools. ``--lang`` may stand before the command too (``inddrag --lang en merge …``), and
argparse's own sentences are translated (:func:`_argparse_text`).
Each subcommand lives in its own module with ``add_arguments(parser, lang)`` and
``run(args, lang) -> int``, imported only when used so ``--help`` and ``check`` stay fast
and never load Textual. Exit codes: 0 success, 1 unexpected failure, 2 bad input.

What ``check``, ``export`` and ``merge`` print goes through :class:`SafeStream`, so no
control character from a file or a file name reaches the terminal, whatever path it
took (a sentence, an argparse error, an unexpected exception). ``export``'s summary on
stdout is the user's own text: raw when redirected, made visible on a terminal.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

from inddrag import __version__
from inddrag.domain.export.formats import choices_text
from inddrag.domain.platform import utf8_streams
from inddrag.domain.safe_text import visible
from inddrag.i18n import normalise_language, t

COMMANDS = {
    "check": "inddrag.cli.check",
    "export": "inddrag.cli.export",
    "merge": "inddrag.cli.merge",
    "rollup": "inddrag.cli.rollup",
    "present": "inddrag.cli.present",
    "serve": "inddrag.cli.serve",
    "collect": "inddrag.cli.collect",
}
SAFE_OUTPUT = ("check", "export", "merge", "rollup", "serve", "collect")
"""Commands whose stdout and stderr are text we write (every line made visible)."""
EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


class SafeStream:
    """A text stream that shows control characters visibly instead of writing them.

    Line breaks and tabs pass; everything else :func:`visible` shows. ``buffer`` is the
    raw stream underneath, for output that is deliberately the user's bytes.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible(text, lines=True))
        return len(text)

    def write_styled(self, text: str, sgr: str) -> None:
        """``text``, made visible, in the terminal colours ``sgr`` (e.g. ``"97;40"``): the
        one way a colour of ours reaches the terminal (the QR code of ``inddrag collect``).
        Only digits and semicolons are taken: no other control sequence can pass here."""
        if not sgr or not all(part.isdigit() for part in sgr.split(";")):
            raise ValueError(f"not a colour: {sgr!r}")
        self.stream.write(f"\x1b[{sgr}m{visible(text, lines=True)}\x1b[0m")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


_ARGPARSE_KEYS = {
    "the following arguments are required: %s": "required",
    "unrecognized arguments: %s": "unrecognized",
    "argument %(argument_name)s: %(message)s": "argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "invalid_choice",
    "expected one argument": "expected_one",
    "expected at least one argument": "expected_at_least_one",
    "expected at most one argument": "expected_at_most_one",
    "invalid %(type)s value: %(value)r": "invalid_value",
    "ambiguous option: %(option)s could match %(matches)s": "ambiguous",
    "not allowed with argument %s": "not_allowed_with",
    "ignored explicit argument %r": "ignored_explicit",
    "one of the arguments %s is required": "one_of_required",
    "show this help message and exit": "help",
    "show program's version number and exit": "version",
}
_language_now = ["da"]


def _argparse_text(message: str) -> str:
    """argparse's sentence ``message`` in the language of this run (unknown ones as they are)."""
    key = _ARGPARSE_KEYS.get(message)
    return t(f"cli.argparse.{key}", _language_now[0]) if key else message


def _argparse_plural(singular: str, plural: str, count: int) -> str:
    if singular == "expected %s argument":
        form = "one" if count == 1 else "other"
        return t(f"cli.argparse.expected_n_{form}", _language_now[0])
    return singular if count == 1 else plural


def _speak(lang: str) -> None:
    """Make argparse speak ``lang``: it looks its sentences up through module-level names."""
    _language_now[0] = lang
    argparse._ = _argparse_text  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_plural  # type: ignore[attr-defined]


def split_global_options(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """``--lang X`` given before a command: (those options, the rest)."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--lang" and index + 1 < len(argv):
            index += 2
        elif arg.startswith("--lang="):
            index += 1
        else:
            break
    return list(argv[:index]), list(argv[index:])


class _Parser(argparse.ArgumentParser):
    """argparse in our language, reporting misuse in one sentence with exit code 2."""

    def __init__(self, *args: object, lang: str = "da", **kwargs: object) -> None:
        self.lang = lang
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = t("cli.positionals", lang)
        self._optionals.title = t("cli.options", lang)

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", t("cli.usage", self.lang), 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", t("cli.usage", self.lang), 1)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_BAD_INPUT, visible(f"{self.prog}: {t('cli.error', self.lang)}: {message}") + "\n"
        )


def _language(argv: Sequence[str]) -> str:
    """The language asked for with ``--lang`` (looked up before parsing, for the help text)."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return normalise_language(argv[index + 1])
        if arg.startswith("--lang="):
            return normalise_language(arg.split("=", 1)[1])
    return normalise_language(os.environ.get("INDDRAG_LANG"))


def add_common(parser: argparse.ArgumentParser, lang: str) -> None:
    """Options every command takes."""
    parser.add_argument(
        "--lang", metavar="SPROG", choices=["da", "en"], help=t("cli.opt_lang", lang)
    )


def build_app_parser(lang: str) -> _Parser:
    parser = _Parser(
        prog="inddrag",
        lang=lang,
        description=t("cli.description", lang),
        epilog=t("cli.epilog", lang, formats=choices_text(lang, described=False)),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help=t("cli.opt_help", lang))
    parser.add_argument(
        "--version",
        action="version",
        version=f"inddrag {__version__}",
        help=t("cli.opt_version", lang),
    )
    parser.add_argument("file", nargs="?", metavar="FIL.toml", help=t("cli.arg_file", lang))
    add_common(parser, lang)
    parser.add_argument("--content", metavar="MAPPE", help=t("cli.opt_content", lang))
    parser.add_argument("--prep", action="store_true", help=t("cli.opt_prep", lang))
    return parser


def command_parser(name: str, lang: str) -> _Parser:
    parser = _Parser(
        prog=f"inddrag {name}",
        lang=lang,
        description=t(f"cli.{name}_description", lang, formats=choices_text(lang)),
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help=t("cli.opt_help", lang))
    add_common(parser, lang)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``inddrag`` console script."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = _language(args_list)
    utf8_streams(sys.stdout, sys.stderr)  # Windows, redirected: not the ANSI code page
    streams = sys.stdout, sys.stderr
    leading, rest = split_global_options(args_list)
    if rest and rest[0] in SAFE_OUTPUT:
        sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    try:
        return _main(args_list, leading, rest, lang)
    finally:
        sys.stdout, sys.stderr = streams


def _main(args_list: list[str], leading: list[str], rest: list[str], lang: str) -> int:
    _speak(lang)
    try:
        if rest and rest[0] in COMMANDS:
            name = rest[0]
            module = importlib.import_module(COMMANDS[name])
            parser = command_parser(name, lang)
            module.add_arguments(parser, lang)
            args = parser.parse_args([*rest[1:], *leading])
            return int(module.run(args, normalise_language(args.lang or lang)))
        parser = build_app_parser(lang)
        args = parser.parse_args(args_list)
        run_app = importlib.import_module("inddrag.cli.run_app")
        return int(run_app.run(args, normalise_language(args.lang or lang)))
    except KeyboardInterrupt:
        return 130
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: never a traceback for users
        if os.environ.get("INDDRAG_DEBUG"):
            raise
        print(
            visible(f"inddrag: {t('cli.unexpected', lang)}: {type(exc).__name__}: {exc}"),
            file=sys.stderr,
        )
        return EXIT_FAILURE
