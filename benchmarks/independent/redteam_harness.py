"""What a red-team case's personal value became: shared by the two rounds of people's contact details."""
from __future__ import annotations

from redactor import api

ORG_TYPES = {"PHONE_NUMBER", "EMAIL_ADDRESS", "ADDRESS", "POSTCODE"}


def status(text: str, value: str, verbose: bool = False) -> tuple[str, str]:
    """('leak' | 'redacted' | 'absent', why) for the first occurrence of ``value`` in ``text``:
    a leak is kept with an organisation's reason; absent is not (fully) detected at all."""
    s = text.index(value)
    e = s + len(value)
    fs = api.scan_text(text)
    red = [f for f in fs if f.action == "redact" and f.start < e and f.end > s]
    covered = all(any(f.start <= i < f.end for f in red) for i in range(s, e) if not text[i].isspace())
    kept = [f for f in fs if f.action == "keep" and f.start < e and f.end > s
            and f.entity_type in ORG_TYPES and f.reason.endswith(": kept")]
    if verbose:
        for f in fs:
            print("     ", f.entity_type, repr(f.text), f.action, f.reason)
    if covered:
        return "redacted", ""
    part = "".join("█" if any(f.start <= s + k < f.end for f in red) else ch for k, ch in enumerate(value))
    if kept:
        return "leak", "; ".join(f"{f.entity_type} {f.text!r}: {f.reason}" for f in kept) + \
            ("" if part == value else f" [survives: {part!r}]")
    return "absent", f"not (fully) detected: {part!r}"
