"""The core every format handler shares: text built from pieces that remember where they live,
mapping replacements (offsets into that text) back onto those pieces, and the leak check run on
every written copy.

A handler reads a file into a :class:`Document` (``text`` plus ``pieces``: each piece is a range
of ``text`` and a locator such as a .docx run or a PDF glyph run), and writes a copy by asking
:func:`edits_per_piece` what to do to each piece.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redactor.core import Replacement


#: What the report says of images a copy keeps: no check reads pixels.
IMAGES_UNCHECKED = "not checked (an image may show handwriting, a signature, a face or a scanned letter)"


@dataclass(slots=True)
class Piece:
    start: int
    end: int
    locator: Any


@dataclass
class Document:
    """A file read into text. ``units`` label ranges of the text for the report's ``location``
    (line, paragraph, table cell, page); ``removed`` lists hidden content the writer drops;
    ``unchecked`` what the copy keeps that could not be checked (images), for a person to look at;
    ``said`` what the file's one-line outcome must say besides the values redacted (pages blacked
    out whole); ``marks`` values the handler itself found outside the text (a face in a scan,
    standing in the text as a placeholder), which join detection's findings."""

    path: Path
    format: str
    text: str
    pieces: list[Piece] = field(default_factory=list)
    units: list[tuple[int, str]] = field(default_factory=list)  # (start offset, label), sorted
    removed: list[str] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)  # kept content no check could read (images)
    said: list[str] = field(default_factory=list)
    marks: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, entity type) a handler found
    handle: Any = None

    @functools.cached_property
    def _unit_starts(self) -> list[int]:
        return [s for s, _ in self.units]

    def location(self, offset: int) -> str:
        i = bisect.bisect_right(self._unit_starts, offset) - 1
        return self.units[i][1] if i >= 0 else ""


def note(removed: list[str], what: str) -> None:
    """Add ``what`` to a document's list of removed content, once."""
    if what not in removed:
        removed.append(what)


class TextBuilder:
    """Accumulates text and its pieces as a reader walks a file."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.length = 0
        self.pieces: list[Piece] = []
        self.units: list[tuple[int, str]] = []

    def add(self, text: str, locator: Any = None) -> None:
        if locator is not None and text:
            self.pieces.append(Piece(self.length, self.length + len(text), locator))
        self._parts.append(text)
        self.length += len(text)

    def unit(self, label: str) -> None:
        self.units.append((self.length, label))

    def text(self) -> str:
        return "".join(self._parts)


@dataclass
class Edit:
    """Replace ``[start, end)`` of one piece's own text with ``new_text``."""

    start: int
    end: int
    new_text: str
    entity_type: str


def edits_per_piece(pieces: list[Piece], replacements: list[Replacement]) -> dict[int, list[Edit]]:
    """For each piece index, the edits that fall in it. A replacement that spans several pieces
    puts its new text in the first piece it touches and deletes its part of the others, so the
    first piece's formatting is kept and every other piece stays as it was."""
    starts = [p.start for p in pieces]
    edits: dict[int, list[Edit]] = {}
    for r in merge_replacements(replacements):
        i = max(0, bisect.bisect_right(starts, r.start) - 1)
        first = True
        while i < len(pieces) and pieces[i].start < r.end:
            p = pieces[i]
            lo, hi = max(r.start, p.start), min(r.end, p.end)
            if lo < hi:
                edits.setdefault(i, []).append(Edit(lo - p.start, hi - p.start, r.new_text if first else "",
                                                    r.entity_type))
                first = False
            i += 1
    return edits


def merge_replacements(replacements: list[Replacement]) -> list[Replacement]:
    """Sorted, with overlapping replacements joined (the first one's new text is kept)."""
    out: list[Replacement] = []
    for r in sorted(replacements, key=lambda r: (r.start, -r.end)):
        if out and r.start < out[-1].end:
            out[-1].end = max(out[-1].end, r.end)
        else:
            out.append(Replacement(r.start, r.end, r.new_text, r.entity_type))
    return out


def apply_edits(text: str, edits: list[Edit]) -> str:
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[:e.start] + e.new_text + text[e.end:]
    return text


def apply_replacements(text: str, replacements: list[Replacement]) -> str:
    out, pos = [], 0
    for r in merge_replacements(replacements):
        out += [text[pos:r.start], r.new_text]
        pos = r.end
    return "".join(out + [text[pos:]])


# ------------------------------------------------------------------------------------------ leak check
def _normalise(text: str) -> str:
    """Lower case, whitespace runs to one space, and separators between digits removed, so
    '837-568-9343' and '837 568\\n9343' both read '8375689343'."""
    text = re.sub(r"\s+", " ", text.lower())
    return re.sub(r"(?<=\d)[ \-./]+(?=\d)", "", text)


def _count(value: str, text: str) -> int:
    """Occurrences of ``value`` in ``text`` not inside a longer word or number. Uses str.find, which
    is fast on long texts, and checks the boundaries only where the value occurs."""
    if not value:
        return 0
    n, pos = 0, text.find(value)
    while pos >= 0:
        before = text[pos - 1] if pos else " "
        after = text[pos + len(value)] if pos + len(value) < len(text) else " "
        if not (value[0].isalnum() and _is_word_char(before)) and not (value[-1].isalnum() and _is_word_char(after)):
            n += 1
        pos = text.find(value, pos + 1)
    return n


def _is_word_char(c: str) -> bool:
    return ("a" <= c <= "z") or ("0" <= c <= "9")


def leaked_values(values: list[str], copy_texts: list[str], expected_text: str) -> list[str]:
    """The redacted values still readable in any of ``copy_texts`` (each a way of reading the copy)
    more often than in ``expected_text`` (the intended result, which may hold the same word
    legitimately: 'Ivy' redacted as a name but kept in 'Ivy Wing'). Values are compared
    normalised, and numbers also in digits-only form."""
    copies, expected_n = [_normalise(t) for t in copy_texts], _normalise(expected_text)
    leaks = []
    for value in set(values):
        if len(re.sub(r"\W", "", value)) < 2:
            continue  # a lone initial ('Mrs D') is a letter like any other: counting it proves nothing
        forms = {_normalise(value).strip()}
        digits = re.sub(r"\D", "", value)
        if len(digits) >= 6:
            forms.add(digits)
        expected = {v: _count(v, expected_n) for v in forms if v}
        if any(_count(v, copy_n) > expected[v] for v in expected for copy_n in copies):
            leaks.append(value)
    return leaks
