"""Counts for the home screen and end-of-day summaries: numbers only, never applicant details."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from kiosk.outbox.operations import AttentionItem, attention_items
from kiosk.outbox.vault_store import VaultOutboxStore
from kiosk.staff import Session
from kiosk.vault.database import Connection


@dataclass(frozen=True)
class DashboardSummary:
    submitted_today: int
    delivered_today: int
    waiting_to_upload: int
    delivered: int
    needs_attention: int
    oldest_waiting: datetime | None


def summarize(conn: Connection, today: date) -> DashboardSummary:
    counts = dict(conn.execute("SELECT state, count(*) FROM submissions GROUP BY state").fetchall())
    submitted_today = conn.execute(
        "SELECT count(*) FROM submissions WHERE substr(submitted_at, 1, 10) = ?",
        (today.isoformat(),),
    ).fetchone()[0]
    delivered_today = conn.execute(
        "SELECT count(*) FROM submissions WHERE state = 'delivered'"
        " AND substr(updated_at, 1, 10) = ?",
        (today.isoformat(),),
    ).fetchone()[0]
    oldest = conn.execute(
        "SELECT min(submitted_at) FROM submissions WHERE state = 'sealed'"
    ).fetchone()[0]
    return DashboardSummary(
        submitted_today=int(submitted_today),
        delivered_today=int(delivered_today),
        waiting_to_upload=int(counts.get("sealed", 0)),
        delivered=int(counts.get("delivered", 0)),
        needs_attention=int(counts.get("needs_attention", 0)),
        oldest_waiting=datetime.fromisoformat(oldest) if oldest else None,
    )


@dataclass(frozen=True)
class OutboxOverview:
    """The outbox screen and end-of-day summary: counts, and application numbers to look at."""

    summary: DashboardSummary
    exported_awaiting_receipt: int
    attention: tuple[AttentionItem, ...]


def outbox_overview(session: Session, today: date) -> OutboxOverview:
    counts = VaultOutboxStore(session.vault.conn, clock=session.clock).counts()
    return OutboxOverview(
        summary=summarize(session.vault.conn, today),
        exported_awaiting_receipt=counts["exported_awaiting_receipt"],
        attention=tuple(attention_items(session)),
    )
