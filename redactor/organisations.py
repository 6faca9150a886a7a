"""Whose contact detail is it? An address, phone number, e-mail address or postcode that is
plainly an organisation's is not personal data and is kept under the minimum-necessary rule, with
the reason in the report. Keeping a person's would be a leak, so the rules are narrow, two red
teams' cases are in the tests, and any sign of a person anywhere in the value's block (its
paragraph, up to blank lines) wins: a name, a word for a person or relative, a form row, a
mobile number. Kept only:

- a public body's shared mailbox: every word before the @ a mailbox word, on a public-sector
  domain (enquiries@cqc.org.uk, safeguarding.adults@kirkby.gov.uk, pals@trust.nhs.uk);
- a non-geographic number (03, 0800...);
- a value after a phrase naming a public service as its owner ('call the surgery on', 'the
  council's switchboard', 'PALS on');
- a value on a line that starts with an organisation's full name and says nothing else
  ('Abbey Road Pharmacy, 01632 960999');
- a letterhead: the block's first line is an organisation's name alone, and every line down to
  and including the value's is address-shaped or a Tel/Fax/Email line.

An organisation's name is capitalised words ending in a strong word (Council, Trust, Ltd, Surgery,
Hospital, Care Home, Medical Centre): 'home', 'services' or 'house' alone never make one. Text in
capitals only, and tables, get no name-based rule. The words are data:
``models/lexicons/organisation_contacts.txt``.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from redactor.core import Finding
from redactor.models.settings import LEXICON_DIR, lexicon, place_names

CONTACT_TYPES = frozenset({"PHONE_NUMBER", "EMAIL_ADDRESS", "ADDRESS", "POSTCODE"})
_BLOCK_LINES = 8
_CLAUSE = re.compile(r"[.;!?](?:\s|$)")
_JOINERS = {"of", "and", "&", "the", "for", "upon", "on", "in"}
#: What may stand between an organisation's name at the start of a line and its value.
_BETWEEN = re.compile(r"(?i)^(?:['’]s\b|[ ,:(\-–]|tel\b\.?|telephone\b|phone\b|fax\b|email\b|e-mail\b|on\b|"
                      r"main\b|number\b|is\b)*$")
#: The rest of an address between an organisation's name and its postcode: ' Civic Hall, Leeds '.
_ADDRESS_PARTS = re.compile(r"(?: ?\d*[A-Za-z]?,? ?[A-Z][\w'’\-]*(?: [A-Z][\w'’\-]*){0,3},?)*\s*")
_CONTACT_LINE = re.compile(r"(?i)^\s*(?:tel|telephone|phone|fax|email|e-mail|web|website|switchboard)\b\.?\s*:?\s*"
                           r"(?:\+?[\d() \-]{7,20}|[\w.+\-]+@[\w.\-]+|(?:https?://)?[\w.\-]+\.[a-z]{2,}\S*)\s*$")
#: How the UK writes its non-geographic numbers ('0300 123 4567', '03000 616161', '0800 123 4567'):
#: the same digits grouped otherwise ('0348 2102744') are more likely someone's number from abroad.
_UK_GROUPING = re.compile(r"\s*(?:0\d{3}([ -]?)\d{3}\1\d{3,4}|0\d{4}[ -]?\d{6})\s*")
_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}"
_PUBLIC_DOMAINS = (".gov.uk", ".nhs.uk", ".nhs.net", ".police.uk", ".cqc.org.uk", ".ac.uk", ".sch.uk", ".mod.uk",
                   ".gov.scot", ".gov.wales", ".hscni.net", ".parliament.uk")


@dataclass(frozen=True)
class _Rules:
    mailbox: frozenset[str]
    strong: frozenset[str]
    compound: tuple[tuple[str, ...], ...]
    number: re.Pattern[str]
    cue: re.Pattern[str]
    person: re.Pattern[str]
    street: re.Pattern[str]


@functools.lru_cache(maxsize=1)
def _rules() -> _Rules:
    kinds: dict[str, list[str]] = {}
    for line in (LEXICON_DIR / "organisation_contacts.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, value = (x.strip() for x in line.split(":", 1))
            kinds.setdefault(kind, []).append(value)

    def words(kind: str) -> frozenset[str]:
        return frozenset(w for v in kinds[kind] for w in v.lower().split())

    def either(kind: str) -> str:
        return "|".join(f"(?:{v})" for v in kinds[kind]).replace("'", "['’]")
    nouns = sorted((w for w in lexicon("relations") | lexicon("person_nouns") if w.isalpha()), key=len, reverse=True)
    person = re.compile(rf"(?i)(?:{either('person')})|\b(?:{'|'.join(nouns)})(?:s|es)?(?:['’]s?)?\b")
    suffixes = "|".join(sorted(lexicon("street_suffixes"), key=len, reverse=True))
    street = re.compile(rf"(?i)^(?:(?:flat|unit|suite|floor)\s+\w+,?\s*)?\d+[a-z]?(?:-\d+)?,?\s+(?:[A-Z][\w'’]*\s+)"
                        rf"{{1,4}}(?:{suffixes})\.?,?$")
    return _Rules(words("mailbox"), words("strong"), tuple(tuple(v.lower().split()) for v in kinds["compound"]),
                  re.compile(f"(?:{either('number')})"), re.compile(rf"(?:{either('cue')})[\s,:()\-–]*$"), person, street)


def organisation_reason(text: str, f: Finding, people: list[Finding], starts: list[int]) -> str:
    """Why ``f`` is an organisation's contact detail, or '' when that is not plain (then it is
    treated as a person's). ``people`` are the document's names sorted by start, ``starts`` where
    they start (worked out once per document, not once per contact detail)."""
    if f.entity_type not in CONTACT_TYPES or _mobile(f):
        return ""
    rules = _rules()
    block_start, block_end = _block(text, f.start, f.end)
    block = text[block_start:block_end]
    if rules.person.search(block) or people[bisect.bisect_left(starts, block_start):
                                            bisect.bisect_left(starts, block_end)]:
        return ""  # a person anywhere near: their detail, or too close to call
    if f.entity_type == "EMAIL_ADDRESS":  # an address is a public body's by its own words, or not at all
        return "a public body's shared mailbox: kept" if _is_public_mailbox(f.text) else ""
    if f.entity_type == "PHONE_NUMBER" and rules.number.fullmatch(_digits(f.text)) and _UK_GROUPING.fullmatch(f.text):
        return "a number only organisations use (non-geographic): kept"
    line_start = text.rfind("\n", 0, f.start) + 1
    line_end = text.find("\n", f.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if "\t" in block or "|" in line or not any(c.islower() for c in block):
        return ""  # a table row or text in capitals: no reading of names or labels
    before = text[line_start:f.start]
    cue = rules.cue.search(_CLAUSE.split(before)[-1])
    if cue:
        return f"given as an organisation's ('{cue.group(0).strip(' ,:()-–')}'): kept"
    if _opens_with_organisation(before) or (f.entity_type in ("ADDRESS", "POSTCODE") and "," in before
                                           and _opens_with_organisation(before.split(",")[0] + ",")
                                           and _ADDRESS_PARTS.fullmatch(before.split(",", 1)[1])):
        return "on a line that starts with an organisation's name: kept"
    return _letterhead(text, block_start, line_start, line)


def _block(text: str, start: int, end: int) -> tuple[int, int]:
    """The value's paragraph or address block: from the blank line above to the one below."""
    above = text.rfind("\n\n", max(0, start - 1500), start)
    below = text.find("\n\n", end, end + 1500)
    return (above + 2 if above >= 0 else max(0, start - 1500)), (below if below >= 0 else min(len(text), end + 1500))


