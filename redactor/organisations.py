"""Whose contact detail is it? An address, phone number, e-mail address or postcode that is
plainly an organisation's is not personal data and is kept under the minimum-necessary rule, with
the reason in the report. Keeping a person's would be a leak, so the rules are narrow and any
sign of a person wins. Kept only:

- a shared mailbox: every word before the @ is a mailbox word (enquiries@, safeguarding.adults@)
  and the domain is no webmail or personal one;
- a non-geographic number (03, 0800...) with no person near it;
- a value on a 'Registered office:' line, or right after a phrase naming an organisation as the
  owner ('call the surgery on', 'the council's switchboard', 'PALS on');
- a value right after an organisation's full name ('Kendal Road Pharmacy, 0191 ...') that is not
  the object of 'at', 'to', 'from' and the like;
- a letterhead: the block's first line is an organisation's name, and every line down to the
  value is a bare address or contact line.

An organisation's name ends in a strong word (Council, Trust, Ltd, Surgery, Hospital, Care Home,
Medical Centre): 'home', 'services' or 'house' alone never make one. The words are data:
``models/lexicons/organisation_contacts.txt``.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from redactor.core import Finding
from redactor.models.settings import LEXICON_DIR, known_names, lexicon

CONTACT_TYPES = frozenset({"PHONE_NUMBER", "EMAIL_ADDRESS", "ADDRESS", "POSTCODE"})
_BLOCK_LINES = 6
_CLAUSE = re.compile(r"[.;!?](?:\s|$)")
_JOINERS = {"of", "and", "&", "the", "for", "upon", "on", "in"}
#: What may stand between an organisation's name and its value: 'Oakleigh Care Home, Tel: ...'.
_BETWEEN = re.compile(r"(?i)^[\s,:(\-–]*(?:(?:tel|telephone|phone|fax|email|e-mail|switchboard|on|is|at|main|"
                      r"address|postcode|number|reception|registered|based|located)\b[\s.,:(\-–]*)*$")
#: A bare line of a letterhead: a contact label and its value, or an address line.
_CONTACT_LABEL = re.compile(r"(?i)^\s*(?:tel|telephone|phone|fax|email|e-mail|web|website|www|switchboard|"
                            r"main line|reception|dx)\b\.?\s*:?")


@dataclass(frozen=True)
class _Rules:
    mailbox: frozenset[str]
    strong: frozenset[str]
    compound: tuple[tuple[str, ...], ...]
    webmail: frozenset[str]
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
        return re.compile(template.format("|".join(f"(?:{v})" for v in kinds[kind])).replace("'", "['’]"),
                          re.IGNORECASE)
    relations = "|".join(re.escape(w) for w in sorted(lexicon("relations") | lexicon("person_nouns"), key=len,
                                                        reverse=True) if w.isalpha())
    person = re.compile(either("person", "(?:{})").pattern + rf"|\b(?:{relations})(?:['’]s)?\b", re.IGNORECASE)
    return _Rules(words("mailbox"), words("strong"), tuple(tuple(v.lower().split()) for v in kinds["compound"]),
                  words("webmail"), either("number", r"(?:{})"), either("cue", r"(?:{})[\s,:()\-–]*$"), person)


def organisation_reason(text: str, f: Finding, people: list[Finding]) -> str:
    """Why ``f`` is an organisation's contact detail, or '' when that is not plain (then it is
    treated as a person's). ``people`` are the document's names, sorted by start."""
    if f.entity_type not in CONTACT_TYPES:
        return ""
    rules = _rules()
    line_start = text.rfind("\n", 0, f.start) + 1
    line_end = text.find("\n", f.end)
    clause = _CLAUSE.split(text[line_start:f.start])[-1]
    after = _CLAUSE.split(text[f.end:line_end if line_end >= 0 else len(text)])[0]
    starts = [p.start for p in people]
    if rules.person.search(clause) or rules.person.search(after) or _mobile(f) or \
            people[bisect.bisect_left(starts, line_start):bisect.bisect_left(starts, f.start)]:
        return ""
    if f.entity_type == "EMAIL_ADDRESS":  # an address is an organisation's by its own words, or not at all
        return "a shared mailbox, not a person's: kept" if _is_mailbox(f.text) else ""
    if f.entity_type == "PHONE_NUMBER" and rules.number.fullmatch(_digits(f.text)):
        return "a number only organisations use (non-geographic): kept"
    cue = rules.cue.search(clause)
    if cue:
        return f"given as an organisation's ('{cue.group(0).strip(' ,:(-–')}'): kept"
    if _follows_organisation(clause):
        return "given right after an organisation's name: kept"
    return _letterhead(text, line_start, line_end, people, starts)


def _follows_organisation(clause: str) -> bool:
    """``clause`` ends with an organisation's full name and only a label or a comma after it, and
    the name is no object of 'at', 'to', 'from' ('discharged from St James's Hospital to ...')."""
    words = list(re.finditer(r"[\w&]+(?:['’][\w]+)?", clause))
    for i in range(len(words) - 1, -1, -1):
        if not _BETWEEN.match(clause[words[i].end():]):
            return False  # more than a label between the name and the value
        first = _name_start(words[:i + 1])
        if first is not None:
            before = words[first - 1].group(0).lower() if first > 0 else ""
            return before not in _PREPOSITIONS
    return False


_PREPOSITIONS = {"at", "to", "from", "by", "via", "into", "with", "for", "in", "near", "of", "about", "outside",
                 "behind", "opposite", "beside", "after", "before", "within", "through", "visit", "visited", "leaving"}


def _name_start(words: list[re.Match[str]]) -> int | None:
    """Index of the first word of the organisation's name ending ``words``, or None."""
    low = [re.sub(r"'s$", "", w.group(0).lower().replace("’", "'")) for w in words]  # 'Kingsway Surgery's
    rules = _rules()
    end = len(low)
    if low[-1] in rules.strong:
        type_len = 1
    else:
        type_len = next((len(c) for c in rules.compound if tuple(low[-len(c):]) == c), 0)
    if not type_len:
        return None
    start = end - type_len
    while start > 0 and (words[start - 1].group(0)[0].isupper() or low[start - 1] in _JOINERS) \
            and end - start < 8:
        start -= 1
    while start < end and low[start] in _JOINERS:
        start += 1
    proper = [w.group(0) for w in words[start:end - type_len] if w.group(0)[0].isupper()]
    if not proper or proper[0].lower().rstrip(".") in lexicon("titles"):
        return None  # 'the Council' alone, or a titled person ('Dr Ashfield Surgery')
    return start


def _letterhead(text: str, line_start: int, line_end: int, people: list[Finding], starts: list[int]) -> str:
    """The value's block (up to a blank line) opens with an organisation's name on a line of its
    own, every line from there down to the value is a bare address or contact line, and the next
    line says nothing of a person ('Above is the number for Ada's son')."""
    if line_end >= 0:
        next_end = text.find("\n", line_end + 1)
        following = text[line_end + 1:next_end if next_end >= 0 else len(text)]
        if following.strip() and (_rules().person.search(following) or
                                  people[bisect.bisect_left(starts, line_end):bisect.bisect_left(starts, line_end
                                                                                                + len(following) + 1)]):
            return ""
    lines, end = [], line_start - 1
    while end > 0 and len(lines) < _BLOCK_LINES:
        start = text.rfind("\n", 0, end) + 1
        if not text[start:end].strip():
            break
        lines.append((start, end))
        end = start - 1
    for i, (start, end) in enumerate(lines):
        line = text[start:end].strip()
        if _is_organisation_line(line):
            block = lines[:i]
            if people[bisect.bisect_left(starts, start):bisect.bisect_left(starts, line_start)] or \
                    not all(_is_bare_line(text[s:e]) for s, e in block):
                return ""
            return "in an organisation's letterhead: kept"
        if not _is_bare_line(line):
            return ""
    return ""


def _is_organisation_line(line: str) -> bool:
    words = list(re.finditer(r"[\w&'’]+", line))
    if not words or line.endswith(":") or ":" in line or len(words) > 8:
        return False
    start = _name_start(words)
    return start == 0


def _is_bare_line(line: str) -> bool:
    """An address line ('12 High Street', 'Leeds LS1 1AA') or a contact line ('Tel: 0113 ...')."""
    line = _CONTACT_LABEL.sub("", line).strip()
    if not line or ":" in line or _rules().person.search(line):
        return False
    words = re.findall(r"[A-Za-z][\w'’]*", line)
    return all(w[0].isupper() or w.lower() in _JOINERS for w in words)


def _is_mailbox(address: str) -> bool:
    """A shared mailbox: every word before the @ is a mailbox word, and the domain is neither
    webmail nor personal ('enquiries@…', 'dols.team@…'; not 'info.jsmith@…', 'hello@janedoe.me.uk',
    'care.home.mum@gmail.com')."""
    local, _, domain = address.lower().partition("@")
    words = [w for w in re.split(r"[._+\-]", local) if w]
    labels = domain.split(".")
    if not words or not all(w in _rules().mailbox for w in words):
        return False
    if any(label in _rules().webmail for label in labels) or labels[-1] in ("me", "name") or \
            domain.endswith((".me.uk", ".name")):
        return False
    public = domain.endswith((".gov.uk", ".nhs.uk", ".nhs.net", ".police.uk", ".ac.uk", ".sch.uk", ".mod.uk"))
    return public or not _personal_domain(labels[0])


def _personal_domain(label: str) -> bool:
    """A domain named after a person or a family ('annamorris', 'thehartleys', 'hartleyfamily'):
    it holds a word for a home, a forename of four letters or more, or a surname of seven or more."""
    if any(w in label for w in ("family", "home", "house", "personal")):
        return True
    forenames, names = lexicon("forenames"), known_names()
    return any(label[i:j] in forenames or (j - i >= 7 and label[i:j] in names)
               for i in range(len(label)) for j in range(i + 4, len(label) + 1))


def _mobile(f: Finding) -> bool:
    if f.entity_type != "PHONE_NUMBER":
        return False
    digits = _digits(f.text)
    return digits.startswith("07") or f.text.strip().startswith("+") and not digits.startswith("0")


def _digits(number: str) -> str:
    """A UK number's digits as dialled at home: '+44 (0)113 496 0000' -> '01134960000'."""
    digits = re.sub(r"\D", "", number)
    if digits.startswith("44"):
        digits = "0" + digits[2:].removeprefix("0")
    return digits
