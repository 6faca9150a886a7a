"""UK_TAX_REFERENCE: HMRC's Temporary Reference Number, given to someone who has no National
Insurance number yet: two digits, a letter and five digits ('11A 12345', '99 L 999 99')."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer


class TaxReferenceRecognizer(PatternRecognizer):
    """The shape alone could be a code of anything, so its own score is below the threshold and a
    word about tax, PAYE or the number itself nearby lifts it."""

    PATTERNS = [Pattern("temporary reference number", r"(?<![\w-])\d ?\d ?[A-Z] ?\d(?: ?\d){4}(?![\w-])", 0.4)]
    CONTEXT = ["trn", "temporary reference", "paye", "hmrc", "tax", "payslip", "p60", "insurance"]

    def __init__(self) -> None:
        super().__init__(supported_entity="UK_TAX_REFERENCE", patterns=self.PATTERNS, context=self.CONTEXT,
                         name="TaxReferenceRecognizer", global_regex_flags=re.MULTILINE)
