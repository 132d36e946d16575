"""`inclusion-app settings list | set KEY VALUE`: the corner's settings for scripts.

`list` prints `KEY = VALUE`, one per line, never a secret. `set` checks the key and the value
(see settings_keys) and exits 1 with the valid keys or values named, never a traceback.
"""

from __future__ import annotations

import argparse
import sys

from inclusion_app.i18n import _
from inclusion_app.settings_keys import SettingError, apply, listing


def settings_list(args: argparse.Namespace, ctx) -> int:  # noqa: ANN001 - ctx is cli.Context
    for key, value in listing(ctx.settings):
        print(f"{key} = {value}", file=ctx.out)
    return 0


def settings_set(args: argparse.Namespace, ctx) -> int:  # noqa: ANN001
    try:
        shown = apply(ctx.settings, args.key, args.value)
    except SettingError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    try:
        ctx.save_settings()
    except OSError as exc:
        print(_("The settings could not be saved: {reason}").format(
            reason=exc.strerror or exc), file=sys.stderr)
        return 1
    print(f"{args.key} = {shown}", file=ctx.out)
    return 0


def register(registry) -> None:  # noqa: ANN001 - cli.Registry
    gh = "the settings of the volunteer corner (language, text size, voice, keeping, ...)"
    registry.subcommand("settings", "list", settings_list, "show every setting as KEY = VALUE", gh)
    sub = registry.subcommand("settings", "set", settings_set, "change one setting", gh)
    sub.add_argument("key")
    sub.add_argument("value")
