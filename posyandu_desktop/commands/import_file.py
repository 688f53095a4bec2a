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
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

_LISTED = 20  # lines of each list printed; the counts cover all


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `import` subcommand."""
    from posyandu_desktop.commands._data import open_or_say
    from posyandu_desktop.i18n import _, install
    from posyandu_desktop.i18n.import_labels import file_problem_text
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
            db, args.data_dir, args.file, mapping=mapping, dry_run=args.dry_run, today=date.today()
        )
    except ImportRefusedError as refused:
        print(f"{prog}: {file_problem_text(refused.problem, refused.detail)}", file=sys.stderr)
        return 1
    finally:
        db.close()
    _print(report)
    return 0


def _print(report: object) -> None:
    from posyandu_desktop.i18n import _, format_date, format_decimal
    from posyandu_desktop.i18n.import_labels import difference_text, row_problem_text
    from posyandu_desktop.services.importing import ImportReport

    assert isinstance(report, ImportReport)
    say = print
    if report.dry_run:
        say(_("Dry run: nothing was changed."))
    elif report.backup is not None:
        say(_("Backup taken first: {path}").format(path=report.backup.path))
    say(_("Rows read: {count}").format(count=report.rows))
    say(
        _(
            "People: {new} new, {matched} matched, {confirm} to confirm, {conflict} in conflict"
        ).format(
            new=report.people_new,
            matched=report.people_matched,
            confirm=len(report.to_confirm),
            conflict=len(report.conflicts),
        )
    )
    say(
        _("Measurements: {new} new, {there} already there, {refused} refused").format(
            new=report.measurements_new, there=report.already_there, refused=len(report.refused)
        )
    )
    for problem, count in Counter(p for _line, p in report.refused).most_common():
        say(
            "  "
            + _("{count} refused: {reason}").format(count=count, reason=row_problem_text(problem))
        )
    for title, people in (
        (_("To confirm (same name and birth date as a registered child):"), report.to_confirm),
        (_("In conflict (same NIK, another name or birth date):"), report.conflicts),
    ):
        if people:
            say(title)
        for p in people[:_LISTED]:
            say(
                "  "
                + _("line {line}: {name}, born {born}").format(
                    line=p.line, name=p.name, born=format_date(p.birth_date)
                )
            )
    if report.duplicates:
        say(_("Children who may be entered twice in the file:"))
    for d in report.duplicates[:_LISTED]:
        say(
            "  "
            + _("lines {first} and {second}: {name}").format(
                first=d.lines[0], second=d.lines[1], name=d.name
            )
        )
    if report.differences:
        say(
            _("Rows where e-PPGBM's z-score differs from ours by 0.01 or more: {count}").format(
                count=len(report.differences)
            )
        )
    for z in report.differences[:_LISTED]:
        ours = "-" if z.ours is None else format_decimal(z.ours, 2)
        line = _("line {line}: {name}, {indicator} ours {ours}, e-PPGBM {theirs} ({reason})")
        say(
            "  "
            + line.format(
                line=z.line,
                name=z.name,
                indicator=z.indicator.upper(),
                ours=ours,
                theirs=format_decimal(z.theirs, 2),
                reason=difference_text(z.reason),
            )
        )
