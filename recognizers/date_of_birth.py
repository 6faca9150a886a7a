"""DATE_OF_BIRTH: a date given as someone's birth date.

Only birth dates are personal: inspection, incident and review dates are kept (minimum necessary).
A date counts as a birth date when a cue precedes it on the same line ("DOB", "d.o.b.",
"date of birth", "born", "b."), when an age statement follows it ("(aged 93)"), or, with a lower
score, when it is a full day-month-year date 18 or more years ago: the events a regulator's notes
date (visits, incidents, reviews) are recent, so such a date is far more often someone's birth
date, and a missed birth date costs more than a kept historical date (the report says why).
A year or month and year straight after a cue ("b. 1962", "born in March 1950") is a partial
birth date. Table columns headed "DOB" are handled by the table-column recognizer.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import List, Optional

from presidio_analyzer import EntityRecognizer, RecognizerResult

_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
           r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
#: Full dates: 12/03/1941, 12.03.41, 1941-03-12, 12-Mar-1941, 12 March 1941, 12th Mar 1941, March 12, 1941.
DATE = re.compile(
    r"(?<![\w/.\-])(?:"
    r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}([\-/ ])" + _MONTHS + r"\1(?:\d{4}|\d{2})"
    r"|\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MONTHS + r"\.?,?\s+\d{4}"
    r"|" + _MONTHS + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r")(?![\w/\-]|\.\d)",
    re.IGNORECASE,
)
#: A birth-date cue at the end of the text before the date (same line).
_CUE_BEFORE = re.compile(
    r"(?:(?:\bd\.?\s?o\.?\s?b\b\.?|\bdate\s+of\s+birth\b|\bbirth\s*date\b|\bbirthday\b|\bborn\b)"
    r"[^\n\d]{0,25}|(?-i:(?<![\w.])b\.)[ \t]*)$",  # 'b.' only right before the date: 'B. Wiśniewski  Date:' is not a cue
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(r"^\s*[,(]?\s*(?:aged?|age:)\s*(\d{1,3})\b|^\s*\((\d{1,3})\s*(?:yrs?|years?)?\)",
                        re.IGNORECASE)
OLD_DATE_YEARS = 18
#: A birth year or month and year straight after a cue: 'b. 1962', 'born in March 1950', 'year of birth: 1948'.
_PARTIAL = re.compile(
    r"(?:\bd\.?\s?o\.?\s?b\b\.?|\b(?:year|date)\s+of\s+birth\b|\bborn\b|(?-i:(?<![\w.])b\.))[ \t:\-]*(?:in[ \t]+)?"
    r"((?:" + _MONTHS + r"\.?,?[ \t]+)?(?:19|20)\d{2})(?![\w/\-]|\.\d)",
    re.IGNORECASE,
)


def date_year(text: str) -> Optional[int]:
    """The four-digit year of a date string (two-digit years read as 19xx/20xx around today)."""
    m = re.search(r"\d{4}", text)
    if m:
        return int(m.group(0))
    m = re.search(r"(\d{2})$", text)
    if m:
        yy = int(m.group(1))
        return 2000 + yy if yy <= _dt.date.today().year % 100 else 1900 + yy
    return None


def _age_fits(date: str, age: Optional[re.Match[str]], this_year: int) -> bool:
    """An age after a date makes it a birth date only if the two agree: 'died on 03/03/2025,
    aged 87' is the date of a death."""
    if not age:
        return False
    year = date_year(date)
    return year is None or abs(this_year - year - int(age.group(1) or age.group(2))) <= 1


class DateOfBirthRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["DATE_OF_BIRTH"], name="DateOfBirthRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts: Optional[object] = None
                ) -> List[RecognizerResult]:
        results = []
        this_year = _dt.date.today().year
        for m in DATE.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[max(line_start, m.start() - 60):m.start()]
            score, why = 0.0, ""
            if _CUE_BEFORE.search(before):
                score, why = 0.95, "birth-date cue before the date"
            elif _age_fits(m.group(0), _AGE_AFTER.search(text[m.end():m.end() + 20]), this_year):
                score, why = 0.85, "age statement after the date"
            else:
                year = date_year(m.group(0))
                if year and this_year - year >= OLD_DATE_YEARS and len(re.sub(r"\D", "", m.group(0))) >= 5:
                    score, why = 0.55, f"a full date {OLD_DATE_YEARS}+ years ago"
            if score:
                results.append(RecognizerResult("DATE_OF_BIRTH", m.start(), m.end(), score,
                                                recognition_metadata={"recognizer_name": self.name,
                                                                      "why": why}))
        taken = [(r.start, r.end) for r in results]
        for m in _PARTIAL.finditer(text):
            if not any(s <= m.start(1) < e for s, e in taken):
                results.append(RecognizerResult("DATE_OF_BIRTH", m.start(1), m.end(1), 0.85,
                                                recognition_metadata={"recognizer_name": self.name,
                                                                      "why": "birth year after a birth cue"}))
        return results
