"""The end of a run over many files: ``summary.json``, a human summary, and one self-contained
HTML report with a section per document (no external assets; every document value escaped)."""
from __future__ import annotations

import html
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from redactor.core import Finding
from redactor.files import REVIEW_HISTORY, keep_previous, set_aside, shown, write_private
from redactor.flags import BULK_PEOPLE
from redactor.report import MARKING, MAX_ROWS, Loaded, Tally


def summarise(reports: Loaded) -> dict[str, Any]:
    """Every file's outcome, counts per entity type, the documents with the most CPI, and the
    distinct people across the whole run (one person named in three files counts once)."""
    people = Tally()  # one person named in three files counts once
    per_type: Counter[str] = Counter()
    files = []
    for o, data in reports:
        counts = data["summary"]["redacted"] if data else {}
        per_type.update(counts)
        people.add(Finding(f["entity_type"], f["start"], f["end"], f["text"], f["score"], f["recognizer"])
                   for f in (data or {}).get("findings", [])
                   if f["action"] == "redact" and f["entity_type"] in ("PERSON", "INITIALS"))
        files.append({"file": shown(o.source), "status": o.status, "message": o.message,
                      "output": o.output and shown(o.output), "report": o.report_json and shown(o.report_json),
                      "redacted": sum(counts.values()),
                      "not_checked": data["summary"].get("not_checked", []) if data else [],
                      "privacy_impact": data["summary"]["privacy_impact"]["level"] if data else None})
    status = Counter(o.status for o, _ in reports)
    return {
        "marking": MARKING,
        "files": files,
        "outcomes": dict(status),
        "redacted_per_type": dict(sorted(per_type.items())),
        "most_cpi": [f["file"] for f in sorted(files, key=lambda f: -f["redacted"])[:10] if f["redacted"]],
        "distinct_people": people.people,
        "needs_extra_check": people.people > BULK_PEOPLE,
        "with_unchecked_images": [f["file"] for f in files if f["not_checked"]],
    }


def write_run_files(reports: Loaded, summary: dict[str, Any], outdir: Path) -> list[Path]:
    """summary.json, report.html and decisions.csv of a run, each written atomically as 0600.
    A decisions.csv already there (a forced re-run) is first kept under a dated name, and the
    earlier run's review history is set aside under one (the new run's review starts afresh,
    never replaying decisions made on other findings): the dated names are returned, and a
    reviewer's decisions are never lost."""
    from redactor import decisions
    for entry, (o, _) in zip(summary["files"], reports):  # so that `redact review` finds them if the folder moves
        entry["from_run"] = shown(os.path.relpath(os.path.abspath(o.source), os.path.abspath(outdir)))
        if o.report_json:
            entry["report_from_run"] = shown(os.path.relpath(os.path.abspath(o.report_json), os.path.abspath(outdir)))
    write_private(outdir / "summary.json", json.dumps(summary, indent=1, ensure_ascii=False))
    write_private(outdir / "report.html", html_page(reports, summary))
    kept = [keep_previous(outdir / "decisions.csv"), set_aside(outdir / REVIEW_HISTORY)]
    write_private(outdir / "decisions.csv", decisions.csv_rows(reports))
    return [k for k in kept if k is not None]


def human_summary(summary: dict[str, Any]) -> str:
    lines = [f"{len(summary['files'])} file(s): " + ", ".join(f"{n} {s}" for s, n in sorted(summary["outcomes"].items()))]
    if summary["redacted_per_type"]:
        lines.append("redacted: " + ", ".join(f"{t} {n}" for t, n in summary["redacted_per_type"].items()))
    lines.append(f"distinct people across the run: {summary['distinct_people']}"
                 + (f" (more than {BULK_PEOPLE}: the guidance requires an extra check before disclosure)"
                    if summary["needs_extra_check"] else ""))
    if summary["most_cpi"]:
        lines.append("most CPI: " + ", ".join(Path(f).name for f in summary["most_cpi"][:5]))
    if summary.get("with_unchecked_images"):
        lines.append(f"{len(summary['with_unchecked_images'])} file(s) keep images no check could read "
                     "(look at them by eye: handwriting, signatures, faces): see their reports")
    return "\n".join(lines)


