"""Writes the "Window endurance" section of docs/RELIABILITY.md from a full-size run."""

from __future__ import annotations

import platform
import time
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent.parent / "docs" / "RELIABILITY.md"
HEADING = "## Window endurance"


def write_section(walks: int, start: int, sent: int, seconds: float, rss: list[float]) -> None:
    """Replace only this section, leaving the other areas' sections as they are."""
    marks = sorted({0, start - 1, len(rss) // 2, len(rss) - 1})
    rows = "\n".join(f"| after walk {i + 1} | {rss[i]:.1f} MiB |" for i in marks)
    section = (
        f"{HEADING}\n\n"
        "`make soak` (tests/ui/test_endurance.py): the real window, offscreen, walked "
        f"{walks} times from home through a whole form to the confirmation and home again, "
        "with the voice on, a form read from its recordings, a language switch every walk, a "
        "text-size change every fifth and background uploads to a loopback ODK Central "
        "server; Qt's thread warnings fail the run.\n\n"
        f"Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.system()} "
        f"{platform.machine()}, Python {platform.python_version()}, {seconds:.0f} s; "
        f"{sent} submissions delivered, each once.\n\n"
        "| resident memory | value |\n|---|---|\n"
        f"{rows}\n"
        f"| growth from walk {start} to walk {walks} | {rss[-1] - rss[start - 1]:+.1f} MiB "
        "(limit 10 MiB) |\n\n"
        "Result: no crash, no Qt thread warning.\n"
    )
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Reliability\n"
    if HEADING in text:
        head, _, rest = text.partition(HEADING)
        tail = rest.split("\n## ", 1)
        text = head + section + ("\n## " + tail[1] if len(tail) > 1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    DOC.write_text(text, encoding="utf-8")
