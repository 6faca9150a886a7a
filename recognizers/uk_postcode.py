"""POSTCODE: UK postcodes in Royal Mail's six shapes, with a real postcode area."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from redactor.models.settings import lexicon

_POSTCODE = (r"\b(?:(?:[A-Z]{1,2}\d{1,2}|[A-Z]\d[A-HJKPSTUW]|[A-Z]{2}\d[ABEHMNPRVWXY])"
             r" ?\d[ABD-HJLNP-UW-Z]{2}|GIR ?0AA)\b")  # GIR 0AA: Girobank's, in Royal Mail's own pattern


class UkPostcodeRecognizer(PatternRecognizer):
    """Validation checks the area letters against the real areas, so 'AB1 2CD'-shaped product
    codes from unknown areas are not taken. Any case: a token of letters and digits in a
    postcode's exact shape with a real area is a postcode however it is typed ('sw1A 0AA',
    'eh12ng'); lower case scores a little less, still over the threshold."""

    PATTERNS = [Pattern("UK postcode", _POSTCODE, 0.7)]
    CONTEXT = ["postcode", "post code", "address"]

    def __init__(self) -> None:
        super().__init__(supported_entity="POSTCODE", patterns=self.PATTERNS, context=self.CONTEXT,
                         name="UkPostcodeRecognizer", global_regex_flags=re.MULTILINE | re.IGNORECASE)

    def validate_result(self, pattern_text: str) -> bool | None:
        area = re.match(r"[A-Z]+", pattern_text.upper()).group(0)
        return None if area in lexicon("postcode_areas") or area == "GIR" else False

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # type: ignore[override]
        """Every postcode is reported: whether it is an organisation's, and so kept, is decided
        once for every contact detail (redactor/organisations.py), with the reason shown."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in results:
            if not text[r.start:r.end].isupper():
                r.score = min(r.score, 0.6)
        return results
