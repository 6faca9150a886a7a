"""Each recognizer: valid values in their common written forms, invalid look-alikes that must not match."""
from __future__ import annotations

import pytest

from conftest import found
from redactor.recognizers.nhs_number import nhs_check_digit_ok
from redactor.recognizers.person import UkPersonRecognizer


# ---------------------------------------------------------------- NHS_NUMBER
@pytest.mark.parametrize("value", ["943 476 5919", "943-476-5919", "9434765919", "9434 765 919"])
def test_nhs_number_any_grouping(engine, value):
    assert found(engine, f"NHS number {value} on file.", "NHS_NUMBER") == [value]


@pytest.mark.parametrize("value", ["943 476 5918", "1234567890", "0000000000"])
def test_nhs_number_failing_check_digit_is_not_one(engine, value):
    assert found(engine, f"Reference {value} on file.", "NHS_NUMBER") == []


def test_nhs_check_digit_rule():
    assert nhs_check_digit_ok("4010232137") and not nhs_check_digit_ok("4010232138")


def test_cqc_location_id_is_not_an_nhs_number(engine):
    assert found(engine, "Larchfield House (location ID 1-104857391)", "NHS_NUMBER") == []


def test_nhs_number_inside_longer_number_not_matched(engine):
    assert found(engine, "Order 94347659191 shipped.", "NHS_NUMBER") == []


@pytest.mark.parametrize("text, phone", [
    ("Call her on +44 (0)113 496 0999 today.", "+44 (0)113 496 0999"),
    ("My phone number is +45 69 19 88 56", "+45 69 19 88 56"),
])
def test_international_phone_passing_the_check_digit_is_a_phone(engine, text, phone):
    """Ten digits after '+' or a trunk '(0)' are a phone number, even when they pass modulus 11."""
    assert nhs_check_digit_ok(phone.replace("+44 (0)", "").replace("+", ""))  # the look-alike is real
    assert found(engine, text, "NHS_NUMBER") == []
    assert found(engine, text, "PHONE_NUMBER") == [phone]


# ---------------------------------------------------------------- NI_NUMBER
@pytest.mark.parametrize("value", ["AB123456C", "AB 12 34 56 C", "JX 07 56 65 A", "HA813689D", "AB-12-34-56-C"])
def test_ni_number_valid(engine, value):
    assert found(engine, f"NI No: {value}", "NI_NUMBER") == [value]


@pytest.mark.parametrize("value", ["DA123456C", "AD123456C", "GB123456A", "ZZ123456A", "AB123456E", "AB12345C"])
def test_ni_number_invalid_prefix_or_suffix(engine, value):
    assert found(engine, f"Code {value} here", "NI_NUMBER") == []


def test_ni_number_digits_in_threes(engine):
    assert found(engine, "The number is AZ 123 456 A.", "NI_NUMBER") == ["AZ 123 456 A"]
    assert found(engine, "Invoice AZ 123 456 E.", "NI_NUMBER") == []  # no such suffix


def test_ni_number_lower_case_with_context(engine):
    assert found(engine, "national insurance number ab 12 34 56 c", "NI_NUMBER") == ["ab 12 34 56 c"]


# ---------------------------------------------------------------- POSTCODE
@pytest.mark.parametrize("value", ["HG2 8QT", "M8 9SZ", "SW1A 1AA", "B27 5JD", "EC1A1BB"])
def test_postcode_valid(engine, value):
    assert found(engine, f"Harrogate {value}", "POSTCODE") == [value]


@pytest.mark.parametrize("value", ["sw1A 0AA", "EC2V 7hh", "eh12ng", "hg2 8qt", "GIR 0AA", "BX1 1LT"])
def test_postcode_any_case_and_the_special_areas(engine, value):
    assert found(engine, f"this is a {value} test string", "POSTCODE") == [value]


@pytest.mark.parametrize("value", ["QQ1 1AA", "XY12 3AB", "M8 9CI", "qq1 1aa", "xy12 3ab", "gir 1aa"])
def test_postcode_look_alikes(engine, value):
    assert found(engine, f"Part {value} in stock", "POSTCODE") == []


# ---------------------------------------------------------------- PHONE_NUMBER
@pytest.mark.parametrize("value", ["07700 900567", "0161 496 0939", "020 7946 0791", "+44 20 7946 0791",
                                   "+44 (0)20 7946 0791", "(202) 555-0173", "+1-202-555-0173"])
def test_phone_valid(engine, value):
    assert found(engine, f"Tel: {value}", "PHONE_NUMBER") == [value]


@pytest.mark.parametrize("text", ["Date of visit: 24.04.2024", "Regulation 12 applies", "paid £1,250.00",
                                  "location ID 1-295105371", "in 2019 and 2020"])
def test_phone_look_alikes(engine, text):
    assert found(engine, text, "PHONE_NUMBER") == []


def test_phone_grouped_digits_need_context(engine):
    assert found(engine, "They are not answering at 785 8949", "PHONE_NUMBER") == ["785 8949"]
    assert found(engine, "Table 785 8949 of the annex", "PHONE_NUMBER") == []


# ---------------------------------------------------------------- EMAIL_ADDRESS
@pytest.mark.parametrize("value", ["pauline.martin@example.com", "o'neil+care@nhs.net", "a.b@familymail.localhost"])
def test_email_valid(engine, value):
    assert found(engine, f"Email: {value}.", "EMAIL_ADDRESS") == [value]


def test_email_look_alikes(engine):
    assert found(engine, "Twitter handle @carehome and user@localhost", "EMAIL_ADDRESS") == []
    assert found(engine, "Meet at the home at noon. He looked at it. Dot was there.", "EMAIL_ADDRESS") == []


@pytest.mark.parametrize("value", ["lorraine dot kettlewell at rosewoodcourt dot co dot uk", "jane.doe [at] nhs [dot] net"])
def test_email_spelt_out(engine, value):
    assert found(engine, f"Contact {value} today", "EMAIL_ADDRESS") == [value]


# ---------------------------------------------------------------- DATE_OF_BIRTH
@pytest.mark.parametrize("text,value", [
    ("(DOB 19 December 1930, NHS", "19 December 1930"),
    ("His date of birth is 09.06.1940 and", "09.06.1940"),
    ("resident jenna sinclair - b. 13/05/1945, nhs", "13/05/1945"),
    ("D.O.B.: 1941-03-12", "1941-03-12"),
    ("She was born on 3rd March 1941.", "3rd March 1941"),
    ("first seen on 12/03/2001 (aged 23)", "12/03/2001"),
])
def test_date_of_birth_by_cue(engine, text, value):
    assert found(engine, text, "DATE_OF_BIRTH") == [value]


@pytest.mark.parametrize("text,value", [("Her son Derek (b. 1962) lives nearby.", "1962"),
                                        ("She was born in March 1950 in Leeds.", "March 1950"),
                                        ("Year of birth: 1948", "1948")])
def test_birth_year_after_a_cue(engine, text, value):
    assert found(engine, text, "DATE_OF_BIRTH") == [value]


def test_date_of_birth_with_a_month_abbreviation(engine):
    assert found(engine, "D.O.B 03-Mar-1950.", "DATE_OF_BIRTH") == ["03-Mar-1950"]
    assert found(engine, "born 3/Mar/50", "DATE_OF_BIRTH") == ["3/Mar/50"]


def test_an_age_that_does_not_fit_the_date_makes_no_birth_date(engine):
    assert found(engine, "Mr Smith died on 03/03/2025, aged 87.", "DATE_OF_BIRTH") == []
    assert found(engine, "Mrs Jones, 12/03/1941 (aged 84), lives alone.", "DATE_OF_BIRTH") == ["12/03/1941"]


