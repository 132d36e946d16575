"""Setting the volunteer PIN, which only whoever installs the computer may do.

`inclusion-app volunteer set-pin` asks twice without echo at a terminal, or reads standard
input when it is not a terminal (for scripts that set up many computers): the new PIN on the
first line, or, when a PIN is already set, the current PIN on the first line and the new one
on the second. `inclusion-app setup` opens the small set-up window instead.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from inclusion_app import volunteer_pin
from inclusion_app.i18n import _


def _read_pins(has_pin: bool) -> tuple[str | None, str, str | None]:
    """(current, new, new again) from the terminal or from standard input."""
    if not sys.stdin.isatty():
        lines = [line.strip() for line in sys.stdin.read().splitlines()]
        lines += ["", ""]
        if has_pin:
            return lines[0], lines[1], None
        return None, lines[0], None
    old = getpass.getpass(_("Current volunteer PIN: ")).strip() if has_pin else None
    new = getpass.getpass(_("New volunteer PIN ({low} to {high} digits): ").format(
        low=volunteer_pin.MIN_LENGTH, high=volunteer_pin.MAX_LENGTH)).strip()
    again = getpass.getpass(_("The same PIN again: ")).strip()
    return old, new, again


def set_pin(args: argparse.Namespace, ctx) -> int:  # noqa: ANN001 - cli.Context
    paths = ctx.paths
    has_pin = volunteer_pin.pin_is_set(paths)
    old, new, again = _read_pins(has_pin)
    try:
        volunteer_pin.set_pin(paths, new, old=old, again=again)
    except volunteer_pin.PinError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print(_("The PIN could not be saved: {reason}").format(reason=exc.strerror or exc),
              file=sys.stderr)
        return 1
    print(_("The volunteer PIN is changed.") if has_pin else _("The volunteer PIN is set."),
          file=ctx.out)
    return 0


def setup_window(args: argparse.Namespace, ctx) -> int:  # noqa: ANN001 - cli.Context
    from inclusion_app.ui.setup_window import run_setup  # Qt only for this command

    return run_setup(ctx)


def register(registry) -> None:  # noqa: ANN001 - cli.Registry
    registry.subcommand(
        "volunteer", "set-pin", set_pin,
        help="set or change the volunteer PIN (typed twice, or read from standard input)",
        group_help="the volunteer corner's PIN")
    registry.command("setup", setup_window,
                     help="open the set-up window (volunteer PIN) for whoever installs the computer")
