"""Red-team the organisation-contact KEEP rule (redactor/organisations.py).

Each case: (id, text, personal value, control text or None). The personal value must NOT be kept.
A case LEAKS when some character of the value is not inside a redacted finding (i.e. it would
appear in the output), and the control (the same text with the organisation context removed)
redacts it fully -- so the organisation rule is what let it through. Run: python run.py [-v]
"""
import sys

from redactor import api

V = "-v" in sys.argv
ORG_TYPES = {"PHONE_NUMBER", "EMAIL_ADDRESS", "ADDRESS", "POSTCODE"}

CASES = [
    # ---- person cue defeated by possessive/hyphenated relative ('her son's', 'son-in-law's') --------
    ("possessive-relative-1",
     "Mrs Hartley has lived at Oakleigh Care Home since May; her son's landline is 0113 496 0871.",
     "0113 496 0871",
     "Mrs Hartley has lived there since May; her son's landline is 0113 496 0871."),
    ("possessive-relative-2",
     "Resident: Mrs Ada Hartley, Oakleigh Care Home, her son-in-law's number: 0113 496 0871",
     "0113 496 0871",
     "Resident: Mrs Ada Hartley, her son-in-law's number: 0113 496 0871"),
    # ---- any comma/bracket part naming an org, not just the one next to the value ------------------
    ("org-in-earlier-part-1",
     "Her daughter, a nurse at St James's Hospital, gave an address of 4 Elm Road, Leeds LS6 2AB.",
     "4 Elm Road",
     "Her daughter, a nurse, gave an address of 4 Elm Road, Leeds LS6 2AB."),
    ("org-in-earlier-part-2",
     "Informant: neighbour (employed by Leeds City Council), tel 0113 255 1234",
     "0113 255 1234",
     "Informant: neighbour, tel 0113 255 1234"),
    ("discharged-from-hospital-to",
     "Mr Peter Hall was discharged from St James's Hospital to 14 Ash Grove, Leeds LS6 1QT on 3 May.",
     "14 Ash Grove",
     "Mr Peter Hall was discharged to 14 Ash Grove, Leeds LS6 1QT on 3 May."),
    ("previous-address-before-admission",
     "Previous address before admission to Oakleigh Care Home: 22 Vicarage Lane, Otley LS21 3AB",
     "22 Vicarage Lane",
     "Previous address before admission: 22 Vicarage Lane, Otley LS21 3AB"),
    ("her-address-before-moving-in",
     "Her address before moving into Oakleigh Care Home was 22 Vicarage Lane, Otley LS21 3AB.",
     "22 Vicarage Lane",
     "Her address before moving was 22 Vicarage Lane, Otley LS21 3AB."),
    ("works-at-company",
     "The caller, who works at Asda Stores Ltd, left a landline of 01274 555 019 for a call back.",
     "01274 555 019",
     "The caller left a landline of 01274 555 019 for a call back."),
    # ---- form labels in Title Case read as an organisation's name ---------------------------------
    ("form-home-postcode",
     "Service User Home Postcode: LS6 2AB",
     "LS6 2AB",
     "Postcode: LS6 2AB"),
    ("form-accommodation-own-home",
     "Accommodation Type: Own Home, 12 Elm Road, Leeds LS6 2AB",
     "12 Elm Road",
     "Accommodation Type: 12 Elm Road, Leeds LS6 2AB"),
    ("form-family-home",
     "Discharge Destination: Family Home, 31 Cross Street, Wakefield WF1 3BB",
     "31 Cross Street",
     "Discharge Destination: 31 Cross Street, Wakefield WF1 3BB"),
    ("form-home-line",
     "Home line: 0113 496 0322",
     "0113 496 0322",
     "Home: 0113 496 0322"),
    ("form-nan-line",
     "Contact for Kyle: Nan's line: 01482 600 123",
     "01482 600 123",
     "Contact for Kyle: Nan: 01482 600 123"),
    # ---- cue words that also occur in ordinary personal sentences ----------------------------------
    ("cue-front-door",
     "Officers knocked on the front door at 14 Elm Road, Hull HU5 3AB but there was no answer.",
     "14 Elm Road",
     "Officers knocked at 14 Elm Road, Hull HU5 3AB but there was no answer."),
    ("cue-located-at-misper",
     "Missing person located at 14 Elm Road, Hull HU5 3AB at 22:00 and returned safe.",
     "14 Elm Road",
     "Missing person found at 14 Elm Road, Hull HU5 3AB at 22:00 and returned safe."),
    ("cue-registered-at-vehicle",
     "The Ford Fiesta is registered at 14 Elm Road, Hull HU5 3AB.",
     "14 Elm Road",
     "The Ford Fiesta belongs to 14 Elm Road, Hull HU5 3AB."),
    ("cue-registered-address-keeper",
     "DVLA check: registered address 14 Elm Road, Hull HU5 3AB.",
     "14 Elm Road",
     "DVLA check: 14 Elm Road, Hull HU5 3AB."),
    ("cue-premises-at-warrant",
     "A search warrant was executed at the premises at 14 Elm Road, Hull HU5 3AB.",
     "14 Elm Road",
     "A search warrant was executed at 14 Elm Road, Hull HU5 3AB."),
    ("cue-home-at-visit",
     "The social worker saw Tom at home at 14 Elm Road, Hull HU5 3AB.",
     "14 Elm Road",
     "The social worker saw Tom at 14 Elm Road, Hull HU5 3AB."),
    ("cue-family-home-is-at",
     "The family home is at 14 Elm Road, Hull HU5 3AB.",
     "14 Elm Road",
     "The family live at 14 Elm Road, Hull HU5 3AB."),
    ("cue-remains-at-home-at",
     "She remains at home at 7 Beech Close, York YO24 1AA with a package of care.",
     "7 Beech Close",
     "She remains at 7 Beech Close, York YO24 1AA with a package of care."),
    ("cue-ring-the-family-home",
     "Please ring the family home on 01904 622 199 before visiting.",
     "01904 622 199",
     "Please ring 01904 622 199 before visiting."),
    ("cue-write-to-us",
     "We are Mum's children and we are unhappy with her care. Please write to us at 9 Oak Way, Bath BA2 4RT.",
     "9 Oak Way",
     "We are unhappy with her care. Please write to 9 Oak Way, Bath BA2 4RT."),
    ("cue-contact-us-on",
     "From the Wilson family: contact us on 01225 480 311 any evening.",
     "01225 480 311",
     "From the Wilson family: 01225 480 311 any evening."),
    ("cue-pals",
     "He says he was staying with pals at 22 Ash Grove, Hull HU5 3AB that night.",
     "22 Ash Grove",
     "He says he was staying with friends at 22 Ash Grove, Hull HU5 3AB that night."),
    ("cue-enquiries-at",
     "Officers made house-to-house enquiries at 16 Elm Road, Hull HU5 3AB.",
     "16 Elm Road",
     "Officers made house-to-house calls at 16 Elm Road, Hull HU5 3AB."),
    ("cue-out-of-hours-caller",
     "The daughter rang out of hours from 0113 496 0455 to report the fall.",
     "0113 496 0455",
     "The daughter rang from 0113 496 0455 to report the fall."),
    ("cue-based-at-family",
     "The family are now based at 3 Mill Lane, Selby YO8 4AB.",
     "3 Mill Lane",
     "The family are now at 3 Mill Lane, Selby YO8 4AB."),
    ("cue-reception-visitor",
     "The visitor signed in at reception giving 0113 496 0777 as her contact.",
     "0113 496 0777",
     "The visitor signed in giving 0113 496 0777 as her contact."),
    ("cue-room-line",
     "Oakleigh Care Home - Mrs Hartley's direct room line: 0113 496 0214",
     "0113 496 0214",
     "Mrs Hartley's direct room: 0113 496 0214"),
    # ---- address block / header under an organisation's name, person's name absent or undetected ---
    ("block-referral-form",
     "Leeds City Council Adult Social Care\nReferral form\nClient address: 12 Elm Road\nLeeds\nLS6 2AB",
     "12 Elm Road",
     "Referral form\nClient address: 12 Elm Road\nLeeds\nLS6 2AB"),
    ("block-landlord",
     "Landlord: Incommunities Housing Association\nTenant address: 4 Hill Top, Bradford BD7 1AA",
     "4 Hill Top",
     "Tenant address: 4 Hill Top, Bradford BD7 1AA"),
    ("block-ooh-log",
     "Out of Hours Log\nCaller: daughter\nTel: 0113 496 0123",
     "0113 496 0123",
     "Log\nCaller: daughter\nTel: 0113 496 0123"),
    ("block-front-door-contact",
     "Adult Social Care Front Door - Contact Record\nCaller: neighbour\nTel: 0113 496 0456\nAddress: 5 Park View, Leeds LS7 2AB",
     "0113 496 0456",
     "Contact Record\nCaller: neighbour\nTel: 0113 496 0456\nAddress: 5 Park View, Leeds LS7 2AB"),
    ("block-pals-form",
     "PALS Complaint Form\nComplainant address: 8 Rose Street, Hull HU3 2AB",
     "8 Rose Street",
     "Complaint Form\nComplainant address: 8 Rose Street, Hull HU3 2AB"),
    ("block-s42-enquiry",
     "Section 42 Safeguarding Enquiry\nAdult at risk: see attached\nAddress: 14 Elm Road, Hull HU5 3AB",
     "14 Elm Road",
     "Adult at risk: see attached\nAddress: 14 Elm Road, Hull HU5 3AB"),
    ("block-email-header-to",
     "-----Original Message-----\nFrom: Oakleigh Care Home\nSent: 3 May 2024 10:02\nTo: d.hartley1958@btinternet.com\nSubject: Your mother",
     "d.hartley1958@btinternet.com",
     "-----Original Message-----\nSent: 3 May 2024 10:02\nTo: d.hartley1958@btinternet.com\nSubject: Your mother"),
    ("block-number-belongs-below",
     "Kingsway Medical Practice\nTel: 0113 496 0999\nAbove is the number for Ada's son, Mr Peter Hartley.",
     "0113 496 0999",
     "Tel: 0113 496 0999\nAbove is the number for Ada's son, Mr Peter Hartley."),
    ("block-table-nok",
     "GP Surgery\tKingsway Medical Practice\nNext of kin\tSon\nNOK address\t12 Elm Road, Leeds LS6 2AB\nNOK phone\t0113 496 0888",
     "0113 496 0888",
     "Next of kin\tSon\nNOK address\t12 Elm Road, Leeds LS6 2AB\nNOK phone\t0113 496 0888"),
    ("block-table-nok-address",
     "GP Surgery\tKingsway Medical Practice\nNext of kin\tSon\nNOK address\t12 Elm Road, Leeds LS6 2AB",
     "12 Elm Road",
     "Next of kin\tSon\nNOK address\t12 Elm Road, Leeds LS6 2AB"),
    ("block-initials-only",
     "Oakleigh Care Home\nResident's son: Mr D W\n14 Elm Road\nLeeds LS6 2AB",
     "14 Elm Road",
     "Resident's son: Mr D W\n14 Elm Road\nLeeds LS6 2AB"),
    ("block-lowercase-name",
     "Oakleigh Care Home\nnext of kin: peter ward (son)\n14 Elm Road\nLeeds LS6 2AB",
     "14 Elm Road",
     "next of kin: peter ward (son)\n14 Elm Road\nLeeds LS6 2AB"),
    ("block-foreign-mobile",
     "Oakleigh Care Home\nNOK: daughter (Spain)\nTel: +34 612 345 678",
     "+34 612 345 678",
     "NOK: daughter (Spain)\nTel: +34 612 345 678"),
    ("block-letterhead-relative",
     "Oakleigh Care Home\n1 Park Lane, Leeds LS8 1AA\n\nDear Mr Hartley,\nWe hold your address as 14 Elm Road, Leeds LS6 2AB.",
     "14 Elm Road",
     None),
    # ---- mailbox words in personal e-mail addresses ------------------------------------------------
    ("mailbox-info-jsmith", "You can email me on info.jsmith@gmail.com.", "info.jsmith@gmail.com", None),
    ("mailbox-care-home-mum", "Contact the daughter at care.home.mum@gmail.com.", "care.home.mum@gmail.com", None),
    ("mailbox-hello-personal-domain", "Mr Hartley asked that we reply to hello@peterhartley.me.uk.", "hello@peterhartley.me.uk", None),
    ("mailbox-mail-personal-domain", "Complainant e-mail: mail@thehartleys.co.uk", "mail@thehartleys.co.uk", None),
    ("mailbox-home-family", "Email the family on home@hartleyfamily.co.uk", "home@hartleyfamily.co.uk", None),
    ("mailbox-support-worker-kaz", "The PA (self-employed) uses support.worker.kaz@outlook.com", "support.worker.kaz@outlook.com", None),
    ("mailbox-nurse-personal", "Agency nurse's personal email: london.nurse@yahoo.co.uk", "london.nurse@yahoo.co.uk", None),
    ("mailbox-admin-surname", "Sent from admin.okonkwo@hotmail.co.uk (the resident's nephew).", "admin.okonkwo@hotmail.co.uk", None),
    # ---- a person's own address that contains organisation words ----------------------------------
    ("addr-park-homes", "Home visit to Mr Hall: Plot 14, Riverside Park Homes, Selby YO8 9AB.", "Riverside Park Homes", None),
    ("addr-park-homes-2", "Address: 14 Riverside Park Homes, Selby YO8 9AB", "14 Riverside Park Homes", None),
    ("addr-extra-care-flat", "Tenancy address: Flat 12, Ashwood Extra Care, 3 Mill Road, Wigan WN1 2AB", "3 Mill Road",
     "Tenancy address: Flat 12, 3 Mill Road, Wigan WN1 2AB"),
    ("addr-old-school", "Mrs Lee's address is The Old School, Church Lane, Ripon HG4 1AB", "The Old School", None),
    ("addr-old-police-station", "The suspect gave his address as Flat 2, The Old Police Station, High Street, Malton YO17 7AB.", "Flat 2", None),
    ("addr-care-home-as-residence",
     "Mrs Ada Hartley's address: Room 12, Oakleigh Care Home, 1 Park Lane, Leeds LS8 1AA",
     "1 Park Lane", "Mrs Ada Hartley's address: Room 12, 1 Park Lane, Leeds LS8 1AA"),
    # ---- home businesses / carers in their own homes -------------------------------------------------
    ("home-childminder",
     "Registered childminder: Little Acorns Childminding Services, 14 Elm Road, Hull HU5 3AB (her home)",
     "14 Elm Road",
     "Registered childminder: 14 Elm Road, Hull HU5 3AB (her home)"),
    ("home-shared-lives",
     "Shared Lives placement with carers Mr and Mrs Brown. Placement address: Ivy Cottage Shared Lives Service, 3 Mill Lane, Selby YO8 4AB",
     "3 Mill Lane",
     None),
    # ---- signature / direct lines ------------------------------------------------------------------
    ("sig-direct-line",
     "Kind regards\nJane Smith\nSocial Worker\nLeeds City Council\nDirect line: 0113 378 0456",
     "0113 378 0456",
     "Kind regards\nJane Smith\nSocial Worker\nDirect: 0113 378 0456"),
    ("sig-home-evenings",
     "Kind regards\nPeter Hartley\nOakleigh Care Home Residents' Relatives Committee\nTel: 0113 496 0871 (evenings)",
     "0113 496 0871",
     "Kind regards\nPeter Hartley\nTel: 0113 496 0871 (evenings)"),
    ("nok-after-org-line",
     "Placement: Oakleigh Care Home\nNext of kin details as below\nAddress: 14 Elm Road, Leeds LS6 2AB\nTel: 0113 496 0871",
     "14 Elm Road",
     "Next of kin details as below\nAddress: 14 Elm Road, Leeds LS6 2AB\nTel: 0113 496 0871"),
    ("two-addresses-one-sentence",
     "The home's address is 1 Park Lane, Leeds LS8 1AA and her son is at 14 Elm Road, Leeds LS6 2AB.",
     "14 Elm Road", None),
    ("po-box-person",
     "Oakleigh Care Home\nCorrespondence for the resident's attorney: PO Box 4471, Leeds LS1 9ZZ",
     "PO Box 4471", None),
    ("nhs-staff-home-visit",
     "Community Nursing Team visit to patient at 7 Beech Close, York YO24 1AA.",
     "7 Beech Close",
     "Visit to patient at 7 Beech Close, York YO24 1AA."),
    ("police-custody-address",
     "Detained at Leeds Central Police Station, 14 Elm Road, LS6 2AB given as home address.",
     "14 Elm Road", None),
    # ---- added round 2 ---------------------------------------------------------------------------
    ("email-cc-list",
     "Cc: Leeds City Council, phartley58@gmail.com",
     "phartley58@gmail.com",
     "Cc: phartley58@gmail.com"),
    ("call-him-on",
     "Mr Hartley works at Leeds City Council, call him on 0113 496 0871 after 6pm.",
     "0113 496 0871",
     "Mr Hartley works nights, call him on 0113 496 0871 after 6pm."),
    ("person-cue-comma",
     "Contact the resident's daughter via Oakleigh Care Home, or on her landline, 0113 496 0871.",
     "0113 496 0871",
     "Contact the resident's daughter, or on her landline, 0113 496 0871."),
    ("registered-at-his-home",
     "His cleaning company is registered at his home, 14 Elm Road, Hull HU5 3AB.",
     "14 Elm Road",
     "His cleaning business is run from his home, 14 Elm Road, Hull HU5 3AB."),
    ("sole-trader-home",
     "Mr Hartley (Hartley Gardening Services), 14 Elm Road, Hull HU5 3AB, was the PA employed via Direct Payments.",
     "14 Elm Road",
     "Mr Hartley, 14 Elm Road, Hull HU5 3AB, was the PA employed via Direct Payments."),
    ("block-re-line-complainant",
     "Re: my mother's care at Oakleigh Care Home\n14 Elm Road\nLeeds LS6 2AB\n\nDear Sir or Madam,",
     "14 Elm Road",
     "Re: my mother's care\n14 Elm Road\nLeeds LS6 2AB\n\nDear Sir or Madam,"),
    ("block-my-address-line-above",
     "Meeting at Oakleigh Care Home\nMy home address for correspondence:\n14 Elm Road\nLeeds LS6 2AB",
     "14 Elm Road",
     "Meeting today\nMy home address for correspondence:\n14 Elm Road\nLeeds LS6 2AB"),
    ("block-mums-neighbour",
     "Update from Oakleigh Care Home\nMum's neighbour has offered to help:\n0113 496 0602",
     "0113 496 0602",
     "Update\nMum's neighbour has offered to help:\n0113 496 0602"),
    ("block-police-log",
     "West Yorkshire Police\nIncident log 1234 of 03/05/2024\nLocation: 14 Elm Road, Hull HU5 3AB",
     "14 Elm Road",
     "Incident log 1234 of 03/05/2024\nLocation: 14 Elm Road, Hull HU5 3AB"),
    ("block-nhs-referral-patient",
     "Leeds Teaching Hospitals NHS Trust\nDischarge summary\nPatient address: 7 Beech Close, York YO24 1AA\nGP: Kingsway Medical Practice",
     "7 Beech Close",
     "Discharge summary\nPatient address: 7 Beech Close, York YO24 1AA\nGP: Kingsway Medical Practice"),
    ("nongeo-personal",
     "Complainant tel: 0330 088 1234 (her internet phone)",
     "0330 088 1234", None),
    ("grandma-line",
     "Emergency contact for Kyle - Grandma's Line: 01482 600 123",
     "01482 600 123",
     "Emergency contact for Kyle - Grandma: 01482 600 123"),
    ("lowercase-mailbox-text",
     "the son said email him at team.hartsy@gmail.com",
     "team.hartsy@gmail.com", None),
    ("personal-dom-contact", "The whistleblower wrote from contact@annamorris.co.uk.", "contact@annamorris.co.uk", None),
    # ---- surnames that are organisation words (ward, branch, board, line, homes, council) -----------
    ("surname-ward-dear", "Dear Mr Ward, tel 0113 496 0871", "0113 496 0871", "Dear Mr Hartley, tel 0113 496 0871"),
    ("surname-ward-address", "Mr Ward, 14 Elm Road, Hull HU5 3AB, is the complainant.", "14 Elm Road",
     "Mr Hartley, 14 Elm Road, Hull HU5 3AB, is the complainant."),
    ("surname-ward-son", "Next of kin: son, Mr Ward - 01482 600 123", "01482 600 123",
     "Next of kin: son, Mr Hartley - 01482 600 123"),
    ("surname-branch", "Complainant: Mrs Branch, 4 Hill Top, Bradford BD7 1AA", "4 Hill Top",
     "Complainant: Mrs Hartley, 4 Hill Top, Bradford BD7 1AA"),
    ("surname-board", "Witness: Mr Board, 01274 555 019", "01274 555 019", "Witness: Mr Hartley, 01274 555 019"),
    # ---- form labels that are organisation cues or read as org names (round 3) ---------------------
    ("label-service-address", "Home care visit schedule\nService address: 14 Elm Road, Hull HU5 3AB\nCalls: 4 daily", "14 Elm Road",
     "Home care visit schedule\nAddress: 14 Elm Road, Hull HU5 3AB\nCalls: 4 daily"),
    ("label-location-address", "Incident type: domestic\nLocation address: 14 Elm Road, Hull HU5 3AB", "14 Elm Road",
     "Incident type: domestic\nAddress: 14 Elm Road, Hull HU5 3AB"),
    ("label-address-of-premises", "Warrant granted. Address of the premises: 14 Elm Road, Hull HU5 3AB", "14 Elm Road",
     "Warrant granted. Address: 14 Elm Road, Hull HU5 3AB"),
    ("label-usual-residential", "Usual Residential Address: 14 Elm Road, Hull HU5 3AB", "14 Elm Road",
     "Usual Address: 14 Elm Road, Hull HU5 3AB"),
    ("label-patient-primary", "Patient Primary Address: 7 Beech Close, York YO24 1AA", "7 Beech Close",
     "Patient Address: 7 Beech Close, York YO24 1AA"),

]

