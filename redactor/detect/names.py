"""Passes over the analyzer's findings that need the whole document: dropping names that are
really places, and propagation (once a person or an identifier is found, every other mention of
it in the document is found too: surname alone, first name alone, 'Mrs Smith', their initials).
"""
from __future__ import annotations

import dataclasses
import functools
import re
from typing import Callable, Iterable, Iterator

from spacy.lang.en.stop_words import STOP_WORDS

from redactor.core import Finding
from redactor.models.settings import known_names, lexicon, place_names
from redactor.recognizers.initials import VERB_AFTER
from redactor.recognizers.person import (FUNCTION_WORDS, INTERJECTIONS, PARTICLES, TOOL_WORDS, is_month_here,
                                         is_place_name, is_place_word, is_town_here, lent_name_follows,
                                         listed_before_a_place)

_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ſ][A-Za-zÀ-ÖØ-öø-ſ'’\-]*")
#: The name-like start of a span: words, single spaces or tabs, no line break, digit or bracket
#: (spaCy sometimes returns 'bruce marshall - b. 27.02.1927' as one PERSON).
#: A dotted initial counts as a word ('A. Osei-Bonsu', 'P.J. Carr').
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-Þ]\.(?![A-Za-z]{2})|[A-Za-zÀ-ÖØ-öø-ſ][A-Za-zÀ-ÖØ-öø-ſ'’\-]*)"
_NAME_PREFIX = re.compile(r"(?:Mrs|Mr|Ms|Dr|St|Rev|Revd|Prof|Fr|Cllr)\.?(?:[ \t]+" + _NAME_WORD + r")+|" + _NAME_WORD
                          + r"(?:(?:(?<=\.)[ \t]*|[ \t]+)" + _NAME_WORD + r")*")
_LEADING_WORD = re.compile(r"([A-Za-zÀ-ÖØ-öø-ſ-]+)[ \t]+(?=\S)")
#: Types whose exact value, found once, is redacted wherever else it appears in the document.
_PROPAGATED_VALUES = {"INITIALS", "NHS_NUMBER", "NI_NUMBER", "EMAIL_ADDRESS", "PHONE_NUMBER", "POSTCODE",
                      "ADDRESS", "DATE_OF_BIRTH", "HOSPITAL_NUMBER", "STAFF_NUMBER", "NMC_PIN"}
PROPAGATION_SCORE = 0.8
#: A propagated mention must clear this score at its source, so that weak guesses do not spread.
SOURCE_SCORE = 0.5


def filter_person_findings(text: str, findings: list[Finding]) -> list[Finding]:
    """Split PERSON spans at line breaks (each line is judged on its own: spaCy's 'Graham<newline>
    Graham Oduya-Smith' is two names) and drop those that are places, organisations or labels.
    A span all in lower case or all in capitals (the model reads both boldly in notes) must look
    like a name by the lists (:func:`_uncased_name`) or follow a title."""
    places, stop = lexicon("place_words"), lexicon("not_names")
    titles, relations, person_nouns = lexicon("titles"), lexicon("relations"), lexicon("person_nouns")
    acronyms, medicines, known = lexicon("acronyms"), lexicon("medicines"), known_names()
    out = []
    for f in _split_lines(findings):
        if f.entity_type != "PERSON" or f.recognizer == "UkPersonRecognizer":  # that one checks places itself
            out.append(f)
            continue
        if re.fullmatch(r"[A-Z]{2,3}|(?:[A-Z]\.[ \t]?){1,2}[A-Z]\.?", f.text):  # spaCy's 'JD', 'E.H.', 'D.O.B'
            if re.sub(r"[.\s]", "", f.text) not in lexicon("acronyms"):
                f.entity_type = "INITIALS"
                out.append(f)
            continue
        name_part = _NAME_PREFIX.match(f.text)
        if not name_part:
            continue
        value = name_part.group(0)
        if f.start + len(value) < len(text) and text[f.start + len(value)].isdigit():
            value = value[:len(value) - len(value.split()[-1])].rstrip()  # 'Harrogate SW1A': SW1A is no name
            if not value:
                continue
        lead = _LEADING_WORD.match(value)
        while lead and (lead.group(1).lower() in person_nouns or lead.group(1).lower() in relations
                        or lead.group(1) in acronyms):
            # 'Resident Zoë Kowalczyk', 'Mum Jane Doe', 'SW P. Raman': the role or relation before a name is not part of it
            f.start, value = f.start + lead.end(), value[lead.end():]
            lead = _LEADING_WORD.match(value)
        value = re.sub(r"['’]s$", "", value)  # spaCy's "Gwendolyn Ashby's": the possessive is not the name
        trail = re.search(r"[ \t]+([A-Z]{2,4})$", value)
        while trail and trail.group(1) in acronyms:  # 'Manchester ICB', 'Jane Doe RN': what follows a name is not it
            value = value[:trail.start()]
            trail = re.search(r"[ \t]+([A-Z]{2,4})$", value)
        f.end, f.text = f.start + len(value), value
        words = [w.lower() for w in _WORD.findall(f.text)]
        name_words = [w for w in words if w not in titles]
        if (f.text.islower() or f.text.isupper()) and not _uncased_name(name_words, stop) \
                and not (len(name_words) < len(words) or _after_title(text, f.start)):
            continue
        # 'Ty Gwyn Nursing Home': a place word in the next word, or in the one after a capitalised next word
        follower = re.match(r" {1,2}([A-Za-zÀ-ÖØ-öø-ſ]+)(?: {1,2}([A-Za-zÀ-ÖØ-öø-ſ]+))?", text[f.end:f.end + 40])
        followers = [] if not follower else [follower.group(1)] + (
            [follower.group(2)] if follower.group(2) and follower.group(1)[0].isupper() else [])
        if (not name_words or (any(w in places for w in words) and not _surname_not_place(text, f, words))
                or all(w in stop or w in relations or w in person_nouns for w in name_words)
                or all(w in medicines and w not in known for w in name_words)  # 'such as Sinemet and Madopar'
                or any(is_place_word(w) for w in followers) or listed_before_a_place(text, f.end)
                or re.match(r"(?i)st\.?\s|saint\s", f.text) or _is_street(text, f)
                or _TOWN_SHAPE.search(text[f.start:f.end + 12])  # 'Thornton' of Thornton-le-Dale
                or len("".join(name_words)) < 2 or _names_something_else(text, f)
                or len(words) == 1 and _NUMBERED.match(text, f.end)):  # 'COMP/24-3830', 'Reg 12'
            continue
        out.append(f)
    return out


def drop_case_guesses(text: str, findings: list[Finding]) -> list[Finding]:
    """The model's one-word names that the document's own casing contradicts: a word it also
    writes in lower case, and writes capitalised only where any word would be (at the start of a
    line or sentence, after a colon or a bracket): 'Foley' of 'GU: Foley cath' beside 'foley
    placed'. A name is capitalised mid-sentence somewhere, or never written in lower case. A word
    of two letters must be a listed name ('Jo', not 'Pt')."""
    guesses = {f.text for f in findings if f.entity_type == "PERSON" and f.recognizer in MODEL_RECOGNIZERS
               and _ONE_CAPITALISED.fullmatch(f.text)}
    if not guesses:
        return findings
    short = {w for w in guesses if len(w) <= 2 and w.lower() not in known_names()}  # 'Pt', not 'Jo'
    written_lower = {m.group(0) for m in re.finditer(r"(?<![\w'’-])(?:" + _alternatives(w.lower() for w in guesses)
                                                     + r")(?![\w'’-])", text)}
    lower = {w for w in guesses if w.lower() in written_lower}
    mid_sentence = {m.group(1) for m in re.finditer(r"[a-z,][ \t]+(" + _alternatives(lower) + r")(?![\w'’-])",
                                                    text)} if lower else set()
    dropped = lower - mid_sentence | short
    return [f for f in findings if not (f.text in dropped and f.recognizer in MODEL_RECOGNIZERS)]


def drop_abbreviations(text: str, findings: list[Finding]) -> list[Finding]:
    """Initials the document also writes as a word in lower case ('PT' beside 'pt tolerated',
    'ABG' beside 'abg sent'): an abbreviation of its trade, not a person's letters, which nobody
    writes in lower case; left out here, they are not spread to every other 'PT' either. Letters
    that are an English word in lower case ('AM' and 'am') say nothing, and stay."""
    initials = {f.text for f in findings if f.entity_type == "INITIALS" and f.text.isalpha()}
    if not initials:
        return findings
    # a word of its own: not the 'jb' of jb@example.org or of a web address
    written = {m.group(0) for m in re.finditer(r"(?<![\w&/.'’@-])(?:" + _alternatives(w.lower() for w in initials)
                                               + r")(?![\w&/'’@-]|\.\w)", text)} - STOP_WORDS
    return [f for f in findings if not (f.entity_type == "INITIALS" and f.text.lower() in written)]


#: Recognizers whose PERSON spans are a statistical model's guesses, with no cue or list behind them.
MODEL_RECOGNIZERS = ("SpacyRecognizer",)
_ONE_CAPITALISED = re.compile(r"[A-Z][a-z'’]+")


def _after_title(text: str, start: int) -> bool:
    """A title or a rank just before ``start``, in any case: 'dr vasquez', 'Dr. griffin', 'PC jones'."""
    before = re.search(r"([A-Za-z]+)\.?[ \t]*$", text[max(0, start - 14):start])
    return bool(before) and (before.group(1).lower() in lexicon("titles")
                             or before.group(1).lower() in {r.lower() for r in lexicon("ranks")})


#: What makes one word a code or a numbered thing, not a name: a number straight after it.
_NUMBERED = re.compile(r"[/\-]?\d| \d")  # not a tab: a table's next cell may be a date


def _uncased_name(words: list[str], stop: frozenset[str]) -> bool:
    """Whether a span the model found in text with no capitals to go by ('wife mary called', 'PT
    REMAINS') is a name: a listed given name alone, or two words or more that start with a listed
    given name or an initial ('ROBERT V. DEGIORGIO', 'W. MAROTTA', 'patty hoeller'). Clinical
    shorthand in lower case or capitals ('pt', 'foley', 'abd soft') gives the model nothing else."""
    if not words or any(w in stop or w in FUNCTION_WORDS for w in words if len(w) > 1):
        return False
    forenames = lexicon("forenames")
    return words[0] in forenames or (len(words) >= 2 and len(words[0]) == 1)


#: What follows the first word of a form label: 'Case No:', 'Reason for referral:', 'Sibling(s):'.
_LABEL_AFTER = re.compile(r"(?:\(s\)|[ \t]+(?:no\.?|number|ref|reference|id|for|of|details|type|code)\b)[^:\n]{0,25}:",
                          re.IGNORECASE)


#: Capitals inside a word make an acronym, not a name: 'DoLS', 'LeDeR', 'ReSPECT' (but 'McDonald', 'DiCaprio').
_ACRONYM_SHAPE = re.compile(r"(?=\w*[a-z])[A-Z][a-z]{0,3}(?:[A-Z][a-z]{0,2}){2,}[A-Z]*")
_POSTCODE_AFTER = re.compile(r",?[ \t]+[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}\b")
_MAIL_HEADER = re.compile(r"(?i)to|from|cc|bcc|sent|subject|date")
_TOOL_END = re.compile(r"(?i)\b" + TOOL_WORDS + r"$")  # spaCy's 'Glasgow Coma Scale'


def _names_something_else(text: str, f: Finding) -> bool:
    """A name-like span that is the first word of a form label ('Case No:') or an e-mail header
    ('To:'), a post town before its postcode ('Cheltenham GL54 2HS'), a place ('Milton Keynes') or
    part of one ('Stortford' of "Bishop's Stortford"), an acronym ('DoLS'), a name lent to a
    condition or a tool ("Down's syndrome", 'Glasgow Coma Scale'), a town ('between Chester and
    Lincoln') or a month ('in May')."""
    line_before = text[text.rfind("\n", 0, f.start) + 1:f.start]
    label = _LABEL_AFTER.match(text, f.end) or _MAIL_HEADER.fullmatch(f.text) and text.startswith(":", f.end)
    return bool((label and not line_before.strip(" \t*-•")) or _POSTCODE_AFTER.match(text, f.end)
                or is_place_name(text, f.start, f.end) or _ACRONYM_SHAPE.fullmatch(f.text)
                or lent_name_follows(text, f.end) or _TOOL_END.search(f.text)
                or is_town_here(text, f.start, f.end) or is_month_here(text, f.start, f.end))


#: Town names built with a linking word: Thornton-le-Dale, Stratford-upon-Avon, Barton-in-Fabis.
_TOWN_SHAPE = re.compile(r"\w-(?:le|la|les|on|upon|under|in|by|cum|en|sur|super|next|the)-[A-Z]", re.IGNORECASE)
_LOCATIVE = re.compile(r"(?i)\b(?:on|in|at|to|from|onto|into|the|of|off|via|near)[ \t]+$")


#: Where a spaCy PERSON span is cut: a line break, a dash between spaces, a colon or a semicolon
#: ('Nominated Individual - Farouk Siddiqui' is a label and a name).
_SPAN_BREAK = re.compile(r"\n|[ \t]+[-–—][ \t]+|[:;]|\t| {3,}")  # a tab or a wide gap parts columns


def _split_lines(findings: list[Finding]) -> list[Finding]:
    """spaCy PERSON spans that cross a line break or a separator, as one span per part."""
    out = []
    known = known_names()
    for f in findings:
        if f.entity_type != "PERSON" or f.recognizer == "UkPersonRecognizer" or not _SPAN_BREAK.search(f.text):
            out.append(f)
            continue
        bounds = [0] + [x for m in _SPAN_BREAK.finditer(f.text) for x in (m.start(), m.end())] + [len(f.text)]
        for n, (a, b) in enumerate(zip(bounds[::2], bounds[1::2])):
            part = f.text[a:b]
            lead = len(part) - len(part.lstrip())
            # a later part must hold a known name: spaCy runs a name into the label below it ('Religion')
            if part.strip() and (n == 0 or any(w.lower() in known for w in _WORD.findall(part))):
                out.append(dataclasses.replace(f, start=f.start + a + lead, end=f.start + a + lead + len(part.strip()),
                                               text=part.strip()))
    return out


def join_broken_names(text: str, findings: list[Finding],
                    is_english_word: Callable[[str], bool] | None = None) -> list[Finding]:
    """A name hyphenated at a line end, as justified PDF text often is ('Fair-<newline>brother',
    'Mc-<newline>Intyre'), or with a letter a PDF's font could not say ('Zieli\ufffdska'): the span
    takes in the rest of the word. A given name ending a wrapped line takes in the surname on the
    next ('Michael<newline>Fairbrother'): one from the lists, or a word ``is_english_word`` says
    English does not use in lower case."""
    for f in findings:
        if f.entity_type in ("PERSON", "ADDRESS"):
            rest = _HYPHEN_REST.match(text, f.end - 1 if text[f.end - 1:f.end] == "-" else f.end)
            if rest:
                f.end = rest.end()
            if f.entity_type == "PERSON" and _surname_on_next_line(text, f, is_english_word):
                f.end = _WRAPPED_SURNAME.match(text, f.end).end()
            before = _WORD_BEFORE.search(text, max(0, f.start - 40), f.start)
            if before and any(c in _UNKNOWN_GLYPHS for c in before.group(0)):
                f.start = before.start()
            f.text = text[f.start:f.end]
    return findings


_HYPHEN_REST = re.compile(r"-[ \t]*\n[ \t]*[A-Za-zÀ-ÖØ-öø-ſ'’]+|(?:[\ufffd■][A-Za-zÀ-ÖØ-öø-ſ'’]*)+")
#: A surname carried to the next line of a wrapped paragraph: 'her son Michael<newline>Fairbrother visited'.
_WRAPPED_SURNAME = re.compile(r"[ \t]*\n[ \t]*([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿĀ-ſ'’\-]+)(?=[ \t.,;:!?)]|$)")


def _surname_on_next_line(text: str, f: Finding, is_english_word: Callable[[str], bool] | None) -> bool:
    """The one-word name ``f`` ends a long line of prose and the next line starts with a
    capitalised surname: one from the lists, or a word English does not use in lower case (never
    'The', 'Staff', a month, a place word)."""
    m = _WRAPPED_SURNAME.match(text, f.end)
    if not m or len(f.text.split()) != 1:
        return False
    line = text[text.rfind("\n", 0, f.start) + 1:f.end]
    word = m.group(1).lower()
    stop = (lexicon("not_names") | lexicon("place_words") | lexicon("titles") | lexicon("person_nouns")
            | lexicon("relations") | lexicon("street_suffixes") | FUNCTION_WORDS)
    surname = word in lexicon("surnames") or is_english_word is not None and not is_english_word(word)
    return len(line) >= 50 and surname and word not in stop and not is_month_here(text, m.start(1), m.end(1))


#: What a PDF reader shows for a glyph its font maps to no character.
_UNKNOWN_GLYPHS = "\ufffd■"
_WORD_BEFORE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ſ'’\ufffd■]*\Z")


def _surname_not_place(text: str, f: Finding, words: list[str]) -> bool:
    """'Melissa Ward' is a person, 'on Florence Ward' a place: a given name and a last word that
    is a surname as well as a place word make a person unless a preposition puts them somewhere.
    A third word must be a middle name ('Melissa Jane Ward'): 'Mary Seacole House' is a building."""
    places, surnames, forenames = lexicon("place_words"), lexicon("surnames"), lexicon("forenames")
    return (len(words) >= 2 and words[0] in forenames and words[-1] in surnames
            and all(w in forenames for w in words[1:-1])
            and all(w not in places for w in words[:-1])
            and not _LOCATIVE.search(text[max(0, f.start - 12):f.start]))


def _is_street(text: str, f: Finding) -> bool:
    """'Sullivan Avenue' after a house number, or 'Graham Street' (a suffix that is no surname),
    is a street, not a person."""
    last = _WORD.findall(f.text)[-1].lower()
    return last in lexicon("street_suffixes") and (last not in lexicon("surnames")
                                                   or bool(re.search(r"\d[A-Za-z]?,?\s+$", text[max(0, f.start - 8):f.start])))


def named_organisations(text: str) -> list[tuple[int, int]]:
    """Where organisations and things named after a person stand ('referred to Sue Ryder', 'a
    Marie Curie nurse', 'Marks and Spencer'), unless a title makes one a person ('Mrs Sue Ryder')."""
    return [(m.start(), m.end()) for m in _named_organisations().finditer(text)
            if not re.search(r"\b(?:Mrs|Mr|Ms|Miss|Mx|Dr)\.?[ \t]+$", text[max(0, m.start() - 6):m.start()])]


def outside(text: str, findings: list[Finding], spans: list[tuple[int, int]]) -> list[Finding]:
    """``findings`` minus the names inside ``spans`` (``named_organisations``)."""
    if not spans:
        return findings
    return [f for f in findings if f.entity_type != "PERSON" or not any(_within(text, f, s, e) for s, e in spans)]


def _within(text: str, f: Finding, start: int, end: int) -> bool:
    """``f`` lies inside ``start:end`` but for lower-case words (spaCy's 'a Sara Stedy')."""
    if not (f.start < end and start < f.end):
        return False
    outside = text[f.start:max(f.start, start)] + text[min(f.end, end):f.end]
    return not re.search(r"[A-Z]", outside)


@functools.lru_cache(maxsize=None)
def _named_organisations() -> re.Pattern[str]:
    phrases = sorted(lexicon("named_organisations"), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![\w])")


def is_source(f: Finding) -> bool:
    """A finding whose other mentions :func:`propagate` adds: a name or a value found with a cue."""
    return f.score >= SOURCE_SCORE and (f.entity_type == "PERSON" or f.entity_type in _PROPAGATED_VALUES
                                        and len(f.text) >= 2)


def propagate(text: str, findings: list[Finding], known: Iterable[Finding] = (),
              is_english_word: Callable[[str], bool] | None = None) -> list[Finding]:
    """Add every other mention of the people and values already found, in ``findings`` and in
    ``known`` (sources found elsewhere: the other sections of a long text). A name found
    capitalised is also looked for in lower case when it is no English word: a listed name not in
    the dictionary, or a word the model does not know ('Sahra Warsame' signs off 'sahra'; 'Rose' is
    not looked for as 'rose')."""
    sources = [*findings, *known]
    people = [f for f in sources if f.entity_type == "PERSON" and f.score >= SOURCE_SCORE]
    added: list[Finding] = []
    words = _name_words(people)
    no_word = {w for w, low in words if not low and len(w) >= 3 and w.lower() not in lexicon("name_words")
               and w.lower() not in place_names() and (w.lower() in known_names() or is_english_word is not None
                                                       and not is_english_word(w.lower()))}
    for lower_case in (False, True):  # one pass over the text per case rule, however many names
        wanted = [w for w, low in words if low == lower_case]
        if not lower_case:  # 'Hollingworth' found, 'SURNAME: HOLLINGWORTH' on a form
            wanted += [w.upper() for w in wanted if len(w) > 2]
        else:
            wanted += sorted(no_word)
        for m in _mentions(text, wanted, re.IGNORECASE if lower_case else 0):
            if _followed_by_place(text, m.end()) or _preceded_by_saint(text, m.start()) or \
                    is_month_here(text, m.start(), m.end()) or _place_or_role_here(text, m.start(), m.end()):
                continue  # 'St Mary', 'in May', 'Bluebell Ward' are not the people Mary, May and Ward
            initial = None if lower_case else _INITIAL_BEFORE.search(text, max(0, m.start() - 3), m.start())
            start = initial.start() if initial else m.start()
            added.append(Finding("PERSON", start, m.end(), text[start:m.end()], PROPAGATION_SCORE,
                                 "NamePropagation", "another mention of a name found in this document"))
    pairs = _name_pairs(people)  # 'sam.oyelaran' (a Teams name), 'statement_janet_hollinrake.pdf'
    if pairs:
        joined = "|".join(rf"(?:{re.escape(first)}[._\-]?|{re.escape(first[0])}[._\-]){re.escape(last)}"
                          for first, last in sorted(pairs))
        for m in re.finditer(r"(?<![A-Za-z])(?:" + joined + r")(?![A-Za-z])", text, re.IGNORECASE):
            added.append(Finding("PERSON", m.start(), m.end(), m.group(0), PROPAGATION_SCORE, "NamePropagation",
                                 "a name found in this document, written as one word (a user name, a file name)"))
    acronyms = lexicon("acronyms")
    cued: list[Finding] = []  # added even where a weak candidate lies: found with a cue of their own
    initials_found = _initials(people)
    if initials_found:  # one pass for all of them: whole tokens, so two never overlap
        for m in re.finditer(r"(?<![\w&/-])(?:" + _alternatives(initials_found) + r")(?![\w&/-])", text):
            initials, acts = m.group(0), _acts_or_signs(text, m.start(), m.end())
            if initials in acronyms and not acts:
                continue  # Anjali Mehta's 'AM' where she does something ('AM to confirm'), not '9 AM'
            (cued if acts else added).append(Finding("INITIALS", m.start(), m.end(), initials, PROPAGATION_SCORE,
                                                     "NamePropagation", "the initials of a name found in this document"))
    values: dict[tuple[str, str], float] = {}  # each distinct value searched once, at its best score
    for f in sources:
        if f.entity_type in _PROPAGATED_VALUES and is_source(f):
            values[(f.entity_type, f.text)] = max(f.score, values.get((f.entity_type, f.text), 0.0))
    by_value: dict[str, list[tuple[str, float]]] = {}
    for (entity_type, value), score in values.items():
        by_value.setdefault(value, []).append((entity_type, score))
    if by_value:  # one pass for every value (a value inside a longer one is covered by it)
        for m in re.finditer(r"(?<!\w)(?:" + _alternatives(by_value) + r")(?!\w)", text):
            for entity_type, score in by_value[m.group(0)]:
                cued.append(Finding(entity_type, m.start(), m.end(), m.group(0), max(PROPAGATION_SCORE, score),
                                    "ValuePropagation", "the same value found elsewhere"))
    # a weak candidate ('EB' at 0.3 in a heading) does not block the same value found with a cue
    # elsewhere; it does block a name's initials with no cue ('AB' of 'Calgary AB' is no Alan Brown)
    known = {(f.start, f.end, f.entity_type) for f in findings}
    strong = {(f.start, f.end, f.entity_type) for f in findings if f.score >= SOURCE_SCORE}
    out = list(findings)
    for a, over_weak in [(a, False) for a in added] + [(a, True) for a in cued]:
        key = (a.start, a.end, a.entity_type)
        if key not in (strong if over_weak else known):
            known.add(key)
            strong.add(key)
            out.append(a)
    return out


def _acts_or_signs(text: str, start: int, end: int) -> bool:
    """Capitals that do something ('AM to confirm') or sign a message off ('...for Dorothy? TB')."""
    after = text[end:end + 40]
    return bool(VERB_AFTER.search(after) or re.match(r"[ \t]*(?:\n|$)", after)
                and re.search(r"[.?!][ \t]+$", text[max(0, start - 4):start]))


#: A capital standing for a given name just before a surname found in the document ('S Delaney').
_INITIAL_BEFORE = re.compile(r"(?<![\w.'’\-])[A-HJ-Z]\.?[ \t]$")


def _mentions(text: str, words: list[str], flags: int) -> Iterator[re.Match[str]]:
    """Whole-word occurrences of any of ``words`` (longest first where two start at one place)."""
    if not words:
        return iter(())
    return re.finditer(r"(?<![\w@.])(?:" + _alternatives(words) + r")(?![\w@]|\.\w)", text, flags)


def _alternatives(words: Iterable[str]) -> str:
    """A pattern matching any of ``words``, longest first where several start alike, written as a
    trie ('Ann', 'Anna', 'Abe' -> 'A(?:nn(?:a)?|be)'): the regex engine then tries a few letters at
    each place in the text, not every word, so a pass costs the same for ten names or ten
    thousand (a flat alternation made a 6 MB document's passes quadratic)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for c in word:
            node = node.setdefault(c, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(c) + pattern(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body
    return pattern(trie)


def _name_words(people: list[Finding]) -> set[tuple[str, bool]]:
    """(word, lower_case) for each word of each name, minus titles and words that are never names
    alone ('to' of a span 'Keiko to Jessica', 'van' of 'Pieter van der Berg', 'pt' of 'Dr. Vaseqez
    pt has remained')."""
    titles, stop, acronyms = lexicon("titles"), lexicon("not_names"), lexicon("acronyms")
    roles = lexicon("person_nouns") | lexicon("relations")
    words = set()
    for f in people:
        for w in _WORD.findall(f.text):
            low = w.lower()
            if low in titles or low in stop or len(w) < 2 or low in FUNCTION_WORDS or w.islower() and low in PARTICLES \
                    or w in acronyms or low in roles:  # 'RN' of a span 'RN Oduya'
                continue
            words.add((w, w.islower()))
    return words


def _name_pairs(people: list[Finding]) -> set[tuple[str, str]]:
    """(given name, surname) of every name of two or three words, titles left out."""
    titles = lexicon("titles")
    pairs = set()
    for f in people:
        words = [w for w in _WORD.findall(f.text) if w.lower() not in titles and len(w) >= 2]
        if 2 <= len(words) <= 3:
            pairs.add((words[0].lower(), words[-1].lower()))
    return pairs


def _initials(people: list[Finding]) -> set[str]:
    """The initials of every multi-word name ('Jane Doe' -> 'JD')."""
    titles = lexicon("titles")
    out = set()
    for f in people:
        words = [w for w in _WORD.findall(f.text) if w.lower() not in titles]
        if 2 <= len(words) <= 3:
            out.add("".join(w[0].upper() for w in words))
    return out


def _place_or_role_here(text: str, start: int, end: int) -> bool:
    """A surname that is also a word for a place, used as one here: after another capitalised word
    ('Bluebell Ward'), before a number ('Ward 23') or before a role ('Ward Sister', 'Ward Manager')."""
    if not is_place_word(text[start:end]):
        return False
    before = re.search(r"([A-Z][\w'’\-]*)[ \t]+$", text[max(0, start - 30):start])
    if before and before.group(1).lower() not in lexicon("titles") and before.group(1).lower() not in lexicon("forenames"):
        return True  # 'Bluebell Ward' (not 'Mrs Ward', 'Tom Ward')
    after = re.match(r"[ \t]+([\w'’\-]+)", text[end:end + 30])
    if not after:
        return False
    word = after.group(1).lower()
    return word[0].isdigit() or word in lexicon("person_nouns") or word in lexicon("titles")


def _followed_by_place(text: str, end: int) -> bool:
    m = re.match(r"[ \t]+([A-Za-zÀ-ÖØ-öø-ſ]+)", text[end:end + 30])
    return bool(m) and (is_place_word(m.group(1)) or m.group(1).lower() in lexicon("street_suffixes"))


def _preceded_by_saint(text: str, start: int) -> bool:
    return re.search(r"(?i)\b(?:st\.?|saint)\s+$", text[max(0, start - 7):start]) is not None


_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ſ][a-zß-öø-ÿĀ-ſ'’\-]+"
#: "Kovalev, Lee and Phillips", "Malon, Mark, Kaylee and Jennifer": capitalised words in a list.
_LIST = re.compile(rf"\b{_CAP}(?:[ \t]+{_CAP})?(?:,[ \t]+{_CAP}(?:[ \t]+{_CAP})?)*,?[ \t]+(?:and|or|&)[ \t]+{_CAP}"
                   rf"(?:[ \t]+{_CAP})?\b")
_MEMBER = re.compile(rf"{_CAP}(?:[ \t]+{_CAP})?")
#: A quoted nickname straight after a name, and a capitalised word after the closing quote.
_NICKNAME_AFTER = re.compile(r"[ \t]+\(?[\"“'‘]([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿĀ-ſ'’\-]+)[\"”'’]\)?"
                             r"(?:[ \t]+([A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ſ'’\-]+))?")
_COMMON_CAPITALISED = INTERJECTIONS | {"and", "or", "but", "the", "was", "is", "said", "says", "who", "had", "has"}
#: "Mary's daughter", "časlav's address": a name owning something only a person has.
_POSSESSIVE = re.compile(r"(?<![\w@.])([A-Za-zÀ-ÖØ-öø-ſ][a-zß-öø-ÿĀ-ſ'’\-]+)\\?['’]s[ \t]+(?:address|daughter|son|wife|"
                         r"husband|mother|father|mum|dad|partner|phone|number|email|birthday|brother|sister|"
                         r"family|carer|room|bed|care plan|medication|records?)\b")


def listed_names(text: str, findings: list[Finding]) -> list[Finding]:
    """Names listed with a person's name ('Kovalev, Lee and Phillips': 'Lee' is found as a person
    and is a given name, and given names are at least half the rest), and names that own a
    person's things ('Mary's daughter')."""
    forenames, stop = lexicon("forenames"), lexicon("not_names") | lexicon("place_words") | lexicon("titles")
    towns, not_nicknames = lexicon("towns"), stop | _COMMON_CAPITALISED
    people = [f for f in findings if f.entity_type == "PERSON" and f.score >= SOURCE_SCORE]
    added: list[Finding] = []
    for m in _LIST.finditer(text):
        members = [(m.start() + k.start(), m.start() + k.end()) for k in _MEMBER.finditer(m.group(0))
                   if k.group(0).lower() not in ("and", "or")]
        if any(w.lower() in stop for s, e in members for w in text[s:e].split()) or \
                sum(text[s:e].lower() in towns for s, e in members) >= 2:
            continue  # a list of places, organisations or headings
        given = [text[s:e].split()[0].lower() in forenames for s, e in members]
        found = [any(p.start < e and s < p.end for p in people) for s, e in members]
        if len(members) >= 3 and any(g and f for g, f in zip(given, found)) and sum(given) * 2 >= len(members) - 1:
            added += [Finding("PERSON", s, e, text[s:e], 0.7, "NameList", "listed with a person's name")
                      for s, e in members]
    for p in people:  # 'Robert "Bob" Tennant', 'Marjorie ("Midge")': a nickname, and the surname after it
        nick = _NICKNAME_AFTER.match(text, p.end)
        if nick and nick.group(1).lower() not in not_nicknames:
            added.append(Finding("PERSON", nick.start(1), nick.end(1), nick.group(1), 0.8, "NameNickname",
                                 "a nickname given with a name"))
            if nick.group(2) and nick.group(2).lower() not in not_nicknames:
                added.append(Finding("PERSON", nick.start(2), nick.end(2), nick.group(2), 0.8, "NameNickname",
                                     "the surname after a nickname"))
    roles = lexicon("relations") | lexicon("person_nouns")
    for m in _POSSESSIVE.finditer(text):
        word = m.group(1)
        if word.lower() in stop or word.lower() in roles or (word.islower() and word not in forenames):
            continue
        added.append(Finding("PERSON", m.start(1), m.end(1), word, 0.65, "NamePossessive",
                             "owns something only a person has ('s address, daughter...)"))
    known = {(f.start, f.end) for f in findings}
    return findings + [a for a in added if (a.start, a.end) not in known]
