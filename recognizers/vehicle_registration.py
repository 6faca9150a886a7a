"""VEHICLE_REGISTRATION: UK number plates. A car's registration identifies its keeper to anyone
who can ask the DVLA, and police statements and safeguarding notes carry them.

- Current format (since 2001), 'YX17 KLM': two area letters, an age identifier, three letters.
  The age identifier is checked (March: the year's two digits, September: the year plus 50), so
  taken alone it is a good match.
- Prefix (1983-2001) 'T123 ABC' and suffix (1963-1983) 'ABC 123D' formats look like many codes:
  they count only with 'registration', 'VRM', 'vehicle' or similar nearby.
"""
from __future__ import annotations

import datetime
import re

from presidio_analyzer import Pattern, PatternRecognizer

#: Letters used on plates: never I or Q (Z only in the last three letters of the current format).
_L = "A-HJ-PR-Y"


class VehicleRegistrationRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern("current format", rf"(?<![\w-])[{_L}][{_L}](\d\d) ?[{_L}Z]{{3}}(?![\w-])", 0.7),
        Pattern("prefix format", rf"(?<![\w-])[{_L}]\d{{1,3}} ?[{_L}]{{3}}(?![\w-])", 0.3),
        Pattern("suffix format", rf"(?<![\w-])[{_L}]{{3}} ?\d{{1,3}}[{_L}](?![\w-])", 0.3),
    ]
    #: Presidio matches context words as substrings of the words nearby: 'car' would match 'care' and
    #: 'reg' 'regulation', which are in every inspection note, so only longer words are used.
    CONTEXT = ["registration", "vrm", "vehicle", "numberplate", "plate", "motorbike", "motorcycle", "driving",
               "parked", "dvla"]

    def __init__(self) -> None:
        # case-sensitive: plates are written in capitals, and 'R2 and R4' is not 'R2 AND'
        super().__init__(supported_entity="VEHICLE_REGISTRATION", patterns=self.PATTERNS, context=self.CONTEXT,
                         name="VehicleRegistrationRecognizer", global_regex_flags=re.MULTILINE)

    def validate_result(self, pattern_text: str) -> bool | None:
        """The current format's age identifier must name a half-year that has begun or is about to:
        '17' (March 2017) or '67' (September 2017), not '00', '45' or '99'."""
        compact = pattern_text.replace(" ", "")
        if not (len(compact) == 7 and compact[2:4].isdigit() and compact[:2].isalpha()):
            return None  # the older formats: context decides
        age = int(compact[2:4])
        this_year = datetime.date.today().year % 100
        return 1 <= age <= this_year + 1 or 51 <= age <= this_year + 51
