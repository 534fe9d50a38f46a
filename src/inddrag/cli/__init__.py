"""The ``inddrag`` command line.

``inddrag [FILE]`` starts the app; ``inddrag check|export|merge|present|serve …`` run the tools.
Each subcommand lives in its own module with ``add_arguments(parser, lang)`` and
``run(args, lang) -> int``, imported only when used so ``--help`` and ``check`` stay fast
and never load Textual. Exit codes: 0 success, 1 unexpected failure, 2 bad input.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from inddrag import __version__
from inddrag.i18n import normalise_language, t

COMMANDS = {
    "check": "inddrag.cli.check",
    "export": "inddrag.cli.export",
    "merge": "inddrag.cli.merge",
    "present": "inddrag.cli.present",
    "serve": "inddrag.cli.serve",
}
EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


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
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {t('cli.error', self.lang)}: {message}\n")


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
        epilog=t("cli.epilog", lang),
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
        description=t(f"cli.{name}_description", lang),
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help=t("cli.opt_help", lang))
    add_common(parser, lang)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``inddrag`` console script."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = _language(args_list)
    try:
        if args_list and args_list[0] in COMMANDS:
            name = args_list[0]
            module = importlib.import_module(COMMANDS[name])
            parser = command_parser(name, lang)
            module.add_arguments(parser, lang)
            args = parser.parse_args(args_list[1:])
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
            f"inddrag: {t('cli.unexpected', lang)}: {type(exc).__name__}: {exc}",
            file=sys.stderr,
        )
        return EXIT_FAILURE
