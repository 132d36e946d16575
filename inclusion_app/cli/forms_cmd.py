"""Form commands: `forms check`, `forms list`, `forms import` and `fill`.

`forms check` is what a trainer runs on a new spreadsheet: one summary line per good form,
one located line per problem, exit 1 if any form is refused. `fill` walks a form from a JSON
file of answers exactly as a person would, for testing forms and for batch entry.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from inclusion_app.cli import bundle_cmd
from inclusion_app.engine import catalog
from inclusion_app.engine.answer_walk import Step, WalkError, walk
from inclusion_app.engine.features import differences
from inclusion_app.engine.form_problems import FormLoadError, Problem
from inclusion_app.engine.loader import load_form
from inclusion_app.engine.prompt import ScreenKind
from inclusion_app.i18n import _


def register(registry: Any) -> None:
    check = registry.subcommand("forms", "check", forms_check, "check form files and summarise each",
                                group_help="installed forms: check, list, import")
    check.add_argument("files", nargs="+", metavar="FILE",
                       help="XLSForm (.xlsx .xls .csv .md), XForm (.xml) or bundle (.md .xlsx), or a folder of them")
    registry.subcommand("forms", "list", forms_list, "list the installed forms: id, version, origin, title")
    imp = registry.subcommand("forms", "import", forms_import, "check a form and add it to the installed forms")
    imp.add_argument("file", metavar="FILE")
    fill = registry.command("fill", fill_form, "fill in a form from a JSON file of answers")
    fill.add_argument("form", metavar="FORM", help="an installed form's or bundle's id, or a form or bundle file")
    fill.add_argument("--answers", required=True, metavar="ANSWERS.json",
                      help="question name -> answer; lists for select_multiple; lists of objects for repeats")
    fill.add_argument("--out", metavar="FILE",
                      help="write the submission XML here (default: standard output); for a bundle, a folder")
    fill.add_argument("--queue", action="store_true", help="put the finished submission in the outbox")
    fill.add_argument("--assisted", action="store_true",
                      help="a volunteer helped: the submission carries meta/inclusion:assisted = true")
    fill.add_argument("--practice", action="store_true",
                      help="try the form as practice: nothing is stored or queued")


def _cache_dir(ctx: Any) -> Path | None:
    """The compiled-form cache, or none when the program's folders cannot be made (read-only
    home): checking a form must still work."""
    try:
        return ctx.paths.form_cache
    except OSError:
        return None


def _summary(form: Any) -> str:
    questions = sum(1 for c in form.by_ref.values() if getattr(c, "tag", "") != "repeat")
    languages = ", ".join(form.languages) or "one language"
    parts = [f"ok: {form.form_id} version {form.version or '-'}", f"{questions} questions", f"languages {languages}"]
    if form.practice:
        parts.append("practice form (never sent)")
    return ", ".join(parts)


def _expand(names: list[str]) -> list[str]:
    """A folder stands for the form files directly inside it."""
    out: list[str] = []
    for name in names:
        folder = Path(name)
        out += [str(p) for p in catalog.form_files(folder)] if folder.is_dir() else [name]
    return out


def forms_check(args: argparse.Namespace, ctx: Any) -> int:
    failed = False
    names = _expand(args.files)
    if not names:
        print("no form files found (.md .xlsx .xls .csv .xml)", file=ctx.out)
        return 1
    for name in names:
        if bundle_cmd.is_bundle_file(Path(name)):
            failed = not bundle_cmd.check_bundle_file(ctx, name) or failed
            continue
        try:
            form = load_form(Path(name), cache_dir=_cache_dir(ctx), source_name=name)
        except FormLoadError as exc:
            failed = True
            for line in exc.lines():
                print(line, file=ctx.out)
            continue
        except Exception as exc:  # noqa: BLE001  `forms check` never shows a traceback
            failed = True
            print(f"{name}: the form could not be checked ({type(exc).__name__}: {exc})", file=ctx.out)
            continue
        print(f"{name}: {_summary(form)}", file=ctx.out)
        for warning in form.warnings:
            print(f"{name}: warning: {warning}", file=ctx.out)
        for line in differences(form):
            print(f"{name}: differs from ODK Collect: {line}", file=ctx.out)
    return 1 if failed else 0


def forms_list(args: argparse.Namespace, ctx: Any) -> int:
    entries = catalog.installed_forms(ctx.paths)
    if not entries:
        print("No forms are installed.", file=ctx.out)
        return 0
    lang = getattr(args, "lang", None) or ctx.settings.language
    for entry in entries:
        if entry.broken:
            first = entry.error.splitlines()[0] if entry.error else ""
            where = entry.server if entry.origin == catalog.SERVER else entry.origin
            print(f"{entry.form_id}\t-\tBROKEN ({where}): {first}", file=ctx.out)
            continue
        flags = "\t(practice)" if entry.practice else ""
        print(f"{entry.form_id}\t{entry.version or '-'}\t{entry.title(lang)}\t{origin_words(entry)}{flags}",
              file=ctx.out)
    bundle_cmd.list_bundles(ctx, lang, origin_words)
    return 0


def origin_words(entry: Any) -> str:
    """Where an installed form came from, in words: shipped, imported, or which server."""
    if entry.origin == catalog.SERVER:
        return _("from server {name}").format(name=entry.server)
    return _("imported by hand") if entry.origin == catalog.IMPORTED else _("shipped with the program")


def forms_import(args: argparse.Namespace, ctx: Any) -> int:
    if bundle_cmd.is_bundle_file(Path(args.file)):
        return bundle_cmd.import_bundle_file(ctx, args.file)
    try:
        entry = catalog.import_form(ctx.paths, Path(args.file))
    except FormLoadError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return 1
    print(f"imported {entry.form_id} version {entry.version or '-'}: {entry.title(ctx.settings.language)}", file=ctx.out)
    return 0


def _open_form(key: str, ctx: Any) -> Any:
    """A form file path, or else an installed form's id; FormLoadError when neither works."""
    path = Path(key)
    if path.is_file() or path.suffix.lower() in (".md", ".xlsx", ".xls", ".csv", ".xml"):
        return load_form(path, cache_dir=_cache_dir(ctx), source_name=key)
    entry = catalog.find_form(ctx.paths, key)
    if entry is None:
        raise FormLoadError(Problem(key, message="no installed form has this id, and no such file exists (see `inclusion-app forms list`)"))
    if entry.broken:
        raise FormLoadError(Problem(key, message=entry.error or "the installed form is broken"))
    return entry.form


