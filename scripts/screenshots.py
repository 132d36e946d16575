"""`make screenshots`: every kind of screen, in Chinese and English, at the smallest and largest
text size, on a 1024x600 netbook screen and a 1920x1080 monitor, rendered offscreen into
docs/screenshots/ (or the folder given).

Forms are walked with their realistic test answers; each question type is captured the
first time it appears. Nothing is written outside a temporary data folder and the output.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SIZES = ((1024, 600), (1920, 1080))
PIN = "2468"


def _key(screen) -> str | None:
    """A name for what kind of screen this is (question type, number pad, repeat prompt)."""
    from inclusion_app.engine.prompt import ScreenKind

    if screen.kind is ScreenKind.REPEAT_PROMPT:
        return "repeat"
    if not screen.questions:
        return None
    if len(screen.questions) > 1:
        return "field-list"
    q = screen.questions[0]
    if q.qtype in ("note", "acknowledge", "trigger"):
        return "note"
    if q.qtype in ("image", "file"):
        return "picture"
    if q.qtype == "text" and q.appearance:
        return f"text-{q.appearance.split()[0]}"
    return q.qtype.replace("_", "-")


class Shooter:
    """Renders one window state to a PNG, named by screen, language and text step."""

    def __init__(self, out: Path, app) -> None:
        self.out = out
        self.app = app
        self.written: list[Path] = []
        self.size = "x".join(map(str, SIZES[0]))

    def shot(self, widget, name: str, lang: str, step: int) -> None:
        for _ in range(3):
            self.app.processEvents()
        path = self.out / f"{name}-{lang}-step{step}-{self.size}.png"
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QImage

        # A few flat colours: a 256-colour palette keeps every pixel and a third of the bytes.
        image = widget.grab().toImage().convertToFormat(
            QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
        image.save(str(path))
        self.written.append(path)


def shoot_all(out: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from inclusion_app import paths as paths_mod
    from inclusion_app.settings import Settings
    from inclusion_app.ui.main_window import MainWindow
    from inclusion_app.ui.resident.form_session import Completed
    from inclusion_app.ui.resident.home_page import usable_forms
    from inclusion_app.ui.services.app_services import AppServices

    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    shooter = Shooter(out, app)
    with tempfile.TemporaryDirectory() as tmp:
        paths = paths_mod.AppPaths(Path(tmp) / "data", Path(tmp) / "config",
                                   Path(tmp) / "cache").ensure()
        catalog = None
        for size, lang, step in ((size, lang, step) for size in SIZES for lang in ("zh", "en")
                                 for step in (0, 5)):
            shooter.size = "x".join(map(str, size))
            services = AppServices(paths, Settings(language=lang, text_size_step=step),
                                   catalog=catalog)
            catalog = services.catalog
            services.apply_theme()
            window = MainWindow(services)
            window.resize(*size)
            window.show()
            _shell_screens(window, shooter, lang, step)
            _corner_screens(window, shooter, lang, step, Path(tmp), "")
            _helping_screens(window, shooter, lang, step, usable_forms(catalog))
            _form_screens(window, shooter, lang, step, usable_forms(catalog), Completed)
            _visit_screens(window, shooter, lang, step)
            window.close()
            window.deleteLater()
            services.shutdown()
            app.processEvents()
    return shooter.written


def _shell_screens(window, shooter: Shooter, lang: str, step: int) -> None:
    window.show_page(window.language_page)
    shooter.shot(window, "language", lang, step)
    window.show_page(window.home_page)
    shooter.shot(window, "home", lang, step)
    window.open_settings()
    shooter.shot(window, "settings", lang, step)
    window.close_settings()
    window.open_volunteer()
    shooter.shot(window, "volunteer", lang, step)
    window.go_home()
    window.show_help()
    shooter.shot(window, "help", lang, step)
    window.help_overlay.dismiss()


def _corner_data(services, tmp: Path) -> Path:
    """A server, waiting and refused forms, a week of counts, a USB stick: once per folder."""
    from inclusion_app.stats.book import open_book
    from inclusion_app.sync.target_setup import add_server
    from tests.sync.helpers import fill

    if services.store is None:  # the shell screens are shot without one; the corner lists it
        from inclusion_app.storage.factory import open_store

        services.store = open_store(services.paths)
    media = tmp / "media"
    if media.is_dir():
        return media
    stick = media / "KINGSTON"
    (stick / "forms").mkdir(parents=True)
    for name in ("pension_check.xlsx", "clinic_visit.md"):
        (stick / "forms" / name).write_bytes(b"x" * 4000)
    (stick / "photos").mkdir()
    add_server(services.paths, "https://central.example.org/v1/key/K3y/projects/3")
    ids = fill(services.store, 3)
    services.store.mark_failed(ids[0], "The server refused this submission (error 413): it is "
                               "too large.", permanent=True)
    book = open_book(services.paths.data)
    for measure, item, n in (("started", "", 12), ("finished", "", 9), ("abandoned", "", 2),
                             ("saved", "", 1), ("stopped_at", "id_number", 2),
                             ("stopped_at", "new_bank_card", 1), ("voice", "on", 10),
                             ("voice", "off", 2), ("text_size", "1", 5), ("text_size", "4", 7),
                             ("error", "Please enter the ID number: 18 characters", 4),
                             ("error", "Please choose one", 2)):
        for _ in range(n):
            book.record(measure, "pension_check", item)
    book.record("seconds", "pension_check", "", 420)
    book.close()
    return media


def _corner_screens(window, shooter: Shooter, lang: str, step: int, tmp: Path,
                    suffix: str) -> None:
    """Every part of the volunteer corner, the file picker and an import's problems."""
    from inclusion_app.ui.volunteer.forms_panel import FormsPanel, import_file
    from inclusion_app.ui.widgets.file_picker import FilePicker

    services = window.services
    media = _corner_data(services, tmp)
    from inclusion_app import volunteer_pin

    if not volunteer_pin.pin_is_set(services.paths):
        volunteer_pin.set_pin(services.paths, PIN)  # as the installer does
    window.open_volunteer()
    page = window.volunteer_page
    page.pin.setText(PIN)
    page.submit_pin()
    _settle(services)
    shooter.shot(window, f"corner-outbox{suffix}", lang, step)
    page.corner.show_menu()  # the parts as big rows (what the folded bar opens at large text)
    shooter.shot(window, f"corner-menu{suffix}", lang, step)
    for key in ("servers", "forms", "settings", "statistics"):
        page.corner.show_section(key)
        _settle(services)
        shooter.shot(window, f"corner-{key}{suffix}", lang, step)
    stats = page.corner.panel("statistics")
    stats.scroll.ensureWidgetVisible(stats.charts["stops"], 0, 0)
    shooter.shot(window, f"corner-statistics-charts{suffix}", lang, step)
    forms = page.corner.panel("forms")
    page.corner.show_section("forms")
    forms._imported(import_file(services.paths, REPO / "tests/forms/broken/missing_choice_list.md"))
    shooter.shot(window, f"corner-import-problems{suffix}", lang, step)
    FormsPanel.picker_options = {"media_roots": [media], "home": tmp / "home"}
    forms.picker = None
    forms.choose_file()
    shooter.shot(window, f"file-picker{suffix}", lang, step)
    picker: FilePicker = forms.picker
    picker.open_place(picker.places()[0])
    picker.open_folder(media / "KINGSTON" / "forms")
    picker.rows[0].click()
    shooter.shot(window, f"file-picker-folder{suffix}", lang, step)
    forms._close_picker()
    window.go_home()


