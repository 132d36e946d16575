"""Salted, deliberately slow hashes for the short secrets a kiosk holds: PINs and resume codes.

A PIN or a six-digit code has little entropy, so a plain hash in a copied database or
settings file would fall to a quick guess of every value. Each secret gets its own random
salt and a memory-hard scrypt; the stored text names the method and its parameters, so
older hashes (the PBKDF2 PINs written before scrypt was used) keep working.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

# scrypt's cost: 2**14 takes about 0.1 s and 16 MiB on a small PC (a PIN, checked rarely);
# resume codes use 2**13, because finding a draft by its code may check a few dozen hashes.
PIN_COST = 2**14
CODE_COST = 2**13
_R, _P, _LEN = 8, 1, 32
_MAXMEM = 64 * 1024 * 1024


def hash_secret(secret: str, cost: int = PIN_COST, salt: bytes | None = None) -> str:
    """`scrypt$N$r$p$salt$digest` (hex) for a secret, with a fresh 16-byte salt."""
    salt = salt or secrets.token_bytes(16)
    digest = _scrypt(secret, salt, cost, _R, _P)
    return f"scrypt${cost}${_R}${_P}${salt.hex()}${digest.hex()}"


def check_secret(secret: str, stored: str | None) -> bool:
    """Whether `secret` matches a stored hash (scrypt, or the older `pbkdf2_sha256$...`).

    A damaged or unknown stored value never matches; it never raises."""
    if not stored:
        return False
    try:
        method, *fields = stored.split("$")
        if method == "scrypt":
            n, r, p, salt, digest = fields
            got = _scrypt(secret, bytes.fromhex(salt), int(n), int(r), int(p))
        elif method == "pbkdf2_sha256":
            iterations, salt, digest = fields
            got = hashlib.pbkdf2_hmac("sha256", secret.encode(), bytes.fromhex(salt),
                                      int(iterations))
        else:
            return False
    except (ValueError, TypeError, MemoryError):
        return False
    return hmac.compare_digest(got.hex(), digest)


def _scrypt(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=_LEN,
                          maxmem=_MAXMEM)
