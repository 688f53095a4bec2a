"""`posyandu-desktop [subcommand]`: no subcommand starts the desktop app; the rest run headless."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Sequence

from posyandu_desktop import __version__

USAGE = f"""posyandu-desktop {__version__}

usage: posyandu-desktop [--data-dir DIR] [--demo] [--lang id|en] [--smoke]
       posyandu-desktop COMMAND [ARGS...]

With no command, the desktop app starts: --data-dir picks the data folder, --demo tries the app
on a synthetic Posyandu (in its own folder), --lang en switches to English, --smoke opens every
screen and quits (exit code 0 when all is well).

commands:
  anthro IN.csv -o OUT.csv   WHO z-scores for a CSV file (WHO anthro column names)
  demo --data-dir DIR        a data folder with a synthetic Posyandu (no real people)
  simulate-scale             a virtual serial scale (pty) for trying the measuring desk
  card --data-dir D --person ID -o card.pdf      a child's KMS growth card (PDF)
  report --data-dir D --month 2026-10 -o r.pdf   the monthly Posyandu report (PDF)
  cadre-sheet --data-dir D --month 2026-10 --out F.pdf|F.xlsx   the monthly cadre sheet
  init --data-dir D --posyandu-name N --code C  a Posyandu registry without the wizard
  init --data-dir P --mode puskesmas --name N    a Puskesmas-mode folder with its key pair
  import FILE --data-dir D [--dry-run]           children and weighings from e-PPGBM, a register
  eppgbm-pack --data-dir D --month 2026-10 -o F.xlsx   typing aid for e-PPGBM (.xlsx or .pdf)
  sip-register --data-dir D --year 2026 -o F.xlsx      SIP Register Bayi dan Balita (.xlsx, .pdf)
  puskesmas-key --data-dir P                     the line a Posyandu laptop registers
  set-puskesmas-key --data-dir D LINE_OR_FILE    register the puskesmas's key on this laptop
  export --data-dir D --month 2026-10 --out DIR  the month's signed, encrypted file
  verify FILE... --data-dir P | --trust KEYS     check export files (signature, key, hashes, chain)
  merge FILE... --out DIR --data-dir P           one month's recap across Posyandu (PDF, XLSX)
  selfcheck [--data-dir EMPTY_DIR]               check this installation works (headless)

Run `posyandu-desktop COMMAND --help` for a command's options.
"""


def _anthro(argv: Sequence[str]) -> int:
    from posyandu_desktop.commands.anthro import main

    return main(argv)


def _demo(argv: Sequence[str]) -> int:
    from posyandu_desktop.commands.demo import main

    return main(argv)


def _simulate_scale(argv: Sequence[str]) -> int:
    from posyandu_desktop.commands.simulate_scale import main

    return main(argv)


def _card(argv: Sequence[str]) -> int:
    from posyandu_desktop.commands.card import main

    return main(argv)


def _report(argv: Sequence[str]) -> int:
    from posyandu_desktop.commands.report import main

    return main(argv)


def _cadre_sheet(argv: Sequence[str]) -> int:
    from posyandu_desktop.commands.cadre_sheet import main

    return main(argv)


def _init(argv: Sequence[str]) -> int:
    from posyandu_desktop.commands.init import main

    return main(argv)


def _puskesmas_key(argv: Sequence[str]) -> int:
    from posyandu_desktop.commands.puskesmas_key import show

    return show(argv)


def _set_puskesmas_key(argv: Sequence[str]) -> int:
    from posyandu_desktop.commands.puskesmas_key import register

    return register(argv)


def _export(argv: Sequence[str]) -> int:
    from posyandu_desktop.commands.export import main

    return main(argv)


def _verify(argv: Sequence[str]) -> int:
    from posyandu_desktop.commands.verify import main

    return main(argv)


def _merge(argv: Sequence[str]) -> int:
    from posyandu_desktop.commands.merge import main

    return main(argv)


def _import(argv: Sequence[str]) -> int:
    from posyandu_desktop.commands.import_file import main

    return main(argv)


def _eppgbm_pack(argv: Sequence[str]) -> int:
    from posyandu_desktop.commands.registers import eppgbm_pack_main

    return eppgbm_pack_main(argv)


def _sip_register(argv: Sequence[str]) -> int:
    from posyandu_desktop.commands.registers import sip_register_main

    return sip_register_main(argv)


def _selfcheck(argv: Sequence[str]) -> int:
    from posyandu_desktop.commands.selfcheck import main

    return main(argv)


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "anthro": _anthro,
    "demo": _demo,
    "simulate-scale": _simulate_scale,
    "card": _card,
    "report": _report,
    "cadre-sheet": _cadre_sheet,
    "init": _init,
    "import": _import,
    "eppgbm-pack": _eppgbm_pack,
    "sip-register": _sip_register,
    "puskesmas-key": _puskesmas_key,
    "set-puskesmas-key": _set_puskesmas_key,
    "export": _export,
    "verify": _verify,
    "merge": _merge,
    "selfcheck": _selfcheck,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to a subcommand; imports stay lazy so each command starts fast."""
    multiprocessing.freeze_support()  # batch commands use worker processes, also when frozen
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        return COMMANDS[args[0]](args[1:])
    if args and args[0] in ("--version", "-V"):
        print(__version__)
        return 0
    if args and args[0] in ("-h", "--help"):
        print(USAGE)
        return 0
    if not args or args[0].startswith("-"):  # no command: the desktop app, with its options
        from posyandu_desktop.app import main as run_app

        return run_app(args)
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