def test_an_initial_b_is_not_born(engine):
    """'b.' means born only in lower case and right before the date."""
    assert found(engine, "Signature: B. Wisniewski    Date: 04/03/2025", "DATE_OF_BIRTH") == []
    assert found(engine, "Statement of Bob Smith, b. 04/03/1950", "DATE_OF_BIRTH") == ["04/03/1950"]


@pytest.mark.parametrize("text", ["The home was built in 1962.", "Residents born 1930s", "In March 1950 it opened."])
def test_years_without_a_birth_cue_are_kept(engine, text):
    assert found(engine, text, "DATE_OF_BIRTH") == []


@pytest.mark.parametrize("text", ["Date of visit: 24.04.2024", "not reviewed since 08.09.2024.",
                                  "by 3 February 2025 at the latest", "On 03/09/2024 he was left"])
def test_other_dates_are_kept(engine, text):
    assert found(engine, text, "DATE_OF_BIRTH") == []


def test_date_under_dob_column(engine):
    text = "Resident\tRoom\tDOB\nKS\t30\t12/03/2001\nGN\t28\t9 Oct 2003\n"
    assert found(engine, text, "DATE_OF_BIRTH") == ["12/03/2001", "9 Oct 2003"]
    assert found(engine, text, "INITIALS") == ["KS", "GN"]


# ---------------------------------------------------------------- INITIALS
@pytest.mark.parametrize("text,value", [
    ("She told me that staff member MW had not", "MW"),
    ("a care worker (SR) shouted at her", "SR"),
    ("Jane Doe (JD) was on shift", "JD"),
    ("JD reported the fall", "JD"),
    ("resident E.H. (aged 94) fell twice", "E.H."),
    ("Resident E. H. was moved", "E. H."),
    ("Actions: JW to write to the family by Friday.", "JW"),
    ("Present: J. Whitfield (chair), LD (notes)", "LD"),  # 'LD' is an acronym elsewhere
    ("Apologies: RT, KL\n", "KL"),
    ("Typed by: SB/jm 17/03/2025", "jm"),
    ("Our ref: AO/KL", "AO"),
    ("Our Ref: JRW/LP/0457-3", "JRW"),
    ("Signed: SK, PO, JL\n", "PO"),
    ("Checked by: SK and JL", "JL"),
    ("His partner, Mrs M, works at the Co-op.", "M"),
    ("Mr X said he was not told.", "X"),
    ("She lives at Fernleigh House. Her son, CB, objects to the placement.", "CB"),
    ("SW visit. SU (AB) seen at home.", "AB"),  # SU: service user
    ("AND IN THE MATTER OF EB\n", "EB"),
])
def test_initials_with_cue(engine, text, value):
    assert value in found(engine, text, "INITIALS")


@pytest.mark.parametrize("text", ["We told the CQC and the NHS trust.", "The GP and the DoLS team", "SAFEGUARDING REFERRAL",
                                  "under the MCA and DPA", "The U.K. Government and the N.H.S. agreed.",
                                  "CQC to visit in May.", "The NHS to review its policy.",
                                  "PLEASE REPLY TO ME, STEPHEN HEMINGWAY.", "Your Ref: CQC/ENQ/99812",
                                  "SW visit. SU said she was tired."])
def test_acronyms_are_not_initials(engine, text):
    assert found(engine, text, "INITIALS") == []


@pytest.mark.parametrize("text", ["Tachypneic with RR 28 at times.", "Sats dropped with HR 130s overnight.",
                                  "WAS DUE TO ETT AND LOW BP"])
def test_measures_and_capitals_lines_are_not_initials(engine, text):
    """Capitals before a number are a measure; a cue written in capitals is one more word of a
    line in capitals, not a person's cue."""
    assert found(engine, text, "INITIALS") == []


def test_letters_the_document_writes_in_lower_case_are_an_abbreviation_not_initials(engine):
    """Nobody writes a person's initials in lower case: 'PT' beside 'pt' is the patient, and no
    'PT' of the note is redacted; initials the note never writes so are still found."""
    text = "pt resting comfortably, abg sent at 0400.\nPT was in to see her and gave her exercises.\n"
    assert found(engine, text, "INITIALS") == []
    assert found(engine, "Resting comfortably.\nPT was in to see her and gave her exercises.\n", "INITIALS") == ["PT"]
    mailed = "Resting comfortably.\nPT was in to see her and gave her exercises.\nCopy to pt@example.org.\n"
    assert "PT" in found(engine, mailed, "INITIALS")  # an address's letters are no word


def test_a_list_of_people_types_only_its_items():
    """'Also present:' makes its items initials, not the acronyms inside an item's note."""
    from redactor.api import scan_text
    text = "Also present: Zoë Łukasiewicz (agency nurse, NMC PIN 05I1234E) and LD (notes)\n"
    initials = [f.text for f in scan_text(text) if f.entity_type == "INITIALS" and f.action == "redact"]
    assert initials == ["LD"]
    assert [f.text for f in scan_text("Mrs Mary Jones and Dr J. Smith", ) if f.entity_type == "INITIALS"
            and f.action == "redact"] == []  # a title before a full name or dotted initial: no lone initial


