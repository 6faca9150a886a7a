"""The pipeline for one file: read -> detect -> decide -> write the copy -> verify -> report.

A copy is only ever left under its final name after the leak check has passed; a copy that
fails is deleted and the outcome says so.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import multiprocessing
import os
import pickle
import re
import signal
import threading
import time
import traceback
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterable, Iterator

from redactor import report, workers
from redactor.core import Finding, Outcome, ReadOptions, RefusedError, Replacement
from redactor import decisions as decisions_module
from redactor.decide import Policy, decide
from redactor.detect.engine import Detector
from redactor.detect.names import is_source
from redactor.files import check_input, open_private, private_dir, private_temp, settle, shown, spool_dir
from redactor.flags import Flag, bulk, find_flags, flags_in_chunk, source_spans
from redactor.formats import copy_suffix, handler_for, handlers
from redactor.formats.base import Document, apply_replacements, leaked_values
from redactor.look_here import Look, look_here, ranked
from redactor.styles import Pseudonyms, replacement_text
from redactor.verify import verify, verify_text

CONTEXT_CHARS = 40
#: Who found each kind of value a format handler marks.
_MARKED_BY = {"FACE": "face detector (OpenCV Haar cascade)", "UNREADABLE": "ink left unread by OCR"}


class Redactor:
    """Holds what is costly to build (the spaCy model) and what must be shared across the files
    of one run (pseudonyms), and runs the pipeline on texts and files."""

    def __init__(self, policy: Policy | None = None, model: str | None = None,
                 detector: Detector | None = None, options: ReadOptions | None = None) -> None:
        self.policy = policy or Policy()
        self.options = dataclasses.replace(options or ReadOptions(),
                                           keep_comments=self.policy.keep_comments or bool(options and options.keep_comments))
        self.detector = detector or (Detector(model) if model else Detector())
        self.pseudonyms = Pseudonyms()
        #: processes detecting a long text's sections (a run sets it when files go one at a time)
        self.section_jobs = 1
        #: documents read by :meth:`redact_batch` ahead of their turn (or the time limit one hit),
        #: and the seconds each read took (they count against the file's --timeout)
        self._ahead: dict[Path, Document | _TimeLimit] = {}
        self._read_seconds: dict[Path, float] = {}

    # ------------------------------------------------------------------ text
    def scan_text(self, text: str, units: list[tuple[int, str]] | None = None) -> list[Finding]:
        """Findings in ``text``, each marked redact or keep with a reason, location and context."""
        return self.scan(text, units)[0]

    def scan(self, text: str, units: list[tuple[int, str]] | None = None,
             marks: Iterable[tuple[int, int, str]] = ()) -> tuple[list[Finding], list[Flag]]:
        """Findings and flags (advice on small groups, special categories, sources, markings).
        ``marks`` are values the format's handler found outside the text (faces), decided as the
        detector's findings are."""
        chunk_flags: list[Flag] = []
        candidates = self.detector.detect(text, on_chunk=lambda offset, doc: chunk_flags.extend(
            flags_in_chunk(doc, offset)))
        candidates += [Finding(kind, start, end, text[start:end], 1.0, _MARKED_BY.get(kind, "format handler"))
                       for start, end, kind in marks]
        findings = decide(text, candidates, self.policy, source_spans(chunk_flags))
        doc = Document(path=Path(""), format="txt", text=text, units=units or [])
        _locate(doc, findings)
        flags = find_flags(text, chunk_flags, findings, report.distinct_people(findings))
        for flag in flags:
            flag.location = doc.location(flag.start)
        return findings, flags

    def replacements(self, findings: list[Finding], text: str = "") -> list[Replacement]:
        """What each redacted finding becomes; ``text`` (the document's) tells pseudonyms who is
        whose relation ('their son Thomas Ellis')."""
        redacted = [f for f in findings if f.action == "redact"]
        styles = [self.policy.style_for(f.entity_type) for f in redacted]
        named = self.pseudonyms.stand_ins(redacted, text, [s == "pseudonym" for s in styles]) \
            if self.policy.uses_pseudonyms else [""] * len(redacted)
        return [Replacement(f.start, f.end, name if style == "pseudonym" else replacement_text(f, style, self.pseudonyms),
                            f.entity_type) for f, style, name in zip(redacted, styles, named)]

    def redact_text(self, text: str) -> tuple[str, list[Finding]]:
        findings = self.scan_text(text)
        return apply_replacements(text, self.replacements(findings, text)), findings

    # ------------------------------------------------------------------ files
    def redact_batch(self, files: list[tuple[Path, Path | None, str | None]], *, force: bool = False,
                     scan_only: bool = False) -> Iterator[Outcome]:
        """Each of ``files`` (path, output folder, copy name) as :meth:`redact_file` does it, with
        their texts and names parsed by spaCy in one batch first: ``nlp.pipe`` shares the model's
        fixed cost per call, a fifth of the time on one-page documents. A file that cannot be read
        ahead (refused, too large to hold with the others) is read in its turn and reports why."""
        texts = []
        try:
            for path, outdir, copy_stem in files:
                ahead = self._read_ahead(Path(path), outdir, force)
                if ahead is not None:
                    self._ahead[Path(path)] = ahead
                if isinstance(ahead, Document):
                    texts += [ahead.text] if copy_stem else [ahead.text, _readable(_stem(Path(path)))]
            self.detector.parse_ahead(texts)
            for path, outdir, copy_stem in files:
                yield self.redact_file(path, outdir, force=force, scan_only=scan_only, copy_stem=copy_stem)
        finally:
            self._ahead.clear()
            self._read_seconds.clear()
            self.detector.parse_ahead([])

    def _read_ahead(self, path: Path, outdir: Path | None, force: bool) -> Document | _TimeLimit | None:
        """``path`` read, when it is small, its reports are not in the way and reading succeeds;
        the time limit's interruption when reading took too long (the file is refused in its turn,
        not read twice); else None."""
        handler, start = handler_for(path), time.monotonic()
        try:
            with _time_limit(_time_for(path, self.options.time_limit)):
                size = check_input(path, self.options.max_bytes).st_size
                if handler is None or size > READ_AHEAD_BYTES or (
                        not force and any(p.exists() for p in report_paths(path, outdir or path.parent))):
                    return None
                doc = handler.read(path, self.options)
                self._read_seconds[path] = time.monotonic() - start
                return doc
        except _TimeLimit as e:
            return e
        except Exception:  # noqa: BLE001 - read again in its turn, where the outcome says why
            return None

    def redact_file(self, path: Path, outdir: Path | None = None, *, force: bool = False,
                    scan_only: bool = False, decisions: list[dict[str, str]] | None = None,
                    copy_stem: str | None = None) -> Outcome:
        """Redact one file into ``outdir`` (default: beside it). Never raises for a bad file, nor
        for a bug met on one: the outcome carries the status and a one-line, CPI-free reason, so a
        batch goes on. With ``decisions`` (the reviewer's rows for this file) detection is not
        run: the rows say what is redacted. ``copy_stem`` names the copy (``--rename-outputs``);
        by default the copy is named after the input with any CPI in its name redacted."""
        path = Path(path)
        handler = handler_for(path)
        if handler is None:
            return Outcome(str(path), "skipped", f"unsupported file type '{shown(path.suffix) or '(none)'}'")
        stage = ["checking the input"]
        limit, spent = _time_for(path, self.options.time_limit), self._read_seconds.pop(path, 0.0)
        try:
            with _time_limit(limit and max(limit - spent, 0.001)):  # a read ahead counts against the limit
                return self._redact_file(path, handler, Path(outdir) if outdir else path.parent, force, scan_only,
                                         decisions, copy_stem, stage)
        except _TimeLimit:
            return Outcome(str(path), "refused", f"took longer than {_time_for(path, self.options.time_limit):g} s "
                           "(--timeout): no copy written")
        except RefusedError as e:
            return Outcome(str(path), "refused", str(e))
        except MemoryError:
            return Outcome(str(path), "failed", f"ran out of memory while {stage[-1]} (the per-process limit, "
                           "--max-memory): no copy written")
        except BrokenProcessPool:
            return Outcome(str(path), "failed", f"a worker process died while {stage[-1]} (out of memory or a crash "
                           "in a library): no copy written")
        except RecursionError:
            return Outcome(str(path), "refused", f"nested too deeply to read (while {stage[-1]}): no copy written")
        except OSError as e:
            return Outcome(str(path), "refused", f"cannot read or write while {stage[-1]}: "
                           f"{e.strerror or type(e).__name__}")
        except Exception as e:  # a bug met on this file: the batch goes on, the reason names no document text
            return Outcome(str(path), "failed", f"unexpected {type(e).__name__} while {stage[-1]} ({_where(e)}): "
                           "no copy written; this is a fault in redact, please report it")

    def _redact_file(self, path: Path, handler: ModuleType, outdir: Path, force: bool, scan_only: bool,
                     decisions: list[dict[str, str]] | None, copy_stem: str | None, stage: list[str]) -> Outcome:
        stem = _stem(path)
        out_json, out_md = report_paths(path, outdir)
        size = check_input(path, self.options.max_bytes).st_size
        _refuse_existing([out_json, out_md], path, force)
        if decisions is not None:
            decisions_module.check_unchanged(path, decisions)
        if hasattr(handler, "sections") and size > handler.SECTION_BYTES:
            return self._redact_sections(path, handler, outdir, stem, (out_json, out_md), force, scan_only,
                                         decisions, copy_stem, stage)
        stage.append("reading")
        ahead = self._ahead.pop(path, None)
        if isinstance(ahead, _TimeLimit):
            raise ahead
        doc = ahead if ahead is not None else handler.read(path, self.options)
        stage.append("detecting")
        if decisions is None:
            findings, flags = self.scan(doc.text, doc.units, doc.marks)
        else:
            findings, placed = self._decided(doc, decisions, 0)
            _all_placed(decisions, placed)
            decisions_module.refuse_unmatched(decisions, decisions_module.added_matched(doc.text, decisions))
            flags = []
        name = copy_stem or self._safe_stem(stem, findings)
        out_copy = outdir / f"{name}.redacted{copy_suffix(handler, path.name)}"
        if not scan_only:
            _refuse_existing([out_copy], path, force)
        private_dir(outdir)
        if scan_only:
            stage.append("writing the reports")
            return self._write_reports(doc, findings, flags, False, out_json, out_md,
                                       Outcome(str(path), "scanned", "; ".join(doc.said)), None)
        stage.append("writing the copy")
        tmp = private_temp(outdir, copy_suffix(handler, path.name))
        verified = False
        try:
            replacements = self.replacements(findings, doc.text)
            handler.write(doc, replacements, tmp)
            stage.append("verifying the copy")
            expected = apply_replacements(doc.text, replacements)
            values = [f.text for f in findings if f.action == "redact"]
            problems = _problems(values, expected, handler.copy_texts(tmp, self.options),
                                 verify(doc.format, tmp, expected, values, self.options))
            stage.append("writing the reports")
            if problems:
                outcome = Outcome(str(path), "failed", f"verification failed: {'; '.join(problems)}; no copy written")
                return self._write_reports(doc, findings, flags, False, out_json, out_md, outcome, None)
            outcome = self._write_reports(doc, findings, flags, True, out_json, out_md,
                                          Outcome(str(path), "redacted", "; ".join(doc.said), str(out_copy)),
                                          out_copy.name if name != stem else None)
            verified = True
            return outcome
        finally:  # the copy last: a run stopped before this leaves no copy without its report
            settle(tmp, out_copy if verified else None)

    @staticmethod
    def _decided(doc: Document, rows: list[dict[str, str]], offset: int) -> tuple[list[Finding], int]:
        """The reviewer's decisions for ``doc`` (at ``offset`` in the whole text), located, and how
        many positioned rows fell in it."""
        findings, placed = decisions_module.findings_from(doc.text, rows, offset)
        _locate(doc, findings)
        return findings, placed

    def _redact_sections(self, path: Path, handler: ModuleType, outdir: Path, stem: str, reports: tuple[Path, Path],
                         force: bool, scan_only: bool, decisions: list[dict[str, str]] | None, copy_stem: str | None,
                         stage: list[str]) -> Outcome:
        """A long text, a section at a time, so that memory stays flat however long it is. First
        detection over every section, whose findings wait on disk in a private spool, so that a
        name or value found in one section is redacted in all; then each section is decided,
        written, verified and reported in turn, its findings streamed to the reports."""
        private_dir(outdir)
        with spool_dir(outdir) as spool:
            known: dict[tuple[str, str], Finding] = {}
            if decisions is None:
                stage.append("detecting")
                known = self._detect_sections(path, handler, spool)
            name = copy_stem or self._safe_stem(stem, list(known.values()))
            out_copy = outdir / f"{name}.redacted{copy_suffix(handler, path.name)}"
            if not scan_only:
                _refuse_existing([out_copy], path, force)
            stage.append("writing the copy" if not scan_only else "deciding")
            tally, flags, problems, first, placed, verified = report.Tally(), [], [], None, 0, False
            matched: set[int] = set()
            looks: list[Look] = []
            tmp = None if scan_only else private_temp(outdir, copy_suffix(handler, path.name))
            try:
                with open_private(spool / "findings.jsonl", "w", encoding="utf-8") as rows:
                    for i, (offset, section) in enumerate(handler.sections(path, self.options)):
                        first = first or section
                        if decisions is None:
                            with open(spool / f"{i}.pickle", "rb") as fh:
                                found, chunk_flags = pickle.load(fh)
                            found = decide(section.text, self.detector.spread(section.text, found, list(known.values())),
                                           self.policy, source_spans(chunk_flags))
                            _locate(section, found)
                            flags += self._flags(section, chunk_flags, found, offset, sum(tally.redacted.values())
                                                 + sum(tally.kept.values()))
                            looks += self._shifted(self._looks(section, found)[0], offset)
                        else:
                            found, n = self._decided(section, decisions, offset)
                            placed += n
                            matched |= decisions_module.added_matched(section.text, decisions)
                        if tmp is not None:
                            problems += self._write_section(handler, section, found, tmp)
                        tally.add(found)
                        for f in found:
                            f.start, f.end = f.start + offset, f.end + offset
                            rows.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")
                if decisions is not None:
                    _all_placed(decisions, placed)
                    decisions_module.refuse_unmatched(decisions, matched)
                flags += bulk(tally.people)  # of the whole text: a section's own count is not the document's
                stage.append("writing the reports")
                verified = tmp is not None and not problems
                status = "scanned" if tmp is None else "redacted" if verified else "failed"
                outcome = Outcome(str(path), status, f"verification failed: {'; '.join(sorted(set(problems)))}; "
                                  "no copy written" if problems else "", str(out_copy) if verified else None)
                self._write_reports(first, [], flags, verified, *reports, outcome,
                                    out_copy.name if verified and name != stem else None, tally,
                                    lambda: _spooled(spool / "findings.jsonl"), looks)
                return outcome
            finally:  # the copy last, as for a whole document
                if tmp is not None:
                    settle(tmp, out_copy if verified else None)

    def _detect_sections(self, path: Path, handler: ModuleType, spool: Path) -> dict[tuple[str, str], Finding]:
        """Detection over every section of a long text, each section's findings and flags left in
        ``spool``; returns each name or value found, once, at its best score. Sections are
        independent here, so with ``section_jobs`` > 1 they are detected in that many forked
        processes (sharing the loaded model); results are taken in section order either way."""
        known: dict[tuple[str, str], Finding] = {}

        def take(sources: list[Finding]) -> None:
            for f in sources:
                best = known.setdefault((f.entity_type, f.text), f)
                if f.score > best.score:
                    known[(f.entity_type, f.text)] = f
        work = ((i, section.text, spool) for i, (_, section) in enumerate(handler.sections(path, self.options)))
        if self.section_jobs <= 1:
            for item in work:
                take(_detect_section(self.detector, item))
            return known
        _SECTION_DETECTOR[:] = [self.detector]  # inherited by the forked workers, not pickled
        pool = ProcessPoolExecutor(self.section_jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=workers.become_worker)
        window: deque[Future[list[Finding]]] = deque()
        try:
            for item in work:  # a few sections in flight at once: memory stays flat
                window.append(pool.submit(_detect_section, None, item))
                if len(window) > self.section_jobs:
                    take(window.popleft().result())
            while window:
                take(window.popleft().result())
        finally:
            workers.stop(pool, window)
            _SECTION_DETECTOR.clear()
        return known

    @staticmethod
    def _flags(doc: Document, chunk_flags: list[Flag], findings: list[Finding], offset: int, before: int) -> list[Flag]:
        """A section's flags, placed in the whole text (``offset``) and linked to its findings in
        the whole report (``before`` findings come first); BULK is the whole text's, not here."""
        flags = find_flags(doc.text, chunk_flags, findings, 0)
        for flag in flags:
            flag.location = doc.location(flag.start)
            flag.start, flag.end = flag.start + offset, flag.end + offset
            flag.findings = [i + before for i in flag.findings]
        return flags

    @staticmethod
    def _shifted(looks: list[Look], offset: int) -> list[Look]:
        for look in looks:
            look.start, look.end = look.start + offset, look.end + offset
        return looks

    def _looks(self, doc: Document, findings: list[Finding]) -> tuple[list[Look], int]:
        """The ranked 'look here' list of ``doc``, each entry located."""
        looks, more = ranked(look_here(doc.text, findings, self.detector.english_word))
        for look in looks:
            look.location = doc.location(look.start)
        return looks, more

    def _write_section(self, handler: ModuleType, section: Document, findings: list[Finding], tmp: Path) -> list[str]:
        """Add one section to the copy, read it back and check it as a whole copy is checked."""
        before = tmp.stat().st_size
        written = handler.write(section, self.replacements(findings, section.text), tmp, append=True)
        with open(tmp, "rb") as fh:
            fh.seek(before)
            data = fh.read()
        values = [f.text for f in findings if f.action == "redact"]
        return _problems(values, written, [data.decode("utf-8", "replace")], verify_text(data, written, values))

    def _safe_stem(self, stem: str, findings: list[Finding]) -> str:
        """The input's name with the CPI in it redacted ('Philippa Quarendon referral' ->
        '[PERSON] referral'): the values redacted in the document and what detection finds in the
        name itself, matched as words whatever their case and separators ('philippa_quarendon')."""
        spaced = _spaced(stem)
        values = {(f.text, f.entity_type) for f in findings if f.action == "redact"}
        values |= {(w, f.entity_type) for f in findings if f.action == "redact" and f.entity_type == "PERSON"
                   for w in f.text.split() if len(w) > 2}
        folded = spaced.lower() if spaced.isascii() else None  # in ASCII, ignoring case is lower-casing
        spans = [(m.start(), m.end(), t) for v, t in values if len(v.strip()) > 1
                 and (folded is None or not v.isascii() or v.strip().lower() in folded)  # most values are not in it
                 for m in re.finditer(r"(?<!\w)" + re.escape(v.strip()) + r"(?!\w)", spaced, re.IGNORECASE)]
        if hasattr(self.detector, "detect"):
            spans += [(f.start, f.end, f.entity_type) for f in self.scan_text(_readable(stem)) if f.action == "redact"]
        out, pos = [], 0
        for start, end, entity_type in sorted(spans, key=lambda s: (s[0], -s[1])):
            if start >= pos:
                out += [stem[pos:start], f"[{entity_type}]"]
                pos = end
        return "".join(out + [stem[pos:]])

    def _write_reports(self, doc: Document, findings: list[Finding], flags: list[Flag], verified: bool,
                       out_json: Path, out_md: Path, outcome: Outcome, copy_name: str | None,
                       tally: report.Tally | None = None,
                       spooled: Callable[[], Iterable[dict[str, Any]]] | None = None,
                       looks: list[Look] | None = None) -> Outcome:
        """Both reports. A long text's findings are not in ``findings`` but in a spool
        (``spooled()`` reads them again for each report) and counted in ``tally``, and its
        'look here' list was gathered section by section (``looks``)."""
        settings = {"threshold": self.policy.threshold, "style": self.policy.style, "styles": self.policy.styles,
                    "model": self.detector.model}
        data = report.build(shown(doc.path.name), doc.format, findings, flags, verified=verified,
                            removed=doc.removed, settings=settings, unchecked=doc.unchecked, tally=tally)
        listed, more = self._looks(doc, findings) if looks is None else ranked(looks)
        data["look_here"], data["look_here_more"] = [look.to_dict() for look in listed], more
        data["sha256"] = decisions_module.sha256(doc.path)
        if copy_name:
            data["copy"] = shown(copy_name)
        report.write_json(data, out_json, spooled() if spooled else None)
        report.write_markdown(data, out_md, spooled() if spooled else None)
        outcome.report_json, outcome.report_md = str(out_json), str(out_md)
        outcome.counts = data["summary"]["redacted"]
        outcome.findings = sum(outcome.counts.values())
        return outcome


