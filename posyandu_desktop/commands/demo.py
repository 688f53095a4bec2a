"""`posyandu-desktop demo --data-dir DIR`: a data folder holding a realistic synthetic Posyandu,
and beside it (`DIR/demo-puskesmas`) a demo Puskesmas-mode folder, each side's key registered
with the other, so `export` then `verify`/`merge --data-dir DIR/demo-puskesmas` work as is."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `demo` subcommand."""
    from posyandu_desktop.commands._data import open_or_say
    from posyandu_desktop.services.export import DEMO_CODE_PREFIX, pair_demo_puskesmas
    from posyandu_desktop.services.setup import RegistryNotEmptyError, load_demo

    parser = argparse.ArgumentParser(
        prog="posyandu-desktop demo",
        description="Create a data folder with a synthetic Posyandu (no real people).",
    )
    parser.add_argument("--data-dir", type=Path, required=True, help="folder to create or fill")
    parser.add_argument("--children", type=int, default=60, help="children under five today")
    parser.add_argument("--months", type=int, default=12, help="months of monthly weighings")
    parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same data")
    parser.add_argument(
        "--today", type=date.fromisoformat, default=date.today(), help="YYYY-MM-DD (default: today)"
    )
    args = parser.parse_args(argv)
    if args.children < 1 or args.months < 1:
        parser.error("--children and --months must be at least 1")
    opened = open_or_say(parser.prog, args.data_dir, must_exist=False)  # demo makes the folder
    if opened is None:
        return 1
    show = sys.stderr.isatty()
    try:
        summary = load_demo(
            opened.database,
            today=args.today,
            children=args.children,
            months=args.months,
            seed=args.seed,
            on_progress=(lambda d, t: print(f"\r{d}/{t}", end="", file=sys.stderr))
            if show
            else None,
        )
    except RegistryNotEmptyError:
        print(
            f"posyandu-desktop demo: {args.data_dir} already holds a Posyandu; "
            "demo data goes only into an empty folder",
            file=sys.stderr,
        )
        return 1
    finally:
        opened.database.close()
    puskesmas = pair_demo_puskesmas(args.data_dir, f"{DEMO_CODE_PREFIX}{args.seed}", summary.name)
    print(
        f"{summary.name}: {summary.people} people, {summary.measurements} measurements, "
        f"{summary.days} Posyandu days -> {args.data_dir}"
        f" (puskesmas: {puskesmas})",
        file=sys.stderr,
    )
    return 0
