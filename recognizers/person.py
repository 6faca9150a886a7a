"""PERSON, beyond spaCy's NER: names after a title ("Mrs Kathryn Cook", "DR AHMED"), after a form
label ("Name: Glenn Collins"), after a word for a person ("resident jenna sinclair", "night nurse
Ivy Chapman", "Her daughter, Georgina Butcher"), in a letter's greeting or sign-off, and a known
given name followed by a capitalised surname ("Brenda Kelly").

Lexicons (``models/lexicons``) say which words are given names and family names; place words
("Wing", "Lodge", "Council") stop a name from swallowing the place it is part of.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from typing import List, Optional

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.models.settings import known_names, lexicon, place_names

_NAME_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ſ][A-Za-zÀ-ÖØ-öø-ſ'’\-]+|[A-ZÀ-ÖØ-ÞĀ-ſ]'[A-ZÀ-ÖØ-ÞĀ-ſ][a-zß-öø-ÿĀ-ſ]+"
_LOWER_WORD = r"[a-zß-öø-ÿĀ-ſ][a-zß-öø-ÿĀ-ſ'’\-]+"
#: An initial before a surname: 'F. ', 'F ', 'P.J.' (a capital followed by a dot or a space).
_INITIAL = r"[A-ZÀ-ÖØ-Þ](?:\. *| +)"
_TITLES = (r"Mrs|Mr|Ms|Miss|Mx|Dr|Prof|Professor|Nurse|Sister|Matron|Cllr|Councillor|Rev|Revd|Reverend|Canon|"
           r"Father|Fr|Pastor|Imam|Rabbi|Bishop|Dame|Sir|Lady|Lord|MRS|MR|MS|MISS|DR")
#: Lower-case particles inside a name: 'Iwan ap Dafydd', 'Pieter van der Berg', 'Abdul Rahman bin Ismail'.
PARTICLES = frozenset("ap ab van von der den de del della di da du la le bin bint ibn al el nic ni ó ua".split())
_PARTICLE = "(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + ")"
#: One or two titles ('Rev. Canon Peter Ashworth', 'Dr Sir ...') and a name.
_TITLE = re.compile(r"\b((?:" + _TITLES + r")\.?(?: +(?:" + _TITLES + r")\.?)?) +((?:" + _INITIAL + r"){0,3}?(?:"
                    + _NAME_WORD + r")(?: {1,2}(?:" + _PARTICLE + r" +){0,2}(?:" + _NAME_WORD + r")){0,2})")
#: Dotted initials and a surname with no title: 'J. Whitfield', 'P.J. Osei-Bonsu'.
_INITIALS_NAME = re.compile(r"(?<![\w.&/])((?:[A-ZÀ-ÖØ-Þ]\. ?){1,3})(" + _NAME_WORD + r")")
#: What may come before 'J. Whitfield' for it to be a name even when the surname is not in the
#: lexicon: the start of a line, a list or field separator, or a word that introduces a person.
_INITIALS_NAME_BEFORE = re.compile(r"(?:^|[:,;(\n\t]|\b(?:by|to|from|and|cc|with|for|per))[ \t]*$", re.IGNORECASE)
#: Form labels whose value is a name (models/lexicons/name_fields.txt), longest first.
_FIELD_LABELS = "|".join(re.escape(label) for label in sorted(lexicon("name_fields"), key=len, reverse=True))
_FIELD = re.compile(r"(?im)^[ \t*\-•]*(?:" + _FIELD_LABELS + r")[ \t]*[:\-][ \t]*"
                    r"((?:" + _NAME_WORD + r"|" + _LOWER_WORD + r")(?: +(?:" + _NAME_WORD + r"|"
                    + _LOWER_WORD + r")){0,3})[ \t]*(?:$|(?=\t|[ \t]{2,}[A-Za-z][\w()'’ /.]{0,25}:))")  # or the next field
#: A label that asks for a name: "Victim's name -", 'Name of alleged victim:', 'Mother's maiden name:'.
_NAME_LABEL = re.compile(r"(?im)(?:^|(?<=[ \t]))[ \t*\-•]*(?:(?:[\w'’]+[ \t]+){0,3}(?:full |first |given |family |maiden |preferred |"
                         r"middle |sur|fore)names?(?:\(s\))?|(?:[\w ]{0,30}['’]s|patient|client|resident|victim|perpetrator|child|"
                         r"parent|carer|staff|employee|referrer|witness|person|mother|father|partner|relative|suspect|"
                         r"your|his|her|their|my)[ \t]+names?|name of (?:the )?(?:alleged |other )?(?:person|patient|client|resident|"
                         r"victim|perpetrator|child|young person|parent|carer|staff member|employee|referrer|witness|"
                         r"adult|relative|suspect|informant|complainant)[\w'’ ]{0,30})[ \t]*[:\-][ \t]*"
                         r"((?:" + _NAME_WORD + r"|" + _LOWER_WORD + r")(?: +(?:" + _NAME_WORD + r"|" + _LOWER_WORD
                         + r")){0,3})[ \t]*(?:$|(?=[ \t]+[A-Za-z][\w()'’ ]{0,25}:))")  # or the next label on the line
_NAME_LINE = re.compile(r"(?im)^.*name.*$")
_SIGN_OFF = re.compile(r"(?im)^[ \t]*(?:yours (?:faithfully|sincerely|truly)|kind regards|best regards|"
                       r"regards|many thanks|thanks|thank you|best wishes|best|cheers|signed)[ \t]*,?[ \t]*\n"
                       r"(?:[ \t]*\n){0,3}"  # the blank lines left for a signature
                       r"[ \t]*((?:" + _NAME_WORD + r")(?: +(?:" + _NAME_WORD + r")){0,2})[ \t]*$")
_GREETING = re.compile(r"(?m)^[ \t]*(?:Dear|Hi|Hello)[ \t]+((?:" + _NAME_WORD + r")(?: +(?:"
                       + _NAME_WORD + r")){0,2})[ \t]*,")
_BY = re.compile(r"\b(?i:completed|written|signed|reviewed|prepared|checked|audited|carried out|undertaken|"
                 r"reported|raised|seen|visited|assessed|examined|treated|witnessed|countersigned|"
                 r"authorised|approved|administered|given)[ \t]+by[ \t]+((?:" + _NAME_WORD + r")(?: +(?:"
                 + _NAME_WORD + r")){0,2})")
_ANY_WORD = r"[A-Za-zÀ-ÖØ-öø-ſ][A-Za-zÀ-ÖØ-öø-ſ'’\-]+"
#: Phrases after which a person states or is given a name: "my name is", "people call me",
#: "her maiden name is", "starring", "says" (capitalised name only after 'says').
_NAME_CUE = re.compile(r"(?i:\b(?:my name is|my name's|name is|surname is|surname was|first name is|forename is|"
                       r"call me|named|known as|starring|featuring|"
                       r"directed by|written by|produced by))[ \t]+(" + _ANY_WORD + r"(?: +" + _ANY_WORD
                       + r")?)")
#: A nickname someone is called by, capitalised: 'everyone calls her Dot', 'we called him Nobby', and a
#: person called something: 'an older boy called "Tayo"', 'a carer called Bex'.
_CALLED = re.compile(r"(?:\b(?i:calls?|called)[ \t]+(?i:her|him|me|them)|\b(?i:boy|girl|man|woman|lady|lad|bloke|"
                     r"guy|someone|friend|carer|nurse|resident|neighbour|worker|person)[ \t]+(?i:called|named))"
                     r"[ \t]+[\"“‘']?([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿĀ-ſ'’\-]+)")
_SAYS = re.compile(r"\b(?:says|said|asks|asked)[ \t]+((?:" + _NAME_WORD + r")(?: +(?:" + _NAME_WORD + r"))?)[.,!?]")
#: A speaker's name before a quotation: 'Kalman: "Who are you?"'.
_SPEAKER = re.compile(r"(?m)^[ \t]*(" + _ANY_WORD + r"):[ \t]*\\?[\"“]")
#: The sender of a message in a chat export: '[12/02/2025, 21:14] Kerry-Anne: ...' (WhatsApp on
#: iOS) or '12/02/2025, 21:14 - Dwayne M: ...' (Android).
_CHAT_SENDER = re.compile(r"(?m)^[ \t]*(?:\[\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4},? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?\]"
                          r"|\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4},? \d{1,2}:\d{2}(?: ?[AaPp][Mm])? -) +"
                          r"([^:\n]{2,40}?):")
#: The account folder in a file path: 'C:/Users/Rosalind Pettigrew/...', '/home/rpettigrew/...'.
_USER_FOLDER = re.compile(r"(?i)(?:\b[A-Z]:)?[\\/](?:Users|Documents and Settings|home)[\\/]([^\\/:*?\"<>|\n]{2,40})[\\/]")
#: Police ranks before a name, with or without a collar number: 'PC 4471 Jenkins', 'DS Patel'
#: (models/lexicons/ranks.txt).
_RANK = re.compile(r"\b(?:" + "|".join(sorted(lexicon("ranks"), key=len, reverse=True)) + r")\.? +(?:\d{2,6} +)?"
                   r"((?:" + _NAME_WORD + r")(?: +(?:" + _NAME_WORD + r")){0,2})")
#: Names written in lower case after a title in any case: 'mr. larry lombardo', 'Dr donahue', 'dr.ayoub'.
_LOWER_TITLE = re.compile(r"\b(?i:mr|mrs|ms|miss|dr)(?:\.[ \t]*|[ \t]+)([a-zß-öø-ÿ][a-zß-öø-ÿ'’\-]+(?: +[a-zß-öø-ÿ][a-zß-öø-ÿ'’\-]+)?)")
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ſ][A-Za-zÀ-ÖØ-öø-ſ'’\-]*")


class UkPersonRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="UkPersonRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts: Optional[object] = None
                ) -> List[RecognizerResult]:
        found: list[tuple[int, int, float, str]] = []
        for m in _TITLE.finditer(text):
            end = _uncased_end(text, m.start(2), _trim_name(text, m.start(2), m.end(2)))
            alone = _WORD.match(text, m.start(2))
            if end == m.start(2) and alone and is_place_word(alone.group(0)) \
                    and not re.match(r" {1,2}[A-Z]", text[alone.end():alone.end() + 3]):
                end = alone.end()  # 'Mrs Ward said', 'Dr Hall': a title makes a lone place word a surname
            if end > m.start(2):
                found.append((m.start(), end, 0.9, "name after a title"))
        for pattern, score, why in ((_FIELD, 0.85, "form field for a name"), (_NAME_LABEL, 0.85, "a label asking for a name"),
                                    (_SIGN_OFF, 0.8, "name in a sign-off"),
                                    (_GREETING, 0.8, "name in a greeting")):
            matches = pattern.finditer(text) if pattern is not _NAME_LABEL else (  # only lines saying 'name'
                m for line in _NAME_LINE.finditer(text) for m in pattern.finditer(text, line.start(), line.end()))
            for m in matches:
                end = _trim_name(text, m.start(1), m.end(1))
                if end > m.start(1) and _plausible_name(text[m.start(1):end]):
                    found.append((m.start(1), end, score, why))
        acronyms = lexicon("acronyms")
        for m in _BY.finditer(text):  # 'completed by Billy Ward': a place word may be a surname here
            grade = re.match(r"([A-Z]{2,4})[ \t]+", m.group(1))  # 'given by RN Oduya': the grade is no name
            start = m.start(1) + grade.end() if grade and grade.group(1) in acronyms else m.start(1)
            end = _trim_name(text, start, m.end(1), places_end_name=False)
            if end > start and _plausible_name(text[start:end]) and not _place_follows(text, end) \
                    and not is_place_name(text, start, end):  # 'raised by West Sussex County Council'
                found.append((start, end, 0.8, "name after 'completed by' or similar"))
        relations = lexicon("relations") | lexicon("person_nouns")
        found += [(m.start(1), m.end(1), 0.75, "a name someone is called by") for m in _CALLED.finditer(text)
                  if m.group(1).lower() not in relations and _cut_at_common_word(text, m.start(1), m.end(1)) > m.start(1)]
        for pattern, score, why in ((_NAME_CUE, 0.75, "after 'my name is', 'call me' or similar"),
                                    (_SAYS, 0.65, "named as a speaker"), (_SPEAKER, 0.6, "a speaker's name"),
                                    (_LOWER_TITLE, 0.75, "name after a title")):
            matches = list(pattern.finditer(text))
            for m in matches:
                end = _cut_at_common_word(text, m.start(1), m.end(1))
                if pattern is _LOWER_TITLE:
                    end = _uncased_end(text, m.start(1), end)
                if pattern is _SPEAKER and not _is_speaker(text, m, matches):
                    continue
                if end > m.start(1):
                    found.append((m.start(1) if pattern is not _LOWER_TITLE else m.start(), end, score, why))
        for m in _CHAT_SENDER.finditer(text):
            sender = m.group(1).lower().split()
            if (re.search(r"[A-Za-zÀ-ÖØ-öø-ſ]{2}", m.group(1)) and not re.search(r"\d|@", m.group(1))
                    and len(sender) <= 4 and sender[0] not in lexicon("not_names") | FUNCTION_WORDS):
                found.append((m.start(1), m.end(1), 0.85, "sender of a chat message"))
        for m in _USER_FOLDER.finditer(text):
            if m.group(1).lower() not in ("public", "default", "all users", "shared", "administrator", "admin"):
                found.append((m.start(1), m.end(1), 0.8, "a user's folder in a file path"))
        for m in _RANK.finditer(text):
            end = _trim_name(text, m.start(1), m.end(1))
            if end > m.start(1):
                found.append((m.start(), end, 0.85, "name after a police rank"))
        found += _surname_first(text)
        found += _after_role_abbreviation(text)
        found += _roles_in_brackets(text)
        found += _quoted_nickname_first(text)
        found += _families(text)
        found += _before_identifier(text)
        found += _listed_name_and_initial(text)
        found += _mail_display_names(text)
        found += _initials_names(text)
        found += _cue_names(text)
        found += _lexicon_names(text)
        if nlp_artifacts is not None and getattr(nlp_artifacts, "tokens", None) is not None:
            found += _proper_noun_names(text, nlp_artifacts.tokens)
            found += _unknown_names(text, nlp_artifacts.tokens)
        return [RecognizerResult("PERSON", s, e - 2 if text[e - 2:e] in ("'s", "’s") else e, score,
                                 recognition_metadata={"recognizer_name": self.name, "why": why})
                for s, e, score, why in found]  # "Mrs Ashby's daughter": the possessive is not the name


def _trim_name(text: str, start: int, end: int, places_end_name: bool = True) -> int:
    """Cut a name candidate before the first non-name word ('Sam Dunn Tel' -> 'Sam Dunn'); a place
    word ('Ivy Wing') makes the whole candidate a place (returns ``start``) unless the caller's
    context says it is a person."""
    places = lexicon("place_words") if places_end_name else frozenset()
    not_names = lexicon("not_names")
    last = start
    for w in _WORD.finditer(text, start, end):
        low = w.group(0).lower()
        if low in places or low in not_names:
            return last if low in not_names else start  # a place: the whole thing is not a person
        last = w.end()
    if places and _place_follows(text, end):
        return start
    return last


#: The next words on the line, not across a wide gap ('Gloria Mensah      Hospital no:' is two fields).
_NEXT_WORDS = re.compile(r" {1,2}([A-ZÀ-ÖØ-ÞĀ-ſ][a-zß-öø-ÿĀ-ſ]+)(?: {1,2}([A-ZÀ-ÖØ-ÞĀ-ſ][a-zß-öø-ÿĀ-ſ]+))?")


def _place_follows(text: str, end: int) -> bool:
    """A place word among the (up to two) capitalised words after ``end``: 'Ivy Wing', 'Ty Gwyn
    Nursing Home' are places, not people."""
    nxt = _NEXT_WORDS.match(text, end, end + 40)
    places = lexicon("place_words")
    return bool(nxt) and any(w and w.lower() in places for w in nxt.groups())