# ---------------------------------------------------------------- PERSON
@pytest.mark.parametrize("text,value", [
    ("I spoke with Mrs Kathryn Cook in room 18", "Mrs Kathryn Cook"),
    ("Name: Glenn Collins\n", "Glenn Collins"),
    ("* resident rita begum - b. 21/08/1931", "rita begum"),
    ("Yours faithfully,\nPauline Martin\nTel: 0161 496 0939", "Pauline Martin"),
    ("Yours faithfully,\n\n\nPriyanka Gilyard\n0113 496 0407\n", "Priyanka Gilyard"),  # room to sign
    ("Audit completed by Billy Ward.", "Billy Ward"),
    ("Her daughter, Georgina Butcher, can be reached", "Georgina Butcher"),
    ("GP is Dr. F. Achebe at Northgate Surgery.", "Dr. F. Achebe"),
    ("Mrs P. Singh visited on Tuesday.", "Mrs P. Singh"),
    ("Re: Mrs Doreen FAIRBROTHER  DOB: 14.07.1944", "Mrs Doreen FAIRBROTHER"),  # the label is not part of it
    ("Present: J. Whitfield (chair), A. Osei-Bonsu, M. Carr", "A. Osei-Bonsu"),
    ("Present: J. Whitfield (chair), A. Osei-Bonsu, M. Carr", "M. Carr"),
    ("Signed: P.J. O'Neill", "P.J. O'Neill"),
    ("[12/02/2025, 21:14] Kerry-Anne: he's kicking off again", "Kerry-Anne"),
    ("12/02/2025, 21:15 - Dwayne M: who is it?", "Dwayne M"),
    ("Police ref: 13/45872/25 (PC 4471 Jenkins).", "PC 4471 Jenkins"),
    ("DS Okafor took the statement.", "DS Okafor"),
    ("Saved to C:\\Users\\rpettigrew\\Documents\\notes.docx", "rpettigrew"),
    ("file:///C:/Users/Rosalind Pettigrew/Templates/Normal.dotm", "Rosalind Pettigrew"),
    ("Rev. Canon Peter Ashworth\t11\t30/04/1938\n", "Rev. Canon Peter Ashworth"),
    ("Imam Yusuf Patel led prayers.", "Imam Yusuf Patel"),
    ("The driver (I think his surname is Procter) shouted.", "Procter"),
    ("the carer called bev told her to stop moaning", "bev"),
    ("she says mum (edna) has been left in bed", "edna"),
    ("SMITH, John (Mr) - room 4", "SMITH, John"),
    ("Jones K - room 5.", "Jones K"),
    ("Ahmed, F. - room 6.", "Ahmed, F."),
    ("Nominated Individual - Farouk Siddiqui\n", "Farouk Siddiqui"),
    ('Robert "Bob" Tennant attended.', "Bob"),
    ('Robert "Bob" Tennant attended.', "Tennant"),
    ('His wife Marjorie ("Midge") attended.', "Midge"),
    ("Resident's family (the Pattersons) complained.", "Pattersons"),
    ("The Khans visited on Sunday.", "Khans"),
    ('Bed 3: "Nobby" Clarke (Norman) - fall', "Clarke"),
    ("Staff: RN Aisha (in charge), bank HCA Tunde (from NHSP).", "Tunde"),
    ("Seen by FY2 Hannah Ellery.", "Hannah Ellery"),
    ("Re: Our client Mr Iwan ap Dafydd (deceased)", "Mr Iwan ap Dafydd"),
    ("Mr Pieter van der Berg attended.", "Mr Pieter van der Berg"),
    ("Victim's name - Precious\n", "Precious"),
    ("Name of alleged victim: john smithers\n", "john smithers"),
    ("Mother's maiden name: Kowalska\n", "Kowalska"),
    ("Audited by Letha Mount\n", "Letha Mount"),  # a capital 'Audited', a place word as surname
    ("She visited with Jean-Luc Moreau on Monday.", "Jean-Luc Moreau"),
    ("I told the nurse in charge, Femi, straight away.", "Femi"),  # a name outside the lexicons, set off by commas
    ("SURNAME: HOLLINGWORTH FORENAME(S): MARGARET ANNE\n", "HOLLINGWORTH"),
    ("SURNAME: HOLLINGWORTH FORENAME(S): MARGARET ANNE\n", "MARGARET ANNE"),
    ("Surname: Hollingworth\nROOM 4 - HOLLINGWORTH\n", "HOLLINGWORTH"),  # a name found, then in capitals
    ("I spoke with Onveer Tamm (DOB 1 August 1926) in the lounge.", "Onveer Tamm"),
    ("Yesterday Tamsin Quayle (DOB 03/04/1950) was seen.", "Tamsin Quayle"),
    ("Her neighbour, Wojtek Zielony, NHS number 943 476 5919, helped.", "Wojtek Zielony"),
    ("I spoke with Mr Siddharth Board (DOB 21 September 1927).", "Siddharth Board"),
    ("Patient: Ada Penhallow NHS No: 943 476 5919\n", "Ada Penhallow"),  # beside an ID label, no comma
    ("Resident Bronwen Tregothnan NHS 943 476 5919 seen.", "Bronwen Tregothnan"),
    ("To: Oluwaseun Nease <oluwaseun.nease@council.example.gov.uk>\n", "Oluwaseun Nease"),
    ('Cc: "Nease, Oluwaseun" <onease@example.org>\n', "Nease, Oluwaseun"),
])
def test_person_patterns(engine, text, value):
    assert value in found(engine, text, "PERSON")


@pytest.mark.parametrize("text", ["Take Vitamin D. Staff said it helped.", "See Appendix C. The home was clean.",
                                  "It was Plan B. Later we left.", "Rated Grade A. Residents liked it."])
def test_letter_and_dot_before_a_word_is_not_a_name(engine, text):
    assert found(engine, text, "PERSON") == []


@pytest.mark.parametrize("text", [
    "Actions: the deputy manager will re-train staff in four weeks.",  # 'will' is a given name in the lexicon
    "From: Safeguarding Team <safeguarding@council.example.gov.uk>\nCc: Brightside Care <info@brightside.example.com>",
    "To: Dominic Pinard <dominic.pinard@council.example.gov.uk>",  # the header is not part of the name
    "Mrs Margaret Thornton in the Ivy Wing (NHS number 943 476 5919)",  # a place before an NHS number
    "The Oakleigh Care Home (NHS number unknown) was visited.",
    "Call staff at Oakleigh NHS 0113 496 0999 in the morning.",  # an organisation beside a bare 'NHS'
    "The registered manager, Oakleigh Care Home, said.",
    "Her carer, Monday to Friday, is away.",
])
def test_look_alikes_around_names_are_not_names(engine, text):
    assert not any(v in ("will", "To", "Ivy Wing", "Care Home", "Safeguarding Team", "Brightside Care", "Monday",
                         "Oakleigh") for v in found(engine, text, "PERSON"))


def test_initials_weak_in_a_heading_are_redacted_once_found_elsewhere(engine):
    """'EB' with no cue scores low; found with a cue elsewhere, each mention is redacted."""
    text = "RE EB - FINAL ORDER\n\nFirst Respondent: EB (by her litigation friend)\n"
    assert found(engine, text, "INITIALS").count("EB") == 2


def test_a_given_name_and_an_initial_in_a_rota(engine):
    text = "Mon | Early: Joanne P, Tomasz W | Late: Grace O (agency) | Night: Precious M\nTue | Late: Bartek K, Fola A\n"
    assert {"Joanne P", "Tomasz W", "Grace O", "Precious M", "Bartek K", "Fola A"} <= set(found(engine, text, "PERSON"))
    assert found(engine, "Options considered: Plan B, Option C | Vitamin D\n", "PERSON") == []


@pytest.mark.parametrize("text", ["Sun 12 Jan 21:03 Kayleigh: where r u", "Mon 13 Jan 08:15 - call", "on 3 Mar, seen"])
def test_dates_with_short_month_and_day_names_are_not_people(engine, text):
    assert not any(v in ("Sun", "Jan", "Mon", "Mar") for v in found(engine, text, "PERSON"))


def test_log_lines_are_not_chat_senders(engine):
    assert found(engine, "12/03/2024, 10:00 - Note: the home was visited\n", "PERSON") == []


def test_name_after_title_stops_at_a_table_cell(engine):
    """A tab separates cells: 'Nurse Okonkwo-Bright<tab>AH<tab>PRN' is a name, initials, a word."""
    text = "Time\tStaff\tResident\tDetails\n22:05\tNurse Okonkwo-Bright\tAH\tPRN lorazepam given\n"
    assert not any("\t" in v for v in found(engine, text, "PERSON"))
    assert "AH" in found(engine, text, "INITIALS")
    assert found(engine, "INCIDENT LOG\nTime\tDetails\n", "INITIALS") == []  # a heading word


def test_a_plain_text_table_drawn_with_pipes(engine):
    """'Resident | Medicine | Staff' columns type their cells as tab-separated ones do; the room
    number beside a resident's initials is no name."""
    text = ("Resident | Medicine | Issue | Staff\nHA (room 26) | Metformin 500mg | not signed for | FR\n"
            "TP | Warfarin 3mg | given late | LW\n")
    assert {"HA", "FR", "TP", "LW"} <= set(found(engine, text, "INITIALS"))
    assert not any("room" in v or "Metformin" in v for v in found(engine, text, "PERSON"))
    assert found(engine, "Options: yes | no | maybe\n", "PERSON") == []


def test_a_wide_gap_ends_a_name(engine):
    """Columns laid out with spaces: the next column's label is no part of the name."""
    text = "Consultant: Dr A. Mukherjee    Named nurse: Roisin Flannery\nPatient: Albert Edward THWAITE    Hosp No: RR8-0012345\n"
    names = found(engine, text, "PERSON")
    assert "Dr A. Mukherjee" in names and not any("Named" in v or "Hosp" in v for v in names)


