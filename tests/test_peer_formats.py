"""Formats from other projects' test vectors (../shared/corpus/peer-vectors-dev): bare values that
stand alone as a field's or cell's value, lower-case typing, hyphenated and older number plates,
punycode e-mail domains, a TRN named earlier in its sentence, a town on the line after the street.
Each with valid values, invalid ones and look-alikes in running prose."""
from __future__ import annotations

import pytest

from conftest import found
from redactor.recognizers.table_column import stands_alone


# ---------------------------------------------------------------- standing alone
@pytest.mark.parametrize("text, value", [("K1 ABC", "K1 ABC"), ("  K1 ABC \n", "K1 ABC"), ("Reg\tK1 ABC\tblue", "K1 ABC"),
                                         ("a | K1 ABC | b", "K1 ABC"), ("Visitors:\nK1 ABC\n", "K1 ABC")])
def test_stands_alone(text, value):
    start = text.index(value)
    assert stands_alone(text, start, start + len(value))


@pytest.mark.parametrize("text, value", [("Form K1 ABC", "K1 ABC"), ("K1 ABC applies", "K1 ABC"),
                                         ("Reg: K1 ABC", "K1 ABC")])
def test_not_alone_in_prose(text, value):
    start = text.index(value)
    assert not stands_alone(text, start, start + len(value))


# ---------------------------------------------------------------- VEHICLE_REGISTRATION
@pytest.mark.parametrize("value", ["LN14-HGT", "BD62XYZ", "AB70 DEF"])
def test_current_plate_with_hyphen_or_none_in_prose(engine, value):
    assert found(engine, f"The van {value} was seen.", "VEHICLE_REGISTRATION") == [value]


@pytest.mark.parametrize("value", ["A123 BCD", "K1 ABC", "M456DEF", "T12-ABC",  # prefix, 1983-2001
                                   "ABC 123D", "ABC 1D", "DEF456G",  # suffix, 1963-1983
                                   "aa02 aaa", "yx17klm"])  # current, typed in lower case
def test_plate_alone_as_a_value(engine, value):
    assert found(engine, value, "VEHICLE_REGISTRATION") == [value]
    assert found(engine, f"Date\tVisitor\tVehicle seen\n3 May\tJo\t{value}\n", "VEHICLE_REGISTRATION") == [value]


@pytest.mark.parametrize("value", ["I123 BCD", "O123 BCD", "U12 ABC", "Z1 ABC",  # no such prefix year letter
                                   "ABC 123I", "ABC 123Z", "ABC 12O", "ABC 1Q",  # no such suffix year letter
                                   "IB51 ABC", "AQ51 ABC", "AB51 AIB",  # I and Q are never used
                                   "AB00 ABC", "AB35 ABC", "AB49 ABC", "AB99 ABC", "ab35 abc",  # no such age identifier
                                   "ABC 1234D", "AB1 CDE1", "XXXAB51ABCYYY"])
def test_plate_look_alikes_alone(engine, value):
    assert found(engine, value, "VEHICLE_REGISTRATION") == []


@pytest.mark.parametrize("text", ["See form A123 BCD for the rota.", "Codes DEF456G and K1 ABC were reissued.",
                                  "the code ab12 cde applies", "we use yx17klm as a password"])
def test_older_or_lower_case_plate_in_prose_needs_context(engine, text):
    assert found(engine, text, "VEHICLE_REGISTRATION") == []


def test_lower_case_plate_with_context(engine):
    assert found(engine, "vehicle registration yx17 klm", "VEHICLE_REGISTRATION") == ["yx17 klm"]


# ---------------------------------------------------------------- UK_PASSPORT
@pytest.mark.parametrize("value", ["AB1234567", "XY9876543", "ab1234567"])
def test_passport_letters_and_digits_alone(engine, value):
    assert found(engine, value, "UK_PASSPORT") == [value]
    assert found(engine, f"Name\tPassport\nJo Bloggs\t{value}\n", "UK_PASSPORT") == [value]


@pytest.mark.parametrize("text, value", [("My passport number is CD7654321 and it expires soon", "CD7654321"),
                                         ("passport no. cd7654321", "cd7654321")])
