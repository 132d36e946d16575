"""Run every benchmarks/bench_*.py and write docs/PERFORMANCE.md; exit 1 if any target is missed."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import platform
import subprocess
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from common import Result  # noqa: E402


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True)
        return out.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")
    except OSError:
        return "unknown"


def main(argv: list[str]) -> int:
    only = set(argv)
    results: list[Result] = []
    failures: list[str] = []
    for path in sorted(HERE.glob("bench_*.py")):
        if only and path.stem not in only:
            continue
        print(f"== {path.stem}", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
            got = module.run()
        except Exception:  # a benchmark that cannot run is a failure, reported, not hidden
            failures.append(f"{path.stem}: {traceback.format_exc().strip().splitlines()[-1]}")
            traceback.print_exc()
            continue
        for r in got:
            print(f"   {r.name}: {r.value:.3g} {r.unit} (target {r.target}) {'' if r.met is None else ('met' if r.met else 'MISSED')}")
        results.extend(got)
    write_report(results, failures)
    missed = [r for r in results if r.met is False]
    return 1 if missed or failures else 0


def write_report(results: list[Result], failures: list[str]) -> None:
    lines = [
        "# Performance",
        "",
        "Written by `make bench` (benchmarks/run_all.py). Do not edit by hand.",
        "",
        f"- Commit: {_commit()}",
        f"- Machine: {_machine()}",
        f"- Date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        "",
        "| area | measure | median / value | p95 | target | result | detail |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        target = "reported" if r.target is None else f"{'≥' if r.higher_is_better else '≤'} {r.target:g} {r.unit}"
        verdict = "—" if r.met is None else ("met" if r.met else "**missed**")
        p95 = "" if r.p95 is None else f"{r.p95:.3g} {r.unit}"
        lines.append(f"| {r.area} | {r.name} | {r.value:.3g} {r.unit} | {p95} | {target} | {verdict} | {r.detail} |")
    if failures:
        lines += ["", "## Benchmarks that could not run", ""] + [f"- {f}" for f in failures]
    out = REPO / "docs" / "PERFORMANCE.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(REPO)}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
