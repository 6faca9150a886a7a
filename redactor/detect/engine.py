"""The Presidio AnalyzerEngine set-up: spaCy loaded from an installed package (never downloaded),
the UK recognizers, and the Presidio recognizers that find personal data without reaching the
network (Presidio's e-mail and URL recognizers call tldextract, which fetches a suffix list: they
are not used)."""
from __future__ import annotations

import bisect
import json
import re
import unicodedata
import warnings
from typing import Any, Callable, Iterable

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import (CreditCardRecognizer, IbanRecognizer,
                                                      SpacyRecognizer, UsSsnRecognizer)

from redactor.core import Finding, RefusedError
from redactor.detect.attributes import index_attribute_rules
from redactor.detect.names import (drop_abbreviations, drop_case_guesses, filter_person_findings, join_broken_names,
                                   listed_names, named_organisations, outside, propagate)
from redactor.detect.recase import english_words, mixed_case_view
from redactor.models.settings import DEFAULT_MODEL, TRAINED_NER, TRAINED_SUFFIX, model_is_installed
from redactor.recognizers import uk_recognizers
from redactor.recognizers.ip_address import UkIpRecognizer

#: Entity types reported, with what each catches (``redact --list-entities``).
ENTITIES: dict[str, str] = {
    "PERSON": "people's names: spaCy's NER plus titles, form fields, sign-offs, name lexicons, and every "
              "later mention of a name already found",
    "INITIALS": "2-3 capitals standing for a person (staff member AB, Jane Doe (JD), a column of initials)",
    "NHS_NUMBER": "ten digits in any grouping that pass the NHS modulus-11 check",
    "NI_NUMBER": "National Insurance numbers under HMRC's prefix rules, spaced or not",
    "DATE_OF_BIRTH": "dates given as a birth date (DOB, born, b., a DOB column, an age statement); "
                     "other dates are kept",
    "PHONE_NUMBER": "UK national and +44 numbers, North American and other international numbers",
    "EMAIL_ADDRESS": "e-mail addresses",
    "ADDRESS": "UK street addresses (flat, house number, street and suffix, town) and Address: fields",
    "POSTCODE": "UK postcodes with a real postcode area",
    "NMC_PIN": "Nursing and Midwifery Council PINs (12A3456E)",
    "GMC_NUMBER": "General Medical Council numbers (seven digits next to 'GMC')",
    "HOSPITAL_NUMBER": "hospital, medical-record, client or case numbers introduced by their label",
    "STAFF_NUMBER": "employee, payroll, personnel, DBS certificate or badge numbers introduced by their label",
    "VEHICLE_REGISTRATION": "UK number plates (current format checked; older formats next to 'registration', "
                            "'vehicle' or alone as a field's value)",
    "UK_DRIVING_LICENCE": "DVLA driving licence numbers, with the birth date inside them checked",
    "BANK_ACCOUNT": "sort codes and account numbers introduced by their label",
    "UK_TAX_REFERENCE": "HMRC temporary reference numbers (11A 12345) next to a word about tax, PAYE or the TRN",
    "SOCIAL_MEDIA": "social media profile links (facebook.com/...) and @handles",
    "CREDIT_CARD": "payment card numbers passing the Luhn check (Presidio)",
    "IBAN_CODE": "international bank account numbers (Presidio)",
    "IP_ADDRESS": "IPv4 and IPv6 addresses (Presidio)",
    "UK_PASSPORT": "UK passport numbers: nine digits next to 'passport', two letters and seven next to it or "
                   "alone as a field's value",
    "US_SSN": "US social security numbers (Presidio)",
    "DENY_LIST": "terms from the --deny file, always redacted",
    "FACE": "faces in scans and images (OpenCV's frontal-face detector), listed with page and box and painted "
            "out; kept, like names, by the police and safeguarding profiles",
    "UNREADABLE": "ink in scans OCR could not read as confident words (handwriting, signatures, stamps), listed "
                  "with page and box; painted out with --redact-unreadable and by the public profile",
}

#: spaCy's PERSON label is the only NER output used; places and organisations are kept.
#: Its score (0.75) sits below the UK recognizers' pattern scores, so where both find the same
#: span the better-informed one is kept (Presidio keeps one of two identical spans).
_NER_CONFIG = NerModelConfiguration(model_to_presidio_entity_mapping={"PERSON": "PERSON", "PER": "PERSON"},
                                    low_score_entity_names=[], labels_to_ignore=["ORG", "GPE", "LOC", "DATE", "TIME", "NORP", "FAC", "CARDINAL",
                                                      "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LAW",
                                                      "WORK_OF_ART", "EVENT", "PRODUCT", "LANGUAGE"],
                                    default_score=0.75)
