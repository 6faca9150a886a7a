"""Reports: ``<stem>.report.json`` (the machine-readable record) and ``<stem>.report.md`` (what a
reviewer reads). Both hold the CPI itself, so both are marked OFFICIAL-SENSITIVE."""
from __future__ import annotations

import html
import json
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator

from redactor.core import Finding, Outcome
from redactor.files import write_private
from redactor.flags import Flag, privacy_impact
from redactor.styles import Pseudonyms

MARKING = "OFFICIAL-SENSITIVE"


#: Rows per entity type in the Markdown report (and per document in the HTML page): every finding
#: is in the JSON report and in decisions.csv; past this a table is no help to a reader.
MAX_ROWS = 2000


class Tally:
    """What the summary counts, added up finding by finding (a long text's findings never need to
    be in memory at once): redacted and kept per type, and the distinct people named."""

    def __init__(self) -> None:
        self.redacted: Counter[str] = Counter()
        self.kept: Counter[str] = Counter()
        self._people = Pseudonyms()

    def add(self, findings: Iterable[Finding]) -> "Tally":
        findings = list(findings)
        self._people.register([f for f in findings if f.action == "redact"])
        for f in findings:
            (self.redacted if f.action == "redact" else self.kept)[f.entity_type] += 1
            if f.action == "redact" and f.entity_type in ("PERSON", "INITIALS"):
                self._people.for_finding(f)
        return self

    @property
    def people(self) -> int:
        return self._people.count


def distinct_people(findings: list[Finding]) -> int:
    """People named in the document, after propagation: all mentions of one person count once."""
    return Tally().add(findings).people


def build(document: str, fmt: str, findings: list[Finding], flags: list[Flag], *, verified: bool,
          removed: list[str], settings: dict[str, Any], unchecked: list[str] | None = None,
          tally: Tally | None = None) -> dict[str, Any]:
    """The report; ``tally`` carries the counts where ``findings`` are not all here (a long
    text's, written from a spool by :func:`write_json`)."""
    tally = tally or Tally().add(findings)
    return {
        "marking": MARKING,
        "document": document,
        "format": fmt,
        "flags": [f.to_dict() for f in flags],
        "summary": {
            "privacy_impact": privacy_impact(flags, bool(tally.redacted), tally.people),
            "redacted": dict(sorted(tally.redacted.items())),
            "kept": dict(sorted(tally.kept.items())),
            "distinct_people": tally.people,
            "verified": verified,
            "hidden_content_removed": removed,
            "not_checked": unchecked or [],
            "settings": settings,
        },
        "findings": [f.to_dict() for f in findings],
    }


#: An outcome with its report as written (None where the file got no report: skipped, refused early).
Loaded = list[tuple[Outcome, dict[str, Any] | None]]


def load(outcomes: list[Outcome]) -> Loaded:
    """Each outcome with its JSON report read back, once, for the run-level outputs (summary,
    HTML page, decisions file, disclosure log). The findings are not read into memory: each
    report's ``findings`` is a :class:`Findings`, read from the file whenever it is walked."""
    out: Loaded = []
    for o in outcomes:
        data = None
        if o.report_json and Path(o.report_json).exists():
            data = _head(Path(o.report_json))
        out.append((o, data))
    return out


_FINDINGS_LINE = '"findings": [\n'


def write_json(report: dict[str, Any], path: Path, findings: Iterable[dict[str, Any]] | None = None) -> None:
    """The report as JSON, laid out so it can be read a finding at a time: everything but the
    findings on the first line, then one finding per line. ``findings`` (dicts) stand in for
    ``report['findings']`` when given (a long text's, from its spool)."""
    head = {k: v for k, v in report.items() if k != "findings"}
    rows = report["findings"] if findings is None else findings

    def chunks() -> Iterator[str]:
        yield json.dumps(head, ensure_ascii=False)[:-1] + ",\n" + _FINDINGS_LINE
        first = True
        for row in rows:
            yield ("" if first else ",\n") + json.dumps(row, ensure_ascii=False)
            first = False
        yield "\n]}\n"
    write_private(path, chunks())


class Findings:
    """A report's findings, read from its file one line at a time each time they are walked."""

    def __init__(self, path: Path, start: int) -> None:
        self.path, self.start = path, start

    def __iter__(self) -> Iterator[dict[str, Any]]:
        with open(self.path, encoding="utf-8") as fh:
            fh.seek(self.start)
            for line in fh:
                line = line.rstrip("\n").rstrip(",")
                if line.startswith("{"):
                    yield json.loads(line)


