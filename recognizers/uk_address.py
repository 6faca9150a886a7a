"""ADDRESS: UK street addresses: an optional flat or unit, a house number, the street name and
its suffix ("43 Banks Close"), and the town when it follows with a comma or space (or on the next
line after a comma) before a postcode. A form field labelled "Address:" gives the whole line, and a
letter's address block (a person's name, then short lines down to a postcode line) gives the lines
between. The postcode itself is left to the postcode recognizer, so each part is reported under its
own type.
"""
from __future__ import annotations

import re
from typing import List, Optional

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.models.settings import lexicon

#: '///filled.count.soap', or three dotted words after 'what3words'/'w3w': a location as exact as a house.
_WHAT3WORDS = re.compile(r"(?:///|\b(?:what3words|w3w)\b[^\n/]{0,30}?(?:///)?)[ \t]*([a-z]{2,}\.[a-z]{2,}\.[a-z]{2,})\b",
                         re.IGNORECASE)
_SUFFIXES = "|".join(sorted((re.escape(s) for s in lexicon("street_suffixes")), key=len, reverse=True))
_STREET = re.compile(
    r"(?<![\w£$€.,])(?:(?i:Flat|Apartment|Apt\.?|Unit|Room) +\d+(?:/\d+)?[A-Za-z]?,? +)?"  # Glasgow's 'Flat 3/2'
    r"\d{1,4}[A-Za-z]?(?:-\d{1,4})?,? +"
    r"(?:[A-Z][A-Za-z'’\-]+ +){1,3}(?i:" + _SUFFIXES + r")\b",  # one line, one cell: no \n or \t inside
)
_TOWN_NAME = r"((?:[A-Z][a-z'’\-]+)(?:[ \t\-]+(?:upon|on|under|in|le|de|[A-Z][a-z'’\-]+)){0,3})"
_TOWN = re.compile(r"^,?[ \t]*" + _TOWN_NAME)
#: The town on the next line after a comma ('99 New London Road,\nChelmsford, CM2 0PP'): a postcode
#: after it says that the line goes on with the same address, not with the next sentence.
_TOWN_BELOW = re.compile(r",[ \t]*\n[ \t]*" + _TOWN_NAME + r"(?=,?[ \t]+[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b)")
_FIELD = re.compile(r"(?im)^[ \t*\-•]*(?:home |postal |current |previous )?address[ \t]*[:\-][ \t]*(\S[^\n]*?)[ \t]*$")
#: The shape of a postcode, for the address patterns that end at one (the postcode recognizer checks areas).
_PC = r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}"
_POSTCODE_TAIL = re.compile(r"[ ,]*\b" + _PC + r"\s*$")
#: Where someone lives, up to a postcode on the same line: 'Lives at: Rose Cottage, Back Lane, Thornton-le-Dale, YO18 7QW'.
_LIVES_CUE = (r"(?i:\b(?:(?:lives|living|lived|resides|residing|resided|staying|stays|moved)[ \t]+(?:at|to)|"
              r"(?:formerly|late|currently|now)[ \t]+of|home address is|address is)\b)[ \t]*:?[ \t]*")
_LIVES_AT = re.compile(_LIVES_CUE + r"([A-Z0-9][^\n;.]{3,100}?)[ \t]*,?[ \t]*(?=\b" + _PC + r"\b)")
#: The same with no postcode: 'lives at Rose Cottage, Church Lane, Little Snoring' (parts checked as below).
_LIVES_AT_PARTS = re.compile(_LIVES_CUE + r"((?:\d{1,4}[A-Za-z]?,?[ \t]+)?[A-Z][\w'’\-]*(?:[ \t]+[A-Za-z][\w'’\-]*){0,4}"
                             r"(?:,[ \t]*(?!" + _PC + r"\b)[A-Z][\w'’\-]*(?:[ \t\-]+(?![A-Z]{1,2}\d)[A-Z][\w'’\-]*){0,3}){1,4})")
