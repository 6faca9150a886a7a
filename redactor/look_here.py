"""The 'look here' list: what was left in the copy that could still be CPI, ranked, so that a
reviewer can catch what detection missed instead of reading every line again.

Three kinds, best first: findings kept only because their score fell below the threshold (the
weakest last); capitalised words that read as names (a listed forename or surname, or a word the
model knows only with a capital, such as a rare surname); and numbers and codes shaped like an
identifier.
Nothing here is redacted: it is advice, like the flags.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import asdict, dataclass
from typing import Any, Callable, Iterable

from redactor.core import Finding
from redactor.models.settings import known_names, lexicon, place_names
from redactor.recognizers.person import MONTHS_AND_DAYS

#: Distinct values listed per document; the JSON report says how many more there were.
LIMIT = 50
_CODE = re.compile(r"(?<![\w/.-])(?=[A-Za-z0-9/-]*\d)(?=[A-Za-z0-9/-]*[A-Za-z0-9]{2})[A-Za-z0-9][A-Za-z0-9/-]{4,}"
                   r"[A-Za-z0-9](?![\w/-])")
_DATE_OR_TIME = re.compile(r"^(?:\d{1,4}[/-]\d{1,2}[/-]\d{1,4}|\d{1,2}[:.]\d{2}|(?:19|20)\d{2}(?:-\d{2}){0,2}|"
                           r"\d+(?:st|nd|rd|th|am|pm|mg|ml|kg|g|cm|mm|kcal))$", re.IGNORECASE)
_WORD = re.compile(r"(?<![\w'’-])[A-Z][A-Za-z'’-]*[A-Za-z]{2}(?![\w'’-])")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"“(]|\d\.)\s*$")
_RANK = {"kept below the threshold": 0, "reads as a name": 1, "shaped like an identifier": 2}
#: Kept findings scoring less than this rank last (a bare group of capitals scores 0.3).
WEAK = 0.4


@dataclass
class Look:
    """One place worth a second look: ``text`` at ``start:end`` of the document's text."""

    text: str
    start: int
    end: int
    kind: str
    why: str
    score: float = 0.0
    location: str = ""
    count: int = 1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def look_here(text: str, findings: list[Finding], english_word: Callable[[str], bool] | None) -> list[Look]:
    """Every candidate in ``text`` (each occurrence); :func:`ranked` groups and orders them.
    ``english_word`` says whether the model's vocabulary knows a word (None: no vectors)."""
    looks = [Look(f.text, f.start, f.end, "kept below the threshold", f"{f.entity_type}: {f.reason}", f.score)
             for f in findings if f.action == "keep" and f.reason.startswith("score ")]
    covered = sorted((f.start, f.end) for f in findings)
    starts = [s for s, _ in covered]
    for m in _CODE.finditer(text):
        value = m.group(0)
        if sum(c.isdigit() for c in value) >= 5 and not _DATE_OR_TIME.match(value) \
                and not _covered(covered, starts, m.start(), m.end()):
            looks.append(Look(value, m.start(), m.end(), "shaped like an identifier",
                              "a number or code left in the copy", 0.5))
    for m in _WORD.finditer(text):
        why = _name_like(m.group(0), english_word, _in_capitals(text, m.start()))
        if why and not _SENTENCE_START.search(text, max(0, m.start() - 3), m.start()) \
                and not _covered(covered, starts, m.start(), m.end()):
            looks.append(Look(m.group(0), m.start(), m.end(), "reads as a name", why, 0.4))
    return looks


def ranked(looks: Iterable[Look], limit: int = LIMIT) -> tuple[list[Look], int]:
    """One entry per distinct value (first place, how often), best first; and how many distinct
    values were left off past ``limit``."""
    grouped: dict[tuple[str, str], Look] = {}
    for look in looks:
        first = grouped.setdefault((look.kind, look.text), look)
        if first is not look:
            first.count += look.count  # a section's list arrives grouped already
            first.score = max(first.score, look.score)
    order = sorted(grouped.values(), key=_priority)
    return order[:limit], max(0, len(order) - limit)


def _priority(look: Look) -> tuple[int, float, int, int]:
    """Nearly found first, then what reads as a name, then codes, then the weakest findings (the
    capital-letter groups of clinical notes: 'HCT', 'BID'); rarer before frequent within each."""
    rank = _RANK[look.kind] if look.kind != "kept below the threshold" or look.score >= WEAK else len(_RANK)
    return rank, -look.score, look.count, look.start


def _covered(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Inside or across a finding (redacted, or kept with its own reason)."""
    i = bisect.bisect_right(starts, end)
    return any(s < end and start < e for s, e in spans[max(0, i - 8):i])


def _name_like(word: str, english_word: Callable[[str], bool] | None, capitals_line: bool) -> str:
    """Why ``word`` (capitalised, mid-sentence) may be a name the detectors missed, or ''. In a line
    written in capitals only a listed name that is no English word counts; a word in capitals in
    ordinary text is more often an acronym than a name unless it is a listed one."""
    low = word.lower().replace("’", "'")
    if low in _not_names() or low in place_names() or low in MONTHS_AND_DAYS or word in lexicon("acronyms"):
        return ""
    english = bool(english_word and english_word(low))
    if low in known_names() and not (capitals_line and english):
        return "a listed forename or surname"
    if english_word and not english and word[1:].islower() and "-" not in word and len(word) > 3:
        return "a word the model knows only as a name or not at all"
    return ""


def _in_capitals(text: str, pos: int) -> bool:
    start, end = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    return _capitals_line(text[start:end if end >= 0 else len(text)])


@functools.lru_cache(maxsize=256)
def _capitals_line(line: str) -> bool:
    """A line written mostly in capitals (asked once per line, not once per word of a long one)."""
    letters = [c for c in line if c.isalpha()]
    return sum(c.isupper() for c in letters) > 0.6 * len(letters)


@functools.lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return lexicon("not_names") | lexicon("titles") | lexicon("place_words") | lexicon("street_suffixes") | \
        lexicon("medicines") | lexicon("person_nouns") | lexicon("relations")