# Organisation contacts that should be kept (to spot keeping too little).
ORG_CASES = [
    ("org-switchboard", "Leeds City Council switchboard: 0113 222 4444", "0113 222 4444"),
    ("org-home-number", "Oakleigh Care Home's number is 0113 496 0000.", "0113 496 0000"),
    ("org-letterhead", "Oakleigh Care Home\n1 Park Lane\nLeeds\nLS8 1AA\nTel: 0113 496 0000", "1 Park Lane"),
    ("org-cqc-address", "The provider Oakleigh Care Ltd is registered at 1 Park Lane, Leeds LS8 1AA.", "1 Park Lane"),
    ("org-lowercase", "call oakleigh care home on 0113 496 0000", "0113 496 0000"),
    ("org-gp-tel", "GP: Dr Khan, Kingsway Medical Practice, 0113 496 0555", "0113 496 0555"),
    ("org-email-named", "Email the home manager at oakleigh.manager@oakleighcare.co.uk", "oakleigh.manager@oakleighcare.co.uk"),
    ("org-ward", "Ward 6, St James's Hospital, Beckett Street, Leeds LS9 7TF", "Beckett Street"),
    ("org-gmail", "Oakleigh Care Home email: oakleighcarehome@gmail.com", "oakleighcarehome@gmail.com"),
    ("org-surgery-possessive", "Kingsway Surgery's phone number is 0113 496 0555.", "0113 496 0555"),
    ("org-colon-cue", "Reception desk: 0113 496 0000", "0113 496 0000"),
    ("org-care-home-address-label", "Oakleigh Care Home address: 1 Park Lane, Leeds LS8 1AA", "1 Park Lane"),
    ("org-care-home-tel-label", "Oakleigh Care Home tel: 0113 496 0000", "0113 496 0000"),
    ("org-ward-office", "Ward 6 office: 0113 206 4012", "0113 206 4012"),
    ("org-provider-tab", "Provider\tOakleigh Care Ltd\nAddress\t1 Park Lane, Leeds LS8 1AA", "1 Park Lane"),
]


