"""`posyandu-desktop merge FILE... --out DIR [--data-dir P] [--trust KEYS]`: one month's recap
across Posyandu (PDF and XLSX) and the e-PPGBM entry pack of their children (XLSX and PDF) from
the export files that pass verification; the others are named and left out. `--data-dir` is the
Puskesmas-mode folder (its key, its registered keys)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `merge` subcommand. Exit code 1 when a file was left out or nothing
    could be merged."""
    from posyandu_desktop.commands.verify import (
        add_puskesmas_options,
        print_reports,
        puskesmas_options,
    )
    from posyandu_desktop.i18n import _, install, problem_label
    from posyandu_desktop.services.puskesmas import merge_files

    parser = argparse.ArgumentParser(
        prog="posyandu-desktop merge",
        description="Merge verified Posyandu export files of one month into a recap (PDF, XLSX)"
        " and an e-PPGBM typing aid (XLSX, PDF).",
    )
    parser.add_argument("files", type=Path, nargs="+", metavar="FILE")
    parser.add_argument("--out", type=Path, required=True, help="folder for the recap files")
    add_puskesmas_options(parser)
    parser.add_argument("--lang", default="id", help="id (default) or en")
    args = parser.parse_args(argv)
    install(args.lang)
    if args.out.exists() and not args.out.is_dir():
        message = _("{path} is a file, not a folder: give a folder for the recap files")
        print(f"{parser.prog}: {message.format(path=args.out)}", file=sys.stderr)
        return 2
    trusted, opener, received = puskesmas_options(args, parser.prog)
    try:
        result = merge_files(
            args.files, args.out, trusted=trusted, received=received, opener=opener, lang=args.lang
        )
    except OSError as error:
        message = _("The recap could not be written to {path}: {reason}")
        reason = error.strerror or type(error).__name__
        print(f"{parser.prog}: {message.format(path=args.out, reason=reason)}", file=sys.stderr)
        return 1
    print_reports(result.reports, sys.stderr)
    for issue in result.problems:
        print(problem_label(issue.problem).format(found=issue.found), file=sys.stderr)
    if result.pdf is None or result.xlsx is None:
        return 1
    print(result.pdf)
    print(result.xlsx)
    for made in (result.pack_xlsx, result.pack_pdf):
        if made is not None:
            print(made)
    if result.unnamed:
        message = _("Not in the e-PPGBM typing aid (the file carries no names): {posyandu}")
        print(message.format(posyandu=", ".join(result.unnamed)), file=sys.stderr)
    left_out = len(result.reports) - len(result.merged)
    if left_out:
        print(_("{count} file(s) left out of the recap").format(count=left_out), file=sys.stderr)
    return 1 if any(not r.ok for r in result.reports) else 0
