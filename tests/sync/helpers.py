"""Building submissions, stores and uploaders for the sync tests (no engine needed)."""

from __future__ import annotations

import json
import uuid

from inclusion_app.engine.prompt import Submission
from inclusion_app.storage.api import Store
from inclusion_app.sync.backoff import RetryPolicy
from inclusion_app.sync.channel import ChannelFactory
from inclusion_app.sync.delivery import Uploader
from inclusion_app.sync.targets import Target, TargetBook


def make_submission(n: int = 0, form_id: str = "survey", extra: str = "", **kw: object) -> Submission:
    """A small, valid submission with a fresh instanceID (answers are made up)."""
    iid = f"uuid:{uuid.uuid4()}"
    xml = (f'<data id="{form_id}" version="1"><age>{20 + n % 60}</age><note>{extra}</note>'
           f"<meta><instanceID>{iid}</instanceID></meta></data>").encode()
    body = json.dumps({"age": 20 + n % 60, "meta": {"instanceID": iid}}).encode()
    ref = iid[5:13].upper()
    return Submission(form_id, "1", iid, ref, xml, body, title="Survey", **kw)  # type: ignore[arg-type]


def fill(store: Store, count: int, **kw: object) -> list[str]:
    """Queue `count` submissions; their instanceIDs in order."""
    return [store.finalize(make_submission(i, **kw)).instance_id for i in range(count)]


def quick_policy(tries: int = 6) -> RetryPolicy:
    """Fast in-run retries so fault tests finish in seconds."""
    return RetryPolicy(base=30.0, in_run_tries=tries, in_run_base=0.01, in_run_cap=0.05)


def uploader_for(store: Store, target: Target, secret: str | None = None, *, timeout: float = 5.0,
                 workers: int = 3, tries: int = 6, **kw: object) -> Uploader:
    """An uploader for one target with a fast retry policy."""
    channels = ChannelFactory(lambda name: secret, timeout=timeout, connect_timeout=2.0, workers=workers)
    book = TargetBook([target], target.name)
    return Uploader(store, book, channels, workers=workers, policy=quick_policy(tries), **kw)  # type: ignore[arg-type]
