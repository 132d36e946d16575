"""The storage key and the vault: where the key lives, what a wrong key does, the recovery copy."""

from __future__ import annotations

import os
import stat
import sys

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import null

from inclusion_app.storage import keys, recovery
from inclusion_app.storage.sqlite_store import SQLiteStore
from inclusion_app.storage.vault import Vault, VaultError, open_vault
from tests.storage.builders import draft


class MemoryKeyring(KeyringBackend):
    """A working key store, standing in for the OS one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture
def swap_keyring():
    """Install a key store backend for one test, restoring the previous one afterwards."""
    before = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(before)


def test_encrypt_decrypt_and_associated_data() -> None:
    """A blob opens only with the same key and the same associated data."""
    vault = Vault(os.urandom(32))
    blob = vault.encrypt("龙猫 answer".encode(), b"draft|d1|payload")
    assert vault.decrypt(blob, b"draft|d1|payload") == "龙猫 answer".encode()
    assert "龙猫".encode() not in blob
    with pytest.raises(VaultError):
        vault.decrypt(blob, b"draft|d2|payload")  # moved to another row
    with pytest.raises(VaultError, match="key"):
        Vault(os.urandom(32)).decrypt(blob, b"draft|d1|payload")
    tampered = bytearray(blob)
    tampered[-1] ^= 1
    with pytest.raises(VaultError):
        vault.decrypt(bytes(tampered), b"draft|d1|payload")


def test_key_file_is_owner_only_in_config_not_data(app_paths) -> None:
    """The forced file backend keeps a 0600 key in the configuration folder, reused next time."""
    first = open_vault(app_paths)
    path = keys.key_file(app_paths)
    assert path.parent == app_paths.config and path.exists()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not any(app_paths.data.rglob("*.key"))
    assert open_vault(app_paths).key_bytes() == first.key_bytes()


def test_working_keyring_is_preferred(app_paths, swap_keyring, monkeypatch) -> None:
    """With a working OS key store (and no forced backend) the key goes there, not to a file."""
    monkeypatch.delenv(keys.BACKEND_ENV)
    backend = MemoryKeyring()
    swap_keyring(backend)
    vault = open_vault(app_paths)
    assert vault.source == "system key store"
    assert not keys.key_file(app_paths).exists()
    assert open_vault(app_paths).key_bytes() == vault.key_bytes()
    assert len(backend.items) == 1


def test_null_keyring_falls_back_to_the_key_file(app_paths, swap_keyring, monkeypatch) -> None:
    """A key store that silently forgets (headless Linux) is detected; the key file is used."""
    monkeypatch.delenv(keys.BACKEND_ENV)
    swap_keyring(null.Keyring())
    vault = open_vault(app_paths)
    assert keys.key_file(app_paths).exists() and "key file" in vault.source
    assert open_vault(app_paths).key_bytes() == vault.key_bytes()


def test_database_refuses_a_different_key(app_paths) -> None:
    """Opening the database with another key fails clearly instead of mixing keys."""
    store = SQLiteStore(app_paths.database, open_vault(app_paths))
    store.save_draft(draft("d1"))
    store.close()
    with pytest.raises(VaultError, match="key import"):
        SQLiteStore(app_paths.database, Vault(os.urandom(32)))


def test_recovery_copy_round_trip() -> None:
    """Export then import with the passphrase gives back the same key; a wrong one fails."""
    key = os.urandom(32)
    blob = recovery.export_key(key, "correct horse battery", n=2**12)
    assert key not in blob
    assert recovery.import_key(blob, "correct horse battery") == key
    with pytest.raises(recovery.RecoveryError, match="passphrase"):
        recovery.import_key(blob, "wrong horse battery")


def test_recovery_rejects_short_passphrase_and_junk() -> None:
    """Too-short passphrases and files that are not recovery copies get plain messages."""
    with pytest.raises(recovery.RecoveryError, match="too short"):
        recovery.export_key(os.urandom(32), "short")
    with pytest.raises(recovery.RecoveryError, match="not a recovery file|damaged"):
        recovery.import_key(b"\x89PNG not json", "whatever long")
    with pytest.raises(recovery.RecoveryError, match="not an Inclusion"):
        recovery.import_key(b'{"format": "other"}', "whatever long")


_PROBE = """
import sys
from inclusion_app import paths
from inclusion_app.storage.vault import open_vault
vault = open_vault(paths.resolve())
print(vault.source, "|", "keyring" in sys.modules)
"""


def _open_in_fresh_process(tmp_path, **env_changes: str) -> tuple[str, bool]:
    """(where the key lives, whether keyring was imported) in a new interpreter."""
    import subprocess

    env = {k: v for k, v in os.environ.items()
           if k not in (keys.BACKEND_ENV, "DBUS_SESSION_BUS_ADDRESS", "PYTHON_KEYRING_BACKEND")}
    env["XDG_RUNTIME_DIR"] = str(tmp_path)  # no bus socket in it
    env.update(env_changes)
    out = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True,
                         text=True, timeout=120, check=True).stdout.strip()
    source, _, imported = out.rpartition("|")
    return source.strip(), imported.strip() == "True"


def test_no_session_bus_means_key_file_without_loading_keyring(tmp_path) -> None:
    """Linux with no D-Bus session: no key store can exist, so keyring is never even imported."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the D-Bus rule is Linux-only")
    source, imported = _open_in_fresh_process(tmp_path)
    assert keys.KEY_FILE_NAME in source
    assert not imported


def test_a_session_bus_address_still_asks_keyring(tmp_path) -> None:
    """With a session bus address keyring is asked (here it finds no service: key file)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the D-Bus rule is Linux-only")
    dead = f"unix:path={tmp_path / 'no-such-bus'}"
    source, imported = _open_in_fresh_process(tmp_path, DBUS_SESSION_BUS_ADDRESS=dead)
    assert keys.KEY_FILE_NAME in source
    assert imported