def is_place_word(word: str) -> bool:
    """A word that makes the name before it a place: 'Ivy Wing', and a plural in lower case ('the
    Hope and Faith lounges'; a capitalised plural may be a surname: 'Mills', 'Fields')."""
    places, low = lexicon("place_words"), word.lower()
    return low in places or word.islower() and low.endswith("s") and (low[:-1] in places or low[:-2] in places)


_LISTED_THEN_WORD = re.compile(r"(?:[ \t]*(?:,|and|or|&)[ \t]*[A-ZÀ-ÖØ-Þ][\w'’\-]*)*[ \t]{1,2}([A-Za-z]+)")


def listed_before_a_place(text: str, end: int) -> bool:
    """A name-like word that a list leads on to a place word: 'Faith' and 'Hope' of 'the Hope and
    Faith lounges', 'Oak, Ash and Elm Units'. The place word is in lower case or a plural that is
    no surname ('Mary and John Ward' are people)."""
    m = _LISTED_THEN_WORD.match(text, end)
    if not m:
        return False
    word = m.group(1)
    if word.islower():
        return is_place_word(word)
    return word.endswith("s") and word.lower() not in lexicon("surnames") and is_place_word(word.lower())


def _is_speaker(text: str, m: re.Match[str], matches: list[re.Match[str]]) -> bool:
    """A label before a quotation is a person's name when it is a known name or when the next or
    previous line is another speaker's (a dialogue), not 'Note: "..."'."""
    if m.group(1).lower() in known_names():
        return True
    line_end = text.find("\n", m.end())
    return any(o is not m and (o.start() == line_end + 1 or text.find("\n", o.end()) + 1 == m.start())
               for o in matches)


