"""`inclusion-app kiosk enable|disable|status|run`: the full-screen session at log-in.

Run by an administrator *as the kiosk account* (docs/INSTALLING.md): `enable` writes that
account's autostart entry, which runs `kiosk run` at each log-in: the watchdog that keeps the
window open (inclusion_app/kiosk.py).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from inclusion_app import kiosk
from inclusion_app.i18n import _


def register(registry: Any) -> None:
    group = "the kiosk session: full-screen at log-in, restarted if it stops"
    registry.subcommand("kiosk", "enable", _enable,
                        "start full-screen at each log-in of this account", group)
    registry.subcommand("kiosk", "disable", _disable, "stop starting at log-in", group)
    registry.subcommand("kiosk", "status", _status, "is this account a kiosk?", group)
    registry.subcommand("kiosk", "run", _run,
                        "the watchdog the log-in starts: the window, again if it stops", group)


def _enable(args: argparse.Namespace, ctx: Any) -> int:
    try:
        path = kiosk.enable(args.data_dir)
    except kiosk.KioskError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(_("Kiosk session on: the program starts full-screen at this account's next log-in "
            "({path}).").format(path=path), file=ctx.out)
    return 0


def _disable(args: argparse.Namespace, ctx: Any) -> int:
    try:
        path = kiosk.disable()
    except kiosk.KioskError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(_("Kiosk session off.") if path else _("The kiosk session was not on."), file=ctx.out)
    return 0


def _status(args: argparse.Namespace, ctx: Any) -> int:
    on = kiosk.enabled()
    print(_("Kiosk session on.") if on else _("Kiosk session off."), file=ctx.out)
    return 0 if on else 1


def _run(args: argparse.Namespace, ctx: Any) -> int:
    log = kiosk.log_to(ctx.paths.data / "kiosk.log")
    return kiosk.Watchdog(kiosk.window_command(args.data_dir), log).run()