def test_person_propagation_keeps_places(engine):
    text = "* night nurse Ivy Chapman was on duty in the Ivy Wing\n* Ivy said call bells rang.\n"
    names = found(engine, text, "PERSON")
    assert "Ivy Chapman" in names and names.count("Ivy") == 1  # 'Ivy Wing' is a place


def test_organisations_are_not_people(engine):
    text = "We will discuss Regulation 12 with Bradford District Care NHS Foundation Trust at Meadowbank Lodge."
    assert found(engine, text, "PERSON") == []
    text = "Her mother, Gwenllian Prydderch, lived at Ty Gwyn Nursing Home until her death."
    assert not any("Gwyn" in v for v in found(engine, text, "PERSON"))
    assert found(engine, "The Rose Garden was lovely and we sat in the Bluebell Lounge.", "PERSON") == []  # "Ty" is a given name; "Ty Gwyn" a home


def test_places_and_acronyms_are_not_names(engine):
    text = ("The service supports people in Milton Keynes, Bishop's Stortford, King's Lynn, St Helens and "
            "Stoke-on-Trent. People came from the Royal Victoria Infirmary. The Deprivation of Liberty "
            "Safeguards (DoLS) were applied. Bolton Wanderers visited at Christmas.")
    assert found(engine, text, "PERSON") == []
    # a one-word place not put anywhere is as likely a surname
    assert "Livingston" in found(engine, "The founders were Schiavone and Livingston.", "PERSON")
    # a village shaped like a person's name is a person unless the text puts it somewhere
    assert "Edith Weston" in found(engine, "Edith Weston said the food was cold.", "PERSON")


def test_organisations_named_after_people(engine):
    text = ("She was referred to Sue Ryder and later to a Marie Curie nurse. The home is run by Leonard Cheshire. "
            "Dr Kershaw's Hospice offered respite. She shops at Marks and Spencer. She uses a Sara Stedy. "
            "The Herbert Protocol form was completed.")
    assert found(engine, text, "PERSON") == []
    assert "Mrs Sue Ryder" in found(engine, "Mrs Sue Ryder complained about her care.", "PERSON")


def test_surname_that_is_also_a_place_word(engine):
    assert found(engine, "PDF document info Author: Melissa Ward", "PERSON") == ["Melissa Ward"]
    assert found(engine, "Mary Seacole House\nLocation ID: 1-2345678901\n", "PERSON") == []  # a building
    assert found(engine, "She was moved to Florence Ward on Monday.", "PERSON") == []


def test_faiths_and_towns_are_not_names(engine):
    text = "Religion: Roman Catholic\nShe was born in Thornton-le-Dale and moved to Stratford-upon-Avon.\n"
    assert found(engine, text, "PERSON") == []
    assert found(engine, "Preferred name: Bobby\nReligion: Roman Catholic\n", "PERSON") == ["Bobby"]


def test_a_name_on_the_line_under_a_sign_off(engine):
    """spaCy may return 'Graham<newline>Graham Oduya-Smith' as one PERSON: each line is a name."""
    names = found(engine, "Thanks,\nGraham\nGraham Oduya-Smith\nRegistered Manager\n", "PERSON")
    assert "Graham Oduya-Smith" in names


def test_relations_are_not_names(engine):
    assert found(engine, "Mum's key worker, Precious, is lovely", "PERSON") == ["Precious"]
    assert "Jane Doe" in found(engine, "Mum Jane Doe came.", "PERSON")
    assert not any("Mum" in v for v in found(engine, "Mum Jane Doe came.", "PERSON"))


def test_form_rows_type_their_own_value_only(engine):
    """'Label:<tab>value' rows of a form: the label types its value and says nothing of the next row."""
    text = ("NHS number:\t401 023 2137\nGP:\tAire Valley Surgery\nNext of kin:\tSon - Michael Fairbrother\n"
            "Vehicle involved:\tBlue Ford Fiesta\n")
    assert "Michael Fairbrother" in found(engine, text, "PERSON")
    assert "GP:" not in found(engine, text, "NHS_NUMBER")
    assert not any("Vehicle" in v or "Ford" in v for v in found(engine, text, "PERSON"))


def test_form_rows_without_colons(engine):
    """A Word form is often a two-column table with no colons: 'Name<tab>Doreen Fairbrother'."""
    text = ("Name\tDoreen Fairbrother\nNHS number\t401 023 2137\nGP\tDr Sandhu, Aire Valley Surgery\n"
            "Next of kin\tSon - Michael Fairbrother\nVehicle involved\tBlue Ford Fiesta\n")
    people = found(engine, text, "PERSON")
    assert "Doreen Fairbrother" in people and "Michael Fairbrother" in people
    assert found(engine, text, "NHS_NUMBER") == ["401 023 2137"]  # not 'GP'
    assert not any("Vehicle" in v or "Ford" in v for v in people)
    # a two-column table with one typed column still types the rows under it
    table = "Resident\tComments\nKS\tsettled\nGN\tunsettled at night\n"
    assert found(engine, table, "INITIALS") == ["KS", "GN"]


def test_name_cell_with_relation_and_phone(engine):
    text = "Resident\tNext of kin\nKS\tDaughter - Brenda Kelly (07700 900461)\n"
    assert "Brenda Kelly" in found(engine, text, "PERSON")
    assert not any("Daughter" in v for v in found(engine, text, "PERSON"))


# ---------------------------------------------------------------- ADDRESS
@pytest.mark.parametrize("text,value", [
    ("43 Banks Close, Doncaster\nM8 9SZ", "43 Banks Close, Doncaster"),
    ("Address: 82 Singh Way, Carlisle B27 5JD\n", "82 Singh Way, Carlisle"),
    ("He lives at Flat 3, 12 High Street.", "Flat 3, 12 High Street"),
    ("Mrs Olwen Prydderch\nFlat 2\n27 Heol y Parc\nCardiff\nCF14 3NT\n\nDear Mrs Prydderch,",
     "Flat 2\n27 Heol y Parc\nCardiff"),
    ("Jane Doe\n12 Acacia Avenue\nLeeds LS6 2AB\n", "12 Acacia Avenue\nLeeds"),
    ("Lives at: Rose Cottage, Back Lane, Thornton-le-Dale, YO18 7QW\n", "Rose Cottage, Back Lane, Thornton-le-Dale"),
    ("She moved to The Old Forge, Main Street, Kettlewell BD23 5QZ last year.", "The Old Forge, Main Street, Kettlewell"),
    ("cc: Mrs D Fairbrother, 3 Mill Cottages, Long Lane, Skipton BD23 6AF\n", "3 Mill Cottages, Long Lane, Skipton"),
])
def test_address(engine, text, value):
    assert value in found(engine, text, "ADDRESS")


def test_address_look_alikes(engine):
    assert found(engine, "It took 3 Long Meetings and 12 Regulation breaches", "ADDRESS") == []
    # an organisation's address block is not a person's address
    assert found(engine, "Care Quality Commission\nCitygate\nGallowgate\nNewcastle upon Tyne\nNE1 4PA\n", "ADDRESS") == []
    assert found(engine, "The visit went well.\nWe saw the garden.\nLS6 2AB\n", "ADDRESS") == []
    assert found(engine, "Visit on 3 March at Oakleigh, Leeds LS6 2AB", "ADDRESS") == []  # a date, not a house number


def test_a_named_country_house_village_and_town_to_a_postcode(engine):
    text = "Rose Cottage, Lower Slaughter, Cheltenham GL54 2HS\n"
    assert found(engine, text, "ADDRESS") == ["Rose Cottage, Lower Slaughter, Cheltenham"]
    assert found(engine, "Post town: Cheltenham GL54 2HS\n", "PERSON") == []
    assert found(engine, "Beechwood House, Harrogate HG1 2AB\n", "ADDRESS") == []  # no village: perhaps a provider's