def _cut_at_common_word(text: str, start: int, end: int) -> int:
    """End of the name-like words from ``start``: stops at a word that is never a name ('the',
    'is', 'very'); returns ``start`` when the first word is one."""
    stop = lexicon("not_names") | lexicon("titles") | FUNCTION_WORDS
    last = start
    for w in _WORD.finditer(text, start, end):
        if w.group(0).lower() in stop:
            break
        last = w.end()
    return last


def _uncased_end(text: str, start: int, end: int) -> int:
    """A name written without capitals ('dr smith aware', 'MRS ELLIS WAS FOUND') shows no sign
    of where it ends: after its first word, only words the name lists hold go with it."""
    words = list(_WORD.finditer(text, start, end))
    if len(words) < 2 or not (text[start:end].islower() or text[start:end].isupper()):
        return end
    known, stop = known_names(), lexicon("not_names") | FUNCTION_WORDS
    last = words[0].end()
    for w in words[1:]:
        if w.group(0).lower() not in known or w.group(0).lower() in stop:
            break
        last = w.end()
    return last


FUNCTION_WORDS = frozenset("""the a an this that these those my your his her its our their is was are were be been
it he she they we you i me him them us who what which there here and or but so to of in on at for with from by as
not no very just also still being have has had do does did will would can could should may might must one some any
all each every more most other such own same than too only about into over after before under again further then
once because while until up down out off mr mrs ms miss dr staff home manager nurse carer resident patient""".split())


#: Capitalised words right before a birth date or an NHS number, in brackets, after a comma or
#: just beside it: 'I spoke with Onveer Board (DOB 1 August 1926)', 'Tom Quayle, NHS number 943
#: 476 5919', 'Patient: Ada Penhallow NHS No: 943 476 5919' (a bare 'NHS' needs its number after it).
_BEFORE_ID = re.compile(r"((?:" + _NAME_WORD + r")(?:[ \t]+(?:" + _NAME_WORD + r")){0,3})[ \t]*(?:[(,;][ \t]*)?"
                        r"(?i:DOB\b|D\.O\.B|date of birth|born\b|NHS[ \t]*(?:no\b|number)"
                        r"|NHS\b[ \t]*(?:no\.?|number|#)?[ \t:]*(?=\d))")