def test_passport_letters_and_digits_with_context(engine, text, value):
    assert found(engine, text, "UK_PASSPORT") == [value]


@pytest.mark.parametrize("value", ["A12345678", "ABC123456", "AB123456", "AB12345678", "123456789", "AB 1234567",
                                   "1234567AB", "XYZAB1234567QRS", "AB1234567-2"])
def test_passport_look_alikes_alone(engine, value):
    assert found(engine, value, "UK_PASSPORT") == []


def test_passport_shape_in_prose_without_context(engine):
    assert found(engine, "Order AB1234567 was shipped on Monday.", "UK_PASSPORT") == []


# ---------------------------------------------------------------- NI_NUMBER
@pytest.mark.parametrize("value", ["hh 01 02 03 d", "tw987654a", "Ab 12 34 56 c"])
def test_lower_case_ni_number_alone(engine, value):
    assert found(engine, value, "NI_NUMBER") == [value]


@pytest.mark.parametrize("value", ["nt 99 88 77 a", "bg123612a", "fq 00 00 00 c", "uv 98 76 54 b",  # HMRC's prefix rules
                                   "hh 01 02 03 e", "ab1234561", "hh 01 02 03"])  # suffix A-D only
def test_lower_case_ni_look_alikes_alone(engine, value):
    assert found(engine, value, "NI_NUMBER") == []


def test_lower_case_ni_number_in_prose_needs_context(engine):
    assert found(engine, "the file tw987654a was opened", "NI_NUMBER") == []
    assert found(engine, "her nino is tw987654a", "NI_NUMBER") == ["tw987654a"]


# ---------------------------------------------------------------- UK_DRIVING_LICENCE
def test_lower_case_licence_alone_or_with_context(engine):
    assert found(engine, "morga607054sm9ij", "UK_DRIVING_LICENCE") == ["morga607054sm9ij"]
    assert found(engine, "driving licence morga607054sm9ij", "UK_DRIVING_LICENCE") == ["morga607054sm9ij"]
    assert found(engine, "the key morga607054sm9ij was rotated", "UK_DRIVING_LICENCE") == []


@pytest.mark.parametrize("value", ["morga613054sm9ij", "morga601324sm9ij", "morga65705sm9ij", "99999657054sm9ij"])
def test_lower_case_licence_look_alikes_alone(engine, value):
    assert found(engine, value, "UK_DRIVING_LICENCE") == []


# ---------------------------------------------------------------- EMAIL_ADDRESS
@pytest.mark.parametrize("value", ["a@xn--d1acufc.xn--p1ai", "user@xn--80ak6aa92e.com", "jo@example.xn--p1ai"])
def test_email_with_a_punycode_domain(engine, value):
    assert found(engine, f"Write to {value} today.", "EMAIL_ADDRESS") == [value]


def test_email_look_alikes(engine):
    assert found(engine, "my email is jo@example. and this is not an email: hello-world", "EMAIL_ADDRESS") == []


# ---------------------------------------------------------------- UK_TAX_REFERENCE
def test_tax_reference_named_earlier_in_the_sentence(engine):
    text = "Enter a Temporary Reference Number that is 2 numbers, 1 letter, then 5 numbers, like 11 A 12345."
    assert found(engine, text, "UK_TAX_REFERENCE") == ["11 A 12345"]


@pytest.mark.parametrize("text", ["We have no temporary reference. Stock item 11A 12345 was reordered.",
                                  "Stock item 11A 12345 was reordered."])
def test_tax_reference_name_in_another_sentence(engine, text):
    assert found(engine, text, "UK_TAX_REFERENCE") == []


# ---------------------------------------------------------------- ADDRESS
def test_town_on_the_line_after_the_street(engine):
    text = "this is a 99 New London Road,\nChelmsford, CM2 0PP test string"
    assert found(engine, text, "ADDRESS") == ["99 New London Road,\nChelmsford"]
    assert found(engine, text, "POSTCODE") == ["CM2 0PP"]


def test_next_line_without_a_postcode_is_not_the_town(engine):
    text = "We drove to 99 New London Road,\nChelmsford was busy."
    assert found(engine, text, "ADDRESS") == ["99 New London Road"]
