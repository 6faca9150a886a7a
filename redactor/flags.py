"""Flags: advice for the reviewer about what identifies people beyond names and numbers, and what
raises the privacy impact of a disclosure. Flags are never redacted by themselves.

- SMALL_GROUP: a person singled out by description ("the only male carer on the night shift",
  "two of the three night staff", "over 100"), found with spaCy's Matcher on the parsed text and the
  lexicons ``person_nouns`` and ``uniqueness_words``.
- SMALL_NUMBER: counts of people from 1 to 7 in a table column that counts people (NHS Digital's
  disclosure-control rule), and table rows unique on their quasi-identifier columns (k-anonymity).
- SPECIAL_CATEGORY: health, ethnicity, religion, sexuality, disability, politics, trade unions,
  finances, offences (``special_categories``).
- SOURCE: passages that identify a complainant or whistleblower (``source_phrases``).
- MARKING: protective markings, drafts and legal advice (``markings``).
- BULK: CPI about more than 20 distinct people.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

import yaml

from redactor.core import Finding
from redactor.models.settings import LEXICON_DIR, PATTERN_DIR, lexicon
from redactor.styles import Pseudonyms

SMALL_COUNT_MAX = 7  # NHS Digital: suppress counts 1-7 in sub-national statistics
K_ANONYMITY = 5
BULK_PEOPLE = 20
OLD_AGE = 90
_HIGH_CATEGORIES = {"mental health", "sexual health", "offences", "sexuality", "terminal illness"}


@dataclass
class Flag:
    type: str
    text: str
    start: int
    end: int
    reason: str
    severity: str  # "low", "medium", "high"
    location: str = ""
    category: str = ""
    findings: list[int] = field(default_factory=list)  # indexes into the report's findings

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# ------------------------------------------------------------------------------ lexicons
@functools.lru_cache(maxsize=1)
def _special_terms() -> list[tuple[str, re.Pattern[str]]]:
    """One pattern per category, its terms as alternatives (one search per category and sentence)."""
    terms: dict[str, list[str]] = {}
    for line in (LEXICON_DIR / "special_categories.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if ":" in line:
            category, term = (x.strip() for x in line.split(":", 1))
            terms.setdefault(category, []).append(term)
    return [(category, re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in sorted(words, key=len, reverse=True))
                                  + r")(?![\w-])", re.IGNORECASE)) for category, words in terms.items()]


@functools.lru_cache(maxsize=None)
def _patterns(name: str) -> list[re.Pattern[str]]:
    """A lexicon of regular expressions; a straight apostrophe in one matches a curly one too."""
    return [re.compile(p.replace("'", "['’]"), re.IGNORECASE) for p in lexicon(name)]


@functools.lru_cache(maxsize=4)
def _matcher(vocab: Any) -> Any:
    """spaCy's Matcher with the rules of ``models/patterns/small_group.yaml``, macros expanded."""
    from spacy.matcher import Matcher
    people = lexicon("person_nouns") | lexicon("described_people")
    macros: dict[str, Any] = {
        "$person": {"LEMMA": {"IN": sorted(people)}},
        "$lperson": {"LOWER": {"IN": sorted(people)}},
        "$unique": {"LOWER": {"IN": sorted(lexicon("uniqueness_words"))}},
        "$one_person": {"TAG": "NN", "LEMMA": {"IN": sorted(people)}},
        "$modifier": {"POS": {"IN": ["ADJ", "NOUN", "PROPN", "VERB", "ADV", "PUNCT"]},  # hyphens, not commas
                      "ORTH": {"NOT_IN": [",", ".", ";", ":", "(", ")", "!", "?", '"', "'"]}, "OP": "{0,3}"},
        "$number": {"LIKE_NUM": True},
        "$relation": {"LOWER": {"IN": sorted(lexicon("relations"))}},
        "$poss": {"LOWER": {"IN": ["'s", "’s"]}},
    }
    roles = [[{"LOWER": w} for w in role.split()] for role in sorted(lexicon("unique_roles"))]
    matcher = Matcher(vocab)
    # every value a string: YAML 1.1 would read the words on, no and yes as booleans
    rules = yaml.load((PATTERN_DIR / "small_group.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for rule, patterns in rules.items():
        expanded = []
        for pattern in patterns:
            variants: list[list[dict[str, Any]]] = [[]]
            for token in pattern:
                if token == "$role":
                    variants = [v + role for v in variants for role in roles]
                else:
                    variants = [v + [macros[token] if isinstance(token, str) else token] for v in variants]
            expanded += variants
        matcher.add(rule, expanded)
    return matcher


# ------------------------------------------------------------------------------ finding flags
def flags_in_chunk(doc: Any, offset: int) -> list[Flag]:
    """The flags one parsed chunk of the text gives (offsets into the whole text)."""
    flags = _small_group(doc, offset)
    for start, _, sentence in (piece for sent in doc.sents for piece in _pieces(sent, offset)):
        flags += _special_category(sentence, start)
        flags += _by_patterns(sentence, start, "source_phrases", "SOURCE", "high",
                              "identifies the complainant or whistleblower; do not disclose to the provider "
                              "without a legal basis")
        flags += _by_patterns(sentence, start, "markings", "MARKING", "medium",
                              "protective marking, draft or legal advice: ask the information access team "
                              "before release")
    return flags


def source_spans(flags: list[Flag]) -> list[tuple[int, int]]:
    """Where the passages identifying a complainant or whistleblower are (decide marks who they name)."""
    return [(f.start, f.end) for f in flags if f.type == "SOURCE"]


def find_flags(text: str, chunk_flags: list[Flag], findings: list[Finding], people: int) -> list[Flag]:
    """Every flag in the document: those of its chunks (``flags_in_chunk``), table flags, and BULK;
    each linked to the redacted findings inside it."""
    flags = chunk_flags + small_numbers(text) + bulk(people) + uncertain_people(text, findings)
    order = sorted(range(len(findings)), key=lambda i: findings[i].start)
    starts = [findings[i].start for i in order]
    for flag in flags:
        first = bisect.bisect_left(starts, flag.start)
        last = bisect.bisect_right(starts, flag.end)
        flag.findings = sorted(i for i in order[first:last]
                               if findings[i].action == "redact" and findings[i].end <= flag.end)
    return _dedupe(flags)


def uncertain_people(text: str, findings: list[Finding]) -> list[Flag]:
    """A name alone ('Mrs Ellis', 'Sarah') that fits more than one person the document names in
    full ('Margaret Ellis' and her daughter 'Joanne Ellis'): who is meant is for the reviewer."""
    people, redacted = Pseudonyms(), [f for f in findings if f.action == "redact"]
    people.register(redacted, text)
    return [Flag("UNCERTAIN_PERSON", f.text, f.start, f.end, "this name alone fits more than one person named in "
                 "the document: check who is meant (a pseudonym copy writes 'Person A or Person B?')", "medium")
            for f in redacted if people.uncertain(f)]


def bulk(people: int) -> list[Flag]:
    """The BULK flag where a document names more than :data:`BULK_PEOPLE` distinct people."""
    return [Flag("BULK", f"{people} distinct people", 0, 0, f"CPI about {people} people (more than {BULK_PEOPLE}): "
                 "the guidance requires an extra check before disclosure", "high")] if people > BULK_PEOPLE else []


#: Where a form's lines part inside one spaCy sentence: a line break before a capital, a digit or a
#: bullet ('...Age: 85<newline>Ethnicity: White Irish'), or a blank line. Prose wrapped onto the next
#: line goes on in lower case and stays whole.
_LINE_BREAK = re.compile(r"\n[ \t]*(?=[A-Z0-9•*\-\n])")


def _pieces(sent: Any, offset: int) -> list[tuple[int, int, str]]:
    """A spaCy sentence cut at the line breaks of a form, each piece without its surrounding
    whitespace: (start, end) in the whole text and the text. A flag shows the piece it is in,
    not a whole form that has no full stop."""
    raw, base = sent.text, offset + sent.start_char
    bounds = [0] + [m.start() for m in _LINE_BREAK.finditer(raw)] + [len(raw)]
    pieces = []
    for a, b in zip(bounds, bounds[1:]):
        part = raw[a:b]
        if part.strip():
            lead = len(part) - len(part.lstrip())
            pieces.append((base + a + lead, base + a + len(part.rstrip()), part.strip()))
    return pieces


_REASONS = {
    "FEW": "a small count of people ('{}') singles them out",
    "OF_FEW": "one of a small group ('{}') is singled out",
    "ROLE": "'{}' is a role one person holds: it identifies them without a name",
    "ROOM": "'{}': a room or bed number points to one person",
    "RELATIVE_OF_ROLE": "'{}': the relative of someone in a known role is one person",
    "PAST_ROLE": "'{}': a past role or history few people share",
    "PAIR": "'{}': a pair the reader can tell apart from everyone else",
    "TWO_ROLES": "'{}': two roles held by one person single them out",
    "ORIGIN": "'{}': one person and where they come from",
}
_WORD_NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven "
                                             "twelve".split())}
