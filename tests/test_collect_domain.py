"""Participants' answers without a network: form → answer → prep file, the box, the caps."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from inddrag.domain.check import check_path
from inddrag.domain.collect import (
    Answer,
    AnswerBox,
    BoxClosed,
    BoxFull,
    FormError,
    answer_prep,
    answers_folder,
    parse_form,
    qr_half_blocks,
    qr_matrix,
)
from inddrag.domain.collect_page import form_page, thanks_page
from inddrag.domain.content import ContentPack
from inddrag.domain.merge import merge_preps
from inddrag.domain.session import Session, new_session
from inddrag.domain.storage import load_session

TZ = timezone(timedelta(hours=1))
WHEN = datetime(2026, 12, 3, 10, 0, tzinfo=TZ)


def team(pack: ContentPack, *, anonymous: bool = False) -> Session:
    session = new_session(pack, "team", when=WHEN)
    session.session.title = "Nyt vagtplanssystem"
    session.session.team = "Hjemmeplejen Nord"
    session.session.anonymous = anonymous
    return session


def test_a_form_becomes_an_answer_in_place_order(da_pack: ContentPack) -> None:
    fields = {
        "place-tidligt": "2",
        "place-konsekvenser": "1",
        "place-usynligt": "2",
        "place-rammer": "",
        "comment-tidligt": "  Vi hørte først om det ved go-live.\r\nFor sent.  ",
        "comment-agile": "   ",
        "name": "  Bo   Larsen ",
        "place-../../etc/passwd": "1",
        "csrf": "x",
    }
    answer = parse_form(fields, da_pack, anonymous=False)
    # Equal places keep the pack's order (tidligt is 4th, usynligt 9th).
    assert answer == Answer(
        ("konsekvenser", "tidligt", "usynligt"),
        {"tidligt": "Vi hørte først om det ved go-live.\nFor sent."},
        "Bo Larsen",
    )
    assert parse_form(fields, da_pack, anonymous=True).name == ""


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"place-tidligt": "11"}, "bad_place"),
        ({"place-tidligt": "0"}, "bad_place"),
        ({"place-tidligt": "-1"}, "bad_place"),
        ({"place-tidligt": "٣"}, "bad_place"),
        ({"comment-tidligt": "x" * 2001}, "comment_too_long"),
        ({"place-tidligt": "1", "name": "n" * 121}, "name_too_long"),
        ({"name": "Bo"}, "empty"),
        ({}, "empty"),
    ],
)
def test_a_form_it_cannot_take_is_one_sentence(
    da_pack: ContentPack, fields: dict[str, str], code: str
) -> None:
    with pytest.raises(FormError) as caught:
        parse_form(fields, da_pack, anonymous=False)
    assert caught.value.code == code
    assert caught.value.sentence("en") != f"collect.{code}"


def test_an_answer_becomes_a_prep_as_inddrag_prep_makes_it(da_pack: ContentPack) -> None:
    answer = Answer(("tidligt", "rammer"), {"agile": "Små skridt", "tidligt": "Nu!"}, "Bo Larsen")
    prep = answer_prep(answer, team(da_pack), da_pack, prep_id="id-1", when=WHEN)
    assert prep.kind == "prep"
    assert prep.session.id == "id-1"
    assert prep.session.title == "Nyt vagtplanssystem"
    assert prep.session.team == "Hjemmeplejen Nord"
    assert prep.session.facilitator == "Bo Larsen"
    assert prep.priorities.order == ["tidligt", "rammer"]
    assert [(e.id, e.notes, e.votes) for e in prep.advice] == [
        ("tidligt", "Nu!", 0),
        ("agile", "Små skridt", 0),
    ]
    assert prep.inputs == []
    anonymous = answer_prep(answer, team(da_pack, anonymous=True), da_pack, prep_id="i", when=WHEN)
    assert anonymous.session.facilitator == ""


def test_the_folder_is_beside_the_session_in_its_language() -> None:
    assert answers_folder(Path("/m/hold.toml"), "da") == Path("/m/hold-svar")
    assert answers_folder(Path("/m/team.toml"), "en") == Path("/m/team-answers")


def test_answers_are_valid_preps_and_a_secret_replaces_only_its_own(
    tmp_path: Path, da_pack: ContentPack
) -> None:
    seen: list[str] = []
    box = AnswerBox(
        tmp_path / "hold-svar",
        team(da_pack),
        da_pack,
        on_answer=lambda path, prep: seen.append(prep.session.facilitator),
    )
    first = box.submit(None, Answer(("tidligt",), {}, "Bo"), when=WHEN)
    second = box.submit(None, Answer(("rammer",), {}, "Cy"), when=WHEN)
    again = box.submit(first.secret, Answer(("agile", "tidligt"), {"agile": "ja"}, "Bo"), when=WHEN)
    assert (first.replaced, second.replaced, again.replaced) == (False, False, True)
    assert again.prep_id == first.prep_id and again.path == first.path
    assert again.secret == first.secret
    assert first.secret != second.secret and len(first.secret) == 43
    assert first.path.name == f"svar-{first.prep_id}.toml"
    assert box.count == 2
    assert seen == ["Bo", "Cy", "Bo"]
    assert box.answer_of(first.secret) == Answer(("agile", "tidligt"), {"agile": "ja"}, "Bo")
    assert box.answer_of("a guess") is None
    assert box.answer_of(None) is None
    for path in sorted((tmp_path / "hold-svar").iterdir()):
        report = check_path(path)
        assert report.ok and report.problems == [], report.problems
    assert load_session(first.path).priorities.order == ["agile", "tidligt"]
    # The secret itself is kept nowhere on disk.
    for path in (tmp_path / "hold-svar").iterdir():
        assert first.secret not in path.read_text(encoding="utf-8")


def test_merging_the_box_gives_one_input_per_person(tmp_path: Path, da_pack: ContentPack) -> None:
    box = AnswerBox(tmp_path / "svar", team(da_pack, anonymous=True), da_pack)
    bo = box.submit(None, Answer(("tidligt", "rammer"), {}, ""), when=WHEN)
    box.submit(None, Answer(("rammer",), {"rammer": "<b>x</b>"}, ""), when=WHEN)
    box.submit(bo.secret, Answer(("tidligt",), {}, ""), when=WHEN)
    result = merge_preps(team(da_pack, anonymous=True), box.preps(), anonymous=False, when=WHEN)
    inputs = sorted(result.session.inputs, key=lambda i: i.order)
    assert [(i.participant, i.order, i.notes) for i in inputs] == [
        ("", ["rammer"], {"rammer": "<b>x</b>"}),
        ("", ["tidligt"], {}),
    ]
    assert result.session.session.anonymous is True


def test_the_cap_and_the_states(tmp_path: Path, da_pack: ContentPack) -> None:
    box = AnswerBox(tmp_path / "svar", team(da_pack), da_pack, max_answers=2)
    one = box.submit(None, Answer(("tidligt",)), when=WHEN)
    box.submit(None, Answer(("rammer",)), when=WHEN)
    with pytest.raises(BoxFull):
        box.submit(None, Answer(("agile",)), when=WHEN)
    assert box.submit(one.secret, Answer(("agile",)), when=WHEN).replaced  # own answer: fine
    assert box.count == 2
    # A new round on the same folder counts the answers already there.
    later = AnswerBox(tmp_path / "svar", team(da_pack), da_pack, max_answers=3)
    assert later.count == 2
    later.state = "closed"
    with pytest.raises(BoxClosed):
        later.submit(None, Answer(("tidligt",)), when=WHEN)


def test_text_from_a_request_is_inert_on_the_page(da_pack: ContentPack) -> None:
    hostile = '<script>alert(1)</script>\x1b]52;c;aGk=\x07 \u202egnp.exe "&'
    answer = Answer(("tidligt",), {"tidligt": hostile}, hostile)
    page = form_page(
        "da", "<i>titel</i>", da_pack, action="/t", csrf="c", anonymous=False, answer=answer
    )
    thanks = thanks_page("da", da_pack, answer, change_link="/t?ret=1")
    for html in (page, thanks):
        assert "<script>" not in html and "\x1b" not in html and "\u202e" not in html
        assert "\x07" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;␛]52;c;aGk=␇ ⟨U+202E⟩gnp.exe &quot;&amp;" in page
    assert "<h1>&lt;i&gt;titel&lt;/i&gt;</h1>" in page
    assert '<option value="1" selected>1</option>' in page


def test_the_page_has_labels_fieldsets_and_a_language(
    da_pack: ContentPack, en_pack: ContentPack
) -> None:
    page = form_page("da", "Møde", da_pack, action="/t", csrf="c", anonymous=True)
    assert page.startswith('<!DOCTYPE html>\n<html lang="da">')
    assert page.count("<fieldset") == 10 and page.count("<legend>") == 10
    assert page.count('<label for="place-') == 10 and page.count('<label for="comment-') == 10
    assert 'name="name"' not in page  # anonymous: no name field
    assert "http" not in page and "<script" not in page and "<link" not in page
    assert "Send mit svar" in page
    english = form_page("en", "Meeting", en_pack, action="/t", csrf="c", anonymous=False)
    assert '<html lang="en">' in english and "Send my answer" in english
    assert '<label for="name">Your name (optional)</label>' in english


def test_the_qr_code_in_half_blocks_is_the_codes_modules() -> None:
    url = "http://192.168.1.23:8765/abcdefghijkl"
    matrix = qr_matrix(url)
    lines = qr_half_blocks(url)
    assert len(matrix) == 33 and len(lines) == 17  # version 3, a border of 2
    back = {"█": (False, False), "▀": (False, True), "▄": (True, False), " ": (True, True)}
    rows: list[list[bool]] = []
    for line in lines:
        pairs = [back[c] for c in line]
        rows.append([top for top, _ in pairs])
        rows.append([bottom for _, bottom in pairs])
    assert rows[:33] == matrix
    assert rows[33] == [False] * 33
    assert lines[0] == "█" * 33  # the quiet zone is light


def test_a_hostile_comment_is_inert_in_every_export(tmp_path: Path, da_pack: ContentPack) -> None:
    """Script, bidi and escape bytes from a phone: stored as text, never obeyed downstream."""
    import io
    import zipfile

    from inddrag.domain.export.files import render, session_report
    from inddrag.domain.export.formats import FORMATS

    hostile = "<script>alert(1)</script>\x1b]0;owned\x07 \u202etxt.exe"
    box = AnswerBox(tmp_path / "svar", team(da_pack), da_pack)
    box.submit(None, Answer(("tidligt",), {"tidligt": hostile}, "Bo\x1b[2J"), when=WHEN)
    [(path, prep)] = box.preps()
    assert prep.advice[0].notes == hostile  # stored as the participant's text
    merged = merge_preps(team(da_pack), [(path, prep)], anonymous=False, when=WHEN).session
    assert merged.inputs[0].notes == {"tidligt": hostile}
    report = session_report(merged, da_pack, "da")
    for fmt in FORMATS.values():
        for target, data in render(report, fmt.id, tmp_path / f"ud{fmt.suffix}"):
            parts = [data]
            if fmt.id == "xlsx":
                with zipfile.ZipFile(io.BytesIO(data)) as book:
                    parts = [book.read(name) for name in book.namelist()]
            for part in parts:
                assert b"\x1b" not in part and b"\x07" not in part, target
            if fmt.id == "html":
                assert b"<script>" not in data and b"&lt;script&gt;alert(1)" in data
            if fmt.id == "md":  # escaped for Markdown: shown as text, never as HTML
                assert data.count(b"<script>") == data.count(b"\\<script>") == 1


def test_an_answer_that_cannot_be_written_leaves_nothing_behind(
    tmp_path: Path, da_pack: ContentPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Disk full: the answer is not counted, not shown as received, and the participant's
    earlier answer (in memory and on disk) stays as it was."""
    import inddrag.domain.collect as collect
    from inddrag.domain.atomic import SaveError

    box = AnswerBox(tmp_path / "hold-svar", team(da_pack), da_pack, max_answers=2)
    bo = box.submit(None, Answer(("tidligt",), {}, "Bo"), when=WHEN)

    def full(*_args: object, **_kw: object) -> None:
        raise SaveError(tmp_path / "x", "disk_full", code=28)

    monkeypatch.setattr(collect, "save_session", full)
    for _ in range(3):
        with pytest.raises(OSError):
            box.submit(None, Answer(("rammer",), {}, "Cy"), when=WHEN)
    with pytest.raises(OSError):
        box.submit(bo.secret, Answer(("agile",), {}, "Bo"), when=WHEN)
    assert box.count == 1
    assert box.answer_of(bo.secret) == Answer(("tidligt",), {}, "Bo")
    assert [p.priorities.order for _, p in box.preps()] == [["tidligt"]]
    monkeypatch.undo()
    box.submit(None, Answer(("rammer",), {}, "Cy"), when=WHEN)  # room for one more
    assert box.count == 2


