"""Failed sign-in counting with a growing delay that survives restarts.

Kept in a small file beside the vault (it must work before the vault is unlocked), keyed by the
same non-reversible tags as the key slots. The first failures cost nothing; from the fifth on,
each failure locks that name for twice as long as the one before, up to an hour. Failures are
also queued here until the next successful sign-in writes them into the audit log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.clock import Clock
from kiosk.errors import LockedOut
from kiosk.vault.files import atomic_write_bytes, translate_os_error

LOCKOUT_FILENAME = "lockout.json"
FREE_ATTEMPTS = 4
FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=1)


@dataclass(frozen=True)
class PendingFailure:
    tag: str
    at: str
    failures: int


def delay_after(failures: int) -> timedelta:
    """0 for the first four failures, then 30 s, 60 s, 120 s ... capped at an hour."""
    if failures <= FREE_ATTEMPTS:
        return timedelta(0)
    grown: timedelta = FIRST_DELAY * 2 ** (failures - FREE_ATTEMPTS - 1)
    return min(grown, MAX_DELAY)


class LockoutBook:
    def __init__(self, data_dir: Path, clock: Clock) -> None:
        self.path = data_dir / LOCKOUT_FILENAME
        self.clock = clock

    def _load(self) -> dict[str, dict[str, object]]:
        try:
            doc = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return {}
        except (ValueError, UnicodeDecodeError):
            # A damaged counter file must not stop sign-in; it restarts counting.
            return {}
        except OSError as error:
            raise translate_os_error(error, "the sign-in counters") from error
        return doc if isinstance(doc, dict) else {}

    def _save(self, doc: dict[str, dict[str, object]]) -> None:
        data = json.dumps(doc, indent=1, sort_keys=True).encode()
        atomic_write_bytes(self.path, data, what="the sign-in counters")

    def check(self, tag: str) -> None:
        """Raise LockedOut while `tag` is inside its delay."""
        entry = self._load().get(tag)
        if not entry or not entry.get("locked_until"):
            return
        until = datetime.fromisoformat(str(entry["locked_until"]))
        remaining = (until - self.clock()).total_seconds()
        if remaining > 0:
            wait = _human(remaining)
            raise LockedOut(
                f"Too many wrong passwords. Try again in {wait} or ask a supervisor.",
                retry_after_s=remaining,
            )

    def failures(self, tag: str) -> int:
        entry = self._load().get(tag, {})
        value = entry.get("failures", 0)
        return value if isinstance(value, int) else 0

    def record_failure(self, tag: str) -> timedelta:
        """Count one failure; returns the delay it imposes (zero while attempts are free)."""
        doc = self._load()
        entry = doc.setdefault(tag, {})
        failures = int(str(entry.get("failures", 0))) + 1
        now = self.clock()
        delay = delay_after(failures)
        entry["failures"] = failures
        entry["locked_until"] = (now + delay).isoformat() if delay else None
        pending = entry.setdefault("unaudited", [])
        assert isinstance(pending, list)
        pending.append(now.isoformat(timespec="seconds"))
        del pending[:-50]  # bounded: an attacker cannot grow this file without limit
        self._save(doc)
        return delay

    def clear(self, tag: str) -> None:
        doc = self._load()
        entry = doc.get(tag)
        if entry:
            entry["failures"] = 0
            entry["locked_until"] = None
            self._save(doc)

    def take_unaudited(self) -> list[PendingFailure]:
        """Pop every queued failure (after a successful unlock) so it can go into the audit log."""
        doc = self._load()
        taken = []
        for tag, entry in doc.items():
            pending = entry.get("unaudited") or []
            assert isinstance(pending, list)
            taken += [PendingFailure(tag, str(at), i + 1) for i, at in enumerate(pending)]
            entry["unaudited"] = []
        if taken:
            self._save(doc)
        return taken


def _human(seconds: float) -> str:
    seconds = int(seconds + 0.999)
    if seconds < 90:
        return f"{seconds} seconds"
    return f"{(seconds + 59) // 60} minutes"
