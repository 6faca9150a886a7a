"""Realistic synthetic documents of the kinds a care regulator shares: inspection notes, complaint
letters, safeguarding referral forms, medication audits and e-mails. Each document draws its
sentences from a pool, so no two read alike and none repeats a paragraph. Every identifier is
invented but valid in form (NHS numbers pass modulus 11, phone numbers are Ofcom's drama ranges,
postcodes have real areas), and where each one lies is written beside the document.

    python benchmarks/generate_corpus.py OUTDIR [--count 500] [--seed 1] [--spans DIR]

Writes ``doc-NNNN.txt``; with ``--spans DIR``, also ``DIR/doc-NNNN.json`` (a list of ``[start, end, type]``).
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Callable, Union

from redactor.models.settings import lexicon

HOMES = ["Oakleigh Care Home", "Meadowbank Lodge", "The Willows Nursing Home", "Beechwood House",
         "Ashgrove Court", "Riverside Manor", "Hollybank Care Centre", "St Anne's Residential Home"]
SERVICES = ["Brightside Home Care", "Northern Lights Supported Living", "Calder Valley Domiciliary Services",
            "Westfield Day Centre"]
STREETS = ["Cooper Lane", "Moran Crescent", "Bennett Close", "Freeman Drive", "Station Road", "Church Street",
           "Mill Lane", "Victoria Avenue", "Park View", "Hawthorn Grove"]
TOWNS = [("Wigan", "WN"), ("Bolton", "BL"), ("Barnsley", "S"), ("Preston", "PR"), ("Grimsby", "DN"),
         ("Harrogate", "HG"), ("Leicester", "LE"), ("Norwich", "NR"), ("Exeter", "EX"), ("Carlisle", "CA")]
#: Given names from many backgrounds; some are not in the project's lexicons, as in real documents.
EXTRA_FORENAMES = ["Oluwaseun", "Agnieszka", "Siobhan", "Rhodri", "Priyanka", "Tendai", "Bogdan", "Aoife",
                   "Mehmet", "Nkechi", "Eilidh", "Tariq", "Ngozi", "Wojciech", "Chidi", "Grainne"]
CONCERNS = ["unexplained bruising to her upper arms", "missed doses of insulin over a weekend",
            "being left in wet continence pads for long periods", "money going missing from his room",
            "a fall that was not reported to the family", "being shouted at by a member of night staff",
            "weight loss that no one had referred to the dietitian", "bed rails fitted without an assessment"]
ROLES = ["care worker", "senior carer", "night nurse", "deputy manager", "activities coordinator", "cook"]

Piece = Union[str, tuple[str, str]]  # plain text, or (entity type, value)


class Names:
    """People invented for one document, drawn from the project's name lists plus a few more."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.forenames = sorted(lexicon("forenames")) + EXTRA_FORENAMES
        self.surnames = sorted(lexicon("surnames"))

    def full(self, title: bool | None = None) -> str:
        first = self.rng.choice(self.forenames).title()
        last = self.rng.choice(self.surnames).title()
        if title is None:
            title = self.rng.random() < 0.6
        return f"{self.rng.choice(['Mrs', 'Mr', 'Ms', 'Miss', 'Dr'])} {first} {last}" if title else f"{first} {last}"

    def initials(self) -> str:
        while True:  # not 'GP' or 'MP', which stand for a role
            value = "".join(self.rng.choice("ABCDEFGHJKLMNPRSTW") for _ in range(2))
            if value not in lexicon("acronyms"):
                return value


def nhs_number(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1))) % 11
        check = 0 if check == 11 else check
        if check != 10 and digits[0] != 0:
            s = "".join(map(str, digits + [check]))
            return rng.choice([f"{s[:3]} {s[3:6]} {s[6:]}", s, f"{s[:3]}-{s[3:6]}-{s[6:]}"])


def ni_number(rng: random.Random) -> str:
    prefix = rng.choice(["AB", "JK", "NP", "SC", "TW", "WL", "HE", "PR"])
    d = f"{rng.randint(0, 999999):06d}"
    return rng.choice([f"{prefix}{d}{rng.choice('ABCD')}", f"{prefix} {d[:2]} {d[2:4]} {d[4:]} {rng.choice('ABCD')}"])


