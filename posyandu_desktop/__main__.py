"""`posyandu-desktop [subcommand]`: no subcommand starts the desktop app; the rest run headless."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Sequence

from posyandu_desktop import __version__

USAGE = f"""posyandu-desktop {__version__}

usage: posyandu-desktop [COMMAND] [ARGS...]

commands:
  anthro IN.csv -o OUT.csv   WHO z-scores for a CSV file (WHO anthro column names)
  demo --data-dir DIR        a data folder with a synthetic Posyandu (no real people)

Run `posyandu-desktop COMMAND --help` for a command's options.
"""


def _anthro(argv: Sequence[str]) -> int:
    from posyandu_desktop.commands.anthro import main

    return main(argv)


def _demo(argv: Sequence[str]) -> int:
    from posyandu_desktop.commands.demo import main

    return main(argv)


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {"anthro": _anthro, "demo": _demo}


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to a subcommand; imports stay lazy so each command starts fast."""
    multiprocessing.freeze_support()  # batch commands use worker processes, also when frozen
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        return COMMANDS[args[0]](args[1:])
    if args and args[0] in ("--version", "-V"):
        print(__version__)
        return 0
    print(USAGE, file=sys.stderr if args and args[0] not in ("-h", "--help") else sys.stdout)
    return 0 if not args or args[0] in ("-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main())