#: The detector a forked section worker uses (see Redactor._detect_sections).
_SECTION_DETECTOR: list[Detector] = []


def _detect_section(detector: Detector | None, item: tuple[int, str, Path]) -> list[Finding]:
    """Detect one section of a long text, leave its findings and flags in the spool, and return
    the names and values among them that spread to the other sections."""
    i, text, spool = item
    chunk_flags: list[Flag] = []
    found = (detector or _SECTION_DETECTOR[0]).detect(text, on_chunk=lambda offset, doc: chunk_flags.extend(
        flags_in_chunk(doc, offset)))
    with open_private(spool / f"{i}.pickle") as fh:
        pickle.dump((found, chunk_flags), fh)
    return [f for f in found if is_source(f)]


def _problems(values: list[str], expected: str, own: list[str], independent: list[str]) -> list[str]:
    """What stops a copy being kept: a redacted value the tool's own reader still finds in ``own``
    (its readings of the copy) more often than in ``expected``, and what the independent readers
    of :mod:`redactor.verify` found (``independent``). Kinds of place and counts, never text."""
    leaks = leaked_values(values, own, expected)
    return ([f"{len(leaks)} redacted value(s) still readable by the tool's own reader"] if leaks else []) + independent


def _all_placed(rows: list[dict[str, str]], placed: int) -> None:
    if decisions_module.positioned(rows) != placed:
        raise RefusedError("a decision does not match the document's text at its position: scan it again")