def test_an_organisations_address_is_kept(engine):
    text = ("Registered office: Unit 4, Calder Business Park, Wakefield WF2 7AW\n\nCare Quality Commission\n"
            "Citygate, Gallowgate\nNewcastle upon Tyne NE1 4PA\n\nLeeds City Council, Civic Hall, Leeds LS1 1UR\n")
    assert found(engine, text, "ADDRESS") == [] and found(engine, text, "POSTCODE") == []


@pytest.mark.parametrize("text", [
    "12 School Lane, Leeds LS6 2AB\n",  # an organisation's word in a street's name
    "Correspondence address: 12 Kirk Lane, Leeds LS6 2AB\n",
    "Mrs Ann Brown\nc/o Leeds City Council\nCivic Hall\nLeeds LS1 1UR\n",  # a person's block
    "Police disclosure\nMr Dariusz Wisniewski of 14 Elm Road, Halifax HX1 2AB, was arrested.\n",  # prose under a heading
])
def test_a_persons_address_near_organisation_words_is_redacted(engine, text):
    assert found(engine, text, "POSTCODE")


def test_a_named_house_and_street_to_a_postcode(engine):
    text = "Also: The Old Rectory, Church Lane, Little Snoring, Fakenham NR21 0AA; see you."
    assert found(engine, text, "ADDRESS") == ["The Old Rectory, Church Lane, Little Snoring, Fakenham"]
    text = "Airedale NHS Foundation Trust, Skipton Road, Steeton, Keighley BD20 6TD"
    assert found(engine, text, "ADDRESS") == []  # an organisation's address


def test_formerly_of_a_named_house_to_a_postcode(engine):
    text = "the late Mr Iwan ap Dafydd, formerly of Tŷ Newydd, Llanberis, LL55 4UU, who died"
    assert found(engine, text, "ADDRESS") == ["Tŷ Newydd, Llanberis"]


def test_what3words_and_glasgow_flats(engine):
    assert found(engine, "What3words for my bungalow: ///filled.count.soap", "ADDRESS") == ["filled.count.soap"]
    assert found(engine, "w3w: index.home.raft", "ADDRESS") == ["index.home.raft"]
    assert found(engine, "See www.cqc.org.uk and version 1.2.3.", "ADDRESS") == []
    assert found(engine, "She lives at Flat 3/2, 14 Byres Road, Glasgow G12 8AA.", "ADDRESS") == [
        "Flat 3/2, 14 Byres Road, Glasgow"]


# ---------------------------------------------------------------- care-sector identifiers
def test_nmc_gmc_hospital_numbers(engine):
    assert found(engine, "Nurse's NMC PIN 12A3456E", "NMC_PIN") == ["12A3456E"]
    assert found(engine, "GMC number 1234567", "GMC_NUMBER") == ["1234567"]
    assert found(engine, "Reference 1234567 paid", "GMC_NUMBER") == []
    assert found(engine, "Hospital number: RX12345", "HOSPITAL_NUMBER") == ["RX12345"]
    assert found(engine, "Complaint reference ENQ-12345", "HOSPITAL_NUMBER") == []
    assert found(engine, "Her hospital number was RX4 552 019 and", "HOSPITAL_NUMBER") == ["RX4 552 019"]
    assert found(engine, "NHS No: 401 023 2137  Hosp No: K123456", "HOSPITAL_NUMBER") == ["K123456"]
    assert found(engine, "The hospital was 2 miles away; case number 2024 was closed", "HOSPITAL_NUMBER") == []


def test_staff_numbers(engine):
    text = "HR note: Employee number 004512, payroll no. 88213, DBS certificate number 001234567890. Badge no. 77812"
    assert found(engine, text, "STAFF_NUMBER") == ["004512", "88213", "001234567890", "77812"]
    assert found(engine, "Staff 12 on shift; 3 staff were present. The DBS check was done. Enter PIN 1234",
                 "STAFF_NUMBER") == []


def test_collar_numbers(engine):
    assert found(engine, "Officer in case: DC Jones, collar 4471.", "STAFF_NUMBER") == ["4471"]
    assert found(engine, "We had 12 staff; staff numbers 150 in total.", "STAFF_NUMBER") == []


# ---------------------------------------------------------------- vehicles, licences, money, social media
@pytest.mark.parametrize("value", ["YX17 KLM", "LB07SEO", "YK69 ABZ"])
def test_vehicle_registration_current_format(engine, value):
    assert found(engine, f"The car {value} was parked across the exit.", "VEHICLE_REGISTRATION") == [value]


@pytest.mark.parametrize("text,value", [("a motorbike, reg. number T123 ABC", "T123 ABC"),
                                        ("vehicle registration ABC 123D", "ABC 123D")])
def test_vehicle_registration_older_formats_with_context(engine, text, value):
    assert found(engine, text, "VEHICLE_REGISTRATION") == [value]


@pytest.mark.parametrize("text", ["Model AB99 XYZ was replaced.",  # no half-year 99 yet
                                  "Codes T123 ABC and ABC 123D in the catalogue.",  # older formats without context
                                  "Postcode LS17 8AB.", "Batch IQ12 ABC expired.",  # I and Q are never used
                                  "We looked at care records for R1, R2 and R4.",  # 'car' is in 'care'
                                  "Under Regulation 12 the code a123 bcd applies."])
def test_vehicle_registration_look_alikes(engine, text):
    assert found(engine, text, "VEHICLE_REGISTRATION") == []


@pytest.mark.parametrize("value", ["PROCT807153LJ9AB", "MORGA753116SM9IJ", "JONES 761120 AB1CD", "LI999801010A91XY",
                                   "MORGA753116SM91J01", "MORGA 753 116 SM91J 01", "MORGA 753116 SM91J01"])
def test_driving_licence(engine, value):
    assert found(engine, f"Licence {value} shown.", "UK_DRIVING_LICENCE") == [value]


@pytest.mark.parametrize("value", ["MORGA713116SM9IJ",  # month 13
                                   "MORGA750016SM9IJ",  # day 00
                                   "M9RGA753116SM9IJ"])  # a 9 inside the surname
def test_driving_licence_look_alikes(engine, value):
    assert found(engine, f"Code {value} shown.", "UK_DRIVING_LICENCE") == []


def test_bank_details_by_label(engine):
    text = ("Barclays, sort code 20-45-67, account number 43218765; Nationwide s/c 07 04 36, a/c 12345678. "
            "Acct no: 0012345678")
    assert found(engine, text, "BANK_ACCOUNT") == ["20-45-67", "43218765", "07 04 36", "12345678", "0012345678"]
    assert found(engine, "He took account of 123456 responses; code 20-45-67.", "BANK_ACCOUNT") == []


@pytest.mark.parametrize("value", ["facebook.com/craig.entwistle.77", "https://www.instagram.com/kerry_anne82/",
                                   "tiktok.com/@kerryanne", "linkedin.com/in/jo-smith-123", "@craigE_77"])
def test_social_media(engine, value):
    assert found(engine, f"He posts as {value} most nights.", "SOCIAL_MEDIA") == [value]


@pytest.mark.parametrize("text", ["Write to jo.smith@example.com today.", "Meet @10am in the lounge.",
                                  "See www.cqc.org.uk/guidance for more.", "Fees @ £5 each."])
def test_social_media_look_alikes(engine, text):
    assert found(engine, text, "SOCIAL_MEDIA") == []


