"""``domain/filenames.py``: the file names the save and export dialogs offer, pinned down
where mutation testing found the suite silent (docs/testing.md, "Mutation testing").
Expected names are written out; each test says what it guards.
"""

from __future__ import annotations

from pathlib import Path

from inddrag.domain.filenames import portable_stem, suggested_stem

# -- portable_stem ----------------------------------------------------------------------


def test_each_run_of_forbidden_characters_becomes_one_dash() -> None:
    """Windows' forbidden characters and controls, each run one ``-``."""
    assert portable_stem("Møde: plan?") == "Møde- plan-"
    assert portable_stem('a<>:"/\\|?*b') == "a-b"
    assert portable_stem("a\x00\x1fb\x7fc") == "a-b-c"


def test_a_name_from_a_macs_disk_is_made_nfc() -> None:
    """ "å" as "a" and a ring (NFD) becomes the one character "å"."""
    assert portable_stem("Ma\u030ade") == "M\u00e5de"


def test_a_long_name_is_cut_to_120_characters_then_trimmed() -> None:
    """120 characters kept; a dot or space the cut leaves at the end is dropped too."""
    assert portable_stem("x" * 130) == "x" * 120
    assert portable_stem("x" * 119 + ". y") == "x" * 119


def test_dots_and_spaces_at_either_end_are_dropped() -> None:
    """No dot or space first or last (Windows drops them; a leading dot hides the file)."""
    assert portable_stem(" .møde. ") == "møde"
    assert portable_stem("a.b") == "a.b"
    assert portable_stem("Xmas X") == "Xmas X"  # only dots and spaces, no other letter


def test_a_name_of_nothing_usable_is_the_fallback() -> None:
    """Only dots and spaces: the fallback, ``inddrag`` unless another is given."""
    assert portable_stem("...") == "inddrag"
    assert portable_stem(" . ", "referat") == "referat"


def test_a_device_name_gets_an_underscore_in_any_case_and_with_any_ending() -> None:
    """CON, PRN, AUX, NUL, COM0–9, LPT0–9 and the superscript forms, before the first
    dot and whatever the case; the ``_`` goes before the dot."""
    assert portable_stem("CON") == "CON_"
    assert portable_stem("nul.tar") == "nul_.tar"
    assert portable_stem("Aux") == "Aux_"
    assert portable_stem("prn") == "prn_"
    assert portable_stem("com0") == "com0_"
    assert portable_stem("LPT9") == "LPT9_"
    assert portable_stem("COM¹") == "COM¹_"
    assert portable_stem("lpt³.x") == "lpt³_.x"
    assert portable_stem("CON .x") == "CON _.x"


def test_names_that_only_look_like_devices_are_kept() -> None:
    """Longer names, or a device name inside another, are not devices."""
    assert portable_stem("COM10") == "COM10"
    assert portable_stem("CONSOLE") == "CONSOLE"
    assert portable_stem("x.CON") == "x.CON"
    assert portable_stem("LPT") == "LPT"
    assert portable_stem("CONX.txt") == "CONX.txt"
    assert (
        portable_stem("CON\u00a0.x") == "CON\u00a0.x"
    )  # only spaces are dropped (as Windows does)


# -- suggested_stem ---------------------------------------------------------------------


def test_the_open_files_own_name_comes_first() -> None:
    """A session with a file: its stem, made portable, whatever the title or author."""
    assert suggested_stem("Titel", path=Path("mappe") / "Møde i dag.toml") == "Møde i dag"
    assert suggested_stem("Titel", kind="prep", author="Åse", path=Path("con.toml")) == "con_"


def test_a_session_without_a_file_is_named_after_its_title() -> None:
    """The title as an ASCII id; an empty title gives ``inddrag``."""
    assert suggested_stem("Nyt vagtplanssystem") == "nyt-vagtplanssystem"
    assert suggested_stem("Hvornår?") == "hvornaar"
    assert suggested_stem("") == "inddrag"
    assert suggested_stem("Nyt system", author="Åse") == "nyt-system"


def test_a_preparation_is_named_after_its_author() -> None:
    """``forb-`` and the author as an id; without an author, the title."""
    assert suggested_stem("Titel", kind="prep", author="Åse Ærø") == "forb-aase-aeroe"
    assert suggested_stem("Titel", kind="prep", author="!!") == "forb-x"
    assert suggested_stem("Titel", kind="prep") == "titel"


def test_a_long_title_ends_on_a_whole_word() -> None:
    """A title whose id reaches 40 characters ends on the last whole word that keeps it
    under 40; one just under 40 is kept whole."""
    title = "Inddragelse af medarbejderne i digitaliseringen af hjemmeplejen"
    assert suggested_stem(title) == "inddragelse-af-medarbejderne-i"
    assert suggested_stem("a" * 20 + " " + "b" * 18) == "a" * 20 + "-" + "b" * 18  # 39
    assert suggested_stem("a" * 20 + " " + "b" * 19) == "a" * 20  # 40: cut
    assert suggested_stem("a" * 20 + " " + "b" * 10 + " " + "c" * 7) == (
        "a" * 20 + "-" + "b" * 10 + "-" + "c" * 7
    )  # 39 again, three words


def test_a_prefix_of_exactly_40_is_too_long() -> None:
    """The words are taken while their id stays under 40 characters."""
    title = "a" * 19 + " " + "b" * 20 + " c"  # prefixes: 19, 40, 42
    assert suggested_stem(title) == "a" * 19


def test_a_title_of_one_long_word_is_its_id_cut() -> None:
    """One word (or a first word of 40 or more): the id as slugify cuts it."""
    assert suggested_stem("x" * 50) == "x" * 40
    assert suggested_stem("y" * 45 + " z") == "y" * 40


def test_a_first_word_that_is_no_id_does_not_count_as_one() -> None:
    """A dash or other sign first slugs to nothing: it is neither a stem nor a fallback."""
    assert suggested_stem("– " + "a" * 30 + " " + "b" * 30) == "a" * 30
    assert suggested_stem("– " + "a" * 45) == "a" * 40
