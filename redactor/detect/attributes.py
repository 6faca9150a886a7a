"""The model's attribute rules (part of speech, morphology and lemma exceptions by tag and word)
found by lookup instead of spaCy's Matcher: the same rules, the same matches in the same order,
so the same annotations, for a fifth of what the model costs per document.

spaCy's AttributeRuler runs its ~180 patterns through the Matcher at every token. Almost all of
them are one token with exact values (``{"TAG": "NNP"}``, ``{"LOWER": "'s", "TAG": "POS"}``):
those are indexed by tag and by word and checked against the document's arrays; the few others
(several tokens, regular expressions, dependency labels) stay in a Matcher of their own. Each
token's matched rules are then merged in their order of precedence and set at once, where spaCy
sets every match in turn."""
from __future__ import annotations

from typing import Any

from spacy.attrs import IS_SPACE, LOWER, TAG
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

#: Token attributes a rule may test and still be looked up.
_INDEXED = {"TAG": TAG, "LOWER": LOWER, "IS_SPACE": IS_SPACE}


def index_attribute_rules(ruler: AttributeRuler) -> None:
    """Make ``ruler`` find its matches by lookup and set them a token at a time (see the
    module's docstring)."""
    rules = _IndexedRules(ruler)
    ruler.match = rules.match  # type: ignore[method-assign]
    ruler.set_annotations = rules.set_annotations  # type: ignore[method-assign]


class _IndexedRules:
    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        self.attrs, self.indices = ruler.attrs, ruler.indices
        self.by_tag: dict[int, list[tuple[int, dict[int, set[int]]]]] = {}
        self.by_word: dict[int, list[tuple[int, dict[int, set[int]]]]] = {}
        self.by_space: dict[int, list[tuple[int, dict[int, set[int]]]]] = {}
        self.others = Matcher(ruler.vocab)
        self.on_labels = Matcher(ruler.vocab)  # rules that test dependency labels: none match without a parser
        # a rule's number is its order of precedence; its Matcher key is that number as a string
        self.key_of = [strings.add(str(number)) for number in range(len(ruler.patterns))]
        self.keys = {key: number for number, key in enumerate(self.key_of)}
        for number, rule in enumerate(ruler.patterns):
            key = self.key_of[number]
            tests = _tests(rule["patterns"], strings)
            if tests is None:
                (self.on_labels if _needs_labels(rule["patterns"]) else self.others).add(key, rule["patterns"])
                continue
            index, attr = ((self.by_tag, TAG) if TAG in tests else (self.by_word, LOWER) if LOWER in tests
                           else (self.by_space, IS_SPACE))
            for value in tests[attr]:
                index.setdefault(value, []).append((number, tests))

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What :meth:`AttributeRuler.match` returns: (rule number, key, start, end), sorted."""
        found = [(self.keys[key], key, start, end)
                 for matcher in ([self.others, self.on_labels] if doc.has_annotation("DEP") else [self.others])
                 if len(matcher) for key, start, end in matcher(doc, allow_missing=True, as_spans=False)]
        if len(doc):
            rows = doc.to_array([TAG, LOWER, IS_SPACE]).tolist()
            for i, (tag, word, space) in enumerate(rows):
                values = {TAG: tag, LOWER: word, IS_SPACE: space}
                for index, value in ((self.by_tag, tag), (self.by_word, word), (self.by_space, space)):
                    for number, tests in index.get(value, ()):
                        if all(values[attr] in allowed for attr, allowed in tests.items()):
                            found.append((number, self.key_of[number], i, i + 1))
        found.sort()
        return found

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        """Each token's attributes from all its matches, a later rule's value over an earlier's."""
        merged: dict[int, dict[Any, Any]] = {}
        for number, _key, start, end in matches:
            merged.setdefault(range(start, end)[self.indices[number]], {}).update(self.attrs[number])
        for i, attrs in merged.items():
            set_token_attrs(doc[i], attrs)


def _needs_labels(patterns: list[list[dict[str, Any]]]) -> bool:
    """True when every pattern has a token whose dependency-label test fails on a token with no
    label (``"DEP": "nsubj"``, ``{"IN": [...]}`` without "", ``{"NOT_IN": [..., ""]}``)."""
    def fails_unlabelled(test: Any) -> bool:
        if isinstance(test, str):
            return test != ""
        if isinstance(test, dict) and set(test) == {"IN"}:
            return "" not in test["IN"]
        return isinstance(test, dict) and set(test) == {"NOT_IN"} and "" in test["NOT_IN"]
    return all(any("DEP" in token and fails_unlabelled(token["DEP"]) for token in pattern) for pattern in patterns)


def _tests(patterns: list[list[dict[str, Any]]], strings: Any) -> dict[int, set[int]] | None:
    """A rule's one-token tests as {attribute: allowed values (as the document's arrays hold
    them)}, or None when the rule needs the Matcher: several patterns or tokens, an operator, a
    regular expression or an attribute not indexed."""
    if len(patterns) != 1 or len(patterns[0]) != 1:
        return None
    tests: dict[int, set[int]] = {}
    for name, value in patterns[0][0].items():
        if name not in _INDEXED:
            return None
        if isinstance(value, dict):
            if set(value) != {"IN"}:
                return None
            value = value["IN"]
        values = value if isinstance(value, list) else [value]
        if name == "IS_SPACE":
            tests[IS_SPACE] = {int(bool(v)) for v in values}
        elif all(isinstance(v, str) for v in values):
            tests[_INDEXED[name]] = {strings.add(v) for v in values}
        else:
            return None
    return tests or None