def test_numbers_broken_across_a_pdf_line_still_found(engine):
    """PDF text keeps a line break inside a value that wrapped: the recognizers match across it."""
    assert found(engine, "Her NHS number is 943 476\n5919 as recorded.", "NHS_NUMBER") == ["943 476\n5919"]
    assert found(engine, "NI number JN 12 34\n56 C was given.", "NI_NUMBER") == ["JN 12 34\n56 C"]
    assert found(engine, "She can be reached on 0161 496\n0571 most evenings.", "PHONE_NUMBER") == ["0161 496\n0571"]
    assert found(engine, "Her NHS number is 943 476\n5918 as recorded.", "NHS_NUMBER") == []  # bad check digit


def test_section_numbers_are_not_ip_addresses(engine):
    assert found(engine, "See section 3.1.3.2 and 1.2.3.4 of the guidance.", "IP_ADDRESS") == []
    assert found(engine, "The server IP address 10.0.0.12 was logged.", "IP_ADDRESS") == ["10.0.0.12"]
    assert found(engine, "Logged from 192.168.1.20 at noon.", "IP_ADDRESS") == ["192.168.1.20"]


@pytest.mark.parametrize("text,name", [
    ("Resident Zoë Kowalczyk moved rooms.", "Zoë Kowalczyk"),
    ("I met Siân Llewellyn in the lounge.", "Siân Llewellyn"),
    ("Dr Łukasz Nowak reviewed the chart.", "Dr Łukasz Nowak"),
])
def test_person_names_with_accents_found_whole(engine, text, name):
    """A name is never cut at a letter outside ASCII (a leak of 'ë Kowalczyk' otherwise)."""
    assert any(name in f for f in found(engine, text, "PERSON"))
    assert not any(f.startswith("Resident") for f in found(engine, text, "PERSON"))  # a role word is no name


def test_names_listed_with_a_given_name(engine):
    found_names = found(engine, "Our founders were Kovalev, Lee and Phillips.", "PERSON")
    assert {"Kovalev", "Lee", "Phillips"} <= set(found_names)
    assert found(engine, "The Oak, Ash and Beech units were clean.", "PERSON") == []


def test_name_owning_a_persons_things(engine):
    assert "Mary" in found(engine, "Jordan said: I'm Mary's daughter.", "PERSON")
    assert found(engine, "The home's address was checked.", "PERSON") == []
    # the possessive stays in the copy: 'Mrs Gwendolyn Ashby's daughter' -> '[PERSON]'s daughter'
    assert not any(v.endswith("'s") for v in found(engine, "He shouted at Mrs Gwendolyn Ashby's daughter.", "PERSON"))


@pytest.mark.parametrize("text", ["Sibling(s): none\n", "Reason for referral: a fall\n", "Case No: 1801234/2024\n",
                                  "Donepezil\t10mg nocte\n",
                                  "I saw a silver Vauxhall Corsa parked there.", "He said Mummy's friend was there."])
def test_labels_relations_doses_and_cars_are_not_people(engine, text):
    assert found(engine, text, "PERSON") == []


def test_a_name_written_as_one_word_is_found(engine):
    """A Teams or Skype name, a file name: the name found elsewhere, joined by a dot or an underscore."""
    text = "Kind regards\nSam Oyelaran\nTeams: sam.oyelaran | Skype s.oyelaran\nAttached: statement_sam_oyelaran.pdf\n"
    assert {"sam.oyelaran", "s.oyelaran", "sam_oyelaran"} <= set(found(engine, text, "PERSON"))
    assert "arose" not in " ".join(found(engine, "Janet Rose arose early.", "PERSON"))  # an initial needs a dot or _


def test_a_name_hyphenated_at_a_line_end(engine):
    """Justified PDF text breaks names: 'Fair-<newline>brother'."""
    text = "We spoke to Mrs Doreen Fair-\nbrother and to her. Jane Mc-\nIntyre too."
    assert engine.redact_text(text)[0] == "We spoke to [PERSON] and to her. [PERSON] too."
    assert engine.redact_text("Graham\nReligion: Roman Catholic\n")[0] == "[PERSON]\nReligion: Roman Catholic\n"
    # the next line's first word is not taken for a surname: 'Age if under 18', 'Sent from my iPhone'
    assert engine.redact_text("Statement of: Bogdan Wisniewski\nAge if under 18: Over 18\n")[0] == \
        "Statement of: [PERSON]\nAge if under 18: Over 18\n"
    assert "long-\nterm plan" in engine.redact_text("She saw Jane Doe and the long-\nterm plan.")[0]


def test_a_person_before_assessment_or_test_is_still_a_person(engine):
    text = "Jane Smith tested positive; Jane Smith assessment done. Jane Smith test was negative."
    assert engine.redact_text(text)[0] == "[PERSON] tested positive; [PERSON] assessment done. [PERSON] test was negative."


def test_labels_naming_things_give_no_person(engine):
    text = ("Name of home: Rosewood Court\nName of service - home care\nDrug name: Sertraline\nTeam name: Rapid Response\n"
            "Client's full name: Amira Haddad\n")
    assert set(found(engine, text, "PERSON")) <= {"Amira Haddad", "Amira", "Haddad"}


def test_words_after_a_grade_that_are_not_names(engine):
    text = "HCA Training is mandatory. RN Team meeting. SW Yorkshire. OT Assessment done. HCA Induction. RMN Lead."
    assert found(engine, text, "PERSON") == []


def test_places_and_words_are_not_families_or_nicknames(engine):
    text = "The Meadows Care Home. We walked on the Downs and in the Woods. The Lords agreed. John Smith \"Yes\" he said."
    assert set(found(engine, text, "PERSON")) <= {"John Smith", "Smith", "John"}


@pytest.mark.parametrize("text", ["Visits to Leeds, Bradford and York.", "The home is between Chester and Lincoln.",
                                  "He moved from Bradford to Halifax in 2020."])
def test_towns_that_are_also_given_names(engine, text):
    assert found(engine, text, "PERSON") == []


def test_a_town_and_a_state_are_not_surname_first():
    from redactor.recognizers.person import UkPersonRecognizer
    assert UkPersonRecognizer().analyze("60 Gosposka ulica 47\nMelo, CA 13241, and", ["PERSON"]) == []


def test_people_named_like_towns(engine):
    assert {"Lincoln Burrows", "Preston Smith"} <= set(found(engine, "Lincoln Burrows visited. I spoke to Preston Smith.",
                                                             "PERSON"))


@pytest.mark.parametrize("text", ["Another resident has Down's syndrome.", "Staff used the Abbey pain scale.",
                                  "Glasgow Coma Scale was 15.", "May Jones moved in. In May the home had an outbreak.",
                                  "Hepatitis B and Plan A.", "Grade A and Class C drugs.",
                                  "Staff completed Oliver McGowan Mandatory Training.", "A visit is planned for Autumn 2025."])
def test_conditions_tools_months_and_letters_are_not_people(engine, text):
    assert not {"Down", "Abbey", "Glasgow Coma Scale", "Hepatitis B", "Plan A", "Grade A", "Oliver McGowan",
                "Autumn"} & set(found(engine, text, "PERSON"))
    if text.startswith("May Jones"):
        assert engine.redact_text(text)[0] == "[PERSON] moved in. In May the home had an outbreak."


@pytest.mark.parametrize("text,name", [
    ("Sometimes people call me philipp", "philipp"),
    ("Her maiden name is McCathie", "McCathie"),
    ("Please correct it to mr. larry lombardo?", "mr. larry lombardo"),
    ("A film directed by Lori Sveda and starring Lafontaine", "Lafontaine"),
    ('Kalman: "Who are you?"\nJordan: "I am her daughter."', "Kalman"),
])
def test_person_after_name_cues(engine, text, name):
    assert name in found(engine, text, "PERSON")


