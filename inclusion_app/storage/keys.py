"""Where the storage key lives: the operating system's key store, else an owner-only key file.

The key is kept in the *configuration* folder or the OS key store, never beside the database,
so a copied data folder alone reveals nothing. On headless Linux keyring has no working
backend (it raises, or a null backend silently forgets), so every keyring answer is checked
by reading the key back before it is trusted. INCLUSION_APP_KEY_BACKEND=file|keyring forces
one source (the tests force `file` so they never touch a real key store).
"""

from __future__ import annotations

import base64
import importlib.util
import os
import secrets
import sys
from pathlib import Path

from inclusion_app.i18n import _
from inclusion_app.paths import AppPaths
from inclusion_app.storage.api import StorageError

KEY_BYTES = 32
KEY_FILE_NAME = "storage.key"
KEY_PREFIX = "inclusion-app-key-v1:"
KEYRING_SERVICE = "inclusion-app"
KEYRING_USER = "storage-key"
BACKEND_ENV = "INCLUSION_APP_KEY_BACKEND"


class KeyStoreError(StorageError):
    """The key cannot be read or kept; the message says what to do."""


def system_store() -> str:
    """Where the key lives, in words for the volunteer: the operating system's key store."""
    return _("system key store")


def in_key_file(name: str) -> str:
    """Where the key lives, in words for the volunteer: a key file."""
    return _("key file {name} in the configuration folder").format(name=name)


def key_file(paths: AppPaths) -> Path:
    return paths.config / KEY_FILE_NAME


def _encode(key: bytes) -> str:
    return KEY_PREFIX + base64.b64encode(key).decode("ascii")


def _decode(text: str, where: str) -> bytes:
    text = text.strip()
    if not text.startswith(KEY_PREFIX):
        raise KeyStoreError(_("The storage key in {where} is not in the expected format.").format(where=where))
    try:
        key = base64.b64decode(text[len(KEY_PREFIX):], validate=True)
    except ValueError:
        raise KeyStoreError(_("The storage key in {where} is damaged.").format(where=where)) from None
    if len(key) != KEY_BYTES:
        raise KeyStoreError(_("The storage key in {where} has the wrong length.").format(where=where))
    return key


def _backend_choice(backend: str | None) -> str:
    choice = (backend or os.environ.get(BACKEND_ENV) or "auto").strip().lower()
    if choice not in ("auto", "file", "keyring"):
        raise KeyStoreError(_("{name} must be 'file', 'keyring' or unset.").format(name=BACKEND_ENV))
    return choice


# -- the key file --------------------------------------------------------------------------------
def read_key_file(path: Path) -> bytes | None:
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyStoreError(_("The storage key file {name} cannot be read ({kind}).").format(
            name=path.name, kind=type(exc).__name__)) from None
    if os.name == "posix" and path.stat().st_mode & 0o077:
        path.chmod(0o600)  # someone loosened it: owner-only again
    return _decode(text, path.name)


def write_key_file(path: Path, key: bytes, replace: bool = False) -> None:
    """Write the key durably with owner-only permissions; never half a file, never a race."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(_encode(key) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if another process made a key first: theirs wins
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# -- the operating system's key store ------------------------------------------------------------
def _keyring_get() -> bytes | None:
    """The key from the OS key store; None when absent; raises when there is no working store."""
    import keyring

    text = keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
    return None if text is None else _decode(text, _("the system key store"))


def _keyring_set(key: bytes) -> bool:
    """Keep the key in the OS key store; True only if it reads back (null backends forget)."""
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, KEYRING_USER, _encode(key))
        return _keyring_get() == key
    except Exception:  # any backend failure means: use the key file instead
        return False


def no_key_store_possible(env: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """True when no OS key store can answer, so keyring need not even be imported (~13 MB).

    On Linux every key store keyring offers (Secret Service, KWallet) is reached over the
    D-Bus session bus; with no bus address and no bus socket there is none, and the key
    file is the documented fallback anyway. A keyring already loaded in this process, or one
    the person configured (PYTHON_KEYRING_BACKEND, keyringrc.cfg, extra `keyrings` backends),
    is always asked, so a key kept there is never missed.
    """
    env = dict(os.environ) if env is None else env
    platform = platform or sys.platform
    if not platform.startswith("linux") or "keyring" in sys.modules:
        return False
    if env.get("DBUS_SESSION_BUS_ADDRESS") or env.get("PYTHON_KEYRING_BACKEND"):
        return False
    runtime = env.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime, "bus").exists():
        return False
    config = Path(env.get("XDG_CONFIG_HOME") or Path(env.get("HOME", "~")).expanduser() / ".config")
    if (config / "python_keyring" / "keyringrc.cfg").exists():
        return False
    return importlib.util.find_spec("keyrings") is None


def _keyring_probe() -> bytes | None | bool:
    """(key | None) when a key store answers, False when there is none that works."""
    if no_key_store_possible():
        return False
    try:
        return _keyring_get()
    except KeyStoreError:
        raise
    except Exception:
        return False


# -- public ----------------------------------------------------------------------------------------
def load_or_create(paths: AppPaths, backend: str | None = None) -> tuple[bytes, str]:
    """(key, where it lives); a new random key is made on first use."""
    choice = _backend_choice(backend)
    path = key_file(paths)
    if choice in ("auto", "keyring"):
        found = _keyring_probe()
        if isinstance(found, bytes):
            return found, system_store()
        if found is None and (choice == "keyring" or not path.exists()):
            key = secrets.token_bytes(KEY_BYTES)
            if _keyring_set(key):
                return key, system_store()
        if choice == "keyring":
            raise KeyStoreError(_("No working system key store was found for the storage key."))
    key = read_key_file(path)
    if key is None:
        try:
            write_key_file(path, secrets.token_bytes(KEY_BYTES))
        except FileExistsError:
            pass
        key = read_key_file(path)
        assert key is not None
    return key, in_key_file(path.name)


def find(paths: AppPaths, backend: str | None = None) -> bytes | None:
    """The existing key, or None: never creates one (key import checks before replacing)."""
    choice = _backend_choice(backend)
    if choice in ("auto", "keyring"):
        found = _keyring_probe()
        if isinstance(found, bytes):
            return found
        if choice == "keyring":
            return None
    return read_key_file(key_file(paths))


def install(paths: AppPaths, key: bytes, backend: str | None = None) -> str:
    """Put a restored key where load_or_create will find it; returns where it went."""
    choice = _backend_choice(backend)
    if choice in ("auto", "keyring") and _keyring_probe() is not False and _keyring_set(key):
        return system_store()
    if choice == "keyring":
        raise KeyStoreError(_("No working system key store was found for the storage key."))
    write_key_file(key_file(paths), key, replace=True)
    return in_key_file(KEY_FILE_NAME)
