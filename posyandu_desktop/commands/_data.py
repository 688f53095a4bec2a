"""What every command that opens a data folder shares: one clear sentence instead of a
traceback when the folder cannot be opened, and a check of the output path before the work."""

from __future__ import annotations

import sys
from pathlib import Path

from posyandu_desktop.services import Opened, Refused, StartupProblem, open_data_folder


def refusal_sentence(data_dir: Path, refused: Refused) -> str:
    """Why `data_dir` was not opened, and what to do, in one sentence."""
    backup = refused.newest_good_backup
    restore = f"; the newest good backup is {backup.path}" if backup is not None else ""
    match refused.problem:
        case StartupProblem.NO_FOLDER:
            return f"the folder {data_dir} does not exist (check its name)"
        case StartupProblem.IN_USE:
            holder = refused.holder
            since = (
                f" (process {holder.pid}, since {holder.started_at})"
                if holder and holder.pid
                else ""
            )
            return f"the app is open on {data_dir}{since}: close it first"
        case StartupProblem.READ_ONLY:
            return f"{data_dir} is read-only: nothing was changed"
        case StartupProblem.MISSING:
            return f"{data_dir} has lost its registry but holds backups or exports{restore}"
        case StartupProblem.DAMAGED:
            return f"the registry in {data_dir} is damaged{restore}"
        case StartupProblem.TOO_NEW:
            return f"the registry in {data_dir} was saved by a newer version of the app"
        case StartupProblem.NOT_OURS:
            return f"the file in {data_dir} is not a Posyandu registry"


def open_or_say(prog: str, data_dir: Path, *, must_exist: bool = True) -> Opened | None:
    """The opened data folder, or None after printing why not (the caller exits with 1)."""
    opened = open_data_folder(data_dir, program=prog, must_exist=must_exist)
    if isinstance(opened, Opened):
        return opened
    print(f"{prog}: {refusal_sentence(data_dir, opened)}", file=sys.stderr)
    return None


def output_problem(output: Path) -> str | None:
    """Why `output` cannot be written as a new file (a folder, a device, a FIFO), or None."""
    if output.is_dir():
        return f"{output} is a folder: give a file name, such as {output / 'report.pdf'}"
    if output.exists() and not output.is_file():
        return f"{output} is not a regular file: give a file name"
    return None
