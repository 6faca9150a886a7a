"""Replacement styles: what a redacted value becomes in the copy.

- ``label``: the entity type in brackets, ``[NHS_NUMBER]``;
- ``box``: block characters of the same length (a black-shaded run in .docx);
- ``pseudonym``: consistent stand-ins, ``Person A``; every mention of one person (full name,
  surname alone, 'Mrs Smith', their initials) gets the same stand-in, in every file of a run;
- ``mask``: keeps a safe part, the last four digits of a number (``*** *** 5919``); anything
  else is starred out.
"""
from __future__ import annotations

import re
import string

from redactor.core import Finding
from redactor.models.settings import lexicon

BOX = "█"
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_PERSONAL = ("PERSON", "INITIALS")


class Pseudonyms:
    """Stand-ins for people, shared by all documents of one run so a person keeps one stand-in.
    People are indexed by their words and initials, so a finding is matched against the few
    people who share a word with it, not against everyone met so far (linear in a long text)."""

    def __init__(self) -> None:
        self._people: list[tuple[set[str], set[str], str]] = []  # (name words, initials, stand-in)
        self._by_word: dict[str, list[int]] = {}
        self._by_initials: dict[str, list[int]] = {}
        self._values: dict[tuple[str, str], str] = {}
        self._counts: dict[str, int] = {}

    def for_finding(self, f: Finding) -> str:
        if f.entity_type in _PERSONAL:
            return self._person(f)
        key = (f.entity_type, re.sub(r"\W", "", f.text.lower()))
        if key not in self._values:
            self._counts[f.entity_type] = self._counts.get(f.entity_type, 0) + 1
            self._values[key] = f"[{f.entity_type} {self._counts[f.entity_type]}]"
        return self._values[key]

    def _person(self, f: Finding) -> str:
        """A full name matches a person with the same words (or a subset: 'Edith Marlowe' and
        'Mrs Edith Marlowe'); a single word ('Marlowe', 'Edith') matches the first person with it."""
        titles = lexicon("titles")
        if f.entity_type == "INITIALS":
            value = f.text.upper().replace(".", "")
            found = self._by_initials.get(value)
            return self._people[min(found)][2] if found else self._new(set(), {value})
        words = {w.lower() for w in _WORD.findall(f.text) if w.lower() not in titles}
        for i in sorted({i for w in words for i in self._by_word.get(w, ())}):  # the people sharing a word, in order
            known, initials, stand_in = self._people[i]
            if words <= known or (len(words) >= 2 and known <= words):
                if len(words) >= 2:
                    self._index(i, words - known, {_initials(f.text, titles)} - initials)
                return stand_in
        return self._new(words, {_initials(f.text, titles)} if len(words) >= 2 else set())

    def _new(self, words: set[str], initials: set[str]) -> str:
        n = len(self._people)
        letters = string.ascii_uppercase
        label = letters[n % 26] + (str(n // 26) if n >= 26 else "")
        self._people.append((set(), set(), f"Person {label}"))
        self._index(n, words, initials)
        return f"Person {label}"

    def _index(self, i: int, words: set[str], initials: set[str]) -> None:
        known, known_initials, _ = self._people[i]
        known.update(words)
        known_initials.update(initials)
        for w in words:
            self._by_word.setdefault(w, []).append(i)
        for value in initials:
            self._by_initials.setdefault(value, []).append(i)


def _initials(value: str, titles: frozenset[str]) -> str:
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
