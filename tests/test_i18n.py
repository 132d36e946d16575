"""The program's own text is fully translated, and dates and numbers follow the language."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from inclusion_app import i18n

REPO = Path(__file__).resolve().parent.parent


def _extract(tmp_path: Path) -> set[str]:
    pot = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [str(pybabel), "extract", "-F", "babel.cfg", "-k", "_", "-k", "N_", "-k", "ngettext:1,2",
         "-k", "pgettext:1c,2", "--no-location", "-o", str(pot), "inclusion_app"],
        cwd=REPO, check=True, capture_output=True,
    )
    with pot.open("rb") as fh:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}


def test_every_message_has_a_chinese_translation(tmp_path: Path) -> None:
    """No English left on a Chinese screen: every msgid in the code is translated, none fuzzy."""
    wanted = _extract(tmp_path)
    with (REPO / "locales/zh_CN/LC_MESSAGES/inclusion_app.po").open("rb") as fh:
        catalog = read_po(fh)
    assert not catalog.fuzzy, "the catalog header is fuzzy: pybabel compile would skip the whole file"
    missing, fuzzy = [], []
    for msgid in sorted(wanted):
        message = catalog.get(msgid)
        if message is None or not (message.string if isinstance(message.string, str) else all(message.string)):
            missing.append(msgid)
        elif message.fuzzy:
            fuzzy.append(msgid)
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:10]}"
    assert not fuzzy, f"fuzzy entries are skipped by compile: {fuzzy[:10]}"


def test_language_codes_are_normalised() -> None:
    """zh_CN, zh-Hans and ZH are all Chinese; an unknown code falls back to the default."""
    assert i18n.normalise("zh_CN") == "zh"
    assert i18n.normalise("zh-Hans") == "zh"
    assert i18n.normalise("EN") == "en"
    assert i18n.normalise("xx") == i18n.DEFAULT_LANGUAGE


def test_dates_follow_the_language() -> None:
    """Babel writes the Chinese long date with 年月日 and the English one with the month name."""
    day = dt.date(2025, 3, 9)
    assert i18n.format_date(day, "long", lang="zh") == "2025年3月9日"
    assert "March" in i18n.format_date(day, "long", lang="en")


def test_no_message_is_translated_twice() -> None:
    """Branches append their messages to the .po (merged as a union): a msgid added by two of
    them would be two entries, and which translation wins would be an accident."""
    import re

    text = (REPO / "locales/zh_CN/LC_MESSAGES/inclusion_app.po").read_text(encoding="utf-8")
    ids = re.findall(r'^msgid ((?:".*"\n)+)', text + "\n", flags=re.M)
    seen: set[str] = set()
    twice = [m for m in ids if m in seen or seen.add(m)]  # type: ignore[func-returns-value]
    assert twice == [], twice[:5]
