"""ADDRESS: UK street addresses: an optional flat or unit, a house number, the street name and
its suffix ("43 Banks Close"), and the town when it follows with a comma or space before a
postcode. A form field labelled "Address:" gives the whole line. The postcode itself is left to
the postcode recognizer, so each part is reported under its own type.
"""
from __future__ import annotations

import re
from typing import List, Optional

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.models.settings import lexicon

_SUFFIXES = "|".join(sorted((re.escape(s) for s in lexicon("street_suffixes")), key=len, reverse=True))
_STREET = re.compile(
    r"(?<![\w£$€.,])(?:(?:Flat|Apartment|Apt\.?|Unit|Room)\s+\d+[A-Za-z]?,?\s+)?"
    r"\d{1,4}[A-Za-z]?(?:-\d{1,4})?,?\s+"
    r"(?:[A-Z][A-Za-z'’\-]+\s+){1,3}(?i:" + _SUFFIXES + r")\b",
)
_TOWN = re.compile(r"^,?[ \t]*((?:[A-Z][a-z'’\-]+)(?:[ \t\-]+(?:upon|on|under|in|le|de|[A-Z][a-z'’\-]+)){0,3})")
_FIELD = re.compile(r"(?im)^[ \t*\-•]*(?:home |postal |current |previous )?address[ \t]*[:\-][ \t]*(\S[^\n]*?)[ \t]*$")
_POSTCODE_TAIL = re.compile(r"[ ,]*\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\s*$")


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
            results.append(self._result(m.start(), end, 0.8, "house number, street and suffix"))
        for m in _FIELD.finditer(text):
            value_start, value_end = m.start(1), m.end(1)
            tail = _POSTCODE_TAIL.search(text, value_start, value_end)
            if tail:
                value_end = tail.start()
            if value_end > value_start:
                results.append(self._result(value_start, value_end, 0.85, "address form field"))
        return results

    def _result(self, start: int, end: int, score: float, why: str) -> RecognizerResult:
        return RecognizerResult("ADDRESS", start, end, score,
                                recognition_metadata={"recognizer_name": self.name, "why": why})


def _suffix_is_capitalised(value: str) -> bool:
    last = re.findall(r"[A-Za-z]+", value)[-1]
    return last[0].isupper()


def _looks_like_town(value: str) -> bool:
    """A town after the street: capitalised words that are not a place word or a common label."""
    low = value.lower().split()
    return not any(w in lexicon("place_words") or w in lexicon("not_names") for w in low)