def _before_identifier(text: str) -> list[tuple[int, int, float, str]]:
    """The person a birth date or NHS number belongs to, named just before it. A place word may be
    a surname after a title ('Mr Siddharth Board'), never after 'the' ('in the Ivy Wing (NHS
    number ...)'); a sentence's first words are cut ('Yesterday Ann Lee (DOB')."""
    out = []
    known, stop = known_names(), lexicon("not_names") | lexicon("titles") | FUNCTION_WORDS
    places = lexicon("place_words") | lexicon("street_suffixes")
    for m in _BEFORE_ID.finditer(text):
        words = list(_WORD.finditer(text, m.start(1), m.end(1)))
        while words and (words[0].group(0).lower() in stop or len(words) > 2
                         and words[0].group(0).lower() not in known):
            words.pop(0)
        if not words:
            continue
        low = [w.group(0).lower() for w in words]
        before = text[max(0, words[0].start() - 12):words[0].start()]
        titled = re.search(r"\b(?:" + _TITLES + r")\.?[ \t]+$", before)
        if re.search(r"\bthe[ \t]+$", before, re.IGNORECASE) or any(w in places for w in low) and not titled:
            continue  # 'in the Ivy Wing (NHS number ...)', 'Oakleigh Care Home (NHS number ...)'
        if len(words) == 1 and is_town_here(text, words[0].start(), words[0].end()):
            continue  # 'staff at Bradford NHS 01274 ...'
        if any(w in known for w in low) or len(words) == 2:
            out.append((words[0].start(), words[-1].end(), 0.8, "named before a birth date or NHS number"))
    return out


#: An item of a list: a word and one capital, between separators ('Early: Joanne P, Tomasz W | Late: Fola A').
_NAME_AND_INITIAL = re.compile(r"(?:^|(?<=[:,;|(\t]))[ \t]*(" + _NAME_WORD + r")[ \t]+[A-Z]\.?(?=[ \t]*(?:[,;|)(\t]|$))",
                               re.MULTILINE)


def _listed_name_and_initial(text: str) -> list[tuple[int, int, float, str]]:
    """'Joanne P', 'Bartek K' in a list: a known given name, or any word on a line of two such
    items or more where the document lists known given names this way too ('Plan B, Option C'
    in a document with no rota is not)."""
    forenames = lexicon("forenames")
    stop = lexicon("not_names") | lexicon("place_words") | lexicon("titles") | FUNCTION_WORDS
    items = [m for m in _NAME_AND_INITIAL.finditer(text)
             if m.group(1).lower() not in stop and not m.group(1).isupper()]
    known = [m.group(1).lower() in forenames for m in items]
    per_line = Counter(text.rfind("\n", 0, m.start()) for m in items)
    return [(m.start(1), m.end(), 0.75, "a given name and an initial in a list") for m, k in zip(items, known)
            if k or sum(known) >= 2 and per_line[text.rfind("\n", 0, m.start())] >= 2]


#: A display name before an e-mail address: 'Oluwaseun Nease <oluwaseun.nease@council.gov.uk>',
#: '"Nease, Oluwaseun" <o.nease@...>'.
_DISPLAY_NAME = re.compile(r"[\"']?((?:" + _NAME_WORD + r")(?:,?[ \t]+(?:" + _NAME_WORD + r")){0,3})[\"']?[ \t]*"
                           r"<([A-Za-z0-9._%+\-]+)@")


def _mail_display_names(text: str) -> list[tuple[int, int, float, str]]:
    """An e-mail's display name is a person's when its words are in the address ('jane.doe@',
    'jdoe@'), or when one is and the other is a known given name ('Bryn Ellis <bryn@...>'), or
    when every word is a known name ('Anwen Trefor <inspections@...>', sent from a shared box):
    a shared mailbox's own name ('Safeguarding Team <safeguarding@...>') is not."""
    out = []
    known, given = known_names(), lexicon("forenames")
    places = lexicon("place_words") | lexicon("not_names")
    for m in _DISPLAY_NAME.finditer(text):
        words = [w.lower() for w in _WORD.findall(m.group(1))]
        local = re.sub(r"[^a-z]", "", m.group(2).lower())
        long_words = [w.replace("'", "").replace("’", "") for w in words if len(w) > 1]
        in_local = [w for w in long_words if w.replace("-", "") in local]
        initial_and_name = {o[0] + w for w in in_local for o in long_words if o != w} | \
                           {w + o[0] for w in in_local for o in long_words if o != w}  # 'onease', 'neaseo'
        if len(long_words) >= 2 and not any(w in places for w in words) and (
                len(in_local) >= 2 or local in initial_and_name
                or in_local and any(w in given for w in long_words) or all(w in known for w in long_words)):
            out.append((m.start(1), m.end(1), 0.85, "display name of an e-mail address"))
    return out


def _plausible_name(value: str) -> bool:
    """At least one word is a known given name or family name, or the words are capitalised."""
    words = [w.lower() for w in _WORD.findall(value)]
    if not words or any(w in lexicon("not_names") for w in words):
        return False
    known = known_names()
    return any(w in known for w in words) or all(w[:1].isupper() for w in _WORD.findall(value))


def _initials_names(text: str) -> list[tuple[int, int, float, str]]:
    """'J. Whitfield': dotted initials and a capitalised surname. A known surname is enough; any
    other word must come where a name is expected (start of a line, after a comma or 'by'), so
    that 'Vitamin D. Staff' or 'Plan B. Later' are not taken for names."""
    out = []
    known = known_names()
    stop = lexicon("not_names") | lexicon("place_words") | lexicon("titles") | FUNCTION_WORDS
    for m in _INITIALS_NAME.finditer(text):
        surname = m.group(2)
        parts = surname.lower().replace("’", "'").split("-")
        if parts[0] in stop or surname.isupper() and len(surname) > 3:
            continue
        end = _trim_name(text, m.start(), m.end())
        if end <= m.start(2):
            continue
        if any(p in known for p in parts):
            out.append((m.start(), end, 0.85, "initials and a known surname"))
        elif _INITIALS_NAME_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
            out.append((m.start(), end, 0.7, "initials and a surname where a name is expected"))
    return out


