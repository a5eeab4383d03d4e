"""Synthetic submitted applications for `kiosk demo seed`: invented people, generated photos.

Every record is marked `"demo": true` and sealed exactly like a real one, so the outbox, uploader,
export and back office can be exercised end to end.
There is no field for immigration, citizenship or legal status, here or anywhere.
"""

from __future__ import annotations

import base64
import io
import random
import secrets
from datetime import date, datetime, timedelta
from typing import Any

from PIL import Image, ImageDraw

FAMILY = ("García", "Nguyen", "Okafor", "Kowalski", "Rahman", "Smith", "Lee", "Haddad", "Díaz")
GIVEN = ("Ana María", "Minh", "Chinedu", "Zofia", "Farhana", "John Paul", "Soo-jin", "Omar", "Luz")
STREETS = ("Broadway", "Atlantic Ave", "Grand Concourse", "Main St", "Fulton St", "Jamaica Ave")
BOROUGHS = (("New York", "10027"), ("Brooklyn", "11217"), ("Bronx", "10451"), ("Queens", "11432"))


def new_record_id() -> str:
    return "r-" + secrets.token_hex(12)


def synthetic_photo_jpeg(rng: random.Random, size: tuple[int, int] = (480, 600)) -> bytes:
    """A plain backdrop with a face-like oval: card-photo sized, obviously not a person."""
    image = Image.new("RGB", size, (230, 232, 236))
    draw = ImageDraw.Draw(image)
    w, h = size
    tone = rng.choice([(241, 194, 167), (198, 134, 99), (141, 85, 54), (224, 172, 105)])
    draw.ellipse((w * 0.3, h * 0.2, w * 0.7, h * 0.65), fill=tone)
    draw.rectangle((w * 0.2, h * 0.7, w * 0.8, h), fill=(60, 70, 90))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def synthetic_application(
    rng: random.Random, *, application_number: str, operator: str, now: datetime
) -> dict[str, Any]:
    birth = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 365 * 65))
    city, postal_code = rng.choice(BOROUGHS)
    return {
        "demo": True,
        "application_number": application_number,
        "applicant": {
            "family_name": rng.choice(FAMILY),
            "given_names": rng.choice(GIVEN),
            "birth_date": birth.isoformat(),
            "sex": rng.choice("MFX"),
            "address": {
                "street": f"{rng.randrange(1, 2000)} {rng.choice(STREETS)}",
                "city": city,
                "state": "NY",
                "postal_code": postal_code,
                "country": "US",
            },
        },
        "photo_jpeg_b64": base64.b64encode(synthetic_photo_jpeg(rng)).decode("ascii"),
        "eligibility": {
            "eligible": True,
            "path": "points",
            "identity_points": 3,
            "residency_points": 1,
            "rules_version": "demo",
        },
        "attestation": {"operator": operator, "at": now.isoformat(timespec="seconds")},
    }
