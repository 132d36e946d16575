"""Bundles on the command line: `forms check` and `forms import` of a bundle file, and
`fill BUNDLE_ID --answers A.json [--queue]`, one submission per form of the visit.

`forms_cmd` hands a file or id over here when it is a bundle; the lines printed follow the
form commands' ("FILE: sheet, row N, column C: message", "queued REF uuid:...").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from inclusion_app.engine import bundle_catalog
from inclusion_app.engine.answer_walk import WalkError
from inclusion_app.engine.bundle import BundleDef, is_bundle_file
from inclusion_app.engine.form_problems import FormLoadError, Problem
from inclusion_app.engine.prompt import ScreenKind

__all__ = ["check_bundle_file", "fill_bundle", "import_bundle_file", "is_bundle_file", "list_bundles",
           "open_bundle"]


def check_bundle_file(ctx: Any, name: str) -> bool:
    """Print 'FILE: ok: bundle ...' or one located line per problem; True when it is good."""
    try:
        bundle = bundle_catalog.check_file(ctx.paths, Path(name), name)
    except FormLoadError as exc:
        for line in exc.lines():
            print(line, file=ctx.out)
        return False
    print(f"{name}: ok: bundle {bundle.bundle_id} version {bundle.version or '-'}, "
          f"{len(bundle.forms)} forms ({', '.join(bundle.form_ids)})", file=ctx.out)
    return True


def list_bundles(ctx: Any, lang: str | None, origin_words: Any) -> None:
    """One line per installed bundle after the forms: id, version, title, origin, '(bundle: forms)'."""
    for entry in bundle_catalog.installed_bundles(ctx.paths):
        if entry.broken or entry.bundle is None:
            first = entry.error.splitlines()[0] if entry.error else ""
            print(f"{entry.bundle_id}\t-\tBROKEN bundle ({entry.origin}): {first}", file=ctx.out)
            continue
        bundle = entry.bundle
        print(f"{bundle.bundle_id}\t{bundle.version or '-'}\t{bundle.title(lang)}\t{origin_words(entry)}\t"
              f"(bundle: {', '.join(bundle.form_ids)})", file=ctx.out)


def import_bundle_file(ctx: Any, name: str) -> int:
    try:
        entry = bundle_catalog.import_bundle(ctx.paths, Path(name))
    except FormLoadError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return 1
    print(f"imported bundle {entry.bundle_id}: {entry.title(ctx.settings.language)}", file=ctx.out)
    return 0


def open_bundle(ctx: Any, key: str) -> BundleDef | None:
    """The bundle a `fill` argument names (a bundle file, or an installed bundle's id), or None
    when it names no bundle; FormLoadError when it does but the bundle cannot be used."""
    path = Path(key)
    if path.is_file():
        return bundle_catalog.check_file(ctx.paths, path, key) if is_bundle_file(path) else None
    entry = bundle_catalog.find_bundle(ctx.paths, key)
    if entry is None:
        return None
    if entry.broken or entry.bundle is None:
        raise FormLoadError(Problem(key, message=entry.error or "the installed bundle cannot be used"))
    return entry.bundle


def _forms(ctx: Any, bundle: BundleDef) -> dict[str, Any]:
    from inclusion_app.engine import catalog

    forms = {}
    for form_id in bundle.form_ids:
        entry = catalog.find_form(ctx.paths, form_id)
        if entry is None or entry.broken:
            raise FormLoadError(Problem(form_id, message="this form of the bundle is not installed or cannot be used"))
        forms[form_id] = entry.form
    return forms


def fill_bundle(args: argparse.Namespace, ctx: Any, bundle: BundleDef, answers: dict[str, Any]) -> int:
    from inclusion_app.engine.visit import Visit
    from inclusion_app.engine.visit_walk import VisitStep, split_answers, walk_visit

    try:
        forms = _forms(ctx, bundle)
    except FormLoadError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    asked = getattr(args, "lang", None)
    lang = asked or ctx.settings.language
    if asked and not all(asked in f.languages for f in forms.values()):
        print(f"not every form of the bundle has the language '{asked}'", file=sys.stderr)
        return 1
    visit = Visit(bundle, forms, language=lang)
    steps_out = ctx.out if (args.out or args.queue) else sys.stderr
    for name in split_answers(visit, answers)[2]:
        print(f"note: '{name}' is neither a shared detail nor a form of this bundle; it is ignored", file=sys.stderr)

    def show(item: VisitStep) -> None:
        step = item.step
        prefix = f"[{item.form_id} {step.number}/{step.total}]"
        texts = step.texts if step.kind is not ScreenKind.REPEAT_PROMPT else (f"add another? {step.texts[0] if step.texts else ''}",)
        for text in texts:
            print(f"{prefix} {text}".rstrip(), file=steps_out)

    try:
        submissions = walk_visit(visit, answers, show)
    except WalkError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    if args.out:
        folder = Path(args.out)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for sub in submissions:
                (folder / f"{sub.form_id}.xml").write_bytes(sub.xml)
        except OSError as exc:
            print(f"{args.out}: cannot be written ({exc.strerror or exc})", file=sys.stderr)
            return 1
    elif not args.queue:
        for sub in submissions:
            ctx.out.write(sub.xml.decode("utf-8") + "\n")
    return _queue(visit, submissions, ctx) if args.queue else 0


def _queue(visit: Any, submissions: list[Any], ctx: Any) -> int:
    """Every submission into the outbox; a 'queued' line only for what storage has."""
    from inclusion_app.storage.api import StorageError
    from inclusion_app.storage.factory import open_store
    from inclusion_app.storage.visit_drafts import send_visit

    try:
        store = open_store(ctx.paths)
        try:
            for form in visit.forms.values():
                store.save_form_version(form.form_hash, form.form_id, form.version, form.xml)
            for sub in submissions:  # each line as soon as storage has that submission
                entry = send_visit(store, [sub], None)[0]
                print(f"queued {entry.reference} {entry.instance_id}", file=ctx.out)
        finally:
            store.close()
    except StorageError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0