#: A numbered address running to a postcode on one line: '3 Mill Cottages, Long Lane, Skipton BD23 6AF'.
_NUMBERED_TO_POSTCODE = re.compile(
    r"(?<![\w£$€.,/])((?:(?:Flat|Apartment|Apt\.?|Unit)[ \t]+)?\d{1,4}[A-Za-z]?,?[ \t]+"
    r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)[A-Z][\w'’\-]*(?:[ \t]+[A-Za-z][\w'’\-]*){0,4}"
    r"(?:,[ \t]*[A-Z][\w'’\-]*(?:[ \t\-]+[A-Za-z][\w'’\-]*){0,3}){0,4}),?[ \t]+(?=" + _PC + r"\b)")
#: A named house and a street, no number, running to a postcode on one line: 'The Old Rectory, Church
#: Lane, Little Snoring, Fakenham NR21 0AA'. One part must end in a street suffix, or the first in a
#: house's name with a village and a town after it; organisations' addresses (a part naming a
#: council, a trust, a hospital...) are left alone.
_NAMED_TO_POSTCODE = re.compile(
    r"(?<![\w£$€.,/])((?:[A-Z][\w'’\-]*(?:[ \t]+[A-Za-z][\w'’\-]*){0,4})(?:,[ \t]*[A-Z][\w'’\-]*(?:[ \t\-]+[A-Za-z][\w'’\-]*)"
    r"{0,3}){1,4}),?[ \t]+(?=" + _PC + r"\b)")
_STREET_PART = re.compile(r"(?i)\b(?:" + _SUFFIXES + r")$")
#: A house's own name, which may stand for the street in the country: 'Rose Cottage, Lower Slaughter, Cheltenham'.
_HOUSE_NAME = re.compile(r"(?i)\b(?:cottages?|farm|farmhouse|barn|lodge|hall|manor|grange|mill|villa|bungalow|rectory|"
                         r"vicarage|croft|house)$")
_ORGANISATION_PART = re.compile(r"(?i)\b(?:council|commission|trust|ltd|limited|plc|nhs|hospital|surgery|practice|police|"
                                r"university|college|school|office|healthwatch|department|centre|center|services?)\b")
#: A line ending in a postcode, perhaps after the town: the last line of an address block.
_POSTCODE_LINE = re.compile(r"(?m)^[ \t]*(?:[A-Za-z][A-Za-z'’ \-]{0,30},?[ \t]+)?" + _PC + r"[ \t]*$")
_TITLED = re.compile(r"^[ \t]*(?:Mrs|Mr|Ms|Miss|Mx|Dr|Prof|Rev|Revd)\.?[ \t]+[A-Z]")


class UkAddressRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["ADDRESS"], name="UkAddressRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts: Optional[object] = None
                ) -> List[RecognizerResult]:
        results = []
        for m in _STREET.finditer(text):
            if not _suffix_is_capitalised(m.group(0)):
                continue
            end = m.end()
            town = _TOWN.match(text[end:end + 60])
            if town and town.group(1) and _looks_like_town(town.group(1)):
                end += town.end(1)
            elif (below := _TOWN_BELOW.match(text, end)) and _looks_like_town(below.group(1)):
                end = below.end(1)
            results.append(self._result(m.start(), end, 0.8, "house number, street and suffix"))
        for m in _FIELD.finditer(text):
            value_start, value_end = m.start(1), m.end(1)
            tail = _POSTCODE_TAIL.search(text, value_start, value_end)
            if tail:
                value_end = tail.start()
            if value_end > value_start:
                results.append(self._result(value_start, value_end, 0.85, "address form field"))
        results += [self._result(m.start(1), m.end(1), 0.85, "where someone lives, up to a postcode")
                    for m in _LIVES_AT.finditer(text)]
        results += [self._result(m.start(1), m.end(1), 0.8, "a numbered address running to a postcode")
                    for m in _NUMBERED_TO_POSTCODE.finditer(text)]
        for m in _NAMED_TO_POSTCODE.finditer(text):
            if _house_and_street(m.group(1), village_and_town=True):
                results.append(self._result(m.start(1), m.end(1), 0.7, "a named house and a street, to a postcode"))
        results += [self._result(m.start(1), m.end(1), 0.75, "where someone lives: a house or street and a place")
                    for m in _LIVES_AT_PARTS.finditer(text) if _house_and_street(m.group(1), village_and_town=False)]
        results += [self._result(start, end, 0.8, "address block under a person's name")
                    for start, end in _address_blocks(text)]
        results += [self._result(m.start(1), m.end(1), 0.85, "a what3words location (three metres square)")
                    for m in _WHAT3WORDS.finditer(text)]
        return results

    def _result(self, start: int, end: int, score: float, why: str) -> RecognizerResult:
        return RecognizerResult("ADDRESS", start, end, score,
                                recognition_metadata={"recognizer_name": self.name, "why": why})


