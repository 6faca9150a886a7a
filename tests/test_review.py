"""`redact review`: the reviewer's decisions are saved as they are made, survive a reopen and a
cut-off write, cover a person's every mention, and apply to .txt, .docx and .pdf through the same
verified pipeline, with the disclosure recorded; the page's server refuses every request without
its token, from a foreign Host, or for anything outside the run."""
from __future__ import annotations

import json
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import docx
import pytest

from pdf_fixtures import build_text_pdf
from redactor import api, disclosure_log
from redactor.review import HISTORY, Review, ReviewError

VISIT = ("Visit to Larkspur House. Mrs Ottilie Brackenbury said the night staff were kind.\n"
         "Her daughter, Wilhelmina Brackenbury, rang on 0161 496 0571 about the fees.\n"
         "The manager, Tobias Kettleworth, agreed to review the rota. Mrs Brackenbury was content.\n"
         "Reference number GHX-7731 was given to the family.\n")


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory) -> Path:
    """A run over a .txt, a .docx and a .pdf, made once; each test reviews a fresh copy of it."""
    root = tmp_path_factory.mktemp("review")
    evidence = root / "evidence"
    evidence.mkdir()
    (evidence / "visit.txt").write_text(VISIT)
    d = docx.Document()
    d.add_paragraph("Referral: Mrs Ottilie Brackenbury was seen by Dr Amir Haddad on 3 May 2024.")
    d.save(evidence / "referral.docx")
    build_text_pdf(evidence / "notes.pdf")
    result = api.run([evidence], root / "out", jobs=1)
    assert [o.status for o in result.outcomes] == ["redacted"] * 3
    return root


@pytest.fixture
def review_root(run_folder: Path, tmp_path: Path) -> Path:
    """A copy of the run and its inputs, moved elsewhere: the review must find them again."""
    shutil.copytree(run_folder, tmp_path / "moved")
    return tmp_path / "moved"


def _index(review: Review, name: str) -> int:
    return next(d.index for d in review.documents if d.name == name)


def _finding(review: Review, index: int, text: str) -> int:
    return next(n for n, f in enumerate(review.document(index).findings) if f["text"] == text)


def test_a_moved_run_finds_its_inputs_and_decisions_survive_a_reopen(review_root: Path):
    review = Review.open(review_root / "out")
    assert all(review_root in d.path.parents for d in review.documents)  # by path from the run and SHA-256
    visit = _index(review, "visit.txt")
    n = _finding(review, visit, "Tobias Kettleworth")
    review.decide(visit, n, "keep")
    reopened = Review.open(review_root / "out")
    assert reopened.decision(reopened.document(visit), n) == "keep"
    assert (review_root / "out" / HISTORY).stat().st_mode & 0o777 == 0o600


def test_undo_takes_back_the_last_change_and_a_cut_off_line_is_ignored(review_root: Path):
    review = Review.open(review_root / "out")
    visit = _index(review, "visit.txt")
    n = _finding(review, visit, "Tobias Kettleworth")
    review.decide(visit, n, "keep")
    assert review.undo() and review.decision(review.document(visit), n) == "redact"
    review.decide(visit, n, "keep")
    with open(review_root / "out" / HISTORY, "a") as fh:
        fh.write('{"op": "finding", "doc": "')  # a crash in the middle of a write
    reopened = Review.open(review_root / "out")
    assert reopened.decision(reopened.document(visit), n) == "keep"


