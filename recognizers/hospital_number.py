"""HOSPITAL_NUMBER: a patient's hospital, medical-record, client or case number, given by context.

Organisation references (complaint refs, CQC location IDs) are not matched: only the labels
below, which name a number that belongs to one person, introduce a value.
"""
from __future__ import annotations

import re
from typing import List, Optional

from presidio_analyzer import EntityRecognizer, RecognizerResult

_LABEL = (r"\b(?:hospital|hosp|patient|medical record|mrn|unit|client|service user|case|pas|rio|mosaic|"
          r"system one|systmone|emis)\s*(?:number|no\.?|num|id|ref)?\s*(?:[:#]|\s(?:is|was))?\s*")
#: The value: 5-15 letters/digits/dashes with at least one digit, in up to three groups ('RX4 552 019',
#: a trust's code before the number: 'RR8 K123456').
_VALUE = r"(?=[A-Z0-9\-/]*\d)([A-Z0-9][A-Z0-9\-/]{2,14}(?: (?=\w*\d)[A-Z0-9]{2,10}){0,2})(?![\w\-/])"
_NUMBER_WORD = r"\b(number|no\.?|num|id|ref)\b"


class HospitalNumberRecognizer(EntityRecognizer):
    """Labels such as 'unit' or 'case' are ordinary words, so they count only with 'number'/'no'/'id'.
    Subclasses give other labels for another entity type (see ``staff_number.py``)."""

    ENTITY = "HOSPITAL_NUMBER"
    PATTERN = re.compile(_LABEL + _VALUE, re.IGNORECASE)
    NEEDS_NUMBER_WORD = frozenset({"unit", "case", "client", "patient", "pas", "rio", "mosaic", "emis"})
    #: Fewer letters and digits than this are a count or a code, not a number for one person.
    MIN_CHARS = 5

    def __init__(self) -> None:
        super().__init__(supported_entities=[self.ENTITY], name=type(self).__name__)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts: Optional[object] = None
                ) -> List[RecognizerResult]:
        results = []
        for m in self.PATTERN.finditer(text):
            label = m.group(0)[: m.start(1) - m.start(0)].lower()
            label = re.sub(r"\s(?:is|was)\s*$", " ", label)
            first = re.match(r"[a-z ]+?(?=\s*(?:number|no|num|id|ref)\b|\s*[:#]|\s*$)", label)
            word = (first.group(0).strip() if first else label.split()[0])
            has_number_word = re.search(_NUMBER_WORD, label) is not None
            if word in self.NEEDS_NUMBER_WORD and not has_number_word:
                continue
            if len(re.sub(r"\W", "", m.group(1))) < self.MIN_CHARS or re.fullmatch(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}", m.group(1)):
                continue  # a date, not a number
            results.append(RecognizerResult(self.ENTITY, m.start(1), m.end(1), 0.8,
                                            recognition_metadata={"recognizer_name": self.name}))
        return results