def _house_and_street(value: str, village_and_town: bool) -> bool:
    """Comma-separated parts that read as an address: one before the last ends in a street suffix,
    or the first is a house's name (with a village and a town after it where ``village_and_town``);
    no part names an organisation (a council, a trust, a hospital...)."""
    parts = [p.strip() for p in value.split(",")]
    by_street = any(_STREET_PART.search(p) for p in parts[:-1])
    by_house = len(parts) >= (3 if village_and_town else 2) and bool(_HOUSE_NAME.search(parts[0]))
    return (by_street or by_house) and not _ORGANISATION_PART.search(value)


def _suffix_is_capitalised(value: str) -> bool:
    last = re.findall(r"[A-Za-z]+", value)[-1]
    return last[0].isupper()


def _looks_like_town(value: str) -> bool:
    """A town after the street: capitalised words that are not a place word or a common label."""
    low = value.lower().split()
    return not any(w in lexicon("place_words") or w in lexicon("not_names") for w in low)


def _block_above(text: str, line_start: int, limit: int) -> list[tuple[int, int]]:
    """(start, end) of the short lines above ``line_start``, nearest first, up to a blank line, a
    form's label or a sentence: the lines of an address block."""
    lines: list[tuple[int, int]] = []
    end = line_start - 1
    while end > 0 and len(lines) < limit:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if not line.strip() or len(line) > 60 or ":" in line or line.rstrip().endswith((".", "?", "!")):
            break
        lines.append((start, end))
        end = start - 1
    return lines


def _address_blocks(text: str) -> list[tuple[int, int]]:
    """The lines of a letter's address block: up to six short lines above a postcode line, under
    a first line that names a person (a title, or a known given name), or from a numbered street
    line down ('38 Lister Gardens / Aldwick Green / Netherby / SK9 8FR': the village and town
    lines are the address too, whoever it is under). Whose it is, a person's or an organisation's,
    is decided later for every address alike (redactor/organisations.py)."""
    out = []
    forenames = lexicon("forenames")
    for m in _POSTCODE_LINE.finditer(text):
        lines = _block_above(text, m.start(), 7)
        if not lines:
            continue
        town = re.match(r"[ \t]*([A-Za-z][A-Za-z'’ \-]{0,30}?),?[ \t]+[A-Z]{1,2}\d", text[m.start():m.end()])
        block_end = m.start() + town.end(1) if town else lines[0][1]
        first = text[lines[-1][0]:lines[-1][1]]
        words = first.split()
        if len(lines) >= 2 and (_TITLED.match(first) or (words and words[0].lower() in forenames and len(words) <= 4)):
            out.append((lines[-2][0], block_end))
            continue
        street = next((s for s, e in lines if _STREET_LINE.match(text, s, e)), None)
        if street is not None:
            out.append((street, block_end))
    return out


#: A numbered street line of an address block: '38 Lister Gardens', 'Flat 2, 120 Mill Lane'.
_STREET_LINE = re.compile(r"[ \t]*(?:(?:Flat|Apartment|Apt\.?|Unit)[ \t]+\w+,?[ \t]+)?\d{1,4}[A-Za-z]?,?[ \t]+"
                          r"[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,3}[ \t]+(?i:" + _SUFFIXES + r")\b[ \t,]*$")
