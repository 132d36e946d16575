"""Damaged real forms: loading gives a FormDefError or a form that walks; nothing else escapes."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from inclusion_app.engine.errors import FormDefError
from inclusion_app.engine.formdef import parse_xform
from tests.scenario import Scenario, walk

pytestmark = [pytest.mark.soak, pytest.mark.conformance]
ROUNDS = 3000 if os.environ.get("INCLUSION_SOAK") == "1" else 150
SNIPPETS = [b"/", b"..", b"'", b"(", b"[1]", b"x", b" and ", b"<", b'"', b"jr:template=''", b" jr:count='3'"]


def _mutate(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(b))
        roll = rng.random()
        if roll < 0.4:
            del b[i : i + rng.randint(1, 8)]
        elif roll < 0.7:
            b[i:i] = rng.choice(SNIPPETS)
        else:
            j = rng.randrange(len(b))
            b[i : i + 5], b[j : j + 5] = b[j : j + 5], b[i : i + 5]
    return bytes(b)


def test_mutatedXForms_failCleanlyOrWalk(conformance_dir: Path):
    """Random damage to JavaRosa's small forms never raises anything but FormDefError."""
    rng = random.Random(20250309)
    sources = [p.read_bytes() for p in sorted((conformance_dir / "xform").glob("*.xml")) if p.stat().st_size < 100_000]
    refused = walked = 0
    for _ in range(ROUNDS):
        data = _mutate(rng.choice(sources), rng)
        try:
            form = parse_xform(data, "damaged.xml")
        except FormDefError as exc:
            assert str(exc).startswith("damaged.xml: ")
            refused += 1
            continue
        s = Scenario(form)
        walk(s, max_screens=500)
        s.fc.snapshot()
        walked += 1
    assert refused > 0 and walked > 0
