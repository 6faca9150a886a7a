"""Notes typed in capitals ('DR CAMARDA AND CLIFFORD AWARE AT BEDSIDE') read again as they would
be written in mixed case ('Dr Camarda and Clifford aware at bedside'). The name finder and the
name rules lean on capital letters: in such notes they miss names a reader sees at once.
Detection reads these lines a second time in this view, for names only, and maps what it finds
back (the view keeps every character's place: only letters' case changes).

In the view a word gets a capital when it is a listed given name or surname that is no English
word, a word no English dictionary holds that is no acronym (a surname nobody listed: 'CAMARDA';
four letters or fewer count as an acronym: 'IABP'), or a title before such a word ('DR WARD', not
'MS 2MG'). English words, and words the document writes in lower case elsewhere ('foley',
'extubated'), go to lower case; acronyms, grades ('NP') and initials stay as written. The
dictionary is the model's own lemmatizer index (WordNet's lemmas, with its suffix rules: 'CALLED'
is 'call'), so nothing is downloaded and nothing new is shipped.

Notes typed all in lower case are not recased: there, 'foley' and 'mae' are a catheter and 'moves
all extremities' far more often than a Foley or a Mae (measured on physionet-dev); names after a
title or a word for a person are found in lower case by the name rules themselves.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any, Callable

from spacy.lang.en.stop_words import STOP_WORDS

from redactor.models.settings import known_names, lexicon

#: A line is written in capitals when this share of its cased letters is, and it has at least
#: :data:`MIN_WORDS` words of two letters or more: not a heading. Unknown words of up to
#: :data:`ACRONYM_LETTERS` letters are taken for acronyms.
CASED_SHARE, MIN_WORDS, ACRONYM_LETTERS = 0.9, 4, 4
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_LONG_WORD = re.compile(r"[A-Za-z]{2,}")
_LOWER_WORD = re.compile(r"(?<![A-Za-z'’])[a-z][a-z'’]+(?![A-Za-z'’])")
_VOWEL = re.compile(r"[aeiouy]")
#: The word just before a name, and what may stand between ('Dr. ', 'daughter-', 'sister, ').
_BEFORE = re.compile(r"([A-Za-z]+)[.,:\-–]*[ \t]*$")
_AFTER = re.compile(r"[ \t,]+([A-Za-z]+)\b")


@dataclass
class CasedView:
    """The lines of a text written in capitals, each recased, joined by line breaks."""

    text: str
    starts: list[int]  # where each stretch starts in the view
    origins: list[int]  # and in the text
    lengths: list[int]
    written_lower: frozenset[str] = frozenset()  # the words the document writes in lower case

    def vouched(self, start: int, end: int) -> bool:
        """Whether a name found at ``start:end`` of the view has more behind it than its capital:
        a listed given name or surname the document never writes in lower case ('CLIFFORD'), or a
        title, grade or word for a person just before it ('DR CAMARDA', 'NP DJURIC', 'BROTHER
        VINNY', 'DAUGHTER-KRISSY') or a grade just after it ('JON DEVAUX RRT'). The name finder
        takes almost any capitalised word in a clinical note for a name ('Diuresed', 'Mednebs')."""
        names = known_names()
        if any(w.lower() in names and w.lower() not in self.written_lower
               for w in _WORD.findall(self.text, start, end)):
            return True
        before = _BEFORE.search(self.text, max(0, start - 16), start)
        if before and (before.group(1) in lexicon("grades") or
                       before.group(1).lower() in lexicon("titles") | lexicon("person_cues")):
            return True
        after = _AFTER.match(self.text, end)
        return bool(after) and after.group(1) in lexicon("grades")  # a signature: 'Q. LANDER RRT'

    def back(self, start: int, end: int) -> tuple[int, int] | None:
        """The span of the text that ``start:end`` of the view reads, or None across stretches."""
        i = bisect.bisect_right(self.starts, start) - 1
        if i < 0 or end > self.starts[i] + self.lengths[i]:
            return None
        shift = self.origins[i] - self.starts[i]
        return start + shift, end + shift


def mixed_case_view(text: str, is_english: Callable[[str], bool]) -> CasedView | None:
    """The lines of ``text`` written in capitals, recased (see the module's docstring); None when
    there are none."""
    lines = text.splitlines(keepends=True)
    capitals = [_in_capitals(line) for line in lines]
    if not any(capitals):
        return None
    # the document's own casing: a word it writes in lower case is a word
    lower = frozenset(w for line, caps in zip(lines, capitals) if not caps for w in _LOWER_WORD.findall(line))
    view = CasedView("", [], [], [], lower)
    parts: list[str] = []
    at = length = 0
    for line, caps in zip(lines, capitals):
        if caps:
            recased = _recase(line, lower, is_english)
            if recased != line:
                view.starts.append(length)
                view.origins.append(at)
                view.lengths.append(len(line))
                parts.append(recased if recased.endswith("\n") else recased + "\n")
                length += len(parts[-1])
        at += len(line)
    if not parts:
        return None
    view.text = "".join(parts)
    return view


def _in_capitals(line: str) -> bool:
    """Whether the line is written in capitals (not a heading: :data:`MIN_WORDS` words or more)."""
    if len(_LONG_WORD.findall(line)) < MIN_WORDS:
        return False
    upper = sum(c.isupper() for c in line)
    return upper > 0 and upper >= CASED_SHARE * (upper + sum(c.islower() for c in line))


def _recase(line: str, written_lower: frozenset[str], is_english: Callable[[str], bool]) -> str:
    """``line`` (written in capitals) with each word in the case a mixed-case writer would give
    it; ``written_lower``: the words the document writes in lower case."""
    titles, names, dual = lexicon("titles"), known_names(), lexicon("name_words")
    grades, acronyms, medicines = lexicon("grades"), lexicon("acronyms"), lexicon("medicines")
    words = list(_WORD.finditer(line))
    new: list[str | None] = []
    for m in words:
        word = m.group(0)
        lower = word.lower()
        if not word.isupper() or len(word) == 1 or word in grades:
            new.append(word)  # a word written otherwise ('Dr'), an initial, a grade ('NP'): as written
        elif lower in titles:
            new.append(None)  # decided by the word after it
        elif lower in written_lower or lower in medicines:
            new.append(lower)
        elif lower in names and lower not in dual:
            new.append(_capital(word))
        elif is_english(lower):
            new.append(lower)
        elif word in acronyms or len(word) <= ACRONYM_LETTERS or not _VOWEL.search(lower):
            new.append(word)  # an acronym: 'VEA', 'CVVH', 'IABP'
        else:
            new.append(_capital(word))  # no word of English: a name nobody listed
    out = list(line)
    for i, m in enumerate(words):
        if new[i] is None:
            after = words[i + 1] if i + 1 < len(words) else None
            named = (after is not None and not line[m.end():after.start()].strip(". \t")
                     and after.group(0).lower() not in STOP_WORDS and new[i + 1] is not None
                     and (new[i + 1][0].isupper() or after.group(0).lower() in dual))
            new[i] = _capital(m.group(0)) if named else m.group(0).lower()
            if named:
                new[i + 1] = _capital(after.group(0))
        out[m.start():m.end()] = new[i]
    return "".join(out)


def _capital(word: str) -> str:
    return word[0].upper() + word[1:].lower()


def english_words(nlp: Any) -> Callable[[str], bool]:
    """Whether a lower-case word is English, by the model's lemmatizer tables: a lemma in its
    index (nouns, verbs, adjectives, adverbs), directly, as an exception ('went') or by one of
    its suffix rules ('called'), or one of spaCy's stop words. Without those tables, stop words."""
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups
        index, rules, exceptions = (lookups.get_table(t) for t in ("lemma_index", "lemma_rules", "lemma_exc"))
    except (KeyError, ValueError):
        return lambda word: word in STOP_WORDS
    lemmas = {pos: frozenset(index[pos]) for pos in ("noun", "verb", "adj", "adv") if pos in index}
    irregular = {w for pos in lemmas if pos in exceptions for w in exceptions[pos]}
    known = frozenset().union(*lemmas.values())
    # any part of speech's suffix rule, to any lemma: 'BOLUSED' is a noun made a verb
    suffixes = sorted({(old, new) for pos in lemmas if pos in rules for old, new in rules[pos] if old})

    def is_english(word: str) -> bool:
        if word in STOP_WORDS or word in irregular or word in known:
            return True
        return any(word.endswith(old) and word[:len(word) - len(old)] + new in known for old, new in suffixes)
    return is_english
