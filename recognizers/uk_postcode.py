"""POSTCODE: UK postcodes in Royal Mail's six shapes, with a real postcode area."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

from redactor.models.settings import lexicon

_POSTCODE = (r"\b(?:[A-Z]{1,2}\d{1,2}|[A-Z]\d[A-HJKPSTUW]|[A-Z]{2}\d[ABEHMNPRVWXY])"
             r" ?\d[ABD-HJLNP-UW-Z]{2}\b")


class UkPostcodeRecognizer(PatternRecognizer):
    """Validation checks the area letters against the 121 real areas, so 'AB1 2CD'-shaped
    product codes from unknown areas are not taken; upper case only (lower-case postcodes are rare
    and the pattern would match ordinary words)."""

    PATTERNS = [Pattern("UK postcode", _POSTCODE, 0.7)]
    CONTEXT = ["postcode", "post code", "address"]

    def __init__(self) -> None:
        super().__init__(supported_entity="POSTCODE", patterns=self.PATTERNS, context=self.CONTEXT,
                         name="UkPostcodeRecognizer", global_regex_flags=re.MULTILINE)

    def validate_result(self, pattern_text: str) -> bool | None:
        area = re.match(r"[A-Z]+", pattern_text).group(0)
        return None if area in lexicon("postcode_areas") else False
