"""Export files for the exchange tests: real zips signed with real Ed25519 keys.

`make_export(...)` packs a file in the shape of a monthly export (data and CSV per table, the
summary, a report PDF, the FHIR bundle) and writes it under its proper name in `tmp_path`."""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from posyandu_desktop.exchange.package import (
    Manifest,
    Period,
    PosyanduIdentity,
    PreviousLink,
    Supersedes,
    export_file_name,
    pack,
)

OCTOBER = Period(2026, 10)
SEPTEMBER = Period(2026, 9)
MELATI = PosyanduIdentity(
    code="PSY-01",
    name="Posyandu Melati – RW 03",
    kelurahan="Sukamaju",
    kecamatan="Cibeunying",
    kota="Bandung",
    puskesmas="Puskesmas Sukamaju",
)
MAWAR = PosyanduIdentity(
    code="PSY-02",
    name="Posyandu Mawar",
    kelurahan="Sukamaju",
    kecamatan="Cibeunying",
    kota="Bandung",
    puskesmas="Puskesmas Sukamaju",
)
TABLES = ("posyandu", "person", "measurement")


def key_from(seed: str) -> Ed25519PrivateKey:
    """A fixed key, so failures repeat exactly."""
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(seed.encode()).digest())


LAPTOP_KEY = key_from("Melati's laptop")
MAWAR_KEY = key_from("Mawar's laptop")
FOREIGN_KEY = key_from("someone else")


def export_members(
    posyandu: PosyanduIdentity, period: Period, revision: int
) -> list[tuple[str, bytes]]:
    """Members in the export's order; the contents differ per Posyandu, month and revision."""
    people = [
        {"id": 1, "name": "Siti Aminah", "nik": "3273015507250001", "posyandu": posyandu.code},
        {"id": 2, "name": f"Bayi r{revision}", "nik": None, "posyandu": posyandu.code},
    ]
    rows = {
        "posyandu": [{"id": 1, "code": posyandu.code, "name": posyandu.name}],
        "person": people,
        "measurement": [{"id": 7, "person_id": 2, "weight_kg": 7.4, "month": str(period)}],
    }
    members: list[tuple[str, bytes]] = []
    for table in TABLES:
        columns = list(rows[table][0])
        data = {"table": table, "columns": columns, "rows": rows[table], "deleted": []}
        members.append((f"data/{table}.json", json.dumps(data, sort_keys=True).encode()))
    for table in TABLES:
        lines = [",".join(list(rows[table][0]))]
        lines += [",".join(str(v) for v in row.values()) for row in rows[table]]
        members.append((f"csv/{table}.csv", ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()))
    summary = {"posyandu": posyandu.code, "period": str(period), "weighed": 1}
    members.append(("report/summary.json", json.dumps(summary).encode()))
    pdf = b"%PDF-1.7\n" + f"Laporan {posyandu.name} {period}\n".encode() * 40 + b"%%EOF\n"
    members.append((f"report/Laporan_{posyandu.code}_{period}.pdf", pdf))
    bundle = {"resourceType": "Bundle", "type": "transaction", "entry": [], "id": posyandu.code}
    members.append(("fhir/bundle.json", json.dumps(bundle).encode()))
    return members


@dataclass(frozen=True)
class Export:
    path: Path
    manifest: Manifest
    members: tuple[tuple[str, bytes], ...]

    @property
    def sha256(self) -> str:
        return self.manifest.sha256()


def pack_export(
    *,
    posyandu: PosyanduIdentity = MELATI,
    period: Period = OCTOBER,
    revision: int = 1,
    previous: PreviousLink | None = None,
    supersedes: Supersedes | None = None,
    key: Ed25519PrivateKey = LAPTOP_KEY,
    members: list[tuple[str, bytes]] | None = None,
    created_at: datetime | None = None,
) -> tuple[bytes, Manifest, list[tuple[str, bytes]]]:
    content = export_members(posyandu, period, revision) if members is None else members
    data, manifest = pack(
        posyandu=posyandu,
        period=period,
        revision=revision,
        created_at=created_at or datetime(2026, 11, 2, 9, 30, tzinfo=UTC),
        app_version="0.1.0",
        schema_revision="0003",
        audit_after=0 if previous is None else 40,
        audit_upto=120,
        counts=dict.fromkeys(TABLES, 1),
        deleted=dict.fromkeys(TABLES, 0),
        previous=previous,
        supersedes=supersedes,
        members=content,
        key=key,
    )
    return data, manifest, content


@pytest.fixture
def make_export(tmp_path):
    """make_export(**pack_export arguments, name=None) -> Export written to tmp_path."""

    def make(*, name: str | None = None, **kwargs: Any) -> Export:
        data, manifest, content = pack_export(**kwargs)
        file_name = name or export_file_name(
            manifest.posyandu.code, manifest.period, manifest.revision
        )
        path = tmp_path / file_name
        path.write_bytes(data)
        return Export(path, manifest, tuple(content))

    return make