#: Surname first, as patient systems and registers write it: 'SMITH, John', 'Ahmed, F.', 'Jones K'.
_SURNAME_FIRST = re.compile(r"(?<![\w,&/.-])([A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ſ'’\-]+)(?:,[ \t]*|[ \t]+(?=[A-Z](?![\w.'’])))"
                            r"([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿĀ-ſ'’\-]+|[A-Z]\.?(?:[ \t]?[A-Z]\.?)?)(?![\w'’])")


def _surname_first(text: str) -> list[tuple[int, int, float, str]]:
    """A known surname, then a comma and initials ('Ahmed, F.') or a space and one initial ('Jones K');
    or a surname in capitals, a comma and a known given name ('SMITH, John')."""
    out = []
    forenames, surnames, acronyms = lexicon("forenames"), lexicon("surnames"), lexicon("acronyms")
    stop = lexicon("not_names") | lexicon("place_words") | FUNCTION_WORDS
    for m in _SURNAME_FIRST.finditer(text):
        surname, given = m.group(1), m.group(2)
        low = surname.lower()
        if low not in surnames or low in stop or surname in acronyms or is_place_name(text, m.start(1), m.end(1)):
            continue  # 'King's Lynn, St Helens' lists towns
        initials = len(given) <= 2 or "." in given or given.isupper()
        if initials and (surname.isupper() or re.match(r"[ \t]+\d", text[m.end():m.end() + 3])):
            continue  # 'NHS, A.' or a heading; 'Melo, CA 13241' is a town and a state
        if not initials and not (surname.isupper() and given.lower() in forenames):
            continue  # 'Leeds, Bradford and York' is a list: a written-out given name needs 'SMITH, John'
        out.append((m.start(), m.end(), 0.8, "surname first, then a given name or initials"))
    return out


#: A nurse's or carer's grade written before a name (lexicons/grades.txt): 'RN Aisha', 'HCA Tunde'.
_CAPITALISED = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿĀ-ſ'’\-]+"
_ROLE_ABBREVIATION = re.compile(r"\b(?:" + "|".join(sorted(lexicon("grades"), key=len, reverse=True)) + r")[ \t]+"
                                r"((?:" + _INITIAL + r")?" + _CAPITALISED + r"(?:[ \t]+" + _CAPITALISED + r")?"
                                r"(?:[ \t]+[A-Z]\.)?)")


#: A name signed with a grade after it: 'Jon Devaux RRT', 'A. Okafor RMN', 'Kavaliunas NP'.
_BARRELLED = _CAPITALISED + "(?:-" + _CAPITALISED + ")?"  # 'Stord-Painter'
_BEFORE_GRADE = re.compile(r"(?<![\w'’\-])((?:" + _INITIAL + r")?" + _BARRELLED + r"(?:[ \t]+" + _BARRELLED
                           + r")?),?[ \t]+(?:" + "|".join(sorted(lexicon("grades"), key=len, reverse=True))
                           + r")(?![\w'’\-])")


def _after_role_abbreviation(text: str) -> list[tuple[int, int, float, str]]:
    """The words after a grade in capitals, or before it as a signature, are a name unless they
    are a place, a label or a common word ('HCA Training', 'Night Shift RN' are not one): names
    missing from the lexicons ('Tunde') count too."""
    stop = lexicon("not_names") | lexicon("place_words") | lexicon("titles") | FUNCTION_WORDS
    out = []
    for pattern, why in ((_ROLE_ABBREVIATION, "name after a grade (RN, HCA...)"),
                         (_BEFORE_GRADE, "name signed with a grade (RN, NP...)")):
        for m in pattern.finditer(text):
            start = m.start(1) if pattern is _ROLE_ABBREVIATION else _first_name_word(text, m.start(1), m.end(1), stop)
            end = _cut_at_common_word(text, start, m.end(1))
            words = [w.lower() for w in _WORD.findall(text[start:end])]
            if pattern is _BEFORE_GRADE and not _signed(text[start:end], words):
                continue
            if end > start and not any(w in stop or w in _ROLE_NOUNS or w in MONTHS_AND_DAYS for w in words) \
                    and " ".join(words) not in place_names():  # 'SW Yorkshire'
                out.append((start, end, 0.75, why))
    return out


def _signed(value: str, words: list[str]) -> bool:
    """Whether words before a grade are a signature's name: an initial and a name, a listed given
    name first, or one listed name (or a double-barrelled one with a listed part). Not
    'Follow-Up MD', 'Central Line NP'."""
    if re.match(_INITIAL, value):
        return True
    if len(words) > 1:
        return words[0] in lexicon("forenames")
    return any(part in known_names() for part in words[0].split("-"))


def _first_name_word(text: str, start: int, end: int, stop: frozenset[str]) -> int:
    """Where a name before a grade starts: after a leading word that is never a name ('Seen RN')."""
    words = list(_WORD.finditer(text, start, end))
    return words[1].start() if len(words) > 1 and words[0].group(0).lower() in stop else start


#: A capitalised word or two and lower-case words in brackets: 'Thandiwe (carer)', 'Xiaoling (kitchen)'.
_BRACKETED = re.compile(r"(?<![\w'’\-])(" + _CAPITALISED + r"(?:[ \t]+" + _CAPITALISED + r")?)[ \t]*"
                        r"\(([a-z][a-z\- ]{0,30})\)")
_LIST_GAP = re.compile(r"[ \t]*(?:[,;]|,?[ \t]+and)[ \t]*")


def _roles_in_brackets(text: str) -> list[tuple[int, int, float, str]]:
    """A name with a person's role in brackets ('Thandiwe (carer)', 'Ruairí (senior carer)'), and
    the others of a list of such ('Staff: Thandiwe (carer), Xiaoling (kitchen)'): what a staff list
    in an inspection note looks like, with names the lexicons do not hold."""
    roles = lexicon("person_nouns")
    stop = lexicon("not_names") | lexicon("place_words") | lexicon("titles") | FUNCTION_WORDS | MONTHS_AND_DAYS
    items = [m for m in _BRACKETED.finditer(text) if not any(w.lower() in stop for w in m.group(1).split())]
    out = []
    group: list[re.Match[str]] = []
    for m in items + [None]:  # lists of items that follow one another with only a comma or 'and' between
        if m is not None and group and _LIST_GAP.fullmatch(text, group[-1].end(), m.start()):
            group.append(m)
            continue
        with_role = [_is_role(g.group(2), roles) for g in group]
        if any(with_role):
            out += [(g.start(1), g.end(1), 0.75, "a name with a role in brackets") if role else
                    (g.start(1), g.end(1), 0.7, "listed with names given with their roles")
                    for g, role in zip(group, with_role)]
        group = [m] if m is not None else []
    return out


