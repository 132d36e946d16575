"""Resume codes: the digits a resident takes home to reopen their own saved form.

A code is all a kiosk asks before showing a draft, so it is random (from `secrets`), never
stored in plain (see `secret_hash`), and chosen to survive being read aloud and copied by
hand: no digit twice in a row ("3 3" is easily heard or written as one 3), no run of three
counting up or down, no digit more than twice. Typed codes are forgiving: spaces, dashes and
full-width digits (from a Chinese input method) are accepted.
"""

from __future__ import annotations

import secrets
import unicodedata
from pathlib import Path

from inclusion_app.i18n import _
from inclusion_app.storage.api import StorageError, Store
from inclusion_app.storage.tries import TryCounter

CODE_LENGTH = 6
_SEPARATORS = " -_.\u3000\u2010\u2011\u2012\u2013\u2014\u2212"


def is_clear(code: str) -> bool:
    """Whether a code avoids the patterns that are misheard, miscopied or easily guessed."""
    if len(code) != CODE_LENGTH or not code.isascii() or not code.isdigit():
        return False
    digits = [int(c) for c in code]
    if any(a == b for a, b in zip(digits, digits[1:], strict=False)):
        return False
    for a, b, c in zip(digits, digits[1:], digits[2:], strict=False):
        if b - a == c - b and abs(b - a) == 1:
            return False
    return all(code.count(c) <= 2 for c in set(code))


def new_code() -> str:
    """A fresh random code that `is_clear`."""
    while True:
        code = "".join(secrets.choice("0123456789") for _ in range(CODE_LENGTH))
        if is_clear(code):
            return code


def normalise(typed: str) -> str:
    """What a person typed, as plain ASCII digits: '１２３ ４５６' -> '123456'.

    Anything else that is not a separator is kept, so `looks_like_code` can refuse it."""
    text = unicodedata.normalize("NFKC", typed or "")
    return "".join(c for c in text if c not in _SEPARATORS)


def looks_like_code(typed: str) -> bool:
    """Whether the typed text has the shape of a code (before any store is asked)."""
    code = normalise(typed)
    return len(code) == CODE_LENGTH and code.isascii() and code.isdigit()


def hint(tag: bytes) -> str:
    """The stored lookup hint from a keyed tag of the code: its first byte, in hex (256
    buckets), so finding a draft checks few slow hashes and the hint alone says nothing."""
    return tag[:1].hex()


def spaced(code: str) -> str:
    """'482915' -> '482 915': two groups of three that are easy to read and copy."""
    half = len(code) // 2
    return f"{code[:half]} {code[half:]}" if len(code) > 3 else code


TRIES_FILE = "resume-code-tries.json"
FORGET_TRIES_AFTER = 3600.0  # an hour without a wrong code: the next person starts afresh


def tries(data_dir: Path) -> TryCounter:
    """Wrong codes typed at this kiosk. A right code does not clear the count: someone with
    one good code must not use it to reset their guesses at the others."""
    return TryCounter(Path(data_dir) / TRIES_FILE, reset_on_success=False,
                      forget_after=FORGET_TRIES_AFTER)


def assign_code(store: Store, draft_id: str, attempts: int = 50) -> str | None:
    """Give a saved draft a fresh code that opens no other draft; returns the code, or None
    when there is no such draft (nothing was kept: a visit left before anything was told).

    Slow (salted hashes): call it off the GUI thread. Raises StorageError if no free code
    was found, which with half a million codes does not happen in practice."""
    for _attempt in range(attempts):
        code = new_code()
        if store.set_resume_code(draft_id, code):
            return code
        if store.get_draft(draft_id) is None:
            return None
    raise StorageError(_("The saved form could not be given a code. Please ask a volunteer."))
