#!/usr/bin/env python3
"""Independent evaluation set for a UK redaction tool (health and social care regulator).

Writes 40 synthetic documents (10 kinds x 4) as <id>.txt plus <id>.gold.json into the folder
given as the first argument (default ./independent-docs), ready for ../shared/corpus/score.py.  Seeded, standard library only.  Every person, number and address is
invented; identifiers are valid in form (NHS modulus 11, HMRC NINO prefixes, Ofcom drama
phone ranges).  Gold: {"id", "kind", "phrasing", "cpi", "keep", "flags"} with offsets into
the .txt; "id" is what score.py uses to find the .txt.

Templates are written with inline markup  \x01LABEL\x02text\x03  (nestable) and rendered
to plain text + spans, so offsets can never drift.
"""
import collections
import datetime
import json
import os
import random
import re
import sys
import unicodedata

SEED = 7316
OUT = sys.argv[1] if len(sys.argv) > 1 else "independent-docs"

# --------------------------------------------------------------------------- markup
OPEN, SEP, CLOSE = "\x01", "\x02", "\x03"
CPI_LABELS = {"PERSON", "INITIALS", "NHS_NUMBER", "NI_NUMBER", "DATE_OF_BIRTH", "PHONE_NUMBER",
              "EMAIL_ADDRESS", "ADDRESS", "POSTCODE"}


def m(label, text):
    return f"{OPEN}{label}{SEP}{text}{CLOSE}"


def K(text):
    return m("KEEP", text)


def P(text):
    return m("PERSON", text)


def render(markup):
    out, spans, stack, pos, i = [], [], [], 0, 0
    while i < len(markup):
        ch = markup[i]
        if ch == OPEN:
            j = markup.index(SEP, i)
            stack.append((markup[i + 1:j], pos))
            i = j + 1
            continue
        if ch == CLOSE:
            label, start = stack.pop()
            spans.append((start, pos, label))
            i += 1
            continue
        out.append(ch)
        pos += 1
        i += 1
    assert not stack, "unclosed span"
    return "".join(out), spans


# --------------------------------------------------------------------------- pools
ORIGINS = {
    "british": {"F": ["Margaret", "Susan", "Joan", "Eileen", "Hannah", "Chloe", "Lucy", "Gillian", "Beryl",
                      "Doreen", "Sophie", "Karen", "Brenda", "Elsie"],
                "M": ["Thomas", "Gareth", "Stuart", "Ian", "Keith", "Callum", "Harry", "Alan", "Derek",
                      "Geoffrey", "Nigel", "Ronald"],
                "L": ["Thompson", "Pritchard", "Bainbridge", "Holroyd", "Atkinson", "Whitworth", "Fairclough",
                      "Ramsden", "Hargreaves", "Sutcliffe", "Pickles", "Greenhalgh", "Ackroyd", "Llewellyn"]},
    "irish": {"F": ["Siobhan", "Aoife", "Niamh", "Eimear", "Roisin", "Bridget", "Orla", "Sinéad"],
              "M": ["Ciaran", "Declan", "Padraig", "Cathal", "Eoin", "Fergal", "Seamus"],
              "L": ["O'Sullivan", "McCarthy", "Doherty", "Byrne", "Kavanagh", "O'Connell", "Flanagan",
                    "Ní Bhriain", "Mac Giolla"]},
    "polish": {"F": ["Zofia", "Małgorzata", "Agnieszka", "Katarzyna", "Jadwiga", "Ewa", "Bożena"],
               "M": ["Krzysztof", "Wojciech", "Tomasz", "Bartosz", "Stanisław", "Grzegorz", "Paweł"],
               "LF": ["Nowak", "Kowalczyk", "Wiśniewska", "Zielińska", "Lewandowska", "Wójcik", "Dąbrowska"],
               "LM": ["Nowak", "Kowalczyk", "Wiśniewski", "Zieliński", "Szymański", "Wójcik", "Dąbrowski"]},
    "nigerian": {"F": ["Ngozi", "Adaeze", "Folasade", "Chiamaka", "Yetunde", "Oluwaseun", "Funmilayo"],
                 "M": ["Chinedu", "Emeka", "Babatunde", "Ifeanyi", "Olumide", "Tunde", "Obinna"],
                 "L": ["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Olawale", "Nwosu", "Adebayo"]},
    "ghanaian": {"F": ["Akosua", "Ama", "Abena", "Efua", "Adwoa", "Yaa"],
                 "M": ["Kwame", "Kofi", "Yaw", "Kwabena", "Kwesi", "Kojo"],
                 "L": ["Mensah", "Asante", "Owusu", "Boateng", "Appiah", "Osei", "Agyeman", "Darko"]},
    "pakistani": {"F": ["Ayesha", "Nasreen", "Saima", "Rukhsana", "Shazia", "Farzana"],
                  "M": ["Imran", "Farhan", "Bilal", "Tariq", "Zahid", "Naveed"],
                  "L": ["Hussain", "Akhtar", "Qureshi", "Mahmood", "Rashid", "Iqbal", "Chaudhry", "Butt"]},
    "indian": {"F": ["Priya", "Sunita", "Deepa", "Harpreet", "Lakshmi", "Kavita", "Meena"],
               "M": ["Rajesh", "Arjun", "Manoj", "Gurpreet", "Sanjay", "Vikram", "Harjit"],
               "L": ["Patel", "Sharma", "Raman", "Gill", "Nair", "Sandhu", "Krishnan", "Mehta", "Dhillon"]},
    "chinese": {"F": ["Mei Ling", "Xiaoling", "Li Na", "Yan", "Hui Min"],
                "M": ["Wei", "Jun", "Hao", "Chun Kit", "Zhiwei"],
                "L": ["Chen", "Wong", "Liu", "Zhang", "Lam", "Cheung", "Huang", "Tsang"]},
    "caribbean": {"F": ["Marcia", "Claudette", "Paulette", "Hyacinth", "Beverley", "Sonia"],
                  "M": ["Delroy", "Winston", "Errol", "Leroy", "Clive", "Everton"],
                  "L": ["Campbell", "Samuels", "McKenzie", "Beckford", "Grant", "Francis", "Lindo", "Forbes"]},
    "romanian": {"F": ["Ionela", "Mihaela", "Elena", "Raluca", "Andreea", "Florentina"],
                 "M": ["Andrei", "Florin", "Bogdan", "Cosmin", "Mihai", "Ionuț"],
                 "L": ["Popescu", "Ionescu", "Dumitru", "Stoica", "Munteanu", "Constantin", "Radu", "Georgescu"]},
    "somali": {"F": ["Hodan", "Fadumo", "Asha", "Sahra"], "M": ["Abdirahman", "Mohamed", "Abdi", "Hassan"],
               "L": ["Warsame", "Farah", "Jama", "Abdullahi"]},
    "bangladeshi": {"F": ["Shamima", "Rokeya", "Nazma"], "M": ["Rahim", "Jamal", "Shahid"],
                    "L": ["Begum", "Uddin", "Miah", "Chowdhury"]},
    "filipino": {"F": ["Maricel", "Rowena", "Jocelyn"], "M": ["Jose", "Ramil", "Arnel"],
                 "L": ["Santos", "Dela Cruz", "Villanueva", "Bautista"]},
}
# names that are also ordinary words or places (used for about 20% of people)
WORD_FIRST = {"F": ["Rose", "Hope", "Grace", "May", "Faith", "Joy", "Ivy", "Hazel", "Dawn", "Pearl", "June",
                    "Iris", "Holly", "Amber"],
              "M": ["Frank", "Mark", "Bill", "Jack", "Victor", "Earl", "Guy", "Dean", "Miles", "Cliff", "Chester"]}
WORD_LAST = ["Lane", "Hill", "Brook", "Ward", "Hall", "Marsh", "Chester", "Green", "Bishop", "Wood", "Moss",
             "Street", "Field", "Cross", "Church", "Banks", "Stone", "Kent", "Lincoln", "Rivers", "Sharp",
             "Young", "Mason", "Baker", "Small"]
WORD_ORIGINS = ["british", "caribbean", "irish"]

STREETS = ["Kingfisher Court", "Albion Terrace", "Wharf Street", "Moorside Road", "Cranbrook Avenue",
           "Hollin Close", "Station Approach", "Victoria Mews", "Lister Gardens", "Beck View", "Tannery Walk",
           "Rosemount Drive", "Quarry Bank", "Sycamore Rise", "Chapel Fold", "Mill Lane", "Brunswick Place",
           "Heather Way", "Foundry Row", "Orchard Grove", "Larkhill Crescent", "Canal Side"]
LOCALITIES = ["Eastwick", "Lower Fenby", "Thornleigh", "Oxenholt", "Kelderby", "Marlow Bottom", "Hartsholme",
              "Upper Brayton", "Scarcliffe Moor", "Dunmere", "Aldwick Green", "Stanbury Edge"]
TOWNS = ["Calderford", "Brightholme", "Netherby", "Swaleton", "Kirkmoor", "Easterleigh"]
PC_AREAS = ["LS", "BD", "HX", "M", "OL", "S", "NE", "B", "CV", "BS", "CF", "NG", "LE", "PR", "WF", "HD", "YO",
            "DN", "L", "SK", "BB", "TS"]
PC_UNIT = "ABDEFGHJLNPQRSTUWXYZ"

CARE_HOMES = ["Brambleside Care Home", "Oakhurst Lodge Nursing Home", "St Brigid's House", "The Willows Residential Home",
              "Meadowcroft Court", "Heathfield Grange Care Centre", "Larkspur House", "Ferncliffe Manor Nursing Home",
              "Holmewood View", "Cedar Bank Care Home"]
PROVIDERS = ["Ashlar Healthcare Ltd", "Kestrel Care Group", "Northern Lights Care Homes Ltd", "Fairhaven Care Partnership"]
HOMECARE = ["Kindred Home Support Ltd", "Homeward Care Services", "Evergreen Community Care CIC",
            "BrightPath Domiciliary Care", "Tender Hands Homecare Ltd"]
PRACTICES = ["Ashgrove Medical Practice", "Kingsmead Health Centre", "Thornbury Road Surgery",
             "Dalesview Family Practice", "Wellgate Medical Centre"]
TRUSTS = ["North Calder NHS Foundation Trust", "Westmere and Ashby Hospitals NHS Trust",
          "Pennine Vale Community Health NHS Trust", "Severnside University Hospitals NHS Foundation Trust"]
HOSPITALS = ["Calderford General Hospital", "Westmere Royal Infirmary", "St Helier's Community Hospital"]
COUNCILS = ["Westmere Borough Council", "Calder Vale Metropolitan Borough Council", "Ashby County Council",
            "Ravensmoor City Council"]
