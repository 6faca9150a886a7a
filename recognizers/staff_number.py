"""STAFF_NUMBER: a member of staff's employee, payroll, personnel, DBS certificate or badge
number, or a police officer's collar number, given by its label ("Employee number 004512",
"DBS certificate number 001234567890", "collar 4471").
The value's shape and the checks are the hospital-number recognizer's; only the labels differ.
"""
from __future__ import annotations

import re

from redactor.recognizers.hospital_number import _VALUE, HospitalNumberRecognizer

_LABEL = (r"\b(?:employee|staff|payroll|personnel|dbs certificate|dbs|disclosure|badge|smart ?card|"
          r"pin|collar|warrant|shoulder)\s*(?:number|no\.?|num|id|ref)?\s*(?:[:#]|\s(?:is|was))?\s*")


class StaffNumberRecognizer(HospitalNumberRecognizer):
    ENTITY = "STAFF_NUMBER"
    PATTERN = re.compile(_LABEL + _VALUE, re.IGNORECASE)
    #: 'staff', 'badge' or 'pin' followed by a number without 'number'/'no' is too often a count or a code
    NEEDS_NUMBER_WORD = frozenset({"staff", "badge", "pin", "employee", "disclosure", "smart card", "smartcard",
                                   "warrant", "shoulder"})
    MIN_CHARS = 3  # collar numbers have three to five digits