def _opens_with_organisation(before: str) -> bool:
    """``before`` (the line up to the value) is an organisation's full name and a label at most."""
    words = list(re.finditer(r"[\w&]+(?:['’][\w]+)?", before))
    for i in range(len(words) - 1, -1, -1):
        if not _BETWEEN.match(before[words[i].end():]):
            return False
        if _name_start(words[:i + 1]) == 0 and not before[:words[0].start()].strip():
            return True
    return False


def _name_start(words: list[re.Match[str]]) -> int | None:
    """Index of the first word of the organisation's name ending ``words``, every word of it
    capitalised (but joiners), or None."""
    low = [re.sub(r"['’]s$", "", w.group(0).lower()) for w in words]
    rules = _rules()
    type_len = 1 if low[-1] in rules.strong else next(
        (len(c) for c in rules.compound if tuple(low[-len(c):]) == c), 0)
    if not type_len or not all(w.group(0)[0].isupper() for w in words[len(words) - type_len:]):
        return None
    start = len(words) - type_len
    while start > 0 and (words[start - 1].group(0)[0].isupper() or low[start - 1] in _JOINERS) \
            and len(words) - start < 8:
        start -= 1
    while start < len(words) and low[start] in _JOINERS:
        start += 1
    proper = [w.group(0) for w in words[start:len(words) - type_len]]
    if not proper or proper[0].lower().rstrip(".") in lexicon("titles"):
        return None  # 'the Council' alone, or a titled person
    return start


