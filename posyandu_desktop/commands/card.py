"""`posyandu-desktop card --data-dir D --person ID -o card.pdf`: a child's KMS growth card."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `card` subcommand."""
    from posyandu_desktop.reports.growth_card import write_growth_card
    from posyandu_desktop.services import Opened, open_data_folder
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
    opened = open_data_folder(args.data_dir)
    if not isinstance(opened, Opened):
        print(
            f"posyandu-desktop card: cannot open {args.data_dir}: {opened.problem}", file=sys.stderr
        )
        return 1
    try:
        card = growth_card_data(opened.database, args.person)
    finally:
        opened.database.close()
    if card is None:
        print(f"posyandu-desktop card: no person {args.person}", file=sys.stderr)
        return 1
    write_growth_card(card, args.output, resource_path("fonts"), lang=args.lang)
    print(args.output, file=sys.stderr)
    return 0