POLICE = ["Northvale Police", "Westmere Constabulary", "Pennine Vale Police"]
ICBS = ["Calder and Westmere Integrated Care Board", "Pennine Vale Integrated Care Board"]
WARDS = ["Larch Ward", "Rowan Ward", "Ward 23", "Bluebell Ward", "Ward 7B", "Acute Medical Unit", "Hawthorn Ward"]
MEDS = ["apixaban 5mg", "morphine sulfate oral solution 10mg/5ml", "levetiracetam 500mg", "insulin glargine",
        "co-codamol 30/500", "sertraline 50mg", "warfarin", "donepezil 10mg", "lorazepam 1mg", "oxycodone 5mg",
        "metformin 500mg", "quetiapine 25mg", "gabapentin 300mg", "buprenorphine 10 microgram patch",
        "furosemide 40mg", "alendronic acid 70mg", "memantine 20mg", "enoxaparin 40mg"]
ORG_ADDRESSES = ["The Health Centre, Market Street, Calderford", "2 Infirmary Square, Netherby",
                 "Unit 4, Riverside Business Park, Swaleton", "Old Vicarage, Church Road, Kirkmoor"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def fdate(d, style):
    suf = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
    return {
        "dmy": d.strftime("%d/%m/%Y"),
        "dmy2": d.strftime("%d/%m/%y"),
        "dots": d.strftime("%d.%m.%Y"),
        "dots2": d.strftime("%d.%m.%y"),
        "long": f"{d.day} {MONTHS[d.month - 1]} {d.year}",
        "ord": f"{d.day}{suf} {MONTHS[d.month - 1]} {d.year}",
        "mon": f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}",
        "iso": d.strftime("%Y-%m-%d"),
        "dash": f"{d.day:02d}-{MONTHS[d.month - 1][:3]}-{d.year}",
        "day": f"{DAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}",
        "us": f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    }[style]


def ascii_fold(s):
    s = unicodedata.normalize("NFKD", s.replace("ł", "l").replace("Ł", "L"))
    return "".join(ch for ch in s if ch.isascii() and (ch.isalnum()))


# --------------------------------------------------------------------------- identifiers
class Gen:
    """Per-run generator of unique identifiers; per-document name uniqueness."""

    def __init__(self, r):
        self.r = r
        self.used = set()
        self.doc_names = set()
        self.people = []

    def new_doc(self):
        self.doc_names = set()

    def uniq(self, f):
        for _ in range(1000):
            v = f()
            if v not in self.used:
                self.used.add(v)
                return v
        raise RuntimeError("no unique value")

    def nhs_digits(self):
        def one():
            while True:
                d = [self.r.randint(4, 9)] + [self.r.randint(0, 9) for _ in range(8)]
                total = sum(x * w for x, w in zip(d, range(10, 1, -1)))
                check = 11 - total % 11
                if check == 11:
                    check = 0
                if check != 10:
                    return "".join(map(str, d + [check]))
        return self.uniq(one)

    def nino_raw(self):
        first = "ABCEGHJKLMNOPRSTWXYZ"
        second = "ABCEGHJKLMNPRSTWXYZ"

        def one():
            while True:
                pre = self.r.choice(first) + self.r.choice(second)
                if pre not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}:
                    break
            return pre + "".join(str(self.r.randint(0, 9)) for _ in range(6)) + self.r.choice("ABCD")
        return self.uniq(one)

    def phone(self, kind):
        """Ofcom drama ranges. Returns (kind, digits-tail)."""
        if kind == "mobile":
            return ("mobile", self.uniq(lambda: "m" + f"{self.r.randint(0, 999):03d}")[1:])
        k = self.r.choice(["01632", "0113", "020"])
        if k == "01632":
            return (k, self.uniq(lambda: "a" + f"{self.r.randint(0, 999):03d}")[1:])
        if k == "0113":
            return (k, self.uniq(lambda: "b" + f"{self.r.randint(0, 999):03d}")[1:])
        return (k, self.uniq(lambda: "c" + f"{self.r.randint(0, 999):03d}")[1:])

    def postcode(self):
        def one():
            a = self.r.choice(PC_AREAS)
            return f"{a}{self.r.randint(1, 29)} {self.r.randint(1, 9)}{self.r.choice(PC_UNIT)}{self.r.choice(PC_UNIT)}"
        return self.uniq(one)

    def location_id(self):
        return self.uniq(lambda: "1-" + str(self.r.randint(100000000, 9999999999) if self.r.random() < 0.3
                                           else self.r.randint(100000000, 999999999)))

    def org_phone(self):
        kind, tail = self.phone("land")
        return fmt_phone(kind, tail, self.r, org=True)

    def person(self, role="adult", gender=None, wordy=None):
        r = self.r
        gender = gender or r.choice("FM")
        if wordy is None:
            wordy = r.random() < 0.24
        for _ in range(200):
            if wordy:
                origin = r.choice(WORD_ORIGINS)
                mode = r.choice(["first", "last", "both"])
                first = r.choice(WORD_FIRST[gender]) if mode in ("first", "both") else r.choice(ORIGINS[origin][gender])
                last = r.choice(WORD_LAST) if mode in ("last", "both") else r.choice(ORIGINS[origin]["L"])
            else:
                origin = r.choice(list(ORIGINS))
                o = ORIGINS[origin]
                first = r.choice(o[gender])
                last = r.choice(o["L"] if "L" in o else o["L" + gender])
            if first not in self.doc_names and last not in self.doc_names and first != last:
                break
        self.doc_names.update([first, last])
        q = Person(self, first, last, gender, role, origin, wordy)
        self.people.append(q)
        return q

    def relative(self, p, gender, role="adult", share=0.5):
        """A relative of p, sharing p's surname about half the time."""
        q = self.person(role, gender=gender, wordy=False if self.r.random() < share else None)
        if self.r.random() < share:
            last = p.last
            if p.origin == "polish" and gender != p.gender:      # Wiśniewski / Wiśniewska
                for mf in (("ski", "ska"), ("cki", "cka"), ("ny", "na")):
                    a, b = mf if gender == "F" else mf[::-1]
                    if last.endswith(a):
                        last = last[: -len(a)] + b
                        break
            q.last = last
            pool = ORIGINS.get(p.origin, {}).get(gender)
            if pool and not p.wordy:                              # same-origin first name
                firsts = [f for f in pool if f not in self.doc_names]
                if firsts:
                    q.first = self.r.choice(firsts)
                    self.doc_names.add(q.first)
        return q


def fmt_phone(kind, tail, r, org=False, style=None):
    styles = {
        "mobile": [f"07700 900{tail}", f"07700900{tail}", f"+44 7700 900{tail}", f"07700 900 {tail}",
                   f"(+44) 07700 900{tail}"],
        "01632": [f"01632 960{tail}", f"01632960{tail}", f"(01632) 960{tail}", f"+44 1632 960{tail}"],
        "0113": [f"0113 496 0{tail}", f"0113 4960{tail}", f"(0113) 496 0{tail}", f"+44 113 496 0{tail}"],
        "020": [f"020 7946 0{tail}", f"020 79460{tail}", f"(020) 7946 0{tail}", f"+44 20 7946 0{tail}"],
    }[kind]
    if org:
        return styles[0]
    if style is not None:
        return styles[style % len(styles)]
    return styles[0] if r.random() < 0.55 else r.choice(styles[1:])


class Person:
    def __init__(self, g, first, last, gender, role, origin, wordy):
        self.g, self.r = g, g.r
        self.first, self.last, self.gender, self.role, self.origin, self.wordy = first, last, gender, role, origin, wordy
        if role == "doctor":
            self.title = "Dr"
        elif gender == "F":
            self.title = self.r.choice(["Mrs", "Ms", "Miss", "Mrs"])
        else:
            self.title = "Mr"
        self.titled = role in ("old", "doctor") or self.r.random() < 0.5
        lo, hi = {"old": (1921, 1947), "staff": (1962, 2003), "adult": (1950, 2003), "doctor": (1960, 1990),
                  "young": (1975, 2006)}.get(role, (1950, 2003))
        start = datetime.date(lo, 1, 1)
        self.dob = start + datetime.timedelta(days=self.r.randint(0, (datetime.date(hi, 12, 31) - start).days))
        self._nhs = self._ni = self._mob = self._land = self._addr = self._pc = None

    # ---- names
    def name(self):
        return P(f"{self.first} {self.last}")

    def full(self):
        return P(f"{self.title} {self.first} {self.last}") if self.titled else self.name()

    def titled_full(self):
        return P(f"{self.title} {self.first} {self.last}")

    def tl(self):
        return P(f"{self.title} {self.last}")

    def s(self):
        return P(self.last)

    def f(self):
        return P(self.first)

    def fl(self):
        return P(self.first.lower())

    def low(self):
        return P(f"{self.first} {self.last}".lower())

    def cap(self):
        return P(f"{self.first} {self.last}".upper())

    def capt(self):
        return P(f"{self.title} {self.first} {self.last}".upper())

    def caps_last(self):
        return P(self.last.upper())

    def rev(self, upper=None):
        if upper is None:
            upper = self.r.random() < 0.5
        return P(f"{self.last.upper() if upper else self.last}, {self.first}")

    def fi(self):
        return P(f"{self.first[0]}. {self.last}")

    def initials_raw(self, style=None):
        a, b = self.first[0], ascii_fold(self.last)[0].upper()
        style = style if style is not None else self.r.choice(["dots", "plain", "plain", "dots_sp"])
        return {"dots": f"{a}.{b}.", "plain": f"{a}{b}", "dots_sp": f"{a}. {b}.", "lower": f"{a}{b}".lower()}[style]

    def ini(self, style=None):
        return m("INITIALS", self.initials_raw(style))

    # ---- identifiers
    def nhs_raw(self):
        if self._nhs is None:
            self._nhs = self.g.nhs_digits()
        return self._nhs

    def NHS(self, style=None):
        d = self.nhs_raw()
        style = style if style is not None else self.r.choice(["sp", "sp", "plain", "dash"])
        return m("NHS_NUMBER", {"sp": f"{d[:3]} {d[3:6]} {d[6:]}", "plain": d, "dash": f"{d[:3]}-{d[3:6]}-{d[6:]}"}[style])

    def NI(self, style=None):
        if self._ni is None:
            self._ni = self.g.nino_raw()
        n = self._ni
        style = style if style is not None else self.r.choice(["sp", "plain", "sp"])
        return m("NI_NUMBER", {"sp": f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:8]} {n[8]}", "plain": n,
                               "lower": n.lower()}[style])

    def DOB(self, style=None):
        style = style or self.r.choice(["dmy", "dmy", "dots", "long", "ord", "mon", "dash", "dmy2", "iso", "dots2"])
        return m("DATE_OF_BIRTH", fdate(self.dob, style))

    def age(self, on):
        return on.year - self.dob.year - ((on.month, on.day) < (self.dob.month, self.dob.day))

    def TEL(self, kind="mobile", style=None):
        if kind == "mobile":
            if self._mob is None:
                self._mob = self.g.phone("mobile")
            k, t = self._mob
        else:
            if self._land is None:
                self._land = self.g.phone("land")
            k, t = self._land
        return m("PHONE_NUMBER", fmt_phone(k, t, self.r, style=style))

    def EMAIL(self, domain=None, style=None):
        fo, lo = ascii_fold(self.first).lower(), ascii_fold(self.last).lower()
        domain = domain or self.r.choice(["example.com", "example.net", "mail.example.org", "example.co.uk"])
        style = style if style is not None else self.r.choice(["dot", "dot", "dot", "dotnum", "under"])
        local = {"dot": f"{fo}.{lo}", "dotnum": f"{fo}.{lo}{self.r.randint(1, 99)}", "under": f"{fo}_{lo}",
                 "ilast": f"{fo[0]}.{lo}"}[style]
        return m("EMAIL_ADDRESS", f"{local}@{domain}")

    def _address(self):
        if self._addr is None:
            r = self.r
            street = r.choice(STREETS)
            num = r.randint(1, 160)
            flat = f"Flat {r.randint(1, 12)}, " if r.random() < 0.25 else ""
            self._addr = (flat, f"{num} {street}", r.choice(LOCALITIES), r.choice(TOWNS))
            self._pc = self.g.postcode()
        return self._addr

    def ADDR(self, style="line"):
        flat, street, loc, town = self._address()
        text = {"line": f"{flat}{street}, {loc}, {town}", "short": f"{flat}{street}, {loc}",
                "street": f"{flat}{street}", "multi": f"{flat}{street}\n{loc}\n{town}",
                "caps": f"{flat}{street}, {loc}, {town}".upper(),
                "lower": f"{flat}{street}, {loc}".lower()}[style]
        return m("ADDRESS", text)

    def PC(self, style="norm"):
        self._address()
        pc = self._pc
        return m("POSTCODE", {"norm": pc, "lower": pc.lower(), "nospace": pc.replace(" ", "")}[style])


