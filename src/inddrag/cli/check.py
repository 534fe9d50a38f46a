"""``inddrag check PATH…``: validate content packs and session files."""

from __future__ import annotations

import argparse
from pathlib import Path

from inddrag.domain.check import check_path
from inddrag.domain.content import bundled_content_root, bundled_languages
from inddrag.domain.safe_text import visible, visible_path
from inddrag.i18n import t


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("paths", nargs="*", metavar="STI", help=t("cli.check_paths", lang))


def run(args: argparse.Namespace, lang: str) -> int:
    paths = [Path(p) for p in args.paths]
    if not paths:
        root = bundled_content_root()
        paths = [root / name for name in bundled_languages()]
        if not paths:
            print(t("cli.check_no_bundled", lang, root=visible_path(root)))
            return 2
    failed = False
    for path in paths:
        report = check_path(path)
        for prob in report.problems:
            print(prob.render(lang))
        if report.ok:
            shown, what = visible_path(report.display), visible(report.summary(lang))
            print(t("cli.check_ok", lang, path=shown, what=what))
        else:
            failed = True
    return 2 if failed else 0
