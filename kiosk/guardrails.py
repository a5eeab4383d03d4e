"""Guard rails for new applications: warn early about a backlog or a filling disk, block late.

`assess` is pure (summary, free bytes, settings, now in; verdict out). A backlog block can be
lifted for the rest of the local day by a supervisor, in person, with a reason that is audited;
a low-disk block cannot, because past it a record being entered might not be saved.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from kiosk.audit import AuditAction
from kiosk.config import Settings
from kiosk.dashboard import DashboardSummary, summarize
from kiosk.errors import InvalidInput, KioskError
from kiosk.outbox.vault_store import VaultOutboxStore
from kiosk.settings_store import load_settings
from kiosk.staff import Session

MB = 1024 * 1024
MAX_REASON_LENGTH = 200


class FreeSpace(Protocol):
    @property
    def free(self) -> int: ...


DiskUsageProbe = Callable[[Path], FreeSpace]
"""`shutil.disk_usage`, or a fake: anything answering the free bytes on a folder's disk."""


class GuardRailError(KioskError):
    code = "guardrail.error"


class NothingToOverride(GuardRailError):
    code = "guardrail.nothing_to_override"


class CannotOverride(GuardRailError):
    """Only a backlog block may be overridden; a disk that is nearly full may not."""

    code = "guardrail.cannot_override"


class Level(StrEnum):
    OK = "ok"
    WARN = "warn"
    BLOCK = "block"


@dataclass(frozen=True)
class Reason:
    """One finding: a stable `code` (the GUI translates it using `values`) and English `text`."""

    code: str
    level: Level
    text: str
    values: Mapping[str, int] = field(default_factory=dict)
    overridable: bool = False


@dataclass(frozen=True)
class OverrideToken:
    """A supervisor's in-person permission to keep enrolling past a backlog block today."""

    supervisor: str
    reason: str
    granted_at: datetime
    valid_until: datetime
    codes: frozenset[str]

    def covers(self, reason: Reason, now: datetime) -> bool:
        return reason.overridable and reason.code in self.codes and now < self.valid_until


@dataclass(frozen=True)
class GuardRail:
    level: Level
    reasons: tuple[Reason, ...] = ()
    can_override: bool = False
    overridden_by: OverrideToken | None = None

    @property
    def allows_new_enrollment(self) -> bool:
        return self.level is not Level.BLOCK


def seconds_since(stamp: datetime, now: datetime) -> float:
    """Stored stamps are UTC; one written without an offset is read as UTC, not refused."""
    return (now - (stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC))).total_seconds()


def end_of_local_day(now: datetime) -> datetime:
    """The next local midnight: an override lasts for the rest of the site's working day."""
    local = now.astimezone()
    return datetime.combine(local.date() + timedelta(days=1), time(), tzinfo=local.tzinfo)


