"""The model's attribute rules found by lookup give exactly what spaCy's AttributeRuler gives."""
from __future__ import annotations

import pytest
import spacy

from redactor.detect.attributes import index_attribute_rules
from redactor.models.settings import DEFAULT_MODEL

TEXTS = [
    "Mrs Edith Marlowe (NHS 943 476 5919) said the lounge was cold. She ain't gonna complain, y'all.",
    "I told him: let's go. You can't say nothin' about it, c'mon! It gets worse; he got ill. Gotta go.",
    "  \n\nThe manager's   report -- 3 May 2024 -- was\tsent to the GP and to DC R. Marsh.\n",
    "", " ",
]


@pytest.mark.parametrize("parser", [False, True])
def test_lookup_rules_match_the_matcher_token_for_token(parser: bool):
    exclude = [] if parser else ["parser"]
    spacy_own, indexed = spacy.load(DEFAULT_MODEL, exclude=exclude), spacy.load(DEFAULT_MODEL, exclude=exclude)
    index_attribute_rules(indexed.get_pipe("attribute_ruler"))
    own_ruler, our_ruler = spacy_own.get_pipe("attribute_ruler"), indexed.get_pipe("attribute_ruler")
    for text in TEXTS:
        doc = spacy_own.make_doc(text)
        for name, pipe in spacy_own.pipeline:
            if name == "attribute_ruler":
                break
            doc = pipe(doc)
        assert our_ruler.match(doc) == own_ruler.match(doc)  # the same rules at the same tokens, in order
    for a, b in zip(spacy_own.pipe(TEXTS), indexed.pipe(TEXTS)):
        assert [(t.pos_, t.tag_, str(t.morph), t.lemma_) for t in a] == \
            [(t.pos_, t.tag_, str(t.morph), t.lemma_) for t in b]
    assert any(t.lemma_ == "go" for t in indexed(TEXTS[0]))  # 'gonna': a two-token rule still applies
