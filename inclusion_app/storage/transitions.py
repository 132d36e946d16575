"""How an outbox entry changes when a try starts or fails, and what a refused change says:
one rule, and the same words, for every store."""

from __future__ import annotations

from typing import Any

from inclusion_app.i18n import _
from inclusion_app.storage.api import OutboxEntry, State, StorageError


def check_known(entry: OutboxEntry | None) -> OutboxEntry:
    """The entry, or a plain error when the outbox has no such submission."""
    if entry is None:
        raise StorageError(_("There is no submission with that instanceID in the outbox."))
    return entry


def already_queued() -> str:
    return _("This submission is already in the outbox.")


def purged() -> str:
    return _("This submission was sent; its readable copy was removed after the retention "
             "period. Only the receipt is kept.")


def after_sending(entry: OutboxEntry) -> dict[str, Any]:
    """A try starts: it counts as an attempt."""
    return {"state": State.SENDING, "attempts": entry.attempts + 1}


def after_sent(
    entry: OutboxEntry, server_response: str, target: str | None, now: float
) -> dict[str, Any]:
    """A confirmed upload: the receipt, the time and the target it went to."""
    return {
        "state": State.SENT, "server_response": server_response,
        "target": target if target is not None else entry.target,
        "sent_at": now, "last_error": "", "next_attempt_at": None,
    }


def after_failure(
    entry: OutboxEntry, reason: str, permanent: bool, next_attempt_at: float | None,
    server_response: str | None = None,
) -> dict[str, Any]:
    """A try failed. A failure reported without mark_sending first still counts as a try.
    The server's own answer, when given, is kept (it tells a closed form from a conflict)."""
    attempts = entry.attempts if entry.state is State.SENDING else entry.attempts + 1
    changes: dict[str, Any] = {
        "state": State.SET_ASIDE if permanent else State.FAILED,
        "attempts": attempts,
        "last_error": reason,
        "next_attempt_at": None if permanent else next_attempt_at,
    }
    if server_response is not None:
        changes["server_response"] = server_response
    return changes
