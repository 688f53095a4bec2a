"""`posyandu-desktop puskesmas-key --data-dir P` prints the line a Posyandu laptop registers;
`posyandu-desktop set-puskesmas-key --data-dir D LINE_OR_FILE` registers it on that laptop."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def show(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `puskesmas-key` subcommand."""
    from posyandu_desktop.i18n import _, install
    from posyandu_desktop.services.export import PuskesmasKeyError, own_puskesmas_key

    parser = argparse.ArgumentParser(
        prog="posyandu-desktop puskesmas-key",
        description="Print this puskesmas's key line, for the Posyandu laptops to register.",
    )
    parser.add_argument("--data-dir", type=Path, required=True, help="the Puskesmas-mode folder")
    parser.add_argument("--lang", default="id", help="id (default) or en")
    args = parser.parse_args(argv)
    install(args.lang)
    try:
        key = own_puskesmas_key(args.data_dir)
    except (OSError, PuskesmasKeyError):
        key = None
    if key is None:
        message = _(
            "{folder} is not a Puskesmas-mode folder (make one with"
            " 'posyandu-desktop init --data-dir {folder} --mode puskesmas --name NAME')"
        )
        print(f"{parser.prog}: {message.format(folder=args.data_dir)}", file=sys.stderr)
        return 1
    print(key.line)
    print(_("Fingerprint: {fingerprint}").format(fingerprint=key.fingerprint), file=sys.stderr)
    return 0


def register(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `set-puskesmas-key` subcommand."""
    from posyandu_desktop.i18n import _, install
    from posyandu_desktop.services.export import (
        PuskesmasKeyError,
        read_puskesmas_key,
        register_puskesmas_key,
    )

    parser = argparse.ArgumentParser(
        prog="posyandu-desktop set-puskesmas-key",
        description="Register the puskesmas key this Posyandu's monthly files are encrypted to.",
    )
    parser.add_argument("--data-dir", type=Path, required=True, help="the data folder")
    parser.add_argument("key", metavar="LINE_OR_FILE", help="the key line, or a file holding it")
    parser.add_argument("--lang", default="id", help="id (default) or en")
    args = parser.parse_args(argv)
    install(args.lang)
    if not args.data_dir.is_dir():
        message = _("The folder {folder} does not exist").format(folder=args.data_dir)
        print(f"{parser.prog}: {message}", file=sys.stderr)
        return 1
    try:
        key = read_puskesmas_key(args.key)
        register_puskesmas_key(args.data_dir, key)
    except PuskesmasKeyError:
        message = _(
            "This is not a puskesmas key: give the line 'posyandu-puskesmas-key ...' that"
            " 'posyandu-desktop puskesmas-key' prints, or a file holding it"
        )
        print(f"{parser.prog}: {message}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{parser.prog}: {args.key}: {error.strerror}", file=sys.stderr)
        return 1
    print(key.fingerprint)
    print(
        _("Registered {name}: compare the fingerprint with the one the puskesmas reads out").format(
            name=key.name or _("the puskesmas key")
        ),
        file=sys.stderr,
    )
    return 0
