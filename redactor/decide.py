"""Deciding: which findings are redacted and which kept, each with a reason.

Inputs are data: a score threshold, allow and deny lists (plain terms or ``re:`` regular
expressions), and a policy saying per entity type whether it is redacted and in which style.
"""
from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import yaml

from redactor.core import Finding
from redactor.models.settings import PROFILE_DIR
from redactor.organisations import CONTACT_TYPES, organisation_reason

STYLES = ("label", "box", "pseudonym", "mask")
DEFAULT_THRESHOLD = 0.5


@dataclass
class TermList:
    """Terms from an --allow or --deny file: one per line, ``re:`` for a regular expression."""

    literals: set[str] = field(default_factory=set)
    patterns: list[re.Pattern[str]] = field(default_factory=list)

    @classmethod
    def load(cls, path: str | Path | None) -> "TermList":
        terms = cls()
        if path is None:
            return terms
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("re:"):
                terms.patterns.append(re.compile(line[3:], re.IGNORECASE))
            else:
                terms.literals.add(line.lower())
        return terms

    def matches(self, value: str) -> bool:
        return value.lower() in self.literals or any(p.fullmatch(value) for p in self.patterns)

    def find_all(self, text: str) -> list[tuple[int, int]]:
        spans = []
        for term in self.literals:
            spans += [(m.start(), m.end()) for m in
                      re.finditer(r"(?<!\w)" + re.escape(term) + r"(?!\w)", text, re.IGNORECASE)]
        for p in self.patterns:
            spans += [(m.start(), m.end()) for m in p.finditer(text) if m.end() > m.start()]
        return spans


@dataclass
class Policy:
    """What to redact and how. ``styles`` and ``keep_types`` are per entity type."""

    threshold: float = DEFAULT_THRESHOLD
    style: str = "label"
    styles: dict[str, str] = field(default_factory=dict)
    keep_types: set[str] = field(default_factory=set)
    allow: TermList = field(default_factory=TermList)
    deny: TermList = field(default_factory=TermList)
    keep_comments: bool = False
    keep_staff_names: bool = False
    redact_unreadable: bool = False  # paint out ink OCR could not read (else it is listed for a person)
    profile: str = ""

    def style_for(self, entity_type: str) -> str:
        return self.styles.get(entity_type, self.style)

    @property
    def uses_pseudonyms(self) -> bool:
        """Whether any type gets a stand-in that must be the same across a run's files."""
        return self.style == "pseudonym" or "pseudonym" in self.styles.values()

    @classmethod
    def from_config(cls, path: str | Path | None, **overrides: object) -> "Policy":
        """A policy from a YAML config file (``threshold``, ``style``, ``styles``, ``keep``,
        ``keep_staff_names``, ``redact_unreadable``), with
        command-line values taking precedence where given."""
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) if path else {}
        data = data or {}
        profile = str(overrides.pop("profile", None) or "")
        if profile:
            data = {**load_profile(profile), **data}  # the config file refines the profile
        policy = cls(threshold=float(data.get("threshold", DEFAULT_THRESHOLD)), style=data.get("style", "label"),
                     styles=dict(data.get("styles", {}) or {}), keep_types=set(data.get("keep", []) or []),
                     keep_staff_names=bool(data.get("keep_staff_names", False)),
                     redact_unreadable=bool(data.get("redact_unreadable", False)), profile=profile)
        for key, value in overrides.items():
            if value is not None:
                setattr(policy, key, value)
        for style in [policy.style, *policy.styles.values()]:
            if style not in STYLES:
                raise ValueError(f"unknown style '{style}' (choose from {', '.join(STYLES)})")
        return policy


