"""The doctor's report: one `Check` per concern, words for a supervisor, numbers for scripts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

Detail = int | float | str | bool | None


class Status(StrEnum):
    OK = "ok"
    WARN = "warn"
    FAIL = "fail"

    @property
    def rank(self) -> int:
        return [Status.OK, Status.WARN, Status.FAIL].index(self)


@dataclass(frozen=True)
class Check:
    """`summary` is plain English for a supervisor; `details` are numbers and codes only."""

    id: str
    status: Status
    summary: str
    details: Mapping[str, Detail] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status.value,
            "summary": self.summary,
            "details": dict(self.details),
        }


@dataclass(frozen=True)
class DoctorReport:
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        """Warnings are allowed: a site runs for days offline and with the synthetic camera off."""
        return all(c.status is not Status.FAIL for c in self.checks)

    @property
    def status(self) -> Status:
        return max((c.status for c in self.checks), key=lambda s: s.rank, default=Status.OK)

    def get(self, check_id: str) -> Check | None:
        return next((c for c in self.checks if c.id == check_id), None)

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "checks": [c.to_json() for c in self.checks]}


def worst(statuses: Iterable[Status]) -> Status:
    return max(statuses, key=lambda s: s.rank, default=Status.OK)
