"""The participants' page: plain, self-contained HTML in the session's language.

No script, no font, nothing from another address: one small stylesheet inline. Every
text from a file or a request is made visible (:func:`~inddrag.domain.safe_text.visible`:
control and bidi characters shown, not obeyed) and then HTML-escaped. The form works
without JavaScript: each advice is a fieldset with a place (a ``<select>``) and a comment
(a ``<textarea>``); the full text and questions are one tap away (``<details>``).
"""

from __future__ import annotations

import html

from inddrag.domain.collect import MAX_BODY, MAX_COMMENT, MAX_NAME, Answer
from inddrag.domain.content import ContentPack
from inddrag.domain.safe_text import visible
from inddrag.i18n import t

STYLE = """
:root{color-scheme:light dark}
body{font:1.125rem/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;
max-width:40rem;padding:1rem;overflow-wrap:anywhere}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .75rem}
fieldset{border:1px solid #767676;border-radius:.5rem;margin:0 0 1rem;padding:.5rem .75rem 1rem;
min-width:0}
legend{font-weight:bold;padding:0 .25rem}
label{display:block;margin:.75rem 0 .25rem}
select,input,textarea,button{font:inherit;box-sizing:border-box;max-width:100%}
select,input{min-height:3rem;padding:.25rem .5rem}
input,textarea{width:100%}
textarea{min-height:5rem;padding:.5rem}
summary{cursor:pointer;padding:.75rem 0;text-decoration:underline}
button,a.button{display:inline-block;min-height:3rem;padding:.625rem 1.5rem;border:0;
border-radius:.5rem;background:#0b57a4;color:#fff;font-weight:bold;text-decoration:none}
button:focus-visible,a.button:focus-visible{outline:3px solid #f2b705;outline-offset:2px}
.alert{border:3px solid #b3261e;border-radius:.5rem;padding:.5rem .75rem;margin:0 0 1rem}
.note{font-size:1rem}
.comment{white-space:pre-wrap}
"""


def _e(text: str) -> str:
    """Text from a file or a request, safe in HTML: shown as it is, never obeyed."""
    return html.escape(visible(text, lines=True))


def document(lang: str, title: str, body: str) -> str:
    """A whole page around ``body`` (already HTML)."""
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def message_page(lang: str, title: str, text: str) -> str:
    """A page with a heading and one sentence (closed, full, refused …)."""
    return document(lang, title, f"<h1>{_e(title)}</h1>\n<p>{_e(text)}</p>")


def form_page(
    lang: str,
    session_title: str,
    pack: ContentPack,
    *,
    action: str,
    csrf: str,
    anonymous: bool,
    answer: Answer | None = None,
    error: str = "",
) -> str:
    """The form: the session's title, the advice, a place and a comment for each."""
    places = {advice_id: place for place, advice_id in enumerate(answer.order, 1)} if answer else {}
    comments = answer.comments if answer else {}
    parts = [f"<h1>{_e(session_title or pack.info.title)}</h1>"]
    if error:
        parts.append(f'<p class="alert" role="alert">{_e(error)}</p>')
    parts.append(f"<p>{_e(t('collect.intro', lang))}</p>")
    parts.append(
        f'<form method="post" action="{html.escape(action)}" accept-charset="utf-8">'
        f'<input type="hidden" name="csrf" value="{html.escape(csrf)}">'
    )
    if anonymous:
        parts.append(f'<p class="note">{_e(t("collect.anonymous_note", lang))}</p>')
    else:
        name = answer.name if answer else ""
        parts.append(
            f'<p class="note">{_e(t("collect.named_note", lang))}</p>'
            f'<label for="name">{_e(t("collect.name_label", lang))}</label>'
            f'<input type="text" id="name" name="name" autocomplete="name" '
            f'maxlength="{MAX_NAME}" value="{_e(name)}">'
        )
    parts.append(f"<h2>{_e(t('collect.advice_heading', lang))}</h2>")
    count = len(pack.advice)
    for number, advice in enumerate(pack.advice, 1):
        aid = html.escape(advice.id)
        chosen = places.get(advice.id)
        options = [f'<option value="">{_e(t("collect.place_none", lang))}</option>']
        for place in range(1, count + 1):
            selected = " selected" if place == chosen else ""
            options.append(f'<option value="{place}"{selected}>{place}</option>')
        questions = "".join(f"<li>{_e(q)}</li>" for q in advice.questions)
        parts.append(
            f'<fieldset id="advice-{aid}"><legend>{number}. {_e(advice.title)}</legend>'
            f"<details><summary>{_e(t('collect.read_more', lang))}</summary>"
            f"<p>{_e(advice.text)}</p>{f'<ul>{questions}</ul>' if questions else ''}</details>"
            f'<label for="place-{aid}">{_e(t("collect.place_label", lang))}</label>'
            f'<select id="place-{aid}" name="place-{aid}">{"".join(options)}</select>'
            f'<label for="comment-{aid}">{_e(t("collect.comment_label", lang))}</label>'
            f'<textarea id="comment-{aid}" name="comment-{aid}" rows="3" '
            f'maxlength="{MAX_COMMENT}">{_e(comments.get(advice.id, ""))}</textarea>'
            "</fieldset>"
        )
    parts.append(f'<button type="submit">{_e(t("collect.submit", lang))}</button></form>')
    return document(lang, t("collect.page_title", lang), "\n".join(parts))


def thanks_page(lang: str, pack: ContentPack, answer: Answer, *, change_link: str) -> str:
    """ "Thank you": what was received, and a way to change it until answers close."""
    parts = [
        f"<h1>{_e(t('collect.thanks_title', lang))}</h1>",
        f'<p role="status">{_e(t("collect.thanks_text", lang))}</p>',
        f"<h2>{_e(t('collect.your_order', lang))}</h2>",
    ]
    titles = {a.id: a.title for a in pack.advice}
    if answer.order:
        items = "".join(f"<li>{_e(titles.get(a, a))}</li>" for a in answer.order)
        parts.append(f"<ol>{items}</ol>")
    else:
        parts.append(f"<p>{_e(t('collect.no_order', lang))}</p>")
    if answer.comments:
        parts.append(f"<h2>{_e(t('collect.your_comments', lang))}</h2><dl>")
        for advice_id, text in answer.comments.items():
            parts.append(
                f"<dt>{_e(titles.get(advice_id, advice_id))}</dt>"
                f'<dd class="comment">{_e(text)}</dd>'
            )
        parts.append("</dl>")
    parts.append(
        f'<p><a class="button" href="{html.escape(change_link)}">'
        f"{_e(t('collect.change', lang))}</a></p>"
    )
    return document(lang, t("collect.thanks_title", lang), "\n".join(parts))


def too_large_page(lang: str) -> str:
    return message_page(
        lang,
        t("collect.too_large_title", lang),
        t("collect.too_large_text", lang, size=MAX_BODY // 1024),
    )