def profiles() -> dict[str, str]:
    """Profile name -> description: those shipped in ``models/profiles`` and the user's own in
    ``$REDACT_PROFILES`` (a folder of YAML files)."""
    out = {}
    for folder in _profile_dirs():
        for path in sorted(folder.glob("*.yaml")):
            out[path.stem] = str((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("description", ""))
    return out


def load_profile(name: str) -> dict[str, object]:
    for folder in reversed(_profile_dirs()):  # the user's own first
        path = folder / f"{name}.yaml"
        if path.is_file():
            return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    raise ValueError(f"unknown profile '{name}' (choose from {', '.join(profiles())})")


def _profile_dirs() -> list[Path]:
    dirs = [PROFILE_DIR]
    if os.environ.get("REDACT_PROFILES"):
        dirs.append(Path(os.environ["REDACT_PROFILES"]))
    return dirs


_STAFF = re.compile(r"(?i)\b(?:staff member|member of staff|carer|care worker|support worker|nurse|manager|deputy|"
                    r"registered manager|cook|chef|domestic|housekeeper|activities co-?ordinator|team leader|"
                    r"senior|dr|doctor|gp|employee|colleague)\b[^.\n]{0,25}$")
_PROTECTED = re.compile(r"(?i)\b(?:complainant|complaint from|whistle ?-?blower|raised by|resident|patient|"
                        r"service user|daughter|son|wife|husband|mother|father|relative|family|visitor|"
                        r"next of kin|client)\b[^.\n]{0,25}$")


def _staff_names(text: str, findings: list[Finding]) -> tuple[_NameIndex, _NameIndex]:
    """Words of the names given just after a staff role ('night nurse Ivy Chapman'), and of those
    given after a word for someone the provider must not identify (complainant, resident, relative)."""
    staff, protected = [], []
    for f in findings:
        if f.entity_type != "PERSON":
            continue
        before = text[max(0, f.start - 40):f.start] + f.text.split(" ", 1)[0]  # 'Nurse Tom Baker' too
        words = set(re.findall(r"\w+", f.text.lower()))
        if _PROTECTED.search(before):
            protected.append(words)
        elif _STAFF.search(before):
            staff.append(words)
    return _NameIndex(staff), _NameIndex(protected)


SOURCE_REASON = "named as the complainant or whistleblower (source passage)"
_SIGN_OFF = re.compile(r"(?im)^[ \t]*(?:yours(?: sincerely| faithfully| truly)?|(?:kind |best |warm(?:est)? |many )?"
                       r"(?:regards|thanks|wishes)|thank you|from:|signed:?)[ \t,]*$|^[ \t]*from:")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_FIRST_PERSON = re.compile(r"(?i)\b(?:i|i'm|i've|i'd|me|my)\b")


def source_names(text: str, people: list[Finding], starts: list[int],
                 sources: Sequence[tuple[int, int]]) -> list[set[str]]:
    """Words of each person a source passage identifies: those named in it; else the last person
    named before it in the same paragraph ('Mrs Kaur rang us. She asked us not to say so.'); and,
    when the passage is in the first person, whoever signs the letter or sends the e-mail.
    ``people`` are the document's names sorted by start, ``starts`` where they start."""
    if not sources or not people:
        return []
    named: list[set[str]] = []
    writers: list[set[str]] | None = None  # the same for every passage: found once
    for start, end in sources:
        inside = people[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
        inside = [f for f in inside if f.end <= end]
        if not inside:
            before = people[max(0, bisect.bisect_left(starts, start) - 8):bisect.bisect_left(starts, start)]
            last = max(before, key=lambda f: (f.end, f.end - f.start), default=None)  # the whole name
            if last and not _PARAGRAPH.search(text, last.end, start):
                inside = [last]
        named += [_words(f.text) for f in inside]
        if writers is None and _FIRST_PERSON.search(text, start, end):
            writers = [_words(f.text) for f in _writers(text, people, starts)]
    return [words for words in named + (writers or []) if words]


def _writers(text: str, people: list[Finding], starts: list[int]) -> list[Finding]:
    """The first person named just after each sign-off ('Yours sincerely') or 'From:' line."""
    found = []
    for m in _SIGN_OFF.finditer(text):
        i = bisect.bisect_left(starts, m.end())
        if i < len(people) and people[i].start - m.end() < 120:
            found.append(people[i])
    return found


def _words(name: str) -> set[str]:
    return set(re.findall(r"\w+", name.lower())) - _TITLE_WORDS


_TITLE_WORDS = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lady", "lord", "rev"}


class _NameIndex:
    """People's name words, found through any one of their words, so that looking up every mention
    of a long document stays linear however many people it names."""

    def __init__(self, names: Sequence[set[str]] = ()) -> None:
        self._by_word: dict[str, list[frozenset[str]]] = {}
        for name in {frozenset(n) for n in names if n}:
            for word in name:
                self._by_word.setdefault(word, []).append(name)

    def within_one(self, words: set[str]) -> bool:
        """``words`` are all part of one person's name."""
        return bool(words) and any(words <= name for name in self._by_word.get(next(iter(words)), ()))

    def shares_a_word(self, words: set[str]) -> bool:
        return any(w in self._by_word for w in words)


def _names_one_of(f: Finding, people: _NameIndex) -> bool:
    """A mention of one of ``people``: its words (titles aside) are a part of their name."""
    return people.within_one(_words(f.text))


def _is_staff(f: Finding, names: tuple[_NameIndex, _NameIndex]) -> bool:
    """Every mention of a person named as staff (surname alone included), unless the same words
    also name someone protected."""
    words = set(re.findall(r"\w+", f.text.lower()))
    staff, protected = names
    return staff.within_one(words) and not protected.shares_a_word(words)


def decide(text: str, findings: list[Finding], policy: Policy,
           sources: Sequence[tuple[int, int]] = ()) -> list[Finding]:
    """Mark each finding redact or keep (with a reason), add deny-list terms, resolve overlaps.

    ``sources`` are the spans of passages that identify a complainant or whistleblower (SOURCE
    flags): every mention of a person they name is redacted as a source, whatever the profile.
    Where findings overlap, the redacted one with the highest score wins (then the longest);
    kept findings inside a redacted span are dropped, since their text is gone anyway.
    """
    findings = findings + [Finding("DENY_LIST", s, e, text[s:e], 1.0, "DenyList", "term on the deny list")
                           for s, e in policy.deny.find_all(text)]
    allowed = policy.allow.find_all(text)
    people = sorted((f for f in findings if f.entity_type in ("PERSON", "INITIALS")), key=lambda f: f.start)
    starts = [f.start for f in people]
    named_sources = _NameIndex(source_names(text, people, starts, sources))
    staff = _staff_names(text, findings) if policy.keep_staff_names else (_NameIndex(), _NameIndex())
    for f in findings:
        if f.entity_type == "DENY_LIST":
            f.action, f.reason = "redact", "deny list"
        elif policy.allow.matches(f.text) or any(s <= f.start and f.end <= e for s, e in allowed):
            f.action, f.reason = "keep", "allow list"
        elif f.score < policy.threshold:
            f.action, f.reason = "keep", f"score {f.score:.2f} below threshold {policy.threshold:.2f}"
        elif f.entity_type == "UNREADABLE" and not policy.redact_unreadable:
            f.action, f.reason = "keep", "ink OCR could not read: look at it (--redact-unreadable paints it out)"
        elif f.entity_type in policy.keep_types:
            f.action, f.reason = "keep", f"type kept by the {policy.profile or 'policy'} profile"
            if f.entity_type in ("PERSON", "INITIALS") and _names_one_of(f, named_sources):
                f.reason += "; named as the complainant or whistleblower: check the legal basis"
        elif f.entity_type in ("PERSON", "INITIALS") and _names_one_of(f, named_sources):
            f.action, f.reason = "redact", SOURCE_REASON
        elif f.entity_type in CONTACT_TYPES and (why := organisation_reason(text, f, people, starts)):
            f.action, f.reason = "keep", why
        elif policy.keep_staff_names and f.entity_type in ("PERSON", "INITIALS") and _is_staff(f, staff):
            f.action, f.reason = "keep", f"named as staff (kept by the {policy.profile} profile)"
        else:
            f.action, f.reason = "redact", ""
    _within_kept_contacts(text, findings)
    return _resolve_overlaps(text, findings)


def _within_kept_contacts(text: str, findings: list[Finding]) -> None:
    """A name read inside an organisation's kept contact detail ('enquiries' in enquiries@…) is
    part of that detail, not a person, and is kept with it; so is the postcode that ends a kept
    address ('Greystones nursing home, 2 Chapel Lane, Little Haddon HD7 9LE')."""
    kept = sorted(((f.start, f.end, f.reason, f.entity_type) for f in findings
                   if f.action == "keep" and f.entity_type in CONTACT_TYPES and f.reason.endswith(": kept")))
    if not kept:
        return
    starts, ends = [k[0] for k in kept], {k[1]: k for k in kept if k[3] == "ADDRESS"}
    for f in sorted(findings, key=lambda f: f.start):
        if f.action != "redact":
            continue
        i = bisect.bisect_right(starts, f.start) - 1
        if f.entity_type in ("PERSON", "INITIALS") and i >= 0 and f.end <= kept[i][1]:
            f.action, f.reason = "keep", kept[i][2]
        elif f.entity_type == "POSTCODE":
            address = next((ends[e] for e in range(f.start - 3, f.start + 1) if e in ends), None)
            if address and not text[address[1]:f.start].strip(" \t,"):
                f.action, f.reason = "keep", address[2]


def _resolve_overlaps(text: str, findings: list[Finding]) -> list[Finding]:
    # names lose to structured types they overlap ('143 Vaughan Grove' is an address, not a person)
    # a value kept because the policy keeps its type (an NHS number for the police) is not then
    # redacted as a weaker reading of the same digits (a phone number)
    order = sorted(findings, key=lambda f: (f.action != "redact" and not f.reason.startswith("type kept"),
                                            f.entity_type in ("PERSON", "INITIALS"),
                                            -f.score, -(f.end - f.start), f.start))
    chosen = _SpanIndex()
    for f in order:
        clash = chosen.overlapping(f)
        if not clash:
            chosen.add(f)
        elif f.action == "redact" and all(c.action == "redact" for c in clash):
            # same or lower-priority overlapping span: widen the winner to cover both, so nothing leaks
            winner = clash[0]
            if f.start < winner.start or f.end > winner.end:
                new_start, new_end = min(winner.start, f.start), max(winner.end, f.end)
                winner.start, winner.end, winner.text = new_start, new_end, text[new_start:new_end]
                chosen.add(winner)
    # a finding a widened winner now covers ('Helen' inside 'Helen Brightwell') is the same mention:
    # one finding, so the report and decisions.csv have one row for it
    result: list[Finding] = []
    reach = -1
    for f in sorted(chosen.items, key=lambda f: (f.start, -f.end)):
        if f.end <= reach:
            continue
        result.append(f)
        if f.action == "redact":
            reach = max(reach, f.end)
    return result


class _SpanIndex:
    """Chosen findings, found by position in buckets of text, so that resolving overlaps stays
    linear on long documents. ``overlapping`` returns them in the order they were chosen."""

    BUCKET = 64

    def __init__(self) -> None:
        self.items: list[Finding] = []
        self._rank: dict[int, int] = {}
        self._buckets: dict[int, list[Finding]] = {}

    def _range(self, f: Finding) -> range:
        return range(f.start // self.BUCKET, max(f.start, f.end - 1) // self.BUCKET + 1)

    def add(self, f: Finding) -> None:
        if id(f) not in self._rank:
            self._rank[id(f)] = len(self.items)
            self.items.append(f)
        for b in self._range(f):
            bucket = self._buckets.setdefault(b, [])
            if not any(c is f for c in bucket):
                bucket.append(f)

    def overlapping(self, f: Finding) -> list[Finding]:
        near = {id(c): c for b in self._range(f) for c in self._buckets.get(b, ()) if c.overlaps(f)}
        return sorted(near.values(), key=lambda c: self._rank[id(c)])