#: A group of at most this many is small, and so is a part of at most SMALL_PART of any group:
#: 'two of the three night staff' and 'one of 38 residents' single people out; '14 of 22' does not.
SMALL_GROUP_MAX, SMALL_PART = 5, 2


def _small_group(doc: Any, offset: int) -> list[Flag]:
    matcher = _matcher(doc.vocab)
    flags = []
    for match_id, start, end in matcher(doc):
        rule = doc.vocab.strings[match_id]
        span = doc[start:end]
        numbers = [n for n in (_count(t.text) for t in span if t.like_num) if n is not None]
        if rule == "OLD_AGE":
            age = numbers[0] if numbers else _count(re.sub(r"(?:st|nd|rd|th)$", "", span[0].text))
            if age is None or not OLD_AGE <= age <= 125:
                continue
            reason = f"an age of {OLD_AGE} or over ('{span.text}') is shared by very few people"
        elif rule in ("FEW", "OF_FEW"):
            if numbers and not (numbers[0] <= SMALL_PART or max(numbers) <= SMALL_GROUP_MAX):
                continue  # '14 of 22 care staff', 'only 12 residents'
            reason = _REASONS[rule].format(span.text)
        elif rule == "TRAIT":
            near = doc[start:min(end + 10, doc[start].sent.end)].text  # 'the woman who is transgender'
            trait = next((m.group(0) for _, pattern in _special_terms() for m in [pattern.search(near)] if m), None)
            if trait is None:
                continue  # 'the carer on nights': no trait, no flag
            reason = f"'{span.text}' is one person described by a special-category trait ('{trait}')"
        elif rule in _REASONS:
            if rule == "ROLE" and end < len(doc) and doc[end].lower_ in ("'s", "’s", "'"):
                continue  # "the registered manager's report was published": about a document
            reason = _REASONS[rule].format(span.text)
        else:
            if end < len(doc) and doc[end].lower_ in ("'s", "’s", "'"):
                continue  # "the only manager's report": about a document, not singling a person out
            reason = f"'{span.text}' describes one identifiable person without naming them"
        at, pieces = offset + doc[start].idx, _pieces(doc[start].sent, offset)
        s, e, sentence = next((p for p in pieces if p[0] <= at < p[1] + 1), pieces[0])
        flags.append(Flag("SMALL_GROUP", sentence, s, e, reason, "high"))
    return flags


