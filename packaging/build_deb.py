"""`make package`: the whole program as one Debian package in dist/, from what `make setup` made.

PyInstaller freezes the program with the interpreter and every Python library (pyxform, Qt,
cryptography...) into one folder, /usr/lib/inclusion-app; dpkg-deb wraps that folder, a small
/usr/bin/inclusion-app launcher, the menu entries, the icon and the maintainer scripts. The
system libraries Qt loads and the voice and fonts come from Debian (packaging/debian/depends).
Nothing is downloaded: PyInstaller is a PyPI wheel installed by `make setup`. Why this tool,
and how to build for other processors and for Windows: docs/INSTALLING.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "packaging"
NAME = "inclusion-app"


def version() -> str:
    text = (ROOT / "inclusion_app" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def depends() -> list[str]:
    lines = (HERE / "debian" / "depends").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], check=True, capture_output=True,
                          text=True).stdout.strip()


def freeze(build: Path) -> Path:
    """PyInstaller's one-folder build of the program (with the compact font, if set-up made it)."""
    fonts = Path(sys.prefix) / "share" / NAME / "fonts"
    env = dict(os.environ, INCLUSION_BUILD_ROOT=str(ROOT), INCLUSION_BUILD_FONTS=str(fonts))
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(build / "frozen"), "--workpath", str(build / "work"),
         str(HERE / f"{NAME}.spec")],
        check=True, env=env, cwd=ROOT,
    )
    return build / "frozen" / NAME


def _put(source: Path, target: Path, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def stage(frozen: Path, tree: Path, arch: str) -> None:
    """The package's file tree: program, launcher, menu entries, icon, docs, control files."""
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(frozen, tree / "usr" / "lib" / NAME, symlinks=True)
    _put(HERE / "debian" / f"{NAME}.sh", tree / "usr" / "bin" / NAME, 0o755)
    apps = tree / "usr" / "share" / "applications"
    for entry in (HERE / "menu").glob("*.desktop"):
        _put(entry, apps / entry.name)
    _put(HERE / "menu" / f"{NAME}.svg",
         tree / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{NAME}.svg")
    doc = tree / "usr" / "share" / "doc" / NAME
    _put(ROOT / "docs" / "INSTALLING.md", doc / "INSTALLING.md")
    _put(HERE / "debian" / "copyright", doc / "copyright")
    for folder in [tree, *tree.rglob("*")]:
        if folder.is_dir() and not folder.is_symlink():
            folder.chmod(0o755)
    control = tree / "DEBIAN"
    control.mkdir()
    for script in ("postinst", "postrm"):
        _put(HERE / "debian" / script, control / script, 0o755)
    size_kib = sum(p.stat().st_size for p in tree.rglob("*") if p.is_file() and not p.is_symlink())
    (control / "control").write_text(
        (HERE / "debian" / "control.in").read_text(encoding="utf-8").format(
            version=version(), arch=arch, installed_size=size_kib // 1024 + 1,
            depends=", ".join(depends())),
        encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "dist"), help="folder for the .deb")
    parser.add_argument("--build", default=str(ROOT / "build" / "package"), help="work folder")
    args = parser.parse_args(argv)
    build, out = Path(args.build), Path(args.out)
    arch = architecture()
    frozen = freeze(build)
    tree = build / f"{NAME}_{version()}_{arch}"
    stage(frozen, tree, arch)
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"{NAME}_{version()}_{arch}.deb"
    # gzip: every dpkg reads it (UOS and Kylin ship older ones than zstd needs), and on two
    # cores it packs the 300 MB tree in well under a minute where xz takes several.
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zgzip", "--build", str(tree), str(deb)],
                   check=True, stdout=subprocess.DEVNULL)
    print(f"built {deb.relative_to(ROOT) if deb.is_relative_to(ROOT) else deb}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
