"""``domain/collect_page.py``: the participants' page, pinned down where mutation testing
found the suite silent (docs/testing.md, "Mutation testing"). The pages are written out
whole (but for the stylesheet): every text from a file or a request is shown, escaped,
never obeyed, and the form's names are what ``parse_form`` reads. Each test says what it
guards.
"""

from __future__ import annotations

import dataclasses

import pytest

from inddrag.domain.collect import Answer
from inddrag.domain.collect_page import form_page, message_page, thanks_page, too_large_page
from inddrag.domain.content import ContentPack


@pytest.fixture
def two_advice(da_pack: ContentPack) -> ContentPack:
    """The Danish pack cut to two advice: one with markup and a bidi override in its
    texts and two questions, one with no questions."""
    first = da_pack.advice[0].model_copy(
        update={
            "title": "Råd <1>",
            "text": "Tekst & mere",
            "questions": ["Hvorfor?", "Hvem\u202e?"],
        }
    )
    second = da_pack.advice[1].model_copy(
        update={"title": "Råd 2", "text": "Kort.", "questions": []}
    )
    return dataclasses.replace(da_pack, advice=(first, second))


def head(lang: str, title: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>"
    )


def after_style(page: str) -> str:
    return page.split("</style>\n", 1)[1]


NAMED_FORM = """\
</head>
<body>
<main>
<h1>Vagtplan &quot;ny&quot;</h1>
<p class="alert" role="alert">For lang␛[31m</p>
<p>Which pieces of advice matter most to you? Give the ones that matter most to you a \
place (1 is the most important). You need not place them all. A comment is welcome.</p>
<form method="post" action="/svar?t=a&amp;b=1" accept-charset="utf-8">\
<input type="hidden" name="csrf" value="to&quot;k">
<p class="note">Write your name if the meeting leader may see whose answer it is. You may \
also leave it empty.</p><label for="name">Your name (optional)</label>\
<input type="text" id="name" name="name" autocomplete="name" maxlength="120" \
value="Bo &amp; Co">
<h2>The ten pieces of advice</h2>
<fieldset id="advice-konsekvenser"><legend>1. Råd &lt;1&gt;</legend><details>\
<summary>Read the advice and its questions</summary><p>Tekst &amp; mere</p>\
<ul><li>Hvorfor?</li><li>Hvem⟨U+202E⟩?</li></ul></details>\
<label for="place-konsekvenser">Place</label>\
<select id="place-konsekvenser" name="place-konsekvenser"><option value="">Not chosen</option>\
<option value="1">1</option><option value="2">2</option></select>\
<label for="comment-konsekvenser">Your comment on this advice (optional)</label>\
<textarea id="comment-konsekvenser" name="comment-konsekvenser" rows="3" maxlength="2000">\
Hej &lt;b&gt;</textarea></fieldset>
<fieldset id="advice-rammer"><legend>2. Råd 2</legend><details>\
<summary>Read the advice and its questions</summary><p>Kort.</p></details>\
<label for="place-rammer">Place</label>\
<select id="place-rammer" name="place-rammer"><option value="">Not chosen</option>\
<option value="1" selected>1</option><option value="2">2</option></select>\
<label for="comment-rammer">Your comment on this advice (optional)</label>\
<textarea id="comment-rammer" name="comment-rammer" rows="3" maxlength="2000"></textarea>\
</fieldset>
<button type="submit">Send my answer</button></form>
</main>
</body>
</html>
"""


def test_the_named_form_filled_again_shows_the_answer_escaped(two_advice: ContentPack) -> None:
    """Guards ``form_page`` with a name field, an earlier answer and an error: the title,
    the alert (an escape shown, not obeyed), the action and the CSRF token escaped in
    their attributes, the name, the chosen place selected, the comment, the questions."""
    page = form_page(
        "en",
        'Vagtplan "ny"',
        two_advice,
        action="/svar?t=a&b=1",
        csrf='to"k',
        anonymous=False,
        answer=Answer(("rammer",), {"konsekvenser": "Hej <b>"}, "Bo & Co"),
        error="For lang\x1b[31m",
    )
    assert page.startswith(head("en", "Your answer"))
    assert after_style(page) == NAMED_FORM


def test_a_named_form_not_yet_answered_has_an_empty_name(two_advice: ContentPack) -> None:
    """Guards the name field of a first visit: empty, and nothing selected."""
    page = form_page("en", "T", two_advice, action="/a", csrf="c", anonymous=False)
    assert 'autocomplete="name" maxlength="120" value="">\n<h2>' in page
    assert " selected" not in page


