"""Reports: ``<stem>.report.json`` (the machine-readable record) and ``<stem>.report.md`` (what a
reviewer reads). Both hold the CPI itself, so both are marked OFFICIAL-SENSITIVE."""
from __future__ import annotations

import html
import json
from collections import Counter
from pathlib import Path
from typing import Any

from redactor.core import Finding, Outcome
from redactor.files import write_private
from redactor.flags import Flag, privacy_impact
from redactor.styles import Pseudonyms

MARKING = "OFFICIAL-SENSITIVE"


def distinct_people(findings: list[Finding]) -> int:
    """People named in the document, after propagation: all mentions of one person count once."""
    people = Pseudonyms()
    return len({people.for_finding(f) for f in findings
                if f.action == "redact" and f.entity_type in ("PERSON", "INITIALS")})


def build(document: str, fmt: str, findings: list[Finding], flags: list[Flag], *, verified: bool,
          removed: list[str], settings: dict[str, Any], unchecked: list[str] | None = None) -> dict[str, Any]:
    people = distinct_people(findings)
    redacted = Counter(f.entity_type for f in findings if f.action == "redact")
    kept = Counter(f.entity_type for f in findings if f.action == "keep")
    return {
        "marking": MARKING,
        "document": document,
        "format": fmt,
        "findings": [f.to_dict() for f in findings],
        "flags": [f.to_dict() for f in flags],
        "summary": {
            "privacy_impact": privacy_impact(flags, findings, people),
            "redacted": dict(sorted(redacted.items())),
            "kept": dict(sorted(kept.items())),
            "distinct_people": people,
            "verified": verified,
            "hidden_content_removed": removed,
            "not_checked": unchecked or [],
            "settings": settings,
        },
    }


#: An outcome with its report as written (None where the file got no report: skipped, refused early).
Loaded = list[tuple[Outcome, dict[str, Any] | None]]


def load(outcomes: list[Outcome]) -> Loaded:
    """Each outcome with its JSON report read back, once, for the run-level outputs (summary,
    HTML page, decisions file, disclosure log)."""
    out: Loaded = []
    for o in outcomes:
        data = None
        if o.report_json and Path(o.report_json).exists():
            data = json.loads(Path(o.report_json).read_text(encoding="utf-8"))
        out.append((o, data))
    return out


def write_json(report: dict[str, Any], path: Path) -> None:
    write_private(path, json.dumps(report, indent=1, ensure_ascii=False))


def write_markdown(report: dict[str, Any], path: Path) -> None:
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
                  for f in report["flags"]]
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
    by_type: dict[str, list[dict[str, Any]]] = {}
    for f in report["findings"]:
        by_type.setdefault(f["entity_type"], []).append(f)
    for entity_type in sorted(by_type):
        lines += ["", f"## {entity_type}", "", "| action | text | score | where | context | recognizer | reason |",
                  "|---|---|---|---|---|---|---|"]
        for f in by_type[entity_type]:
            lines.append("| " + " | ".join(_cell(v) for v in (f["action"], f["text"], f"{f['score']:.2f}", f["location"],
                                                               f["context"], f["recognizer"], f["reason"] or f["why"]))
                         + " |")
    write_private(path, "\n".join(lines) + "\n")


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"


def _cell(value: object) -> str:
    """A value as Markdown table text: HTML escaped (a document's '<img src=...>' is shown, never
    rendered by a Markdown viewer), the table's bar escaped, on one line."""
    return _text(value).replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def _text(value: object) -> str:
    return html.escape(str(value), quote=False)
