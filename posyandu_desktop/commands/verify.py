"""`posyandu-desktop verify FILE... [--trust KEYS]`: check monthly export files at the puskesmas.

For each file: the signature, whose key signed it, every member's hash, the revision and the
chain to the previous month. Exit code 1 when any file fails, 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from posyandu_desktop.exchange.signing import TrustedKey
from posyandu_desktop.exchange.verify import FileReport


def print_reports(reports: Sequence[FileReport], out: TextIO) -> None:
    """One block per file: the verdict, who and what it is, then each finding."""
    from posyandu_desktop.i18n import _
    from posyandu_desktop.i18n.exchange_labels import finding_text, key_status_text

    for report in reports:
        verdict = _("VALID") if report.ok else _("REJECTED")
        print(f"{report.path.name}: {verdict}", file=out)
        m = report.manifest
        if m is not None:
            print(
                f"  {m.posyandu.name} ({m.posyandu.code}) {m.period} r{m.revision}"
                f" - {key_status_text(report.key_status)} [{m.fingerprint}]",
                file=out,
            )
        for finding, detail in report.findings:
            mark = "x" if finding.fatal else "-"
            print(f"  {mark} {finding_text(finding, detail)}", file=out)


def trust_option(path: Path | None, prog: str) -> tuple[TrustedKey, ...] | None:
    """The keys of a `--trust` file (None without one); a file that cannot be read ends the
    command with exit code 2, as a bad argument does."""
    from posyandu_desktop.exchange.signing import TrustFileError, read_trust_file
    from posyandu_desktop.i18n.exchange_labels import trust_file_error_text

    if path is None:
        return None
    try:
        return read_trust_file(path)
    except TrustFileError as error:
        print(f"{prog}: {path}: {trust_file_error_text(error.line_number)}", file=sys.stderr)
    except OSError as error:
        print(f"{prog}: {path}: {error.strerror}", file=sys.stderr)
    raise SystemExit(2)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `verify` subcommand."""
    from posyandu_desktop.i18n import install
    from posyandu_desktop.services.puskesmas import check_files

    parser = argparse.ArgumentParser(
        prog="posyandu-desktop verify",
        description="Check Posyandu monthly export files: signature, key, members, chain.",
    )
    parser.add_argument("files", type=Path, nargs="+", metavar="FILE")
    parser.add_argument(
        "--trust", type=Path, help="registered keys: 'FINGERPRINT CODE [name]' lines"
    )
    parser.add_argument("--lang", default="id", help="id (default) or en")
    args = parser.parse_args(argv)
    install(args.lang)
    reports = check_files(args.files, trust_option(args.trust, parser.prog))
    print_reports(reports, sys.stdout)
    return 0 if all(r.ok for r in reports) else 1
