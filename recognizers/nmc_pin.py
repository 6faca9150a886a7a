"""NMC_PIN: a nurse's or midwife's Nursing and Midwifery Council PIN (e.g. 12A3456E)."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer


class NmcPinRecognizer(PatternRecognizer):
    """The shape is distinctive enough on its own; 'NMC' or 'PIN' nearby raises the score."""

    PATTERNS = [Pattern("NMC PIN", r"\b\d{2}[A-Z]\d{4}[A-Z]\b", 0.6)]
    CONTEXT = ["nmc", "pin", "registration", "nurse", "midwife"]

    def __init__(self) -> None:
        super().__init__(supported_entity="NMC_PIN", patterns=self.PATTERNS, context=self.CONTEXT,
                         name="NmcPinRecognizer", global_regex_flags=re.MULTILINE)