def test_name_cues_near_misses(engine):
    assert found(engine, "My name is the least of my worries.", "PERSON") == []
    assert found(engine, 'Action: "close the file"', "PERSON") == []


@pytest.mark.parametrize("text,name", [
    ("When I went in, the resident in room 14, Siobhán Ní Bhriain, was by his bed.", "Siobhán Ní Bhriain"),
    ("She asked for Ruairí.", "Ruairí"),
])
def test_a_name_the_lists_hold_without_accents(engine, text, name):
    """The name lists spell 'Siobhan' and 'Ruairi'; the documents write 'Siobhán' and 'Ruairí'."""
    assert name in " ".join(found(engine, text, "PERSON"))


def test_names_with_roles_in_brackets(engine):
    text = "Staff: Chiamaka (senior carer), Thandiwe (carer), Ruairí (activities), Xiaoling (kitchen).\n"
    assert {"Thandiwe", "Xiaoling"} <= set(found(engine, text, "PERSON"))
    assert found(engine, "Visits: Leeds (north), Bradford (south) and York (east).", "PERSON") == []
    rules = UkPersonRecognizer().analyze("Units: Oak (nursing), Ash (residential), Elm (respite).", ["PERSON"])
    assert rules == []  # no role in the list: spaCy's own guess at 'Ash' is another matter


def test_initials_with_a_role_in_brackets_and_in_a_list_going_on_to_the_next_line(engine):
    text = "JB (call handler): Can I take a number?\nJB: Is your aunt safe now?\n"
    assert found(engine, text, "INITIALS") == ["JB", "JB"]
    text = "Present: Cllr Janet Ormerod (chair), Tariq Hussain (Head of Adult Social Care),\nRK (note-taker)\n"
    assert "RK" in found(engine, text, "INITIALS")


def test_initials_that_are_also_an_acronym_where_the_person_acts(engine):
    text = "Present: Dr Anjali Mehta (ICB).\nAction: AM to confirm GP contact history. Meeting at 9 AM.\n"
    assert found(engine, text, "INITIALS") == ["AM"]


def test_a_relation_and_a_role_abbreviation_are_not_names(engine):
    text = "Mother: Agnieszka Nowak.\n18/02/2023 | Mother's partner (Dwayne Fairclough) arrested\n" \
           "11/04/2023 | Home visit | SW P. Raman\n"
    names = found(engine, text, "PERSON")
    assert not any(n.startswith(("Mother", "SW")) for n in names) and "P. Raman" in names
    assert "SW visit" in engine.redact_text(text + "SW visit today.")[0]


def test_a_field_ends_where_the_next_field_starts(engine):
    text = "Patient: Gloria Mensah-Boateng          Hospital no: RM2283401        Age: 84\n"
    assert found(engine, text, "PERSON") == ["Gloria Mensah-Boateng"]


@pytest.mark.parametrize("text", [
    "We inspected in response to concerns raised by West Sussex County Council.",
    "The home is run by Sussex Care Homes Ltd.",
    "Time-critical medicines such as Sinemet and Madopar were given late.",
    "Residents were having breakfast in the Hope and Faith lounges.",
    "He had not had a shower since Christmas Day.",
    "The board advertised a visit from Father Christmas.",
    "Staff had not supported him to fast during Ramadan.",
    "Kingsley Grange is a residential care home for 60 people.",
])
def test_counties_medicines_rooms_and_festivals_are_not_people(engine, text):
    assert found(engine, text, "PERSON") == []


def test_comma_separated_values_pasted_into_a_document_are_a_table(engine):
    text = ("Room,Name,DOB,GP,Diagnosis,Next of kin\n"
            "1,Edna Hollis,12/03/1931,Dr Khan,Dementia,Son - Paul Hollis 07700 900123\n"
            "3,Perpetua Obi,05/05/1940,Dr Lee,CVA,Niece - Adaeze Obi\n")
    names = found(engine, text, "PERSON")
    assert {"Perpetua Obi", "Adaeze Obi", "Paul Hollis"} <= set(names)
    assert "Son" not in names and "Niece" not in names
    assert found(engine, "Leeds,York,Hull\nnorth,south,east\n", "PERSON") == []  # no known heading: no table


def test_a_job_title_after_a_title_word_is_no_name(engine):
    text = "Aisha Rahman | Safeguarding Nurse Specialist | NHS Greater Manchester ICB"
    assert engine.redact_text(text)[0] == "[PERSON] | Safeguarding Nurse Specialist | NHS Greater Manchester ICB"


def test_initials_signing_a_message_off_and_an_initial_before_a_surname(engine):
    text = "From: Tom Brierley <tom.brierley@example.gov.uk>\nAisha - can you chase the discharge for Dorothy? TB\n"
    assert found(engine, text, "INITIALS") == ["TB"]
    text = "Employee: Sinéad Delaney\nSupervisor: Marcus Oyelowo\nSigned: S Delaney / M Oyelowo\n"
    assert {"S Delaney", "M Oyelowo"} <= set(found(engine, text, "PERSON"))
    assert found(engine, "Patient: Tom Brierley\nHistory of TB in 2019.\n", "INITIALS") == []


def test_a_surname_that_is_a_place_word_after_a_list_is_still_a_person(engine):
    assert "John Ward" in " ".join(found(engine, "We met Mary Hall and John Ward on Monday.", "PERSON"))


def test_names_outside_the_lexicons_doing_what_people_do(engine):
    """'tunde' is no English word (the model's vectors know none): a capitalised 'Tunde' that works,
    says or is spoken to is a person, and so is every other mention of it."""
    text = ("Tunde usually works nights; Tunde was unwell. I later spoke to Chidinma, who denied it.\n"
            "Kwabena and Efua both said the night was quiet. Peadar drives the minibus.\n"
            "Shawn had given Inger his address.\n")
    assert engine.redact_text(text)[0] == (
        "[PERSON] usually works nights; [PERSON] was unwell. I later spoke to [PERSON], who denied it.\n"
        "[PERSON] and [PERSON] both said the night was quiet. [PERSON] drives the minibus.\n"
        "[PERSON] had given [PERSON] his address.\n")


@pytest.mark.parametrize("text", ["Oakleigh Care Home\nOakleigh told us it had no vacancies.\n",
                                  "Bupa said the home would close. Datix recorded 14 incidents.",
                                  "Skype crashed during the call. Brexit started the staffing crisis.",
                                  "We visited the Larkfield unit. Larkfield said staff were stretched."])
def test_bodies_and_systems_doing_things_are_not_people(engine, text):
    assert found(engine, text, "PERSON") == []


def test_a_name_after_a_relation_and_a_dash(engine):
    assert found(engine, "NOK: Niece - Adaeze Obi\n", "PERSON") == ["Adaeze Obi"]
    assert found(engine, "Staff - see rota\nCarer - none\n", "PERSON") == []


def test_a_name_with_a_letter_the_pdf_font_could_not_say_is_redacted_whole(engine):
    """A glyph with no character in the font reads as U+FFFD: the name goes on past it."""
    text = "Statement of: Bogdan Wi\ufffdniewski\nMr Krzysztof D\ufffdbrowski said no.\n"
    assert engine.redact_text(text)[0] == "Statement of: [PERSON]\n[PERSON] said no.\n"


