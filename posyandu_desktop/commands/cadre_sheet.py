"""`posyandu-desktop cadre-sheet --data-dir D --month 2026-10 --out F.pdf|F.xlsx`: the monthly
cadre sheet for the city (days and desks, people served, home visits, referrals, corrections,
data quality, stratum and certificates per cadre)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from posyandu_desktop.commands.report import _month


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `cadre-sheet` subcommand."""
    from posyandu_desktop.commands._data import open_or_say, output_problem
    from posyandu_desktop.reports.cadre_sheet import write_cadre_sheet
    from posyandu_desktop.services.reports import cadre_sheet, this_posyandu_id
    from posyandu_desktop.settings import resource_path

    parser = argparse.ArgumentParser(
        prog="posyandu-desktop cadre-sheet",
        description="Write the monthly cadre sheet for the city as PDF or XLSX.",
    )
    parser.add_argument("--data-dir", type=Path, required=True, help="the data folder")
    parser.add_argument("--month", type=_month, required=True, help="YYYY-MM")
    parser.add_argument("--out", "-o", type=Path, required=True, help="F.pdf or F.xlsx")
    parser.add_argument("--lang", default="id", help="id (default) or en")
    args = parser.parse_args(argv)
    prog = parser.prog
    problem = output_problem(args.out)
    if problem is None and args.out.suffix.lower() not in (".pdf", ".xlsx"):
        problem = f"{args.out}: give a file name ending in .pdf or .xlsx"
    if problem is not None:
        print(f"{prog}: {problem}", file=sys.stderr)
        return 1
    opened = open_or_say(prog, args.data_dir)
    if opened is None:
        return 1
    try:
        posyandu_id = this_posyandu_id(opened.database)
        if posyandu_id is None:
            print(f"{prog}: no Posyandu in {args.data_dir}", file=sys.stderr)
            return 1
        year, month = args.month
        try:
            sheet = cadre_sheet(opened.database, posyandu_id, year, month, data_dir=args.data_dir)
        except ValueError as error:  # the data folder's own cadre-sheet.json is not valid
            print(f"{prog}: {args.data_dir / 'cadre-sheet.json'}: {error}", file=sys.stderr)
            return 1
    finally:
        opened.database.close()
    try:
        write_cadre_sheet(sheet, args.out, resource_path("fonts"), lang=args.lang)
    except OSError as error:
        print(f"{prog}: {args.out} could not be written: {error.strerror}", file=sys.stderr)
        return 1
    print(args.out, file=sys.stderr)
    return 0
