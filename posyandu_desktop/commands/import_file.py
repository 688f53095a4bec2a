"""`posyandu-desktop import FILE --data-dir D [--dry-run] [--mapping M.json]`: bring in the
children and past measurements of an e-PPGBM "data pengukuran" export (HTML ".xls", .xlsx or CSV)
or of a Posyandu's own register (columns named by a mapping file, remembered for the next time).

The report lists people new / matched / to confirm / in conflict, measurements new / already
there / refused with reasons, the rows where e-PPGBM's z-scores differ from ours, and children
entered twice in the file. Exit status 0 when the file was read, 1 when it was refused.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

_LISTED = 20  # lines of each list printed; the counts cover all


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `import` subcommand."""
    from posyandu_desktop.commands._data import open_or_say
    from posyandu_desktop.i18n import _, install
    from posyandu_desktop.i18n.importing_words import file_problem_text, report_lines
    from posyandu_desktop.services.importing import (
        ImportRefusedError,
        import_file,
        read_mapping,
    )

    parser = argparse.ArgumentParser(
        prog="posyandu-desktop import",
        description="Import children and past measurements from an e-PPGBM export or a register.",
    )
    parser.add_argument("file", type=Path, help="the e-PPGBM export or register (.xls, .xlsx, CSV)")
    parser.add_argument("--data-dir", type=Path, required=True, help="the data folder")
    parser.add_argument("--dry-run", action="store_true", help="only report; change nothing")
    parser.add_argument("--mapping", type=Path, help="JSON {our field: their column name}")
    parser.add_argument(
        "--confirm-name-matches",
        action="store_true",
        help="the children listed 'to confirm' by a dry run were checked: they are the same",
    )
    parser.add_argument("--lang", default="id", help="id (default) or en")
    args = parser.parse_args(argv)
    install(args.lang)
    prog = parser.prog
    if not args.file.is_file():
        print(f"{prog}: " + _("{file} is not a file").format(file=args.file), file=sys.stderr)
        return 1
    opened = open_or_say(prog, args.data_dir)
    if opened is None:
        return 1
    db = opened.database
    try:
        mapping = read_mapping(args.mapping) if args.mapping else None
        report = import_file(
            db,
            args.data_dir,
            args.file,
            mapping=mapping,
            dry_run=args.dry_run,
            today=date.today(),
            confirmed=args.confirm_name_matches,
        )
    except ImportRefusedError as refused:
        print(f"{prog}: {file_problem_text(refused.problem, refused.detail)}", file=sys.stderr)
        return 1
    finally:
        db.close()
    print("\n".join(report_lines(report, listed=_LISTED)))
    return 0