def _count(word: str) -> int | None:
    """A count written in digits or words ('3', 'three', '1,200'), or None."""
    word = word.lower().replace(",", "")
    if word in _WORD_NUMBERS:
        return _WORD_NUMBERS[word]
    return int(word) if word.isdigit() else None


def _special_category(sentence: str, start: int) -> list[Flag]:
    categories: dict[str, str] = {}
    for category, pattern in _special_terms():
        m = pattern.search(sentence)
        if m and _names_a_place(sentence, m):  # 'Church Street': look on for the word used as itself
            m = next((x for x in pattern.finditer(sentence, m.end()) if not _names_a_place(sentence, x)), None)
        if m and category not in categories:
            categories[category] = m.group(0)
    return [Flag("SPECIAL_CATEGORY", sentence, start, start + len(sentence),
                 f"mentions {category} ('{term}'): special-category data raises the privacy impact",
                 "high" if category in _HIGH_CATEGORIES else "medium", category=category)
            for category, term in categories.items()]


#: Words before 'Court' that make it a court of law, not a building ('Ashgrove Court').
_COURTS = {"crown", "magistrates", "magistrates'", "magistrates’", "county", "family", "youth", "coroner's",
           "coroner’s", "coroners", "high", "supreme", "appeal", "the", "a", "in", "to", "at"}


def _names_a_place(sentence: str, m: re.Match[str]) -> bool:
    """A term that is part of a place's name: 'Church Street', 'Chapel Lane', 'Ashgrove Court'."""
    after = re.match(r"[ \t]+([A-Za-z]+)", sentence[m.end():m.end() + 20])
    if after and m.group(0)[0].isupper() and after.group(1).lower() in lexicon("street_suffixes") | lexicon("place_words"):
        return True
    before = re.search(r"(\S+)[ \t]+$", sentence[max(0, m.start() - 25):m.start()])
    return (m.group(0).lower() == "court" and m.group(0)[0].isupper() and before is not None
            and before.group(1)[0].isupper() and before.group(1).lower() not in _COURTS)


def _by_patterns(sentence: str, start: int, lexicon_name: str, flag_type: str, severity: str,
                 reason: str) -> list[Flag]:
    for pattern in _patterns(lexicon_name):
        m = pattern.search(sentence)
        if m:
            return [Flag(flag_type, sentence, start, start + len(sentence), f"'{m.group(0)}': {reason}", severity)]
    return []


