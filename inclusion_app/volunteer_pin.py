"""The volunteer PIN: set by whoever installs the computer, checked at the volunteer corner.

No Qt here: `inclusion-app volunteer set-pin`, the set-up window (`inclusion-app setup`) and
the volunteer corner all use these functions. The kiosk itself can only *check* a PIN:
nothing typed at its Volunteer button can choose one. The hash lives in the settings file
(`volunteer_pin_hash`, the format the corner has always written, so a PIN set before this
module stays valid) and is read afresh at every check, so a PIN set while the window runs
counts at once. Wrong tries slow down (`storage.tries`), and the count survives a restart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from inclusion_app import settings as settings_mod
from inclusion_app.i18n import _, format_wait
from inclusion_app.paths import AppPaths
from inclusion_app.storage.secret_hash import PIN_COST, check_secret, hash_secret
from inclusion_app.storage.tries import TryCounter

MIN_LENGTH = 4
MAX_LENGTH = 32
TRIES_FILE = "volunteer-pin-tries.json"


class PinError(Exception):
    """A PIN could not be set; the message is for the person setting it."""


@dataclass(frozen=True)
class PinCheck:
    ok: bool
    wait_seconds: float = 0.0  # > 0: wrong too often, try again after this long
    not_set: bool = False


def stored_hash(paths: AppPaths) -> str | None:
    return settings_mod.load(paths.settings_file).volunteer_pin_hash or None


def pin_is_set(paths: AppPaths) -> bool:
    return stored_hash(paths) is not None


def tries(paths: AppPaths) -> TryCounter:
    return TryCounter(Path(paths.data) / TRIES_FILE, reset_on_success=True)


def problem_with_new_pin(pin: str, again: str | None = None) -> str | None:
    """Why a new PIN cannot be used (in words), or None. `again` is the second typing."""
    if not pin.isascii() or not pin.isdigit() or not MIN_LENGTH <= len(pin) <= MAX_LENGTH:
        return _("The PIN must be {low} to {high} digits (0 to 9).").format(
            low=MIN_LENGTH, high=MAX_LENGTH)
    if len(set(pin)) == 1:
        return _("The PIN must not be one digit repeated: it is too easy to guess.")
    if again is not None and again != pin:
        return _("The two PINs are not the same. Please type them again.")
    return None


def check_pin(paths: AppPaths, pin: str) -> PinCheck:
    """Check a typed PIN, counting wrong tries; no try is even compared while a wait runs."""
    stored = stored_hash(paths)
    if stored is None:
        return PinCheck(False, not_set=True)
    counter = tries(paths)
    wait = counter.wait_seconds()
    if wait > 0:
        return PinCheck(False, wait)
    if check_secret(pin.strip(), stored):
        counter.succeeded()
        return PinCheck(True)
    return PinCheck(False, counter.failed())


def set_pin(paths: AppPaths, new: str, old: str | None = None, again: str | None = None) -> None:
    """Set or change the PIN. Changing needs the current PIN (a wrong one counts as a wrong
    try and waits like one). Raises PinError with a message for the person."""
    problem = problem_with_new_pin(new, again)
    if problem:
        raise PinError(problem)
    if pin_is_set(paths):
        if old is None:
            raise PinError(_("A PIN is already set. Type the current PIN to change it."))
        result = check_pin(paths, old)
        if not result.ok:
            raise PinError(wrong_pin_message(result))
    settings = settings_mod.load(paths.settings_file)
    settings.volunteer_pin_hash = hash_secret(new, PIN_COST)
    settings_mod.save(settings, paths.settings_file)
    tries(paths).clear()


def wrong_pin_message(result: PinCheck) -> str:
    """The words for a refused PIN: wrong, or wrong too often (with how long to wait)."""
    if result.wait_seconds > 0:
        return _("Wrong PIN too many times. Please wait {time} and try again.").format(
            time=format_wait(result.wait_seconds))
    return _("That PIN is not right. Please try again.")
