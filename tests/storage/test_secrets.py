"""Salted slow hashes, resume codes and the slow-down after wrong tries (no Qt)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from inclusion_app.storage import resume_codes
from inclusion_app.storage.secret_hash import CODE_COST, check_secret, hash_secret
from inclusion_app.storage.tries import MAX_WAIT, TryCounter, wait_after
from tests.storage.builders import Clock


def test_each_hash_has_its_own_salt_and_checks_only_its_secret() -> None:
    """The same code hashed twice gives two different texts; both check, a neighbour fails."""
    one, two = hash_secret("482915", CODE_COST), hash_secret("482915", CODE_COST)
    assert one != two and one.startswith(f"scrypt${CODE_COST}$")
    assert check_secret("482915", one) and check_secret("482915", two)
    assert not check_secret("482916", one)


def test_pins_hashed_before_scrypt_still_check() -> None:
    """A PIN stored by the older corner (pbkdf2_sha256$iterations$salt$digest) stays valid."""
    salt = bytes(range(16))
    digest = hashlib.pbkdf2_hmac("sha256", b"2468", salt, 200_000)
    stored = f"pbkdf2_sha256$200000${salt.hex()}${digest.hex()}"
    assert check_secret("2468", stored)
    assert not check_secret("2469", stored)


def test_damaged_stored_hashes_never_match_and_never_raise() -> None:
    for stored in (None, "", "scrypt$", "md5$x$y", "scrypt$16384$8$1$zz$00", "pbkdf2_sha256$a$b$c"):
        assert not check_secret("1234", stored)


def test_new_codes_are_clear_and_random() -> None:
    """Six digits, no repeated neighbours, no counting runs; many codes, rarely the same."""
    codes = [resume_codes.new_code() for _ in range(300)]
    assert all(len(c) == 6 and c.isdigit() and resume_codes.is_clear(c) for c in codes)
    assert len(set(codes)) > 290
    for bad in ("113579", "123579", "987310", "444444", "121212", "98765"):
        assert not resume_codes.is_clear(bad), bad
    assert resume_codes.is_clear("482915")


def test_typed_codes_are_forgiven_their_spaces_and_full_width_digits() -> None:
    assert resume_codes.normalise("４８２ ９１５") == "482915"
    assert resume_codes.normalise("482-915") == "482915"
    assert resume_codes.looks_like_code(" 482 915 ")
    assert not resume_codes.looks_like_code("48291")
    assert not resume_codes.looks_like_code("48291a")
    assert resume_codes.spaced("482915") == "482 915"


def test_waits_start_at_the_fifth_wrong_try_and_double_to_the_cap() -> None:
    assert [wait_after(n) for n in range(1, 5)] == [0, 0, 0, 0]
    assert [wait_after(n) for n in range(5, 9)] == [30, 60, 120, 240]
    assert wait_after(50) == MAX_WAIT == 900


def test_the_count_survives_a_restart_and_a_right_pin_clears_it(tmp_path: Path) -> None:
    """A new counter over the same file (the program restarted) still makes the person wait."""
    clock = Clock()
    path = tmp_path / "tries.json"
    counter = TryCounter(path, clock=clock)
    for _ in range(5):
        counter.failed()
    again = TryCounter(path, clock=clock)
    assert again.wait_seconds() == 30
    clock.advance(31)
    assert again.wait_seconds() == 0
    assert again.failed() == 60
    again.succeeded()
    assert TryCounter(path, clock=clock).wait_seconds() == 0 and not path.exists()


def test_codes_keep_their_count_after_a_success_and_forget_it_later(tmp_path: Path) -> None:
    """One good code must not wipe the count of guesses at the others; an hour's quiet does."""
    clock = Clock()
    counter = TryCounter(tmp_path / "codes.json", reset_on_success=False, forget_after=3600,
                         clock=clock)
    for _ in range(4):
        counter.failed()
    counter.succeeded()
    assert counter.failed() == 30
    clock.advance(3601)
    assert counter.wait_seconds() == 0 and counter.failed() == 0


def test_a_clock_set_back_never_makes_the_wait_longer_than_the_cap(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "tries.json"
    path.write_text(json.dumps({"failures": 9, "locked_until": clock.now + 10 * MAX_WAIT,
                                "last_failure": clock.now}))
    assert TryCounter(path, clock=clock).wait_seconds() == MAX_WAIT
    path.write_text("not json")
    assert TryCounter(path, clock=clock).wait_seconds() == 0