# --------------------------------------------------------------------------- document context
class Ctx:
    def __init__(self, r, g, nflags):
        self.r, self.g = r, g
        self.nflags = nflags
        self.used_flags = set()
        start = datetime.date(2024, 1, 8)
        self.event = start + datetime.timedelta(days=r.randint(0, 520))

    def flag(self, pool, prefix="", suffix=" ", upper=False, who=None):
        """A SMALL_GROUP sentence from pool while the document's quota lasts, else ''.
        {Subj} {subj} {pos} {Pos} {obj} are filled with the pronouns of `who`."""
        if self.nflags <= 0:
            return ""
        choices = [s for s in pool if s not in self.used_flags]
        s = self.r.choice(choices)
        self.used_flags.add(s)
        self.nflags -= 1
        fem = who is None or who.gender == "F"
        s = s.format(Subj="She" if fem else "He", subj="she" if fem else "he", pos="her" if fem else "his",
                     Pos="Her" if fem else "His", obj="her" if fem else "him")
        return prefix + m("SMALL_GROUP", s.upper() if upper else s) + suffix

    def d(self, delta=0, style="long"):
        return K(fdate(self.event + datetime.timedelta(days=delta), style))

    def time(self, lo=0, hi=23):
        return f"{self.r.randint(lo, hi):02d}:{self.r.choice(range(0, 60, 1)):02d}"

    def pick(self, pool, n=None):
        return self.r.choice(pool) if n is None else self.r.sample(pool, n)


def ref(r, prefix, year):
    return f"{prefix}{year}-{r.randint(1, 9999):04d}"


# =========================================================================== kinds
# Each kind: function(ctx, variant) -> markup.  PHRASINGS names the variants.

PHRASINGS = {}


def kind(name, phrasings):
    def deco(fn):
        PHRASINGS[name] = (phrasings, fn)
        return fn
    return deco


HANDOVER_FLAGS = [
    "The only resident on the unit who is fed by PEG had a settled night.",
    "Our 104-year-old lady at the end of the corridor slept right through.",
    "The gentleman in Room 21, the only one of our residents who uses BSL, needs an interpreter booked for the GP round.",
    "The one resident on the floor who is under 60 was very unsettled and asked to go home at 03:00.",
]


@kind("handover", ["care-home night handover table", "hospital ward bed-by-bed bullets", "lower-case late-shift notes"])
def k_handover(c, v):
    r, g = c.r, c.g
    if v == 0:
        home = c.pick(CARE_HOMES)
        unit = c.pick(["Primrose Unit", "Ground Floor East", "Nightingale Suite", "Bluebell Unit"])
        nurse, sca, agency = g.person("staff"), g.person("staff"), g.person("staff")
        res = [g.person("old") for _ in range(r.randint(4, 5))]
        rel = g.relative(res[-1], "F")
        rooms = sorted(r.sample(range(1, 40), len(res)))
        med1, med2 = c.pick(MEDS, 2)
        notes = [
            "settled, 2-hrly repositioning, skin intact",
            "up x3 walking with purpose, redirected to bed, pad changed 04:10",
            f"c/o pain L hip, prn {K('paracetamol 1g')} given 02:15 ({nurse.ini()})",
            f"refused {K(med1)} at 22:00 \u2013 GP to review on round",
            f"found on floor 03:40, no injury, obs stable; daughter {rel.f()} informed on {rel.TEL()}",
            f"chesty cough, sats 93% on air, {K(med2)} given as prescribed, fluids encouraged",
        ]
        r.shuffle(notes)
        L = [f"NIGHT TO DAY HANDOVER \u2013 {K(home.upper())}",
             f"Date: {c.d(0, 'dmy')}\tUnit: {K(unit)}",
             f"Nurse in charge (nights): {nurse.full()}\tHanding to: {sca.f()} ({K('Senior Care Assistant')})",
             "",
             "Rm\tResident\tDOB\tNHS No.\tOvernight"]
        for rm, p, note in zip(rooms, res, notes):
            L.append(f"{rm}\t{p.rev()}\t{p.DOB()}\t{p.NHS()}\t{note}")
        L += ["", "Other:",
              f"- agency carer {agency.name()} did not arrive for the 20:00 shift, covered by {sca.f()} staying on",
              f"- low staffing logged for the {K('registered manager')} under {K('Regulation 18')}",
              f"- {res[0].tl()}'s son asked for a call about the fees ({K('£1,240.00')} invoice)"]
        fl = c.flag(HANDOVER_FLAGS, prefix="- ", suffix="")
        if fl:
            L.append(fl)
        fl = c.flag(HANDOVER_FLAGS, prefix="- ", suffix="")
        if fl:
            L.append(fl)
        L += ["", f"Signed: {nurse.ini('plain')}\tReceived: {sca.ini('plain')}"]
        return "\n".join(L)
    if v == 1:
        trust, ward, hosp = c.pick(TRUSTS), c.pick(WARDS), c.pick(HOSPITALS)
        sister, dr = g.person("staff", gender="F"), g.person("doctor")
        pts = [g.person("old") for _ in range(4)]
        noks = [g.relative(pts[0], "M"), g.person("staff")]
        med = c.pick(MEDS)
        L = [f"{K(ward)} \u2013 {K(hosp)} ({K(trust)})",
             f"Early to late handover, {c.d(0, 'day')}",
             f"Nurse in charge: Sister {sister.name()}. Doctor on call: {dr.full()} (bleep 4417).",
             "",
             "Bay A"]
        L.append(f"\u2022 Bed 2 \u2013 {pts[0].full()}, {pts[0].age(c.event)}, DOB {pts[0].DOB()}, NHS {pts[0].NHS()}. "
                 f"Admitted via ED after fall at home. Awaiting OT. NOK {noks[0].name()} (son) {noks[0].TEL()}.")
        L.append(f"\u2022 Bed 4 \u2013 {pts[1].tl()} (hospital no. withheld), NHS {pts[1].NHS()}. On {K(med)}, "
                 f"held this morning pending bloods. {c.flag(HANDOVER_FLAGS, suffix='')}".rstrip())
        L.append("")
        L.append("Side room 3")
        L.append(f"\u2022 {pts[2].name()} (DOB {pts[2].DOB()}) \u2013 barrier nursing, C. diff screen sent. "
                 f"Lives at {pts[2].ADDR('line')}, {pts[2].PC()}; care package with {K(c.pick(HOMECARE))} suspended.")
        L.append("")
        L.append("Bay C")
        L.append(f"\u2022 Bed 11 \u2013 {pts[3].full()}, NHS {pts[3].NHS()}, DOB {pts[3].DOB()}. For discharge to "
                 f"{K(c.pick(CARE_HOMES))} tomorrow; {K('Discharge Coordinator')} {noks[1].f()} "
                 f"has confirmed transport.")
        L.append("")
        L.append(f"Escalations: none. Incident form for {pts[0].s()}'s fall completed ({K(ref(r, 'IR-', c.event.year))}). "
                 f"{c.flag(HANDOVER_FLAGS, suffix='')}".rstrip())
        L.append(f"Handed over by {sister.fi()}, {K('Ward Sister')}.")
        return "\n".join(L)
    # v == 2: lower-case notes
    home = c.pick(CARE_HOMES)
    s1, s2, s3 = g.person("staff"), g.person("staff"), g.person("staff")
    res = [g.person("old") for _ in range(4)]
    rel = g.relative(res[1], "F")
    med = c.pick(MEDS)
    L = [f"handover lates \u2192 nights, {K(home)}, {c.d(0, 'dmy2')}",
         f"on tonight: {s1.fl()}, {s2.ini('lower')} + agency ({s3.low()})",
         "",
         f"rm 4 {res[0].low()} \u2013 bowels not open 4 days, laxido given, please chart. "
         f"{c.flag(HANDOVER_FLAGS, suffix='')}".rstrip(),
         f"rm 9 {res[1].fl()} \u2013 very sleepy today, ate little. "
         f"dtr ({rel.fl()}) rang twice, wants call back on {rel.TEL('mobile', style=1)} before 9pm.",
         f"rm 12 {res[2].tl()} \u2013 new {K(med)} started, first dose 18:00 given by {s1.ini('lower')}.",
         f"rm 15 {res[3].low()} (dob {res[3].DOB('dots2')}) \u2013 bruise R forearm, body map done, "
         f"{K('safeguarding lead')} aware.",
         "",
         f"general: hoist in {K('Larkspur lounge')} out of service, reported to maintenance. "
         f"{c.flag(HANDOVER_FLAGS, suffix='')}".rstrip(),
         f"{s2.fl()} \u2013 please finish the fluid totals before 06:00. ta, {s3.fl()}"]
    return "\n".join(L)