def status(text, value):
    """('leak'|'redacted'|'absent', reason) for the first occurrence of value in text."""
    s = text.index(value)
    e = s + len(value)
    fs = api.scan_text(text)
    red = [f for f in fs if f.action == "redact" and f.start < e and f.end > s]
    covered = all(any(f.start <= i < f.end for f in red) for i in range(s, e) if not text[i].isspace())
    kept = [f for f in fs if f.action == "keep" and f.start < e and f.end > s
            and f.entity_type in ORG_TYPES and f.reason.endswith(": kept")]
    if V:
        for f in fs:
            print("     ", f.entity_type, repr(f.text), f.action, f.reason)
    if covered:
        return "redacted", ""
    if kept:
        return "leak", "; ".join(f"{f.entity_type} {f.text!r}: {f.reason}" for f in kept)
    # partly redacted: say which part survives
    part = "".join(ch if not any(f.start <= s + k < f.end for f in red) else "█" for k, ch in enumerate(value))
    return "absent", f"not (fully) detected: {part!r}"


def main():
    leaks = []
    for cid, text, value, control in CASES:
        st, why = status(text, value)
        cst = status(control, value)[0] if control else "-"
        tag = {"leak": "LEAK", "redacted": "ok", "absent": "MISS"}[st]
        if st == "leak" and cst not in ("redacted", "-"):
            tag = "LEAK?(control also %s)" % cst
        print(f"{tag:24} {cid:36} {value!r}  {why}  [control: {cst}]")
        if st == "leak":
            leaks.append((cid, why))
    print(f"\n{len(CASES)} person cases, {len(leaks)} leak (kept with an organisation reason)")
    import re
    groups = {}
    for cid, why in leaks:
        m = re.search(r": (a shared mailbox|a number only|given under an organisation's name|given as an organisation's \('[^']*'\)|in an organisation's address block)", why)
        groups.setdefault(m.group(1) if m else why, []).append(cid)
    for k, v in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(v):3}  {k}: {', '.join(v)}")
    print("\nOrganisation contacts (should be kept):")
    for cid, text, value in ORG_CASES:
        st, why = status(text, value)
        print(f"{'kept' if st == 'leak' else 'REDACTED' if st == 'redacted' else 'miss':10} {cid:24} {value!r} {why}")


if __name__ == "__main__":
    main()
