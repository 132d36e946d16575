"""Run every benchmarks/bench_*.py and write docs/PERFORMANCE.md; exit 1 if any target is missed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import json
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

RESULTS = "@@results "


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
        dirty = subprocess.run(["git", "status", "--porcelain", "--", ".", ":!docs/PERFORMANCE.md"],
                               cwd=REPO, capture_output=True, text=True)
        return out.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")
    except OSError:
        return "unknown"


def run_one(path: Path) -> list[Result]:
    """One benchmark module in a fresh process, so memory figures are its own, not the run's."""
    out = subprocess.run([sys.executable, __file__, "--child", str(path)], cwd=REPO,
                         capture_output=True, text=True)
    sys.stderr.write(out.stderr[-4000:] if out.returncode else "")
    marker = [line for line in out.stdout.splitlines() if line.startswith(RESULTS)]
    if out.returncode or not marker:
        last = (out.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(last)
    return [Result(**item) for item in json.loads(marker[-1][len(RESULTS):])]


def child(path: Path) -> int:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    got = module.run()
    print(RESULTS + json.dumps([dataclasses.asdict(r) for r in got]), flush=True)
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        return child(Path(argv[1]))
    only = set(argv)
    results: list[Result] = []
    failures: list[str] = []
    for path in sorted(HERE.glob("bench_*.py")):
        if only and path.stem not in only:
            continue
        print(f"== {path.stem}", flush=True)
        try:
            got = run_one(path)
        except Exception:  # a benchmark that cannot run is a failure, reported, not hidden
            failures.append(f"{path.stem}: {traceback.format_exc().strip().splitlines()[-1]}")
            traceback.print_exc()
            continue
        for r in got:
            verdict = "" if r.met is None else ("met" if r.met else "MISSED")
            print(f"   {r.name}: {r.value:.3g} {r.unit} (target {r.target}) {verdict}")
        results.extend(got)
    write_report(results, failures)
    missed = [r for r in results if r.met is False]
    return 1 if missed or failures else 0


MEMORY_NOTES = (
    "Peak memory is VmHWM (peak resident set) summed over the program and the helper "
    "processes alive at the end, an upper bound: their peaks need not coincide.",
    "Resident memory counts mapped files (Qt, cryptography, fonts) in full in each process, "
    "although the page cache shares them. How much of a file counts depends on how the kernel "
    "holds it: a file just written (by pip in `make setup`) is kept in large blocks, and "
    "touching one byte maps a whole block. The measured sessions therefore start as after a "
    "restart, with the program's files released from the page cache (posix_fadvise; no root); "
    "the same session with the files as found is reported beside them (about 10 MiB more "
    "straight after `make setup` on Linux 6.18).",
    "Chinese is drawn with the compact copy of Noto Sans CJK SC that `make setup` builds "
    "(`inclusion-app fonts`): the same glyphs, 3.7 MB per weight instead of 20 MB. Without it "
    "the session figure is about 8 MiB higher.",
)


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
    lines += ["", "## How to read the memory figures", ""] + [f"- {n}" for n in MEMORY_NOTES]
    if failures:
        lines += ["", "## Benchmarks that could not run", ""] + [f"- {f}" for f in failures]
    out = REPO / "docs" / "PERFORMANCE.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(REPO)}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