COMPLAINT_FLAGS = [
    "The patient is one of only two people on our list with this form of muscular dystrophy.",
    "As the only patient registered with us who receives home haemodialysis, {pos} repeat requests are handled separately.",
    "{Subj} is the only resident of the village on our list who is registered blind and lives alone.",
]


@kind("gp_complaint", ["formal letter, prose findings", "letter answering numbered concerns", "letter with Label: value summary box"])
def k_gp_complaint(c, v):
    r, g = c.r, c.g
    prac = c.pick(PRACTICES)
    slug = ascii_fold(prac.split()[0]).lower()
    tel, mail = g.org_phone(), f"enquiries@{slug}-practice.example.org"
    comp = g.person("adult")
    rel = r.choice(["father", "mother", "husband", "wife", "brother", "sister"])
    pat = g.relative(comp, "M" if rel in ("father", "husband", "brother") else "F",
                     role="old" if rel in ("father", "mother") else "adult", share=0.6)
    gp, pm, gp2 = g.person("doctor"), g.person("staff"), g.person("doctor")
    med = c.pick(MEDS)
    head = [K(prac), c.pick(ORG_ADDRESSES), f"Tel: {K(tel)}   Email: {K(mail)}", ""]
    addr = [comp.full(), f"{comp.ADDR('multi')}", comp.PC(), "", c.d(0, "long"), ""]
    ourref = K(ref(r, "COMP/", c.event.year % 100))
    if v == 0:
        body = [f"Our ref: {ourref}", "", f"Dear {comp.tl()},", "",
                f"Re: your complaint about the care of your {rel}, {pat.full()} (date of birth {pat.DOB()}, "
                f"NHS number {pat.NHS()})", "",
                f"Thank you for your letter received on {c.d(-30, 'long')} and your e-mail from {comp.EMAIL()}. I am sorry that you needed to write to us. "
                f"Your complaint was investigated by our {K('Practice Manager')}, {pm.name()}, who reviewed the "
                f"records and spoke with {gp.full()} and the reception team.",
                "",
                f"You told us that your {rel}'s prescription for {K(med)} was not issued for eleven days and that "
                f"nobody returned your calls to {comp.TEL()}. We have found that the request was sent to the wrong "
                f"pharmacy after a change of nominated pharmacy on {c.d(-60, 'long')}. This should have been "
                f"picked up by our prescribing clerk. {c.flag(COMPLAINT_FLAGS, who=pat)}"
                f"{gp.tl()} has apologised and the process has been changed.",
                "",
                f"We have reimbursed the {K('£9.90')} prescription charge you paid privately. If you are not satisfied "
                f"with this response you may contact the {K('Parliamentary and Health Service Ombudsman')}.",
                "", "Yours sincerely,", "", "", pm.name(), K("Practice Manager"), f"for {K(prac)}"]
    elif v == 1:
        body = [f"Private and confidential \u2013 reference {ourref}", "", f"Dear {comp.full()}", "",
                f"Complaint regarding {pat.titled_full()} ({pat.DOB()})", "",
                f"I write following our meeting at the surgery on {c.d(-12, 'ord')}, which {gp2.full()} also attended. "
                f"You raised four concerns, which I answer in turn.", "",
                f"1. Access to appointments. {pat.tl()} was offered a telephone appointment rather than a visit. "
                f"Given that {pat.s()} is housebound at {pat.ADDR('short')}, a home visit should have been arranged.",
                f"2. Attitude of staff. The receptionist you spoke to, whom you named as {pm.f()}, has had "
                f"feedback and will attend customer care training.",
                f"3. Medication. The dose of {K(med)} was reduced by {gp.full()} after the hospital letter from "
                f"{K(c.pick(TRUSTS))}. This was clinically appropriate, but it was not explained to you. "
                f"{c.flag(COMPLAINT_FLAGS, who=pat, suffix='')}".rstrip(),
                f"4. Records. We have corrected the NHS number on the referral, which should read {pat.NHS('sp')}.",
                "",
                f"We have shared the learning with the team and reported it to {K(c.pick(ICBS))}. "
                f"If you wish to discuss this further, please ring me on the practice number, {K(tel)}.",
                "", "Kind regards", "", gp2.name(), f"{K('GP Partner')} and complaints lead"]
    else:
        body = [f"Ref: {ourref}", "", f"Dear {comp.f()},", "",
                "Summary of your complaint", "",
                f"Patient:\t{pat.name()}",
                f"Date of birth:\t{pat.DOB()}",
                f"NHS No:\t{pat.NHS()}",
                f"Complainant:\t{comp.name()} (next of kin)",
                f"Received:\t{c.d(-35, 'dmy')}",
                f"Outcome:\tpartly upheld", "",
                f"We tried to call you on {comp.TEL('mobile')} and then at home on {comp.TEL('land')} on "
                f"{c.d(-3, 'long')} but could not reach you, so we are writing instead. You can also e-mail the "
                f"team at {K(mail)}.", "",
                f"We agree that the results of the blood test were not passed on to {pat.f()} in time. "
                f"{gp.full()} has reviewed them and they were normal. {c.flag(COMPLAINT_FLAGS, who=pat)}"
                f"We do not agree that a referral to {K(c.pick(HOSPITALS))} was refused; it was sent on "
                f"{c.d(-50, 'long')}.", "",
                "With best wishes,", "", f"{gp.titled_full()}", f"{K('Senior Partner')}, {K(prac)}",
                f"cc: {pm.full()}, {K('Practice Manager')}"]
    return "\n".join(head + addr + body)


POLICE_FLAGS = [
    "The subject is the only resident in the block who uses a home oxygen concentrator.",
    "{Subj} is believed to be the last surviving member of the congregation at the chapel on the corner.",
    "{Subj} is the only person on the street with a ramp and key safe fitted by the council.",
    "Neighbours describe the occupant as the only 99-year-old living on the estate.",
]


@kind("police_welfare", ["command-and-control log in capitals", "officer's narrative statement", "timed table of log entries"])
def k_police(c, v):
    r, g = c.r, c.g
    force = c.pick(POLICE)
    council, care, hosp = c.pick(COUNCILS), c.pick(HOMECARE), c.pick(HOSPITALS)
    subj = g.person("old", gender="F" if v == 1 else None)
    rel = g.relative(subj, "F" if v else r.choice("FM"), share=0.3 if v == 2 else 0.5)
    off1, off2, carer, neigh = g.person("staff"), g.person("staff"), g.person("staff", gender="F"), g.person("adult")
    inc = K(f"{''.join(w[0] for w in force.split()).upper()}-{c.event.strftime('%Y%m%d')}-{r.randint(100, 9999):04d}")
    relword = "MOTHER" if subj.gender == "F" else "FATHER"
    t = sorted(c.time(18, 22) for _ in range(8))
    if v == 0:
        L = [f"{K(force.upper())} \u2013 COMMAND AND CONTROL",
             f"INCIDENT {inc}   TYPE: CONCERN FOR WELFARE   GRADE 2   OPENED {c.d(0, 'dmy2')}",
             "",
             f"{t[0]} CALLER {rel.cap()} ({rel.TEL()}) REPORTS {relword} {subj.capt()} DOB {subj.DOB('dmy')} "
             f"NOT ANSWERING LANDLINE {subj.TEL('land')} SINCE YESTERDAY AM.",
             f"{t[1]} LOCATION {subj.ADDR('caps')} {subj.PC()}. KEY SAFE AT FRONT DOOR, CODE GIVEN BY CALLER.",
             f"{t[2]} LOCAL CHECKS: NO WARNINGS. ADULT SOCIAL CARE RECORD HELD BY {K(council.upper())}.",
             f"{t[3]} RESOURCED PC {off1.caps_last()} / PC {off2.caps_last()}.",
             f"{t[4]} ON SCENE. NO REPLY. NEIGHBOUR {neigh.cap()} STATES LAST SEEN SUNDAY. "
             f"{c.flag(POLICE_FLAGS, who=subj, suffix='', upper=True)}".rstrip(),
             f"{t[5]} ENTRY VIA KEY SAFE. {'FEMALE' if subj.gender == 'F' else 'MALE'} FOUND ON HALL FLOOR, "
             f"CONSCIOUS, CONFUSED. NWAS REQUESTED.",
             f"{t[6]} CONVEYED TO {K(hosp.upper())}. CARE PROVIDER {K(care.upper())} CONTACTED \u2013 "
             f"CARER {carer.cap()} CONFIRMS 19:00 CALL WAS MISSED.",
             f"{t[7]} ADULT CONCERN SUBMITTED TO {K('MASH')}. RESULT CODE: PERSON FOUND. CLOSED BY {off1.ini('plain')}."]
        return "\n".join(L)
    if v == 1:
        L = [f"{K(force)}", "Welfare check \u2013 officer's account", f"Log reference: {inc}", "",
             f"Officer: PC {off1.name()}", f"Date: {c.d(0, 'long')}", "",
             f"At {t[2]} I was asked to attend {subj.ADDR('line')}, {subj.PC()}, following a call from "
             f"{rel.full()}, who was worried that her {'mother' if subj.gender == 'F' else 'father'}, "
             f"{subj.full()}, had not answered the phone all day. {rel.s()} gave her number as {rel.TEL()}.",
             "",
             f"I attended with PC {off2.name()}. There was no answer. A neighbour, {neigh.f()}, let us into the "
             f"communal area. {c.flag(POLICE_FLAGS, who=subj)}"
             f"We found {subj.tl()} sitting in the kitchen, cold and confused but not injured. She told us her "
             f"date of birth was {subj.DOB('ord')}, which matched our records.",
             "",
             f"The daily carer from {K(care)}, {carer.name()}, arrived at {t[6]}. She said the lunchtime visit "
             f"had been cancelled by the office. I have raised an adult concern with {K(council)} and informed "
             f"the {K('Duty Sergeant')}.",
             "", f"PC {off1.fi()}"]
        return "\n".join(L)
    L = [f"{K(force)} \u2013 concern for welfare log {inc}", f"{c.d(0, 'day')}", "",
         "Time\tEntry",
         f"{t[0]}\tCall from {rel.name()} (daughter-in-law), tel {rel.TEL()}. Concern for {subj.full()}, "
         f"{subj.age(c.event)}, lives alone.",
         f"{t[1]}\tAddress confirmed: {subj.ADDR('line')} {subj.PC()}. NHS number given by caller: {subj.NHS()}.",
         f"{t[2]}\tDeployed PC {off1.name()} and PC {off2.s()}.",
         f"{t[4]}\tNo reply. {c.flag(POLICE_FLAGS, who=subj, suffix='')}".rstrip(),
         f"{t[5]}\tEntry gained. {subj.s()} found in bed, weak, has not eaten. Ambulance requested.",
         f"{t[6]}\t{K(care)} contacted: {K('Care Coordinator')} {carer.f()} says no calls commissioned since "
         f"{c.d(-14, 'dmy')}.",
         f"{t[7]}\tReferred to {K(council)} adult social care and to {K('CQC')} via the provider. {off1.ini()}"]
    return "\n".join(L)