# ------------------------------------------------------------------------------ HTML
_STYLE = """body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#111}
.marking{background:#b00020;color:#fff;padding:.4em .8em;font-weight:bold}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .4em;
vertical-align:top;text-align:left}th{background:#eee}.keep{color:#666}.high{background:#fde0e0}
.medium{background:#fff4d6}section{border-top:2px solid #333;margin-top:1.5em}code{white-space:pre-wrap}
.hidden{display:none}"""
_SCRIPT = """function filt(){var q=document.getElementById('q').value.toLowerCase();
var t=document.getElementById('t').value;document.querySelectorAll('tr.f').forEach(function(r){
var ok=(!q||r.textContent.toLowerCase().indexOf(q)>=0)&&(!t||r.dataset.type===t);
r.classList.toggle('hidden',!ok);});}"""


def html_page(reports: Loaded, summary: dict[str, Any]) -> str:
    """One page, no external assets. Every value that came from a document goes through
    html.escape, so a document holding '<script>' shows it as text."""
    e = html.escape
    types = sorted(summary["redacted_per_type"])
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Redaction report</title>"
             f"<style>{_STYLE}</style></head><body>",
             f"<div class='marking'>{MARKING}: this report contains the personal information it lists.</div>",
             "<h1>Redaction report</h1>", f"<p>{e(human_summary(summary)).replace(chr(10), '<br>')}</p>",
             "<p>Filter: <input id='q' oninput='filt()' placeholder='text'> <select id='t' onchange='filt()'>"
             "<option value=''>all types</option>" + "".join(f"<option>{e(t)}</option>" for t in types)
             + "</select></p>"]
    for o, data in reports:
        parts.append(f"<section><h2>{e(shown(Path(o.source).name))}</h2><p>{e(o.status)}"
                     f"{': ' + e(o.message) if o.message else ''}</p>")
        if not data:
            parts.append("</section>")
            continue
        s = data["summary"]
        impact = s["privacy_impact"]
        parts.append(f"<p class='{e(impact['level'])}'><b>Privacy impact: {e(impact['level'].upper())}</b> — "
                     + e("; ".join(impact["reasons"])) + "</p>")
        if s["hidden_content_removed"]:
            parts.append("<p>Removed: " + e("; ".join(s["hidden_content_removed"])) + "</p>")
        if s.get("not_checked"):
            parts.append("<p class='high'><b>Not checked, look by eye:</b> " + e("; ".join(s["not_checked"])) + "</p>")
        if data["flags"]:
            parts.append("<table><tr><th>flag</th><th>severity</th><th>where</th><th>text</th><th>reason</th></tr>")
            for f in data["flags"][:MAX_ROWS]:
                parts.append(f"<tr class='{e(f['severity'])}'><td>{e(f['type'])} {e(f.get('category') or '')}</td>"
                             f"<td>{e(f['severity'])}</td><td>{e(f['location'])}</td><td>{e(f['text'])}</td>"
                             f"<td>{e(f['reason'])}</td></tr>")
            parts.append("</table>")
            if len(data["flags"]) > MAX_ROWS:
                parts.append(f"<p>{len(data['flags']) - MAX_ROWS} more flag(s): see the JSON report.</p>")
        parts.append("<table><tr><th>action</th><th>type</th><th>text</th><th>score</th><th>recognizer</th>"
                     "<th>where</th><th>context</th><th>reason</th></tr>")
        shown_rows = 0
        for f in data["findings"]:
            if shown_rows == MAX_ROWS:
                break
            shown_rows += 1
            parts.append(f"<tr class='f {e(f['action'])}' data-type='{e(f['entity_type'])}'><td>{e(f['action'])}</td>"
                         f"<td>{e(f['entity_type'])}</td><td>{e(f['text'])}</td><td>{f['score']:.2f}</td>"
                         f"<td>{e(f['recognizer'])}</td><td>{e(f['location'])}</td><td>{e(f['context'])}</td>"
                         f"<td>{e(f['reason'] or f['why'])}</td></tr>")
        parts.append("</table>")
        total = sum(s["redacted"].values()) + sum(s["kept"].values())
        if total > shown_rows:
            parts.append(f"<p>{total - shown_rows} more finding(s): see the JSON report and decisions.csv.</p>")
        parts.append("</section>")
    parts.append(f"<script>{_SCRIPT}</script></body></html>")
    return "\n".join(parts)