def test_one_decision_covers_every_mention_of_a_person(review_root: Path):
    review = Review.open(review_root / "out")
    visit = _index(review, "visit.txt")
    doc = review.document(visit)
    n = _finding(review, visit, "Mrs Ottilie Brackenbury")
    person = review.person_of(doc, n)
    mentions = next(p for p in review.people() if p["person"] == person)["mentions"]
    assert {m["text"] for m in mentions} >= {"Mrs Ottilie Brackenbury", "Mrs Brackenbury"}
    assert {m["document"] for m in mentions} == {visit, _index(review, "referral.docx")}  # across the run
    daughter = review.person_of(doc, _finding(review, visit, "Wilhelmina Brackenbury"))
    assert "daughter" in next(p for p in review.people() if p["person"] == daughter)["roles"]
    review.decide_person(person, "keep")
    assert all(review.decision(review.document(m["document"]), m["finding"]) == "keep"
               for m in next(p for p in review.people() if p["person"] == person)["mentions"])
    with pytest.raises(ReviewError):
        review.decide_person("Person ZZ", "keep")


def test_added_values_must_occur_and_match_across_line_breaks(review_root: Path):
    review = Review.open(review_root / "out")
    visit = _index(review, "visit.txt")
    with pytest.raises(ReviewError):
        review.add(visit, "Quentin Absent", "document")
    with pytest.raises(ReviewError):
        review.add(visit, "GHX-7731", "here", start=3)  # not at that place
    review.add(visit, "the\nfamily", "document")  # as selected across a line break: any spacing matches
    review.add(visit, "GHX-7731", "here", start=VISIT.index("GHX-7731"))
    rows = review.rows(visit)
    assert [r["text"] for r in rows if r["note"] == "added by the reviewer"] == ["the\nfamily", "GHX-7731"]


def test_apply_writes_verified_copies_of_every_format_and_records_the_disclosure(review_root: Path):
    out = review_root / "out"
    review = Review.open(out)
    visit, referral, notes = (_index(review, n) for n in ("visit.txt", "referral.docx", "notes.pdf"))
    review.decide(visit, _finding(review, visit, "Tobias Kettleworth"), "keep")  # staff, in their role
    review.add(visit, "GHX-7731", "document")
    review.add(notes, "Oakleigh Care Home", "document", entity_type="ORGANISATION")
    log = review_root / "log.sqlite"
    folder, outcomes = api.apply_review(review, recipient="Police", purpose="investigation",
                                        basis="criminal-investigation", by="AB", log_path=log)
    assert folder.parent == out and [o.status for o in outcomes] == ["redacted"] * 3
    copy = (folder / "visit.redacted.txt").read_text()
    assert "Tobias Kettleworth" in copy and "GHX-7731" not in copy and "[REDACTED]" in copy
    assert "Brackenbury" not in copy and "0161 496 0571" not in copy
    words = "\n".join(p.text for p in docx.Document(str(folder / "referral.redacted.docx")).paragraphs)
    assert "Brackenbury" not in words and "Referral" in words
    if shutil.which("pdftotext"):  # an independent reader of the PDF copy
        pdf = subprocess.run(["pdftotext", str(folder / "notes.redacted.pdf"), "-"], capture_output=True,
                             text=True, check=True).stdout
        assert "Oakleigh" not in pdf and "Thornton" not in pdf
    entries = disclosure_log.entries(log)
    assert len(entries) == 3 and {e["recipient"] for e in entries} == {"Police"}
    assert (out / "visit.redacted.txt").exists()  # the run's own copy is never replaced


def test_apply_needs_every_disclosure_field(review_root: Path):
    review = Review.open(review_root / "out")
    with pytest.raises(ValueError):
        api.apply_review(review, recipient="Police", purpose="", basis="criminal-investigation", by="AB",
                         log_path=review_root / "log.sqlite")
    with pytest.raises(ValueError):
        api.apply_review(review, recipient="Police", purpose="x", basis="because", by="AB",
                         log_path=review_root / "log.sqlite")


def test_a_changed_input_cannot_be_applied(review_root: Path):
    summary = json.loads((review_root / "out" / "summary.json").read_text())
    for entry in summary["files"]:  # the run's inputs are only where the moved folder has them
        entry["file"] = str(review_root / "out" / entry["from_run"])
    (review_root / "out" / "summary.json").write_text(json.dumps(summary))
    (review_root / "evidence" / "visit.txt").write_text(VISIT + "One more line.\n")
    review = Review.open(review_root / "out")
    visit = review.document(_index(review, "visit.txt"))
    assert visit.path is None and "changed" in visit.problem
    assert visit not in review.applicable()


