"""Three people answer on their phones (390×844) in a real browser, in Danish and English.

``inddrag collect`` runs as the leader would start it; Chromium (the system's, never a
downloaded one) answers as Anna, Bo and Cy, and Bo changes his answer. The stored files
pass ``inddrag check``, ``inddrag merge`` gives the counts written below, the anonymous
(English) session stores no name, and axe-core finds no serious or critical violation on
the form or the thank-you page. Without Chromium or axe-core the test skips with a
sentence; under CI (``CI=true``) it fails instead, as .ci/run installs both.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from inddrag.cli import main
from inddrag.domain.aggregate import aggregate
from inddrag.domain.content import ContentPack
from inddrag.domain.packs import bundled_pack_for
from inddrag.domain.session import new_session
from inddrag.domain.storage import load_session, save_session
from tests.children import ctrl_c_not_ignored

pytestmark = [pytest.mark.allow_local_sockets, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE = Path(__file__).parent / "web" / "node_modules" / "axe-core" / "axe.min.js"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}


def _missing(sentence: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{sentence} (.ci/run installs it; CI must run this test)")
    pytest.skip(sentence)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        _missing("Chromium is not installed (apt-get install chromium), so no browser test")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed (pip install -e '.[test]')")
    if not AXE.is_file():
        _missing("axe-core is not installed (npm install in tests/web), so no browser test")
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class Collecting:
    url: str
    process: subprocess.Popen[str]
    team: Path
    folder: Path

    def close(self) -> str:
        self.process.send_signal(signal.SIGINT)
        out, _err = self.process.communicate(timeout=20)
        assert self.process.returncode == 0
        return out


def start_collect(folder: Path, pack: ContentPack, name: str, *, anonymous: bool) -> Collecting:
    team = new_session(pack, "team")
    team.session.title = "Nyt vagtplanssystem" if pack.language == "da" else "New rota system"
    team.session.anonymous = anonymous
    path = folder / name
    save_session(team, path)
    command = [sys.executable, "-m", "inddrag", "--lang", pack.language, "collect", str(path)]
    with ctrl_c_not_ignored():  # close() stops it with Ctrl-C
        process = subprocess.Popen(
            [*command, "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            cwd=folder,
        )
    assert process.stdout is not None
    url = ""
    for line in process.stdout:  # bounded: the process prints the link first
        if line.startswith("http://"):
            url = line.strip()
        if re.match(r"0 (har svaret|have answered)", line):
            break
    assert url, process.stderr.read() if process.stderr else ""
    answers = "svar" if pack.language == "da" else "answers"
    return Collecting(url, process, path, folder / f"{path.stem}-{answers}")


def phone(browser: Any) -> Any:
    """A new phone (its own cookies). The page's Content-Security-Policy forbids every
    script; the test lifts it only to inject axe-core."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True)
    return context.new_page()


