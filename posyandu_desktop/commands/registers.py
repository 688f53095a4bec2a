"""`posyandu-desktop eppgbm-pack --data-dir D --month 2026-10 -o FILE.xlsx|.pdf` (the typing aid
for e-PPGBM) and `posyandu-desktop sip-register --data-dir D --year 2026 -o FILE.xlsx|.pdf`
(the SIP "Register Bayi dan Balita")."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from posyandu_desktop.commands.report import _FIRST_YEAR, _month


def _year(text: str) -> int:
    if not text.strip().isdigit() or not _FIRST_YEAR <= int(text) <= 9999:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year like 2026")
    return int(text)


def _run(
    prog: str,
    description: str,
    period: tuple[str, Callable[[str], object], str],
    argv: Sequence[str] | None,
) -> int:
    from posyandu_desktop.commands._data import open_or_say, output_problem
    from posyandu_desktop.reports.eppgbm_pack import write_pack
    from posyandu_desktop.reports.sip_register import write_register
    from posyandu_desktop.services.reports import eppgbm_pack, sip_register
    from posyandu_desktop.settings import resource_path

    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--data-dir", type=Path, required=True, help="the data folder")
    flag, kind, example = period
    parser.add_argument(flag, type=kind, required=True, help=example)
    parser.add_argument("-o", "--output", type=Path, required=True, help="an .xlsx or .pdf file")
    args = parser.parse_args(argv)
    problem = output_problem(args.output)
    if problem is None and args.output.suffix.lower() not in (".xlsx", ".pdf"):
        problem = f"{args.output}: give a file name ending in .xlsx or .pdf"
    if problem is not None:
        print(f"{prog}: {problem}", file=sys.stderr)
        return 1
    opened = open_or_say(prog, args.data_dir)
    if opened is None:
        return 1
    try:
        if flag == "--month":
            year, month = args.month
            pack = eppgbm_pack(opened.database, year, month)
        else:
            register = sip_register(opened.database, args.year)
    finally:
        opened.database.close()
    fonts = resource_path("fonts")
    try:
        if flag == "--month":
            write_pack(pack, args.output, fonts)
        else:
            write_register(register, args.output, fonts)
    except OSError as error:
        print(f"{prog}: {args.output} could not be written: {error.strerror}", file=sys.stderr)
        return 1
    print(args.output, file=sys.stderr)
    return 0


def eppgbm_pack_main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `eppgbm-pack` subcommand."""
    return _run(
        "posyandu-desktop eppgbm-pack",
        "Write the month's typing aid for e-PPGBM (children new to e-PPGBM, the month's "
        "measurements) as XLSX or PDF. It is not an official import template.",
        ("--month", _month, "YYYY-MM"),
        argv,
    )


def sip_register_main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `sip-register` subcommand."""
    return _run(
        "posyandu-desktop sip-register",
        "Write the year's SIP register 'Register Bayi dan Balita' as XLSX or PDF.",
        ("--year", _year, "YYYY"),
        argv,
    )