def _letterhead(text: str, block_start: int, line_start: int, line: str) -> str:
    """The block opens with an organisation's name alone on its line, and every line from the
    next down to the value's own is address-shaped or a contact line."""
    lines = text[block_start:line_start].splitlines()
    if not lines or not _is_organisation_line(lines[0]):
        return ""
    if all(_is_bare_line(x) for x in lines[1:] + line.splitlines()):
        return "in an organisation's letterhead: kept"
    return ""


def _is_organisation_line(line: str) -> bool:
    words = list(re.finditer(r"[\w&]+(?:['’][\w]+)?", line))
    return bool(words) and len(words) <= 8 and not re.search(r"[,:;()\t]", line) and _name_start(words) == 0


def _is_bare_line(line: str) -> bool:
    """An address line ('12 High Street', 'Citygate, Gallowgate', 'Leeds LS1 1AA') or a contact line
    ('Tel: 0113 ...'). A capitalised line could be a label ('Birth Parents'): the person words that
    the whole block is searched for stop those."""
    line = line.strip().rstrip(",")
    return bool(_CONTACT_LINE.match(line) or _rules().street.match(line)
                or re.fullmatch(r"[A-Z][\w'’\-]*(?: [A-Z][\w'’\-]*){0,3}(?:, [A-Z][\w'’\-]*(?: [A-Z][\w'’\-]*){0,3})*", line)
                or re.fullmatch(rf"(?:[A-Z][\w'’.\-]*(?:\s+(?:upon|on|under|le|in|[A-Z][\w'’.\-]*)){{0,3}},?\s+)?"
                                rf"{_POSTCODE}", line)
                or line.lower() in place_names())


def _is_public_mailbox(address: str) -> bool:
    """Every word before the @ is a mailbox word, on a public body's domain."""
    local, _, domain = address.lower().partition("@")
    words = [w for w in re.split(r"[._+\-]", local) if w]
    return bool(words) and all(w in _rules().mailbox for w in words) and ("." + domain).endswith(_PUBLIC_DOMAINS)


def _mobile(f: Finding) -> bool:
    """A mobile or a foreign number is a person's as often as not."""
    if f.entity_type != "PHONE_NUMBER":
        return False
    digits = _digits(f.text)
    return digits.startswith("07") or not digits.startswith("0") or digits.startswith("00")


def _digits(number: str) -> str:
    """A UK number's digits as dialled at home: '+44 (0)113 496 0000' -> '01134960000'."""
    digits = re.sub(r"\D", "", number)
    if digits.startswith("44") and number.strip().startswith("+"):
        digits = "0" + digits[2:].removeprefix("0")
    return digits
