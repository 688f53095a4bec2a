"""`posyandu-desktop verify FILE... [--data-dir P] [--trust KEYS]`: check monthly export files at
the puskesmas.

For each file: the signature, whose key signed it, every member's hash, the revision and the
chain to the previous month. `--data-dir` is a Puskesmas-mode folder: its key opens sealed
files and its registered Posyandu keys are trusted. Without a list of registered keys no file is
valid. Exit code 1 when any file fails, 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from posyandu_desktop.domain.safe_text import strip_bidi_controls
from posyandu_desktop.exchange.signing import TrustedKey
from posyandu_desktop.exchange.verify import FileReport, Received

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey


def print_reports(reports: Sequence[FileReport], out: TextIO) -> None:
    """One block per file: the verdict, who and what it is, then each finding."""
    from posyandu_desktop.exchange.words import finding_text, key_status_text
    from posyandu_desktop.i18n import _

    for report in reports:
        verdict = _("VALID") if report.ok else _("REJECTED")
        # Names and details come from the file: no bidi control may reorder what is shown.
        print(strip_bidi_controls(f"{report.path.name}: {verdict}"), file=out)
        m = report.manifest
        if m is not None:
            line = (
                f"  {m.posyandu.name} ({m.posyandu.code}) {m.period} r{m.revision}"
                f" - {key_status_text(report.key_status)} [{m.fingerprint}]"
            )
            print(strip_bidi_controls(line), file=out)
        for finding, detail in report.findings:
            mark = "x" if finding.fatal else "-"
            print(strip_bidi_controls(f"  {mark} {finding_text(finding, detail)}"), file=out)


def trust_option(path: Path | None, prog: str) -> tuple[TrustedKey, ...] | None:
    """The keys of a `--trust` file (None without one); a file that cannot be read ends the
    command with exit code 2, as a bad argument does."""
    from posyandu_desktop.exchange.signing import TrustFileError, read_trust_file
    from posyandu_desktop.exchange.words import trust_file_error_text

    if path is None:
        return None
    try:
        return read_trust_file(path)
    except TrustFileError as error:
        print(f"{prog}: {path}: {trust_file_error_text(error.line_number)}", file=sys.stderr)
    except OSError as error:
        print(f"{prog}: {path}: {error.strerror}", file=sys.stderr)
    raise SystemExit(2)


def add_puskesmas_options(parser: argparse.ArgumentParser) -> None:
    """--data-dir and --trust, shared by `verify` and `merge`."""
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="the Puskesmas-mode folder: its key opens the files, its registered keys are trusted",
    )
    parser.add_argument(
        "--trust", type=Path, help="registered keys: 'FINGERPRINT CODE [name]' lines"
    )


def puskesmas_options(
    args: argparse.Namespace, prog: str
) -> tuple[tuple[TrustedKey, ...] | None, X25519PrivateKey | None, tuple[Received, ...]]:
    """The trusted keys, the puskesmas's opening key and the files received before, from
    --trust and --data-dir; a folder that is not a Puskesmas-mode one ends the command (exit 2)."""
    from posyandu_desktop.i18n import _
    from posyandu_desktop.services.export import PuskesmasKeyError, puskesmas_opener
    from posyandu_desktop.services.puskesmas import read_received, registered_keys

    trusted = trust_option(args.trust, prog)
    folder: Path | None = args.data_dir
    if folder is None:
        return trusted, None, ()
    try:
        opener = puskesmas_opener(folder)
        if opener is None:
            raise PuskesmasKeyError
        if trusted is None:
            trusted = registered_keys(folder)
    except (OSError, PuskesmasKeyError, ValueError):
        message = _(
            "{folder} is not a Puskesmas-mode folder (make one with"
            " 'posyandu-desktop init --data-dir {folder} --mode puskesmas --name NAME')"
        )
        print(f"{prog}: {message.format(folder=folder)}", file=sys.stderr)
        raise SystemExit(2) from None
    return trusted, opener, read_received(folder)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `verify` subcommand."""
    from posyandu_desktop.i18n import install
    from posyandu_desktop.services.puskesmas import check_files

    parser = argparse.ArgumentParser(
        prog="posyandu-desktop verify",
        description="Check Posyandu monthly export files: signature, key, members, chain.",
    )
    parser.add_argument("files", type=Path, nargs="+", metavar="FILE")
    add_puskesmas_options(parser)
    parser.add_argument("--lang", default="id", help="id (default) or en")
    args = parser.parse_args(argv)
    install(args.lang)
    trusted, opener, received = puskesmas_options(args, parser.prog)
    reports = check_files(args.files, trusted, received, opener)
    print_reports(reports, sys.stdout)
    return 0 if all(r.ok for r in reports) else 1
