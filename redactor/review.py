"""The reviewer's work on a run, kept so that nothing is lost: every change (a finding kept or
redacted, a person decided, a value added, an undo) is appended to ``review-history.jsonl`` in
the run folder and flushed to disk before the page is told it is saved, so closing the browser
or a crash loses nothing and reopening continues. The decisions are that history replayed.

Documents are keyed by their SHA-256 and found again by their path relative to the run folder
(recorded by the run in ``summary.json``), so the run folder can move with its inputs. A
document that changed since the scan is shown as changed and cannot be applied.

Applying writes verified copies through the same pipeline as ``redact apply`` into a new
``reviewed-<time>`` folder of the run (nothing of the run is replaced) and records the
disclosure in the log.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from redactor.core import Finding
from redactor.decide import SOURCE_REASON
from redactor.decisions import occurrences, sha256
from redactor.files import REVIEW_HISTORY, private_dir, shown
from redactor.models.settings import lexicon
from redactor.styles import Pseudonyms

HISTORY = REVIEW_HISTORY
DECISIONS = ("redact", "keep")
SCOPES = ("here", "document", "run")
#: Findings of these types are people: the people view groups their mentions.
PERSONAL = ("PERSON", "INITIALS")


class ReviewError(ValueError):
    """A change the review cannot make (unknown document, finding or value): the message names
    what, for the reviewer's own page; it is never logged."""


@dataclass
class ReviewDocument:
    """One document of the run as the review sees it."""

    index: int
    name: str
    status: str
    message: str
    report: dict[str, Any] | None
    path: Path | None  # the input, found again and checked by SHA-256; None if missing or changed
    problem: str = ""

    @property
    def sha(self) -> str:
        return (self.report or {}).get("sha256", "")

    @property
    def findings(self) -> list[dict[str, Any]]:
        return (self.report or {}).get("findings", [])


