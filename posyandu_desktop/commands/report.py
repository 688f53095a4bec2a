"""`posyandu-desktop report --data-dir D --month 2026-10 -o report.pdf`: the monthly F2 report
with the cadre performance sheet."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from posyandu_desktop.domain.quality import QualityFigures

# Posyandu began in 1986; any earlier year is a typing mistake (and year 0 is no date at all).
_FIRST_YEAR = 1986


def _month(text: str) -> tuple[int, int]:
    found = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})", text.strip())
    if found is None or not 1 <= int(found[2]) <= 12 or int(found[1]) < _FIRST_YEAR:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month like 2026-10")
    return int(found[1]), int(found[2])


def quality_json(q: QualityFigures) -> dict[str, object]:
    """The "quality" section of `report --format json` (domain/quality.py): counts, shares in
    percent and scores, None where there was nothing to compute."""
    return {
        "measurements": q.measurements,
        "values": q.values,
        "doubtful": q.doubtful,
        "doubtful_percent": q.doubtful_percent,
        "weight_digit_score": q.weight_digit_score,
        "length_digit_score": q.lenhei_digit_score,
        "under_two_measured": q.under_two_measured,
        "under_two_lying": q.under_two_lying,
        "length_due": q.length_due,
        "length_missing": q.length_missing,
        "lila_due": q.lila_due,
        "lila_missing": q.lila_missing,
        "sd": {"waz": q.sd_waz, "haz": q.sd_haz, "whz": q.sd_whz},
        "sd_outside_expected": list(q.sds_outside_expected),
        "twice_same_day": q.twice_same_day,
        "corrected_records": q.corrected_records,
        "corrections": q.corrections,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `report` subcommand."""
    from posyandu_desktop.commands._data import open_or_say, output_problem
    from posyandu_desktop.reports.monthly_report import write_monthly_report
    from posyandu_desktop.services.reports import monthly_report_data, this_posyandu_id
    from posyandu_desktop.settings import resource_path

    parser = argparse.ArgumentParser(
        prog="posyandu-desktop report",
        description="Print the monthly Posyandu report (F2 and cadre performance) as PDF.",
    )
    parser.add_argument("--data-dir", type=Path, required=True, help="the data folder")
    parser.add_argument("--month", type=_month, required=True, help="YYYY-MM")
    parser.add_argument("-o", "--output", type=Path, help="PDF file to write")
    parser.add_argument("--lang", default="id", help="id (default) or en")
    parser.add_argument(
        "--format", choices=("pdf", "json"), default="pdf", help="pdf (default) or json (stdout)"
    )
    args = parser.parse_args(argv)
    prog = parser.prog
    if args.format == "pdf" and args.output is None:
        parser.error("-o/--output is needed for the PDF")
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
    if args.format == "json":
        found = {"month": f"{year:04d}-{month:02d}"}
        quality = None if data.quality is None else quality_json(data.quality)
        print(json.dumps({**found, "quality": quality}, ensure_ascii=False, indent=1))
        return 0
    try:
        write_monthly_report(data, args.output, resource_path("fonts"), lang=args.lang)
    except OSError as error:
        print(f"{prog}: {args.output} could not be written: {error.strerror}", file=sys.stderr)
        return 1
    print(args.output, file=sys.stderr)
    return 0
