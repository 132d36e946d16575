"""No answer text anywhere on disk: database, WAL, temporary files, key folder, attachments."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from inclusion_app.cli import main as cli_main
from inclusion_app.storage.factory import open_store
from inclusion_app.storage.sqlite_store import SQLiteStore
from inclusion_app.storage.vault import Vault, VaultError
from tests.storage.builders import PHOTO, draft, submission

MARKERS = ["ZEBRA-7781", "龙猫标记"]
PHOTO_PROBE = PHOTO[1000:1064]  # 64 distinctive bytes of the photo


def needles() -> list[bytes]:
    found = [PHOTO_PROBE, b"PHOTO-PATTERN-5521"]
    for marker in MARKERS:
        found += [marker.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    return found


def leaks(root: Path) -> list[str]:
    """Every (file, needle) pair where a marker appears, across all files under root."""
    hits = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits += [f"{path.relative_to(root)}: {n[:12]!r}" for n in needles() if n in data]
    return hits


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """TMPDIR and tempfile's folder inside the test's own folder, so they are searched too."""
    tmp = tmp_path / "_tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


def test_markers_never_reach_the_disk(app_paths, tmp_path: Path, private_tmp: Path, capsys) -> None:
    """Draft, finalize, send and retention purge with Latin, Chinese and photo markers: zero hits."""
    text = " ".join(MARKERS)
    answers = f'{{"name": "{text}"}}'.encode()
    store = open_store(app_paths)
    for i in range(5):  # autosave as each answer is given
        store.save_draft(draft("d1", updated_at=1000.0 + i, payload=answers + bytes([i]),
                               step=f"{i},0"))
    sub = submission(
        1,
        xml=f"<data><name>{text}</name><note>{MARKERS[1]}</note></data>".encode(),
        json=answers,
        attachments={f"{MARKERS[0]}-photo.jpg": PHOTO},
    )
    store.finalize(sub, draft_id="d1")
    store.save_draft(draft("d2", payload=answers))  # a second, unfinished draft stays on disk
    assert store.load_payload(sub.instance_id).json == answers  # readable through the store
    assert cli_main(["outbox", "list"]) == 0 and cli_main(["drafts", "list"]) == 0
    printed = capsys.readouterr()
    assert not any(m in printed.out + printed.err for m in MARKERS)
    assert leaks(tmp_path) == [], "plaintext while queued"

    store.mark_sending(sub.instance_id)
    store.mark_sent(sub.instance_id, "201 Created")
    assert store.purge_sent(30, now=store.get_entry(sub.instance_id).sent_at + 31 * 86400) == 1
    store.close()
    assert leaks(tmp_path) == [], "plaintext after purge"
    assert any(app_paths.data.iterdir()) and os.listdir(app_paths.config)

    with pytest.raises(VaultError):  # a copied data folder with another key reveals nothing
        SQLiteStore(app_paths.database, Vault(os.urandom(32)))


def test_resume_codes_are_stored_only_as_salted_hashes(sqlite_store, app_paths) -> None:
    """The database file never holds a resume code in plain, only its scrypt hash."""
    sqlite_store.save_draft(draft("a"))
    sqlite_store.save_draft(draft("b"))
    assert sqlite_store.set_resume_code("a", "482915")
    sqlite_store.delete_draft("a")
    sqlite_store.save_draft(draft("a"))
    assert sqlite_store.set_resume_code("a", "482915")  # free again once its draft is gone
    rows = sqlite_store._read("SELECT resume_hash FROM drafts WHERE resume_hash IS NOT NULL")
    assert len(rows) == 1 and rows[0][0].startswith("scrypt$")
    sqlite_store._read("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = app_paths.database.read_bytes()
    assert b"482915" not in raw


def test_bundleVisit_leavesNoPlaintext(app_paths, tmp_path: Path, private_tmp: Path, capsys) -> None:
    """A whole visit (shared details with the markers, saved as a draft at every step, then
    sent as three submissions through `fill BUNDLE --queue` too): zero hits anywhere."""
    import json

    from inclusion_app.engine.visit import Visit
    from inclusion_app.engine.visit_walk import walk_visit
    from inclusion_app.storage.visit_drafts import save_visit, send_visit
    from tests.bundles.helpers import SHARED, own_answers, shipped

    bundle, forms = shipped("turning_60")
    name = " ".join(MARKERS)
    answers = {**SHARED, "full_name": name, **{fid: own_answers(fid) for fid in bundle.form_ids}}
    answers["concession_card"]["address"] = f"{MARKERS[1]} 5号"
    visit = Visit(bundle, forms, "zh")
    store = open_store(app_paths)
    for key in ("full_name", "id_number", "phone"):  # autosave as each shared detail is given
        visit.set_shared(key, answers[key])
        save_visit(store, visit, "visit-1", 1000.0, bundle.title("zh"), first=key == "full_name")
    subs = walk_visit(visit, answers)
    save_visit(store, visit, "visit-1", 1000.0, bundle.title("zh"))
    assert leaks(tmp_path) == [], "plaintext in the visit's draft"
    entries = send_visit(store, subs, "visit-1")
    assert len(entries) == 3 and store.get_draft("visit-1") is None
    for entry in entries:  # the markers are there, readable through the store only
        if "full_name" in visit.fields[entry.form_id]:
            assert MARKERS[0].encode() in store.load_payload(entry.instance_id).xml
    store.close()
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    assert cli_main(["fill", "turning_60", "--answers", str(path), "--queue"]) == 0
    assert cli_main(["outbox", "list"]) == 0 and cli_main(["drafts", "list"]) == 0
    printed = capsys.readouterr()
    assert not any(m in printed.out + printed.err for m in MARKERS)
    path.unlink()  # the test's own answers file is not the program's
    assert leaks(tmp_path) == [], "plaintext after the visit was sent"
