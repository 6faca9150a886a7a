"""VEHICLE_REGISTRATION: UK number plates. A car's registration identifies its keeper to anyone
who can ask the DVLA, and police statements and safeguarding notes carry them.

- Current format (since 2001), 'YX17 KLM': two area letters, an age identifier, three letters.
  The age identifier is checked (March: the year's two digits, September: the year plus 50), so
  taken alone it is a good match in capitals; in lower case ('yx17 klm') it needs a context word
  or to stand alone as a field's value.
- Prefix (1983-2001) 'T123 ABC' and suffix (1963-1983) 'ABC 123D' formats look like many codes:
  they count only with 'registration', 'VRM', 'vehicle' or similar nearby, or standing alone as a
  field's or cell's value. Their year letter is never I, O, Q, U or Z.
Plates are written with a space, a hyphen or nothing between the two halves ('LN14-HGT').
Dateless plates ('ABC 123', '1 AB') are left out: their shape is every short code's.
"""
from __future__ import annotations

import datetime
import re

from presidio_analyzer import Pattern, PatternRecognizer

from redactor.recognizers.table_column import stands_alone

#: Letters used on plates: never I or Q (Z only in the last three letters of the current format).
_L = "A-HJ-PR-Y"
#: The year letter of the prefix and suffix formats: A to Y without I, O, Q, U or Z.
_YEAR = "A-HJ-NPR-TV-Y"
_SEP = r"[ \-]?"


class VehicleRegistrationRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern("current format", rf"(?<![\w-])(?i:[{_L}][{_L}]\d\d{_SEP}[{_L}Z]{{3}})(?![\w-])", 0.7),
        Pattern("prefix format", rf"(?<![\w-])[{_YEAR}]\d{{1,3}}{_SEP}[{_L}]{{3}}(?![\w-])", 0.3),
        Pattern("suffix format", rf"(?<![\w-])[{_L}]{{3}}{_SEP}\d{{1,3}}[{_YEAR}](?![\w-])", 0.3),
    ]
    #: Presidio matches context words as substrings of the words nearby: 'car' would match 'care' and
    #: 'reg' 'regulation', which are in every inspection note, so only longer words are used.
    CONTEXT = ["registration", "vrm", "vehicle", "numberplate", "plate", "motorbike", "motorcycle", "driving",
               "parked", "dvla"]
    #: A lower-case current plate, or an older one, standing alone as a field's or cell's value.
    ALONE_SCORE = 0.55
    #: A lower-case current plate in running text: below the threshold unless a context word lifts it.
    LOWER_SCORE = 0.4

    def __init__(self) -> None:
        # case-sensitive but for the checked current format: plates are written in capitals,
        # and 'R2 and R4' is not 'R2 AND'
        super().__init__(supported_entity="VEHICLE_REGISTRATION", patterns=self.PATTERNS, context=self.CONTEXT,
                         name="VehicleRegistrationRecognizer", global_regex_flags=re.MULTILINE)

    def validate_result(self, pattern_text: str) -> bool | None:
        """The current format's age identifier must name a half-year that has begun or is about to:
        '17' (March 2017) or '67' (September 2017), not '00', '45' or '99'."""
        compact = re.sub(r"[ \-]", "", pattern_text)
        if not (len(compact) == 7 and compact[2:4].isdigit() and compact[:2].isalpha()):
            return None  # the older formats: context decides
        age = int(compact[2:4])
        this_year = datetime.date.today().year % 100
        return 1 <= age <= this_year + 1 or 51 <= age <= this_year + 51

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # type: ignore[override]
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in results:
            value = text[r.start:r.end]
            if r.score >= self.PATTERNS[0].score and value.isupper():
                continue  # a checked current plate in capitals
            if stands_alone(text, r.start, r.end):
                r.score = self.ALONE_SCORE
                r.recognition_metadata["why"] = "a plate's shape standing alone as a field or cell value"
            else:
                r.score = min(r.score, self.LOWER_SCORE)
        return results
