"""The program-file schema: which tables and keys exist, their types, and cross-references.

A program file is TOML (see docs/rules.md for the full reference). Reading goes through
`tomlread.Table`, so every value is type-checked, unknown keys are rejected, and each error
carries the key path that the loader turns into a file name and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, cast

from kiosk.rules.models import (
    CARD_ADDRESSES,
    EVIDENCE_KINDS,
    NO_WINDOW,
    AgencyPath,
    AgencyVerification,
    AgeRules,
    Area,
    CardAddress,
    CardSpec,
    CaretakerPath,
    DateWindow,
    DocumentType,
    Evidence,
    Path,
    PhotoSpec,
    Program,
    RelationshipDocument,
    SingleDocumentPath,
    Suggestions,
    ThresholdPath,
    WindowKind,
)
from kiosk.rules.tomlread import KeyPath, SchemaViolation, Table

SCHEMA_VERSION: Final = 1
PATH_KINDS: Final = ("single_document", "threshold", "caretaker", "agency")
_ID: Final = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_POSTAL_CODE: Final = re.compile(r"^[0-9A-Za-z][0-9A-Za-z -]{1,9}$")


def build_program(root: Table, *, content_hash: str, file_name: str) -> Program:
    """Read a whole program file; raises `SchemaViolation` at the first problem."""
    schema = root.integer("schema")
    if schema != SCHEMA_VERSION:
        raise root.fail("schema", f"this kiosk reads schema {SCHEMA_VERSION}, not {schema}")

    meta = root.table("program")
    program_id = _identifier(meta, "id")
    name = meta.text("name")
    version = meta.text("version")
    evidence = cast(Evidence, meta.choice("evidence", EVIDENCE_KINDS))
    meta.optional_text("source")
    meta.done()

    age = _age(root.table("age"))
    area = _area(root.table("area"))
    residency = root.table("residency")
    window_days = residency.integer("default_window_days", minimum=1)
    residency.done()
    expiry = root.optional_table("expiry")
    grace_default: int | None = None
    if expiry is not None:
        grace_default = expiry.optional_integer("identity_grace_days", minimum=1)
        expiry.done()

    photo = _photo(root.table("photo"))
    card_table = root.optional_table("card")
    card = _card(card_table) if card_table is not None else None

    tiers_table = root.optional_table("tiers")
    tiers: dict[str, str] = {}
    if tiers_table is not None:
        for key in tiers_table.names():
            tiers[key] = tiers_table.text(key)
        tiers_table.done()

    documents = tuple(
        _document(t, window_days, grace_default, tiers) for t in root.tables("document")
    )
    relationships = tuple(_relationship(t) for t in root.tables("relationship_document"))
    agencies = tuple(_agency(t) for t in root.tables("agency_verification"))
    paths = tuple(_path(t, tiers) for t in root.tables("path"))
    suggestions_table = root.table("suggestions")
    suggestions = Suggestions(
        identity=suggestions_table.text_list("identity"),
        photo_id=suggestions_table.text_list("photo_id"),
        dob_proof=suggestions_table.text_list("dob_proof"),
        residency=suggestions_table.text_list("residency"),
    )
    suggestions_table.done()
    root.done()
    if not documents:
        raise root.fail("document", "a program needs at least one [[document]]")
    if not paths:
        raise root.fail("path", "a program needs at least one [[path]]")

    _check_references(documents, relationships, agencies, paths, suggestions)
    return Program(
        id=program_id,
        name=name,
        version=version,
        content_hash=content_hash,
        file_name=file_name,
        evidence=evidence,
        photo=photo,
        card=card,
        age=age,
        area=area,
        residency_window_days=window_days,
        tiers=tiers,
        documents=documents,
        relationship_documents=relationships,
        agency_verifications=agencies,
        paths=paths,
        suggestions=suggestions,
    )


def _identifier(table: Table, key: str) -> str:
    value = table.text(key)
    if not _ID.match(value):
        raise table.fail(key, "must use lower-case letters, digits and underscores")
    return value


def _age(table: Table) -> AgeRules:
    minimum = table.integer("minimum")
    caretaker_below = table.optional_integer("caretaker_below", minimum=1)
    table.done()
    if caretaker_below is not None and caretaker_below <= minimum:
        raise table.fail("caretaker_below", "must be above the minimum age")
    return AgeRules(minimum=minimum, caretaker_below=caretaker_below)


def _area(table: Table) -> Area:
    name = table.text("name")
    groups = table.table("postal_codes")
    codes: set[str] = set()
    for group in groups.names():
        for code in groups.text_list(group):
            if not _POSTAL_CODE.match(code):
                raise groups.fail(group, f"{code!r} is not a postal code")
            codes.add(code)
    groups.done()
    table.done()
    if not codes:
        raise table.fail("postal_codes", "list at least one postal code")
    return Area(name=name, postal_codes=frozenset(codes))


def _photo(table: Table) -> PhotoSpec:
    spec = PhotoSpec(
        aspect_width=table.number("aspect_width"),
        aspect_height=table.number("aspect_height"),
        face_height_min=table.number("face_height_min"),
        face_height_max=table.number("face_height_max"),
        output_width=table.integer("output_width", minimum=1),
        output_height=table.integer("output_height", minimum=1),
    )
    table.done()
    if not spec.face_height_min < spec.face_height_max <= 1:
        raise table.fail("face_height_max", "needs face_height_min < face_height_max <= 1")
    return spec


def _card(table: Table) -> CardSpec:
    card = CardSpec(
        validity_years=table.integer("validity_years", minimum=1),
        minor_validity_years=table.optional_integer("minor_validity_years", minimum=1),
        minor_below_age=table.optional_integer("minor_below_age", minimum=1),
    )
    table.done()
    if (card.minor_validity_years is None) != (card.minor_below_age is None):
        raise table.fail(None, "give both minor_validity_years and minor_below_age, or neither")
    return card


def _window(table: Table, default: DateWindow) -> DateWindow:
    days = table.optional_integer("window_days", minimum=1)
    kind = table.optional_text("window")
    if days is not None and kind is not None:
        raise table.fail("window", "give window or window_days, not both")
    if days is not None:
        return DateWindow("days", days)
    if kind is None:
        return default
    if kind not in ("none", "current", "april_15_next_year"):
        raise table.fail("window", "must be one of none, current, april_15_next_year")
    return DateWindow(cast(WindowKind, kind))


def _document(
    table: Table, default_window_days: int, grace_default: int | None, tiers: dict[str, str]
) -> DocumentType:
    doc_id = _identifier(table, "id")
    name = table.text("name")
    residency_points = table.integer("residency_points", 0)
    must_be_unexpired = table.boolean("must_be_unexpired")
    grace = table.optional_integer("expired_grace_days", minimum=1)
    if grace is None and must_be_unexpired:
        grace = grace_default
    tier = table.optional_text("tier")
    if tier is not None and tier not in tiers:
        raise table.fail("tier", f"unknown tier {tier!r} (declare it under [tiers])")
    default_window = DateWindow("days", default_window_days) if residency_points else NO_WINDOW
    document = DocumentType(
        id=doc_id,
        name=name,
        short_name=table.text("short_name", name),
        identity_points=table.integer("identity_points", 0),
        residency_points=residency_points,
        tier=tier,
        has_photo=table.boolean("has_photo"),
        photo_conditional=table.boolean("photo_conditional"),
        has_dob=table.boolean("has_dob"),
        dob_conditional=table.boolean("dob_conditional"),
        single_document=table.boolean("single_document"),
        must_be_unexpired=must_be_unexpired,
        expired_grace_days=grace,
        expired_counts_as=table.optional_text("expired_counts_as"),
        expired_accepted_with=table.text_list("expired_accepted_with"),
        window=_window(table, default_window),
        requires_area_address=table.boolean("requires_area_address"),
        without_area_address_counts_as=table.optional_text("without_area_address_counts_as"),
        card_address=cast(CardAddress, table.choice("card_address", CARD_ADDRESSES, "home")),
        requires_caretaker=table.boolean("requires_caretaker"),
        requires_any_of=table.text_list("requires_any_of"),
    )
    table.optional_text("ref")
    table.optional_text("note")
    table.done()
    if not (document.is_identity or document.is_residency):
        raise table.fail("identity_points", "a document must give identity or residency")
    if document.single_document and not (document.has_photo and document.has_dob):
        raise table.fail("single_document", "a single document must show photo and DOB")
    return document


def _relationship(table: Table) -> RelationshipDocument:
    name = table.text("name")
    document = RelationshipDocument(
        id=_identifier(table, "id"),
        name=name,
        short_name=table.text("short_name", name),
        applicant_age_max=table.optional_integer("applicant_age_max"),
        establishes_dob=table.boolean("establishes_dob"),
        window=_window(table, NO_WINDOW),
    )
    if document.window.kind not in ("none", "days"):
        raise table.fail("window", "a relationship document takes window_days only")
    table.optional_text("ref")
    table.optional_text("note")
    table.done()
    return document


def _agency(table: Table) -> AgencyVerification:
    address: CardAddress | None = None
    if table.has("card_address"):
        address = cast(CardAddress, table.choice("card_address", CARD_ADDRESSES))
    agency = AgencyVerification(
        id=_identifier(table, "id"),
        name=table.text("name"),
        qualifies=table.boolean("qualifies"),
        identity_points=table.integer("identity_points", 0),
        residency_points=table.integer("residency_points", 0),
        photo_id=table.boolean("photo_id"),
        dob_proof=table.boolean("dob_proof"),
        requires_photo_id=table.boolean("requires_photo_id"),
        waives_caretaker=table.boolean("waives_caretaker"),
        card_address=address,
    )
    table.optional_text("ref")
    table.done()
    return agency


def _path(table: Table, tiers: dict[str, str]) -> Path:
    path_id = _identifier(table, "id")
    kind = table.choice("kind", PATH_KINDS)
    path: Path
    if kind == "single_document":
        path = SingleDocumentPath(path_id)
    elif kind == "threshold":
        identity_tiers = table.text_list("identity_tiers")
        for tier in identity_tiers:
            if tier not in tiers:
                raise table.fail("identity_tiers", f"unknown tier {tier!r}")
        path = ThresholdPath(
            id=path_id,
            identity_points=table.integer("identity_points", 0),
            identity_documents=table.integer("identity_documents", 0),
            identity_tiers=identity_tiers,
            residency_points=table.integer("residency_points", 0),
            photo_id=table.boolean("photo_id"),
            photo_id_min_age=table.integer("photo_id_min_age", 0),
            dob_proof=table.boolean("dob_proof"),
            photo_and_dob_same_document=table.boolean("photo_and_dob_same_document"),
        )
        if not (path.identity_points or path.identity_documents):
            raise table.fail("identity_points", "give identity_points or identity_documents")
    elif kind == "caretaker":
        path = CaretakerPath(
            id=path_id,
            applicant_identity_points=table.integer("applicant_identity_points", 0),
            caretaker_identity_points=table.integer("caretaker_identity_points", 0),
            caretaker_photo_id=table.boolean("caretaker_photo_id", True),
            residency_points=table.integer("residency_points", 1),
            caretaker_residency_with_attestation=table.boolean(
                "caretaker_residency_with_attestation", True
            ),
        )
    else:
        path = AgencyPath(path_id)
    table.done()
    return path


def _check_references(
    documents: tuple[DocumentType, ...],
    relationships: tuple[RelationshipDocument, ...],
    agencies: tuple[AgencyVerification, ...],
    paths: tuple[Path, ...],
    suggestions: Suggestions,
) -> None:
    """Ids are unique, and every id a file mentions is declared in the same file."""
    known = {d.id: d for d in documents}
    seen: set[str] = set()
    for kind, items in (
        ("document", [d.id for d in documents]),
        ("relationship_document", [r.id for r in relationships]),
        ("agency_verification", [a.id for a in agencies]),
        ("path", [p.id for p in paths]),
    ):
        local: set[str] = set()
        for index, item_id in enumerate(items):
            clash = item_id in local or (kind != "path" and item_id in seen)
            if clash:
                raise SchemaViolation((kind, index, "id"), f"duplicate id {item_id!r}")
            local.add(item_id)
        if kind != "path":
            seen |= local

    def check(path: KeyPath, ids: Iterable[str | None], allowed: set[str]) -> None:
        for item in ids:
            if item is not None and item not in allowed:
                raise SchemaViolation(path, f"{item!r} is not a declared document id")

    doc_ids = set(known)
    for index, document in enumerate(documents):
        here: KeyPath = ("document", index)
        check((*here, "expired_counts_as"), [document.expired_counts_as], doc_ids)
        check(
            (*here, "without_area_address_counts_as"),
            [document.without_area_address_counts_as],
            doc_ids,
        )
        check((*here, "expired_accepted_with"), document.expired_accepted_with, doc_ids)
        check((*here, "requires_any_of"), document.requires_any_of, doc_ids)
        _check_fallback_chain(here, document, known)
    for key in ("identity", "photo_id", "dob_proof", "residency"):
        check(("suggestions", key), getattr(suggestions, key), doc_ids)
    kinds = {type(p) for p in paths}
    if AgencyPath in kinds and not agencies:
        raise SchemaViolation(("path",), "an agency path needs [[agency_verification]] entries")
    if CaretakerPath in kinds and not relationships:
        raise SchemaViolation(("path",), "a caretaker path needs [[relationship_document]]s")


def _check_fallback_chain(
    here: KeyPath, document: DocumentType, known: dict[str, DocumentType]
) -> None:
    """A document that "counts as" another must never end up counting as itself."""

    def visit(current: DocumentType, trail: tuple[str, ...]) -> None:
        for target in (current.expired_counts_as, current.without_area_address_counts_as):
            if target is None:
                continue
            if target in trail:
                raise SchemaViolation(
                    (*here, "expired_counts_as"), f"fallback loop through {target!r}"
                )
            visit(known[target], (*trail, target))

    visit(document, (document.id,))
