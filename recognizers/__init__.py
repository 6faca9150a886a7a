"""Custom Presidio recognizers for UK CPI (installed as ``redactor.recognizers``).

One recognizer per module. To use them in an AnalyzerEngine you already have::

    from redactor.recognizers import register_uk_recognizers
    register_uk_recognizers(analyzer)
"""
from __future__ import annotations

from presidio_analyzer import AnalyzerEngine, EntityRecognizer

from redactor.recognizers.bank_account import BankAccountRecognizer
from redactor.recognizers.date_of_birth import DateOfBirthRecognizer
from redactor.recognizers.driving_licence import DrivingLicenceRecognizer
from redactor.recognizers.email import EmailRecognizer
from redactor.recognizers.gmc_number import GmcNumberRecognizer
from redactor.recognizers.hospital_number import HospitalNumberRecognizer
from redactor.recognizers.initials import InitialsRecognizer
from redactor.recognizers.nhs_number import NhsNumberRecognizer
from redactor.recognizers.ni_number import NiNumberRecognizer
from redactor.recognizers.nmc_pin import NmcPinRecognizer
from redactor.recognizers.passport import PassportRecognizer
from redactor.recognizers.person import UkPersonRecognizer
from redactor.recognizers.social_media import SocialMediaRecognizer
from redactor.recognizers.staff_number import StaffNumberRecognizer
from redactor.recognizers.table_column import TableColumnRecognizer
from redactor.recognizers.tax_reference import TaxReferenceRecognizer
from redactor.recognizers.uk_address import UkAddressRecognizer
from redactor.recognizers.uk_phone import UkPhoneRecognizer
from redactor.recognizers.uk_postcode import UkPostcodeRecognizer
from redactor.recognizers.vehicle_registration import VehicleRegistrationRecognizer

__all__ = ["uk_recognizers", "register_uk_recognizers"]


def uk_recognizers() -> list[EntityRecognizer]:
    """A fresh instance of every recognizer in this package."""
    return [NhsNumberRecognizer(), NiNumberRecognizer(), UkPostcodeRecognizer(), UkPhoneRecognizer(),
            EmailRecognizer(), DateOfBirthRecognizer(), InitialsRecognizer(), UkPersonRecognizer(),
            UkAddressRecognizer(), TableColumnRecognizer(), NmcPinRecognizer(), GmcNumberRecognizer(),
            HospitalNumberRecognizer(), StaffNumberRecognizer(), VehicleRegistrationRecognizer(),
            DrivingLicenceRecognizer(), BankAccountRecognizer(), SocialMediaRecognizer(), PassportRecognizer(),
            TaxReferenceRecognizer()]


def register_uk_recognizers(analyzer: AnalyzerEngine) -> AnalyzerEngine:
    """Add every UK recognizer to ``analyzer``'s registry (one call) and return it."""
    for recognizer in uk_recognizers():
        analyzer.registry.add_recognizer(recognizer)
    return analyzer
