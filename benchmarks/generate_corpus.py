"""Realistic synthetic documents of the kinds a care regulator shares (inspection notes, complaint
letters, safeguarding referrals, medication audits), for benchmarks. Every identifier is invented
but valid in form (NHS numbers pass modulus 11; phone numbers are Ofcom's drama ranges).

    python benchmarks/generate_corpus.py OUTDIR [--count 500] [--seed 1]
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

from redactor.models.settings import lexicon

HOMES = ["Oakleigh Care Home", "Meadowbank Lodge", "The Willows Nursing Home", "Beechwood House", "Ashgrove Court"]
STREETS = ["Cooper Lane", "Moran Crescent", "Bennett Close", "Freeman Drive", "Station Road", "Church Street"]
TOWNS = ["Wigan", "Bolton", "Barnsley", "Preston", "Grimsby", "Harrogate"]


def nhs_number(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1))) % 11
        check = 0 if check == 11 else check
        if check != 10:
            s = "".join(map(str, digits + [check]))
            return f"{s[:3]} {s[3:6]} {s[6:]}"


def person(rng: random.Random, names: tuple[list[str], list[str]]) -> str:
    return f"{rng.choice(['Mrs', 'Mr', 'Ms', 'Miss', ''])} {rng.choice(names[0]).title()} {rng.choice(names[1]).title()}".strip()


def document(rng: random.Random, names: tuple[list[str], list[str]]) -> str:
    resident, carer, relative, manager = (person(rng, names) for _ in range(4))
    home = rng.choice(HOMES)
    date = f"{rng.randint(1, 28)} {rng.choice(['March', 'April', 'May', 'June'])} 2024"
    dob = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1925, 1950)}"
    address = f"{rng.randint(1, 150)} {rng.choice(STREETS)}, {rng.choice(TOWNS)}"
    phone = f"0161 496 0{rng.randint(0, 999):03d}"
    paragraphs = [
        f"Inspection of {home} on {date} (location ID 1-{rng.randint(100000000, 999999999)}).",
        f"I spoke with {resident} (DOB {dob}, NHS number {nhs_number(rng)}) in the lounge. "
        f"They told me that the care worker {carer} had not given their evening medicines on two occasions.",
        f"Their relative, {relative}, of {address}, can be reached on {phone}. "
        f"The registered manager, {manager}, agreed to send an action plan under Regulation 12.",
        "Staff were kind and the home was clean, but records of fluid intake were incomplete. "
        "We will review the provider's action plan at the next inspection.",
    ]
    rng.shuffle(paragraphs[1:3])
    return "\n\n".join(paragraphs * rng.randint(1, 3)) + "\n"


def generate(outdir: Path, count: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    names = (sorted(lexicon("forenames")), sorted(lexicon("surnames")))
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = outdir / f"doc-{n:04d}.txt"
        path.write_text(document(rng, names), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    generate(args.outdir, args.count, args.seed)


if __name__ == "__main__":
    main()
