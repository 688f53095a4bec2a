"""`posyandu-desktop init`: a data folder ready without the set-up wizard.

`init --data-dir P --mode puskesmas --name NAME` makes a Puskesmas-mode folder with its key pair;
`init --data-dir D --posyandu-name NAME --code CODE [--puskesmas P --kelurahan K --kota K]` makes
a Posyandu registry (no coordinator yet: she is created in the app at her first login).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `init` subcommand."""
    from posyandu_desktop.i18n import _, install

    parser = argparse.ArgumentParser(
        prog="posyandu-desktop init",
        description="Make a Puskesmas-mode folder, or a Posyandu registry, without the wizard.",
    )
    parser.add_argument("--data-dir", type=Path, required=True, help="the data folder")
    parser.add_argument("--mode", choices=("posyandu", "puskesmas"), default="posyandu")
    parser.add_argument("--name", default="", help="the puskesmas's name (--mode puskesmas)")
    parser.add_argument("--posyandu-name", default="", help="the Posyandu's name")
    parser.add_argument("--code", default="", help="the Posyandu's code")
    parser.add_argument("--puskesmas", default="", help="its puskesmas")
    parser.add_argument("--kelurahan", default="")
    parser.add_argument("--kecamatan", default="")
    parser.add_argument("--kota", default="")
    parser.add_argument("--lang", default="id", help="id (default) or en")
    args = parser.parse_args(argv)
    install(args.lang)
    if args.mode == "puskesmas":
        return _puskesmas(args, parser.prog)
    if not args.posyandu_name.strip() or not args.code.strip():
        print(
            f"{parser.prog}: " + _("Give the Posyandu's name and code (--posyandu-name, --code)"),
            file=sys.stderr,
        )
        return 2
    return _posyandu(args, parser.prog)


def _puskesmas(args: argparse.Namespace, prog: str) -> int:
    from posyandu_desktop.i18n import _
    from posyandu_desktop.services.export import PuskesmasKeyError, make_puskesmas_folder

    if not args.name.strip():
        print(f"{prog}: " + _("Give the puskesmas's name (--name)"), file=sys.stderr)
        return 2
    try:
        key = make_puskesmas_folder(args.data_dir, args.name.strip())
    except (OSError, PuskesmasKeyError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        print(f"{prog}: {args.data_dir}: {reason}", file=sys.stderr)
        return 1
    print(key.line)
    print(_("Fingerprint: {fingerprint}").format(fingerprint=key.fingerprint), file=sys.stderr)
    return 0


def _posyandu(args: argparse.Namespace, prog: str) -> int:
    from posyandu_desktop.domain.vocabulary import Venue
    from posyandu_desktop.i18n import _, problem_label
    from posyandu_desktop.services import Opened, open_data_folder
    from posyandu_desktop.services.reports import this_posyandu_id
    from posyandu_desktop.services.setup import set_up_posyandu

    opened = open_data_folder(args.data_dir)
    if not isinstance(opened, Opened):
        print(f"{prog}: {args.data_dir}: {opened.problem}", file=sys.stderr)
        return 1
    db = opened.database
    try:
        if this_posyandu_id(db) is not None:
            print(
                f"{prog}: " + _("{folder} already holds a Posyandu").format(folder=args.data_dir),
                file=sys.stderr,
            )
            return 1
        made = set_up_posyandu(
            db,
            name=args.posyandu_name,
            code=args.code,
            venue=Venue.OTHER,
            kelurahan=args.kelurahan,
            kecamatan=args.kecamatan,
            kota=args.kota,
            puskesmas=args.puskesmas,
        )
    finally:
        db.close()
    if made.value is None:
        for issue in made.problems:
            print(
                f"{prog}: " + problem_label(issue.problem).format(found=issue.found),
                file=sys.stderr,
            )
        return 1
    print(f"{made.value.name} ({made.value.code}) -> {args.data_dir}", file=sys.stderr)
    return 0