def phone(rng: random.Random) -> str:
    return rng.choice([f"0161 496 0{rng.randint(0, 999):03d}", f"0113 496 0{rng.randint(0, 999):03d}",
                       f"020 7946 0{rng.randint(0, 999):03d}", f"07700 900{rng.randint(0, 999):03d}",
                       f"01632 960{rng.randint(0, 999):03d}"])


def date(rng: random.Random, years: tuple[int, int] = (2024, 2025)) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(*years)
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
    return rng.choice([f"{day} {months[month - 1]} {year}", f"{day:02d}/{month:02d}/{year}"])


def address(rng: random.Random) -> tuple[str, str]:
    """A street address and its postcode, kept apart so both are marked."""
    town, area = rng.choice(TOWNS)
    postcode = f"{area}{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}" \
               f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    flat = rng.choice(["", f"Flat {rng.randint(1, 12)}, "])
    return f"{flat}{rng.randint(1, 150)} {rng.choice(STREETS)}, {town}", postcode


def email_of(name: str, domain: str) -> str:
    parts = [p.lower() for p in name.split() if p not in ("Mrs", "Mr", "Ms", "Miss", "Dr")]
    return f"{parts[0]}.{parts[-1]}@{domain}"


def inspection_note(rng: random.Random, names: Names) -> list[Piece]:
    resident, carer, relative, manager = (names.full() for _ in range(4))
    street, postcode = address(rng)
    pool: list[list[Piece]] = [
        ["I spoke with ", ("PERSON", resident), " (DOB ", ("DATE_OF_BIRTH", date(rng, (1925, 1950))),
         ", NHS number ", ("NHS_NUMBER", nhs_number(rng)), ") in the lounge. They told me that the ",
         rng.choice(ROLES), " ", ("PERSON", carer), f" had not acted on {rng.choice(CONCERNS)}."],
        ["Their relative, ", ("PERSON", relative), ", of ", ("ADDRESS", street), " ", ("POSTCODE", postcode),
         ", can be reached on ", ("PHONE_NUMBER", phone(rng)), "."],
        ["The registered manager, ", ("PERSON", manager), ", agreed to send an action plan under Regulation ",
         str(rng.choice([9, 12, 13, 17])), "."],
        ["Staff were kind and the home was clean, but records of fluid intake were incomplete."],
        ["Call bells were answered within two minutes during the visit."],
        ["The medicines room was locked and its temperature recorded daily."],
        ["Care plans had been reviewed monthly, although some risk assessments were out of date."],
        ["Two of the eight staff files we looked at did not contain a full employment history."],
        ["People told us they enjoyed the activities, in particular the weekly music session."],
        ["We observed lunch in the main dining room; people who needed help to eat received it promptly."],
        ["Night staffing had been reduced to one waking carer on two occasions in the last month."],
        ["We will review the provider's action plan at the next inspection."],
        ["The home had not notified us of two incidents that met the threshold for a statutory notification."],
        ["Staff we spoke with knew how to raise a safeguarding concern and who the lead was."],
        ["Infection control audits were completed, but the sluice room on the first floor was cluttered."],
        ["Some people had not been weighed since the spring, so changes in weight could have been missed."],
        ["The provider's own quality audits had identified most of these issues, but actions were not completed."],
    ]
    head: list[Piece] = [f"Inspection of {rng.choice(HOMES)} on {date(rng)} "
                         f"(location ID 1-{rng.randint(100000000, 999999999)}).\n\n"]
    return head + _paragraphs(rng, pool[:3] + rng.sample(pool[3:], rng.randint(5, 12))) + ["\n"]


