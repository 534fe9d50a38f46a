"""The session file's text: TOML laid out by hand, in the order of the format document.

:func:`dumps_session` writes a whole session, :func:`dump_parts` its head and body apart
(the recovery copy adds its own lines between them), :func:`toml_lines` one table of
plain values. A text with line breaks is a multi-line literal string when that keeps it
exactly; every other string is escaped exactly as :mod:`tomli_w` escapes them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from inddrag.domain.session import Meeting, Session

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
MAX_INLINE = 100


_COMPACT = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_BASIC_ESCAPES = {
    code: _COMPACT.get(chr(code), f"\\u{code:04x}")
    for code in [*range(0x20), 0x7F, ord('"'), ord("\\")]
    if code != ord("\t")
}
"""What a TOML basic string escapes, written exactly as :mod:`tomli_w` writes it."""


def _string(text: str) -> str:
    """A TOML basic string on one line (lossless for ``\\r\\n``), byte for byte as
    ``tomli_w.dumps(…, multiline_strings=False)`` writes it, at C speed (``str.translate``)
    instead of its loop over every character."""
    return '"' + text.translate(_BASIC_ESCAPES) + '"'


_NOT_IN_LITERAL = frozenset(map(chr, [*range(0x20), 0x7F])) - {"\n", "\t"}
"""What a multi-line literal string cannot hold (TOML: control characters but tab and LF)."""


def _text(text: str) -> str:
    """A text value: with line breaks, a multi-line literal string (the text as it is,
    between ``'''`` lines: read back at C speed, and readable in an editor) when that keeps
    it exactly; else a one-line basic string (:func:`_string`).

    Exactly means: no control character but tab and line feed (a carriage return stays
    ``\\r``), no ``'''`` inside and no ``'`` at the end (either would close the string).
    The line break after the opening ``'''`` is one TOML trims, so a text that starts
    with a line break keeps it.
    """
    if (
        "\n" in text
        and "'''" not in text
        and not text.endswith("'")
        and _NOT_IN_LITERAL.isdisjoint(text)
    ):
        return "'''\n" + text + "'''"
    return _string(text)


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _datetime(value: datetime) -> str:
    """RFC 3339 with a ``T``; an offset TOML cannot write (seconds) is moved to UTC."""
    offset = value.utcoffset()
    if offset is not None and (offset.seconds % 60 or offset.microseconds):
        value = value.astimezone(UTC)
    return value.isoformat()


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, datetime):
        return _datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not written to session files: {type(value).__name__}")


def toml_lines(table: Mapping[str, Any]) -> str:
    """``key = value`` lines for a table of plain values and lists of them (no sub-tables).

    Lists go on one line when it fits in :data:`MAX_INLINE` columns, else one item a line.
    """
    lines: list[str] = []
    for name, value in table.items():
        if value is None:
            continue
        key = _key(name)
        if isinstance(value, list):
            items = [_literal(item) for item in value]
            inline = f"{key} = [{', '.join(items)}]"
            if len(inline) <= MAX_INLINE or not items:
                lines.append(inline)
            else:
                lines.append(f"{key} = [")
                lines.extend(f"    {item}," for item in items)
                lines.append("]")
        elif isinstance(value, str):
            lines.append(f"{key} = {_text(value)}")
        else:
            lines.append(f"{key} = {_literal(value)}")
    return "".join(line + "\n" for line in lines)


def _table(header: str, table: Mapping[str, Any]) -> str:
    return f"\n{header}\n{toml_lines(table)}"


def dump_parts(session: Session) -> tuple[str, str]:
    """The session as TOML: the ``format``/``version`` lines, and every table after them.

    Laid out by hand, with strings escaped as :mod:`tomli_w` escapes them, so the layout is the
    contract's: arrays of tables as ``[[advice]]`` headers (never inline), datetimes with a
    ``T``, in the order of the format document.
    Empty ``[[advice]]``, ``[[inputs]]``, cells and notes are left out; everything else is
    written even when it holds its default, so the file shows what can be filled in.
    """
    head = toml_lines({"format": session.format, "version": session.version})
    info = session.session.model_dump(exclude_none=True)
    parts = [_table("[session]", info)]
    parts.append(_table("[content]", session.content.model_dump()))
    for entry in session.advice:
        parts.append(_table("[[advice]]", entry.model_dump()))
    parts.append(_table("[priorities]", {"order": list(session.priorities.order)}))
    roles = session.roles
    parts.append(_table("[roles]", {"row_header": roles.row_header}))
    for column in roles.columns:
        parts.append(_table("[[roles.columns]]", column.model_dump()))
    for row in roles.rows:
        text = _table("[[roles.rows]]", {"id": row.id, "name": row.name})
        if row.cells:
            text += f"[roles.rows.cells]\n{toml_lines(row.cells)}"
        parts.append(text)
    for item in session.inputs:
        fields: dict[str, Any] = {"participant": item.participant}
        if item.prep_id:
            fields["prep_id"] = item.prep_id
        fields.update(merged=item.merged, order=item.order)
        text = _table("[[inputs]]", fields)
        if item.notes:
            text += f"[inputs.notes]\n{toml_lines(item.notes)}"
        parts.append(text)
    parts.extend(_meeting(meeting) for meeting in session.meetings)
    return head, "".join(parts)


def _meeting(meeting: Meeting) -> str:
    """One ``[[meetings]]`` table, with what it ended with once it is over."""
    keys: dict[str, Any] = {"date": meeting.date}
    if meeting.seconds:  # the clock only once it has run: files without one stay as they were
        keys["seconds"] = meeting.seconds
    if meeting.timebox is not None:
        keys["timebox"] = meeting.timebox
    text = _table("[[meetings]]", keys)
    if meeting.advice_seconds:
        text += f"[meetings.advice_seconds]\n{toml_lines(meeting.advice_seconds)}"
    ended = meeting.ended
    if ended is None:
        return text
    text += f"[meetings.ended]\n{toml_lines({'order': list(ended.order)})}"
    if ended.votes:
        text += f"[meetings.ended.votes]\n{toml_lines(ended.votes)}"
    for row in ended.rows:
        text += _table("[[meetings.ended.rows]]", {"id": row.id, "name": row.name})
        if row.cells:
            text += f"[meetings.ended.rows.cells]\n{toml_lines(row.cells)}"
    return text


def dumps_session(session: Session) -> str:
    """The session file's text (see :func:`dump_parts`)."""
    head, body = dump_parts(session)
    return head + body
