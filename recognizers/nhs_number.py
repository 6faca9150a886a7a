"""NHS_NUMBER: ten digits in any grouping whose last digit is the modulus-11 check digit."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

#: Ten digits, optionally split by single spaces or dashes, not part of a longer number, and not
#: written as an international phone number: after a '+' ('+45 69 19 88 56') or a trunk '(0)'
#: ('+44 (0)113 496 0999'), ten digits are a phone number whatever their check digit says.
_TEN_DIGITS = (r"(?<![\d\-+])(?<!\d[ \-])(?<!\(0\))(?<!\(0\) )"
               r"\d(?:[ \-\n]?\d){9}(?![ \-\n]?\d)")  # \n: a PDF line break


def nhs_check_digit_ok(value: str) -> bool:
    """The NHS number's modulus-11 rule (weights 10..2; a remainder giving 10 is never valid)."""
    digits = [int(c) for c in re.sub(r"\D", "", value)]
    if len(digits) != 10 or len(set(digits)) == 1:
        return False
    check = 11 - sum(d * w for d, w in zip(digits[:9], range(10, 1, -1))) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == digits[9]


class NhsNumberRecognizer(PatternRecognizer):
    """A failed check digit means 'not an NHS number' (it may still be a phone number)."""

    PATTERNS = [Pattern("ten digits in any grouping", _TEN_DIGITS, 0.5)]
    CONTEXT = ["nhs", "nhs number", "nhs no", "health service", "chi"]

    def __init__(self) -> None:
        super().__init__(supported_entity="NHS_NUMBER", patterns=self.PATTERNS, context=self.CONTEXT,
                         name="NhsNumberRecognizer")

    def validate_result(self, pattern_text: str) -> bool:
        return nhs_check_digit_ok(pattern_text)

    def invalidate_result(self, pattern_text: str) -> bool:
        """CQC location and provider IDs ('1-104857391') are ten digits too: kept, not NHS numbers."""
        return re.fullmatch(r"1-\d{9}", pattern_text.strip()) is not None
