"""Constants and builders shared by the rules tests."""

from __future__ import annotations

from datetime import date

from kiosk.rules import PresentedDocument

TODAY = date(2026, 11, 23)
ADULT = date(1990, 5, 1)

MINIMAL = """\
schema = 1

[program]
id = "mini"
name = "Mini program"
version = "1"
evidence = "metadata"

[age]
minimum = 10

[area]
name = "Testville"

[area.postal_codes]
centre = ["12345"]

[residency]
default_window_days = 60

[photo]
aspect_width = 2.0
aspect_height = 2.5
face_height_min = 0.5
face_height_max = 0.7
output_width = 400
output_height = 500

[suggestions]
identity = ["passport"]

[[path]]
id = "points"
kind = "threshold"
identity_points = 3
residency_points = 1

[[document]]
id = "passport"
name = "Passport"
identity_points = 3
has_photo = true
has_dob = true
must_be_unexpired = true

[[document]]
id = "bill"
name = "Bill"
residency_points = 1
requires_area_address = true
"""


def doc(doc_id: str, **attributes: object) -> PresentedDocument:
    return PresentedDocument(doc_id, **attributes)  # type: ignore[arg-type]