def backlog_reasons(
    summary: DashboardSummary, settings: Settings, now: datetime, *, exported: int = 0
) -> list[Reason]:
    """Counts leave out records already exported to removable media (a second copy exists);
    the age counts them, since the program office has not confirmed receiving them yet."""
    reasons = []
    waiting = max(summary.waiting_to_upload - exported, 0)
    if waiting >= settings.backlog_block_count:
        limit = settings.backlog_block_count
        reasons.append(
            Reason(
                "backlog.full",
                Level.BLOCK,
                f"{waiting} records are waiting to be uploaded or exported; the limit is {limit}. "
                "Sync or export them before taking new applications, or ask a supervisor to "
                "allow more for today.",
                {"waiting": waiting, "limit": limit},
                overridable=True,
            )
        )
    elif waiting >= settings.backlog_warn_count:
        reasons.append(
            Reason(
                "backlog.large",
                Level.WARN,
                f"{waiting} records are waiting to be uploaded or exported. Sync or export them "
                f"soon: at {settings.backlog_block_count} new applications stop.",
                {"waiting": waiting, "limit": settings.backlog_block_count},
            )
        )
    if summary.oldest_waiting is not None:
        days = int(seconds_since(summary.oldest_waiting, now) // 86400)
        if days >= settings.backlog_warn_days:
            reasons.append(
                Reason(
                    "backlog.old",
                    Level.WARN,
                    f"The oldest record has waited {days} days for the program office's "
                    "receipt. Connect to the internet and sync, or export to a USB drive and "
                    "bring back the receipts file.",
                    {"days": days, "limit": settings.backlog_warn_days},
                )
            )
    return reasons


def disk_reasons(free_bytes: int, settings: Settings) -> list[Reason]:
    free_mb = max(free_bytes, 0) // MB
    if free_bytes < settings.disk_block_mb * MB:
        text = (
            f"Only {free_mb} MB free on the disk: new applications are stopped so that none "
            "can be lost. Free some space (or ask IT to), then check again."
        )
        values = {"free_mb": free_mb, "limit_mb": settings.disk_block_mb}
        return [Reason("disk.full", Level.BLOCK, text, values)]
    if free_bytes < settings.disk_warn_mb * MB:
        text = (
            f"Only {free_mb} MB free on the disk. Ask for space to be cleared soon: below "
            f"{settings.disk_block_mb} MB new applications stop."
        )
        values = {"free_mb": free_mb, "limit_mb": settings.disk_block_mb}
        return [Reason("disk.low", Level.WARN, text, values)]
    return []


def assess(
    summary: DashboardSummary,
    disk_free_bytes: int,
    settings: Settings,
    now: datetime,
    *,
    exported: int = 0,
) -> GuardRail:
    """The verdict for starting a new application now; blocks are listed before warnings.

    `exported`: waiting records already exported to removable media, awaiting receipts.
    """
    backlog = backlog_reasons(summary, settings, now, exported=exported)
    reasons = disk_reasons(disk_free_bytes, settings) + backlog
    reasons.sort(key=lambda r: r.level is not Level.BLOCK)
    blocks = [r for r in reasons if r.level is Level.BLOCK]
    if blocks:
        overridable = all(r.overridable for r in blocks)
        return GuardRail(Level.BLOCK, tuple(reasons), can_override=overridable)
    return GuardRail(Level.WARN if reasons else Level.OK, tuple(reasons))


def with_override(rail: GuardRail, token: OverrideToken | None, now: datetime) -> GuardRail:
    """A block every reason of which the token covers becomes a warning that names the token."""
    if token is None or rail.level is not Level.BLOCK:
        return rail
    blocks = [r for r in rail.reasons if r.level is Level.BLOCK]
    if not all(token.covers(r, now) for r in blocks):
        return rail
    return replace(rail, level=Level.WARN, can_override=False, overridden_by=token)


def check_new_enrollment(
    session: Session,
    *,
    override: OverrideToken | None = None,
    disk_usage: DiskUsageProbe = shutil.disk_usage,
    settings: Settings | None = None,
) -> GuardRail:
    """Ask before starting (and again before submitting) an application. Vault thread only."""
    now = session.clock()
    conn = session.vault.conn
    summary = summarize(conn, now.astimezone().date())
    exported = VaultOutboxStore(conn, clock=session.clock).counts()["exported_awaiting_receipt"]
    free = int(disk_usage(session.vault.data_dir).free)
    rail = assess(summary, free, settings or load_settings(conn), now, exported=exported)
    return with_override(rail, override, now)


def override(
    session: Session,
    supervisor: str,
    password: str,
    reason: str,
    *,
    disk_usage: DiskUsageProbe = shutil.disk_usage,
) -> OverrideToken:
    """A supervisor lifts today's backlog block; audited as OVERRIDE with the codes and reason.

    The caller keeps the token in memory and passes it to `check_new_enrollment`. Raises
    WrongPassword / NotPermitted / LockedOut as `Session.authorize_supervisor` does.
    """
    text = " ".join(reason.split())
    if not text:
        raise InvalidInput("Say why new applications should continue; it goes in the audit log.")
    if len(text) > MAX_REASON_LENGTH:
        raise InvalidInput(f"Keep the reason under {MAX_REASON_LENGTH} characters.")
    rail = check_new_enrollment(session, disk_usage=disk_usage)
    if rail.level is not Level.BLOCK:
        raise NothingToOverride("New applications are not blocked; there is nothing to override.")
    if not rail.can_override:
        raise CannotOverride(
            "The disk is nearly full: new applications stay stopped until space is freed."
        )
    codes = frozenset(r.code for r in rail.reasons if r.level is Level.BLOCK)
    audited = f"guard rail {', '.join(sorted(codes))}: {text}"
    member = session.authorize_supervisor(supervisor, password, AuditAction.OVERRIDE, audited)
    now = session.clock()
    return OverrideToken(member.username, text, now, end_of_local_day(now), codes)