def _settle(services) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + 10
    while services.tasks.pending and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)


def _helping_screens(window, shooter: Shooter, lang: str, step: int, forms) -> None:
    """Consent, the practice band, the lesson's steps and "Are you still there?"."""
    from inclusion_app.ui.resident.tutorial_steps import STEPS

    pension = next(f for f in forms if f.form_id == "pension_check")
    window.start_form(pension)
    shooter.shot(window, "consent", lang, step)
    window.go_home()
    window.set_class_mode(True)
    shooter.shot(window, "class-home", lang, step)
    window.open_tutorial()
    page = window.tutorial_page
    for index in (0, 1, 4, len(STEPS) - 1):
        page.show_step(index, done=index == 1)
        shooter.shot(window, f"lesson-{STEPS[index].key}", lang, step)
    page.restart()
    window.set_class_mode(False)
    window.start_form(pension)
    window._ask_still_there()
    shooter.shot(window, "still-there", lang, step)
    window.inactivity.disarm()
    window.go_home()


def _form_screens(window, shooter: Shooter, lang: str, step: int, forms, completed_cls) -> None:
    from inclusion_app.engine.answer_walk import WalkError, walk
    from inclusion_app.ui.resident.form_page import FormPage
    from tests.data.service_answers import answers_for

    FormPage.settle_ms = 0  # the double-tap guard would ignore a press made at machine speed

    seen: set[str] = set()
    first = True
    for form in forms:
        window.start_form(form)
        session = window.session
        if first:  # an error: Continue pressed with nothing answered
            session.page.continue_button.click()
            shooter.shot(window, "error", lang, step)
            first = False

        def on_step(_step, session=session) -> None:
            key = _key(session.controller.screen)
            if key and key not in seen:
                seen.add(key)
                session.show_current()
                shooter.shot(window, f"question-{key}", lang, step)

        try:
            submission = walk(session.controller, answers_for(form.form_id), on_step)
        except (WalkError, KeyError) as exc:
            print(f"{form.form_id}: walk stopped: {exc}", file=sys.stderr)
            window.go_home()
            continue
        if "review" not in seen:
            seen.add("review")
            session.show_current()
            shooter.shot(window, "review", lang, step)
        if "confirmation" not in seen and not form.practice:
            seen.add("confirmation")
            rows = session.controller.review()
            window.form_finished(completed_cls(submission.reference, submission.instance_id,
                                               form.form_id, form.title(lang), rows, time.time()))
            shooter.shot(window, "confirmation", lang, step)
        window.go_home()


