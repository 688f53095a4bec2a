"""`posyandu-desktop card --data-dir D --person ID -o card.pdf`: a child's KMS growth card."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `card` subcommand."""
    from posyandu_desktop.commands._data import open_or_say, output_problem
    from posyandu_desktop.reports.growth_card import write_growth_card
    from posyandu_desktop.services.reports import growth_card_data
    from posyandu_desktop.settings import resource_path

    parser = argparse.ArgumentParser(
        prog="posyandu-desktop card", description="Print a child's growth card (KMS) as PDF."
    )
    parser.add_argument("--data-dir", type=Path, required=True, help="the data folder")
    parser.add_argument("--person", type=int, required=True, help="the child's id")
    parser.add_argument("-o", "--output", type=Path, required=True, help="PDF file to write")
    parser.add_argument("--lang", default="id", help="id (default) or en")
    args = parser.parse_args(argv)
    prog = parser.prog
    problem = output_problem(args.output)
    if problem is not None:
        print(f"{prog}: {problem}", file=sys.stderr)
        return 1
    opened = open_or_say(prog, args.data_dir)
    if opened is None:
        return 1
    try:
        card = growth_card_data(opened.database, args.person)
    finally:
        opened.database.close()
    if card is None:
        print(f"{prog}: no person {args.person}", file=sys.stderr)
        return 1
    try:
        write_growth_card(card, args.output, resource_path("fonts"), lang=args.lang)
    except OSError as error:
        print(f"{prog}: {args.output} could not be written: {error.strerror}", file=sys.stderr)
        return 1
    print(args.output, file=sys.stderr)
    return 0
