"""The shipped WHO tables are exactly the files whose provenance and SHA-256 we recorded."""

import hashlib

from posyandu_desktop.domain.growth import Table
from posyandu_desktop.settings import resource_path


def test_every_table_matches_its_recorded_sha256() -> None:
    folder = resource_path("who")
    lines = (folder / "SHA256SUMS").read_text().splitlines()
    sums = {name: digest for digest, name in (line.split() for line in lines)}
    provenance = (folder / "PROVENANCE.md").read_text()
    assert set(sums) == {f"{t.value}.csv" for t in Table}
    for name, digest in sums.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
        assert f"| {name} |" in provenance and digest in provenance, name


def test_tables_parse_contiguously(standards) -> None:  # type: ignore[no-untyped-def]
    standards.preload()
