"""Screenshots of every kind of form screen, in Chinese and English, at the smallest and largest text.

    python scripts/form_screenshots.py OUT_DIR [WIDTHxHEIGHT ...]

One picture per question type and screen kind met while walking three shipped forms (medical
claim: note, text, ID number, choice, repeat, date, amount, photo, acknowledgement; booking:
several choices, address box, mobile number; home care: a group of questions on one screen),
plus an error, "check your answers" and "start again?". Offscreen; the program's folders
go to a temporary directory. Meant to be called by `make screenshots`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FORMS = ("medical_claim", "book_service", "home_care")


def _value(answers: dict, ref: str):  # noqa: ANN202 - answer table values vary
    from inclusion_app.engine.answer_walk import lookup

    value = lookup(answers, ref)
    if isinstance(value, list) and value and not isinstance(value[0], dict):
        return " ".join(value)
    return value if isinstance(value, str) else None


def _walk_forms(app, window, services, out: Path, tag: str, saved: list[Path]) -> None:  # noqa: ANN001
    """Walk FORMS in one window, saving a picture the first time each kind of screen appears."""
    from inclusion_app.engine.prompt import ScreenKind
    from tests.data.service_answers import answers_for

    seen: set[str] = set()

    def shoot(name: str) -> None:
        app.processEvents()
        path = out / f"form_{tag}_{name}.png"
        window.grab().save(str(path))
        saved.append(path)

    for form_id in FORMS:
        form = next(e.form for e in services.catalog if e.form_id == form_id)
        window.start_form(form)
        session = window.session
        answers = answers_for(form_id)
        for _ in range(100):
            if session.stack.currentWidget() is session.review:
                break
            page = session.page
            screen = page.screen
            if screen.kind is ScreenKind.REPEAT_PROMPT:
                if "repeat" not in seen:
                    seen.add("repeat")
                    shoot("repeat_prompt")
                more = len(answers.get("expense", [])) > screen.repeat_count
                (page.add_button if more else page.continue_button).click()
                continue
            kind = ("group" if len(screen.questions) > 1 else
                    f"{screen.questions[0].qtype}_{screen.questions[0].appearance}"
                    .strip("_").replace(" ", "_"))
            if kind not in seen:
                seen.add(kind)
                shoot(kind)
            if "error" not in seen and any(q.required for q in screen.questions):
                page.continue_button.click()
                if page.error_frame.isVisible():
                    seen.add("error")
                    shoot("error")
            for block in page.blocks:
                value = _value(answers, block.prompt.ref)
                if block.input is not None and value is not None:
                    block.input.set_value(value)
                    session._answer_changed(block.prompt.ref)
            page.continue_button.click()
        if "review" not in seen:
            seen.add("review")
            shoot("review")
            session.review.actions.restart.click()
            shoot("start_again")
        window.go_home()


def capture(out: Path, sizes: list[tuple[int, int]]) -> list[Path]:
    """Walk the forms at each language, text size and window size; save one PNG per new kind."""
    from PySide6.QtWidgets import QApplication

    from inclusion_app import paths as paths_mod
    from inclusion_app import settings as settings_mod
    from inclusion_app.storage.factory import open_store
    from inclusion_app.ui.form_page import FormPage
    from inclusion_app.ui.main_window import MainWindow
    from inclusion_app.ui.services import AppServices

    app = QApplication.instance() or QApplication([])
    FormPage.settle_ms = 0
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    for lang in ("zh", "en"):
        for step in (0, 5):
            for width, height in sizes:
                with tempfile.TemporaryDirectory(prefix="form-shots-") as tmp:
                    folder = Path(tmp)
                    app_paths = paths_mod.AppPaths(folder / "d", folder / "c", folder / "k").ensure()
                    settings = settings_mod.Settings(language=lang, text_size_step=step, voice_on=False)
                    services = AppServices(app_paths, settings,
                                           store=open_store(app_paths, key_backend="file"))
                    services.apply_theme()
                    window = MainWindow(services)
                    window.resize(width, height)
                    window.show()
                    _walk_forms(app, window, services, out, f"{lang}_step{step}_{width}x{height}", saved)
                    window.close()
                    services.shutdown()
    app.setStyleSheet("")
    return saved


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[2].strip())
        return 2
    sizes = [tuple(int(n) for n in a.split("x")) for a in argv[1:]] or [(1366, 768)]
    saved = capture(Path(argv[0]), sizes)  # type: ignore[arg-type]
    print(f"{len(saved)} form screenshots in {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
