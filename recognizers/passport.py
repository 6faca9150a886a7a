"""UK_PASSPORT: a British passport number, nine digits, by context only (Presidio's own
recognizer knows the two-letters-and-seven-digits form, not the nine digits most passports carry)."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer


class PassportRecognizer(PatternRecognizer):
    """Nine digits are common (order and case numbers): only 'passport' nearby makes them one."""

    PATTERNS = [Pattern("nine digits", r"(?<![\d\-/])\d{9}(?![\d\-/])", 0.1)]
    CONTEXT = ["passport", "passport number", "passport no", "travel document", "hmpo"]

    def __init__(self) -> None:
        super().__init__(supported_entity="UK_PASSPORT", patterns=self.PATTERNS, context=self.CONTEXT,
                         name="PassportRecognizer", global_regex_flags=re.MULTILINE)
