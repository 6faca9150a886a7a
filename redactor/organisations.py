"""Whose contact detail is it? An address, phone number, e-mail address or postcode given as an
organisation's (a letterhead, 'Registered office', a shared mailbox, a council's switchboard) is not
a person's and is kept under the minimum-necessary rule, with the reason in the report. Any sign
of a person wins: a name on the line before it, 'my', 'her', 'lives at', a mobile number. The
words are data: ``models/lexicons/organisation_contacts.txt``.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from redactor.core import Finding
from redactor.models.settings import LEXICON_DIR, known_names

CONTACT_TYPES = frozenset({"PHONE_NUMBER", "EMAIL_ADDRESS", "ADDRESS", "POSTCODE"})
#: How far back an address block is read for the organisation it belongs to (lines).
_BLOCK_LINES = 5
_CONNECTORS = re.compile(r"(?i)(?:[\s,:;(\-–]+|\b(?:on|at|is|are|tel|telephone|phone|number|fax|email|e-mail|"
                         r"address|postcode|by|via|to|of|the|its|main)\b)+$")
_CLAUSE = re.compile(r"[.;!?](?:\s|$)")
_SMALL_WORDS = {"of", "and", "the", "&", "for", "in", "on", "at", "de", "la"}


@dataclass(frozen=True)
class _Rules:
    mailbox: frozenset[str]
    org_words: frozenset[str]
    number: re.Pattern[str]
    cue: re.Pattern[str]
    person: re.Pattern[str]


@functools.lru_cache(maxsize=1)
def _rules() -> _Rules:
    kinds: dict[str, list[str]] = {}
    for line in (LEXICON_DIR / "organisation_contacts.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, value = (x.strip() for x in line.split(":", 1))
            kinds.setdefault(kind, []).append(value)

    def words(kind: str) -> frozenset[str]:
        return frozenset(w for v in kinds[kind] for w in v.lower().split())

    def either(kind: str, template: str) -> re.Pattern[str]:
        return re.compile(template.format("|".join(f"(?:{v})" for v in kinds[kind])), re.IGNORECASE)
    return _Rules(words("mailbox"), words("org_word"), either("number", r"(?:{})"),
                  either("cue", r"\b(?:{})\b[^.\n]{{0,25}}$"), either("person", r"(?:{})"))


def organisation_reason(text: str, f: Finding, people: list[Finding]) -> str:
    """Why ``f`` is an organisation's contact detail, or '' when nothing shows it is (then it is
    treated as a person's). ``people`` are the document's names, sorted by start."""
    if f.entity_type not in CONTACT_TYPES:
        return ""
    rules = _rules()
    line_start = text.rfind("\n", 0, f.start) + 1
    before = text[max(line_start, f.start - 80):f.start]
    if rules.person.search(before) or (f.entity_type == "PHONE_NUMBER" and _is_mobile(f.text)):
        return ""
    if f.entity_type == "EMAIL_ADDRESS" and _is_mailbox(f.text):
        return "a shared mailbox, not a person's: kept"
    if f.entity_type == "PHONE_NUMBER" and rules.number.fullmatch(_digits(f.text)):
        return "a number only organisations use (non-geographic): kept"
    starts = [p.start for p in people]
    line_people = people[bisect.bisect_left(starts, line_start):bisect.bisect_left(starts, f.start)]
    since_person = text[max(line_start, line_people[-1].end):f.start] if line_people else before
    since_person = _CLAUSE.split(since_person)[-1]  # 'the Kingsway Practice (…); her own number is'
    if _names_organisation(since_person) or (f.entity_type == "ADDRESS" and _names_organisation(f.text)):
        return "given under an organisation's name: kept"
    cue = rules.cue.search(since_person)
    if cue:
        return f"given as an organisation's ('{cue.group(0).split()[0].lower()}…'): kept"
    return "" if line_people else _block_owner(text, line_start, people, starts)


def _is_mailbox(address: str) -> bool:
    """A shared mailbox's local part: a word such as enquiries, team or safeguarding, and no
    name, initial or number ('dols.team' yes; 'j.smith', 'jane.office', "o'neil+care", 'admin77' no)."""
    words = [w for w in re.split(r"[._+\-]", address.split("@", 1)[0].lower()) if w]
    return (any(w in _rules().mailbox for w in words)
            and not any(len(w) < 3 or not w.isalpha() or (w not in _rules().mailbox and w in known_names())
                        for w in words))


def _block_owner(text: str, line_start: int, people: list[Finding], starts: list[int]) -> str:
    """An address block under an organisation's name (a letterhead): a line above, up to a blank
    line, names an organisation, and no line of the block names a person or says 'c/o' (a
    person's block, even one sent care of a council, or a signature, is a person's)."""
    block_start, end = line_start, line_start - 1
    for _ in range(_BLOCK_LINES):
        if end <= 0 or not text[text.rfind("\n", 0, end) + 1:end].strip():
            break
        block_start, end = text.rfind("\n", 0, end) + 1, text.rfind("\n", 0, end)
    lines = text[block_start:line_start].splitlines()
    if people[bisect.bisect_left(starts, block_start):bisect.bisect_left(starts, line_start)] \
            or any(re.match(r"(?i)\s*c/o\b", line) for line in lines):
        return ""
    if any(_names_organisation(line) or _rules().cue.search(line) for line in lines):
        return "in an organisation's address block: kept"
    return ""


def _names_organisation(fragment: str) -> bool:
    """A comma-separated part of ``fragment`` is an organisation's name: capitalised words ending in
    a word such as Council, Trust, Ltd or Care Home ('Leeds City Council', 'Oakleigh Care Home')."""
    org_words = _rules().org_words
    for part in re.split(r"[,;|()\t]|\s[-–]\s", fragment):
        words = re.findall(r"[\w&'’]+", _CONNECTORS.sub("", part.strip()))
        if not words or words[-1].lower() not in org_words:
            continue
        run = []  # the name: capitalised words and words like 'nursing home' back from its end
        for w in reversed(words[-8:]):
            if not (w[0].isupper() or w[0].isdigit() or w.lower() in org_words or w.lower() in _SMALL_WORDS):
                break
            run.append(w)
        capitalised = [w for w in run if w[0].isupper() and w.lower() not in _SMALL_WORDS]
        if len(capitalised) > 1 or any(w.lower() not in org_words for w in capitalised):
            return True
    return False


def _is_mobile(number: str) -> bool:
    return _digits(number).startswith("07")


def _digits(number: str) -> str:
    """A UK number's digits as dialled at home: '+44 (0)113 496 0000' -> '01134960000'."""
    digits = re.sub(r"\D", "", number)
    if digits.startswith("44"):
        digits = "0" + digits[2:].removeprefix("0")
    return digits