ANONYMOUS_FORM = """\
</head>
<body>
<main>
<h1>Ti gode råd om medarbejderinddragelse i digitaliseringen</h1>
<p>Hvilke råd er vigtigst for jer? Giv de råd, der betyder mest for dig, en plads (1 er \
det vigtigste). Du behøver ikke placere dem alle. Skriv gerne en kommentar.</p>
<form method="post" action="/a" accept-charset="utf-8">\
<input type="hidden" name="csrf" value="c">
<p class="note">Svarene er anonyme: dit navn bliver ikke gemt, og det gør din telefons \
adresse heller ikke.</p>
<h2>De ti råd</h2>
<fieldset id="advice-konsekvenser"><legend>1. Råd &lt;1&gt;</legend><details>\
<summary>Læs rådet og spørgsmålene</summary><p>Tekst &amp; mere</p>\
<ul><li>Hvorfor?</li><li>Hvem⟨U+202E⟩?</li></ul></details>\
<label for="place-konsekvenser">Plads</label>\
<select id="place-konsekvenser" name="place-konsekvenser"><option value="">Ikke valgt</option>\
<option value="1">1</option><option value="2">2</option></select>\
<label for="comment-konsekvenser">Din kommentar til rådet (kan udelades)</label>\
<textarea id="comment-konsekvenser" name="comment-konsekvenser" rows="3" maxlength="2000">\
</textarea></fieldset>
<fieldset id="advice-rammer"><legend>2. Råd 2</legend><details>\
<summary>Læs rådet og spørgsmålene</summary><p>Kort.</p></details>\
<label for="place-rammer">Plads</label>\
<select id="place-rammer" name="place-rammer"><option value="">Ikke valgt</option>\
<option value="1">1</option><option value="2">2</option></select>\
<label for="comment-rammer">Din kommentar til rådet (kan udelades)</label>\
<textarea id="comment-rammer" name="comment-rammer" rows="3" maxlength="2000"></textarea>\
</fieldset>
<button type="submit">Send mit svar</button></form>
</main>
</body>
</html>
"""


def test_the_anonymous_form_asks_no_name_and_falls_back_to_the_packs_title(
    two_advice: ContentPack,
) -> None:
    """Guards ``form_page`` for an anonymous session with no title and no answer yet: the
    pack's title, the anonymity note and no name field, nothing selected or filled in."""
    page = form_page("da", "", two_advice, action="/a", csrf="c", anonymous=True)
    assert page.startswith(head("da", "Dit svar"))
    assert after_style(page) == ANONYMOUS_FORM
    english = form_page("en", "", two_advice, action="/a", csrf="c", anonymous=True)
    assert (
        '<p class="note">Answers are anonymous: your name is not stored, and neither is'
        " your phone&#x27;s address.</p>\n<h2>"
    ) in english


THANKS = """\
</head>
<body>
<main>
<h1>Thank you – your answer has been received</h1>
<p role="status">You can change your answer until the meeting leader closes answers.</p>
<h2>Your order</h2>
<ol><li>Råd 2</li><li>ukendt</li></ol>
<h2>Your comments</h2><dl>
<dt>Råd &lt;1&gt;</dt><dd class="comment">Linje 1
Linje 2</dd>
<dt>x</dt><dd class="comment">y</dd>
</dl>
<p><a class="button" href="/?s=1&amp;t=2">Change my answer</a></p>
</main>
</body>
</html>
"""


def test_the_thanks_page_repeats_the_answer_by_the_packs_titles(two_advice: ContentPack) -> None:
    """Guards ``thanks_page``: the order and the comments by the pack's titles (an id the
    pack lacks as it is), line breaks kept, the change link escaped in its attribute."""
    answer = Answer(("rammer", "ukendt"), {"konsekvenser": "Linje 1\nLinje 2", "x": "y"})
    page = thanks_page("en", two_advice, answer, change_link="/?s=1&t=2")
    assert page.startswith(head("en", "Thank you – your answer has been received"))
    assert after_style(page) == THANKS


def test_the_thanks_page_without_an_order_or_comments_says_so(two_advice: ContentPack) -> None:
    """Guards the empty branches of ``thanks_page``: no list, no comments heading."""
    page = thanks_page("da", two_advice, Answer(), change_link="/")
    assert after_style(page) == (
        "</head>\n<body>\n<main>\n"
        "<h1>Tak – dit svar er modtaget</h1>\n"
        '<p role="status">Du kan rette dit svar, indtil mødelederen lukker for svar.</p>\n'
        "<h2>Din rækkefølge</h2>\n"
        "<p>Du har ikke placeret nogen råd.</p>\n"
        '<p><a class="button" href="/">Ret mit svar</a></p>\n'
        "</main>\n</body>\n</html>\n"
    )
    english = thanks_page("en", two_advice, Answer(), change_link="/")
    assert "<h2>Your order</h2>\n<p>You placed no advice.</p>\n" in english


def test_the_too_large_page_names_the_limit_in_kilobytes() -> None:
    """Guards ``too_large_page`` (and ``message_page``): title, heading and sentence, the
    limit as 64 KB."""
    page = too_large_page("en")
    assert page.startswith(head("en", "The answer is too large"))
    assert after_style(page) == (
        "</head>\n<body>\n<main>\n"
        "<h1>The answer is too large</h1>\n"
        "<p>The answer is larger than 64 KB and was not stored. Please write shorter"
        " comments.</p>\n"
        "</main>\n</body>\n</html>\n"
    )


def test_a_message_page_escapes_its_language_title_and_text() -> None:
    """Guards ``document``/``message_page``: nothing given to them is obeyed as HTML."""
    page = message_page('d"a', "<Lukket>", "Tak & farvel\u202e")
    assert page.startswith(head("d&quot;a", "&lt;Lukket&gt;"))
    assert after_style(page) == (
        "</head>\n<body>\n<main>\n"
        "<h1>&lt;Lukket&gt;</h1>\n<p>Tak &amp; farvel⟨U+202E⟩</p>\n"
        "</main>\n</body>\n</html>\n"
    )