DOLS_FLAGS = [
    "{Subj} is one of two residents at the home who speak only Cantonese, and staff rely on a granddaughter to interpret.",
    "{Subj} is the only resident of the home detained under the Mental Health Act in the past year.",
    "P is the home's only resident with a pet cat, which features in condition 3.",
    "{Subj} is the only former Olympic athlete the supervisory body has ever assessed.",
]


@kind("dols", ["Label: value assessment form", "prose summary letter to the managing authority", "capitals headings, requirement table"])
def k_dols(c, v):
    r, g = c.r, c.g
    council, home = c.pick(COUNCILS), c.pick(CARE_HOMES)
    loc = K(g.location_id())
    p = g.person("old")
    bia, mha, mgr = g.person("staff"), g.person("doctor"), g.person("staff")
    caseref = K(f"DOLS/{c.event.year % 100}/{r.randint(100, 99999):05d}")
    relation = c.pick(["son", "daughter", "nephew", "niece", "friend"])
    rpr = g.relative(p, {"son": "M", "nephew": "M", "daughter": "F", "niece": "F"}.get(relation, r.choice("FM")),
                     share=0.0 if relation == "friend" else 0.5)
    if v == 0:
        L = [f"{K(council)} \u2013 Adult Social Care",
             "Deprivation of Liberty Safeguards: standard authorisation \u2013 assessment summary", "",
             f"Case reference: {caseref}",
             f"Relevant person: {p.full()}",
             f"Date of birth: {p.DOB()}",
             f"NHS number: {p.NHS()}",
             f"NI number (financial assessment): {p.NI()}",
             f"Address before admission: {p.ADDR('line')}, {p.PC()}",
             f"Managing authority: {K(home)} (CQC location ID {loc})",
             f"Supervisory body: {K(council)}",
             f"Date of request: {c.d(-21, 'dmy')}",
             f"{K('Best interests assessor')}: {bia.name()}",
             f"{K('Mental health assessor')}: {mha.full()}",
             f"Relevant person's representative: {rpr.full()} ({relation}), tel {rpr.TEL()}, e-mail {rpr.EMAIL()}",
             "",
             "Summary", "",
             f"Age: met. {p.tl()} is {p.age(c.event)}.",
             "Mental health: met (dementia, Alzheimer's type).",
             f"Mental capacity: not met to decide on residence and care. {c.flag(DOLS_FLAGS, who=p, suffix='')}".rstrip(),
             f"Best interests: met. Locked front door, constant supervision in communal areas, and {K(c.pick(MEDS))} "
             f"given covertly under the home's covert medication policy.",
             "Eligibility: met. No refusals.",
             "",
             f"Authorised from {c.d(0, 'dmy')} to {c.d(364, 'dmy')}. Fees: {K('£1,180.00')} per week, no change.",
             f"Signed {bia.fi()}, {c.d(0, 'dmy')}"]
        return "\n".join(L)
    if v == 1:
        L = [f"{K(council)}", "Deprivation of Liberty Safeguards Team", f"Telephone {K(g.org_phone())}", "",
             f"The Registered Manager, {K(home)}", "", c.d(2, "long"), "",
             f"Dear {mgr.tl()},", "",
             f"Standard authorisation \u2013 {p.titled_full()}, born {p.DOB('long')} (our ref {caseref})", "",
             f"I am writing to confirm that the assessments for {p.f()} were completed on {c.d(0, 'long')} by "
             f"{bia.name()}, {K('Best Interests Assessor')}, and {mha.full()}. All six requirements were met. "
             f"{c.flag(DOLS_FLAGS, who=p)}"
             f"Before moving to your home {p.s()} lived at {p.ADDR('line')}, {p.PC()}, and the assessors spoke "
             f"with {p.gender == 'F' and 'her' or 'his'} {relation}, {rpr.name()}, who has agreed to act as "
             f"the relevant person's representative. {rpr.f()} can be reached on {rpr.TEL()}.", "",
             f"The authorisation has two conditions: that a review of the use of {K(c.pick(MEDS))} takes place within "
             f"28 days, and that {p.f()} is supported to visit the allotment weekly. "
             f"Please notify the CQC of the outcome under {K('Regulation 18 of the Care Quality Commission (Registration) Regulations 2009')}."
             f" {c.flag(DOLS_FLAGS, who=p, suffix='')}".rstrip(), "",
             "Yours sincerely", "", f"{K('DoLS Team Manager')}", f"on behalf of {K(council)}"]
        return "\n".join(L)
    L = [f"DEPRIVATION OF LIBERTY SAFEGUARDS \u2013 {K(council.upper())}",
         f"RELEVANT PERSON: {p.capt()}   DOB: {p.DOB('dmy')}   NHS: {p.NHS('sp')}",
         f"CARE HOME: {K(home.upper())}, LOCATION {loc}",
         f"REFERENCE: {caseref}", "",
         "REQUIREMENTS",
         "Requirement\tOutcome\tAssessor",
         f"Age\tMet\t{bia.ini('dots')}",
         f"No refusals\tMet\t{bia.ini('dots')}",
         f"Mental capacity\tNot met\t{bia.ini('dots')}",
         f"Mental health\tMet\t{mha.tl()}",
         f"Eligibility\tMet\t{mha.tl()}",
         f"Best interests\tMet\t{bia.ini('dots')}", "",
         "REPRESENTATIVE",
         f"{rpr.name()}, {relation}, {rpr.ADDR('line')}, {rpr.PC()}, {rpr.TEL()}, {rpr.EMAIL()}", "",
         "NOTES",
         f"\u2022 {p.f()} asks daily to go home to {p.ADDR('short')}.",
         f"\u2022 Restrictions: keypad doors, sensor mat, 1:1 support when distressed. {c.flag(DOLS_FLAGS, who=p, suffix='')}".rstrip(),
         f"\u2022 Authorisation period: {c.d(0, 'mon')} to {c.d(180, 'mon')}.",
         f"\u2022 Assessor {bia.name()} ({K('Best Interests Assessor')}), {c.d(0, 'dmy')}."]
    return "\n".join(L)


HOMECARE_FLAGS = [
    "{Subj} is the only client on the Northmoor run who needs a double-handed call with a hoist.",
    "{Subj} is the only client we support who has a tracheostomy.",
    "Client is one of two people on the rota who need a Romanian-speaking carer.",
    "As the only client on the round who lives on a narrowboat, {subj} is always first on the morning list.",
]


