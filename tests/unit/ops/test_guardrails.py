"""Guard rails: warn early, block late; only a backlog block yields to an audited override."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from kiosk import audit
from kiosk.config import Settings
from kiosk.dashboard import DashboardSummary
from kiosk.errors import InvalidInput, NotPermitted, WrongPassword
from kiosk.guardrails import (
    MB,
    CannotOverride,
    GuardRail,
    Level,
    NothingToOverride,
    OverrideToken,
    assess,
    check_new_enrollment,
    end_of_local_day,
    override,
    with_override,
)
from kiosk.settings_store import save_settings
from kiosk.staff import Session
from tests.unit.conftest import FakeClock
from tests.unit.ops.conftest import (
    ENROLLER,
    ENROLLER_PASSWORD,
    GB,
    SUPERVISOR,
    SUPERVISOR_PASSWORD,
    FakeDisk,
    queue_sealed,
)

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PLENTY = 50 * GB
DEFAULTS = Settings()


def summary(waiting: int = 0, oldest: datetime | None = None) -> DashboardSummary:
    return DashboardSummary(0, 0, waiting, 0, 0, oldest if waiting else None)


def codes(rail: GuardRail) -> list[str]:
    return [r.code for r in rail.reasons]


def test_an_empty_outbox_on_a_roomy_disk_is_ok() -> None:
    rail = assess(summary(), PLENTY, DEFAULTS, NOW)
    assert rail == GuardRail(Level.OK)
    assert rail.allows_new_enrollment


def test_a_large_backlog_warns_at_the_warning_count() -> None:
    assert assess(summary(199, NOW), PLENTY, DEFAULTS, NOW).level is Level.OK
    rail = assess(summary(200, NOW), PLENTY, DEFAULTS, NOW)
    assert (rail.level, codes(rail)) == (Level.WARN, ["backlog.large"])
    assert rail.reasons[0].values == {"waiting": 200, "limit": 1000}
    assert rail.allows_new_enrollment and not rail.can_override


def test_an_old_record_warns_after_the_warning_days() -> None:
    almost = NOW - timedelta(days=3) + timedelta(seconds=1)
    assert assess(summary(1, almost), PLENTY, DEFAULTS, NOW).level is Level.OK
    rail = assess(summary(1, NOW - timedelta(days=3)), PLENTY, DEFAULTS, NOW)
    assert codes(rail) == ["backlog.old"]
    assert "3 days" in rail.reasons[0].text


def test_a_stamp_stored_without_an_offset_is_read_as_utc() -> None:
    naive = (NOW - timedelta(days=4)).replace(tzinfo=None)
    assert codes(assess(summary(1, naive), PLENTY, DEFAULTS, NOW)) == ["backlog.old"]


def test_the_hard_backlog_limit_blocks_and_may_be_overridden() -> None:
    rail = assess(summary(1000, NOW - timedelta(days=5)), PLENTY, DEFAULTS, NOW)
    assert rail.level is Level.BLOCK
    assert codes(rail) == ["backlog.full", "backlog.old"]
    assert rail.can_override and not rail.allows_new_enrollment


def test_records_exported_to_removable_media_leave_the_count_but_not_the_age() -> None:
    rail = assess(summary(1000, NOW - timedelta(days=4)), PLENTY, DEFAULTS, NOW, exported=900)
    assert codes(rail) == ["backlog.old"]
    assert "receipt" in rail.reasons[0].text
    assert assess(summary(5, NOW), PLENTY, DEFAULTS, NOW, exported=9).level is Level.OK


def test_low_disk_warns_then_blocks_without_override() -> None:
    low = assess(summary(), 1000 * MB, DEFAULTS, NOW)
    assert (low.level, codes(low)) == (Level.WARN, ["disk.low"])
    full = assess(summary(), 255 * MB, DEFAULTS, NOW)
    assert (full.level, codes(full), full.can_override) == (Level.BLOCK, ["disk.full"], False)
    assert full.reasons[0].values == {"free_mb": 255, "limit_mb": 256}
    assert assess(summary(), 256 * MB, DEFAULTS, NOW).level is Level.WARN


def test_a_full_disk_makes_a_backlog_block_unoverridable_and_comes_first() -> None:
    rail = assess(summary(5000, NOW), 10 * MB, DEFAULTS, NOW)
    assert codes(rail) == ["disk.full", "backlog.full"]
    assert not rail.can_override


def test_thresholds_come_from_settings() -> None:
    strict = Settings().replace(backlog_warn_count=5, backlog_block_count=10, disk_block_mb=2048)
    assert codes(assess(summary(5, NOW), PLENTY, strict, NOW)) == ["backlog.large"]
    assert codes(assess(summary(10, NOW), PLENTY, strict, NOW)) == ["backlog.full"]
    assert codes(assess(summary(), 2047 * MB, strict, NOW)) == ["disk.full"]


@pytest.mark.parametrize("bad", [{"disk_block_mb": 10}, {"backlog_warn_days": 0}])
def test_unsafe_thresholds_are_refused(bad: dict[str, int]) -> None:
    with pytest.raises(InvalidInput):
        Settings().replace(**bad)


def _token(codes: frozenset[str], until: datetime = NOW + timedelta(hours=2)) -> OverrideToken:
    return OverrideToken("sam", "network down", NOW, until, codes)


def test_an_override_turns_a_backlog_block_into_a_warning_until_it_expires() -> None:
    rail = assess(summary(1000, NOW), PLENTY, DEFAULTS, NOW)
    token = _token(frozenset({"backlog.full"}))
    lifted = with_override(rail, token, NOW)
    assert (lifted.level, lifted.overridden_by, lifted.can_override) == (Level.WARN, token, False)
    assert lifted.allows_new_enrollment
    assert with_override(rail, token, NOW + timedelta(hours=2)) == rail
    assert with_override(rail, None, NOW) == rail


def test_an_override_never_lifts_a_disk_block() -> None:
    rail = assess(summary(1000, NOW), 1 * MB, DEFAULTS, NOW)
    token = _token(frozenset({"backlog.full", "disk.full"}))
    assert with_override(rail, token, NOW).level is Level.BLOCK


def test_an_override_leaves_a_rail_that_is_not_blocked_alone() -> None:
    rail = assess(summary(200, NOW), PLENTY, DEFAULTS, NOW)
    assert with_override(rail, _token(frozenset({"backlog.full"})), NOW) is rail


def test_the_day_ends_at_the_next_local_midnight() -> None:
    end = end_of_local_day(NOW)
    local = NOW.astimezone()
    assert end > NOW and end - NOW <= timedelta(days=1)
    assert (end.hour, end.minute, end.date()) == (0, 0, local.date() + timedelta(days=1))


# --- against a vault --------------------------------------------------------------------------


def test_check_new_enrollment_reads_the_outbox_the_settings_and_the_data_disk(
    staffed: Session, clock: FakeClock, disk: FakeDisk
) -> None:
    queue_sealed(staffed, 3, clock.now - timedelta(days=4))
    save_settings(staffed, Settings().replace(backlog_warn_count=3, backlog_block_count=4))
    rail = check_new_enrollment(staffed, disk_usage=disk)
    assert codes(rail) == ["backlog.large", "backlog.old"]
    assert disk.asked == [staffed.vault.data_dir]
    queue_sealed(staffed, 1, clock.now)
    queue_sealed(staffed, 10, clock.now, state="delivered")
    assert codes(check_new_enrollment(staffed, disk_usage=disk))[0] == "backlog.full"
    queue_sealed(staffed, 5, clock.now, exported=True)
    assert codes(check_new_enrollment(staffed, disk_usage=disk))[0] == "backlog.full"
    staffed.vault.conn.execute("UPDATE submissions SET exported_at = submitted_at")
    assert codes(check_new_enrollment(staffed, disk_usage=disk)) == ["backlog.old"]


def _audited_overrides(session: Session) -> list[audit.AuditEntry]:
    return [e for e in audit.entries(session.vault.conn) if e.action == "override"]


def test_a_supervisor_overrides_a_backlog_block_for_the_rest_of_the_day(
    staffed: Session, clock: FakeClock, disk: FakeDisk
) -> None:
    save_settings(staffed, Settings().replace(backlog_warn_count=1, backlog_block_count=2))
    queue_sealed(staffed, 2, clock.now)
    assert not check_new_enrollment(staffed, disk_usage=disk).allows_new_enrollment

    token = override(
        staffed, SUPERVISOR, SUPERVISOR_PASSWORD, "  no signal\nuntil Friday ", disk_usage=disk
    )
    assert (token.supervisor, token.reason, token.codes) == (
        SUPERVISOR,
        "no signal until Friday",
        frozenset({"backlog.full"}),
    )
    assert token.valid_until == end_of_local_day(clock.now)
    rail = check_new_enrollment(staffed, override=token, disk_usage=disk)
    assert rail.allows_new_enrollment and rail.overridden_by == token

    (entry,) = _audited_overrides(staffed)
    assert (entry.actor, entry.subject) == (SUPERVISOR, staffed.member.username)
    assert json.loads(entry.details) == {
        "reason": "guard rail backlog.full: no signal until Friday"
    }

    clock.advance(days=1)
    assert not check_new_enrollment(staffed, override=token, disk_usage=disk).allows_new_enrollment


def test_an_override_needs_a_supervisor_a_right_password_and_a_reason(
    staffed: Session, clock: FakeClock, disk: FakeDisk
) -> None:
    save_settings(staffed, Settings().replace(backlog_warn_count=1, backlog_block_count=1))
    queue_sealed(staffed, 1, clock.now)
    with pytest.raises(InvalidInput):
        override(staffed, SUPERVISOR, SUPERVISOR_PASSWORD, " \n ", disk_usage=disk)
    with pytest.raises(InvalidInput):
        override(staffed, SUPERVISOR, SUPERVISOR_PASSWORD, "x" * 201, disk_usage=disk)
    with pytest.raises(WrongPassword):
        override(staffed, SUPERVISOR, "not the password", "busy day", disk_usage=disk)
    with pytest.raises(NotPermitted):
        override(staffed, ENROLLER, ENROLLER_PASSWORD, "busy day", disk_usage=disk)
    assert _audited_overrides(staffed) == []


def test_there_is_no_override_without_a_block_nor_for_a_full_disk(
    staffed: Session, clock: FakeClock, disk: FakeDisk
) -> None:
    with pytest.raises(NothingToOverride):
        override(staffed, SUPERVISOR, SUPERVISOR_PASSWORD, "just in case", disk_usage=disk)
    disk.free = 1 * MB
    with pytest.raises(CannotOverride) as caught:
        override(staffed, SUPERVISOR, SUPERVISOR_PASSWORD, "please", disk_usage=disk)
    assert caught.value.code == "guardrail.cannot_override"
    assert _audited_overrides(staffed) == []
