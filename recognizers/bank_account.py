"""BANK_ACCOUNT: a sort code or an account number, introduced by its label ('sort code
20-45-67', 'account number 43218765', 'a/c 12345678'). Financial details raise the privacy
impact and identify the account holder; six or eight bare digits are too common to take alone.
"""
from __future__ import annotations

import re
from typing import List, Optional

from presidio_analyzer import EntityRecognizer, RecognizerResult

_SORT_CODE = re.compile(r"\b(?:sort[ -]?code|s/c)\s*(?:no\.?|number)?\s*[:#]?\s*(\d{2}[- ]?\d{2}[- ]?\d{2})(?![\d-])",
                        re.IGNORECASE)
_ACCOUNT = re.compile(r"(?:\b(?:bank |building society |current |savings )?account|\ba/c|\bacct?\.?)\s*"
                      r"(?:number|no\.?|num)?\s*[:#]?\s*(\d{6,10})(?![\d-])", re.IGNORECASE)


class BankAccountRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["BANK_ACCOUNT"], name="BankAccountRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts: Optional[object] = None
                ) -> List[RecognizerResult]:
        return [RecognizerResult("BANK_ACCOUNT", m.start(1), m.end(1), 0.85,
                                 recognition_metadata={"recognizer_name": self.name, "why": why})
                for pattern, why in ((_SORT_CODE, "after 'sort code'"), (_ACCOUNT, "after 'account number'"))
                for m in pattern.finditer(text)]
