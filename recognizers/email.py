"""EMAIL_ADDRESS: e-mail addresses, also spelt out ('jane dot doe at nhs dot net'), checked offline (Presidio's own recognizer asks tldextract,
which tries to download the public-suffix list at run time)."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

#: The top-level domain is letters, or an internationalised one in its ASCII (punycode) form: 'xn--p1ai' (.рф).
_EMAIL = r"\b[A-Za-z0-9._%+'-]+@(?:[A-Za-z0-9-]+\.)+(?:xn--[A-Za-z0-9-]{2,59}|[A-Za-z]{2,24})\b"


#: Written out to dodge harvesters: 'jane dot doe at nhs dot net', 'jane.doe [at] nhs [dot] net',
#: 'j.bloggs[at]nhs[dot]net' (a bracketed word needs no spaces round it).
_AT = r"(?:\s+at\s+|\s*\[at\]\s*|\s*\(at\)\s*)"
_DOT = r"(?:\s+dot\s+|\s*\[dot\]\s*|\s*\(dot\)\s*|\.)"
_SPELT = (r"\b[A-Za-z0-9_\-]+(?:" + _DOT + r"[A-Za-z0-9_\-]+)*" + _AT + r"[A-Za-z0-9\-]+(?:" + _DOT
          + r"[A-Za-z0-9\-]+)*" + _DOT + r"(?:com|org|net|uk|gov|nhs|ac|co|edu|info|me|io|scot|wales|ie)\b")


class EmailRecognizer(PatternRecognizer):
    PATTERNS = [Pattern("e-mail address", _EMAIL, 0.9), Pattern("e-mail address spelt out", _SPELT, 0.8)]
    CONTEXT = ["email", "e-mail", "mail", "contact"]

    def __init__(self) -> None:
        super().__init__(supported_entity="EMAIL_ADDRESS", patterns=self.PATTERNS, context=self.CONTEXT,
                         name="EmailRecognizer", global_regex_flags=re.IGNORECASE)

    def invalidate_result(self, pattern_text: str) -> bool:
        local, _, domain = pattern_text.rpartition("@")
        return ".." in pattern_text or local.startswith(".") or domain.startswith("-")