@kind("homecare_log", ["tab-separated visit table with times", "lower-case running daily notes", "bulleted visits with planned v actual times"])
def k_homecare(c, v):
    r, g = c.r, c.g
    agency, council = c.pick(HOMECARE), c.pick(COUNCILS)
    cl = g.person("old", gender="F")
    cs = [g.person("staff") for _ in range(3)]
    kin = g.relative(cl, r.choice("FM"))
    med = c.pick(MEDS)
    if v == 0:
        L = [f"{K(agency)} \u2013 visit log",
             f"Client: {cl.full()}\tDOB: {cl.DOB()}\tNHS: {cl.NHS()}",
             f"Address: {cl.ADDR('line')}\t{cl.PC()}",
             f"Package: 4 calls a day, commissioned by {K(council)} at {K('£23.40')} per hour",
             f"NI number (client contribution): {cl.NI()}",
             f"Next of kin: {kin.name()}, {kin.TEL()}, {kin.EMAIL()}", "",
             "Date\tPlanned\tIn\tOut\tCarer\tNotes"]
        rows = [
            ("07:30", f"{cs[0].ini()}", f"personal care, breakfast, {K(med)} from blister pack"),
            ("12:00", f"{cs[1].ini()}", "lunch, fluids 300ml, client low in mood"),
            ("17:00", f"{cs[0].ini()}", f"tea. {c.flag(HOMECARE_FLAGS, who=cl, suffix='') or 'Bins out.'}"),
            ("21:00", f"{cs[2].f()}", f"no answer, rang office, {kin.f()} attended 21:50"),
            ("07:30", f"{cs[1].ini()}", "MISSED \u2013 carer sick, no cover"),
            ("12:00", f"{cs[2].f()}", f"found on chair, said she had not had breakfast; office informed"),
        ]
        for i, (plan, who, note) in enumerate(rows):
            day = c.d(i // 4, "dmy2")
            hh, mm = map(int, plan.split(":"))
            a0 = hh * 60 + mm + r.randint(-5, 35)
            a1 = a0 + r.randint(15, 45)
            tin = f"{a0 // 60:02d}:{a0 % 60:02d}" if "MISSED" not in note else "\u2013"
            tout = f"{a1 // 60:02d}:{a1 % 60:02d}" if "MISSED" not in note else "\u2013"
            L.append(f"{day}\t{plan}\t{tin}\t{tout}\t{who}\t{note}")
        L += ["", f"Checked by {K('Field Care Supervisor')} {cs[2].name()}, {c.d(2, 'dmy')}"]
        return "\n".join(L)
    if v == 1:
        L = [f"{K(agency.lower())} \u2013 daily notes \u2013 {cl.low()} ({cl.NHS('plain')})",
             f"{c.d(0, 'dots')}", "",
             f"07:52 arr. {cl.fl()} still in bed, said legs hurt. washed + dressed, porridge. "
             f"{K(med)} given from dosette. {cs[0].fl()}",
             f"12:31 arr late (traffic). {cl.fl()} asleep in chair, woke ok. soup, 2 cups tea. "
             f"{c.flag(HOMECARE_FLAGS, who=cl)}{cs[1].ini('lower')}",
             f"17:10 {P(cl.last.lower())} not answering door. rang {kin.fl()} on {kin.TEL()} who has a key, "
             f"found on bathroom floor, not hurt. 111 called. {cs[0].fl()}",
             f"21:05 settled, pendant alarm on. note for office: new address for invoices is {kin.ADDR('lower')} "
             f"{kin.PC('lower')}. {cs[2].ini('lower')}", "",
             f"office note: call {kin.fl()} re increase to double-up calls, {K('£47.00')} per visit."]
        return "\n".join(L)
    L = [f"{K(agency)}", f"Weekly visit record for {cl.name()} (DOB {cl.DOB()}, NI {cl.NI()})",
         f"{cl.ADDR('line')}, {cl.PC()}", f"Week commencing {c.d(0, 'long')}", ""]
    for i in range(4):
        plan = c.pick(["07:30", "08:00", "12:15", "17:30", "20:45"])
        hh, mm = map(int, plan.split(":"))
        a0 = hh * 60 + mm + r.randint(-10, 50)
        a1 = a0 + r.randint(25, 60)
        act = f"{a0 // 60:02d}:{a0 % 60:02d}"
        who = cs[i % 3]
        note = [f"personal care and {K(med)}", "meal prep, fluids, skin check",
                f"client tearful, asked for {kin.f()}", "pendant alarm tested, OK"][i]
        L.append(f"- {fdate(c.event + datetime.timedelta(days=i), 'dmy2')} planned {plan}, actual {act}\u2013"
                 f"{a1 // 60 % 24:02d}:{a1 % 60:02d}. Carer: {who.name() if i % 2 == 0 else who.f()}. {note}.")
    L += ["", c.flag(HOMECARE_FLAGS, who=cl, suffix="\n") +
          f"Family contact: {kin.full()} \u2013 {kin.EMAIL()} / {kin.TEL()}",
          f"Care Coordinator: {cs[0].fi()}"]
    return "\n".join(L)


WB_FLAGS = [
    "The caller is the only night nurse employed at the home.",
    "She said she was one of two bank staff on duty that night who saw it happen.",
    "The caller is the only carer on the dementia floor who works permanent nights.",
    "The resident involved is the only person at the home who uses a bariatric bed.",
]


@kind("whistleblowing", ["contact-centre Label: value call note", "first-person adviser narrative", "lower-case rapid notes with bullets"])
def k_whistle(c, v):
    r, g = c.r, c.g
    home = c.pick(CARE_HOMES)
    prov = c.pick(PROVIDERS)
    loc = K(g.location_id())
    caller, mgr, dep, res1, res2, adv = (g.person("staff", gender="F"), g.person("staff"), g.person("staff"),
                                         g.person("old", gender="F"), g.person("old", gender="F"), g.person("staff"))
    wref = K(f"ENQ1-{r.randint(10000000, 99999999)}")
    if v == 0:
        L = ["CARE QUALITY COMMISSION \u2013 NATIONAL CUSTOMER SERVICE CENTRE",
             f"Whistleblowing call note   Ref: {wref}", "",
             f"Date of call: {c.d(0, 'dmy')}",
             f"Call taken by: {adv.name()} ({K('Customer Service Adviser')})",
             f"Service: {K(home)}, provider {K(prov)}, location ID {loc}",
             f"Caller: {caller.full()} \u2013 wishes identity kept confidential",
             f"Caller contact: {caller.TEL()} (after 6pm only); {caller.EMAIL()}",
             f"Caller role: {K('Senior Care Assistant')}, nights", "",
             "Concerns raised:",
             f"\u2022 The {K('Deputy Manager')}, {dep.name()}, has been signing MAR charts for medicines not given.",
             f"\u2022 {res1.full()} (Room 14) was left in wet bedding for most of the night of {c.d(-3, 'long')}.",
             f"\u2022 Only two staff for 38 residents on nights; rota shows four. {c.flag(WB_FLAGS, suffix='')}".rstrip(),
             f"\u2022 The registered manager, {mgr.tl()}, was told on {c.d(-2, 'long')} and said it would be "
             f"\"sorted internally\".", "",
             f"Possible breaches: {K('Regulation 12')} (safe care and treatment), {K('Regulation 18')} (staffing).",
             f"Action: passed to inspector for the area. Safeguarding referral to {K(c.pick(COUNCILS))} made by "
             f"{adv.ini('plain')}."]
        return "\n".join(L)
    if v == 1:
        L = [f"Whistleblowing \u2013 {K(home)} ({loc})", f"Note made by {adv.name()}, {c.d(0, 'long')}", "",
             f"I took a call from a member of staff at {K(home)}, who gave her name as {caller.name()} but asked that "
             f"we do not pass it to the provider. "
             f"She said that on {c.d(-5, 'long')} she saw {dep.name()}, a {K('Team Leader')}, push "
             f"{res2.titled_full()} back into a chair. She says {res2.tl()} cried out and later had a bruise on her arm. "
             f"{c.flag(WB_FLAGS, suffix='')}".rstrip(),
             "",
             f"{caller.f()} told me she had reported this to {mgr.full()}, the {K('registered manager')}, who told "
             f"her that {dep.s()} was \"under a lot of pressure\". No incident form was completed. She is worried "
             f"she will lose shifts; she is paid {K('£11.44')} an hour and relies on the overtime.",
             "",
             f"I explained how we handle whistleblowing and that we would not identify her. She can be contacted "
             f"on {caller.TEL()}. She also mentioned that her sister-in-law, {res1.name()}, lives at "
             f"{res1.ADDR('line')} {res1.PC()} and could confirm the rota problems.",
             "",
             f"Passed to the {K('Inspection Manager')} for the {K('Adult Social Care North')} team. "
             f"{c.flag(WB_FLAGS, suffix='')}".rstrip()]
        return "\n".join(L)
    L = [f"wb call {c.d(0, 'dmy2')} \u2013 {K(home.lower())} \u2013 {wref}", "",
         f"caller: {caller.low()}, bank carer, mob {caller.TEL()}, does NOT want name shared",
         "says:",
         f"- manager ({mgr.low()}) leaves at 2pm most days, deputy {dep.fl()} runs the home",
         f"- call bells switched off at night on top floor, heard {res1.fl()} shouting for ages",
         f"- {K(c.pick(MEDS))} stock count wrong for weeks, {K('controlled drugs register')} not signed",
         f"- {c.flag(WB_FLAGS, suffix='') or 'agency staff not inducted'}",
         "",
         f"regs: {K('Reg 12')}, {K('Reg 13')}, {K('Reg 17')}. {adv.ini('lower')} to email inspector."]
    return "\n".join(L)


MED_FLAGS = [
    "The resident is the only person on the unit prescribed a fentanyl patch.",
    "{Subj} is one of two people on the unit with a pacemaker, so the incident was reviewed by the cardiology lead.",
    "{Subj} is the only Jehovah's Witness on the unit, which the family raised straight away.",
]


@kind("med_error", ["incident form with Label: value fields", "MAR reconciliation table with signatures", "what/why/actions narrative"])
def k_med(c, v):
    r, g = c.r, c.g
    trust, ward = c.pick(TRUSTS), c.pick(WARDS)
    home = c.pick(CARE_HOMES)
    p = g.person("old")
    rep, wit, pharm = g.person("staff"), g.person("staff"), g.person("staff")
    nok = g.relative(p, r.choice("FM")) if v != 2 else g.person("old")
    dau = g.relative(p, "F")
    med, med2 = c.pick(MEDS, 2)
    iref = K(ref(r, "MED-", c.event.year))
    if v == 0:
        L = ["MEDICATION INCIDENT REPORT", "",
             f"Incident ref: {iref}",
             f"Organisation: {K(trust)}",
             f"Location: {K(ward)}",
             f"Date/time of incident: {c.d(0, 'dmy')} {c.time(6, 22)}",
             f"Patient name: {p.name()}",
             f"DOB: {p.DOB()}",
             f"NHS no.: {p.NHS()}",
             f"Medicine(s) involved: {K(med)}",
             "Type of error: wrong dose (double dose administered)",
             "Harm: low harm",
             f"Reported by: {rep.full()}, {K('Staff Nurse')}",
             f"Witness: {wit.name()}, {K('Healthcare Assistant')}",
             f"Next of kin informed: yes \u2013 {nok.full()} by phone on {nok.TEL()} at {c.time(17, 21)}", "",
             f"Description: Second dose given at 14:00 because the 08:00 dose had not been signed for on the "
             f"electronic chart. {c.flag(MED_FLAGS, who=p)}"
             f"Doctor informed and observations started.", "",
             f"Duty of candour: {K('Regulation 20')} applies; letter sent {c.d(3, 'dmy')}.",
             f"Reviewed by: {pharm.fi()}, {K('Ward Pharmacist')}"]
        return "\n".join(L)
    if v == 1:
        t1, t2 = rep.ini("plain"), wit.ini("plain")
        L = [f"{K(home)} \u2013 medicines audit finding {iref}",
             f"Resident: {p.rev(upper=True)}   Room 7   DOB {p.DOB('dmy')}", "",
             "Date\tTime\tMedicine\tPrescribed\tRecorded\tSigned"]
        for i in range(4):
            dd = fdate(c.event + datetime.timedelta(days=i // 2), "dmy2")
            tm = ["08:00", "20:00"][i % 2]
            rec = "given" if i != 2 else "given x2"
            who = t1 if i % 2 == 0 else t2
            L.append(f"{dd}\t{tm}\t{K(med)}\t1 dose\t{rec}\t{who}")
        L += ["", f"Finding: MAR shows {K(med)} recorded twice on {c.d(1, 'dmy')}; stock count confirms one extra "
                  f"dose used. {c.flag(MED_FLAGS, who=p)}".rstrip(),
              f"GP ({K(c.pick(PRACTICES))}) advised by phone, no harm expected. {K(med2)} not affected.",
              f"Staff: {rep.name()} and {wit.name()} to repeat competency assessment.",
              f"Breach of {K('Regulation 12(2)(g)')} \u2013 proper and safe management of medicines.",
              f"Family: {nok.tl()} informed, {nok.EMAIL()}."]
        return "\n".join(L)
    L = [f"Medication error \u2013 {K(home)}, {c.d(0, 'long')}", "",
         "What happened?",
         f"At the lunchtime round {rep.name()} gave {p.full()} the {K(med)} prescribed for another resident, "
         f"{nok.titled_full()}, who sits at the same table. {c.flag(MED_FLAGS, who=p)}"
         f"{p.tl()} was monitored for 24 hours and was not harmed.", "",
         "Why did it happen?",
         f"The photograph on {p.f()}'s MAR chart was out of date and the round was interrupted twice. "
         f"The {K('Nurse in charge')}, {wit.name()}, was covering two floors.", "",
         "What has been done?",
         f"- {K('NHS 111')} and the GP consulted; family informed ({p.s()}'s daughter {dau.f()}, on {dau.TEL('mobile')}).",
         f"- Notification sent to CQC and to {K(c.pick(COUNCILS))} safeguarding, ref {iref}.",
         f"- Photographs for all residents updated ({pharm.ini()}).",
         f"- {rep.f()} has completed reflective practice and is supervised for five rounds.", "",
         f"Completed by {wit.fi()}, {K('Clinical Lead')}."]
    return "\n".join(L)


STRAT_FLAGS = [
    "The adult at risk is the only wheelchair user living at the supported living scheme.",
    "The person alleged to have caused harm is the only agency worker who covers nights at the scheme.",
    "{Subj} is one of two Deaf tenants in the building and communicates using BSL.",
    "{Subj} is the only resident at the scheme who has a guide dog.",
]


@kind("strategy_meeting", ["minutes with attendee bullets and action table", "prose minutes using speaker initials", "capitals headings with Label: value case details"])
def k_strategy(c, v):
    r, g = c.r, c.g
    council, trust, police, home = c.pick(COUNCILS), c.pick(TRUSTS), c.pick(POLICE), c.pick(CARE_HOMES)
    chair, sw, dn, dc, mgr = (g.person("staff"), g.person("staff"), g.person("staff"), g.person("staff"),
                              g.person("staff"))
    aar = g.person("adult" if r.random() < 0.5 else "old", gender="F")
    pal = g.person("staff")
    nrel = c.pick(["sister", "brother", "son", "daughter"]) if v == 0 else "nephew"
    nok = g.relative(aar, "F" if nrel in ("sister", "daughter") else "M", share=0.4)
    sref = K(f"SG-{c.event.year}-{r.randint(1000, 9999)}")
    if v == 0:
        L = [f"{K(council)} \u2013 Safeguarding Adults", "Section 42 strategy meeting \u2013 minutes",
             f"Date: {c.d(0, 'day')}, held on Teams", f"Reference: {sref}", "",
             "Present:",
             f"\u2022 {chair.name()} \u2013 {K('Safeguarding Adults Team Manager')} (chair)",
             f"\u2022 {sw.name()} \u2013 {K('Social Worker')}, {K(council)}",
             f"\u2022 DC {dc.name()} \u2013 {K(police)}",
             f"\u2022 {dn.name()} \u2013 {K('Named Nurse for Safeguarding')}, {K(trust)} "
             f"({dn.EMAIL(domain='nhs.example.net', style='dot')})",
             f"\u2022 {mgr.name()} \u2013 {K('registered manager')}, {K(home)}",
             "Apologies: CQC inspector (information shared by e-mail)", "",
             f"1. Concerns. {sw.f()} outlined the concern about {aar.full()} (DOB {aar.DOB()}), who lives at "
             f"{K(home)}. Unexplained bruising found on {c.d(-4, 'long')}. {c.flag(STRAT_FLAGS, who=aar)}".rstrip(),
             f"2. Police update. {dc.s()} confirmed a crime number has been issued; {pal.name()}, care assistant, "
             f"is suspended pending investigation. {pal.s()}'s home address is known to police.",
             f"3. Health. {dn.f()} reported a body map and X-ray at {K(c.pick(HOSPITALS))}: no fracture.",
             f"4. Family. {aar.f()}'s {nrel}, {nok.full()}, has been told "
             f"and wants to be kept informed ({nok.TEL()}).", "",
             "Actions",
             "Action\tOwner\tBy",
             f"Section 42 enquiry to be caused to the provider\t{chair.ini('plain')}\t{c.d(7, 'dmy')}",
             f"Interview {pal.s()} under caution\t{dc.ini('plain')}\t{c.d(10, 'dmy')}",
             f"Notify CQC under {K('Regulation 18')}\t{mgr.ini('plain')}\t{c.d(1, 'dmy')}",
             f"Update family\t{sw.ini('plain')}\t{c.d(2, 'dmy')}"]
        return "\n".join(L)
    if v == 1:
        a, b, d_, e = chair.initials_raw("plain"), sw.initials_raw("plain"), dc.initials_raw("plain"), mgr.initials_raw("plain")
        L = [f"Strategy discussion \u2013 {sref}", f"{K(council)}, {c.d(0, 'long')}", "",
             f"Attending: {chair.name()} ({m('INITIALS', a)}), chair; {sw.name()} ({m('INITIALS', b)}), "
             f"{K('Social Worker')}; DS {dc.name()} ({m('INITIALS', d_)}), {K(police)}; {mgr.name()} "
             f"({m('INITIALS', e)}), {K('Deputy Manager')} at {K(home)}.", "",
             f"{m('INITIALS', a)} explained the purpose of the meeting and the information-sharing agreement. "
             f"{m('INITIALS', b)} summarised the concern: {aar.full()}, aged {aar.age(c.event)}, told a visitor "
             f"that a carer had taken money from her purse, about {K('£120')} in total since {c.d(-40, 'long')}. "
             f"{c.flag(STRAT_FLAGS, who=aar)}"
             f"{m('INITIALS', e)} said the home had already reviewed the rota and that {pal.name()} had worked "
             f"each of the shifts in question. {m('INITIALS', d_)} asked that {pal.f()} is not told before police "
             f"have spoken to {pal.gender == 'F' and 'her' or 'him'}.", "",
             f"{m('INITIALS', a)} agreed the threshold for a {K('Section 42')} enquiry is met. "
             f"{aar.tl()}'s nephew, {nok.name()}, holds lasting power of attorney for finances and will be asked "
             f"for bank statements; his e-mail is {nok.EMAIL()}.", "",
             f"Next meeting {c.d(14, 'long')}. Minutes taken by {sw.fi()}."]
        return "\n".join(L)
    L = [f"{K(council.upper())} \u2013 ADULT SAFEGUARDING", "STRATEGY MEETING RECORD", "",
         f"ADULT AT RISK: {aar.cap()}",
         f"DATE OF BIRTH: {aar.DOB('dmy')}",
         f"NHS NUMBER: {aar.NHS()}",
         f"ADDRESS: {aar.ADDR('caps')}, {aar.PC()}",
         f"PERSON ALLEGED TO HAVE CAUSED HARM: {pal.cap()}, {K('AGENCY CARE WORKER')}",
         f"NI NUMBER (for DBS referral): {pal.NI()}",
         f"MEETING DATE: {c.d(0, 'dmy')}", f"REF: {sref}", "",
         "SUMMARY",
         f"{aar.f()} reports that {pal.f()} shouted at her and refused to help her to the toilet on two "
         f"occasions. {c.flag(STRAT_FLAGS, who=aar)}"
         f"The agency ({K(c.pick(HOMECARE))}) has removed {pal.s()} from the rota.", "",
         "DECISIONS",
         f"- {K('Section 42')} enquiry: yes, led by {sw.name()}.",
         f"- Police: no further action (DC {dc.s()}).",
         f"- Referral to the Disclosure and Barring Service once enquiry concludes.",
         f"- CQC informed via {K('enquiries@cqc.org.uk')}."]
    return "\n".join(L)


FAMILY_FLAGS = [
    "Mum is the only Polish speaker in the home and nobody can understand her when she is upset.",
    "Mum is one of only two residents there who are registered blind.",
    "She is the only resident on her floor who still has her own piano in her room, everyone knows whose room it is.",
    "She is the only resident who was a headteacher in the village, so all the staff know her.",
]


@kind("family_email", ["polite e-mail with headers and signature", "angry run-on e-mail, few capitals", "structured e-mail with bullet points and my-details block"])
def k_family(c, v):
    r, g = c.r, c.g
    home, prov = c.pick(CARE_HOMES), c.pick(PROVIDERS)
    mum = g.person("old", gender="F")
    me = g.relative(mum, r.choice("FM"), share=0.5)
    mgr, carer, carer2 = g.person("staff"), g.person("staff", gender="F"), g.person("staff")
    rel = "Mum" if mum.gender == "F" else "Dad"
    hd = [f"From: {me.name()} <{me.EMAIL(style='dot')}>", f"To: {K('enquiries@cqc.org.uk')}",
          f"Date: {c.d(0, 'day')} {c.time(7, 23)}"]
    if v == 0:
        L = hd + [f"Subject: Concerns about {K(home)}", "",
                  "Dear Sir or Madam,", "",
                  f"I am writing about my {rel.lower() == 'mum' and 'mother' or 'father'}, {mum.full()}, who has lived at "
                  f"{K(home)} since last spring. {rel} was born on {mum.DOB('long')} and has vascular dementia.", "",
                  f"On {c.d(-6, 'long')} I visited and found {rel} still in her nightclothes at 3pm with an untouched "
                  f"lunch tray. The carer on duty, a lovely young woman called {carer.f()}, said they were three "
                  f"staff short. {c.flag(FAMILY_FLAGS, who=mum)}"
                  f"I raised this with the manager, {mgr.tl()}, who promised a meeting that never happened.", "",
                  f"We pay {K('£1,350')} a week as self-funders and I don't think this is acceptable. I would be "
                  f"grateful if an inspector could look at this. I am happy to be contacted.", "",
                  "Kind regards,", "", me.name(), me.ADDR("multi"), me.PC(), f"Tel. {me.TEL()}"]
        return "\n".join(L)
    if v == 1:
        L = hd + [f"Subject: {home.upper()} NEGLECT!!!", "",
                  f"to whoever reads this, i have had enough of {K(home)} and {mgr.low()} the so called manager. "
                  f"my {rel.lower()} {mum.low()} nhs no {mum.NHS('plain')} went into {K(c.pick(HOSPITALS))} on "
                  f"{c.d(-2, 'dmy')} with a pressure sore they never told us about, the nurse on {K(c.pick(WARDS))} "
                  f"said it was grade 3 and had been there weeks. {c.flag(FAMILY_FLAGS, who=mum)}"
                  f"nobody rang me, i had to find out from {carer.fl()} on facebook. when i rang the home "
                  f"{carer2.low()} put the phone down on me. i want someone to do something about it before someone "
                  f"dies. you can ring me any time on {me.TEL('mobile')}",
                  "", f"{me.fl()}", "", "Sent from my iPhone"]
        return "\n".join(L)
    L = hd + [f"Subject: Complaint \u2013 {K(home)} ({K(prov)})", "",
              "Hello,", "",
              f"I would like to raise the following concerns about the care of my {rel.lower() == 'mum' and 'mother' or 'father'}, "
              f"{mum.titled_full()} (DOB {mum.DOB()}):", "",
              f"\u2022 Falls: {rel} has fallen four times since {c.d(-60, 'long')} and the home did not tell us about two of them.",
              f"\u2022 Medication: her {K(c.pick(MEDS))} ran out for three days.",
              f"\u2022 Staff: the night carer {carer.name()} has been rude to {rel} and to visitors. "
              f"{c.flag(FAMILY_FLAGS, who=mum, suffix='')}".rstrip(),
              f"\u2022 Money: we were charged {K('£85.00')} for hairdressing that did not happen.", "",
              f"I complained to {mgr.full()} ({K('Registered Manager')}) on {c.d(-20, 'long')} and to {K(prov)} "
              f"head office on {c.d(-9, 'long')}. Both replies are attached.", "",
              "My details:",
              f"Name: {me.full()}",
              f"Address: {me.ADDR('line')}",
              f"Postcode: {me.PC()}",
              f"Phone: {me.TEL()}",
              f"Relationship: {'daughter' if me.gender == 'F' else 'son'}", "",
              "Thanks,", me.f()]
    return "\n".join(L)


SUP_FLAGS = [
    "{Subj} raised that {subj} is the only Muslim member of staff on the unit and has felt excluded at handover.",
    "As the only night carer who drives, {subj} is often asked to do the pharmacy runs.",
    "{Subj} is one of two staff at the home who hold a current manual handling trainer certificate.",
    "{Subj} is the only member of the team with a visual impairment and needs large-print MAR charts.",
]


@kind("supervision", ["supervision form with Label: value fields", "table of topics, discussion and actions", "prose record with residents by initials"])
def k_super(c, v):
    r, g = c.r, c.g
    home = c.pick(CARE_HOMES)
    loc = K(g.location_id())
    sup, ee = g.person("staff"), g.person("staff", gender="F" if v == 1 else None)
    res1, res2 = g.person("old"), g.person("old")
    role = c.pick(["Senior Care Assistant", "Care Assistant", "Night Care Assistant", "Activities Coordinator",
                   "Nurse Associate"])
    srole = c.pick(["Deputy Manager", "Registered Manager", "Clinical Lead", "Unit Manager"])
    if v == 0:
        L = [f"{K(home)} \u2013 location {loc}", "STAFF SUPERVISION RECORD (CONFIDENTIAL)", "",
             f"Supervisee: {ee.name()}",
             f"Job title: {K(role)}",
             f"NI number: {ee.NI()}",
             f"Date of birth: {ee.DOB()}",
             f"Home phone: {ee.TEL('land')}",
             f"Personal e-mail: {ee.EMAIL()}",
             f"Supervisor: {sup.name()}, {K(srole)}",
             f"Date of supervision: {c.d(0, 'dmy')}",
             f"Date of last supervision: {c.d(-63, 'dmy')}", "",
             "Discussed:",
             f"\u2022 Wellbeing \u2013 {ee.f()} has been off sick twice this quarter (back pain). {c.flag(SUP_FLAGS, who=ee, suffix='')}".rstrip(),
             f"\u2022 Training \u2013 {K('Safeguarding Adults Level 2')} expired, booked for {c.d(21, 'long')}.",
             f"\u2022 Practice \u2013 incident involving resident {res1.ini('dots')} ({c.d(-10, 'dmy')}) discussed; "
             f"reflective account received.",
             f"\u2022 Pay \u2013 query about the {K('£0.50')} night enhancement; referred to payroll.", "",
             f"Signed (supervisee): {ee.fi()}\tSigned (supervisor): {sup.fi()}"]
        return "\n".join(L)
    if v == 1:
        L = [f"Supervision \u2013 {ee.name()} ({K(role)}) with {sup.name()} ({K(srole)})",
             f"{K(home)}, {c.d(0, 'long')}", "",
             "Topic\tDiscussion\tAction",
             f"Wellbeing\t{ee.f()} says the new rota suits her childcare better.\tNone",
             f"Residents\tConcern about {res1.tl()} losing weight; {res2.f()} settling after move from hospital.\t"
             f"Refer {res1.s()} to dietitian ({sup.ini('plain')})",
             f"Conduct\tLate three times in March. {c.flag(SUP_FLAGS, who=ee, suffix='') or 'Explained bus times.'}\t"
             f"Monitor",
             f"Training\t{K('Care Certificate')} standard 9 outstanding.\tComplete by {c.d(28, 'dmy')}",
             f"Regulation\tWhat {K('Regulation 13')} means for reporting bruises.\tRead policy", "",
             f"Next supervision: {c.d(56, 'long')}. Contact if needed: {ee.EMAIL(style='under')}, {ee.TEL()}.",
             f"HR: NI number on file ({ee.NI('lower')}) does not match payslip \u2013 {sup.ini('plain')} to check."]
        return "\n".join(L)
    L = [f"supervision notes \u2013 {K(home.lower())}", f"{c.d(0, 'dmy')}", "",
         f"Met with {ee.full()} ({K(role.lower())}) in the office for an hour. {sup.full()} present as supervisor. "
         f"We talked about the fall involving {res1.ini('plain')} on the first floor and whether the sensor mat "
         f"should have been on. {ee.s()} accepted that the mat had been unplugged to charge a phone. "
         f"{c.flag(SUP_FLAGS, who=ee)}"
         f"We also discussed {res2.ini('plain')}'s family, who have been demanding, and agreed that the "
         f"{K(srole.lower())} will deal with them directly.", "",
         f"{ee.f()} asked about the {K('NVQ Level 3')} and the {K('£250')} bonus for completing it. "
         f"{ee.gender == 'F' and 'Her' or 'His'} personal details on file need updating: new address "
         f"{ee.ADDR('line')}, {ee.PC()}, NI {ee.NI('plain')}.", "",
         f"actions: {sup.ini('lower')} to chase HR; {ee.ini('lower')} to redo falls e-learning."]
    return "\n".join(L)


# =========================================================================== build
def build():
    r = random.Random(SEED)
    g = Gen(r)
    kinds = list(PHRASINGS)
    assert len(kinds) == 10
    # exactly half the documents carry SMALL_GROUP flags
    flag_plan = [True] * 20 + [False] * 20
    r.shuffle(flag_plan)
    docs = []
    n = 0
    for kname in kinds:
        phr, fn = PHRASINGS[kname]
        variants = list(range(len(phr))) + [r.randrange(len(phr))]
        r.shuffle(variants)
        for v in variants:
            g.new_doc()
            nflags = r.choice([1, 2]) if flag_plan[n] else 0
            c = Ctx(r, g, nflags)
            markup = fn(c, v)
            text, spans = render(markup)
            text = text.rstrip("\n") + "\n"
            n += 1
            docs.append((f"eval-{n:02d}-{kname}", kname, phr[v], text, spans, nflags - c.nflags))
    words = set(WORD_FIRST["F"] + WORD_FIRST["M"] + WORD_LAST)
    build.people = (sum(p.first in words or p.last in words for p in g.people), len(g.people))
    return docs


def gold_of(doc_id, kname, phrasing, text, spans):
    cpi, keep, flags = [], [], []
    for s, e, label in sorted(spans):
        item = {"start": s, "end": e, "label": label, "text": text[s:e]}
        if label in CPI_LABELS:
            cpi.append(item)
        elif label == "KEEP":
            keep.append(item)
        elif label == "SMALL_GROUP":
            flags.append(item)
        else:
            raise ValueError(label)
    return {"id": doc_id, "kind": kname, "phrasing": phrasing, "cpi": cpi, "keep": keep, "flags": flags}


def check(text, gold):
    for key in ("cpi", "keep", "flags"):
        for sp in gold[key]:
            assert text[sp["start"]:sp["end"]] == sp["text"], (gold["id"], sp)
            assert sp["text"] and sp["text"] == sp["text"].strip(), (gold["id"], sp)
    assert OPEN not in text and SEP not in text and CLOSE not in text
    # CPI spans must not overlap each other, keep phrases or flag sentences
    cpi = sorted((s["start"], s["end"]) for s in gold["cpi"])
    for (a1, b1), (a2, b2) in zip(cpi, cpi[1:]):
        assert b1 <= a2, (gold["id"], "cpi overlap", text[a1:b1], text[a2:b2])
    for k in gold["keep"] + gold["flags"]:
        for a, b in cpi:
            assert b <= k["start"] or a >= k["end"], (gold["id"], "cpi inside keep/flag", text[a:b], k["text"])
    assert all(s["label"] == "KEEP" for s in gold["keep"])
    assert all(s["label"] == "SMALL_GROUP" for s in gold["flags"])


def nhs_ok(s):
    d = [int(ch) for ch in s if ch.isdigit()]
    if len(d) != 10:
        return False
    c = 11 - sum(x * w for x, w in zip(d[:9], range(10, 1, -1))) % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


NINO_RE = re.compile(r"^(?!BG|GB|KN|NK|NT|TN|ZZ)[ABCEGHJ-PRSTW-Z][ABCEGHJ-NPRSTW-Z] ?\d\d ?\d\d ?\d\d ?[A-D]$")
PHONE_RE = re.compile(r"^(07700 ?900 ?\d{3}|01632 ?960\d{3}|0113 ?496 ?0\d{3}|020 ?7946 ?0\d{3})$")
PC_RE = re.compile(r"^[A-Z]{1,2}\d{1,2} ?\d[ABD-HJLNP-UW-Z]{2}$")
EMAIL_RE = re.compile(r"^[a-z0-9._]+@[a-z0-9.-]+\.[a-z]{2,}$")


def form_ok(label, text):
    if label == "NHS_NUMBER":
        return nhs_ok(text) and re.fullmatch(r"\d{3}[ -]?\d{3}[ -]?\d{4}", text) is not None
    if label == "NI_NUMBER":
        return NINO_RE.match(text.upper()) is not None
    if label == "PHONE_NUMBER":
        t = text.replace("(", "").replace(")", "")
        t = re.sub(r"^\+44 (0?)", "0", t)
        return PHONE_RE.match(t) is not None
    if label == "POSTCODE":
        return PC_RE.match(text.upper()) is not None
    if label == "EMAIL_ADDRESS":
        return EMAIL_RE.match(text) is not None
    if label == "DATE_OF_BIRTH":
        return any(ch.isdigit() for ch in text)
    return True


def main():
    docs = build()
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.startswith("eval-") and (f.endswith(".txt") or f.endswith(".gold.json")):
            os.remove(os.path.join(OUT, f))
    counts = collections.Counter()
    per_kind = collections.defaultdict(list)
    nflagged = 0
    for doc_id, kname, phrasing, text, spans, used in docs:
        gold = gold_of(doc_id, kname, phrasing, text, spans)
        check(text, gold)
        for sp in gold["cpi"]:
            assert form_ok(sp["label"], sp["text"]), (doc_id, sp)
        with open(os.path.join(OUT, doc_id + ".txt"), "w", encoding="utf-8") as fh:
            fh.write(text)
        with open(os.path.join(OUT, doc_id + ".gold.json"), "w", encoding="utf-8") as fh:
            json.dump(gold, fh, ensure_ascii=False, indent=1)
        # re-read from disk and re-check offsets against the file itself
        with open(os.path.join(OUT, doc_id + ".txt"), encoding="utf-8") as fh:
            disk = fh.read()
        with open(os.path.join(OUT, doc_id + ".gold.json"), encoding="utf-8") as fh:
            check(disk, json.load(fh))
        for sp in gold["cpi"] + gold["keep"] + gold["flags"]:
            counts[sp["label"]] += 1
        nflagged += bool(gold["flags"])
        per_kind[kname].append((doc_id, phrasing))
    assert len(docs) == 40
    print("documents:", len(docs), " with SMALL_GROUP flags:", nflagged)
    for kname, items in per_kind.items():
        print(f"  {kname}: " + "; ".join(f"{d.split('-')[1]} {p}" for d, p in items))
    print("span counts per label:")
    for label in sorted(CPI_LABELS) + ["KEEP", "SMALL_GROUP"]:
        print(f"  {label:14s} {counts[label]}")
    print("  total cpi     ", sum(counts[l] for l in CPI_LABELS))
    w, n = build.people
    print(f"people generated: {n}, with a name that is also a word or place: {w} ({100 * w / n:.0f}%)")


if __name__ == "__main__":
    sys.exit(main())
