"""IP_ADDRESS: Presidio's recognizer, less eager. A dotted quad of small numbers is far more often
a section number ("3.1.3.2") than an address; it counts only with a cue such as "IP" before it."""
from __future__ import annotations

import re
from typing import List, Optional

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import IpRecognizer

_SECTION_LIKE = re.compile(r"\d{1,2}(?:\.\d{1,2}){3}")
_CUE_BEFORE = re.compile(r"\b(?:ip|address|host|server|router|gateway)\b[^\n]{0,20}$", re.IGNORECASE)


class UkIpRecognizer(IpRecognizer):
    def __init__(self) -> None:
        super().__init__(name="IpRecognizer")

    def analyze(self, text: str, entities: List[str], nlp_artifacts: Optional[object] = None,
                regex_flags: Optional[int] = None) -> List[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if not (_SECTION_LIKE.fullmatch(text[r.start:r.end])
                                           and not _CUE_BEFORE.search(text[max(0, r.start - 40):r.start]))]