@dataclass
class Review:
    """A run folder under review: its documents, people and the reviewer's decisions."""

    outdir: Path
    documents: list[ReviewDocument] = field(default_factory=list)
    _ops: list[dict[str, Any]] = field(default_factory=list)
    _people: dict[tuple[str, int], str] = field(default_factory=dict)  # (sha, finding index) -> person
    _uncertain: set[tuple[str, int]] = field(default_factory=set)
    _read: tuple[int, Any] = (-1, None)  # the last PDF read for its pictures

    @classmethod
    def open(cls, outdir: str | Path) -> "Review":
        """Load the run in ``outdir`` (a folder a ``redact`` run wrote) and the review so far."""
        outdir = Path(outdir).resolve()
        summary_path = outdir / "summary.json"
        if not summary_path.is_file():
            raise ReviewError("no summary.json here: give the folder a redact run wrote (-o)")
        summary = json.loads(summary_path.read_text(encoding="utf-8"))
        review = cls(outdir)
        for i, entry in enumerate(summary.get("files", [])):
            review.documents.append(_document(outdir, i, entry))
        review._group_people()
        review._ops = _read_history(outdir / HISTORY)
        return review

    # ------------------------------------------------------------------ reading
    def document(self, index: int) -> ReviewDocument:
        if not 0 <= index < len(self.documents):
            raise ReviewError("no such document in this run")
        return self.documents[index]

    def text_of(self, index: int) -> str:
        """The document's text as the run read it (offsets of findings point into it)."""
        from redactor.formats import handler_for
        doc = self.document(index)
        if doc.path is None:
            raise ReviewError(doc.problem or "the document cannot be shown")
        handler = handler_for(doc.path)
        return handler.read(doc.path).text

    def redacted_spans(self, index: int, text: str) -> list[tuple[int, int]]:
        """Where the text will be redacted under the decisions in force: the findings to redact
        and the values the reviewer added."""
        doc = self.document(index)
        spans = [(f["start"], f["end"]) for f, decision in zip(doc.findings, self.decisions(doc)) if decision == "redact"]
        return sorted(spans + [(start, end) for start, end, _ in self.added_spans(index, text)])

    def added_for(self, index: int) -> list[dict[str, Any]]:
        """The values the reviewer added for this document or for the whole run."""
        sha = self.document(index).sha
        return [op for op in self.added() if op["scope"] == "run" or op["doc"] == sha]

    def added_spans(self, index: int, text: str) -> list[tuple[int, int, str]]:
        """Where the values the reviewer added for this document lie in its ``text``, with their type."""
        spans = []
        for op in self.added_for(index):
            found = [(op["start"], op["start"] + len(op["text"]))] if op["scope"] == "here" \
                else occurrences(text, op["text"])
            spans += [(start, end, op["entity_type"]) for start, end in found]
        return spans

    def pdf_pages(self, index: int) -> list[dict[str, Any]]:
        """Each page of a PDF document with the boxes the copy will have on it (quads in page
        space) and the page's visible area, for drawing them over its picture."""
        from redactor.core import Replacement
        from redactor.formats import pdf, scan
        doc = self.document(index)
        if doc.path is None or doc.path.suffix.lower() != ".pdf":
            raise ReviewError("pictures of pages are made for PDF documents only")
        if self._read[0] != index:  # reading a PDF (OCR for a scan) is slow: the last one is kept
            self._read = (index, pdf.read(doc.path))
        read = self._read[1]
        spans = self.redacted_spans(index, read.text)
        if isinstance(read.handle, scan.Pages):  # a scan: the boxes painted into its pixels, in points
            painted = scan.boxes_to_paint(read, [Replacement(a, b, "", "") for a, b in spans])
            return [{"page": n, "left": 0.0, "bottom": 0.0, "width": page.size[0], "height": page.size[1], "rotate": 0,
                     "boxes": [_flipped((x0, y0, x1, y1), 72 / page.dpi, page.size[1]) for x0, y0, x1, y1
                               in painted.get(n, [])]}
                    for n, page in enumerate(read.handle.pages) if page.size]
        boxes = pdf.boxes(read, spans)
        pages = []
        for n, page in enumerate(read.handle.writer.pages):
            box = page.cropbox
            pages.append({"page": n, "left": float(box.left), "bottom": float(box.bottom), "width": float(box.width),
                          "height": float(box.height), "rotate": int(page.get("/Rotate", 0) or 0),
                          "boxes": [list(q) for q in boxes.get(n, [])]})
        return pages

    def page_picture(self, index: int, page: int, scale: float = 1.5) -> bytes:
        """A PNG of one page of a PDF document, rendered here (PDFium), never by a browser plug-in."""
        import io
        import pypdfium2
        doc = self.document(index)
        if doc.path is None or doc.path.suffix.lower() != ".pdf":
            raise ReviewError("pictures of pages are made for PDF documents only")
        pdf = pypdfium2.PdfDocument(str(doc.path))
        try:
            if not 0 <= page < len(pdf):
                raise ReviewError("no such page")
            image = pdf[page].render(scale=scale, may_draw_forms=False).to_pil()
            out = io.BytesIO()
            image.save(out, format="PNG")
            return out.getvalue()
        finally:
            pdf.close()

    def decisions(self, doc: ReviewDocument) -> list[str]:
        """The decision in force for each finding of ``doc``: the tool's, unless the reviewer
        changed it, for the finding or for its person (the later change wins). The history is
        replayed once per document, not once per finding."""
        by_span: dict[tuple[int, int], tuple[int, str]] = {}
        by_person: dict[str, tuple[int, str]] = {}
        for i, op in enumerate(self._effective()):
            if op["op"] == "finding" and op["doc"] == doc.sha:
                by_span[(op["start"], op["end"])] = (i, op["decision"])
            elif op["op"] == "person":
                by_person[op["person"]] = (i, op["decision"])
        decided = []
        for n, f in enumerate(doc.findings):
            person = self._people.get((doc.sha, n))
            changes = [c for c in (by_span.get((f["start"], f["end"])), by_person.get(person or "")) if c]
            decided.append(max(changes)[1] if changes else f["action"])
        return decided

    def decision(self, doc: ReviewDocument, n: int) -> str:
        return self.decisions(doc)[n]

    def person_of(self, doc: ReviewDocument, n: int) -> str | None:
        return self._people.get((doc.sha, n))

    def uncertain(self, doc: ReviewDocument, n: int) -> bool:
        return (doc.sha, n) in self._uncertain

    def people(self) -> list[dict[str, Any]]:
        """Each distinct person across the run (after name propagation), with every mention and
        the decision for them all when one was made."""
        by_person: dict[str, dict[str, Any]] = {}
        for doc in self.documents:
            decided = self.decisions(doc)
            for n, f in enumerate(doc.findings):
                person = self._people.get((doc.sha, n))
                if person is None:
                    continue
                entry = by_person.setdefault(person, {"person": person, "names": [], "mentions": [], "decision": None,
                                                      "roles": []})
                if f["text"] not in entry["names"]:
                    entry["names"].append(f["text"])
                entry["roles"] += [r for r in _roles(f) if r not in entry["roles"]]
                entry["mentions"].append({"document": doc.index, "finding": n, "text": f["text"],
                                          "context": f.get("context", ""), "decision": decided[n],
                                          "uncertain": (doc.sha, n) in self._uncertain})
        for op in self._effective():
            if op["op"] == "person" and op["person"] in by_person:
                by_person[op["person"]]["decision"] = op["decision"]
        return sorted(by_person.values(), key=lambda p: -len(p["mentions"]))

    def added(self) -> list[dict[str, Any]]:
        """Values the reviewer added, in the order added."""
        return [op for op in self._effective() if op["op"] == "add"]

    # ------------------------------------------------------------------ changing
    def decide(self, index: int, n: int, decision: str) -> None:
        doc = self.document(index)
        if decision not in DECISIONS:
            raise ReviewError("a decision is 'redact' or 'keep'")
        if not 0 <= n < len(doc.findings):
            raise ReviewError("no such finding in this document")
        f = doc.findings[n]
        self._append({"op": "finding", "doc": doc.sha, "start": f["start"], "end": f["end"], "decision": decision})

    def decide_person(self, person: str, decision: str) -> None:
        if decision not in DECISIONS:
            raise ReviewError("a decision is 'redact' or 'keep'")
        if person not in set(self._people.values()):
            raise ReviewError("no such person in this run")
        self._append({"op": "person", "person": person, "decision": decision})

    def add(self, index: int, text: str, scope: str = "document", start: int | None = None,
            entity_type: str = "") -> None:
        """Redact ``text`` the reviewer selected: at ``start`` only (``here``), wherever it occurs
        in this document, or in every document of the run. It must occur in the document."""
        doc = self.document(index)
        if scope not in SCOPES:
            raise ReviewError("scope is 'here', 'document' or 'run'")
        if not text.strip():
            raise ReviewError("nothing selected")
        if entity_type and not re.fullmatch(r"[A-Z][A-Z_]{1,40}", entity_type):
            raise ReviewError("a type is written in capitals, like PERSON")
        body = self.text_of(index)
        if scope == "here":
            if start is None or body[start:start + len(text)] != text:
                raise ReviewError("the selection does not match the document's text at its place")
        elif not occurrences(body, text):
            raise ReviewError("the text does not occur in this document")
        self._append({"op": "add", "doc": doc.sha, "text": text, "scope": scope, "start": start if scope == "here"
                      else None, "entity_type": entity_type})

    def undo(self) -> bool:
        """Take back the last change still in force; False when there is none."""
        if not self._effective():
            return False
        self._append({"op": "undo"})
        return True

    def _append(self, op: dict[str, Any]) -> None:
        op = {**op, "at": datetime.now().isoformat(timespec="seconds")}
        line = json.dumps(op, ensure_ascii=False) + "\n"
        fd = os.open(self.outdir / HISTORY, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        self._ops.append(op)

    def _effective(self) -> list[dict[str, Any]]:
        """The history with undone changes taken out."""
        stack: list[dict[str, Any]] = []
        for op in self._ops:
            if op["op"] == "undo":
                if stack:
                    stack.pop()
            else:
                stack.append(op)
        return stack

    # ------------------------------------------------------------------ applying
    def rows(self, index: int) -> list[dict[str, str]]:
        """The decisions for one document as ``redact apply`` takes them: every finding with the
        decision in force, and the values the reviewer added for it or for the whole run."""
        doc = self.document(index)
        file = shown(doc.path) if doc.path else doc.name
        rows = []
        for f, decision in zip(doc.findings, self.decisions(doc)):
            rows.append({"file": file, "sha256": doc.sha, "entity_type": f["entity_type"], "text": f["text"],
                         "start": str(f["start"]), "end": str(f["end"]), "score": str(f["score"]),
                         "decision": decision, "note": "" if decision == "redact"
                         else (f.get("reason") or "kept by the reviewer")})
        for op in self.added_for(index):
            here = op["scope"] == "here"
            rows.append({"file": file, "sha256": doc.sha, "entity_type": op["entity_type"] or "REDACTED",
                         "text": op["text"], "start": str(op["start"]) if here else "",
                         "end": str(op["start"] + len(op["text"])) if here else "", "score": "1.0",
                         "decision": "redact", "note": "added by the reviewer"})
        return rows

    def applicable(self) -> list[ReviewDocument]:
        """The documents a copy can be made of: scanned or redacted, and unchanged since."""
        return [d for d in self.documents if d.report and d.path is not None and d.status in ("redacted", "scanned")]

    def new_output_folder(self) -> Path:
        """A folder for the reviewed copies that no run or earlier apply has used."""
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
        for n in range(1000):
            folder = self.outdir / f"reviewed-{stamp}{f'-{n}' if n else ''}"
            if not folder.exists():
                return private_dir(folder)
        raise ReviewError("no free name for the reviewed copies' folder")

    # ------------------------------------------------------------------ people
    def _group_people(self) -> None:
        """One stand-in per person across the run, as the pseudonym style gives them: a full
        name and its surname alone are one person; a surname that fits two is uncertain."""
        pseudonyms = Pseudonyms()
        per_doc = []
        for doc in self.documents:
            found = [(n, _finding(f)) for n, f in enumerate(doc.findings) if f["entity_type"] in PERSONAL]
            pseudonyms.register([f for _, f in found])
            per_doc.append((doc, found))
        for doc, found in per_doc:
            for n, f in found:
                self._people[(doc.sha, n)] = pseudonyms.for_finding(f)
                if pseudonyms.uncertain(f):
                    self._uncertain.add((doc.sha, n))


def _flipped(box: tuple[int, int, int, int], k: float, height: float) -> list[float]:
    """A pixel box (origin top left) as a quad in page space (points, origin bottom left)."""
    x0, y0, x1, y1 = box
    return [x0 * k, height - y1 * k, x1 * k, height - y1 * k, x1 * k, height - y0 * k, x0 * k, height - y0 * k]


def _roles(f: dict[str, Any]) -> list[str]:
    """What the words just before a mention say the person is ('her daughter', 'the manager'),
    and whether the tool took them for the source of a complaint."""
    roles = ["source (complainant or whistleblower)"] if f.get("reason") == SOURCE_REASON else []
    context, text = f.get("context", ""), " ".join(f["text"].split())
    before = context[:context.find(text)] if text in context else ""
    words = lexicon("relations") | lexicon("person_nouns")
    for word in re.findall(r"[A-Za-z]+", before)[-3:]:
        word = word.lower()
        role = word if word in words else word[:-1] if word.endswith("s") and word[:-1] in words else None
        if role and role not in roles:
            roles.append(role)
    return roles


def _finding(f: dict[str, Any]) -> Finding:
    return Finding(f["entity_type"], f["start"], f["end"], f["text"], f["score"], f.get("recognizer", ""))


def _document(outdir: Path, index: int, entry: dict[str, Any]) -> ReviewDocument:
    report = _report(outdir, entry) if entry.get("report") else None
    doc = ReviewDocument(index, Path(entry["file"]).name, entry["status"], entry.get("message", ""), report, None)
    if report is None:
        doc.problem = "no report for this document"
        return doc
    for candidate in _candidates(outdir, entry):
        try:
            if candidate.is_file() and sha256(candidate) == doc.sha:
                doc.path = candidate
                return doc
        except OSError:
            continue
    doc.problem = "the input is not where the run found it, or it changed since the scan (SHA-256 differs)"
    return doc


def _report(outdir: Path, entry: dict[str, Any]) -> dict[str, Any] | None:
    """The file's report, found in the run folder whatever absolute path the run recorded."""
    candidates = [outdir / entry["report_from_run"]] if entry.get("report_from_run") else []
    for candidate in candidates + [Path(entry["report"])]:
        try:
            return json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    return None


def _candidates(outdir: Path, entry: dict[str, Any]) -> list[Path]:
    found = []
    if entry.get("from_run"):
        found.append((outdir / entry["from_run"]).resolve())
    found.append(Path(entry["file"]).resolve())
    return found


def _read_history(path: Path) -> list[dict[str, Any]]:
    """The changes so far; a last line cut short by a crash is ignored (it was never confirmed)."""
    if not path.exists():
        return []
    ops = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            op = json.loads(line)
        except ValueError:
            continue
        if isinstance(op, dict) and op.get("op") in ("finding", "person", "add", "undo"):
            ops.append(op)
    return ops