def complaint_letter(rng: random.Random, names: Names) -> list[Piece]:
    writer, mother, nurse = names.full(title=False), names.full(), names.full()
    street, postcode = address(rng)
    home = rng.choice(HOMES)
    body: list[list[Piece]] = [
        ["I am writing to complain about the care my mother, ", ("PERSON", mother),
         f", received at {home} between {date(rng)} and {date(rng)}."],
        ["On several visits I found her with ", rng.choice(CONCERNS), ". When I raised this with the nurse in charge, ",
         ("PERSON", nurse), ", I was told that the home was short-staffed."],
        ["My mother is 87 and lives with dementia. She cannot speak up for herself."],
        ["I raised these concerns with the home in writing and have not had a reply after six weeks."],
        ["I would like the home to explain what happened and what it will do to stop it happening again."],
        ["I have kept a diary of my visits and can send a copy if that would help."],
        ["I am happy for you to share this letter with the provider."],
        ["Her room was cold on each visit and the radiator did not work for most of the winter."],
        ["Staff did not seem to know her likes and dislikes, although we filled in a life history when she moved in."],
        ["The manager was helpful when I met her, but nothing changed afterwards."],
        ["I understand that you do not investigate individual complaints, but I want you to be aware of this."],
    ]
    head: list[Piece] = [("ADDRESS", street), "\n", ("POSTCODE", postcode), "\n\n", date(rng), "\n\n",
                         "Dear Sir or Madam,\n\n"]
    tail: list[Piece] = ["\n\nYours faithfully,\n\n", ("PERSON", writer), "\n", ("PHONE_NUMBER", phone(rng)), "\n",
                         ("EMAIL_ADDRESS", email_of(writer, rng.choice(["example.com", "example.org.uk"]))), "\n"]
    return head + _paragraphs(rng, body[:2] + rng.sample(body[2:], rng.randint(3, 9))) + tail


def safeguarding_referral(rng: random.Random, names: Names) -> list[Piece]:
    person, referrer, gp = names.full(title=False), names.full(), names.full(title=False)
    street, postcode = address(rng)
    fields: list[Piece] = [
        "SAFEGUARDING ADULTS REFERRAL\n\n", "Name of adult at risk: ", ("PERSON", person), "\n",
        "Date of birth: ", ("DATE_OF_BIRTH", date(rng, (1930, 1990))), "\n",
        "NHS number: ", ("NHS_NUMBER", nhs_number(rng)), "\n",
        "National Insurance number: ", ("NI_NUMBER", ni_number(rng)), "\n",
        "Address: ", ("ADDRESS", street), ", ", ("POSTCODE", postcode), "\n",
        "GP: Dr ", ("PERSON", gp), ", Moorside Surgery\n",
        f"Service: {rng.choice(SERVICES + HOMES)}\n\n",
        "Referrer: ", ("PERSON", referrer), f", {rng.choice(ROLES)}, tel ", ("PHONE_NUMBER", phone(rng)), "\n\n",
        "Description of concern:\n"]
    pool: list[list[Piece]] = [
        ["On ", date(rng), " staff noticed ", rng.choice(CONCERNS), "."],
        ["The adult has capacity to make decisions about this and has consented to the referral."],
        ["The adult was seen by the GP the following day and no fracture was found."],
        ["The family were informed by telephone and are supportive of the referral."],
        ["The police have not been contacted at this stage."],
        ["A body map was completed and is attached."],
        ["The member of staff involved has been suspended pending an investigation."],
        ["There have been two similar incidents in the last three months, both recorded in the incident log."],
        ["The adult's care plan has been updated and staff have been reminded of the moving and handling guidance."],
        ["The adult said she did not want to make a fuss but agreed that the manager could tell the council."],
    ]
    return fields + _paragraphs(rng, [pool[0]] + rng.sample(pool[1:], rng.randint(3, 9))) + ["\n"]


