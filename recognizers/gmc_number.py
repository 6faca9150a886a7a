"""GMC_NUMBER: a doctor's General Medical Council reference number (seven digits), by context only."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer


class GmcNumberRecognizer(PatternRecognizer):
    """Seven digits are far too common to take alone: the pattern's own score is below any
    sensible threshold and only 'GMC' (or similar) nearby lifts it."""

    PATTERNS = [Pattern("seven digits", r"(?<![\d\-])\d{7}(?![\d\-])", 0.1)]
    CONTEXT = ["gmc", "general medical council", "gmc number", "gmc no"]

    def __init__(self) -> None:
        super().__init__(supported_entity="GMC_NUMBER", patterns=self.PATTERNS, context=self.CONTEXT,
                         name="GmcNumberRecognizer", global_regex_flags=re.MULTILINE)
