"""Spreadsheets (.xlsx, .xlsm): every cell of every sheet, hidden ones included, is read and
redacted; formulas, comments, pivot caches, external links, connections, custom XML and macros
are removed; the copy opens in another reader (openpyxl) and no member of the package, read by
unzipping it, holds a redacted value."""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from redactor.cli import main

openpyxl = pytest.importorskip("openpyxl")

NAMES = ["Edith Marlowe", "Joanne Marlowe", "Harold Pennington", "Ivy Chapman", "Sarah Collins"]
SECRETS = NAMES + ["9434765919", "401 023 2137", "07700 900123", "sarah.collins@example.org"]


def _workbook(path: Path) -> None:
    from openpyxl.comments import Comment
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Residents"
    ws.append(["Name", "DOB", "NHS No", "Room", "Notes"])
    ws.append(["Edith Marlowe", "02/11/1934", 9434765919, "12", "Falls risk; daughter Joanne Marlowe visits"])
    ws.append(["Harold Pennington", "14/05/1941", "401 023 2137", "14", "Diabetic"])
    ws["A2"].comment = Comment("Check with Dr Amir Haddad", "Sarah Collins")
    ws["F2"] = '=CONCATENATE("Mrs ","Quarendon")'
    ws.cell(row=5, column=1, value="Reviewed by").hyperlink = "mailto:sarah.collins@example.org"
    ws.row_dimensions[3].hidden = True
    ws.oddHeader.center.text = "Confidential: Edith Marlowe"
    staff = wb.create_sheet("Staff Ivy Chapman")
    staff.sheet_state = "hidden"
    staff.append(["Ivy Chapman", "night nurse", "07700 900123"])
    wb.save(path)


def _add_parts(path: Path, out: Path) -> None:
    """Parts openpyxl does not write, added by hand as Excel writes them: a pivot cache holding a
    name, threaded comments and their persons, an external link's cache, a connection, custom
    XML and a macro project, each reached by a relationship."""
    extra = {
        "xl/pivotCache/pivotCacheDefinition1.xml": '<pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main"><cacheFields><cacheField name="Name"><sharedItems><s v="Philippa Quarendon"/>'
        '</sharedItems></cacheField></cacheFields></pivotCacheDefinition>',
        "xl/externalLinks/externalLink1.xml": '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main"><externalBook><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1" t="str"><v>Philippa '
        'Quarendon</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>',
        "xl/connections.xml": '<connections xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<connection id="1" name="Philippa Quarendon list"/></connections>',
        "xl/persons/person.xml": '<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/'
        'threadedcomments"><person displayName="Philippa Quarendon" id="{1}"/></personList>',
        "customXml/item1.xml": "<data>Philippa Quarendon</data>",
        "xl/vbaProject.bin": "Philippa Quarendon macro",
    }
    kinds = {"xl/pivotCache/pivotCacheDefinition1.xml": "officeDocument/2006/relationships/pivotCacheDefinition",
             "xl/externalLinks/externalLink1.xml": "officeDocument/2006/relationships/externalLink",
             "xl/connections.xml": "officeDocument/2006/relationships/connections",
             "xl/persons/person.xml": "officeDocument/2006/relationships/person",
             "customXml/item1.xml": "officeDocument/2006/relationships/customXml",
             "xl/vbaProject.bin": "officeDocument/2006/relationships/vbaProject"}
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/_rels/workbook.xml.rels":
                rels = "".join(f'<Relationship Id="rX{i}" Type="http://schemas.openxmlformats.org/{kind}" '
                               f'Target="/{name}"/>' for i, (name, kind) in enumerate(kinds.items()))
                data = data.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            if item.filename == "xl/workbook.xml":
                data = data.replace(b"</workbook>", b'<definedNames><definedName name="Quarendon">Residents!$A$1'
                                    b'</definedName></definedNames></workbook>')
            dst.writestr(item, data)
        for name, text in extra.items():
            dst.writestr(name, text)


def _members(path: Path) -> str:
    """Every member of the package, decoded: what unzipping and grepping it shows."""
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


