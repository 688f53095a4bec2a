"""`posyandu-desktop export`, `verify` and `merge` from a terminal: files, words and exit codes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from posyandu_desktop.__main__ import main as dispatch
from posyandu_desktop.commands.export import main as export
from posyandu_desktop.commands.verify import main as verify
from posyandu_desktop.services.export import signing_fingerprint
from tests.reports.helpers import demo_folder


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A demo data folder and the USB folder its October export was copied to."""
    root = tmp_path_factory.mktemp("exchange")
    data, usb = demo_folder(root / "data"), root / "usb"
    usb.mkdir()
    assert export(["--data-dir", str(data), "--month", "2026-10", "--out", str(usb)]) == 0
    return data, usb


def _file(usb: Path) -> Path:
    (found,) = usb.glob("*.zip")
    return found


def _trust(folder: Path, line: str) -> Path:
    path = folder / "keys.txt"
    path.write_text(f"# registered at the puskesmas\n{line}\n", encoding="utf-8")
    return path


def test_export_copies_a_file_that_verifies_against_the_registered_key(exported, tmp_path, capsys):
    data, usb = exported
    assert _file(usb).name == "posyandu_DEMO-2_2026-10_r1.zip"
    puskesmas = data / "demo-puskesmas"
    trust = _trust(tmp_path, f"{signing_fingerprint(data)} DEMO-2 Posyandu Mawar")
    capsys.readouterr()
    assert verify([str(_file(usb)), "--data-dir", str(puskesmas)]) == 0
    out = capsys.readouterr().out
    assert "posyandu_DEMO-2_2026-10_r1.zip: SAH" in out and "terdaftar" in out
    # --trust names the keys, --data-dir still opens the sealed contents.
    assert verify([str(_file(usb)), "--trust", str(trust), "--data-dir", str(puskesmas)]) == 0
    # A registered key without the puskesmas's key: signed and whole, but not opened.
    assert verify([str(_file(usb)), "--trust", str(trust), "--lang", "en"]) == 1
    assert "encrypted for the puskesmas key" in capsys.readouterr().out


def test_verify_names_a_changed_member_and_a_foreign_key(exported, tmp_path, capsys):
    data, usb = exported
    puskesmas = str(data / "demo-puskesmas")
    tampered = tmp_path / _file(usb).name
    with zipfile.ZipFile(_file(usb)) as source, zipfile.ZipFile(tampered, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "sealed.bin":
                content = content[:100] + bytes([content[100] ^ 1]) + content[101:]
            target.writestr(info, content)
    capsys.readouterr()
    assert verify([str(tampered), "--data-dir", puskesmas, "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "REJECTED" in out and "sealed.bin" in out
    foreign = _trust(tmp_path, "0000 1111 2222 3333 4444 5555 6666 7777 DEMO-2")
    assert verify([str(_file(usb)), "--trust", str(foreign), "--data-dir", puskesmas]) == 1
    with pytest.raises(SystemExit) as bad:
        verify([str(_file(usb)), "--trust", str(tmp_path / "missing.txt")])
    assert bad.value.code == 2


def test_merge_writes_the_recap_and_dispatch_lists_the_commands(exported, tmp_path, capsys):
    data, usb = exported
    out = tmp_path / "rekap"
    puskesmas = str(data / "demo-puskesmas")
    assert dispatch(["merge", str(_file(usb)), "--out", str(out), "--data-dir", puskesmas]) == 0
    made = ["Ketik_ePPGBM_2026-10.pdf", "Ketik_ePPGBM_2026-10.xlsx"]
    made += ["Rekap_2026-10.pdf", "Rekap_2026-10.xlsx"]
    assert sorted(p.name for p in out.iterdir()) == made
    printed = capsys.readouterr().out.split()
    assert sorted(Path(p).name for p in printed) == made
    assert dispatch(["--help"]) == 0
    usage = capsys.readouterr().out
    assert all(f"  {c} " in usage for c in ("export", "verify", "merge"))