#: Texts longer than this are analysed in pieces cut at line breaks: spaCy's memory grows with the
#: length of what it parses (peak 820 MB with 100k-character pieces, 490 MB with 25k; benchmarks/memory.py).
CHUNK_CHARS = 25_000
#: At most this much text is parsed ahead in one batch (:meth:`Detector.parse_ahead`): a parse
#: holds its tokens' vectors, some hundreds of bytes a character.
PARSE_AHEAD_CHARS = 200_000


class _InstalledSpacyEngine(SpacyNlpEngine):
    """Presidio's spaCy engine, minus its habit of downloading a missing model."""

    def load(self) -> None:
        name = self.models[0]["model_name"]
        if not model_is_installed(name):
            raise RefusedError(f"spaCy model '{name}' is not installed (nothing is downloaded at run time); "
                               f"install its package or pass --model with an installed one")
        with warnings.catch_warnings():
            # W095: en_core_web_md 3.7.1 (the newest on PyPI) was trained with spaCy 3.7; it loads and
            # runs under 3.8, and the scores in the README were measured that way.
            warnings.filterwarnings("ignore", message=r"\[W095\]")
            # The dependency parser is the costliest component and only sentence boundaries are
            # needed (flags): the pipeline's own sentence recognizer does that at a fraction of the cost.
            nlp = spacy.load(name.removesuffix(TRAINED_SUFFIX), exclude=["parser"])
            if "senter" in nlp.disabled:
                nlp.enable_pipe("senter")
            if "attribute_ruler" in nlp.pipe_names:
                index_attribute_rules(nlp.get_pipe("attribute_ruler"))
        if name.endswith(TRAINED_SUFFIX) and not trained_ner(nlp):
            raise RefusedError(f"the trained name finder (models/ner) was not trained from "
                               f"'{name.removesuffix(TRAINED_SUFFIX)}': use {DEFAULT_MODEL}{TRAINED_SUFFIX}")
        self.nlp = {"en": nlp}


def trained_ner(nlp: spacy.Language) -> bool:
    """Put the name finder trained by models/train.py in place of ``nlp``'s own recognizer, when
    it was trained from this very model (weights fitted to another model's vectors would misread)."""
    about = TRAINED_NER / "trained.json"
    if not about.is_file() or json.loads(about.read_text(encoding="utf-8"))["base"] != \
            f"{nlp.meta['name']}-{nlp.meta['version']}":
        return False
    nlp.get_pipe("ner").from_disk(TRAINED_NER, exclude=["vocab"])
    return True


def build_analyzer(model: str = DEFAULT_MODEL) -> AnalyzerEngine:
    """An AnalyzerEngine with the UK recognizers, spaCy ``model`` and no network access."""
    nlp_engine = _InstalledSpacyEngine(models=[{"lang_code": "en", "model_name": model}],
                                       ner_model_configuration=_NER_CONFIG)
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    for recognizer in [SpacyRecognizer(supported_entities=["PERSON"]),
                       CreditCardRecognizer(), IbanRecognizer(), UkIpRecognizer(),
                       UsSsnRecognizer(), *uk_recognizers()]:
        registry.add_recognizer(recognizer)
    # context words lift a weak pattern (a bare 7-digit number next to "GMC") over the threshold
    enhancer = _IndexedContextEnhancer(context_similarity_factor=0.35, min_score_with_context_similarity=0.6,
                                         context_prefix_count=5, context_suffix_count=2)
    return _Analyzer(nlp_engine=nlp_engine, registry=registry, supported_languages=["en"],
                     context_aware_enhancer=enhancer)


class _Analyzer(AnalyzerEngine):
    """Presidio's engine with a fixed choice between two identical results (same type, span and
    score). Presidio keeps the first, and the order of its recognizers follows a set, which
    changes with Python's hash seed: 'Ward Boase' was credited to spaCy in one run and to the
    name rules in the next, and the place filter, which trusts the rules' reason and not
    spaCy's guess, dropped it in the first. The UK rules come first, then by recognizer name."""

    def _enhance_using_context(self, *args: Any, **kwargs: Any) -> list[RecognizerResult]:
        results = super()._enhance_using_context(*args, **kwargs)
        return sorted(results, key=_rules_first)


def _rules_first(result: RecognizerResult) -> tuple[bool, str]:
    name = (result.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_NAME_KEY, "")
    return name == SpacyRecognizer.__name__, name


