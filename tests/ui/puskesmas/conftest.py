"""Real monthly export files for the Puskesmas screens: three small demo Posyandu, each exported
for October 2026 with its own laptop key (Melati twice: revisions 1 and 2), made once per run
and copied into each test's "USB stick" folder."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from posyandu_desktop.services import Opened, open_data_folder
from posyandu_desktop.services.export import (
    Period,
    export_folder,
    export_month,
    make_puskesmas_folder,
    register_puskesmas_key,
    signing_fingerprint,
)
from posyandu_desktop.services.puskesmas import TrustedKey, register_key
from posyandu_desktop.services.setup import load_demo
from posyandu_desktop.store.tables import Posyandu
from posyandu_desktop.ui import background
from posyandu_desktop.ui.puskesmas import files_page, merge_panel
from posyandu_desktop.ui.puskesmas.puskesmas_window import PuskesmasWindow
from posyandu_desktop.ui.widgets import messages
from tests.ui.conftest import MORNING, TODAY

OCTOBER = Period(2026, 10)
POSYANDU = (
    ("6474-MEL-01", "Posyandu Melati"),
    ("6474-MAW-02", "Posyandu Mawar"),
    ("6474-ANG-03", "Posyandu Anggrek"),
)


@dataclass(frozen=True)
class LaptopFiles:
    """One Posyandu laptop's October exports, oldest revision first, and its key."""

    code: str
    name: str
    fingerprint: str
    files: tuple[Path, ...]

    @property
    def newest(self) -> Path:
        return self.files[-1]

    def key(self) -> TrustedKey:
        return TrustedKey(self.fingerprint, self.code, self.name)


@pytest.fixture(scope="session")
def _laptops(tmp_path_factory: pytest.TempPathFactory) -> tuple[LaptopFiles, ...]:
    root = tmp_path_factory.mktemp("laptops")
    # One puskesmas key for the run; each test's puskesmas folder gets a copy (`puskesmas_data`).
    puskesmas_key = make_puskesmas_folder(root / "puskesmas", "Puskesmas Bontang Utara")
    made = []
    for seed, (code, name) in enumerate(POSYANDU, start=1):
        data = root / code
        opened = open_data_folder(data)
        assert isinstance(opened, Opened)
        db = opened.database
        load_demo(db, today=TODAY, children=12, months=3, seed=seed)
        register_puskesmas_key(data, puskesmas_key)
        with db.transaction(reason="test: name the Posyandu") as tx:
            for row in tx.query(Posyandu):
                row.code, row.name = code, name
        revisions = 2 if seed == 1 else 1  # Melati sends October again after a correction
        files = [
            export_folder(data)
            / export_month(db, data, OCTOBER, cadre_id=None, now=MORNING).unwrap().file_name
            for _ in range(revisions)
        ]
        db.close()
        made.append(LaptopFiles(code, name, signing_fingerprint(data), tuple(files)))
    return tuple(made)


@dataclass(frozen=True)
class Stick:
    """A folder standing for the USB sticks, holding copies of the exports."""

    folder: Path
    laptops: tuple[LaptopFiles, ...]

    def newest(self) -> list[Path]:
        """Each Posyandu's newest file, copied onto the stick."""
        return [self.copy(laptop.newest) for laptop in self.laptops]

    def copy(self, source: Path) -> Path:
        target = self.folder / source.name
        if not target.exists():
            shutil.copy2(source, target)
        return target


@pytest.fixture
def stick(_laptops: tuple[LaptopFiles, ...], tmp_path: Path) -> Stick:
    folder = tmp_path / "usb"
    folder.mkdir()
    return Stick(folder, _laptops)


def tamper(path: Path, member: str = "sealed.bin") -> None:
    """Change one member's bytes, keeping every name and the order (the manifest and its
    signature stay as they were)."""
    with zipfile.ZipFile(path) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            spoilt = data[:40] + bytes([data[40] ^ 1]) + data[41:]
            archive.writestr(name, spoilt if name == member else data)


@pytest.fixture
def puskesmas_data(tmp_path: Path, _laptops: tuple[LaptopFiles, ...]) -> Path:
    """A Puskesmas-mode folder holding the run's puskesmas key pair."""
    folder = tmp_path / "puskesmas"
    laptops = _laptops[0].newest.parents[2]
    shutil.copytree(laptops / "puskesmas", folder)
    return folder


def register(data: Path, *laptops: LaptopFiles) -> None:
    for laptop in laptops:
        register_key(data, laptop.key())


@pytest.fixture
def make_window(qtbot: Any, puskesmas_data: Path) -> Iterator[Any]:
    made: list[PuskesmasWindow] = []

    def make() -> PuskesmasWindow:
        window = PuskesmasWindow(puskesmas_data, today=lambda: TODAY)
        qtbot.addWidget(window)
        made.append(window)
        return window

    yield make
    background.wait_for_all()  # no check may deliver into a closed window


@dataclass
class Desktop:
    """What the screens asked of the desktop instead of opening dialogs."""

    files: list[Path]
    folder: Path | None
    folder_starts: list[Path]
    opened: list[Path]
    answers: list[bool]  # the answers to questions, in order (then "yes")
    shown: list[tuple[messages.MessageKind, str]]


@pytest.fixture
def desktop(monkeypatch: pytest.MonkeyPatch) -> Desktop:
    record = Desktop([], None, [], [], [], [])

    def ask_for_files(parent: Any, start: Path) -> list[Path]:
        return list(record.files)

    def ask_for_folder(parent: Any, start: Path) -> Path | None:
        record.folder_starts.append(start)
        return record.folder

    def present(kind: messages.MessageKind, parent: Any, title: str, text: str, *_: str) -> bool:
        record.shown.append((kind, text))
        return record.answers.pop(0) if record.answers else True

    monkeypatch.setattr(files_page, "ask_for_files", ask_for_files)
    monkeypatch.setattr(files_page, "ask_for_folder", ask_for_folder)
    monkeypatch.setattr(merge_panel, "open_path", record.opened.append)
    monkeypatch.setattr(messages, "present", present)
    return record
