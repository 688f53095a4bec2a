"""`posyandu-desktop export --data-dir D --month 2026-10 --out DIR`: the month's signed export
file, kept in the data folder and copied (read back and checked) to DIR."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from posyandu_desktop.commands.report import _month


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `export` subcommand."""
    from posyandu_desktop.commands._data import open_or_say
    from posyandu_desktop.exchange.package import Period
    from posyandu_desktop.exchange.usb import CopyError
    from posyandu_desktop.exchange.words import copy_problem_text
    from posyandu_desktop.i18n import _, install, problem_label
    from posyandu_desktop.services.export import copy_to_drive, export_month

    parser = argparse.ArgumentParser(
        prog="posyandu-desktop export",
        description="Make the month's signed export file for the puskesmas and copy it to DIR.",
    )
    parser.add_argument("--data-dir", type=Path, required=True, help="the data folder")
    parser.add_argument("--month", type=_month, required=True, help="YYYY-MM")
    parser.add_argument("--out", type=Path, required=True, help="folder to copy the file to")
    parser.add_argument("--lang", default="id", help="id (default) or en")
    args = parser.parse_args(argv)
    install(args.lang)
    if not args.out.is_dir():
        # Checked first: a mistyped folder is not a stick pulled out halfway through the copy.
        message = _("The folder {folder} does not exist: check the drive letter or the path")
        print(f"{parser.prog}: {message.format(folder=args.out)}", file=sys.stderr)
        return 1
    opened = open_or_say("posyandu-desktop export", args.data_dir)
    if opened is None:
        return 1
    db, now = opened.database, datetime.now().astimezone()
    try:
        made = export_month(db, args.data_dir, Period(*args.month), cadre_id=None, now=now)
        if made.value is None:
            for issue in made.problems:
                print(problem_label(issue.problem).format(found=issue.found), file=sys.stderr)
            return 1
        written = copy_to_drive(db, args.data_dir, made.value, args.out, cadre_id=None, now=now)
    except CopyError as error:
        print(copy_problem_text(error.problem, error.detail), file=sys.stderr)
        return 1
    finally:
        db.close()
    print(written)
    print(_("Written, read back and checked."), file=sys.stderr)
    return 0
