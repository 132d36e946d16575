"""Write tests/fixtures/upgrade/<version>/: everything a centre's PC holds, written by that
version's own code, so every later version is tested opening it (tests/upgrade/).

Run `python -m tests.upgrade.make_fixture` once per released version and commit the folder;
committed folders are never rewritten. What it holds, through the program's real code paths:
- config/storage.key: the storage key in its owner-only file (no OS key store, as on a kiosk);
- data/inclusion.sqlite3: two drafts saved as the window's autosave saves them (a real
  FormController snapshot of a shipped form, part-way through), two submissions queued with
  `inclusion-app fill --queue` and a third already sent;
- data/settings.json: language, text size, contrast, a volunteer PIN, a default target with a
  password (data/credentials.bin, encrypted with the key) and a per-form target.
The fixture is test data: its key, PIN and password are used for nothing else.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
import time
from pathlib import Path

from inclusion_app import __version__

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "upgrade"
PIN = "2468"
TARGET = "district"
TARGET_USER = "collector"
TARGET_PASSWORD = "s3cret"  # tests/sync/central_server.ServerConfig's default
TARGET_URL = "http://127.0.0.1:9/v1/key/KEY123/projects/1"  # the tests point it at a live server
OTHER_TARGET = "street-office"
OTHER_URL = "http://127.0.0.1:9/v1/key/KEY123/projects/2"
# (form id, answers given in order before the draft was saved, language)
DRAFTS = {
    "d-pension": ("pension_check", [("full_name", "王秀英"), ("id_number", "110101195003071235")], "zh"),
    "d-problem": ("report_problem", [], "en"),
}
QUEUED_FORMS = ("pension_check", "book_service", "report_problem")  # the last is then sent
SENT_RESPONSE = "201 Created"


def _env(root: Path) -> None:
    os.environ["INCLUSION_APP_DATA_DIR"] = str(root / "data")
    os.environ["INCLUSION_APP_CONFIG_DIR"] = str(root / "config")
    os.environ["INCLUSION_APP_CACHE_DIR"] = str(root / "cache")
    os.environ["INCLUSION_APP_KEY_BACKEND"] = "file"
    os.environ["INCLUSION_APP_KEYRING"] = "off"


def _cli(*argv: str, stdin: str = "") -> str:
    from inclusion_app.cli import main

    out, old_in, old_out = io.StringIO(), sys.stdin, sys.stdout
    sys.stdin, sys.stdout = io.StringIO(stdin), out
    try:
        code = main(list(argv))
    finally:
        sys.stdin, sys.stdout = old_in, old_out
    if code != 0:
        raise SystemExit(f"inclusion-app {' '.join(argv)} failed ({code}): {out.getvalue()}")
    return out.getvalue()


def _answer_until(controller, answers: list[tuple[str, str]]) -> None:  # noqa: ANN001
    """Walk forward screen by screen, answering the named questions, as a resident would."""
    for name, value in answers:
        while True:
            refs = [q.ref for q in controller.screen.questions]
            match = [r for r in refs if r.rsplit("/", 1)[-1] == name]
            if match:
                assert controller.answer(match[0], value).ok, name
                assert controller.next().ok, name
                break
            assert controller.next().ok, f"stuck before {name}"


def _save_drafts(paths) -> None:  # noqa: ANN001
    from inclusion_app.engine.catalog import find_form
    from inclusion_app.engine.controller import FormController
    from inclusion_app.storage.factory import open_store
    from inclusion_app.ui.services.draft_saver import draft_of

    store = open_store(paths)
    try:
        for n, (draft_id, (form_id, answers, lang)) in enumerate(DRAFTS.items()):
            form = find_form(paths, form_id).form
            controller = FormController(form, language=lang)
            _answer_until(controller, answers)
            store.save_form_version(form.form_hash, form.form_id, form.version, form.xml)
            store.save_draft(draft_of(controller, form, draft_id, time.time() - 3600 * (n + 1),
                                      form.title(lang)))
    finally:
        store.close()


def _mark_last_sent(paths) -> None:  # noqa: ANN001
    """The newest queued submission was delivered, as the uploader records a 201."""
    from inclusion_app.storage.factory import open_store

    store = open_store(paths)
    try:
        last = max(store.list_outbox(), key=lambda e: e.finalized_at)
        store.mark_sending(last.instance_id)
        store.mark_sent(last.instance_id, SENT_RESPONSE, TARGET)
    finally:
        store.close()


def build(root: Path) -> None:
    from tests.data.service_answers import answers_for

    _env(root)
    from inclusion_app import paths as paths_mod
    from inclusion_app import settings as settings_mod
    from inclusion_app import volunteer_pin

    paths = paths_mod.resolve().ensure()
    _cli("targets", "add", TARGET, TARGET_URL, "--user", TARGET_USER, "--password-stdin",
         "--default", "--allow-insecure", stdin=TARGET_PASSWORD + "\n")
    _cli("targets", "add", OTHER_TARGET, OTHER_URL, "--user", TARGET_USER, "--password-stdin",
         "--form", "book_service", "--allow-insecure", stdin=TARGET_PASSWORD + "\n")
    for form_id in QUEUED_FORMS:
        answers = root / "answers.json"
        answers.write_text(json.dumps(answers_for(form_id), ensure_ascii=False), encoding="utf-8")
        _cli("fill", form_id, "--answers", str(answers), "--queue")
        answers.unlink()
    _save_drafts(paths)
    _mark_last_sent(paths)
    settings = settings_mod.load(paths.settings_file)
    settings.language, settings.text_size_step, settings.high_contrast = "zh", 3, True
    settings_mod.save(settings, paths.settings_file)
    volunteer_pin.set_pin(paths, PIN)  # v0.1.0 wrote the same hash from the corner's first PIN
    shutil.rmtree(root / "cache", ignore_errors=True)  # rebuilt from the forms on first use


def main() -> int:
    target = FIXTURES / f"v{__version__}"
    if target.exists():
        print(f"{target.name} exists: committed fixtures are never rewritten")
        return 0
    build(target)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())


def versions() -> list[Path]:
    """Every committed fixture, oldest first."""
    return sorted(p for p in FIXTURES.glob("v*") if p.is_dir())


def lay_out(fixture: Path, data: Path, config: Path) -> None:
    """Copy a fixture into a person's folders, as the old version left them on their PC."""
    shutil.copytree(fixture / "data", data, dirs_exist_ok=True)
    shutil.copytree(fixture / "config", config, dirs_exist_ok=True)


def point_targets(settings_file: Path, urls: dict[str, str]) -> None:
    """The same servers at the address a test's loopback servers have today."""
    raw = json.loads(settings_file.read_text(encoding="utf-8"))
    for target in raw["targets"]:
        target["url"] = urls.get(target["name"], target["url"])
    settings_file.write_text(json.dumps(raw, ensure_ascii=False, indent=2), encoding="utf-8")
