"""Storage and upload messages go through gettext at the moment they are shown, with Chinese ready."""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from inclusion_app import i18n
from inclusion_app.storage import recovery
from inclusion_app.storage.api import PracticeRefusedError, StorageError, StorageFullError
from inclusion_app.storage.memory import MemoryStore
from inclusion_app.storage.sqlite_store import SQLiteStore
from inclusion_app.storage.vault import Vault, VaultError, open_vault
from tests.storage.builders import submission

REPO = Path(__file__).resolve().parent.parent.parent
PENDING = REPO / "locales" / "_pending_storage_sync.tsv"
ZH_PO = REPO / "locales" / "zh_CN" / "LC_MESSAGES" / "inclusion_app.po"
SOURCES = ("inclusion_app/storage", "inclusion_app/sync",
           "inclusion_app/cli/storage_cmd.py", "inclusion_app/cli/sync_cmd.py")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"\{\w*\}")


def _msgids() -> set[str]:
    """Every msgid in storage, sync and their two commands, read the way pybabel extracts."""
    found: set[str] = set()
    for source in SOURCES:
        path = REPO / source
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            for _line, message, _comments, _context in extract_from_file(
                    "python", str(file), keywords=KEYWORDS):
                found.add(message if isinstance(message, str) else message[0])
    return found


def _pending() -> dict[str, str]:
    """msgid -> Chinese from the pending file (one `msgid<TAB>Chinese` a line), if still there."""
    if not PENDING.exists():
        return {}
    rows: dict[str, str] = {}
    for n, line in enumerate(PENDING.read_text(encoding="utf-8").splitlines(), 1):
        fields = line.split("\t")
        assert len(fields) == 2 and fields[1].strip(), f"line {n} is not msgid<TAB>Chinese"
        msgid = fields[0].replace("\\n", "\n")
        assert msgid not in rows, f"line {n} repeats a msgid"
        rows[msgid] = fields[1].replace("\\n", "\n")
    return rows


def _chinese() -> dict[str, str]:
    """The Chinese for each msgid: the catalog's, else the pending file's."""
    with ZH_PO.open("rb") as fh:
        catalog = read_po(fh)
    known = {m.id: m.string for m in catalog if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}
    return {**_pending(), **known}


class _Table(gettext.NullTranslations):
    """A catalog from a dict, standing in for a compiled .mo with the pending translations."""

    def __init__(self, table: dict[str, str]) -> None:
        super().__init__()
        self.table = table

    def gettext(self, message: str) -> str:
        return self.table.get(message, message)


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """The program in Chinese, with the pending storage and sync translations installed."""
    table = _chinese()
    monkeypatch.setitem(i18n._translations, "zh", _Table(table))
    i18n.set_language("zh")
    yield table
    i18n.set_language("en")


def test_every_storage_and_sync_message_has_chinese() -> None:
    """Each msgid in storage, sync and their commands has Chinese, with the same placeholders."""
    wanted = _msgids()
    zh = _chinese()
    assert len(wanted) > 60
    missing = sorted(m for m in wanted if m not in zh)
    assert not missing, f"{len(missing)} without Chinese, e.g. {missing[:5]}"
    for msgid in wanted:
        assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(zh[msgid])), msgid
        assert re.search(r"[\u4e00-\u9fff]", zh[msgid]), f"not Chinese: {zh[msgid]!r}"


def test_full_disk_and_practice_are_told_in_chinese(chinese, sqlite_store) -> None:
    """A full disk and a refused practice form speak the person's language, chosen at that moment."""
    sqlite_store.finalize(submission(1))
    sqlite_store.set_max_page_count(sqlite_store.pragma("page_count"))
    with pytest.raises(StorageFullError) as full:
        sqlite_store.finalize(submission(2, attachments={"photo.jpg": bytes(300_000)}))
    assert str(full.value) == chinese[
        "The computer's disk is full, so this could not be saved. Everything saved before is safe. "
        "Please ask a volunteer to free some space, then try again."]
    assert "磁盘满了" in str(full.value)
    with pytest.raises(PracticeRefusedError, match="练习"):
        MemoryStore().finalize(submission(3, practice=True))
    i18n.set_language("en")
    with pytest.raises(PracticeRefusedError, match="practice form"):
        MemoryStore().finalize(submission(3, practice=True))


def test_damaged_database_notice_in_chinese_names_the_kept_file(chinese, app_paths) -> None:
    """The volunteer's notice about a damaged database is Chinese and names the file kept aside."""
    db = app_paths.database
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"this is not a database" * 200)
    store = SQLiteStore(db, open_vault(app_paths))
    try:
        notice = store.startup_notice or ""
    finally:
        store.close()
    kept = next(app_paths.data.glob("*.damaged-*")).name
    assert kept in notice and "损坏" in notice and "志愿者" in notice


def test_key_and_recovery_errors_in_chinese(chinese, app_paths) -> None:
    """A wrong key, a wrong recovery passphrase and a short one each get Chinese words."""
    store = SQLiteStore(app_paths.database, open_vault(app_paths))
    store.close()
    with pytest.raises(VaultError) as wrong_key:
        SQLiteStore(app_paths.database, Vault(os.urandom(32)))
    assert "密钥" in str(wrong_key.value) and "inclusion-app key import FILE" in str(wrong_key.value)
    blob = recovery.export_key(os.urandom(32), "correct horse battery", n=2**12)
    with pytest.raises(recovery.RecoveryError, match="口令"):
        recovery.import_key(blob, "wrong horse battery")
    with pytest.raises(recovery.RecoveryError, match="至少用 8 个字符"):
        recovery.check_passphrase("short")


def test_outbox_errors_in_chinese(chinese, clock) -> None:
    """Unknown, duplicate and purged submissions are explained in Chinese by the twin too."""
    store = MemoryStore(clock=clock)
    iid = store.finalize(submission(1)).instance_id
    with pytest.raises(StorageError, match="已经在待发箱"):
        store.finalize(submission(1))
    with pytest.raises(StorageError, match="没有这个 instanceID"):
        store.mark_sending("uuid:none")
    store.mark_sent(iid, "201")
    clock.advance(40 * 86400)
    store.purge_sent(30)
    with pytest.raises(StorageError, match="回执"):
        store.load_payload(iid)
