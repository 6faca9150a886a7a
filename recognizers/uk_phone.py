"""PHONE_NUMBER: UK national and international formats, and North American numbers.

Written as a pattern recognizer rather than on the phonenumbers library's matcher: with region
GB that matcher accepts any run of four digits ('1930', '9343'), and Presidio's own recognizer
passes the region 'UK', which phonenumbers does not know (it wants 'GB').
"""
from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, Pattern, PatternRecognizer, RecognizerResult

_SEP = r"[ \-.\n]?"  # \n: a number broken across lines
#: An extension goes with its number ('0113 243 3144 ext. 4471'): it narrows the line to one desk.
_EXTENSION = r"(?:[ \t]*,?[ \t]*(?:ext(?:ension|n)?\.?|x)[ \t]*\d{2,6}(?!\d))?"
_UK_NATIONAL = (r"(?<![\w+])(?:\(0\d{2,5}\)|0\d{2,5})" + _SEP + r"\d{3,4}" + _SEP + r"\d{3,4}(?![\d])"
                + _EXTENSION)
_UK_INTERNATIONAL = (r"(?<![\w])\+44" + _SEP + r"(?:\(0\)" + _SEP + r")?\d{2,5}" + _SEP + r"\d{3,4}"
                     + _SEP + r"\d{3,4}(?!\d)" + _EXTENSION)
#: A pager or bleep number: short, so only after its word ('bleep 2231', 'Pager: #4471', 'PG 55812'), and
#: ending a sentence too ('Pager 83554.'), not a decimal ('pg 12.5').
_PAGER = re.compile(r"(?i)\b(?:bleep|pager|beeper|pg)[ \t]*(?:no\.?|number)?[ \t]*(?:[:#][ \t]*){0,2}(\d{3,7})(?![\d\-/:]|\.\d)")
_NANP = (r"(?<![\w+])(?:(?:\+?1|001)[ \-.]?)?(?:\(\d{3}\)[ \-.]?|\d{3}[ \-.])\d{3}[ \-.]\d{4}"
         r"(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?!\d)")
_NANP_PLAIN = r"(?<![\w+\-])(?:\+1)?\d{10}(?:x\d{1,5})?(?![\d\-])"
_INTERNATIONAL = r"(?<![\w])\+(?:[2-9]\d{0,2})(?:[ \-.]?\(?\d{1,5}\)?){2,5}(?!\d)"
#: Any other grouped digits ('089 72 63 41', '(85) 5986-8343', '785 8949'): weak alone, lifted by
#: context words such as 'call', 'phone', 'office' or 'fax' on either side.
_GROUPED = (r"(?<![\w+\-./:,£$€])(?:\(\d{2,4}\)[ ]?)?\d{2,5}(?:[ \-.]\d{2,8}){1,4}(?![\w/:]|[.,]\d|[ \-.]\d)")


_CONTEXT_NEAR = re.compile(r"(?i)\b(?:tel|telephone|phone|mobile|mob|call|ring|reach|reached|contact|landline|"
                           r"fax|cell|office|answering|dial|text|whatsapp|number)\b")


class UkPhoneRecognizer(PatternRecognizer):
    """Digit counts are checked in validation: UK numbers have 10-11 digits after the 0 (or +44),
    North American ones 10 after the optional 1, international ones 8-15 in all."""

    PATTERNS = [
        Pattern("UK national", _UK_NATIONAL, 0.6),
        Pattern("UK international", _UK_INTERNATIONAL, 0.75),
        Pattern("North American", _NANP, 0.55),
        Pattern("North American, no separators", _NANP_PLAIN, 0.3),
        Pattern("international", _INTERNATIONAL, 0.5),
        Pattern("grouped digits", _GROUPED, 0.3),
    ]
    CONTEXT = ["tel", "telephone", "phone", "mobile", "mob", "call", "ring", "reached", "reach", "contact",
               "number", "landline", "fax", "cell", "office", "home", "work", "answering", "dial", "text"]

    def __init__(self) -> None:
        super().__init__(supported_entity="PHONE_NUMBER", patterns=self.PATTERNS, context=self.CONTEXT,
                         name="UkPhoneRecognizer", global_regex_flags=re.IGNORECASE)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # type: ignore[override]
        """Weak matches are lifted when a context word sits within a few words on either side
        (Presidio's own context check skips stop words such as 'call' and looks only before)."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in results:
            if r.score < 0.5 and (_CONTEXT_NEAR.search(text[max(0, r.start - 40):r.start])
                                  or _CONTEXT_NEAR.search(text[r.end:r.end + 25])):
                r.score = 0.65
        for m in _PAGER.finditer(text):  # its word is its context: no context word may lift it further
            results.append(RecognizerResult(
                "PHONE_NUMBER", m.start(1), m.end(1), 0.6,
                AnalysisExplanation(self.name, 0.6, pattern_name="pager", pattern=_PAGER.pattern),
                {"recognizer_name": self.name, "why": "a pager number",
                 RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True}))
        return results

    def validate_result(self, pattern_text: str) -> bool | None:
        core = re.split(r"(?i)x|ext", pattern_text)[0]
        digits = re.sub(r"\D", "", core)
        if core.lstrip().startswith("+44"):
            digits = digits[2:].lstrip("0")
            return None if 9 <= len(digits) <= 10 else False
        if core.lstrip().startswith("+"):
            return None if 8 <= len(digits) <= 15 else False
        if _looks_like_date_or_id(core):
            return False
        if digits.startswith("0") and not digits.startswith("00") and len(digits) in (10, 11):
            return None if digits[1] != "0" else False
        if digits.startswith("001"):
            digits = digits[3:]
        elif len(digits) == 11 and digits.startswith("1"):
            digits = digits[1:]
        # North American: area code and exchange never start with 0 or 1
        if len(digits) == 10 and digits[0] not in "01" and digits[3] not in "01":
            return None
        return None if 7 <= len(digits) <= 12 and re.search(r"[ \-.()]", core) else False


def _looks_like_date_or_id(value: str) -> bool:
    """Dates (24.04.2024, 2024-04-24) and CQC-style IDs (1-295105371) are not phone numbers."""
    v = value.strip()
    return bool(re.fullmatch(r"\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}|\d{4}-\d{2}-\d{2}|1-\d{9,11}", v))