@pytest.fixture(scope="module")
def redacted(tmp_path_factory) -> tuple[Path, dict, str]:
    root = tmp_path_factory.mktemp("xlsx")
    _workbook(root / "plain.xlsx")
    _add_parts(root / "plain.xlsx", root / "rota.xlsm")
    result = CliRunner().invoke(main, [str(root / "rota.xlsm"), "-o", str(root / "out")])
    assert result.exit_code == 0, result.output
    report = json.loads((root / "out" / "rota.report.json").read_text())
    return root / "out" / "rota.redacted.xlsm", report, result.output


def test_no_member_of_the_copy_holds_a_redacted_value(redacted):
    copy, _, _ = redacted
    members = _members(copy)
    for value in SECRETS + ["Quarendon"]:
        assert value not in members, value


def test_every_cell_is_redacted_hidden_sheets_and_rows_too_and_the_copy_opens(redacted):
    copy, report, output = redacted
    wb = openpyxl.load_workbook(copy)  # an independent reader opens it
    residents, staff = wb.worksheets
    assert residents["A2"].value == "[PERSON]" and residents["C2"].value == "[NHS_NUMBER]"  # a number cell too
    assert residents["D2"].value == "12" and residents["E2"].value == "Falls risk; daughter [PERSON] visits"
    assert residents["A3"].value == "[PERSON]" and residents.row_dimensions[3].hidden  # hidden row, still hidden
    assert staff.sheet_state == "hidden" and staff["A1"].value == "[PERSON]" and staff["B1"].value == "night nurse"
    assert "[" not in staff.title and "Chapman" not in staff.title  # a sheet's name cannot hold brackets
    assert "1 hidden sheet, 1 hidden row read and redacted" in output
    assert any(f["location"] == "sheet Residents cell C2" for f in report["findings"])


def test_formulas_comments_caches_links_and_macros_are_removed_and_reported(redacted):
    copy, report, _ = redacted
    names = zipfile.ZipFile(copy).namelist()
    assert not [n for n in names if re.search(r"pivot|externalLink|connections|person|customXml|vba|comment|"
                                                r"drawing|docProps|sharedStrings", n)], names
    assert "<f>" not in _members(copy)
    removed = " ".join(report["summary"]["hidden_content_removed"])
    for kind in ("formulas", "comments", "macros", "custom XML", "defined names", "document properties"):
        assert kind in removed, kind


@pytest.mark.parametrize("data, reason", [(b"PK\x03\x04 not really a zip", "not a .xlsx"),
                                          (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "encrypted")])