def medication_audit(rng: random.Random, names: Names) -> list[Piece]:
    auditor = names.full(title=False)
    rows: list[Piece] = [f"Medication audit: {rng.choice(HOMES)}, {date(rng)}\n",
                         "Audited by ", ("PERSON", auditor), "\n\n", "Resident | Medicine | Issue | Staff\n"]
    medicines = ["Paracetamol 500mg", "Metformin 500mg", "Donepezil 10mg", "Warfarin 3mg", "Lactulose 10ml",
                 "Amlodipine 5mg", "Sertraline 50mg"]
    issues = ["dose not signed for", "stock count does not match", "no PRN protocol", "given late",
              "handwritten entry not countersigned"]
    for _ in range(rng.randint(6, 14)):
        rows += [("INITIALS", names.initials()), f" (room {rng.randint(1, 40)}) | {rng.choice(medicines)} | "
                 f"{rng.choice(issues)} | ", ("INITIALS", names.initials()), "\n"]
    rows += ["\nActions: the deputy manager will re-train staff on recording and repeat the audit in four weeks.\n"]
    return rows


def email(rng: random.Random, names: Names) -> list[Piece]:
    sender, recipient, resident = names.full(title=False), names.full(title=False), names.full()
    pool: list[list[Piece]] = [
        ["Following our call this morning, I can confirm that ", ("PERSON", resident),
         " has moved to a ground-floor room after the fall on ", date(rng), "."],
        ["The falls team visited on Tuesday and recommended a sensor mat, which is now in place."],
        ["Could you let me know when the reassessment is booked?"],
        ["The family have asked for a copy of the incident report; please advise whether we can share it."],
        ["I have attached the updated care plan and the body map."],
        ["The GP has reviewed the medication and stopped the sedative that may have contributed."],
        ["Staff are recording checks every hour overnight and the records are being audited weekly."],
    ]
    head: list[Piece] = ["From: ", ("PERSON", sender), " <", ("EMAIL_ADDRESS", email_of(sender, "brightside.example.com")),
                         ">\nTo: ", ("PERSON", recipient), " <",
                         ("EMAIL_ADDRESS", email_of(recipient, "council.example.gov.uk")), f">\nSent: {date(rng)}\n"
                         "Subject: Update on the resident in room ", str(rng.randint(1, 40)), "\n\n",
                         "Hi ", ("PERSON", recipient.split()[0]), ",\n\n"]
    tail: list[Piece] = ["\n\nKind regards,\n", ("PERSON", sender), f"\nRegistered Manager, {rng.choice(SERVICES)}\n",
                         "Tel: ", ("PHONE_NUMBER", phone(rng)), "\n"]
    return head + _paragraphs(rng, [pool[0]] + rng.sample(pool[1:], rng.randint(2, 6))) + tail


def _paragraphs(rng: random.Random, sentences: list[list[Piece]]) -> list[Piece]:
    """Sentences in the given order, grouped into paragraphs of one to three."""
    out: list[Piece] = []
    for n, sentence in enumerate(sentences):
        if n:
            out.append("\n\n" if rng.random() < 0.4 else " ")
        out += sentence
    return out


KINDS: list[Callable[[random.Random, Names], list[Piece]]] = [
    inspection_note, complaint_letter, safeguarding_referral, medication_audit, email]


def render(pieces: list[Piece]) -> tuple[str, list[tuple[int, int, str]]]:
    """The document's text and where each identifier lies in it."""
    text, spans = "", []
    for piece in pieces:
        if isinstance(piece, tuple):
            kind, value = piece
            spans.append((len(text), len(text) + len(value), kind))
            text += value
        else:
            text += piece
    return text, spans


def generate(outdir: Path, count: int, seed: int = 1, spans_dir: Path | None = None) -> list[Path]:
    """``count`` documents of the five kinds in turn; where each identifier lies goes to ``spans_dir``
    (not beside the documents, where a batch run would meet it)."""
    rng = random.Random(seed)
    names = Names(rng)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        text, spans = render(KINDS[n % len(KINDS)](rng, names))
        path = outdir / f"doc-{n:04d}.txt"
        path.write_text(text, encoding="utf-8")
        if spans_dir:
            spans_dir.mkdir(parents=True, exist_ok=True)
            (spans_dir / f"doc-{n:04d}.json").write_text(json.dumps(spans), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--spans", type=Path, help="write where each identifier lies here")
    args = ap.parse_args()
    generate(args.outdir, args.count, args.seed, args.spans)


if __name__ == "__main__":
    main()
