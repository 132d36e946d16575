"""`inclusion-app fonts`: make the compact Chinese face once (run by `make setup`)."""

from __future__ import annotations

import argparse
from typing import Any


def register(registry: Any) -> None:
    cmd = registry.command(
        "fonts", _fonts, "Make the program's compact copy of the Chinese font (less memory)."
    )
    cmd.add_argument("--force", action="store_true", help="make it again even if up to date")


def _fonts(args: argparse.Namespace, ctx: Any) -> int:
    from inclusion_app import fonts

    try:
        made = fonts.build(force=args.force)
    except ImportError:
        print("fontTools is not installed: the full system font will be used.", file=ctx.out)
        return 1
    except OSError as exc:
        print(f"Could not write the font copy ({exc}): the full system font will be used.",
              file=ctx.out)
        return 1
    if not made:
        print("No Noto Sans CJK or Source Han Sans font was found: install fonts-noto-cjk. "
              "Until then Chinese is drawn with whatever font the computer has.", file=ctx.out)
        return 1
    for path in made:
        print(f"Ready: {path} ({path.stat().st_size / 2**20:.1f} MB)", file=ctx.out)
    return 0
