"""Organisations' contact details are kept (minimum necessary); a person's never are."""
from __future__ import annotations

import pytest

from redactor import api


def outcome(text: str, value: str) -> str:
    """'redact' if any redacted finding touches ``value`` in ``text``, else 'keep'."""
    start = text.index(value)
    end = start + len(value)
    touching = [f for f in api.scan_text(text) if f.start < end and start < f.end]
    return "redact" if any(f.action == "redact" for f in touching) else "keep"


@pytest.mark.parametrize("text, value", [
    ("Brookfield Nursing Home\n7 Elm Road\nBolton BL1 4XY\nTel: 01632 960123", "7 Elm Road"),
    ("Brookfield Nursing Home\n7 Elm Road\nBolton BL1 4XY\nTel: 01632 960123", "BL1 4XY"),
    ("Brookfield Nursing Home\n7 Elm Road\nBolton BL1 4XY\nTel: 01632 960123", "01632 960123"),
    ("Registered office: 3 Canal Street, Leeds LS11 5QQ.", "LS11 5QQ"),
    ("For advice ring the council's switchboard on 0113 496 0701.", "0113 496 0701"),
    ("Send referrals to adult.safeguarding@kirkby.gov.uk as soon as possible.", "adult.safeguarding@kirkby.gov.uk"),
    ("Kirkby Borough Council, Civic Hall, Kirkby KB1 1AA", "KB1 1AA"),
    ("Care Quality Commission\nCitygate, Gallowgate\nNewcastle upon Tyne NE1 4PA", "NE1 4PA"),
    ("Questions about this report can go to enquiries@kirkby.gov.uk.", "enquiries@kirkby.gov.uk"),
    ("The regulator's national line is 03000 616161.", "03000 616161"),
    ("Please call the surgery on 01632 960555 to book.", "01632 960555"),
    ("Westgate Community Mental Health Trust, 4 Mill Street, Derby DE1 3AA, was visited.", "4 Mill Street"),
    ("Westgate Community Mental Health Trust, 4 Mill Street, Derby DE1 3AA, was visited.", "DE1 3AA"),
    ("Ashfield Surgery's phone number is 01632 960555.", "01632 960555"),
    ("Abbey Road Pharmacy (01632 960999) delivers on Mondays.", "01632 960999"),
])
def test_an_organisations_contact_detail_is_kept(text: str, value: str) -> None:
    assert outcome(text, value) == "keep"


@pytest.mark.parametrize("text, value", [
    ("Harold Finch\n7 Elm Road\nBolton BL1 4XY\nTel: 01632 960123\n\nDear Sir,", "7 Elm Road"),
    ("Harold Finch\n7 Elm Road\nBolton BL1 4XY\nTel: 01632 960123\n\nDear Sir,", "01632 960123"),
    ("Her son can be reached on 01632 960321.", "01632 960321"),
    ("Please write to me at 12 Rowan Close, Leeds LS6 2BB.", "12 Rowan Close"),
    ("The home's number is 01632 960400 and the manager's mobile is 07700 900123.", "07700 900123"),
    ("She emailed from harold.finch@example.com about the visit.", "harold.finch@example.com"),
    ("Contact j.finch@kirkby.gov.uk, the social worker, for details.", "j.finch@kirkby.gov.uk"),
    ("Mrs Finch lives at Flat 2, Beech Court, 9 Park Lane, York YO1 7AA.", "9 Park Lane"),
    ("Flat 2\nBeech Court\n9 Park Lane\nYork YO1 7AA", "YO1 7AA"),  # a block of flats is no organisation
    ("The surgery told us her own number is 01632 960777.", "01632 960777"),
    # an organisation near a person's detail does not make it the organisation's
    ("Her brother, a porter at Ashfield General Hospital, gave his address as 3 Oak Row, Leeds LS6 1AB.", "3 Oak Row"),
    ("Mr Gale was discharged from Ashfield General Hospital to 3 Oak Row, Leeds LS6 1AB.", "3 Oak Row"),
    ("Address before admission to Brookfield Nursing Home: 3 Oak Row, Leeds LS6 1AB", "3 Oak Row"),
    ("Client Home Postcode: LS6 1AB", "LS6 1AB"),
    ("Accommodation: Own Home, 3 Oak Row, Leeds LS6 1AB", "3 Oak Row"),
    ("Police attended the family home at 3 Oak Row, Leeds LS6 1AB.", "3 Oak Row"),
    ("Kirkby Borough Council\nAdult Social Care referral\nClient address: 3 Oak Row, Leeds LS6 1AB", "3 Oak Row"),
    ("Brookfield Nursing Home\nTel: 01632 960123\nThat is the number her son gave us.", "01632 960123"),
    ("Cc: Kirkby Borough Council, gale.family58@gmail.com", "gale.family58@gmail.com"),
    ("Please reply to info.jgale@gmail.com or admin@galefamily.co.uk.", "info.jgale@gmail.com"),
    ("Please reply to info.jgale@gmail.com or admin@galefamily.co.uk.", "admin@galefamily.co.uk"),
    ("Brookfield Nursing Home\nNext of kin: daughter\nTel: 01632 960124", "01632 960124"),
    ("Complainant tel: 0330 088 1234", "0330 088 1234"),
    ("They're not answering at 0348 2102744.", "0348 2102744"),  # 03 digits, grouped as no UK body writes them
    # a second red team's shapes: form rows, signatures, capitals, family domains, an organisation's
    # word in a form; the address recognizer no longer drops an address it thinks a body's
    ("Pupil\tNoah Gale\nSchool\tKirkby Academy\nAddress\t3 Oak Row, Leeds LS6 1AB", "3 Oak Row"),
    ("Yours sincerely\nRuth Gale\nTrustee, Kirkby Hospice\n3 Oak Row\nLeeds LS6 1AB", "3 Oak Row"),
    ("KIRKBY BOROUGH COUNCIL\nMR N GALE\n3 OAK ROW\nLEEDS LS6 1AB", "LS6 1AB"),
    ("Kirkby Academy\nBirth Parents\n3 Oak Row, Leeds LS6 1AB", "3 Oak Row"),
    ("Brookfield Nursing Home, 01632 960125. That is her son's number.", "01632 960125"),
    ("Registered keeper: Mr Noah Gale\nRegistered address: 3 Oak Row, Leeds LS6 1AB", "3 Oak Row"),
    ("Please email office@thegales.co.uk with any questions.", "office@thegales.co.uk"),
    ("Kirkby Borough Council\nHousing application\nCurrent address: 3 Oak Row, Leeds LS6 1AB", "3 Oak Row"),
])
def test_a_persons_contact_detail_is_never_kept(text: str, value: str) -> None:
    assert outcome(text, value) == "redact"


def test_a_kept_contact_says_why_in_the_report() -> None:
    text = "For advice ring the council's switchboard on 0113 496 0701."
    kept = [f for f in api.scan_text(text) if f.entity_type == "PHONE_NUMBER"]
    assert kept and kept[0].action == "keep" and "organisation" in kept[0].reason