def _visit_screens(window, shooter: Shooter, lang: str, step: int) -> None:
    """A life-event visit (turning_60): overview, consent once, a shared detail, a form with
    the details already answered, a form's own review, the whole visit's review, the receipt."""
    from inclusion_app.engine.answer_walk import walk
    from inclusion_app.ui import bundle_visits
    from inclusion_app.ui.resident.form_outcome import Completed
    from inclusion_app.ui.resident.visit_store import VisitCompleted
    from tests.bundles.helpers import SHARED, own_answers

    if not bundle_visits.open_visit(window, "turning_60"):
        print("turning_60: the visit could not be opened", file=sys.stderr)
        return
    view = window.session
    shooter.shot(window, "visit-overview", lang, step)
    view.start_details()
    if view.consent.showing():  # ID numbers are asked: consent once for the whole visit
        shooter.shot(window, "visit-consent", lang, step)
        view.consent._agree()
    shooter.shot(window, "visit-details", lang, step)
    for key, value in SHARED.items():
        view.visit.set_shared(key, value)
    view.details_done()
    form_id = view.session.form_id
    walk(view.visit.controllers[form_id].inner, own_answers(form_id))
    view.session.show_current()
    shooter.shot(window, "visit-form-review", lang, step)
    view._form_done()
    session = view.session  # the pension check: its introduction, then past name and ID
    session.controller.next()
    session.show_current()
    shooter.shot(window, "visit-form", lang, step)
    for fid in view.visit.to_send()[1:]:
        walk(view.visit.controllers[fid].inner, own_answers(fid))
    view.show_review()
    shooter.shot(window, "visit-review", lang, step)
    subs, _problem = view.visit.finalize()
    done = VisitCompleted("turning_60", view.bundle.title(lang), [
        Completed(s.reference, s.instance_id, s.form_id, view.forms[s.form_id].title(lang))
        for s in subs], time.time())
    bundle_visits.finished(window, done)
    shooter.shot(window, "visit-receipt", lang, step)
    window.go_home()


def write_index(out: Path, written: list[Path]) -> Path:
    """index.md: one row per screen, Chinese and English at the smallest and largest text."""
    names = sorted({p.name.rsplit("-", 3)[0] for p in written})
    lines = ["# Screenshots", "",
             "Every kind of screen on a 1024x600 and a 1920x1080 screen, written by "
             "`make screenshots`.", ""]
    for size in ("x".join(map(str, s)) for s in SIZES):
        lines += [f"## {size}", "",
                  "| Screen | 中文, size 1 | 中文, size 6 | English, size 1 | English, size 6 |",
                  "|---|---|---|---|---|"]
        for name in names:
            cells = [f"![{name} {lang} {step}]({name}-{lang}-step{step}-{size}.png)"
                     if (out / f"{name}-{lang}-step{step}-{size}.png").is_file() else ""
                     for lang in ("zh", "en") for step in (0, 5)]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("")
    index = out / "index.md"
    index.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else REPO / "docs" / "screenshots"
    written = shoot_all(out)
    write_index(out, written)
    print(f"{len(written)} screenshots in {out}")
    return 0 if written else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
