"""Red-team round two of the organisation-contact KEEP rule (redactor/organisations.py).

Each case: (id, cause, text, personal value, control text or None). The value must NOT be kept.
LEAK = some character of the value survives and a kept finding with an organisation reason
(': kept') covers it; the control (same text without the organisation context) must redact it.
Run: python run.py [-v]
"""
import re
import sys

from redactor import api

V = "-v" in sys.argv
ORG_TYPES = {"PHONE_NUMBER", "EMAIL_ADDRESS", "ADDRESS", "POSTCODE"}

CASES = [
    # ======== A. letterhead rule: tab-separated form rows (an 'org line' is any row whose cells are all
    #          capitalised and end in a strong word; the value's own row is never checked for being bare)
    ("tab-school-address", "letterhead/table row",
     "Child\tTom Smith\nDOB\t01/02/2015\nSchool\tNewland Academy\nAddress\t14 Elm Road, Hull HU5 3AB\nTelephone\t01482 600 123",
     "14 Elm Road", "Child\tTom Smith\nDOB\t01/02/2015\nAddress\t14 Elm Road, Hull HU5 3AB\nTelephone\t01482 600 123"),
    ("tab-school-phone", "letterhead/table row",
     "Child\tTom Smith\nDOB\t01/02/2015\nSchool\tNewland Academy\nAddress\t14 Elm Road, Hull HU5 3AB\nTelephone\t01482 600 123",
     "01482 600 123", "Child\tTom Smith\nDOB\t01/02/2015\nAddress\t14 Elm Road, Hull HU5 3AB\nTelephone\t01482 600 123"),
    ("tab-parent-contact-number", "letterhead/table row",
     "Pupil\tTom Smith\nSchool\tNewland Academy\nParent Contact Number\t01482 600 124",
     "01482 600 124", "Pupil\tTom Smith\nParent Contact Number\t01482 600 124"),
    ("tab-police-force-location", "letterhead/table row",
     "Force\tHumberside Police\nLocation\t22 Ash Grove, Hull HU5 3AB\nOccurrence\tDomestic - verbal",
     "22 Ash Grove", "Location\t22 Ash Grove, Hull HU5 3AB\nOccurrence\tDomestic - verbal"),
    ("tab-employer-address-home", "letterhead/table row",
     "Name\tPeter Hartley\nEmployer\tAsda Stores Ltd\nAddress (home)\t22 Ash Grove, Hull HU5 3AB",
     "22 Ash Grove", "Name\tPeter Hartley\nAddress (home)\t22 Ash Grove, Hull HU5 3AB"),
    ("tab-employer-home-no", "letterhead/table row",
     "Name\tPeter Hartley\nEmployer\tAsda Stores Ltd\nHome No.\t01482 600 125",
     "01482 600 125", "Name\tPeter Hartley\nHome No.\t01482 600 125"),
    ("tab-landlord-property", "letterhead/table row",
     "Landlord\tRiverside Housing Association\nProperty\t9 Mill Street, Hull HU3 4AA\nTenure\tAssured",
     "9 Mill Street", "Property\t9 Mill Street, Hull HU3 4AA\nTenure\tAssured"),
    ("tab-gp-row-then-address", "letterhead/table row",
     "Patient\tMrs Ada Hartley\nGP\tKingsway Surgery\nAddress\t7 Beech Close, York YO24 1AA\nNHS No\t943 476 5919",
     "7 Beech Close", "Patient\tMrs Ada Hartley\nAddress\t7 Beech Close, York YO24 1AA\nNHS No\t943 476 5919"),
    ("tab-whistleblower-cqc", "letterhead/table row",
     "Oakleigh Care Home\nWhistleblower\t0113 496 0871\nConcern\tNight staffing",
     "0113 496 0871", "Whistleblower\t0113 496 0871\nConcern\tNight staffing"),
    ("tab-emergency-contact-relationship-2-down", "letterhead/next line only",
     "Oakleigh Care Home\nEmergency Contact\t0113 496 0872\nAvailability\tEvenings\nRelationship\tSon",
     "0113 496 0872", "Emergency Contact\t0113 496 0872\nAvailability\tEvenings\nRelationship\tSon"),
    ("room-emergency-contact", "letterhead/bare line",
     "Oakleigh Care Home\nRoom 12 Emergency Contact\nTel 0113 496 0873",
     "0113 496 0873", "Room 12 Emergency Contact\nTel 0113 496 0873"),
    # ======== B. letterhead: a person's address block under an organisation's name (no blank line)
    ("council-occupier-letter", "letterhead/bare line",
     "Hull City Council\nGuildhall, Alfred Gelder Street\nHull HU1 2AA\nThe Occupier\n14 Elm Road\nHull HU5 3AB\nDear Occupier,",
     "14 Elm Road", "The Occupier\n14 Elm Road\nHull HU5 3AB\nDear Occupier,"),
    ("council-householder-postcode", "letterhead/bare line",
     "Hull City Council\nThe Householder\n14 Elm Road\nHull\nHU5 3AB\nCouncil Tax Reminder",
     "HU5 3AB", "The Householder\n14 Elm Road\nHull\nHU5 3AB\nCouncil Tax Reminder"),
    ("council-blue-badge-address", "letterhead/bare line",
     "Hull City Council\nBlue Badge Application\nAddress\t14 Elm Road\nPostcode\tHU5 3AB\nTelephone\t01482 600 126",
     "14 Elm Road", "Blue Badge Application\nAddress\t14 Elm Road\nPostcode\tHU5 3AB\nTelephone\t01482 600 126"),
    ("council-blue-badge-postcode", "letterhead/bare line",
     "Hull City Council\nBlue Badge Application\nAddress\t14 Elm Road\nPostcode\tHU5 3AB\nTelephone\t01482 600 126",
     "HU5 3AB", "Blue Badge Application\nAddress\t14 Elm Road\nPostcode\tHU5 3AB\nTelephone\t01482 600 126"),
    ("council-blue-badge-phone", "letterhead/bare line",
     "Hull City Council\nBlue Badge Application\nAddress\t14 Elm Road\nPostcode\tHU5 3AB\nTelephone\t01482 600 126",
     "01482 600 126", "Blue Badge Application\nAddress\t14 Elm Road\nPostcode\tHU5 3AB\nTelephone\t01482 600 126"),
    ("council-housing-current-address", "letterhead/bare line",
     "Hull City Council\nHousing Register Application\nCurrent Address\t22 Ash Grove, Hull HU5 3AB",
     "22 Ash Grove", "Housing Register Application\nCurrent Address\t22 Ash Grove, Hull HU5 3AB"),
    ("police-header-location-colon", "letterhead/value line unchecked",
     "West Yorkshire Police\nLocation: 22 Ash Grove, Leeds LS6 1QT\nGrade: Immediate",
     "22 Ash Grove", "Location: 22 Ash Grove, Leeds LS6 1QT\nGrade: Immediate"),
    ("cqc-concern-free-text-line", "letterhead/value line unchecked",
     "Oakleigh Care Home\nAnonymous concern received by telephone from 0113 496 0874 on 3 May.",
     "0113 496 0874", "Anonymous concern received by telephone from 0113 496 0874 on 3 May."),
    ("gp-letter-nhs-no-line", "letterhead/bare line",
     "Kingsway Surgery\nNHS Number 943 476 5919\nAddress: 7 Beech Close, York YO24 1AA",
     "7 Beech Close", "NHS Number 943 476 5919\nAddress: 7 Beech Close, York YO24 1AA"),
    ("school-birth-parents", "letterhead/plural person word",
     "Newland Academy\nBirth Parents\n22 Ash Grove\nHull HU5 3AB",
     "22 Ash Grove", "Birth Parents\n22 Ash Grove\nHull HU5 3AB"),
    ("care-home-grandparents", "letterhead/plural person word",
     "Oakleigh Care Home\nVisitors Book\nGrandchildren\n0113 496 0875",
     "0113 496 0875", "Visitors Book\nGrandchildren\n0113 496 0875"),
    ("sig-parent-governor", "letterhead/role line read as org line",
     "Yours sincerely\nSarah Khan\nParent Governor, Newland Academy\n14 Elm Road\nHull HU5 3AB",
     "14 Elm Road", "Yours sincerely\nSarah Khan\n14 Elm Road\nHull HU5 3AB"),
    ("sig-retired-council-phone", "letterhead/role line read as org line",
     "Kind regards\nPeter Hartley\nRetired, Hull City Council\n22 Ash Grove\nHull HU5 3AB\n01482 600 127",
     "01482 600 127", "Kind regards\nPeter Hartley\n22 Ash Grove\nHull HU5 3AB\n01482 600 127"),
    ("sig-trustee-hospice", "letterhead/role line read as org line",
     "Best wishes\nMargaret Wood\nTrustee, Dove House Hospice\n3 Mill Lane, Selby YO8 4AB",
     "3 Mill Lane", "Best wishes\nMargaret Wood\n3 Mill Lane, Selby YO8 4AB"),
    ("sig-patient-group", "letterhead/role line read as org line",
     "Thanks\nJo\nChair, Patient Participation Group, Kingsway Surgery\n8 Rose Street, Hull HU3 2AB",
     "8 Rose Street", "Thanks\nJo\n8 Rose Street, Hull HU3 2AB"),
    ("caps-letter-undetected-name", "letterhead/NER-dependent",
     "HULL CITY COUNCIL\nMR P HARTLEY\n14 ELM ROAD\nHULL HU5 3AB",
     "14 ELM ROAD", "MR P HARTLEY\n14 ELM ROAD\nHULL HU5 3AB"),
    ("rare-name-letter", "letterhead/NER-dependent",
     "Kingsway Surgery\nMx Oyelaran-Bakare\n14 Elm Road\nHull HU5 3AB",
     "14 Elm Road", "Mx Oyelaran-Bakare\n14 Elm Road\nHull HU5 3AB"),
    ("letterhead-foreign-landline", "letterhead/NER-dependent",
     "Oakleigh Care Home\nEmergency Contact\t0033 1 23 45 67 89",
     "0033 1 23 45 67 89", "Emergency Contact\t0033 1 23 45 67 89"),
    ("letterhead-next-sentence-same-line", "letterhead/person word in next sentence",
     "Oakleigh Care Home\nTel: 0113 496 0876. This is the son's landline, not the home's.",
     "0113 496 0876", "Tel: 0113 496 0876. This is the son's landline, not the home's."),
    # ======== C. postcode-follows-a-kept-address pass (no person check on the postcode itself)
    ("postcode-tab-after-kept-address", "postcode pass / follows-org",
     "Placement\tAddress\tPostcode before admission\nOakleigh Care Home, 1 Park Lane, Leeds\tLS6 2AB",
     "LS6 2AB", "Placement\tAddress\tPostcode before admission\n1 Park Lane, Leeds\tLS6 2AB"),
    ("postcode-comma-second-postcode", "postcode pass",
     "Oakleigh Care Home, 1 Park Lane, Leeds LS8 1AA, LS6 2AB\nThe second postcode is the son's.",
     "LS6 2AB", "1 Park Lane, Leeds LS8 1AA, LS6 2AB\nThe second postcode is the son's."),
    ("postcode-letterhead-then-nok-pc", "postcode pass",
     "Oakleigh Care Home\n1 Park Lane, Leeds\tHU5 3AB\nNext of kin postcode shown in column 2.",
     "HU5 3AB", "1 Park Lane, Leeds\tHU5 3AB\nNext of kin postcode shown in column 2."),
    # ======== D. 'right after an organisation's full name'
    ("caps-police-rp-shift", "follows-org/ALL CAPS swallows preposition",
     "RP - WORKS NIGHTS AT KINGSWAY SURGERY - ON 01482 600 128 AFTER 1800",
     "01482 600 128", "RP - WORKS NIGHTS - ON 01482 600 128 AFTER 1800"),
    ("caps-cfw-reported-by-school", "follows-org/ALL CAPS swallows preposition",
     "CONCERN FOR WELFARE REPORTED BY NEWLAND ACADEMY, 22 ASH GROVE, HULL HU5 3AB",
     "22 ASH GROVE", "CONCERN FOR WELFARE REPORTED, 22 ASH GROVE, HULL HU5 3AB"),
    ("caps-discharged-from-hospital", "follows-org/ALL CAPS swallows preposition",
     "DISCHARGED FROM HULL ROYAL INFIRMARY NHS TRUST - 7 BEECH CLOSE, YORK YO24 1AA",
     "7 BEECH CLOSE", "DISCHARGED - 7 BEECH CLOSE, YORK YO24 1AA"),
    ("tracker-tab-row", "follows-org/table row",
     "Case 2231\tNewland Academy\t22 Ash Grove, Hull HU5 3AB\t01482 600 129",
     "22 Ash Grove", "Case 2231\t22 Ash Grove, Hull HU5 3AB\t01482 600 129"),
    ("tracker-tab-row-phone", "follows-org/table row",
     "Case 2231\tNewland Academy\t22 Ash Grove, Hull HU5 3AB\t01482 600 129",
     "01482 600 129", "Case 2231\t22 Ash Grove, Hull HU5 3AB\t01482 600 129"),
    ("police-log-tab-row", "follows-org/table row",
     "03/05 02:10\tHumberside Police\t22 Ash Grove, Hull HU5 3AB\tDomestic",
     "22 Ash Grove", "03/05 02:10\t22 Ash Grove, Hull HU5 3AB\tDomestic"),
    ("csv-referral-row", "follows-org/table row",
     "Ref 2231, Kingsway Surgery, 7 Beech Close, York YO24 1AA, hoarding",
     "7 Beech Close", "Ref 2231, 7 Beech Close, York YO24 1AA, hoarding"),
    ("council-tenancy-housing", "follows-org/unlisted preposition or noun",
     "Accommodation: council tenancy, Hull City Council, 14 Elm Road, Hull HU5 3AB",
     "14 Elm Road", "Accommodation: council tenancy, 14 Elm Road, Hull HU5 3AB"),
    ("social-housing-ha", "follows-org/unlisted preposition or noun",
     "Housing: social housing, Riverside Housing Association, 9 Mill Street, Hull HU3 4AA",
     "9 Mill Street", "Housing: social housing, 9 Mill Street, Hull HU3 4AA"),
    ("complaint-regarding", "follows-org/unlisted preposition or noun",
     "Complaint regarding Oakleigh Care Home, 22 Ash Grove, Hull HU5 3AB. That is the complainant's own address.",
     "22 Ash Grove", "Complaint, 22 Ash Grove, Hull HU5 3AB. That is the complainant's own address."),
    ("police-at-address", "follows-org/'at' in _BETWEEN",
     "02:10 Yorkshire Ambulance Service and Humberside Police at 22 Ash Grove, Hull HU5 3AB.",
     "22 Ash Grove", "02:10 Crews at 22 Ash Grove, Hull HU5 3AB."),
    ("lowercase-police-after-capital", "follows-org/lowercase strong word after any capitalised word",
     "Paramedics and police at 22 Ash Grove, Hull HU5 3AB.",
     "22 Ash Grove", "Paramedics at 22 Ash Grove, Hull HU5 3AB."),
    ("located-at-after-org", "follows-org/'located' in _BETWEEN",
     "Absconded Oakleigh Care Home, located at 22 Ash Grove, Hull HU5 3AB by PCSO.",
     "22 Ash Grove", "Absconded, located at 22 Ash Grove, Hull HU5 3AB by PCSO."),
    ("followsorg-next-sentence", "follows-org/person word in next sentence",
     "Oakleigh Care Home, 0113 496 0877. That is her son's number, not the home's.",
     "0113 496 0877", "0113 496 0877. That is her son's number, not the home's."),
    ("followsorg-next-line", "follows-org/next line not checked",
     "Newland Academy, 01482 600 130\nAbove number is for Tom's father, Mr Peter Hartley.",
     "01482 600 130", "01482 600 130\nAbove number is for Tom's father, Mr Peter Hartley."),
    ("followsorg-name-after", "follows-org/names after value not checked",
     "Oakleigh Care Home: 0113 496 0878 (Peter Hartley's number)",
     "0113 496 0878", "0113 496 0878 (Peter Hartley's number)"),
    ("residents-association", "follows-org/home used by org",
     "Elm Road Residents' Association, 14 Elm Road, Hull HU5 3AB (secretary's house)",
     "14 Elm Road", "Elm Road Residents, 14 Elm Road, Hull HU5 3AB (secretary's house)"),
    ("sole-trader-ltd-home", "follows-org/home used by org",
     "Director Peter Hartley runs Hartley Gardening Ltd. Hartley Gardening Ltd, 14 Elm Road, Hull HU5 3AB, is his home.",
     "14 Elm Road", None),
    ("lower-preposition-towards", "follows-org/unlisted preposition or noun",
     "She was seen walking past Kingsway Surgery, towards 22 Ash Grove.",
     "22 Ash Grove", None),
    ("parents-work-at", "follows-org/plural person word",
     "Both parents work for Asda Stores Ltd; parents' landline Asda Stores Ltd - 01482 600 131",
     "01482 600 131", "Both parents work nights; parents' landline - 01482 600 131"),
    # ======== E. cues
    ("cue-registered-address-keeper", "cue/'Registered address:'",
     "Registered keeper\tMr Peter Hartley\nRegistered address: 14 Elm Road, Hull HU5 3AB",
     "14 Elm Road", "Registered keeper\tMr Peter Hartley\nAddress: 14 Elm Road, Hull HU5 3AB"),
    ("cue-registered-address-gp", "cue/'Registered address:'",
     "Patient registered with Kingsway Surgery since 2019.\nRegistered address: 7 Beech Close, York YO24 1AA",
     "7 Beech Close", "Patient registered with Kingsway Surgery since 2019.\nAddress: 7 Beech Close, York YO24 1AA"),
    ("cue-registered-office-director-home", "cue/'Registered office:'",
     "Registered office: 14 Elm Road, Hull HU5 3AB (the director's home)",
     "14 Elm Road", "Office: 14 Elm Road, Hull HU5 3AB (the director's home)"),
    ("cue-ring-the-home-homecare", "cue/'the home' = a private home",
     "Key safe by back door. Carers to ring the home on 01904 622 199 if no answer.",
     "01904 622 199", "Key safe by back door. Carers to ring 01904 622 199 if no answer."),
    ("cue-homes-address-domestic", "cue/'the home' = a private home",
     "Police attended a domestic; the home's address is 14 Elm Road, Hull HU5 3AB.",
     "14 Elm Road", "Police attended a domestic; the address is 14 Elm Road, Hull HU5 3AB."),
    ("cue-homes-postcode-visit", "cue/'the home' = a private home",
     "Home visit booked; the home's postcode is HU5 3AB.",
     "HU5 3AB", "Home visit booked; the postcode is HU5 3AB."),
    ("cue-pals-dash", "cue/'pals'",
     "Overnight with pals - 22 Ash Grove, Hull HU5 3AB",
     "22 Ash Grove", "Overnight with friends - 22 Ash Grove, Hull HU5 3AB"),
    ("cue-penpals", "cue/'pals' without word boundary",
     "Prison pen pals: 22 Ash Grove, Hull HU5 3AB",
     "22 Ash Grove", "Prison pen friends: 22 Ash Grove, Hull HU5 3AB"),
    ("cue-cqc-via", "cue/'CQC via'",
     "Anonymous concern raised with CQC via 01482 600 132 for a call back.",
     "01482 600 132", "Anonymous concern raised via 01482 600 132 for a call back."),
    ("cue-provider-direct-payments", "cue/'the provider' = self-employed PA",
     "Direct payments: self-employed PA. Contact the provider on 01482 600 133.",
     "01482 600 133", "Direct payments: self-employed PA. Contact on 01482 600 133."),
    ("cue-company-address-sole-trader", "cue/'the company's address'",
     "The cleaning company's address is 14 Elm Road, Hull HU5 3AB. Mr Hartley runs it from his house.",
     "14 Elm Road", "The address is 14 Elm Road, Hull HU5 3AB. Mr Hartley runs it from his house."),
    ("cue-practice-address-home-therapist", "cue/'the practice address'",
     "Counsellor works from home; the practice address is 3 Mill Lane, Selby YO8 4AB.",
     "3 Mill Lane", "Counsellor works from home; the address is 3 Mill Lane, Selby YO8 4AB."),
    ("cue-call-the-police-on", "cue/'contact the police'",
     "Neighbour rang; caller asked us to contact the police. Ring the police on 01482 600 134 said the lodger.",
     "01482 600 134", None),
    # ======== F. mailbox rule
    ("mail-family-domain-header", "mailbox/personal domain missed",
     "From: info@thepatels.co.uk\nSent: 3 May 2024 10:02\nTo: complaints@hullcc.gov.uk\nSubject: My mother's care",
     "info@thepatels.co.uk", None),
    ("mail-family-tld", "mailbox/personal domain missed",
     "Reply to office@khan.family", "office@khan.family", None),
    ("mail-surname-domain-short", "mailbox/personal domain missed",
     "E-mail\tadmin@wong.uk", "admin@wong.uk", None),
    ("mail-surname-domain-long-unknown", "mailbox/personal domain missed",
     "Email for correspondence: info@okonkwo-adeyemi.co.uk", "info@okonkwo-adeyemi.co.uk", None),
    ("mail-initials-domain", "mailbox/personal domain missed",
     "Sent from contact@jkhall.co.uk", "contact@jkhall.co.uk", None),
    ("mail-isp-virgin-net", "mailbox/webmail list gap",
     "PA (sole trader) e-mail: care.support@virgin.net", "care.support@virgin.net", None),
    ("mail-isp-karoo", "mailbox/webmail list gap",
     "Anonymous e-mail received from info@karoo.co.uk", "info@karoo.co.uk", None),
    ("mail-isp-fastmail", "mailbox/webmail list gap",
     "Reply to: admin@fastmail.com", "admin@fastmail.com", None),
    ("mail-isp-tutanota", "mailbox/webmail list gap",
     "Whistleblower used contact@tutanota.com", "contact@tutanota.com", None),
    ("mail-subdomain-family", "mailbox/only first domain label checked",
     "Email: info@web.hartleyfamily.co.uk", "info@web.hartleyfamily.co.uk", None),
    # ======== G. non-geographic / mobile
    ("nongeo-person-line-above", "non-geographic/person on line above",
     "Mr Peter Hartley\n22 Ash Grove\nHull HU5 3AB\nTel 0333 012 3456", "0333 012 3456", None),
    ("nongeo-sole-trader", "non-geographic/person's business number",
     "The PA is self-employed and can be reached on 0845 601 2345.", "0845 601 2345", None),
    ("mobile-0044", "mobile check misses 0044",
     "Oakleigh Care Home\nEmergency Contact\t0044 7700 900123", "0044 7700 900123",
     "Emergency Contact\t0044 7700 900123"),
    # ======== H. a person's name inside a kept address field, and lower case / capitals
    ("name-inside-address-field-name", "letterhead/name inside the kept span",
     "Oakleigh Care Home\nAddress: Peter Hartley, 14 Elm Road, Hull HU5 3AB",
     "Peter Hartley", "Address: Peter Hartley, 14 Elm Road, Hull HU5 3AB"),
    ("name-inside-address-field-addr", "letterhead/name inside the kept span",
     "Oakleigh Care Home\nAddress: Peter Hartley, 14 Elm Road, Hull HU5 3AB",
     "14 Elm Road", "Address: Peter Hartley, 14 Elm Road, Hull HU5 3AB"),
    ("lower-ring-the-home", "cue/'the home' = a private home",
     "carers to ring the home on 01904 622 198 if no answer at the door",
     "01904 622 198", "carers to ring 01904 622 198 if no answer at the door"),
    ("lower-email-header", "mailbox/personal domain missed",
     "from: office@thepatels.co.uk\nsubject: my dad's care", "office@thepatels.co.uk", None),
    ("caps-registered-address", "cue/'Registered address:'",
     "REGISTERED KEEPER\tMR PETER HARTLEY\nREGISTERED ADDRESS: 14 ELM ROAD, HULL HU5 3AB",
     "14 ELM ROAD", "REGISTERED KEEPER\tMR PETER HARTLEY\nADDRESS: 14 ELM ROAD, HULL HU5 3AB"),
    ("lower-follows-org-probe", "follows-org (lower case probe)",
     "kingsway surgery, 01482 600 135 is the daughter's", "01482 600 135", None),
    # ======== I. recognisers/uk_address.py is_organisations_address(): the address is never found (silent)
    ("rec-attends-school-lives-at", "address recogniser org filter (silent)",
     "Attends Newland School, lives at 22 Ash Grove, Hull HU5 3AB", "22 Ash Grove",
     "Attends nursery, lives at 22 Ash Grove, Hull HU5 3AB"),
    ("rec-known-to-childrens-services", "address recogniser org filter (silent)",
     "Known to Childrens Services\n22 Ash Grove\nHull HU5 3AB", "22 Ash Grove",
     "Known to us\n22 Ash Grove\nHull HU5 3AB"),
    ("rec-home-office-case", "address recogniser org filter (silent)",
     "Home Office case\n22 Ash Grove, Hull HU5 3AB", "22 Ash Grove", "Asylum case\n22 Ash Grove, Hull HU5 3AB"),
    ("rec-sole-trader-ltd-home", "address recogniser org filter (silent)",
     "Hartley Joinery Ltd, 14 Elm Road, Hull HU5 3AB (run from the family home)", "14 Elm Road",
     "Hartley Joinery, 14 Elm Road, Hull HU5 3AB (run from the family home)"),
]

