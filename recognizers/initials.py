"""INITIALS: two or three capitals standing for a person ("staff member AB", "Jane Doe (JD)",
"JD reported", "Signed: SK, PO"), or one after a title ("Mrs M"), never an organisation acronym
or a word in capitals from ``models/lexicons/acronyms.txt``.

A bare capital pair with no cue is reported below the default threshold: the reviewer sees it,
the copy keeps it. Initials of a person named elsewhere in the document are found by name
propagation, and a column of residents' initials by the table-column recognizer.
"""
from __future__ import annotations

import re
from typing import List, Optional

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.models.settings import known_names, lexicon
from redactor.recognizers.table_column import cells_as_tabs

CANDIDATE = re.compile(r"(?<![\w&/.-])(?:[A-Z]{2,3}|(?:[A-Z]\.[ ]?){1,2}[A-Z]\.)(?![\w&/-])")
_CUE_WORDS = ("staff member|member of staff|care worker|support worker|carer|worker|resident|patient|"
              "service user|client|nurse|hca|colleague|manager|staff|employee|mr|mrs|ms|miss|dr|"
              "initials|by|from|and|with|told|to")
#: Relations before initials set off by commas or brackets: 'Her son, CB, objects', 'mother (LT)'.
_RELATIONS = ("son|daughter|husband|wife|partner|mother|father|brother|sister|nephew|niece|grandson|"
              "granddaughter|grandmother|grandfather|neighbour|friend|aunt|uncle|cousin|stepfather|stepmother")
_CUE_BEFORE = re.compile(r"\b(?:" + _CUE_WORDS + r")\s*[:(]?\s*$", re.IGNORECASE)
_STRONG_CUES = re.compile(r"\b(?:(?:staff member|member of staff|care worker|support worker|carer|worker|"
                          r"resident|patient|service user|su|pt|client|nurse|hca|colleague|employee|initials)"
                          r"\s*[:(]?|(?:" + _RELATIONS + r")\s*[,(]|in the matter of)\s*$", re.IGNORECASE)
#: A person's role in brackets after the initials: 'JB (call handler)', 'KL (senior carer)'.
_ROLE_AFTER = re.compile(r"[ \t]*\((?:[a-z\-]+[ \t]+){0,2}(?:[a-z]+-)?(?:" + "|".join(sorted(lexicon("person_nouns")))
                         + r")s?\)")
#: A value on its own: a table cell, a form field ("Staff: JR;"), or the end of a short line.
_ALONE_BEFORE = re.compile(r"(?:^|\t)\s*$|(?:^|[\t;])[^\t;:]{1,30}:\s*$|^(?:[A-Za-z]+ ){1,3}$")
_ALONE_AFTER = re.compile(r"^[ ]*(?:[;\n\t]|$)")
#: A verb after the capitals: they name someone who does something ('AM to confirm', 'JD said').
VERB_AFTER = re.compile(r"^\)?\s+(?:said|says|told|reported|stated|explained|confirmed|was|were|had|has|"
                         r"did|gave|refused|shouted|asked|works|worked|is|called|left|administered|"
                         r"signed|wrote|recorded|agreed|noted|raised|attended|"
                         r"to (?:write|contact|send|call|phone|speak|arrange|review|follow|check|update|share|"
                         r"chase|e-?mail|meet|visit|confirm|ask|discuss|provide|complete|liaise|circulate|"
                         r"book|draft|inform|escalate|refer))\b")
#: A line listing people: minutes' 'Present:', 'Apologies:', a letter's 'cc:'.
_PEOPLE_LINE = re.compile(r"^[ \t*\-•]*(?:present|attendees|attending|in attendance|apologies|apologies received|"
                          r"absent|members present|also present|cc|copy to|distribution|minutes taken by|"
                          r"chair|note[- ]?taker|signed|signed by|checked by|countersigned|witnessed by|"
                          r"staff initials|initials)[ \t]*:", re.IGNORECASE)
#: An item of such a list: after the colon, a comma, a semicolon or 'and'; before a comma, a
#: semicolon, a bracket ('LD (notes)'), 'and' or the end of the line. 'NMC PIN 05I1234E' inside
#: 'Also present: Zoë Ł. (agency nurse, NMC PIN ...)' is not an item.
_ITEM_BEFORE = re.compile(r"(?:[:,;]|\band)[ \t]*$")
_ITEM_AFTER = re.compile(r"[ \t]*(?:[,;(\n]|and\b|$)")
#: A title and one initial standing for a person: 'Mrs M', 'Mr X said'.
_TITLE_INITIAL = re.compile(r"\b(?:Mrs|Mr|Ms|Miss|Mx|Dr)\.? ([A-Z])(?![\w'’\-&]|\.[ \t]*[A-Z])")


#: A letter's reference of author and typist initials: 'Typed by: SB/jm', 'Our ref: AO/KL'.
_TYPIST_REF = re.compile(r"(?<![\w/])([A-Z]{2,3})/([A-Za-z]{2,3})(?![\w])(?:/[\w\-]+)*(?![\w/])")  # 'JRW/LP/0457-3'


class InitialsRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["INITIALS"], name="InitialsRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts: Optional[object] = None
                ) -> List[RecognizerResult]:
        acronyms = lexicon("acronyms")
        results = []
        text = cells_as_tabs(text)  # a cell of a plain-text table stands alone as a tab-separated one does
        for m in CANDIDATE.finditer(text):
            value = re.sub(r"[. ]", "", m.group(0))
            before = text[max(0, m.start() - 40):m.start()]
            after = text[m.end():m.end() + 30]
            strong = _STRONG_CUES.search(before)
            line_before = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
            listed = _ITEM_AFTER.match(after) and (
                _PEOPLE_LINE.search(line_before) and _ITEM_BEFORE.search(line_before)
                or _continues_people_line(text, m.start() - len(line_before))
                and (_ITEM_BEFORE.search(line_before) or not line_before.strip()))
            if value in lexicon("ranks") and re.match(r"\.?[ \t]+(?:\d{2,6}[ \t]+)?[A-Z]", after):
                continue  # a rank before a name ('DC R. Marsh', 'DS 2231 Patel'), no one's initials
            if value in acronyms and not listed and \
                    not (strong and (after.startswith(")") or VERB_AFTER.search(after))):
                continue  # 'care worker (HR)' is a person; 'HR' or 'resident (NHS number ...' is not
            if strong:
                score, why = 0.85, "after a word for a person"
            elif _ROLE_AFTER.match(after):
                score, why = 0.85, "a person's role in brackets after it"
            elif listed:
                score, why = 0.85, "in a list of people (present, apologies, cc)"
            elif before.endswith("(") and _initials_of_name_before(before[:-1], value):
                score, why = 0.9, "the initials of the name before it"
            elif _weak_cue(before, after):
                score, why = 0.6, "used as a person's name"
            elif _is_upper_context(text, m.start(), m.end()):
                continue  # part of a line in capitals (a heading), not initials
            elif _ALONE_BEFORE.search(text[text.rfind("\n", 0, m.start()) + 1:m.start()]) \
                    and _ALONE_AFTER.search(after):
                score, why = 0.55, "stands alone as a field or cell value"
            else:
                score, why = 0.3, "capital letters with no cue"
            results.append(RecognizerResult("INITIALS", m.start(), m.end(), score,
                                            recognition_metadata={"recognizer_name": self.name, "why": why}))
        results += [RecognizerResult("INITIALS", m.start(1), m.end(1), 0.8, recognition_metadata={
            "recognizer_name": self.name, "why": "a title and one initial"}) for m in _TITLE_INITIAL.finditer(text)]
        for m in _TYPIST_REF.finditer(text):
            before = text[text.rfind("\n", 0, m.start()) + 1:m.start()].lower()
            if re.search(r"\b(?:ref|reference|typed|dictated|our|your)\b[^\n]{0,15}$", before) and \
                    m.group(1) not in acronyms and m.group(2).upper() not in acronyms:  # 'CQC/ENQ/99812' is a file
                results += [RecognizerResult("INITIALS", m.start(g), m.end(g), 0.8, recognition_metadata={
                    "recognizer_name": self.name, "why": "author and typist initials in a letter's reference"})
                    for g in (1, 2)]
        return results


def _weak_cue(before: str, after: str) -> bool:
    """A verb after the capitals ('JD said') or a word before them ('told JD'), written in lower
    case: in a line of capitals ('DUE TO ETT', 'AND LOW BP') the cue is one more word in
    capitals, and a number after them makes a measure ('with RR 12-16', 'SBP 80s'), not a person."""
    verb, cue = VERB_AFTER.search(after), _CUE_BEFORE.search(before)
    if _MEASURE_AFTER.match(after):
        return False
    return bool(verb and not verb.group(0).isupper() or cue and not cue.group(0).isupper())


_MEASURE_AFTER = re.compile(r"['’]?s?[ \t]*[=:]?[ \t]*[<>~^]?\d")


def _continues_people_line(text: str, line_start: int) -> bool:
    """The line at ``line_start`` goes on with a list of people begun on a line above that ends
    with a comma ('Present: Cllr Janet Ormerod (chair), ...,<newline>RK (note-taker)')."""
    for _ in range(3):
        if line_start == 0:
            return False
        above = text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1]
        if not above.rstrip().endswith(","):
            return False
        if _PEOPLE_LINE.search(above):
            return True
        line_start -= len(above) + 1
    return False


def _initials_of_name_before(before: str, value: str) -> bool:
    """'Jane Doe (JD)', not 'Designated Safeguarding Lead (DSL)': the words must read as a name."""
    words = re.findall(r"[A-Z][\w'’-]*", before.strip()[-60:])[-len(value):]
    roles = lexicon("person_nouns") | lexicon("not_names") | lexicon("place_words") | lexicon("titles")
    return (len(words) == len(value) and "".join(w[0] for w in words) == value
            and not any(w.lower() in roles for w in words) and any(w.lower() in known_names() for w in words))


def _is_upper_context(text: str, start: int, end: int) -> bool:
    """True when the neighbouring words on its line are in capitals too (a heading such as
    'SAFEGUARDING REFERRAL' or 'INCIDENT LOG')."""
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = re.findall(r"[A-Za-z]{2,}", text[max(line_start, start - 25):start])
    right = re.findall(r"[A-Za-z]{2,}", text[end:min(line_end, end + 25)])
    near = left[-1:] + right[:1]
    return bool(near) and all(w.isupper() and len(w) > 3 for w in near)
