"""The shipped WHO tables are exactly the files whose provenance and SHA-256 we recorded."""

import hashlib

from posyandu_desktop.domain.growth import Table
from posyandu_desktop.domain.growth.classify import RED_LINE_Z
from posyandu_desktop.domain.growth.weight_gain import KBM_BUKU_KIA_2023
from posyandu_desktop.settings import cadre_competence, kms_versions, resource_path


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


def test_kms_versions_match_their_sums_and_the_default_table() -> None:
    folder = resource_path("kms")
    lines = (folder / "SHA256SUMS").read_text().splitlines()
    sums = {name: digest for digest, name in (line.split() for line in lines)}
    provenance = (folder / "PROVENANCE.md").read_text()
    assert set(sums) == {p.name for p in folder.glob("*.json")}
    for name, digest in sums.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
        assert f"| {name} |" in provenance and digest in provenance, name
    versions = kms_versions()
    assert versions[0].kbm == KBM_BUKU_KIA_2023  # the default ships first, equal to the code
    # Both disputed readings of months 7 and 11 ship (docs/sources/kms.md#versions).
    by_name = {v.version: v.kbm for v in versions}
    assert by_name["buku-kia-2023-m7-400"].kbm_g(7) == 400
    assert by_name["buku-kia-2023-m11-300"].kbm_g(11) == 300
    assert {v.kbm.kbm_g(m) for v in versions for m in range(1, 7)} == {800, 900, 600, 500, 400}
    assert all(v.red_line_z == RED_LINE_Z and v.orange_line_z == 1.0 for v in versions)


def test_the_competence_file_has_25_skills_in_5_groups_and_matches_its_sum() -> None:
    folder = resource_path("cadre")
    for line in (folder / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    competence = cadre_competence()
    assert [len(g.skills) for g in competence.groups] == [5, 5, 5, 5, 5]
    assert [r.stratum.value for r in competence.rules] == ["utama", "madya", "purwa"]