def test_a_nickname_someone_is_called_by(engine):
    assert found(engine, "Her name is Doreen but everyone calls her Dot.", "PERSON") == ["Doreen", "Dot"]
    assert found(engine, "She calls her daughter every day. He calls her Mum.", "PERSON") == []


def test_a_grade_before_a_name_after_given_by_is_not_part_of_it(engine):
    text = "PRN lorazepam given by RN Oduya.\nStaff on: Oduya (RN), Marta\n"
    assert engine.redact_text(text)[0] == "PRN lorazepam given by RN [PERSON].\nStaff on: [PERSON] (RN), [PERSON]\n"


def test_surnames_that_are_words_for_a_home(engine):
    text = "Mrs Jane Grange said the food was cold.\nWe spoke with Tom Meadows, the cook.\n"
    assert engine.redact_text(text)[0] == "Mrs [PERSON] said the food was cold.\nWe spoke with [PERSON], the cook.\n"
    assert "Care" not in engine.redact_text("Ms Anne Care spoke. Mrs Ellen Park left.")[0]


def test_quoted_comma_separated_values(engine):
    text = ('Room,"Name",DOB,Next of kin\n1,"Hollis, Edna",12/03/1931,"Son - Paul Hollis, 07700 900123"\n'
            '3,"Obi, Perpetua",05/05/1940,"Niece - Adaeze Obi"\n')
    assert engine.redact_text(text)[0] == (
        'Room,"Name",DOB,Next of kin\n1,"[PERSON], [PERSON]",[DATE_OF_BIRTH],"Son - [PERSON], [PHONE_NUMBER]"\n'
        '3,"[PERSON], [PERSON]",[DATE_OF_BIRTH],"Niece - [PERSON]"\n')


@pytest.mark.parametrize("text,value", [("Passport 123456789 seen.", "123456789"),
                                        ("UK passport number: 987654321", "987654321")])
def test_passport_nine_digits_by_context(engine, text, value):
    assert found(engine, text, "UK_PASSPORT") == [value]


def test_passport_look_alikes(engine):
    assert found(engine, "Order 123456789 shipped.", "UK_PASSPORT") == []


def test_email_spelt_out_with_brackets_and_no_spaces(engine):
    assert found(engine, "Email j.bloggs[at]nhs[dot]net today.", "EMAIL_ADDRESS") == ["j.bloggs[at]nhs[dot]net"]


def test_where_someone_lives_with_no_postcode(engine):
    assert found(engine, "She now lives at Rose Cottage, Church Lane, Little Snoring (no postcode).",
                 "ADDRESS") == ["Rose Cottage, Church Lane, Little Snoring"]
    assert found(engine, "He moved to Leeds, West Yorkshire last year. He lives at Oakleigh Care Home, Stockport.",
                 "ADDRESS") == []


def test_a_surname_carried_to_the_next_line_of_a_wrapped_paragraph(engine):
    text = ("On Tuesday the resident was visited by her son Michael\nFairbrother, who was upset about the bruise.\n"
            "We were told that the night nurse had spoken to Michael\nYesterday the manager called the GP again.\n")
    assert engine.redact_text(text)[0] == (
        "On Tuesday the resident was visited by her son [PERSON], who was upset about the bruise.\n"
        "We were told that the night nurse had spoken to [PERSON]\nYesterday the manager called the GP again.\n")


@pytest.mark.parametrize("text", [
    "The Designated Safeguarding Lead (DSL) is the Director of Nursing.",
    "See Appendix C (Clare's Law) and the Herbert Protocol.",
    "Training is delivered by Bridget Jones Associates Ltd.",
])
def test_policy_words_are_not_people(engine, text):
    assert [f for f in engine.scan_text(text) if f.action == "redact"] == []


def test_initials_in_brackets_after_a_name(engine):
    assert found(engine, "Jane Doe (JD) said no.", "INITIALS") == ["JD"]


def test_children_social_care_note(engine):
    text = ('Her social worker is Precious from Bolton MBC. Her IRO is Kamal Hussein.\n'
            'K told her key worker Abdi that an older boy called "Tayo" had given her vapes.\n'
            'If K goes missing, follow the Philomena protocol.\n')
    assert engine.redact_text(text)[0] == (
        'Her social worker is [PERSON] from Bolton MBC. Her IRO is [PERSON].\n'
        'K told her key worker [PERSON] that an older boy called "[PERSON]" had given her vapes.\n'
        'If K goes missing, follow the Philomena protocol.\n')
    assert found(engine, "The nurse is very kind. The home is called Oakleigh.", "PERSON") == []


def test_a_registered_manager_written_rm_and_a_senior_by_dash(engine):
    text = "Present: Marion (RM), Deputy - Lewis, Night senior - Blessing.\nDiscussed with the RM.\n"
    assert engine.redact_text(text)[0] == ("Present: [PERSON] (RM), Deputy - [PERSON], Night senior - [PERSON].\n"
                                           "Discussed with the RM.\n")


# ---------------------------------------------------------------- UK_TAX_REFERENCE
@pytest.mark.parametrize("text, value", [("My PAYE temp number is 99L99999, which is not permanent.", "99L99999"),
                                         ("Please verify the TRN 99 L 999 99.", "99 L 999 99"),
                                         ("HMRC gave her a temporary reference, 11A 12345, last May.", "11A 12345")])
def test_tax_reference_next_to_a_word_about_tax(engine, text, value):
    assert found(engine, text, "UK_TAX_REFERENCE") == [value]


@pytest.mark.parametrize("text", ["Stock item 11A 12345 was reordered.",  # the shape alone is not enough
                                  "Call PAYE 0300 200 3300 or write 11 12345.", "Tax year 2024 to 2025."])
def test_tax_reference_look_alikes(engine, text):
    assert found(engine, text, "UK_TAX_REFERENCE") == []


# ---------------------------------------------------------------- a name signed with a grade
@pytest.mark.parametrize("text, name", [
    ("Notes written up at 07:00. Jon Devaux RRT", "Jon Devaux"),
    ("Pleurodesis at 17:20 by Stord-Painter MD, tolerated well.", "Stord-Painter"),
    ("Reviewed, A. Okafor RMN", "A. Okafor"),
])
def test_a_name_signed_with_a_grade_after_it_is_a_name(engine, text, name):
    assert any(name in v for v in found(engine, text, "PERSON"))


@pytest.mark.parametrize("text", ["Follow-Up MD visit booked.", "The Night Shift RN was busy.",
                                  "Monday RN meeting moved.", "Central Line NP patent."])
def test_words_before_a_grade_that_are_no_name_are_kept(engine, text):
    assert found(engine, text, "PERSON") == []


# ---------------------------------------------------------------- names with no capitals to go by
@pytest.mark.parametrize("text, name", [
    ("dr smith aware of low urine output.", "dr smith"),
    ("dr john smith reviewed the chart.", "dr john smith"),
    ("MRS ELLIS WAS FOUND ON THE FLOOR AT 03:10.", "MRS ELLIS"),
    ("mrs ellis-brown is stable tonight.", "mrs ellis-brown"),
    ("on celebrex at home, discussed with Dr donahue.", "Dr donahue"),  # a title's own case does not matter
    ("BP LABILE, KEEP SBP LOW AS PER DR kenney. CONT BLEED VIA CT.", "DR kenney"),
    ("full support given,dr.ayoub at bed side,family aware", "dr.ayoub"),  # no space after its dot
])
def test_a_name_after_a_title_in_lower_case_or_capitals_ends_with_the_listed_names(engine, text, name):
    """With no capitals to say where a name ends, only listed names follow the first word."""
    values = found(engine, text, "PERSON")
    assert max(values, key=len) == name and all(v in name for v in values)