def _head(path: Path) -> dict[str, Any]:
    """A report without its findings in memory (see :func:`write_json`); any other JSON is read whole."""
    with open(path, encoding="utf-8") as fh:
        first = fh.readline()
        if first.endswith(",\n") and fh.readline() == _FINDINGS_LINE:
            data = json.loads(first[:-2] + "}")
            data["findings"] = Findings(path, fh.tell())
            return data
    return json.loads(path.read_text(encoding="utf-8"))


def write_markdown(report: dict[str, Any], path: Path, findings: Iterable[dict[str, Any]] | None = None) -> None:
    write_private(path, _markdown(report, report["findings"] if findings is None else findings))


def _markdown(report: dict[str, Any], findings: Iterable[dict[str, Any]]) -> Iterator[str]:
    s = report["summary"]
    impact = s["privacy_impact"]
    lines = [f"**{MARKING}**: this report contains the personal information it lists.", "",
             f"# Redaction report: {_text(report['document'])}", "",
             f"## Privacy impact: {impact['level'].upper()}", ""]
    lines += [f"- {_text(reason)}" for reason in impact["reasons"]]
    lines += ["", "| Decision question | What the tool found |", "|---|---|"]
    lines += [f"| {q} | {_cell(a)} |" for q, a in impact["questions"].items()]
    if report["flags"]:
        lines += ["", "## Flags (advice: not redacted unless you decide so)", "",
                  "| type | severity | where | text | reason |", "|---|---|---|---|---|"]
        lines += ["| " + " | ".join(_cell(v) for v in (f["type"] + (f" ({f['category']})" if f["category"] else ""),
                                                        f["severity"], f["location"], f["text"], f["reason"])) + " |"
                  for f in report["flags"][:MAX_ROWS]]
        lines += [f"\n{len(report['flags']) - MAX_ROWS} more flag(s): see the JSON report."] \
            if len(report["flags"]) > MAX_ROWS else []
    if report.get("look_here"):
        lines += ["", "## Look here (kept, could still be personal: check each by eye)", "",
                  "| what | where | seen | why |", "|---|---|---|---|"]
        lines += ["| " + " | ".join(_cell(v) for v in (x["text"], x["location"], f"{x['count']}x",
                                                        f"{x['kind']}: {x['why']}")) + " |" for x in report["look_here"]]
        lines += [f"\n{report['look_here_more']} more value(s) of these kinds were not listed."] \
            if report.get("look_here_more") else []
    lines += ["", "## Summary", "",
              f"- Format: {report['format']}",
              *([f"- Copy written as: {_text(report['copy'])} (not named after the input, whose name may identify "
                 "someone)"] if report.get("copy") else []),
              f"- Copy verified (no redacted value readable): {'yes' if s['verified'] else 'NO'}",
              f"- Distinct people found: {s['distinct_people']}",
              f"- Redacted: {_counts(s['redacted'])}",
              f"- Kept (reviewer may check): {_counts(s['kept'])}"]
    if s["hidden_content_removed"]:
        lines += ["- Hidden content removed: " + _text("; ".join(s["hidden_content_removed"]))]
    if s.get("not_checked"):
        lines += ["- **Not checked, look by eye**: " + _text("; ".join(s["not_checked"]))]
    yield "\n".join(lines) + "\n"
    by_type: dict[str, list[dict[str, Any]]] = {}
    for f in findings:
        rows = by_type.setdefault(f["entity_type"], [])
        if len(rows) < MAX_ROWS:
            rows.append(f)
    for entity_type in sorted(by_type):
        total = s["redacted"].get(entity_type, 0) + s["kept"].get(entity_type, 0)
        yield "\n".join(["", f"## {entity_type}", "", "| action | text | score | where | context | recognizer | reason |",
                         "|---|---|---|---|---|---|---|"]) + "\n"
        for f in by_type[entity_type]:
            yield "| " + " | ".join(_cell(v) for v in (f["action"], f["text"], f"{f['score']:.2f}", f["location"],
                                                        f["context"], f["recognizer"], f["reason"] or f["why"])) + " |\n"
        if total > MAX_ROWS:
            yield f"\n{total - MAX_ROWS} more {entity_type} finding(s): see the JSON report and decisions.csv.\n"


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"


def _cell(value: object) -> str:
    """A value as Markdown table text: HTML escaped (a document's '<img src=...>' is shown, never
    rendered by a Markdown viewer), the table's bar escaped, on one line."""
    return _text(value).replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def _text(value: object) -> str:
    return html.escape(str(value), quote=False)