# ------------------------------------------------------------------------------ tables
def small_numbers(text: str) -> list[Flag]:
    """Tables written as tab- or comma-separated lines (docx and PDF tables are read that way)."""
    flags: list[Flag] = []
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]+", text)]
    i = 0
    while i < len(lines):
        sep = "\t" if "\t" in lines[i][1] else None
        if sep is None:
            i += 1
            continue
        table = [lines[i]]
        while i + 1 < len(lines) and sep in lines[i + 1][1]:
            i += 1
            table.append(lines[i])
        flags += _table_flags(table, sep)
        i += 1
    return flags


def _table_flags(table: list[tuple[int, str]], sep: str) -> list[Flag]:
    header = [h.strip().lower() for h in table[0][1].split(sep)]
    rows = [(start, line, [c.strip() for c in line.split(sep)]) for start, line in table[1:]]
    counts = [i for i, h in enumerate(header) if set(re.findall(r"[a-z.]+", h)) & lexicon("count_headers")]
    quasi = [i for i, h in enumerate(header) if set(re.findall(r"[a-z]+", h)) & lexicon("quasi_identifiers")]
    flags = []
    for start, line, cells in rows:
        for i in counts:
            if i < len(cells) and re.fullmatch(r"\d+", cells[i]) and 1 <= int(cells[i]) <= SMALL_COUNT_MAX:
                flags.append(Flag("SMALL_NUMBER", line.strip(), start, start + len(line),
                                  f"'{header[i]}' is {cells[i]}: counts of 1-{SMALL_COUNT_MAX} people can identify "
                                  "them (suppress or round)", "medium"))
                break
    if len(quasi) >= 2 and len(rows) >= 2:
        keys = Counter(tuple(cells[i].lower() if i < len(cells) else "" for i in quasi) for _, _, cells in rows)
        for start, line, cells in rows:
            key = tuple(cells[i].lower() if i < len(cells) else "" for i in quasi)
            if keys[key] < K_ANONYMITY:
                flags.append(Flag("SMALL_NUMBER", line.strip(), start, start + len(line),
                                  f"only {keys[key]} row(s) share {', '.join(header[i] for i in quasi)} = "
                                  f"{', '.join(key)} (k-anonymity below {K_ANONYMITY})", "medium"))
    return flags


def _dedupe(flags: list[Flag]) -> list[Flag]:
    seen: set[tuple[str, int, int, str]] = set()
    out = []
    for f in sorted(flags, key=lambda f: (f.start, f.type)):
        key = (f.type, f.start, f.end, f.category)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


# ------------------------------------------------------------------------------ privacy impact
def privacy_impact(flags: list[Flag], has_cpi: bool, people: int) -> dict[str, Any]:
    """The page a reviewer reads first: an overall level, the reasons, and the guidance's questions."""
    types = Counter(f.type for f in flags)
    categories = sorted({f.category for f in flags if f.type == "SPECIAL_CATEGORY"})
    high_categories = [c for c in categories if c in _HIGH_CATEGORIES]
    reasons = []
    if types["BULK"]:
        reasons.append(f"CPI about {people} people (over {BULK_PEOPLE})")
    if types["SOURCE"]:
        reasons.append("a complainant or whistleblower may be identifiable")
    if high_categories:
        reasons.append("special-category data: " + ", ".join(high_categories))
    if types["SMALL_GROUP"]:
        reasons.append(f"{types['SMALL_GROUP']} passage(s) single out a person without naming them")
    level = "high" if reasons else "low"
    if level == "low":
        if categories:
            reasons.append("special-category data: " + ", ".join(categories))
        if types["SMALL_NUMBER"]:
            reasons.append(f"{types['SMALL_NUMBER']} small count(s) or rare row(s) in tables")
        if has_cpi:
            reasons.append("names or identifiers of people")
        level = "medium" if reasons else "low"
    if types["MARKING"]:
        reasons.append("protective marking, draft or legal advice present")
    return {
        "level": level,
        "reasons": reasons or ["no CPI or sensitive content found"],
        "questions": {
            "Is the information confidential?": "yes" if has_cpi or types["MARKING"] else "no CPI found",
            "Does it contain CPI?": "yes" if has_cpi else "none found",
            "How many people?": people,
            "Special-category data present?": ", ".join(categories) or "none found",
            "Are sources identifiable?": "possibly: see SOURCE flags" if types["SOURCE"] else "no sign found",
            "Protective markings?": "yes: see MARKING flags" if types["MARKING"] else "none found",
        },
    }
