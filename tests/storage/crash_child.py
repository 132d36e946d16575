"""The crash test's child: autosaves drafts and finalizes submissions until it is killed.

Usage: python -m tests.storage.crash_child SEED FIRST_NUMBER (folders from the environment).
It prints, flushed, one line per event: `ready <synchronous>`, then `save-begin`/`saved`
around each autosave and `begin <instanceID>` / `commit <instanceID> <sha256>` around each
finalize; `commit` is printed only after finalize() has returned, i.e. after the durable commit.
Draft payloads end with their own sha256, so a torn or mixed draft is detectable.
"""

from __future__ import annotations

import hashlib
import random
import sys

from inclusion_app.paths import resolve
from inclusion_app.storage.factory import open_store
from tests.storage.builders import digest, draft, submission
from tests.storage.memory_payload import payload_of

DRAFT_IDS = [f"crash-draft-{i}" for i in range(4)]


def crash_submission(n: int):  # noqa: ANN201 - a Submission
    """Deterministic bytes for number n, so the parent can recompute what was in flight."""
    rng = random.Random(n)
    photo = rng.randbytes(rng.randrange(0, 60_000))
    return submission(n, attachments={f"photo-{n}.jpg": photo} if photo else {})


def self_checking(rng: random.Random) -> bytes:
    body = rng.randbytes(rng.randrange(50, 4000))
    return body + hashlib.sha256(body).digest()


def main(seed: int, first: int) -> int:
    rng = random.Random(seed)
    store = open_store(resolve())
    print(f"ready {store.pragma('synchronous')}", flush=True)
    n = first
    while True:
        if rng.random() < 0.7:
            draft_id = rng.choice(DRAFT_IDS)
            print(f"save-begin {draft_id}", flush=True)
            store.save_draft(draft(draft_id, updated_at=float(n), payload=self_checking(rng)))
            print(f"saved {draft_id}", flush=True)
        else:
            sub = crash_submission(n)
            print(f"begin {sub.instance_id}", flush=True)
            store.finalize(sub, draft_id=rng.choice(DRAFT_IDS))
            print(f"commit {sub.instance_id} {digest(payload_of(sub))}", flush=True)
            n += 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), int(sys.argv[2])))
