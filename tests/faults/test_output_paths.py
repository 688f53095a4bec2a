"""An output path that is not a regular file (a FIFO, a link to one, a folder) is refused and
left as it was, never replaced by the written file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from posyandu_desktop import files
from posyandu_desktop.reports import styles

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def _is_fifo(path: Path) -> bool:
    return stat.S_ISFIFO(os.stat(path).st_mode)


@pytest.mark.parametrize("write", [files.write_atomically, styles.write_atomically])
def test_a_fifo_is_refused_not_replaced(fifo, write):
    with pytest.raises(files.NotARegularFileError):
        write(fifo, b"%PDF-1.4")
    assert _is_fifo(fifo)
    assert sorted(p.name for p in fifo.parent.iterdir()) == ["pipe"]  # no temp file left


def test_a_link_to_a_fifo_is_refused_and_both_stay(fifo):
    link = fifo.parent / "report.pdf"
    link.symlink_to(fifo)
    with pytest.raises(files.NotARegularFileError):
        files.write_atomically(link, b"%PDF-1.4")
    assert link.is_symlink() and _is_fifo(link)


def test_replace_refuses_a_fifo_target(fifo, tmp_path):
    temporary = tmp_path / "new.tmp"
    temporary.write_bytes(b"{}")
    with pytest.raises(files.NotARegularFileError):
        files.replace(temporary, fifo)
    assert _is_fifo(fifo)


def test_a_regular_file_is_still_replaced(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    files.write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
