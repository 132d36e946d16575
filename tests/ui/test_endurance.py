"""Endurance: the real window walked through many forms in a row must never crash or grow.

Each walk goes from the home screen through a whole form to the confirmation and back home,
with the voice on (the real speech service and sound output; a recording speaker renders
tones, so no speech engine is needed), a form whose questions have recordings (decoded on
their own thread), a language switch every walk, a text-size change every fifth, and the
background uploader sending every finished form to a loopback ODK Central server between
walks. Qt's thread warnings fail the run (tests/qt_threads.py). Resident memory is sampled
after every walk; from the 50th walk to the last it must grow by less than 10 MiB (from the
10th in the reduced run: the first walks warm caches, then it stays flat).

`make test` runs 20 walks; `make soak` (INCLUSION_SOAK=1) runs 300 and writes its figures
into docs/RELIABILITY.md.
"""

from __future__ import annotations

import gc
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from inclusion_app.engine.loader import load_form
from inclusion_app.speech.fake import tone_wav
from inclusion_app.ui.resident.form_page import FormPage
from tests.data.service_answers import answers_for
from tests.sync.central_server import CentralServer, ServerConfig
from tests.ui.conftest import wait_idle
from tests.ui.form_walk import click, walk_to_review
from tests.ui.test_form_walks import open_form, send
from tests.ui.test_uploads_window import add_target, with_uploads

pytestmark = [pytest.mark.gui, pytest.mark.soak]  # reduced in `make test`
SOAK = os.environ.get("INCLUSION_SOAK") == "1"
WALKS, FROM = (300, 50) if SOAK else (int(os.environ.get("ENDURANCE_WALKS", "20")), 10)
FORMS = ("practice_meal", "report_problem", "book_service", "recorded", "pension_check",
         "medical_claim", "concession_card", "home_care")
RECORDED_FORM = """\
| survey |
| | type              | name   | label::English (en) | label::中文 (zh) | audio::English (en) | audio::中文 (zh) |
| | text              | name   | Your name?          | 您的姓名？       | q1.wav              | q1.mp3           |
| | select_one yes_no | alone  | Do you live alone?  | 您独居吗？       | q2.ogg              | q2.ogg           |
| | integer           | people | How many people?    | 几个人？         | q1.wav              | q1.wav           |

| choices |
| | list_name | name | label::English (en) | label::中文 (zh) |
| | yes_no    | yes  | Yes                 | 是               |
| | yes_no    | no   | No                  | 否               |

| settings |
| | form_title | form_id  | version | default_language |
| | 录音表     | recorded | 1       | 中文 (zh)        |
"""
RECORDED_ANSWERS = {"name": "Wang Fang", "alone": "no", "people": "1,250"}


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    return 0.0


def _recorded_form(folder: Path) -> Any:
    path = folder / "recorded.md"
    path.write_text(RECORDED_FORM, encoding="utf-8")
    media = folder / "recorded-media"
    media.mkdir()
    recordings = Path(__file__).resolve().parents[1] / "data" / "recordings"
    (media / "q1.wav").write_bytes(tone_wav(0.3))
    shutil.copy(recordings / "tone.mp3", media / "q1.mp3")
    shutil.copy(recordings / "tone.ogg", media / "q2.ogg")
    return load_form(path)


def _walk(qtbot: Any, window: Any, form_id: str, recorded: Any) -> bool:
    """One person, one form, home to home; True when a submission went to the outbox."""
    if form_id == "recorded":
        window.start_form(recorded)
        session, answers = window.session, dict(RECORDED_ANSWERS)
    else:
        session, answers = open_form(qtbot, window, form_id), answers_for(form_id)
    walk_to_review(qtbot, session, answers)
    completed = send(qtbot, window, session)
    click(qtbot, window.confirmation_page.home_button)
    qtbot.waitUntil(lambda: window.current_page() is window.home_page, timeout=10_000)
    return not completed.practice


@pytest.mark.timeout(5400 if SOAK else 900)
def test_endurance_walks(qtbot: Any, main_window: Any, tmp_path: Path,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FormPage, "settle_ms", 0)
    recorded = _recorded_form(tmp_path)
    started = time.monotonic()
    with CentralServer(ServerConfig()) as server:
        add_target(server.url)
        window = main_window(language="zh", speech="fake", voice_on=True)
        services = window.services
        uploads = with_uploads(qtbot, window, interval=3600.0)
        sent, rss = 0, []
        for walk in range(WALKS):
            sent += _walk(qtbot, window, FORMS[walk % len(FORMS)], recorded)
            services.set_language("en" if walk % 2 == 0 else "zh")
            if walk % 5 == 4:
                services.update_settings(text_size_step=(walk // 5) % 3)
            if uploads.started:  # the uploader is back from its pause: let it send
                uploads.wait_idle(20)
            wait_idle(qtbot, services)
            qtbot.wait(20)
            gc.collect()
            rss.append(_rss_mib())
        uploads.upload_now()
        qtbot.waitUntil(lambda: len(server.stored) == sent, timeout=30_000)
        assert server.repeated_posts_identical()
    growth = rss[-1] - rss[FROM - 1]
    seconds = time.monotonic() - started
    print(f"\nendurance: {WALKS} walks, {sent} sent, {seconds:.0f} s, RSS {rss[0]:.1f} MiB "
          f"after the first walk, {rss[FROM - 1]:.1f} after walk {FROM}, {rss[-1]:.1f} at the "
          f"end: {growth:+.1f} MiB; peak {max(rss):.1f} MiB")
    print([round(r, 1) for r in rss])
    assert growth < 10.0, rss
    if SOAK:
        from tests.ui.endurance_doc import write_section

        write_section(WALKS, FROM, sent, seconds, rss)
