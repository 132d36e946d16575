"""A visit as one draft's bytes and back: every form's snapshot, the shared details, the stage.

One draft holds the whole visit, so stopping halfway and coming back resumes all of it: the
forms already done, the one under way, the services left out. Storage encrypts these bytes
like any draft; nothing else keeps the shared details.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from inclusion_app.engine.snapshot import SnapshotError

FORMAT = 1
KIND = "inclusion-visit"


@dataclass
class SavedVisit:
    bundle_id: str
    language: str | None
    stage: str
    current: str | None
    left_out: list[str]
    shared: dict[str, str]
    sent: dict[str, tuple[str, str]]
    consented: bool = False
    forms: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # id -> (snapshot, position)


def dumps(visit: Any) -> bytes:
    data = {
        "kind": KIND, "format": FORMAT, "bundle_id": visit.bundle.bundle_id,
        "language": visit.language, "stage": visit.stage, "current": visit.current,
        "left_out": sorted(visit.left_out), "shared": dict(visit.shared),
        "sent": {k: list(v) for k, v in visit.sent.items()},
        "consented": bool(visit.consented),
        "forms": {fid: {"snapshot": fc.inner.snapshot().decode("utf-8"), "position": fc.inner.position()}
                  for fid, fc in visit.controllers.items()},
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def is_visit(blob: bytes) -> bool:
    return blob[:40].lstrip().startswith(b'{"kind":"' + KIND.encode())


def loads(blob: bytes, bundle_id: str) -> SavedVisit:
    try:
        data = json.loads(blob.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError):
        raise SnapshotError("the saved visit cannot be read") from None
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise SnapshotError("the saved draft is not a visit")
    if data.get("format") != FORMAT:
        raise SnapshotError("the saved visit was written by another version of the program")
    if data.get("bundle_id") != bundle_id:
        raise SnapshotError("the saved visit belongs to another bundle")
    try:
        forms = {str(fid): (str(f["snapshot"]).encode("utf-8"), str(f.get("position") or ""))
                 for fid, f in dict(data.get("forms") or {}).items()}
        language = data.get("language")
        return SavedVisit(
            bundle_id=bundle_id, language=language if isinstance(language, str) else None,
            stage=str(data.get("stage") or "overview"), current=data.get("current") or None,
            left_out=[str(x) for x in data.get("left_out") or []],
            shared={str(k): str(v) for k, v in dict(data.get("shared") or {}).items()},
            sent={str(k): (str(v[0]), str(v[1])) for k, v in dict(data.get("sent") or {}).items()},
            consented=bool(data.get("consented")), forms=forms,
        )
    except (KeyError, TypeError, ValueError, IndexError):
        raise SnapshotError("the saved visit is damaged") from None
