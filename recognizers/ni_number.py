"""NI_NUMBER: National Insurance numbers under HMRC's prefix rules, spaced or not, any case.

HMRC writes them in capitals, but people type them in lower case ('hh 01 02 03 d') on forms; the
prefix and suffix rules are about the letters, not their case, so they are checked either way."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

from redactor.recognizers.table_column import stands_alone

#: HMRC: first letter not D F I Q U V; second not D F I O Q U V; suffix A-D.
#: Spaced, run together or hyphenated: 'AB 12 34 56 C', 'AB123456C', 'AB-12-34-56-C'.
#: The six digits also in two threes: 'AZ 123 456 A'.
_NINO = (r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][ \n\-]?"
         r"(?:\d{2}[ \n\-]?\d{2}[ \n\-]?\d{2}|\d{3}[ \n\-]?\d{3})[ \n\-]?[A-D]\b")
#: Prefixes HMRC never issues (and administrative or temporary ones).
INVALID_PREFIXES = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}


class NiNumberRecognizer(PatternRecognizer):
    """Upper case is a strong signal; lower case needs context words to pass the threshold, or to
    stand alone as a field's or cell's value (in prose it might be a code of anything)."""

    PATTERNS = [Pattern("NI number", _NINO, 0.85)]
    CONTEXT = ["ni", "national", "insurance", "nino"]
    LOWER_SCORE = 0.45
    ALONE_SCORE = 0.55

    def __init__(self) -> None:
        super().__init__(supported_entity="NI_NUMBER", patterns=self.PATTERNS, context=self.CONTEXT,
                         name="NiNumberRecognizer", global_regex_flags=re.IGNORECASE)

    def validate_result(self, pattern_text: str) -> bool | None:
        if pattern_text[:2].upper() in INVALID_PREFIXES:
            return False
        return None  # keep the pattern's score

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # type: ignore[override]
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in results:
            if text[r.start:r.end].isupper():
                continue
            if stands_alone(text, r.start, r.end):
                r.score = min(r.score, self.ALONE_SCORE)
                r.recognition_metadata["why"] = "an NI number in lower case standing alone as a field or cell value"
            else:
                r.score = min(r.score, self.LOWER_SCORE)
        return results
