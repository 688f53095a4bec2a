"""`posyandu-desktop selfcheck` from the source tree (the bundle runs the same code frozen)."""

from pathlib import Path

import pytest

from posyandu_desktop.commands import selfcheck
from posyandu_desktop.settings import database_path


def test_every_check_passes_and_leaves_the_registry_and_the_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "check"

    assert selfcheck.main(["--data-dir", str(folder)]) == 0

    lines = capsys.readouterr().out.splitlines()
    verdicts = {line.split()[1]: line.split()[0] for line in lines[1:-1]}
    assert verdicts == {name: "ok" for name, _ in selfcheck.CHECKS}
    assert lines[-1].startswith("selfcheck passed")
    assert database_path(folder).is_file()
    assert [pdf.read_bytes()[:5] for pdf in (folder / "selfcheck").glob("*.pdf")] == [b"%PDF-"]


def test_a_folder_that_holds_a_registry_is_refused_untouched(tmp_path: Path) -> None:
    registry = database_path(tmp_path)
    registry.write_bytes(b"not ours to touch")

    assert selfcheck.main(["--data-dir", str(tmp_path)]) == 2
    assert registry.read_bytes() == b"not ours to touch"
    assert sorted(p.name for p in tmp_path.iterdir()) == [registry.name]


def test_a_failing_check_is_a_line_and_exit_code_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(run: object) -> str:
        raise selfcheck.CheckFailedError("tables missing")

    monkeypatch.setattr(selfcheck, "CHECKS", (("who-tables", broken),))

    assert selfcheck.main(["--data-dir", str(tmp_path / "check")]) == 1
    out = capsys.readouterr().out
    assert "FAIL  who-tables" in out
    assert "tables missing" in out
    assert "selfcheck FAILED" in out
