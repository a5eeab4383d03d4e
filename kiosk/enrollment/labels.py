"""Display names of the flow's choices and fields, marked for translation but not translated.

Staff screens and the applicant's confirmation screen show the same labels in different
languages, so each screen translates them with its own translator (`translator.gettext(label)`).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from kiosk.enrollment.model import AddressKind, ApplicationType, EyeColour, Gender
from kiosk.i18n import N_

APPLICATION_TYPE_LABELS: Mapping[ApplicationType, str] = MappingProxyType(
    {
        ApplicationType.NEW: N_("New card"),
        ApplicationType.RENEWAL: N_("Renewal"),
        ApplicationType.REPLACEMENT: N_("Replacement"),
        ApplicationType.UPDATE: N_("Update"),
    }
)

GENDER_LABELS: Mapping[Gender, str] = MappingProxyType(
    {
        Gender.F: N_("Female"),
        Gender.M: N_("Male"),
        Gender.X: N_("X"),
        Gender.NOT_DESIGNATED: N_("Not designated"),
    }
)

EYE_COLOUR_LABELS: Mapping[EyeColour, str] = MappingProxyType(
    {
        EyeColour.BROWN: N_("Brown"),
        EyeColour.HAZEL: N_("Hazel"),
        EyeColour.BLACK: N_("Black"),
        EyeColour.BLUE: N_("Blue"),
        EyeColour.GREEN: N_("Green"),
        EyeColour.GRAY: N_("Gray"),
        EyeColour.MULTICOLOR: N_("Multicolor"),
    }
)

ADDRESS_KIND_LABELS: Mapping[AddressKind, str] = MappingProxyType(
    {
        AddressKind.HOME: N_("Home address"),
        AddressKind.NONE: N_("No address on the card"),
        AddressKind.CARE_OF: N_("Care-of address"),
        AddressKind.PO_BOX: N_("P.O. box"),
    }
)

# Keyed by the names `FieldProblem.field` and `update_details` use.
FIELD_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "application_type": N_("Application type"),
        "languages": N_("Preferred languages"),
        "family_name": N_("Family name"),
        "given_name": N_("Given name"),
        "middle_name": N_("Middle name"),
        "dob": N_("Date of birth"),
        "gender": N_("Gender"),
        "height_feet": N_("Height (feet)"),
        "height_inches": N_("Height (inches)"),
        "eye_colour": N_("Eye colour"),
        "address_kind": N_("Address on the card"),
        "care_of": N_("Care of (organization)"),
        "po_box": N_("P.O. box number"),
        "street": N_("Street address"),
        "unit": N_("Apartment or unit"),
        "city": N_("City or borough"),
        "state": N_("State"),
        "postal_code": N_("ZIP code"),
        "phone": N_("Phone (for program contact only)"),
        "email": N_("Email (for program contact only)"),
        "emergency_name": N_("Emergency contact"),
        "emergency_phone": N_("Emergency contact's phone"),
        "emergency_relationship": N_("Relationship to the applicant"),
        "veteran": N_("Veteran"),
        "organ_donor": N_("Join the organ and tissue donor registry"),
        "documents": N_("Documents"),
        "photo": N_("Photo"),
        "attested": N_("Attestation"),
    }
)
