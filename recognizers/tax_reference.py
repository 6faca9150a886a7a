"""UK_TAX_REFERENCE: HMRC's Temporary Reference Number, given to someone who has no National
Insurance number yet: two digits, a letter and five digits ('11A 12345', '99 L 999 99')."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

#: The number's own name earlier in the sentence: 'a Temporary Reference Number that is 2 numbers,
#: 1 letter, then 5 numbers, like 11 A 12345' names it further back than the context words reach.
_NAMED = re.compile(r"(?i)\btemporary\s+reference\b")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n\s*\n")
_LOOK_BACK = 200


class TaxReferenceRecognizer(PatternRecognizer):
    """The shape alone could be a code of anything, so its own score is below the threshold and a
    word about tax, PAYE or the number itself nearby (or the number's name earlier in the same
    sentence) lifts it."""

    PATTERNS = [Pattern("temporary reference number", r"(?<![\w-])\d ?\d ?[A-Z] ?\d(?: ?\d){4}(?![\w-])", 0.4)]
    CONTEXT = ["trn", "temporary reference", "paye", "hmrc", "tax", "payslip", "p60", "insurance"]
    NAMED_SCORE = 0.75

    def __init__(self) -> None:
        super().__init__(supported_entity="UK_TAX_REFERENCE", patterns=self.PATTERNS, context=self.CONTEXT,
                         name="TaxReferenceRecognizer", global_regex_flags=re.MULTILINE)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # type: ignore[override]
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in results:
            before = text[max(0, r.start - _LOOK_BACK):r.start]
            ends = list(_SENTENCE_END.finditer(before))
            if _NAMED.search(before, ends[-1].end() if ends else 0):
                r.score = max(r.score, self.NAMED_SCORE)
                r.recognition_metadata["why"] = "named a temporary reference number earlier in the sentence"
        return results