def test_a_broken_or_encrypted_workbook_is_refused_in_one_line(tmp_path, data, reason):
    (tmp_path / "bad.xlsx").write_bytes(data)
    result = CliRunner().invoke(main, [str(tmp_path / "bad.xlsx"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and reason in result.output and "Traceback" not in result.output
    assert len([line for line in result.output.splitlines() if "bad.xlsx" in line]) == 1


# ------------------------------------------------------------------ red-team cases (2026-12-07)
NEEDLES = ["philippa", "quarendon", "shruti", "9434765919", "07700900123"]
SHEET = "xl/worksheets/sheet1.xml"
ROOT = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _visible(ws) -> None:
    ws["A1"], ws["A2"], ws["A3"] = ("Resident: Mrs Philippa Quarendon", "NHS number: 943 476 5919",
                                    "Phone: 07700 900123")


def _bytes(wb) -> bytes:
    import io
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _patch(data: bytes, part: str, old: str, new: str) -> bytes:
    import io
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in source.infolist():
            body = source.read(item)
            z.writestr(item.filename, body.replace(old.encode(), new.encode(), 1) if item.filename == part else body)
    return out.getvalue()


def _add(data: bytes, name: str, body: str, rel: str = "", override: str = "") -> bytes:
    import io
    data = _patch(data, "xl/_rels/workbook.xml.rels", "</Relationships>", rel + "</Relationships>") if rel else data
    data = _patch(data, "[Content_Types].xml", "</Types>", override + "</Types>") if override else data
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as z:
        z.writestr(name, body)
    return out.getvalue()


def _hazard(kind: str) -> bytes:
    from openpyxl.styles import NamedStyle
    wb = openpyxl.Workbook()
    ws = wb.active
    _visible(ws)
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    if kind == "number format with digits":
        ws["A4"] = 5
        ws["A4"].number_format = '"943 476 5919 / 07700 900123" 0'
    elif kind == "style named after a person":
        ws["A5"] = "Client: Mrs Shruti Green"
        wb.add_named_style(NamedStyle(name="Shruti Green"))
        ws["B1"].style = "Shruti Green"
        ws["B1"] = 1
        ws["A4"] = 5
        ws["A4"].number_format = '"Shruti Green" 0'
    elif kind == "header and footer codes":
        ws.oddHeader.left.text = "Philippa Quarendon"
        ws.evenHeader.right.text = "07700 900123"
    data = _bytes(wb)
    if kind == "shared strings under another name":
        data = _patch(data, SHEET, '<row r="1"', '<row r="9"><c r="C9" t="s"><v>0</v></c></row><row r="1"')
        data = _add(data, "xl/strings.xml", f'<sst xmlns="{main}"><si><t>943 476 5919</t></si></sst>',
                    f'<Relationship Id="rS" Type="{rels}/sharedStrings" Target="strings.xml"/>',
                    '<Override PartName="/xl/strings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                    'spreadsheetml.sharedStrings+xml"/>')
    elif kind == "a sheet the workbook does not list":
        data = _add(data, "xl/worksheets/sheet9.xml", f'<worksheet xmlns="{main}"><sheetData><row r="1"><c r="A1" '
                    't="inlineStr"><is><t>943 476 5919</t></is></c></row></sheetData></worksheet>',
                    f'<Relationship Id="rS9" Type="{rels}/worksheet" Target="worksheets/sheet9.xml"/>')
    elif kind == "a value beside an inline string":
        data = _patch(data, SHEET, '<row r="1"', '<row r="9"><c r="D9" t="inlineStr"><v>943 476 5919</v><is><t>ok'
                      '</t></is></c></row><row r="1"')
    elif kind == "unknown elements and attributes":
        data = _patch(data, SHEET, ROOT, ROOT[:-1] + ' xmlns:mc="http://schemas.openxmlformats.org/markup-'
                      'compatibility/2006" xmlns:z="urn:z" mc:Ignorable="z">')
        data = _patch(data, SHEET, "<sheetData>", '<z:note tel="07700 900123">943 476 5919</z:note><sheetData>')
    elif kind == "names in XML names and namespaces":
        data = _patch(data, SHEET, ROOT, ROOT[:-1] + ' xmlns:Quarendon="mailto:philippa.quarendon@example.org" '
                      'xmlns:pq="urn:Philippa-Quarendon-9434765919">')
        data = _patch(data, SHEET, "<sheetData>", '<Quarendon:Philippa_Quarendon pq:Philippa.Quarendon="1"/>'
                      '<sheetData>')
    return data


@pytest.mark.parametrize("kind", ["number format with digits", "style named after a person", "header and footer codes",
                                  "shared strings under another name", "a sheet the workbook does not list",
                                  "a value beside an inline string", "unknown elements and attributes",
                                  "names in XML names and namespaces"])
def test_hidden_places_found_by_the_red_team_hold_nothing_in_the_copy(tmp_path, kind):
    (tmp_path / "book.xlsx").write_bytes(_hazard(kind))
    result = CliRunner().invoke(main, [str(tmp_path / "book.xlsx"), "-o", str(tmp_path / "out")])
    copies = list((tmp_path / "out").glob("*.redacted.xlsx"))
    assert result.exit_code == 0 or not copies, result.output
    for copy in copies:
        members = re.sub(r"\D", "", _members(copy)) + _members(copy).lower()
        assert not [n for n in NEEDLES if n in members], kind
        openpyxl.load_workbook(copy)
