"""``domain/collect.py``: participants' answers without a network, pinned down where
mutation testing found the suite silent (docs/testing.md, "Mutation testing"). Expected
values are written out; each test says what it guards.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from inddrag.domain.collect import (
    Answer,
    AnswerBox,
    FormError,
    parse_form,
    qr_half_blocks,
    qr_matrix,
    secret_key,
)
from inddrag.domain.content import ContentPack
from inddrag.domain.session import Session, new_session


def test_a_form_error_says_its_limit_in_the_language_asked() -> None:
    """Guards ``FormError.sentence``: the sentence in the language asked, with the limits
    (2000 characters for a comment, 120 for a name) filled in; the code is the error's
    text."""
    assert FormError("comment_too_long").sentence("en") == (
        "A comment may be at most 2000 characters."
    )
    assert FormError("name_too_long").sentence("en") == "The name may be at most 120 characters."
    assert FormError("name_too_long").sentence("da") == "Navnet må højst være 120 tegn."
    error = FormError("empty")
    assert (str(error), error.args, error.code) == ("empty", ("empty",), "empty")


def test_a_comment_and_a_name_at_their_limits_are_taken(da_pack: ContentPack) -> None:
    """Guards the limits' edges in ``parse_form``: a comment of exactly 2000 characters
    and a name of exactly 120 are taken, one more character is refused."""
    fields = {"comment-tidligt": "k" * 2000, "name": "n" * 120}
    assert parse_form(fields, da_pack, anonymous=False) == Answer(
        (), {"tidligt": "k" * 2000}, "n" * 120
    )
    with pytest.raises(FormError) as caught:
        parse_form({**fields, "comment-tidligt": "k" * 2001}, da_pack, anonymous=False)
    assert caught.value.code == "comment_too_long"
    with pytest.raises(FormError) as caught:
        parse_form({**fields, "name": "n" * 121}, da_pack, anonymous=False)
    assert caught.value.code == "name_too_long"


def test_a_short_link_is_a_full_qr_code_never_a_micro_one() -> None:
    """Guards ``micro=False`` and the modules in ``qr_matrix``: a short text that would fit
    a Micro QR code (which many phone cameras do not read) is a version 1 code, 21 modules
    and a border of 2 each way, its finder pattern dark."""
    matrix = qr_matrix("http://a/")
    assert (len(matrix), len(matrix[0])) == (25, 25)
    assert matrix[0] == [False] * 25  # the quiet border is light
    assert matrix[2][:10] == [False, False, *([True] * 7), False]


def test_the_half_block_code_takes_the_border_asked() -> None:
    """Guards ``border`` passed on by ``qr_half_blocks``: a border of 4 makes a version 1
    code 29 modules wide, 15 lines of two rows (the last row added, light)."""
    lines = qr_half_blocks("http://a/", border=4)
    assert (len(lines), {len(line) for line in lines}) == (15, {29})
    assert lines[0] == lines[1] == "█" * 29


def test_a_secret_with_a_lone_surrogate_is_hashed_not_a_crash() -> None:
    """Guards ``"surrogatepass"`` in ``secret_key``: a cookie is the browser's to send, and
    one decoded with a lone surrogate in it is hashed (its UTF-8 bytes as they are) rather
    than failing the request; an ordinary secret is the SHA-256 of its UTF-8."""
    assert secret_key("ab\udcff") == (
        "4b866386cd6a509fb3d15cacbcef805fd4e916f1c724919d8521919a60964440"
    )
    assert secret_key("cookie") == (
        "d7e83e28a04b537e64424546b14caf9b67bad2f28dabce68116e0d372319fa00"
    )


def test_the_leader_is_told_where_each_answer_was_stored(
    tmp_path: Path, da_pack: ContentPack
) -> None:
    """Guards ``on_answer(path, prep)``: the leader's app is given the stored file's path
    (``svar-<prep id>.toml`` in the box's folder) with the prep."""
    told: list[tuple[Path, Session]] = []
    box = AnswerBox(
        tmp_path / "hold-svar",
        new_session(da_pack, "team"),
        da_pack,
        on_answer=lambda path, prep: told.append((path, prep)),
    )
    receipt = box.submit(None, Answer(("tidligt",), {}, "Bo"))
    [(path, prep)] = told
    assert path == tmp_path / "hold-svar" / f"svar-{receipt.prep_id}.toml"
    assert path.is_file()
    assert prep.priorities.order == ["tidligt"]
