"""The disclosure log: the guidance requires a record of every decision to share — what was
shared, with whom, why, on what legal basis, by whom and when. One SQLite file, append-only
(triggers refuse UPDATE and DELETE), one row per file shared."""
from __future__ import annotations

import csv
import json
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from redactor.files import private_dir, shown
from redactor.report import Loaded

#: The guidance's legal bases for sharing, with what each means.
LEGAL_BASES = {
    "regulator-functions": "necessary for the regulator's own functions",
    "criminal-investigation": "for a criminal investigation or criminal proceedings",
    "complaints-regulations": "under the complaints regulations",
    "law-or-court-order": "required by law or by a court order",
    "welfare": "to protect someone's welfare (safeguarding)",
    "recipient-statutory-functions": "for the recipient's own statutory functions",
    "already-public": "the information is already lawfully public",
    "reasonably-expected": "not into the public domain, and the person would reasonably expect it",
}
COLUMNS = ["id", "at", "by", "recipient", "purpose", "basis", "profile", "file", "sha256", "output", "status",
           "redacted", "kept"]
_SCHEMA = """
CREATE TABLE IF NOT EXISTS disclosures (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, by TEXT NOT NULL, recipient TEXT NOT NULL,
    purpose TEXT NOT NULL, basis TEXT NOT NULL, profile TEXT, file TEXT NOT NULL, sha256 TEXT,
    output TEXT, status TEXT NOT NULL, redacted TEXT, kept TEXT);
CREATE TRIGGER IF NOT EXISTS no_update BEFORE UPDATE ON disclosures
    BEGIN SELECT RAISE(ABORT, 'the disclosure log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS no_delete BEFORE DELETE ON disclosures
    BEGIN SELECT RAISE(ABORT, 'the disclosure log is append-only'); END;
"""


def default_path() -> Path:
    """``$REDACT_LOG``, else the user's data folder (XDG on Linux)."""
    if os.environ.get("REDACT_LOG"):
        return Path(os.environ["REDACT_LOG"])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "redact" / "disclosures.sqlite"


def _connect(path: Path) -> sqlite3.Connection:
    """The log, created 0600 in a folder made 0700 (it names the files shared and with whom)."""
    private_dir(path.parent)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    db = sqlite3.connect(path)
    db.executescript(_SCHEMA)
    return db


def record(path: Path, reports: Loaded, *, recipient: str, purpose: str, basis: str, by: str,
           profile: str = "") -> int:
    """One row per file of the run (refused files too, so the record shows what was not shared)."""
    if basis not in LEGAL_BASES:
        raise ValueError(f"unknown legal basis '{basis}'")
    at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    rows = []
    for o, data in reports:
        report = data or {}
        summary = report.get("summary", {})
        rows.append((at, by, recipient, purpose, basis, profile, shown(Path(o.source).resolve()), report.get("sha256"),
                     o.output and shown(o.output), o.status, json.dumps(summary.get("redacted", {})), json.dumps(summary.get("kept", {}))))
    with _connect(path) as db:
        db.executemany("INSERT INTO disclosures (at, by, recipient, purpose, basis, profile, file, sha256, output, "
                       "status, redacted, kept) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def entries(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with _connect(path) as db:
        return [dict(zip(COLUMNS, row)) for row in db.execute(f"SELECT {', '.join(COLUMNS)} FROM disclosures ORDER BY id")]


def export_csv(path: Path, out: TextIO) -> int:
    rows = entries(path)
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)