# Organisation contacts that should still be kept (spot over-correction).
ORG_CASES = [
    ("org-switchboard", "Leeds City Council switchboard: 0113 222 4444", "0113 222 4444"),
    ("org-letterhead", "Oakleigh Care Home\n1 Park Lane\nLeeds\nLS8 1AA\nTel: 0113 496 0000", "1 Park Lane"),
    ("org-gp-tel", "GP: Dr Khan, Kingsway Medical Practice, 0113 496 0555", "0113 496 0555"),
    ("org-mailbox", "Email safeguarding.adults@hullcc.gov.uk", "safeguarding.adults@hullcc.gov.uk"),
]


def status(text, value):
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
        part = "".join("█" if any(f.start <= s + k < f.end for f in red) else ch for k, ch in enumerate(value))
        return "leak", "; ".join(f"{f.entity_type} {f.text!r}: {f.reason}" for f in kept) + \
            ("" if part == value else f" [survives: {part!r}]")
    part = "".join("█" if any(f.start <= s + k < f.end for f in red) else ch for k, ch in enumerate(value))
    return "absent", f"not (fully) detected: {part!r}"


def main():
    leaks = []
    for cid, cause, text, value, control in CASES:
        st, why = status(text, value)
        cst = status(control, value)[0] if control else "-"
        tag = {"leak": "LEAK", "redacted": "ok", "absent": "MISS"}[st]
        if st == "leak" and cst not in ("redacted", "-"):
            tag = f"LEAK?(ctl {cst})"
        if st == "absent" and cst == "redacted":
            tag, st = "SILENT-LEAK", "leak"  # the organisation context stops detection altogether
            cause = "SILENT: recognizers/uk_address.py is_organisations_address drops the address (" + cause + ")"
        print(f"{tag:18} {cid:40} {value!r}  {why}  [control: {cst}]")
        if st == "leak":
            leaks.append((cause, cid, value, why, text))
    print(f"\n{len(CASES)} person cases, {len(leaks)} leak (kept with an organisation reason)\n")
    groups = {}
    for cause, cid, value, why, text in leaks:
        groups.setdefault(cause, []).append(cid)
    for k, v in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(v):3}  {k}: {', '.join(v)}")
    print("\nOrganisation contacts (should be kept):")
    for cid, text, value in ORG_CASES:
        st, why = status(text, value)
        print(f"{'kept' if st == 'leak' else 'REDACTED' if st == 'redacted' else 'miss':10} {cid:24} {value!r} {why}")


if __name__ == "__main__":
    main()
