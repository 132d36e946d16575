"""Small forms and bundles written for the tests, and the shipped ones loaded."""

from __future__ import annotations

from pathlib import Path

from inclusion_app import paths
from inclusion_app.engine.bundle import BundleDef, load_bundle, shipped_bundles_dir
from inclusion_app.engine.loader import load_form
from tests.data.service_answers import MOBILE, VALID_ID, answers_for

NS = 'inclusion="urn:inclusion-app:xforms"'
SHARED = {"full_name": "王芳", "id_number": VALID_ID, "phone": MOBILE}
# shared key -> question name, per shipped form (what `fill` of one form alone is given)
QUESTION = {"address": {"concession_card": "address", "pension_check": "current_address",
                        "book_service": "home_address"}}


def shipped(bundle_id: str) -> tuple[BundleDef, dict]:
    bundle = load_bundle(shipped_bundles_dir() / f"{bundle_id}.md")
    forms = {fid: load_form(paths.shipped_forms_dir() / f"{fid}.md") for fid in bundle.form_ids}
    return bundle, forms


def own_answers(form_id: str) -> dict[str, object]:
    """A shipped form's realistic answers without the shared details."""
    answers = dict(answers_for(form_id))
    for key in SHARED:
        answers.pop(key, None)
    return answers


def write_form(folder: Path, form_id: str, rows: list[str], header: str = "type | name | label | bind::inclusion:shared") -> Path:
    path = folder / f"{form_id}.md"
    body = "\n".join(f"| | {row} |" for row in rows)
    path.write_text(f"| survey |\n| | {header} |\n{body}\n\n| settings |\n| | form_id | version | namespaces |\n"
                    f"| | {form_id} | 1 | {NS} |\n", encoding="utf-8")
    return path


def write_bundle(folder: Path, bundle_id: str, rows: list[tuple[str, str]], name: str | None = None) -> Path:
    path = folder / f"{name or bundle_id}.md"
    body = "\n".join(f"| | {fid} | {rel} |" for fid, rel in rows)
    path.write_text(f"| bundle |\n| | form_id | relevant |\n{body}\n\n| settings |\n"
                    f"| | bundle_id | title::中文 (zh) | title::English (en) |\n"
                    f"| | {bundle_id} | 测试 | Test |\n", encoding="utf-8")
    return path
