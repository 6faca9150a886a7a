"""Table context: a column headed "DOB", "NHS number", "Resident" or "Initials" says what the
cells below it hold, so a bare "12/03/1941" under "DOB" is a DATE_OF_BIRTH and "KS" under
"Resident" is INITIALS. A form's "Label:<tab>value" row types its own value only.

Every format reader writes a table row as one line with its cells separated by tabs, so this
recognizer serves .txt, .docx and .pdf alike; a plain-text table drawn with pipes reads the same.
Headings and their entity types are data:
``models/lexicons/table_headers.txt``.
"""
from __future__ import annotations

import functools
import re
from typing import List, Optional

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.models.settings import LEXICON_DIR, lexicon
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
    return column_types().get(re.sub(r"\s+", " ", cell.strip().strip("\"").strip(":").lower()))


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
        for line in cells_as_tabs(text).split("\n"):
            start, pos = pos, pos + len(line) + 1
            if "\t" not in line:
                types = {}
                continue
            cells = _cells(line, start)
            heading_types = {i: _heading_type(c) for i, (c, _) in enumerate(cells)}
            if _is_label_row(cells, heading_types):
                # a form's 'Label:<tab>value' row: the label types its own value, not the rows below
                types = {}
                if heading_types[0]:
                    results += self._cell_results(heading_types[0], cells[1][0], cells[1][1])
                continue
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
        if entity in _NEEDS_DIGIT and not re.search(r"\d", stripped) or entity == "EMAIL_ADDRESS" and "@" not in stripped:
            return []  # 'GP' under an 'NHS number' label is the next label, not a number
        offset = start + cell.index(stripped)
        span = (offset, offset + len(stripped))
        if entity == "DATE_OF_BIRTH":
            m = DATE.search(cell)
            if not m:
                return []
            span = (start + m.start(), start + m.end())
        elif entity == "PERSON":
            return self._name_parts(cell, start)
        meta = {"recognizer_name": self.name, "why": "cell under a column headed for it"}
        return [RecognizerResult(entity, span[0], span[1], 0.95, recognition_metadata=meta)]

    def _name_parts(self, cell: str, start: int) -> list[RecognizerResult]:
        """Each part of a name cell ('Son - Michael Fairbrother (07700 900461)': 'Michael
        Fairbrother'), not the whole cell: a whole-cell span would hide the names inside it from
        the other recognizers and then be cut down to its first word. Parts that are only words for
        a relation or role ('Son') are left out."""
        roles = lexicon("person_nouns") | lexicon("relations")
        meta = {"recognizer_name": self.name, "why": "cell under a column headed for it"}
        out = []
        for m in re.finditer(r"[^,;/()\t\"]+", cell):  # quotes are a CSV cell's, not the name's
            for part in re.split(r"\s[-–—]\s", m.group(0)):
                digit = re.search(r"\d", part)
                if digit:  # 'Paul Hollis 07700 900123': the number is not the name ('room 26' is none)
                    part = part[:digit.start()]
                words = re.findall(r"[A-Za-zÀ-ÖØ-öø-ſ'’\-]+", part)
                if (not words or all(w.lower() in roles for w in words) or part.strip().lower() in roles
                        or digit and not all(w[0].isupper() for w in words)):
                    continue
                offset = start + m.start() + m.group(0).index(part)
                lead = len(part) - len(part.lstrip())
                value = part.strip()
                entity = "INITIALS" if _INITIALS.fullmatch(value) else "PERSON"
                out.append(RecognizerResult(entity, offset + lead, offset + lead + len(value), 0.95,
                                            recognition_metadata=meta))
        return out


_INITIALS = re.compile(r"[A-Z]{1,3}\.?(?:[A-Z]\.?){0,2}")
_PIPE_ROW = re.compile(r"(?m)^[^\n|]*\|[^\n|]*\|[^\n]*$")


_CELL_EDGE = "\n\t|"


def stands_alone(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is all there is in its line or table cell: a form field's or a column's
    value, not a code in running prose. A bare value there is what the shape says it is ('K1 ABC'
    in a 'Reg' column), where the same letters in a sentence might be anything."""
    while start > 0 and text[start - 1] == " ":
        start -= 1
    while end < len(text) and text[end] == " ":
        end += 1
    return (start == 0 or text[start - 1] in _CELL_EDGE) and (end == len(text) or text[end] in _CELL_EDGE)


def cells_as_tabs(text: str) -> str:
    """``text`` with the cell separators of a plain-text table turned into tabs, the separator the
    readers write, offsets unchanged: the pipes of a table drawn with them ('HA | Metformin 500mg
    | FR', two pipes or more on a line), and the commas of comma-separated values pasted into a
    document (a heading line naming a known column, 'Room,Name,DOB', and the lines under it with
    as many cell-parting commas; a comma inside double quotes is a cell's own)."""
    if "|" in text:
        text = _PIPE_ROW.sub(lambda m: m.group(0).replace("|", "\t"), text)
    if "," not in text:
        return text
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        block = [_separators(lines[i])]
        end = i + 1
        if len(block[0]) >= 2 and any(_heading_type(c) for c in _split_at(lines[i], block[0])):
            while end < len(lines) and len(seps := _separators(lines[end])) == len(block[0]):
                block.append(seps)
                end += 1
            if end - i >= 2:
                lines[i:end] = [_tabs_at(line, seps) for line, seps in zip(lines[i:end], block)]
        i = end
    return "\n".join(lines)


def _separators(line: str) -> list[int]:
    """Where the commas that part a CSV line's cells are: not inside double quotes ('"Smith, John"')."""
    if line.count(",") < 2:
        return []
    out, quoted = [], False
    for k, c in enumerate(line):
        if c == '"':
            quoted = not quoted
        elif c == "," and not quoted:
            out.append(k)
    return out if not quoted else []  # an unclosed quote: not a CSV line


def _split_at(line: str, at: list[int]) -> list[str]:
    return [line[a + 1:b] for a, b in zip([-1] + at, at + [len(line)])]


def _tabs_at(line: str, at: list[int]) -> str:
    chars = list(line)
    for k in at:
        chars[k] = "\t"
    return "".join(chars)


_NEEDS_DIGIT = {"NHS_NUMBER", "NI_NUMBER", "PHONE_NUMBER", "HOSPITAL_NUMBER"}  # a date is checked by DATE


def _is_label_row(cells: list[tuple[str, int]], heading_types: dict[int, Optional[str]]) -> bool:
    """A form's 'Label:<tab>value' or 'Label<tab>value' row rather than a table's heading row: the
    label ends with a colon, or a two-cell row's second cell is no heading and reads as a value
    (a digit, an @, or several words: 'Name<tab>Doreen Fairbrother', not 'Resident<tab>Comments')."""
    if len(cells) < 2 or heading_types.get(1):
        return False
    label, value = cells[0][0].strip(), cells[1][0].strip()
    if label.endswith(":"):
        return True
    return (len(cells) == 2 and bool(heading_types.get(0)) and bool(value)
            and (bool(re.search(r"[\d@]", value)) or len(value.split()) >= 2))


def _cells(line: str, start: int) -> list[tuple[str, int]]:
    cells, pos = [], start
    for cell in line.split("\t"):
        cells.append((cell, pos))
        pos += len(cell) + 1
    return cells
