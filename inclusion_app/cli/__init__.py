"""The `inclusion-app` command: with no sub-command it opens the window; otherwise a headless tool.

Each area registers its own commands in its own module (`forms_cmd`, `storage_cmd`, `sync_cmd`,
`speech_cmd`), so this file only dispatches. Handlers take (args, ctx) and return an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from inclusion_app import __version__, i18n, paths
from inclusion_app import settings as settings_mod

COMMAND_MODULES = ("forms_cmd", "pull_cmd", "storage_cmd", "sync_cmd", "speech_cmd", "fonts_cmd",
                   "volunteer_cmd", "settings_cmd", "stats_cmd", "kiosk_cmd")

Handler = Callable[[argparse.Namespace, "Context"], int]
LANG_HELP = ("language of the messages (and of form texts), e.g. zh or en; "
             "default: the one chosen in the program's settings")


@dataclass
class Context:
    """What every command needs: the folders and the settings, resolved once."""

    data_dir: str | None = None
    out: object = field(default_factory=lambda: sys.stdout)
    kiosk: bool = False  # the window full-screen, frameless, closed only by a volunteer

    @cached_property
    def paths(self) -> paths.AppPaths:
        return paths.resolve(self.data_dir).ensure()

    @cached_property
    def settings(self) -> settings_mod.Settings:
        return settings_mod.load(self.paths.settings_file)

    def save_settings(self) -> None:
        settings_mod.save(self.settings, self.paths.settings_file)


class Registry:
    """Lets several modules add commands, including under one shared group such as `outbox`."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self._top = parser.add_subparsers(dest="command", metavar="COMMAND")
        self._groups: dict[str, argparse._SubParsersAction] = {}
        # Every command also takes --lang after its name; SUPPRESS keeps one given before it.
        self._common = argparse.ArgumentParser(add_help=False)
        self._common.add_argument("--lang", metavar="CODE", default=argparse.SUPPRESS, help=LANG_HELP)

    def command(self, name: str, handler: Handler, help: str, own_lang: bool = False) -> argparse.ArgumentParser:
        """own_lang: the command defines its own --lang (e.g. the language of a text to speak)."""
        parents = [] if own_lang else [self._common]
        sub = self._top.add_parser(name, help=help, description=help, parents=parents)
        sub.set_defaults(handler=handler)
        return sub

    def group(self, name: str, help: str) -> argparse._SubParsersAction:
        if name not in self._groups:
            parent = self._top.add_parser(name, help=help, description=help)
            parent.set_defaults(handler=_group_usage(parent))
            self._groups[name] = parent.add_subparsers(dest=f"{name}_command", metavar="ACTION")
        return self._groups[name]

    def subcommand(
        self, group: str, name: str, handler: Handler, help: str, group_help: str = ""
    ) -> argparse.ArgumentParser:
        sub = self.group(group, group_help or group).add_parser(name, help=help, description=help,
                                                                 parents=[self._common])
        sub.set_defaults(handler=handler)
        return sub


def _group_usage(parser: argparse.ArgumentParser) -> Handler:
    def handler(args: argparse.Namespace, ctx: Context) -> int:
        parser.print_help(sys.stderr)
        return 2

    return handler


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inclusion-app",
        description="Inclusion Assistant: large-type, spoken public-service forms.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help="folder for the database and settings "
        "(default: the platform's user data folder; also INCLUSION_APP_DATA_DIR)"
    )
    parser.add_argument("--kiosk", action="store_true", help="open the window full-screen with "
                        "no frame, closed only from the volunteer corner (the kiosk session)")
    parser.add_argument("--lang", metavar="CODE", help=LANG_HELP)
    registry = Registry(parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"inclusion_app.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"inclusion_app.cli.{name}":
                continue  # that area is not built yet
            raise
        module.register(registry)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    ctx = Context(data_dir=args.data_dir, kiosk=args.kiosk)
    handler = getattr(args, "handler", None)
    if handler is None:
        from inclusion_app.ui.app import run_gui  # imported late: headless commands never load Qt

        return run_gui(ctx)
    before = i18n.current_language()
    _use_language(args.lang, ctx)
    try:
        return int(handler(args, ctx) or 0)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `inclusion-app forms list | head`: the reader left; not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        i18n.set_language(before)


def _use_language(asked: str | None, ctx: Context) -> None:
    """Messages in --lang, else in the language chosen in the settings (as the window uses)."""
    chosen = asked
    if not chosen:
        try:
            chosen = ctx.settings.language
        except OSError:  # no data folder can be made (read-only home): keep the default
            chosen = None
    if chosen:
        i18n.set_language(chosen)