def test_a_reviewer_row_that_matches_nothing_is_refused_not_skipped(tmp_path: Path):
    from redactor import decisions
    (tmp_path / "a.txt").write_text("Mrs Ada Quill was seen by the\nnurse.\n")
    csv = tmp_path / "decisions.csv"
    csv.write_text(f"file,text,decision\n{tmp_path / 'a.txt'},Ada Quill,redact\n{tmp_path / 'a.txt'},Ada Quil,redact\n")
    outcomes = api.apply_decisions([tmp_path / "a.txt"], csv, tmp_path / "out")
    assert outcomes[0].status == "refused" and "line 3" in outcomes[0].message and "Quil" not in outcomes[0].message
    assert decisions.occurrences("seen by the\nnurse", "the nurse") == [(8, 17)]
    assert decisions.occurrences("Bright-\nwell came", "Brightwell") == [(0, 12)]


# ---------------------------------------------------------------------- the server
@pytest.fixture
def server(review_root: Path):
    """The review page served for real on 127.0.0.1, as `redact review` serves it."""
    import uvicorn
    from redactor.review_server import create_app
    review = Review.open(review_root / "out")
    token = "t0ken-for-tests"
    config = uvicorn.Config(create_app(review, token, review_root / "log.sqlite"), host="127.0.0.1", port=0,
                            log_level="warning", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    port = srv.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}", token, review_root
    srv.should_exit = True
    thread.join(5)


def _get(url: str, headers: dict[str, str] | None = None, data: bytes | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data is not None else "GET")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_the_server_listens_on_loopback_only(server):
    base, _, _ = server
    assert base.startswith("http://127.0.0.1:")


