"""Table context: a column headed "DOB", "NHS number", "Resident" or "Initials" says what the
cells below it hold, so a bare "12/03/1941" under "DOB" is a DATE_OF_BIRTH and "KS" under
"Resident" is INITIALS.

Every format reader writes a table row as one line with its cells separated by tabs, so this
recognizer serves .txt, .docx and .pdf alike. Headings and their entity types are data:
``models/lexicons/table_headers.txt``.
"""
from __future__ import annotations

import functools
import re
from typing import List, Optional

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.models.settings import LEXICON_DIR
from redactor.recognizers.date_of_birth import DATE

SUPPORTED = ["DATE_OF_BIRTH", "NHS_NUMBER", "NI_NUMBER", "PERSON", "INITIALS", "ADDRESS", "PHONE_NUMBER",
             "EMAIL_ADDRESS", "HOSPITAL_NUMBER"]


@functools.lru_cache(maxsize=None)
def column_types() -> dict[str, str]:
    out = {}
    for line in (LEXICON_DIR / "table_headers.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0]
        if "=" in line:
            heading, entity = (part.strip() for part in line.rsplit("=", 1))
            out[heading] = entity
    return out


def _heading_type(cell: str) -> Optional[str]:
    return column_types().get(re.sub(r"\s+", " ", cell.strip().strip(":").lower()))


class TableColumnRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=SUPPORTED, name="TableColumnRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts: Optional[object] = None
                ) -> List[RecognizerResult]:
        results: list[RecognizerResult] = []
        types: dict[int, str] = {}
        pos = 0
        for line in text.split("\n"):
            start, pos = pos, pos + len(line) + 1
            if "\t" not in line:
                types = {}
                continue
            cells = _cells(line, start)
            heading_types = {i: _heading_type(c) for i, (c, _) in enumerate(cells)}
            if any(heading_types.values()):
                types = {i: t for i, t in heading_types.items() if t}
                continue
            for i, (cell, cell_start) in enumerate(cells):
                if i in types:
                    results += self._cell_results(types[i], cell, cell_start)
        return results

    def _cell_results(self, entity: str, cell: str, start: int) -> list[RecognizerResult]:
        stripped = cell.strip()
        if not stripped or stripped in {"-", "n/a", "N/A"}:
            return []
        offset = start + cell.index(stripped)
        span = (offset, offset + len(stripped))
        if entity == "DATE_OF_BIRTH":
            m = DATE.search(cell)
            if not m:
                return []
            span = (start + m.start(), start + m.end())
        elif entity == "PERSON" and re.fullmatch(r"[A-Z]{1,3}\.?(?:[A-Z]\.?){0,2}", stripped):
            entity = "INITIALS"
        elif entity == "PERSON" and not re.search(r"[A-Za-z]", stripped):
            return []
        meta = {"recognizer_name": self.name, "why": "cell under a column headed for it"}
        return [RecognizerResult(entity, span[0], span[1], 0.95, recognition_metadata=meta)]


def _cells(line: str, start: int) -> list[tuple[str, int]]:
    cells, pos = [], start
    for cell in line.split("\t"):
        cells.append((cell, pos))
        pos += len(cell) + 1
    return cells
