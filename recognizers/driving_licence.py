"""UK_DRIVING_LICENCE: a DVLA driving licence number, 'MORGA753116SM9IJ'.

Its 16 characters encode the holder: five letters of the surname (padded with 9s), the decade
digit, the birth month (plus 5 on its first digit for a woman), the day, the year digit, two
initials (padded with 9), a digit and two check characters (letters or digits). The date part is checked, so the shape
alone is a strong match in capitals, as the DVLA prints it; typed in lower case ('morga753116sm9ij') it needs a
context word or to stand alone as a field's or cell's value.
"""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

from redactor.recognizers.table_column import stands_alone


class DrivingLicenceRecognizer(PatternRecognizer):
    #: The six date digits may be written in two threes, the two check characters are letters or
    #: digits ('SM91J'), and the licence's two-digit issue number may follow.
    PATTERNS = [Pattern("DVLA number", r"(?<![\w-])(?i:(?=[A-Z9]{5})[A-Z]{1,5}9{0,4} ?\d{3} ?\d{3} ?[A-Z][A-Z9]\d"
                                       r"[A-Z0-9]{2}(?: ?\d{2})?)(?![\w-])", 0.85)]
    CONTEXT = ["driving licence", "driving license", "licence", "license", "dvla", "driver"]
    LOWER_SCORE = 0.45
    ALONE_SCORE = 0.55

    def __init__(self) -> None:
        super().__init__(supported_entity="UK_DRIVING_LICENCE", patterns=self.PATTERNS, context=self.CONTEXT,
                         name="DrivingLicenceRecognizer", global_regex_flags=re.MULTILINE)

    def validate_result(self, pattern_text: str) -> bool:
        digits = pattern_text.replace(" ", "")[5:11]
        month, day = int(digits[1:3]), int(digits[3:5])
        return (1 <= month <= 12 or 51 <= month <= 62) and 1 <= day <= 31

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # type: ignore[override]
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in results:
            if re.search(r"[a-z]", text[r.start:r.end]):  # not as the DVLA prints it
                alone = stands_alone(text, r.start, r.end)
                r.score = min(r.score, self.ALONE_SCORE if alone else self.LOWER_SCORE)
                if alone:
                    r.recognition_metadata["why"] = "a licence number in lower case alone as a field or cell value"
        return results