def _spooled(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def report_paths(path: Path, outdir: Path) -> tuple[Path, Path]:
    """Where the reports of ``path`` go in ``outdir`` (.report.json, .report.md): named after
    the input, with its extension when another input shares its stem."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    report_stem = f"{stem}{path.suffix.lower()}" if _has_namesake(path) else stem
    return outdir / f"{report_stem}.report.json", outdir / f"{report_stem}.report.md"


def _refuse_existing(outputs: list[Path], path: Path, force: bool) -> None:
    """Never write over the input; over an earlier output only with ``force``."""
    if any(o.resolve() == path.resolve() for o in outputs):
        raise RefusedError("an output would overwrite the input")
    existing = [o for o in outputs if o.exists()]
    if existing and not force:
        raise RefusedError(f"output exists ({shown(existing[0].name)}); use --force to overwrite")


def _where(error: BaseException) -> str:
    """Where in this package an unexpected error was raised ('formats/docx.py:120'): code, never
    the document's text, so it can go in a message."""
    package = Path(__file__).resolve().parent
    place = "outside redact's code"
    for frame in traceback.extract_tb(error.__traceback__):
        file = Path(frame.filename).resolve()
        if package in file.parents or package.parent / "recognizers" in file.parents:
            place = f"{file.relative_to(file.parents[1]) if file.parent != package else file.name}:{frame.lineno}"
    return place


def _locate(doc: Document, findings: list[Finding]) -> None:
    """Fill each finding's location (line, page, cell) and a short context for the report."""
    for f in findings:
        f.location = doc.location(f.start)
        f.context = _context(doc.text, f)


def _context(text: str, f: Finding) -> str:
    left = text[max(0, f.start - CONTEXT_CHARS):f.start]
    right = text[f.end:f.end + CONTEXT_CHARS]
    return " ".join((left + f.text + right).split())


#: Files up to this size are read ahead by :meth:`Redactor.redact_batch`.
READ_AHEAD_BYTES = 256 * 1024


def _stem(path: Path) -> str:
    return path.name[: -len(path.suffix)] if path.suffix else path.name


def _spaced(stem: str) -> str:
    """A file name's separators as spaces; the same length as ``stem``, so offsets carry over."""
    return re.sub(r"[_.+]", " ", stem)


def _readable(stem: str) -> str:
    """A file name as detection reads it: separators as spaces, stray bytes (not UTF-8) as '?'."""
    return re.sub("[\udc80-\udcff]", "?", _spaced(stem))


#: --timeout is for a file of up to this size; a larger one gets proportionally longer, since
#: detection takes time in proportion to the text (a 200 MB text is not hung, it is long).
TIMED_BYTES = 5 * 1024 * 1024


def _time_for(path: Path, seconds: float) -> float:
    try:
        size = os.stat(path).st_size
    except OSError:
        size = 0
    return seconds * max(1.0, size / TIMED_BYTES)


class _TimeLimit(BaseException):
    """Raised by the alarm; a BaseException so that no handler's ``except Exception`` swallows it."""


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (main thread of a Unix process; elsewhere no limit)."""
    if seconds <= 0 or not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(_signum: int, _frame: object) -> None:
        raise _TimeLimit()
    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _has_namesake(path: Path) -> bool:
    """True when a supported file with the same stem sits beside ``path`` (notes.docx and
    notes.pdf): their reports are then named notes.docx.report.json and notes.pdf.report.json."""
    try:
        stamp = path.parent.stat().st_mtime_ns
    except OSError:
        return False
    return _supported_stems(path.parent, stamp).get(path.stem, 0) > 1


@functools.lru_cache(maxsize=64)
def _supported_stems(folder: Path, stamp: int) -> dict[str, int]:
    """How many supported files share each stem in ``folder``; listed once per folder and
    modification time (``stamp``), not once per file (a batch of 500 files listed it 500 times)."""
    counts: dict[str, int] = {}
    try:
        for p in folder.iterdir():
            if p.suffix.lower() in handlers():
                counts[p.stem] = counts.get(p.stem, 0) + 1
    except OSError:
        pass
    return counts
