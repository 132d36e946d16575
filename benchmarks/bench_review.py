"""The check-your-answers page of a long form: how long it takes to open, and what it adds.

A 300-row review (a long form's every answer) is built in the real window's style (offscreen),
shown, laid out and painted once; the time is from `show_rows` to the end of that first paint,
and the memory is the resident set it adds over the same page showing 3 rows. Issue 11: it
cost about 100 KiB a row (a 280-question form added about 32 MiB).
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import Result  # noqa: E402

ROWS = 300


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _rows(count: int) -> list:  # noqa: ANN202
    from inclusion_app.engine.prompt import ReviewRow

    kinds = ("text", "integer", "decimal", "date", "select_one", "select_multiple")
    rows = []
    for i in range(count):
        group = f"第{i // 20 + 1}部分 Part {i // 20 + 1}" if i % 3 else ""
        rows.append(ReviewRow(
            ref=f"/data/s{i // 20}/q{i}", label=f"问题 {i}：您每个月的收入大约是多少？ Question {i}?",
            answer="" if i % 7 == 0 else f"回答 {i} answer, 1,250", answered=i % 7 != 0,
            index=(i,), qtype=kinds[i % len(kinds)], group_label=group))
    return rows


def _trim() -> None:
    from inclusion_app.ui.services.memory import release_unused

    gc.collect()
    release_unused()


def run() -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from inclusion_app.ui.services import memory

    memory.drop_feature_import_hook()
    memory.tune_allocator()
    app = QApplication.instance() or QApplication([])
    from inclusion_app.settings import Settings
    from inclusion_app.ui import theme
    from inclusion_app.ui.resident.review_page import ReviewPage

    theme.apply(app, Settings().text_size_step)
    page = ReviewPage(0)
    page.resize(1366, 700)
    page.show()
    big, small = _rows(ROWS), _rows(3)

    def show(rows: list) -> float:  # noqa: ANN001
        t0 = time.perf_counter()
        page.show_rows(rows, "Yearly pension check", False)
        page.repaint()  # the first paint of the new page, as a person sees it
        app.processEvents()
        return (time.perf_counter() - t0) * 1000.0

    for _ in range(2):  # warm: fonts, styles, glyph caches
        show(big), show(small)
        app.processEvents()
    times, added = [], []
    for _ in range(7):  # timing: as a person meets it, nothing trimmed in between
        show(small)
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # the big page's body
        app.processEvents()
        times.append(show(big))
    for _ in range(5):  # memory: the heap trimmed before and after, so only what stays counts
        show(small)
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        app.processEvents()
        _trim()
        before = _rss_kib()
        show(big)
        _trim()
        added.append((_rss_kib() - before) / 1024.0)
    page.close()
    opened = statistics.median(times)
    grew = statistics.median(added)
    return [
        Result("ui", f"Check-your-answers with {ROWS} rows: open and first paint", opened, "ms",
               100.0, p95=max(times), detail="offscreen, 1366×700, rows of a long bilingual form, median of 7"),
        Result("ui", f"Check-your-answers with {ROWS} rows: memory added over 3 rows", grew, "MiB",
               5.0, detail="resident set after a trim, median of 5"),
    ]


if __name__ == "__main__":
    for r in run():
        print(f"{r.name}: {r.value:.3g} {r.unit} (target {r.target})")