def _is_role(words: str, roles: frozenset[str]) -> bool:
    last = words.split()[-1].split("-")[-1] if words.split() else ""  # 'note-taker'
    return last in roles or last.endswith("s") and last[:-1] in roles


#: Words that follow a grade without being a name ('HCA Training', 'RN Team').
_ROLE_NOUNS = frozenset({"training", "team", "role", "post", "vacancy", "vacancies", "cover", "shift", "shifts",
                         "rota", "staff", "hours", "course", "competency", "competencies", "induction", "bank",
                         "agency", "level", "band", "grade", "pin", "revalidation", "registration", "assessment",
                         "session", "department", "referral", "review", "input", "notes", "lead", "manager"})
#: A nickname in quotes before a surname: '"Nobby" Clarke'.
_NICKNAME_FIRST = re.compile(r"[\"“'‘]([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿĀ-ſ]+)[\"”'’][ \t]+([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿĀ-ſ'’\-]+)")


def _quoted_nickname_first(text: str) -> list[tuple[int, int, float, str]]:
    surnames = lexicon("surnames")
    stop = lexicon("not_names") | lexicon("place_words")
    return [(m.start(g), m.end(g), 0.8, "a nickname in quotes and a surname")
            for m in _NICKNAME_FIRST.finditer(text) for g in (1, 2)
            if m.group(2).lower() in surnames and m.group(2).lower() not in stop
            and m.group(1).lower() not in stop | INTERJECTIONS]


#: Words said in quotes that are not nicknames ('"Yes" he said').
INTERJECTIONS = frozenset({"hello", "hi", "yes", "no", "ok", "okay", "thanks", "sorry", "please", "help", "stop",
                            "why", "what", "never", "always"})


#: A family by its surname: 'the Pattersons', 'The Khans', 'the Joneses'.
_FAMILY = re.compile(r"\b[Tt]he[ \t]+([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿĀ-ſ'’\-]+?)(e?s)\b(?![ \t]+[A-Z])")


def _families(text: str) -> list[tuple[int, int, float, str]]:
    """'the Pattersons': the singular is a known surname and neither it nor the plural names a place
    ('The Meadows', 'the Downs') or anything else in the stop lists."""
    surnames = lexicon("surnames")
    stop = (lexicon("place_words") | lexicon("street_suffixes") | lexicon("not_names") | lexicon("towns")
            | lexicon("titles"))
    out = []
    for m in _FAMILY.finditer(text):
        singular, plural = m.group(1).lower(), (m.group(1) + m.group(2)).lower()
        if singular in surnames and singular not in stop and plural not in stop and plural not in surnames:
            out.append((m.start(1), m.end(2), 0.7, "a family by its surname ('the Pattersons')"))
    return out


_CUE = re.compile(r"\b(" + "|".join(sorted((re.escape(c) for c in lexicon("person_cues")), key=len, reverse=True))
                  + r")\b(?:[ \t]+[-–][ \t]+|,?[ \t]+(?:(?:is|was)[ \t]+)?)(?:\(?)", re.IGNORECASE)  # 'Niece - Adaeze Obi'


_APPOSITIVE_END = re.compile(r"[ \t]*(?:[,.;)]|[ \t][A-ZÀ-ÖØ-Þ])")  # 'Femi,' or 'Tolulope Bankole,'


def _cue_names(text: str) -> list[tuple[int, int, float, str]]:
    """A word for a person followed by a name: capitalised words that start with a known given
    name, or any capitalised name set off by a comma ('the nurse in charge, Femi, said'), or
    lower-case words that start with a known given name ('resident jenna sinclair')."""
    out = []
    forenames, surnames = lexicon("forenames"), lexicon("surnames")
    stop = lexicon("not_names")
    not_first = stop | lexicon("place_words") | lexicon("titles") | lexicon("towns") | FUNCTION_WORDS | MONTHS_AND_DAYS
    for m in _CUE.finditer(text):
        words = list(re.finditer(r"[A-Za-zÀ-ÖØ-öø-ſ][A-Za-zÀ-ÖØ-öø-ſ'’\-]*", text[m.end():m.end() + 60]))
        if not words or words[0].start() != 0:
            continue
        first = words[0].group(0)
        set_off = "," in m.group(0) or "-" in m.group(0) or "–" in m.group(0)
        appositive = (set_off and not first.isupper() and first.lower() not in not_first
                      and _APPOSITIVE_END.match(text, m.end() + words[0].end()))
        if first[0].isupper() and (first.lower() in forenames or appositive):
            names = [words[0]]
            for w in words[1:3]:
                gap = text[m.end() + names[-1].end():m.end() + w.start()]
                if gap.strip() or "\n" in gap or not w.group(0)[0].isupper() or w.group(0).lower() in stop \
                        or w.group(0).lower() in FUNCTION_WORDS:  # 'KAREN OKAFOR ON THE PHONE'
                    break
                names.append(w)
            end = _trim_name(text, m.end(), m.end() + names[-1].end())
            if first.lower() not in forenames and not re.match(r"[ \t]*(?:[,.;)]|\n|$)", text[end:end + 3]):
                continue  # an unknown name must end where the comma closes it: not 'Northern Lights Supported Living'
            if end > m.end():
                out.append((m.end(), end, 0.8, "name after a word for a person"))
        elif first.islower() and first in forenames and first not in FUNCTION_WORDS:  # not 'the manager will'
            end_word = words[0]
            if len(words) > 1 and words[1].group(0) in surnames and \
                    not text[m.end() + words[0].end():m.end() + words[1].start()].strip():
                end_word = words[1]
            out.append((m.end(), m.end() + end_word.end(), 0.7, "lower-case name after a word for a person"))
    return out


_PAIR = re.compile(r"\b([A-ZÀ-ÖØ-ÞĀ-ſ][a-zß-öø-ÿĀ-ſ'’]+(?:-[A-ZÀ-ÖØ-ÞĀ-ſ][a-zß-öø-ÿĀ-ſ'’]+)?) +((?:O'|Mc|Mac)?[A-ZÀ-ÖØ-ÞĀ-ſ][a-zß-öø-ÿĀ-ſ'’]+"
                   r"(?:-[A-ZÀ-ÖØ-ÞĀ-ſ]?[a-zß-öø-ÿĀ-ſ'’]+)*)\b")