def serious(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
        }"""
    )
    return list(found)


def answer(
    browser: Any,
    url: str,
    places: dict[str, str],
    comments: dict[str, str],
    name: str | None,
    done: str,
) -> Any:
    """One phone: open the link, place, comment, name, send; the thank-you page is shown."""
    page = phone(browser)
    page.goto(url)
    for advice_id, place in places.items():
        page.select_option(f"#place-{advice_id}", place)
    for advice_id, text in comments.items():
        page.fill(f"#comment-{advice_id}", text)
    if name is not None:
        page.fill("#name", name)
    page.get_by_role("button").click()
    page.wait_for_selector(f"h1:text-is('{done}')")
    return page


def test_three_people_answer_in_danish_and_one_changes_it(
    browser: Any, tmp_path: Path, da_pack: ContentPack
) -> None:
    run = start_collect(tmp_path, da_pack, "hold.toml", anonymous=False)
    done = "Tak – dit svar er modtaget"
    try:
        form = phone(browser)
        form.goto(run.url)
        assert form.locator("html").get_attribute("lang") == "da"
        assert form.locator("h1").inner_text() == "Nyt vagtplanssystem"
        assert form.locator("fieldset").count() == 10
        assert serious(form) == []
        # 360 px at 200 % zoom is a 180 px wide page: nothing may need sideways scrolling.
        form.set_viewport_size({"width": 180, "height": 844})
        assert form.evaluate("document.documentElement.scrollWidth") <= 180
        form.close()

        answer(
            browser,
            run.url,
            {"tidligt": "1", "konsekvenser": "2"},
            {"tidligt": "Vi hørte det ved go-live."},
            "Anna",
            done,
        )
        bo = answer(browser, run.url, {"rammer": "1"}, {}, "Bo", done)
        assert serious(bo) == []
        answer(browser, run.url, {"konsekvenser": "1", "tidligt": "2"}, {}, "Cy", done)
        # Bo changes his mind: his own answer is replaced, nobody else's.
        bo.get_by_role("link", name="Ret mit svar").click()
        assert bo.locator("#name").input_value() == "Bo"
        bo.select_option("#place-rammer", "")
        bo.select_option("#place-tidligt", "1")
        bo.select_option("#place-agile", "2")
        bo.fill("#comment-agile", "<b>små</b> skridt")
        bo.get_by_role("button").click()
        bo.wait_for_selector(f"h1:text-is('{done}')")
        assert bo.locator("dd").inner_text() == "<b>små</b> skridt"
    finally:
        out = run.close()
    assert "Der er lukket for svar. 3 svar ligger i hold-svar" in out
    files = sorted(run.folder.iterdir())
    assert len(files) == 3
    assert main(["check", *map(str, files)]) == 0
    assert main(["merge", str(run.team), *map(str, files), "-o", str(tmp_path / "ud.toml")]) == 0
    merged = load_session(tmp_path / "ud.toml")
    assert sorted((i.participant, tuple(i.order)) for i in merged.inputs) == [
        ("Anna", ("tidligt", "konsekvenser")),
        ("Bo", ("tidligt", "agile")),
        ("Cy", ("konsekvenser", "tidligt")),
    ]
    scores = {s.id: (s.points, s.ranked, s.rank) for s in aggregate(merged, da_pack).scores}
    assert scores["tidligt"] == (29, 3, 1)  # 10 + 10 + 9
    assert scores["konsekvenser"] == (19, 2, 2)  # 9 + 10
    assert scores["agile"] == (9, 1, 3)
    assert scores["rammer"] == (0, 0, 4)
    notes = {i.participant: i.notes for i in merged.inputs}
    assert notes == {
        "Anna": {"tidligt": "Vi hørte det ved go-live."},
        "Bo": {"agile": "<b>små</b> skridt"},
        "Cy": {},
    }


def test_three_people_answer_anonymously_in_english(
    browser: Any, tmp_path: Path, en_pack: ContentPack
) -> None:
    run = start_collect(tmp_path, en_pack, "team.toml", anonymous=True)
    done = "Thank you – your answer has been received"
    try:
        form = phone(browser)
        form.goto(run.url)
        assert form.locator("html").get_attribute("lang") == "en"
        assert form.locator("#name").count() == 0  # no name field at all
        assert form.get_by_role("button").inner_text() == "Send my answer"
        assert serious(form) == []
        form.close()
        answer(browser, run.url, {"agile": "1"}, {"agile": "Small steps"}, None, done)
        dee = answer(browser, run.url, {"rammer": "1", "agile": "2"}, {}, None, done)
        answer(browser, run.url, {"rammer": "1"}, {}, None, done)
        dee.get_by_role("link", name="Change my answer").click()
        dee.select_option("#place-agile", "1")
        dee.select_option("#place-rammer", "2")
        dee.get_by_role("button").click()
        dee.wait_for_selector(f"h1:text-is('{done}')")
        assert serious(dee) == []
    finally:
        out = run.close()
    assert "Answers are closed. 3 answers are in team-answers" in out
    files = sorted(run.folder.iterdir())
    assert [f.name.startswith("answer-") for f in files] == [True] * 3
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert 'facilitator = ""' in text and "127.0.0.1" not in text
        assert "Mozilla" not in text and "Chrome" not in text
    assert main(["--lang", "en", "check", *map(str, files)]) == 0
    assert main(["--lang", "en", "merge", str(run.team), *map(str, files)]) == 0
    merged = load_session(run.team)
    assert merged.session.anonymous is True
    assert [i.participant for i in merged.inputs] == ["", "", ""]
    pack = bundled_pack_for(merged)
    scores = {s.id: (s.points, s.ranked, s.rank) for s in aggregate(merged, pack).scores}
    assert scores["agile"] == (20, 2, 1)  # first for the first person and (changed) Dee
    assert scores["rammer"] == (19, 2, 2)  # second for Dee (changed), first for the third
    assert scores["tidligt"] == (0, 0, 3)
