"""`posyandu-desktop report --data-dir D --month 2026-10 -o report.pdf`: the monthly F2 report
with the cadre performance sheet; `--format json` prints every number of it as JSON instead
(person ids in the lists; `reports/monthly_json.py`), to standard output unless `-o` is given."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

# Posyandu began in 1986; any earlier year is a typing mistake (and year 0 is no date at all).
_FIRST_YEAR = 1986


def _month(text: str) -> tuple[int, int]:
    found = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})", text.strip())
    if found is None or not 1 <= int(found[2]) <= 12 or int(found[1]) < _FIRST_YEAR:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month like 2026-10")
    return int(found[1]), int(found[2])


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `report` subcommand."""
    from posyandu_desktop.commands._data import open_or_say, output_problem
    from posyandu_desktop.files import write_atomically
    from posyandu_desktop.reports.monthly_json import dumps
    from posyandu_desktop.reports.monthly_report import write_monthly_report
    from posyandu_desktop.services.reports import monthly_report_data, this_posyandu_id
    from posyandu_desktop.settings import resource_path

    parser = argparse.ArgumentParser(
        prog="posyandu-desktop report",
        description="Print the monthly Posyandu report (F2 and cadre performance) as PDF.",
    )
    parser.add_argument("--data-dir", type=Path, required=True, help="the data folder")
    parser.add_argument("--month", type=_month, required=True, help="YYYY-MM")
    parser.add_argument("-o", "--output", type=Path, help="file to write (PDF: required)")
    parser.add_argument("--format", choices=("pdf", "json"), default="pdf", help="pdf (default)")
    parser.add_argument("--lang", default="id", help="id (default) or en")
    args = parser.parse_args(argv)
    prog = parser.prog
    if args.output is None and args.format == "pdf":
        parser.error("-o/--output is required for a PDF")
    problem = None if args.output is None else output_problem(args.output)
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
        data = monthly_report_data(opened.database, posyandu_id, year, month)
    finally:
        opened.database.close()
    if args.format == "json" and args.output is None:
        sys.stdout.write(dumps(data))
        return 0
    try:
        if args.format == "json":
            write_atomically(args.output, dumps(data).encode("utf-8"))
        else:
            write_monthly_report(data, args.output, resource_path("fonts"), lang=args.lang)
    except OSError as error:
        print(f"{prog}: {args.output} could not be written: {error.strerror}", file=sys.stderr)
        return 1
    print(args.output, file=sys.stderr)
    return 0