def test_every_request_needs_the_token(server):
    base, token, _ = server
    assert _get(f"{base}/")[0] == 403
    assert _get(f"{base}/?token=wrong")[0] == 403
    assert _get(f"{base}/api/run")[0] == 403
    assert _get(f"{base}/static/review.js")[0] == 403
    status, headers, body = _get(f"{base}/?token={token}")
    assert status == 200 and b"review.js?token=" in body
    policy = {k.lower(): v for k, v in headers.items()}["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_a_change_needs_the_token_in_a_header(server):
    base, token, _ = server
    body = json.dumps({"document": 0, "finding": 0, "decision": "keep"}).encode()
    assert _get(f"{base}/api/decide?token={token}", {"Content-Type": "application/json"}, body)[0] == 403
    status, _, answer = _get(f"{base}/api/decide", {"X-Review-Token": token, "Content-Type": "application/json"}, body)
    assert status == 200 and json.loads(answer) == {"saved": True}


def test_a_foreign_host_header_is_refused(server):
    base, token, _ = server
    assert _get(f"{base}/?token={token}", {"Host": "attacker.example"})[0] == 403
    assert _get(f"{base}/?token={token}", {"Host": "localhost"})[0] == 200


def test_nothing_outside_the_run_is_served(server):
    base, token, _ = server
    for path in ("/static/..%2F..%2Fpyproject.toml", "/static/review.py", "/api/documents/99", "/etc/passwd",
                 "/static/%2e%2e/review_server.py"):
        assert _get(f"{base}{path}?token={token}")[0] in (400, 404), path


def test_a_pdf_page_is_pictured_with_the_boxes_to_come(server):
    base, token, _ = server
    run = json.loads(_get(f"{base}/api/run?token={token}")[2])
    pdf = next(d["index"] for d in run["documents"] if d["name"] == "notes.pdf")
    txt = next(d["index"] for d in run["documents"] if d["name"] == "visit.txt")
    pages = json.loads(_get(f"{base}/api/documents/{pdf}/pages?token={token}")[2])["pages"]
    assert len(pages) == 1 and pages[0]["boxes"] and all(len(q) == 8 for q in pages[0]["boxes"])
    status, headers, png = _get(f"{base}/api/documents/{pdf}/pages/0.png?token={token}")
    assert status == 200 and png.startswith(b"\x89PNG")
    assert _get(f"{base}/api/documents/{pdf}/pages/0.png")[0] == 403
    assert _get(f"{base}/api/documents/{pdf}/pages/7.png?token={token}")[0] == 400
    assert _get(f"{base}/api/documents/{txt}/pages?token={token}")[0] == 400


def test_document_values_reach_the_page_as_data_not_markup(server, tmp_path):
    base, token, _ = server
    status, _, body = _get(f"{base}/api/documents/0?token={token}")
    data = json.loads(body)
    assert status == 200 and data["findings"] and data["text"]
    script = (Path(__file__).resolve().parent.parent / "redactor" / "static" / "review.js").read_text()
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "eval(" not in script


# ---------------------------------------------------------------------- in a real browser
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


@pytest.fixture
def browser(tmp_path):
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1400,1000", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))  # a run in this process capped it; Chromium reserves more
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    yield driver
    driver.quit()


SCREENSHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"


def test_the_whole_review_loop_in_a_browser(server, browser):
    """Open the page, switch a finding to keep, keep one person, add a missed value, apply: the
    copy and the disclosure log show each step. Screenshots of every view go to build/screenshots."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as seen
    from selenium.webdriver.support.ui import Select, WebDriverWait
    base, token, root = server
    from selenium.common.exceptions import StaleElementReferenceException
    wait = WebDriverWait(browser, 20, ignored_exceptions=(StaleElementReferenceException, StopIteration, IndexError))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def saved() -> None:
        wait.until(lambda d: d.find_element(By.ID, "status").text in ("saved", "ready"))

    browser.get(f"{base}/?token={token}")
    wait.until(seen.text_to_be_present_in_element((By.ID, "status"), "ready"))
    browser.save_screenshot(str(SCREENSHOTS / "documents.png"))
    assert {a.text for a in browser.find_elements(By.CSS_SELECTOR, "#documents a")} == \
        {"visit.txt", "referral.docx", "notes.pdf"}

    browser.find_element(By.LINK_TEXT, "visit.txt").click()
    item = wait.until(lambda d: next(li for li in d.find_elements(By.CSS_SELECTOR, "#findings li")
                                     if "Tobias Kettleworth" in li.text))
    item.find_element(By.TAG_NAME, "button").click()  # staff named in their role: keep
    wait.until(lambda d: any("Tobias Kettleworth" in li.text and "keep" in li.get_attribute("class")
                             for li in d.find_elements(By.CSS_SELECTOR, "#findings li")))
    # select a value the tool missed, as a reviewer drags over it, and redact it in this document
    browser.execute_script("""
        const span = [...document.querySelectorAll('#doc-text span')].find(s => s.textContent.includes('GHX-7731'));
        const node = span.firstChild, at = node.textContent.indexOf('GHX-7731');
        const range = document.createRange(); range.setStart(node, at); range.setEnd(node, at + 8);
        const s = document.getSelection(); s.removeAllRanges(); s.addRange(range);""")
    wait.until(seen.visibility_of_element_located((By.ID, "selection-box")))
    browser.find_element(By.ID, "add-document").click()
    wait.until(seen.text_to_be_present_in_element((By.ID, "added"), "GHX-7731"))
    saved()
    browser.save_screenshot(str(SCREENSHOTS / "document.png"))

    browser.find_element(By.ID, "show-documents").click()
    browser.find_element(By.LINK_TEXT, "notes.pdf").click()  # a PDF: its pages, with the boxes to come
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#doc-pages svg polygon")
               and d.execute_script("const i = document.querySelector('#doc-pages img');"
                                    "return i && i.complete && i.naturalWidth > 0;"))
    browser.save_screenshot(str(SCREENSHOTS / "pdf.png"))

    browser.find_element(By.ID, "show-people").click()
    row = wait.until(lambda d: next(r for r in d.find_elements(By.CSS_SELECTOR, "#people tbody tr")
                                    if "Amir Haddad" in r.text))
    person = row.get_attribute("data-person")
    row.find_element(By.CSS_SELECTOR, "button.person-keep").click()  # the doctor, in their role: keep all
    wait.until(lambda d: any(r.get_attribute("data-person") == person and r.find_elements(By.TAG_NAME, "td")[4].text
                             == "keep" for r in d.find_elements(By.CSS_SELECTOR, "#people tbody tr")))
    browser.save_screenshot(str(SCREENSHOTS / "people.png"))

    browser.find_element(By.ID, "show-apply").click()
    browser.find_element(By.ID, "recipient").send_keys("North Yorkshire Police")
    browser.find_element(By.ID, "purpose").send_keys("investigation of a theft")
    Select(browser.find_element(By.ID, "basis")).select_by_value("criminal-investigation")
    browser.find_element(By.ID, "by").send_keys("AB")
    browser.find_element(By.ID, "apply").click()
    wait.until(seen.text_to_be_present_in_element((By.ID, "status"), "disclosure recorded"))
    browser.save_screenshot(str(SCREENSHOTS / "apply.png"))
    assert [r.text.split()[1] for r in browser.find_elements(By.CSS_SELECTOR, "#outcomes tbody tr")] == \
        ["redacted"] * 3

    (folder,) = (root / "out").glob("reviewed-*")
    copy = (folder / "visit.redacted.txt").read_text()
    assert "Tobias Kettleworth" in copy and "GHX-7731" not in copy and "Brackenbury" not in copy
    words = "\n".join(p.text for p in docx.Document(str(folder / "referral.redacted.docx")).paragraphs)
    assert "Amir Haddad" in words and "Brackenbury" not in words
    entries = disclosure_log.entries(root / "log.sqlite")
    assert {(e["recipient"], e["basis"], e["by"]) for e in entries} == {
        ("North Yorkshire Police", "criminal-investigation", "AB")}


def test_decisions_csv_survives_a_spreadsheet_and_a_moved_folder(tmp_path: Path):
    """A number whose leading zero a spreadsheet dropped still applies; a row that no longer
    matches names its line; a file moved since the scan is found by its SHA-256."""
    from redactor import decisions
    text = "Mrs Ada Quill, mobile 07700900123.\n"
    (tmp_path / "a.txt").write_text(text)
    digest = decisions.sha256(tmp_path / "a.txt")
    start = text.index("07700900123")
    header = "file,sha256,entity_type,text,start,end,decision\n"
    csv = tmp_path / "decisions.csv"
    csv.write_text(header + f"{tmp_path / 'elsewhere' / 'a.txt'},{digest},PHONE_NUMBER,7700900123,{start},"
                   f"{start + 11},redact\n")
    (outcome,) = api.apply_decisions([tmp_path / "a.txt"], csv, tmp_path / "out")
    assert outcome.status == "redacted" and "07700900123" not in Path(outcome.output).read_text()
    csv.write_text(header + f"{tmp_path / 'a.txt'},{digest},PERSON,Ada Quilt,4,13,redact\n")
    (outcome,) = api.apply_decisions([tmp_path / "a.txt"], csv, tmp_path / "out2")
    assert outcome.status == "refused" and "line 2" in outcome.message and "Quil" not in outcome.message


def test_one_mention_is_one_finding_and_one_row():
    """'Helen' found alone and inside 'Helen Brightwell' at the same place is one mention."""
    findings = api.scan_text("Helen Brightwell came to the office. Later Helen said no.")
    spans = [(f.start, f.end) for f in findings if f.action == "redact"]
    assert spans == [(0, 16), (43, 48)]