def test_anonymous_answers_carry_no_time_of_their_own(tmp_path: Path, da_pack: ContentPack) -> None:
    """In an anonymous session the time an answer came would tell whose it is (the leader
    saw Bo press send at 10:03:12): every file carries the minute answers opened, in its
    text and as its modification time. A named session keeps each answer's own time."""
    from datetime import timedelta

    box = AnswerBox(tmp_path / "svar", team(da_pack, anonymous=True), da_pack)
    first = box.submit(None, Answer(("tidligt",)), when=WHEN)
    later = box.submit(None, Answer(("rammer",)), when=WHEN + timedelta(minutes=7, seconds=3))
    box.submit(first.secret, Answer(("agile",)), when=WHEN + timedelta(minutes=9))
    stamps = set()
    for path in (first.path, later.path):
        prep = load_session(path)
        stamps.add((prep.session.created, prep.session.updated, path.stat().st_mtime))
        assert "10:07" not in path.read_text(encoding="utf-8")
    assert stamps == {(box.opened, box.opened, box.opened.timestamp())}
    assert box.opened.second == 0
    named = AnswerBox(tmp_path / "navne", team(da_pack), da_pack)
    own = named.submit(None, Answer(("tidligt",), {}, "Bo"), when=WHEN)
    assert load_session(own.path).session.created == WHEN


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_pipe_or_link_planted_in_the_folder_is_no_answer(
    tmp_path: Path, da_pack: ContentPack
) -> None:
    """Someone who can write in the folder plants a pipe and links (to /dev/zero, to a file
    elsewhere) under answers' names: they do not count toward the cap, nothing opens them,
    and the merge's careful read refuses them."""
    from inddrag.domain.errors import FileProblems

    folder = tmp_path / "svar"
    folder.mkdir()
    outside = tmp_path / "privat.toml"
    outside.write_text("hemmeligt", encoding="utf-8")
    names = [f"svar-0000000{n}-0000-4000-8000-000000000000.toml" for n in range(3)]
    os.mkfifo(folder / names[0])
    (folder / names[1]).symlink_to("/dev/zero")
    (folder / names[2]).symlink_to(outside)
    box = AnswerBox(folder, team(da_pack), da_pack, max_answers=1)
    assert box.count == 0
    box.submit(None, Answer(("tidligt",)), when=WHEN)  # there is room for the one real
    for name in names[:2]:
        with pytest.raises(FileProblems):
            load_session(folder / name)
