"""The reviewer's decisions file: one CSV row per finding (opens in Excel), with a ``decision``
column (redact / keep) and a ``note``. A reviewer may add rows with only ``file``, ``text`` and
``decision`` = redact: that text is then redacted wherever it occurs in that document.

``redact apply`` re-creates copies from these rows without running detection, after checking
that each document is the one scanned (same SHA-256) and that every row's text is still where
the row says it is.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path
from typing import Iterator

from redactor.core import Finding, RefusedError
from redactor.files import shown
from redactor.report import Loaded

COLUMNS = ["file", "sha256", "entity_type", "text", "start", "end", "score", "location", "context", "decision",
           "note"]


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


#: A spreadsheet reads a cell starting with one of these as a formula ('=HYPERLINK(...)' taken
#: from a document would run in the reviewer's Excel).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_rows(reports: Loaded) -> Iterator[str]:
    """Rows for every finding of every report in the run, decision pre-filled with the tool's,
    as pieces of text (a run's findings are never one string). Starts with a byte-order mark, so
    that Excel reads UTF-8; a cell a spreadsheet would take for a formula is neutralised with a
    leading apostrophe (OWASP's advice), which :func:`read_csv` removes again."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    out.write("\ufeff")
    writer.writeheader()
    for o, data in reports:
        for finding in (data or {}).get("findings", []):
            row = {"file": shown(Path(o.source).resolve()), "sha256": (data or {}).get("sha256", ""),
                   **{k: finding[k] for k in ("entity_type", "text", "start", "end", "score", "location", "context")},
                   "decision": finding["action"], "note": finding["reason"]}
            writer.writerow({k: _neutral(v) for k, v in row.items()})
            if out.tell() > 1 << 20:
                yield out.getvalue()
                out.seek(0)
                out.truncate()
    yield out.getvalue()


def _neutral(value: object) -> object:
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def _restored(value: str | None) -> str | None:
    return value[1:] if value and value.startswith("'") and value[1:].startswith(FORMULA_START) else value


def read_csv(path: Path) -> dict[str, list[dict[str, str]]]:
    """Rows grouped by file (resolved path). Raises ValueError on a malformed file; the message
    names the line and the column, never a cell's value (the cells hold CPI)."""
    rows: dict[str, list[dict[str, str]]] = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        missing = {"file", "text", "decision"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"decisions file lacks column(s): {', '.join(sorted(missing))}")
        for n, row in enumerate(reader, start=2):
            if None in row or None in row.values():
                raise ValueError(f"line {n}: not as many cells as columns")
            row = {k: _restored(v) or "" for k, v in row.items()}
            decision = row["decision"].strip().lower()
            if decision not in ("redact", "keep"):
                raise ValueError(f"line {n}: decision must be 'redact' or 'keep'")
            if not row["file"].strip() or not row["text"]:
                raise ValueError(f"line {n}: the file and text columns must not be empty")
            if any(row.get(k, "").strip() and not row[k].strip().isdigit() for k in ("start", "end")):
                raise ValueError(f"line {n}: start and end must be whole numbers (or both empty)")
            row["decision"], row["line"] = decision, str(n)
            rows.setdefault(shown(Path(row["file"]).resolve()), []).append(row)
    return rows


def rows_for(path: Path, decisions: dict[str, list[dict[str, str]]]) -> list[dict[str, str]] | None:
    """The rows for ``path``: by its path, else by its SHA-256 (the run and its inputs were moved)."""
    rows = decisions.get(shown(path.resolve()))
    if rows is not None:
        return rows
    digest = None
    for file_rows in decisions.values():
        hashes = {r.get("sha256") for r in file_rows} - {None, ""}
        if len(hashes) == 1:
            digest = digest or sha256(path)
            if hashes == {digest}:
                return file_rows
    return None


def check_unchanged(path: Path, rows: list[dict[str, str]]) -> None:
    """Refuse a document that changed since the scan the rows came from (SHA-256)."""
    hashes = {r.get("sha256") for r in rows if r.get("sha256")}
    if hashes and hashes != {sha256(path)}:
        raise RefusedError("the document changed since the scan (SHA-256 differs): scan it again")


def findings_from(text: str, rows: list[dict[str, str]], offset: int = 0) -> tuple[list[Finding], int]:
    """The findings the reviewer decided in ``text`` (the part of the document starting at
    ``offset``: a section of a long text), checked against it, and how many positioned rows fell
    in it (the caller checks that every row was placed)."""
    findings: list[Finding] = []
    placed = 0
    for row in rows:
        note = (row.get("note") or "").strip()
        if (row.get("start") or "").strip():
            start, end = int(row["start"]) - offset, int(row["end"]) - offset
            if not 0 <= start < len(text):
                continue
            placed += 1
            if not _same(text[start:end], row["text"]):
                where = f"line {row['line']}" if row.get("line") else "a row"
                raise RefusedError(f"the decision at {where} of the decisions does not match the document's text "
                                   f"at its position ({row['start']}-{row['end']}): scan it again")
            spans = [(start, end)]
        else:  # a row the reviewer added: every occurrence of the text
            spans = occurrences(text, row["text"])
        for start, end in spans:
            findings.append(Finding(row.get("entity_type") or "REDACTED", start, end, text[start:end],
                                    float(row.get("score") or 1.0), "ReviewerDecision", "decided by the reviewer",
                                    action=row["decision"], reason=note if row["decision"] == "keep" else ""))
    return sorted(findings, key=lambda f: (f.start, f.end)), placed


def occurrences(text: str, value: str) -> list[tuple[int, int]]:
    """Where ``value`` occurs in ``text`` as a writer sees it: any run of spaces or a line break
    between its words, and a word broken by a hyphen at the end of a line."""
    return [(m.start(), m.end()) for m in re.finditer(loose_pattern(value), text)]


def loose_pattern(value: str) -> str:
    words = value.split()
    pieces = []
    for word in words:
        # a hyphen and a line break may fall between any two letters of a word ('Brigh-\ntwell')
        pieces.append("(?:-[ \t]*\r?\n[ \t]*)?".join(re.escape(c) for c in word))
    return r"(?<!\w)" + r"\s+".join(pieces) + r"(?!\w)"


def added_matched(text: str, rows: list[dict[str, str]]) -> set[int]:
    """The rows the reviewer added (no position) that occur in ``text``, by index."""
    return {n for n, row in enumerate(rows)
            if not (row.get("start") or "").strip() and row["decision"] == "redact" and occurrences(text, row["text"])}


def refuse_unmatched(rows: list[dict[str, str]], matched: set[int]) -> None:
    """Refuse rows the reviewer added that matched nothing in the whole document: skipping one
    would leave the value in the copy. The message names the row, never its text."""
    for n, row in enumerate(rows):
        if not (row.get("start") or "").strip() and row["decision"] == "redact" and n not in matched:
            where = f"line {row['line']}" if row.get("line") else f"row {n + 1} of this file"
            raise RefusedError(f"the decision at {where} of the decisions matches nothing in the document "
                               "(check its text): no copy written")


def _same(document: str, cell: str) -> bool:
    """A cell holds the document's text, or that text with its leading zeros dropped by a
    spreadsheet that read it as a number ('07700900123' saved back as '7700900123')."""
    return document == cell or document.isdigit() and cell.isdigit() and document.lstrip("0") == cell.lstrip("0")


def positioned(rows: list[dict[str, str]]) -> int:
    """How many rows name a position (the others are the reviewer's, matched wherever they occur)."""
    return sum(bool((r.get("start") or "").strip()) for r in rows)