class _IndexedContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's context enhancer, finding the token under a match by binary search: Presidio
    walks every token of the document for every match, which is quadratic (30 s on 50 pages)."""

    def enhance_using_context(self, text: str, raw_results: list[RecognizerResult], nlp_artifacts: Any,
                              recognizers: list[Any], context: list[str] | None = None) -> list[RecognizerResult]:
        """Only results from recognizers with context words can change. Presidio deep-copies every
        result first (4% of a scan, most of them names): the others pass through untouched, in order."""
        with_context = {r.id for r in recognizers if r.context}
        key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
        needs = [(r.recognition_metadata or {}).get(key) in with_context for r in raw_results]
        enhanced = iter(super().enhance_using_context(text, [r for r, n in zip(raw_results, needs) if n],
                                                      nlp_artifacts, recognizers, context))
        return [next(enhanced) if n else r for r, n in zip(raw_results, needs)]

    @staticmethod
    def _find_index_of_match_token(word: str, start: int, tokens: Any, tokens_indices: list[int]) -> int:
        i = max(0, bisect.bisect_right(tokens_indices, start) - 1)
        if i < len(tokens_indices) and start >= tokens_indices[i] + len(tokens[i]):
            i += 1  # the match starts in the space after a token: take the next one, as Presidio does
        if i >= len(tokens_indices):
            raise ValueError("a match lies outside the document's tokens")
        return i


class Detector:
    """Finds candidate CPI in text. Every candidate is returned with its score: deciding what to
    redact is the next step's job, so the report can show what was kept and why."""

    def __init__(self, model: str = DEFAULT_MODEL) -> None:
        self.model = model
        self.analyzer = build_analyzer(model)
        # the deny list is matched by the decide step, faces and unread ink by the format handlers
        self.entities = [e for e in ENTITIES if e not in ("DENY_LIST", "FACE", "UNREADABLE")]
        self._parsed: dict[str, Any] = {}
        vocab = self.analyzer.nlp_engine.nlp["en"].vocab
        # a model with word vectors knows English words in lower case ('yesterday'), not most surnames
        self.english_word = (lambda word: vocab.has_vector(word)) if len(vocab.vectors) else None
        self.is_english = english_words(self.analyzer.nlp_engine.nlp["en"])

    def parse_ahead(self, texts: list[str]) -> None:
        """Parse ``texts`` as :meth:`detect` will read them, in one spaCy batch (``nlp.pipe``), and
        keep the parses for the calls that follow; texts past :data:`PARSE_AHEAD_CHARS` in all are
        parsed when detected. An empty list forgets what was kept."""
        chunks: list[str] = []
        room = PARSE_AHEAD_CHARS
        for text in texts:
            for _, chunk in _chunks(visible(text)[0], CHUNK_CHARS):
                if len(chunk) <= room:
                    chunks.append(chunk)
                    room -= len(chunk)
        self._parsed = dict(self.analyzer.nlp_engine.process_batch(chunks, "en", batch_size=max(1, len(chunks))))

    def detect(self, text: str, on_chunk: Callable[[int, Any], None] | None = None) -> list[Finding]:
        """Findings in ``text``, analysed in chunks. ``on_chunk(offset, doc)`` sees each chunk's
        spaCy Doc (the flags reuse the parse); no Doc is kept, so memory stays flat on long texts.
        Detection reads the text as a person sees it (:func:`visible`): '943\u00a0476\u00a05919' and
        'Phil\u00adippa' are found, and each finding's offsets are mapped back into ``text``."""
        seen, origin = visible(text)
        if seen is text:
            return self._detect(text, on_chunk)
        findings = self._detect(seen, on_chunk)
        for f in findings:
            f.start, f.end = origin[f.start], origin[f.end - 1] + 1
            f.text = text[f.start:f.end]
        return findings

    def _detect(self, text: str, on_chunk: Callable[[int, Any], None] | None) -> list[Finding]:
        findings: list[Finding] = []
        for offset, chunk in _chunks(text, CHUNK_CHARS):
            artifacts = self._parsed.pop(chunk, None) or self.analyzer.nlp_engine.process_text(chunk, "en")
            if on_chunk:
                on_chunk(offset, artifacts.tokens)
            findings += self._analyze(chunk, offset, artifacts, self.entities)
        findings = filter_person_findings(text, findings)
        findings = drop_abbreviations(text, drop_case_guesses(text, findings))
        findings += self._names_in_one_case(text, findings)
        findings = join_broken_names(text, listed_names(text, findings), self.english_word)
        return self.spread(text, findings)

    def _analyze(self, chunk: str, offset: int, artifacts: Any, entities: list[str]) -> list[Finding]:
        """Presidio's results on ``chunk`` (parsed as ``artifacts``) as findings at ``offset``."""
        found = []
        for r in self.analyzer.analyze(chunk, language="en", entities=entities, score_threshold=0.0,
                                       nlp_artifacts=artifacts):
            meta = r.recognition_metadata or {}
            found.append(Finding(r.entity_type, offset + r.start, offset + r.end, chunk[r.start:r.end], float(r.score),
                                 meta.get("recognizer_name", "unknown"), meta.get("why", "")))
        return found

    def _names_in_one_case(self, text: str, findings: list[Finding]) -> list[Finding]:
        """Names in the lines written in capitals, found by reading them again in mixed case
        (:mod:`redactor.detect.recase`), where no name was found already."""
        view = mixed_case_view(text, self.is_english)
        if view is None:
            return []
        found: list[Finding] = []
        for offset, chunk in _chunks(view.text, CHUNK_CHARS):
            found += self._analyze(chunk, offset, self.analyzer.nlp_engine.process_text(chunk, "en"), ["PERSON"])
        taken = [f for f in findings if f.entity_type == "PERSON"]
        out = []
        for f in drop_case_guesses(view.text, filter_person_findings(view.text, found)):
            span = view.back(f.start, f.end)
            if span is None or not view.vouched(f.start, f.end) or any(t.start < span[1] and span[0] < t.end
                                                                         for t in taken):
                continue
            why = f"{f.why}; read in mixed case" if f.why else "read in mixed case"
            out.append(Finding(f.entity_type, span[0], span[1], text[span[0]:span[1]], f.score, f.recognizer, why))
        return out

    def spread(self, text: str, findings: list[Finding], known: list[Finding] | None = None) -> list[Finding]:
        """``findings`` with every other mention in ``text`` of the names and values among them
        and in ``known`` (what other sections of a long text found), outside organisations' names."""
        # names inside 'Sue Ryder' go before propagation, so none spreads from it, and after, so none into it
        organisations = named_organisations(text)
        # a name read inside an e-mail address ('pals' in pals@…) is redacted with it but not spread
        emails = [(f.start, f.end) for f in findings if f.entity_type == "EMAIL_ADDRESS"]
        elsewhere = {id(f) for f in outside(text, findings, emails)}
        in_emails = [f for f in findings if id(f) not in elsewhere]
        spread = propagate(text, outside(text, findings, organisations + emails), known or [], self.english_word)
        return outside(text, spread + in_emails, organisations)


