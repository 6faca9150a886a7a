"""Replacement styles: what a redacted value becomes in the copy.

- ``label``: the entity type in brackets, ``[NHS_NUMBER]``;
- ``box``: block characters of the same length (a black-shaded run in .docx);
- ``pseudonym``: consistent stand-ins, ``Person A``; every mention of one person (full name,
  surname alone, 'Mrs Smith', their initials) gets the same stand-in, in every file of a run;
- ``mask``: keeps a safe part, the last four digits of a number (``*** *** 5919``); anything
  else is starred out.
"""
from __future__ import annotations

import functools
import re
import string

from redactor.core import Finding
from redactor.models.settings import lexicon

BOX = "█"
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_PERSONAL = ("PERSON", "INITIALS")


#: The one or two words right before a name: 'their son [Thomas Ellis]', 'Her son, [Peter Marlowe]'.
_BEFORE = re.compile(r"(?:([A-Za-z]+)[ \t]+)?([A-Za-z]+),?[ \t]+$")


@functools.lru_cache(maxsize=1)
def _sexes() -> dict[str, str]:
    """Titles and relations that say a person is a woman or a man (lexicons/sexed_words.txt)."""
    return dict(entry.split() for entry in lexicon("sexed_words"))


class Pseudonyms:
    """Stand-ins for people, shared by all documents of one run so a person keeps one stand-in.
    People are indexed by their words and initials, so a finding is matched against the few
    people who share a word with it, not against everyone met so far (linear in a long text).
    Two people who share a surname stay two ('Margaret Ellis', her daughter 'Joanne Ellis'); a
    surname alone goes to the one of them its title fits, and when several fit it is marked
    uncertain ('Person A or Person B?') and :meth:`uncertain` says so, for the reviewer's flag."""

    def __init__(self) -> None:
        self._people: list[tuple[set[str], set[str], str, set[str]]] = []  # (name words, initials, stand-in, sexes)
        self._by_word: dict[str, list[int]] = {}
        self._by_initials: dict[str, list[int]] = {}
        self._values: dict[tuple[str, str], str] = {}
        self._counts: dict[str, int] = {}

    @property
    def count(self) -> int:
        """The distinct people met so far."""
        return len(self._people)

    def register(self, findings: list[Finding], text: str = "") -> None:
        """Meet a document's full names before any stand-in is given, so that a surname alone is
        matched against every person of that name in the document, not only those named before it.
        A relation right before a full name in ``text`` ('their son Thomas Ellis') says its sex."""
        sexes = _sexes()
        for f in findings:
            if f.entity_type == "PERSON" and len(self._words(f)[0]) >= 2:
                (i,) = self._resolve(f)  # a full name is always one person
                before = _BEFORE.search(text, max(0, f.start - 30), f.start) if text else None
                words = [w.lower() for w in before.groups()[::-1] if w] if before else []
                sex = next((sexes[w] for w in words if w in sexes), None)
                if sex:
                    self._people[i][3].add(sex)

    def stand_ins(self, findings: list[Finding], text: str, wanted: list[bool]) -> list[str]:
        """One document's stand-ins in one call (:meth:`register`, then :meth:`for_finding` for
        each finding ``wanted``, '' for the others): a run on a cluster asks the one shared
        register for them once per document."""
        self.register(findings, text)
        return [self.for_finding(f) if want else "" for f, want in zip(findings, wanted)]

    def for_finding(self, f: Finding) -> str:
        if f.entity_type in _PERSONAL:
            return self._person(f)
        key = (f.entity_type, re.sub(r"\W", "", f.text.lower()))
        if key not in self._values:
            self._counts[f.entity_type] = self._counts.get(f.entity_type, 0) + 1
            self._values[key] = f"[{f.entity_type} {self._counts[f.entity_type]}]"
        return self._values[key]

    def uncertain(self, f: Finding) -> bool:
        """Whether ``f`` (a surname or first name alone) fits more than one person met so far."""
        words, sex = self._words(f)
        return f.entity_type == "PERSON" and len(words) == 1 and len(self._fitting(words, sex)) > 1

    @staticmethod
    def _words(f: Finding) -> tuple[set[str], str | None]:
        """The name's words without titles, and the sex its title gives (None: no such title)."""
        titles, known = lexicon("titles"), _sexes()
        words = [w.lower() for w in _WORD.findall(f.text)]
        sexes = {known[w] for w in words if w in titles and w in known}
        return {w for w in words if w not in titles}, sexes.pop() if len(sexes) == 1 else None

    def _fitting(self, words: set[str], sex: str | None) -> list[int]:
        """The people met so far that a mention with ``words`` (and a title of ``sex``) can be:
        those known to be of that sex if any, else those whose sex is not known."""
        share = sorted({i for w in words for i in self._by_word.get(w, ())})  # the people sharing a word, in order
        fit = [i for i in share if words <= self._people[i][0] or (len(words) >= 2 and self._people[i][0] <= words)]
        if sex is None:
            return fit
        same = [i for i in fit if sex in self._people[i][3]]
        return same or [i for i in fit if not self._people[i][3]]

    def _person(self, f: Finding) -> str:
        stand_ins = [self._people[i][2] for i in self._resolve(f)]
        return stand_ins[0] if len(stand_ins) == 1 else " or ".join(stand_ins) + "?"

    def _resolve(self, f: Finding) -> list[int]:
        """The person ``f`` is (met now if new), or the several it may be. A full name matches a
        person with the same words (or a subset: 'Edith Marlowe' and 'Mrs Edith Marlowe'); a single
        word ('Marlowe', 'Mrs Marlowe') the one person it fits."""
        if f.entity_type == "INITIALS":
            value = f.text.upper().replace(".", "")
            found = self._by_initials.get(value)
            return [min(found)] if found else [self._new(set(), {value}, None)]
        words, sex = self._words(f)
        fit = self._fitting(words, sex)
        if len(words) == 1 and len(fit) > 1:
            return fit
        if fit:
            i = fit[0]
            if len(words) >= 2:
                self._index(i, words - self._people[i][0], {_initials(f.text)} - self._people[i][1])
            if sex:
                self._people[i][3].add(sex)
            return [i]
        return [self._new(words, {_initials(f.text)} if len(words) >= 2 else set(), sex)]

    def _new(self, words: set[str], initials: set[str], sex: str | None) -> int:
        n = len(self._people)
        letters = string.ascii_uppercase
        label = letters[n % 26] + (str(n // 26) if n >= 26 else "")
        self._people.append((set(), set(), f"Person {label}", {sex} if sex else set()))
        self._index(n, words, initials)
        return n

    def _index(self, i: int, words: set[str], initials: set[str]) -> None:
        known, known_initials, _, _ = self._people[i]
        known.update(words)
        known_initials.update(initials)
        for w in words:
            self._by_word.setdefault(w, []).append(i)
        for value in initials:
            self._by_initials.setdefault(value, []).append(i)


def _initials(value: str) -> str:
    titles = lexicon("titles")
    return "".join(w[0].upper() for w in _WORD.findall(value) if w.lower() not in titles)


def replacement_text(f: Finding, style: str, pseudonyms: Pseudonyms) -> str:
    if style == "box":
        return "".join(c if c in "\n\t" else BOX for c in f.text)
    if style == "pseudonym":
        return pseudonyms.for_finding(f)
    if style == "mask":
        return mask(f.text)
    return f"[{f.entity_type}]"


def mask(value: str) -> str:
    """Star out all but the last four digits of a number; star out every character of anything
    else (spaces and separators stay, so the shape remains readable)."""
    digits = sum(c.isdigit() for c in value)
    if digits >= 8:
        keep_from = len(value)
        seen = 0
        for i in range(len(value) - 1, -1, -1):
            if value[i].isdigit():
                seen += 1
                if seen == 4:
                    keep_from = i
                    break
        return "".join("*" if c.isalnum() else c for c in value[:keep_from]) + value[keep_from:]
    return "".join("*" if c.isalnum() else c for c in value)