def _lexicon_names(text: str) -> list[tuple[int, int, float, str]]:
    """'Given-name Surname' where the first word is a known given name and the second is
    capitalised and neither a place word nor a common heading word."""
    out = []
    forenames, surnames = lexicon("forenames"), lexicon("surnames")
    places, stop = lexicon("place_words") | lexicon("street_suffixes"), lexicon("not_names")
    roles = lexicon("titles") | lexicon("person_nouns")  # 'Ward Sister', 'Grace Nurse' are a role and a word
    for m in _PAIR.finditer(text):
        first, second = m.group(1).lower().split("-")[0], m.group(2).lower()  # 'Jean-Luc Moreau'
        if first not in forenames or second in places or second in stop or first in stop or second in roles:
            continue
        if _place_follows(text, m.end()) or lent_name_follows(text, m.end()) or is_place_name(text, m.start(), m.end()):
            continue  # 'Milton Keynes'
        score = 0.75 if second in surnames else 0.6
        out.append((m.start(), m.end(), score, "known given name and a surname"))
    return out


MONTHS_AND_DAYS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                    "saturday", "sunday"}


#: Words after a name lent to a thing: "Down's syndrome", 'the Braden scale', 'Oliver McGowan Mandatory Training'.
#: ('assessment', 'report' or 'test' after a name are too often that person's: not listed.)
TOOL_WORDS = r"(?:scale|score|tool|hoist|technique|training|programme|inquiry|protocol)"
_LENT_NAME_AFTER = re.compile(r"(?:['’]s)?[ \t]+(?:syndrome|disease|palsy|lymphoma|chorea|contracture)\b"
                              r"|['’]s[ \t]+law\b"  # "Clare's Law", "Sarah's Law"
                              r"|[ \t]+(?:[A-Za-z]+[ \t]+)?" + TOOL_WORDS + r"\b", re.IGNORECASE)
#: 'In May', 'since June', 'Autumn 2025': a month or a season, not May, June or Autumn.
_MONTHS_AND_SEASONS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                                 "september", "october", "november", "december", "spring", "summer", "autumn",
                                 "winter"})
_BEFORE_MONTH = re.compile(r"(?i)\b(?:in|on|of|since|until|till|during|by|from|to|for|early|late|mid|last|next|this|"
                           r"every)[ \t]+$")


def lent_name_follows(text: str, end: int) -> bool:
    """The name ending at ``end`` names a condition, a scale, a hoist or a training course."""
    return bool(_LENT_NAME_AFTER.match(text, end))


#: Months and weekdays, whole and shortened, as dates write them: 'Sun 12 Jan', 'Mon 3rd March'.
_DATE_WORDS = MONTHS_AND_DAYS | frozenset("jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu "
                                           "thur thurs fri sat sun".split())
_DAY_NUMBER_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?[ \t]+$")
_DAY_NUMBER_AFTER = re.compile(r"[ \t]+\d{1,2}(?:st|nd|rd|th)?\b")


def is_month_here(text: str, start: int, end: int) -> bool:
    """A month or season used as one: after 'in', 'since'... or before a year; or a month or a
    weekday, whole or shortened, beside a day's number ('Sun 12 Jan', '3rd May')."""
    word = text[start:end].lower()
    if word in _DATE_WORDS and (_DAY_NUMBER_BEFORE.search(text[max(0, start - 8):start])
                                or _DAY_NUMBER_AFTER.match(text, end, end + 8)):
        return True
    return word in _MONTHS_AND_SEASONS and bool(
        _BEFORE_MONTH.search(text[max(0, start - 12):start]) or re.match(r"[ \t]+(?:19|20)\d\d\b", text[end:end + 6]))


#: What puts a town's name somewhere: 'in Chester', 'between Leeds and Bradford', 'York, Selby'.
_TOWN_BEFORE = re.compile(r"(?i)\b(?:in|at|to|from|near|between|via|around|outside|towards)[ \t]+$")
_TOWN_LISTED_BEFORE = re.compile(r"([A-Za-z]+)(?:[ \t]*\([^()\n]{0,20}\))?(?:,[ \t]*|[ \t]+(?:and|or)[ \t]+)$")  # 'Leeds (north), 


_PLACE_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ'’]+")


def is_place_name(text: str, start: int, end: int) -> bool:
    """The words at ``start:end`` are a UK or Irish place (``lexicons/places.txt``), or part of one
    with the words around them ('Keynes' of 'Milton Keynes', 'Trent' of 'Stoke-on-Trent'). A
    one-word place, or one shaped like a person's name ('Edith Weston', a village), must be put
    somewhere (``_placed``); one that is also a given name ('Stanley') is left to ``is_town_here``."""
    places, forenames = place_names(), lexicon("forenames")
    words = list(_PLACE_WORD.finditer(text, max(0, start - 40), min(len(text), end + 40)))
    inside = [i for i, w in enumerate(words) if w.start() < end and start < w.end()]  # "Bishop" of "Bishop's"
    if not inside:
        return False
    for i in range(max(0, inside[0] - 3), inside[0] + 1):
        for j in range(inside[-1], min(len(words), inside[-1] + 4)):
            span = text[words[i].start():words[j].end()]
            if "\n" in span or len(span) > 40:
                continue
            key = re.sub(r"[ \t]+", " ", span.replace("’", "'")).lower()
            if key not in places or i == j and key in forenames:
                continue
            parts = key.split()
            person_shaped = parts[0] in forenames and parts[-1] in lexicon("surnames")  # 'Edith Weston', 'Harold Wood'
            if (i == j or person_shaped) and not _placed(text, words[i].start(), places):
                continue
            return True
    return False


def _placed(text: str, start: int, places: frozenset[str]) -> bool:
    """A one-word place must be put somewhere ('in Livingston', 'Hamilton, Motherwell'): alone it
    is as likely a surname ('Schiavone and Livingston')."""
    before = text[max(0, start - 30):start]
    listed = _TOWN_LISTED_BEFORE.search(before)
    return bool(_TOWN_BEFORE.search(before) or listed and listed.group(1).lower() in places)


def is_town_here(text: str, start: int, end: int) -> bool:
    """A town that is also a given name ('Chester', 'Lincoln', 'Bradford') used as a place: after
    'in', 'to', 'between'..., or listed after another town ('Chester and Lincoln')."""
    towns = lexicon("towns")
    return text[start:end].lower() in towns and _placed(text, start, towns)


