"""Command errors are one sentence on stderr and exit status 1, never a traceback."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

import pytest

from posyandu_desktop.commands import card, demo, export, report
from tests.faults.helpers import hold_in_another_process, posyandu_folder


def _run(
    main: Callable[[Sequence[str]], int], argv: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    code = main(argv)
    err = capsys.readouterr().err.strip()
    return code, err


def test_report_for_month_0000_01_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as raised:
        report.main(["--data-dir", str(tmp_path), "--month", "0000-01", "-o", "r.pdf"])
    assert raised.value.code == 2
    assert "is not a month like 2026-10" in capsys.readouterr().err


@pytest.mark.parametrize("main", [report.main, card.main])
def test_an_output_that_is_a_folder_is_refused_before_any_work(tmp_path, capsys, main):
    data = tmp_path / "data"
    post = posyandu_folder(data)
    what = ["--month", "2026-11"] if main is report.main else ["--person", str(post.child.id)]
    code, err = _run(main, ["--data-dir", str(data), *what, "-o", str(tmp_path)], capsys)
    assert code == 1
    assert "is a folder" in err and len(err.splitlines()) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_report_into_a_fifo_is_refused_and_the_fifo_stays(tmp_path, capsys):
    data = tmp_path / "data"
    posyandu_folder(data)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    argv = ["--data-dir", str(data), "--month", "2026-11", "-o", str(fifo)]
    code, err = _run(report.main, argv, capsys)
    assert code == 1 and len(err.splitlines()) == 1
    assert fifo.exists() and not fifo.is_file()


@pytest.mark.parametrize("main", [report.main, card.main])
def test_a_mistyped_data_folder_is_said_to_not_exist(tmp_path, capsys, main):
    what = ["--month", "2026-11"] if main is report.main else ["--person", "1"]
    argv = ["--data-dir", str(tmp_path / "typo"), *what, "-o", str(tmp_path / "o.pdf")]
    code, err = _run(main, argv, capsys)
    assert code == 1
    assert err.endswith("does not exist (check its name)")
    assert not (tmp_path / "typo").exists()


def test_a_writing_command_says_the_app_is_open(tmp_path, capsys):
    data = tmp_path / "data"
    posyandu_folder(data)
    holder = hold_in_another_process(data)
    try:
        code, err = _run(demo.main, ["--data-dir", str(data), "--children", "1"], capsys)
        code_e, err_e = _run(
            export.main,
            ["--data-dir", str(data), "--month", "2026-11", "--out", str(tmp_path)],
            capsys,
        )
        code_r, err_r = _run(
            report.main,
            ["--data-dir", str(data), "--month", "2026-11", "-o", str(tmp_path / "r.pdf")],
            capsys,
        )
    finally:
        holder.kill()
        holder.wait()
    assert (code, code_e, code_r) == (1, 1, 1)
    for said in (err, err_e, err_r):
        assert "the app is open on" in said and len(said.splitlines()) == 1
        assert f"process {holder.pid}" in said


def test_a_lost_registry_is_refused_naming_the_backup(tmp_path, capsys):
    data = tmp_path / "data"
    posyandu_folder(data)
    (data / "posyandu.sqlite").unlink()
    argv = ["--data-dir", str(data), "--month", "2026-11", "-o", str(tmp_path / "r.pdf")]
    code, err = _run(report.main, argv, capsys)
    assert code == 1
    assert "lost its registry" in err and "backups" in err and ".sqlite" in err
    assert not (data / "posyandu.sqlite").exists()