#: Spaces that look like a space (no-break, narrow, thin, figure...) read as one; characters that
#: show nothing inside a word (soft hyphen, zero-width space and joiners, word joiner, BOM) are
#: left out of what detection reads.
_SPACES = str.maketrans(dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                                               "\u2009\u200a\u202f\u205f\u3000"), " "))
_HIDDEN = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e]")


#: Letters written as something else that reads the same: ligatures ('ﬃ'), full-width forms
#: ('Ｊａｎｅ'), mathematical letters ('𝐉𝐚𝐧𝐞'), read as their compatibility form (NFKC); a dotted capital
#: I ('İbrahim') as I, since lower-casing it gives 'i' and a combining dot no lexicon holds.
_COMPATIBLE = re.compile("[\ufb00-\ufb4f\uff01-\uff5e\U0001d400-\U0001d7ff\u0130]")


def visible(text: str) -> tuple[str, list[int]]:
    """``text`` as it reads, and for each of its characters the offset it came from in ``text``
    (``text`` itself and an empty list when nothing changes)."""
    spaced = text.translate(_SPACES)
    if not _COMPATIBLE.search(spaced):
        if not _HIDDEN.search(spaced):
            return (text, []) if spaced == text else (spaced, list(range(len(text))))
        origin = [i for i, c in enumerate(spaced) if not _HIDDEN.match(c)]
        return _HIDDEN.sub("", spaced), origin
    out, origin = [], []
    for i, c in enumerate(spaced):
        if _HIDDEN.match(c):
            continue
        read = ("I" if c == "\u0130" else unicodedata.normalize("NFKC", c)) if _COMPATIBLE.match(c) else c
        out.append(read)
        origin += [i] * len(read)
    return "".join(out), origin


def _chunks(text: str, size: int) -> Iterable[tuple[int, str]]:
    """Pieces of at most ~``size`` characters, cut after a line break where there is one."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            end = cut + 1 if cut > 0 else end
        yield start, text[start:end]
        start = end