def _proper_noun_names(text: str, tokens) -> list[tuple[int, int, float, str]]:
    """A word spaCy tags as a proper noun that is a known given name ('Georgina', 'Mary's'), with
    a following capitalised proper noun as the surname. Months, place words and headings are not."""
    out = []
    forenames = lexicon("forenames")
    stop = lexicon("place_words") | lexicon("street_suffixes") | lexicon("not_names") | lexicon("relations")
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.text.lower()
        if (tok.text.islower() and low in forenames and low not in stop and tok.pos_ == "PROPN" and i + 1 < len(tokens)
                and tokens[i + 1].text.isalpha() and tokens[i + 1].text.islower()
                and tokens[i + 1].pos_ in ("PROPN", "NOUN") and tokens[i + 1].text not in stop):
            nxt = tokens[i + 1]
            out.append((tok.idx, nxt.idx + len(nxt.text), 0.55, "lower-case given name and surname"))
            i += 2
            continue
        after_saint = i > 0 and tokens[i - 1].text.lower().rstrip(".") in ("st", "saint")
        if (tok.tag_ == "NNP" and tok.text[:1].isupper() and low in forenames and low not in stop
                and not tok.text.isupper() and not after_saint):
            end = i
            while (end + 1 < len(tokens) and end - i < 2 and tokens[end + 1].tag_ == "NNP"
                   and tokens[end + 1].text[:1].isupper() and tokens[end + 1].text.lower() not in stop
                   and tokens[end + 1].idx == tokens[end].idx + len(tokens[end].text) + 1):
                end += 1
            tok_end = tok.idx + len(tok.text)
            if end == i and (low in MONTHS_AND_DAYS or is_town_here(text, tok.idx, tok_end)
                             or listed_before_a_place(text, tok_end)
                             or is_month_here(text, tok.idx, tok_end) or lent_name_follows(text, tok_end)) \
                    or is_place_name(text, tok.idx, tokens[end].idx + len(tokens[end].text)) \
                    or _place_follows(text, tokens[end].idx + len(tokens[end].text)):  # 'Bridget Jones Associates Ltd'
                i += 1
                continue
            nxt = tokens[end + 1].text.lower() if end + 1 < len(tokens) else ""
            if nxt not in stop:
                out.append((tok.idx, tokens[end].idx + len(tokens[end].text), 0.6, "proper noun that is a given name"))
            i = end + 1
        else:
            i += 1
    return out


#: Verbs that say a person did something ('Tunde usually works nights', 'Chidinma had shouted'),
#: after up to two auxiliaries or adverbs (models/lexicons/person_verbs.txt).
_PERSON_VERB_AFTER = re.compile(
    r"(?:[ \t]+(?:had|has|have|was|is|would|will|did|does|also|then|later|usually|often|always|never|still|just|"
    r"both|all|not)){0,2}[ \t]+(?:" + "|".join(sorted(lexicon("person_verbs")))
    + r")\b")
#: A person-only verb before a name that a comma, a full stop or 'who' closes ('I spoke to Chidinma, who').
_PERSON_VERB_BEFORE = re.compile(r"\b(?:spoke to|spoke with|talked to|talking to|thanked|phoned|rang|texted|"
                                 r"e-?mailed|supervised|interviewed)[ \t]+$", re.IGNORECASE)
_CLOSED_AFTER = re.compile(r"[ \t]*(?:[,.;]|[ \t]who\b)")
#: Someone given or told something: 'had given Inger his address', 'told Peadar the news'.
_GIVEN_TO_BEFORE = re.compile(r"\b(?:given|gave|give|gives|told|tell|tells|asked|sent|showed|handed|paid|"
                              r"offered|thanked)[ \t]+$", re.IGNORECASE)
_GIVEN_AFTER = re.compile(r"[ \t]+(?:his|her|their|my|our|your|a|an|the|some)\b")


@functools.lru_cache(maxsize=1)
def _unknown_name_stop() -> frozenset[str]:
    """Words that are never an unknown name (built once: the union of large lexicons is not free)."""
    return (lexicon("not_names") | lexicon("place_words") | lexicon("titles") | lexicon("relations")
            | lexicon("person_nouns") | lexicon("medicines") | lexicon("towns") | FUNCTION_WORDS | MONTHS_AND_DAYS)


def _unknown_names(text: str, tokens) -> list[tuple[int, int, float, str]]:
    """A capitalised word that English does not use in lower case ('Tunde', 'Peadar': the model's
    vectors know no 'tunde'), doing what a person does: the subject of a person's verb, alone or
    with others ('Kwabena and Efua both said'), the one spoken to ('I spoke to Chidinma, who') or
    given something ('had given Inger his address').
    Only with a model that has word vectors, which tell a common word from a proper noun."""
    vocab = tokens.vocab if hasattr(tokens, "vocab") else None
    if vocab is None or not len(vocab.vectors):
        return []
    stop = _unknown_name_stop()
    candidates = {t.i for t in tokens if len(t.text) >= 3 and t.text.isalpha() and t.text[0].isupper()
                  and not t.text.isupper() and t.text.lower() not in stop and not vocab.has_vector(t.text.lower())
                  and not is_place_name(text, t.idx, t.idx + len(t.text))
                  and not _place_follows(text, t.idx + len(t.text))}
    out = []
    groups: list[list[int]] = []  # candidates joined by 'and' or commas: 'Kwabena and Efua'
    for i in sorted(candidates):
        if groups and groups[-1][-1] == i - 2 and tokens[i - 1].text in (",", "and", "&"):
            groups[-1].append(i)
        else:
            groups.append([i])
    for group in groups:
        first, last = tokens[group[0]], tokens[group[-1]]
        after_article = re.search(r"\b(?:the|a|an)[ \t]+$", text[max(0, first.idx - 6):first.idx], re.IGNORECASE)
        subject = _PERSON_VERB_AFTER.match(text, last.idx + len(last.text)) and not after_article
        before, end = text[max(0, first.idx - 20):first.idx], first.idx + len(first.text)
        spoken_to = len(group) == 1 and (_PERSON_VERB_BEFORE.search(before) and _CLOSED_AFTER.match(text, end)
                                         or _GIVEN_TO_BEFORE.search(before) and _GIVEN_AFTER.match(text, end))
        if subject or spoken_to:
            out += [(tokens[i].idx, tokens[i].idx + len(tokens[i].text), 0.6, "a proper noun doing what a person does")
                    for i in group if not _named_as_a_place(text, tokens[i].text)]
    return out


_AT_PLACE = re.compile(r"(?i)\b(?:at|in|from|near|inside|outside)[ \t]+$")  # not 'to': 'spoke to Chidinma'


def _named_as_a_place(text: str, word: str) -> bool:
    """The document names ``word`` as a place or a body elsewhere ('Oakleigh told us' where the
    notes say 'Oakleigh House' or 'at Oakleigh')."""
    for m in re.finditer(r"\b" + re.escape(word) + r"\b", text):
        after = re.match(r" {1,2}([A-Za-z]+)", text[m.end():m.end() + 30])
        if (_place_follows(text, m.end()) or after and is_place_word(after.group(1))  # 'the Larkfield unit'
                or _AT_PLACE.search(text[max(0, m.start() - 12):m.start()])):
            return True
    return False

