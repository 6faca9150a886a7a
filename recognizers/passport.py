"""UK_PASSPORT: a British passport number: nine digits (most passports in use), or two letters
and seven digits (the form HM Passport Office has issued since 2015, 'AB1234567').

Nine digits are every order and case number's shape, so they count only with 'passport' nearby.
Two letters and seven digits are a rarer shape: in capitals they count next to a context word or
standing alone as a field's or cell's value; in running prose without context they are left, as a
reference of anything could look the same."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

from redactor.recognizers.table_column import stands_alone


class PassportRecognizer(PatternRecognizer):
    """Both forms score below the threshold on their own shape; a context word or standing alone lifts them."""

    PATTERNS = [Pattern("nine digits", r"(?<![\d\-/])\d{9}(?![\d\-/])", 0.1),
                Pattern("two letters and seven digits", r"(?<![\w\-/])(?i:[A-Z]{2}\d{7})(?![\w\-/])", 0.3)]
    CONTEXT = ["passport", "passport number", "passport no", "travel document", "hmpo"]
    #: Two letters and seven digits alone in a line or cell: a field's value, not prose.
    ALONE_SCORE = 0.55

    def __init__(self) -> None:
        super().__init__(supported_entity="UK_PASSPORT", patterns=self.PATTERNS, context=self.CONTEXT,
                         name="PassportRecognizer", global_regex_flags=re.MULTILINE)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # type: ignore[override]
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in results:
            if text[r.start].isalpha() and stands_alone(text, r.start, r.end):
                r.score = self.ALONE_SCORE
                r.recognition_metadata["why"] = "a passport number's shape standing alone as a field or cell value"
        return results