def _read_answers(name: str) -> dict[str, Any]:
    try:
        raw = Path(name).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ValueError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    try:
        answers = json.loads(raw)
    except ValueError as exc:
        raise ValueError(f"{name}: not valid JSON (line {getattr(exc, 'lineno', '?')}): answers must be one JSON object") from None
    if not isinstance(answers, dict):
        raise ValueError(f"{name}: answers must be one JSON object of question name -> answer")
    return answers


def _language(form: Any, asked: str | None, ctx: Any) -> str | None:
    if asked:
        if asked not in form.languages:
            raise ValueError(f"the form has no language '{asked}' (it has: {', '.join(form.languages) or 'one language only'})")
        return asked
    preferred = ctx.settings.language
    return preferred if preferred in form.languages else form.default_language


def fill_form(args: argparse.Namespace, ctx: Any) -> int:
    from inclusion_app.engine.controller import FormController

    try:
        bundle = bundle_cmd.open_bundle(ctx, args.form)
        if bundle is not None:
            return bundle_cmd.fill_bundle(args, ctx, bundle, _read_answers(args.answers))
        form = _open_form(args.form, ctx)
        answers = _read_answers(args.answers)
        lang = _language(form, getattr(args, "lang", None), ctx)
    except FormLoadError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    # With the XML going to standard output, the steps go to standard error to keep it clean.
    steps_out = ctx.out if (args.out or args.queue) else sys.stderr

    def show(step: Step) -> None:
        prefix = f"[{step.number}/{step.total}]"
        if step.kind is ScreenKind.REPEAT_PROMPT:
            print(f"{prefix} add another? {step.texts[0] if step.texts else ''}".rstrip(), file=steps_out)
            return
        for text in step.texts:
            print(f"{prefix} {text}", file=steps_out)

    if args.practice:
        form = dataclasses.replace(form, practice=True)  # a copy: the cached form stays real
    controller = FormController(form, language=lang)
    controller.assisted = args.assisted
    try:
        submission = walk(controller, answers, show)
    except WalkError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    if args.out:
        try:
            Path(args.out).write_bytes(submission.xml)
        except OSError as exc:
            print(f"{args.out}: cannot be written ({exc.strerror or exc})", file=sys.stderr)
            return 1
    elif not args.queue:
        _write_xml(submission.xml, ctx.out)
    if args.queue and args.practice:
        print("practice: practice answers are never queued or sent", file=sys.stderr)
        return 0
    if args.queue:
        return _queue(form, submission, ctx)
    return 0


def _write_xml(xml: bytes, out: Any) -> None:
    """The exact bytes when the output is a real stream, else their text (tests capture text)."""
    out.flush()
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        buffer.write(xml)
        buffer.flush()
    else:
        out.write(xml.decode("utf-8"))


def _queue(form: Any, submission: Any, ctx: Any) -> int:
    """Hand the submission to the outbox; print its reference only once storage has it."""
    try:
        from inclusion_app.storage.api import PracticeRefusedError, StorageError
        from inclusion_app.storage.factory import open_store
    except ImportError:
        print("queueing is not available: the storage part is not installed", file=sys.stderr)
        return 1
    try:
        store = open_store(ctx.paths)
        try:
            store.save_form_version(form.form_hash, form.form_id, form.version, form.xml)
            entry = store.finalize(submission)
        finally:
            store.close()
    except PracticeRefusedError:
        print("this is a practice form: practice answers are never put in the outbox", file=sys.stderr)
        return 1
    except StorageError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"queued {entry.reference} {entry.instance_id}", file=ctx.out)
    return 0
