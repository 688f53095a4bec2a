"""The export file's format: months, file names, the canonical signed manifest and the zip."""

import base64
import hashlib
import io
import json
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from posyandu_desktop.exchange.findings import Finding
from posyandu_desktop.exchange.package import (
    FORMAT,
    MANIFEST,
    SIGNATURE,
    Manifest,
    PackageError,
    Period,
    PreviousLink,
    Supersedes,
    export_file_name,
    parse_export_file_name,
    public_key_of,
    read_manifest,
)
from posyandu_desktop.exchange.signing import key_fingerprint, public_key_b64
from tests.exchange.conftest import LAPTOP_KEY, MELATI, OCTOBER, SEPTEMBER, pack_export

SHA = "ab" * 32

# --- months and file names ------------------------------------------------------------------


def test_period_reads_and_writes_year_month():
    assert str(Period(2026, 10)) == "2026-10"
    assert str(Period(987, 1)) == "0987-01"
    assert Period.parse("2026-09") == Period(2026, 9)
    assert Period(2026, 9) < Period(2026, 10) < Period(2027, 1)


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-00", "2026-1", "26-10", " 2026-10", "2026-10-01", "2026/10", ""]
)
def test_period_refuses_anything_else(text):
    with pytest.raises(ValueError):
        Period.parse(text)


def test_period_refuses_impossible_months():
    with pytest.raises(ValueError):
        Period(2026, 13)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("PSY-01", "posyandu_PSY-01_2026-10_r1.zip"),
        ("Melati 03/RW", "posyandu_Melati_03_RW_2026-10_r1.zip"),
        ("Mawar_2", "posyandu_Mawar_2_2026-10_r1.zip"),
        ("Kenanga.é", "posyandu_Kenanga___2026-10_r1.zip"),
        ("", "posyandu___2026-10_r1.zip"),
    ],
)
def test_file_names_keep_only_safe_characters_and_read_back(code, name):
    assert export_file_name(code, OCTOBER, 1) == name
    parsed = parse_export_file_name(name)
    assert parsed is not None
    assert parsed[1:] == (OCTOBER, 1)


def test_file_name_parses_code_month_and_revision():
    assert parse_export_file_name("posyandu_PSY-01_2026-09_r12.zip") == ("PSY-01", SEPTEMBER, 12)
    # An underscore in the code: the month and revision anchor the end.
    assert parse_export_file_name("posyandu_RW_3_2026-09_r2.zip") == ("RW_3", SEPTEMBER, 2)
    # Windows may show the extension in capitals.
    assert parse_export_file_name("posyandu_PSY-01_2026-09_r1.ZIP") == ("PSY-01", SEPTEMBER, 1)


@pytest.mark.parametrize(
    "name",
    [
        "oktober.zip",
        "posyandu_PSY-01_2026-13_r1.zip",
        "posyandu_PSY-01_2026-10_r0.zip",
        "posyandu_PSY-01_2026-10_r01.zip",
        "posyandu_PSY-01_2026-10_r1.zip.part",
        "posyandu_PSY-01_2026-10_r1 (1).zip",
        "posyandu_PSY-01_2026-10.zip",
        "posyandu__2026-10_r1.zip",
    ],
)
def test_other_file_names_are_not_export_names(name):
    assert parse_export_file_name(name) is None


def test_revisions_start_at_one():
    with pytest.raises(ValueError):
        export_file_name("PSY-01", OCTOBER, 0)


# --- packing --------------------------------------------------------------------------------


def test_pack_writes_the_signed_manifest_then_the_members_in_order():
    data, manifest, members = pack_export()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == [MANIFEST, SIGNATURE, *(n for n, _ in members)]
        assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
        assert {i.date_time for i in infos} == {(2026, 11, 2, 9, 30, 0)}
        raw = archive.read(MANIFEST)
        signature = archive.read(SIGNATURE)
        contents = [(i.filename, archive.read(i)) for i in infos[2:]]
    assert contents == members
    assert raw == manifest.to_json_bytes()
    assert signature.endswith(b"\n")
    public_key_of(manifest).verify(base64.b64decode(signature), raw)
    LAPTOP_KEY.public_key().verify(base64.b64decode(signature), raw)
    assert manifest.public_key == public_key_b64(LAPTOP_KEY)
    assert manifest.fingerprint == key_fingerprint(LAPTOP_KEY)
    listed = [(m.name, m.sha256, m.size) for m in manifest.members]
    assert listed == [(n, hashlib.sha256(b).hexdigest(), len(b)) for n, b in members]


def test_the_manifest_is_canonical_json_with_every_key():
    _, manifest, _ = pack_export(
        period=OCTOBER,
        revision=2,
        previous=PreviousLink(SEPTEMBER, 1, SHA),
        supersedes=Supersedes(1, "cd" * 32),
    )
    raw = manifest.to_json_bytes()
    value = json.loads(raw)
    assert (
        raw == json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    )
    assert "Posyandu Melati – RW 03".encode() in raw  # UTF-8 as is, not \u escapes
    assert value["format"] == FORMAT == "posyandu-desktop-export"
    assert value["format_version"] == 1
    assert value["posyandu"] == {
        "code": "PSY-01",
        "name": MELATI.name,
        "kelurahan": "Sukamaju",
        "kecamatan": "Cibeunying",
        "kota": "Bandung",
        "puskesmas": "Puskesmas Sukamaju",
    }
    assert value["period"] == "2026-10"
    assert value["revision"] == 2
    assert value["created_at"] == "2026-11-02T09:30:00+00:00"
    assert value["previous"] == {"period": "2026-09", "revision": 1, "manifest_sha256": SHA}
    assert value["supersedes"] == {"revision": 1, "manifest_sha256": "cd" * 32}
    assert value["counts"] == {"measurement": 1, "person": 1, "posyandu": 1}
    assert (value["audit_after"], value["audit_upto"]) == (40, 120)
    assert value["fingerprint"] == manifest.fingerprint
    assert manifest.sha256() == hashlib.sha256(raw).hexdigest()


def test_identical_input_packs_identical_bytes():
    assert pack_export()[0] == pack_export()[0]
    later = datetime(2026, 11, 2, 9, 31, tzinfo=UTC)
    assert pack_export()[0] != pack_export(created_at=later)[0]


def test_created_at_is_written_in_utc():
    wib = timezone(timedelta(hours=7))
    _, manifest, _ = pack_export(created_at=datetime(2026, 11, 2, 16, 30, tzinfo=wib))
    assert json.loads(manifest.to_json_bytes())["created_at"] == "2026-11-02T09:30:00+00:00"


def test_a_naive_time_is_refused():
    with pytest.raises(ValueError):
        pack_export(created_at=datetime(2026, 11, 2, 9, 30))


@pytest.mark.parametrize(
    "names",
    [
        ["data/a.json", "data/a.json"],
        ["../evil.json"],
        ["/etc/passwd"],
        ["data//a.json"],
        ["data\\a.json"],
        ["C:/a.json"],
        [""],
        [MANIFEST],
        [SIGNATURE],
        ["data/a\n.json"],
    ],
)
def test_pack_refuses_member_names_that_are_unsafe_or_reserved(names):
    with pytest.raises(ValueError):
        pack_export(members=[(name, b"{}") for name in names])


def test_pack_refuses_links_that_point_forward():
    with pytest.raises(ValueError):
        pack_export(previous=PreviousLink(OCTOBER, 1, SHA))
    with pytest.raises(ValueError):
        pack_export(revision=2, supersedes=Supersedes(2, SHA))


def test_an_empty_export_is_still_a_file():
    data, manifest, _ = pack_export(members=[])
    assert manifest.members == ()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == [MANIFEST, SIGNATURE]


# --- reading a manifest ---------------------------------------------------------------------


def _manifest_json() -> dict[str, Any]:
    _, manifest, _ = pack_export(previous=PreviousLink(SEPTEMBER, 1, SHA))
    return manifest.to_json()


def _canonical(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _problem(raw: bytes) -> tuple[Finding, str]:
    with pytest.raises(PackageError) as caught:
        Manifest.from_json_bytes(raw)
    return caught.value.problem, caught.value.detail


def test_a_manifest_reads_back_equal():
    _, manifest, _ = pack_export(
        revision=3, previous=PreviousLink(SEPTEMBER, 2, SHA), supersedes=Supersedes(2, SHA)
    )
    again = Manifest.from_json_bytes(manifest.to_json_bytes())
    assert again == manifest
    assert again.created_at.tzinfo is not None
    assert again.sha256() == manifest.sha256()


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"not json", (Finding.MANIFEST_INVALID, "json")),
        (b"\xff\xfe", (Finding.MANIFEST_INVALID, "json")),
        (b"[]", (Finding.NOT_AN_EXPORT, "")),
        (b'{"format":"something-else"}', (Finding.NOT_AN_EXPORT, "something-else")),
        (
            b'{"format":"posyandu-desktop-export","format_version":99}',
            (
                Finding.UNSUPPORTED_VERSION,
                "99",
            ),
        ),
        (
            b'{"format":"posyandu-desktop-export","format_version":true}',
            (
                Finding.UNSUPPORTED_VERSION,
                "True",
            ),
        ),
        (b'{"format":"posyandu-desktop-export"}', (Finding.UNSUPPORTED_VERSION, "None")),
    ],
)
def test_foreign_and_future_manifests_are_named(raw, problem):
    assert _problem(raw) == problem


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        (lambda v: v.pop("posyandu"), "posyandu"),
        (lambda v: v["posyandu"].pop("kota"), "posyandu.kota"),
        (lambda v: v.update(period="2026-13"), "period"),
        (lambda v: v.update(revision=0), "revision"),
        (lambda v: v.update(revision="1"), "revision"),
        (lambda v: v.update(revision=True), "revision"),
        (lambda v: v.update(created_at="yesterday"), "created_at"),
        (lambda v: v.update(created_at="2026-11-02T09:30:00"), "created_at"),
        (lambda v: v.pop("app_version"), "app_version"),
        (lambda v: v.update(audit_after=-1), "audit_after"),
        (lambda v: v.update(audit_upto=10), "audit_upto"),
        (lambda v: v["counts"].update(person=-1), "counts.person"),
        (lambda v: v.update(deleted=[]), "deleted"),
        (lambda v: v["members"][0].update(sha256="XYZ"), "members.sha256"),
        (lambda v: v["members"][0].update(size=1.5), "members.size"),
        (lambda v: v["members"][0].update(name="../x"), "members.name"),
        (lambda v: v["members"].append(dict(v["members"][0])), "members"),
        (lambda v: v["members"].append("data/x.json"), "members"),
        (lambda v: v["previous"].update(period="2026-10"), "previous.period"),
        (lambda v: v["previous"].update(manifest_sha256=""), "previous.manifest_sha256"),
        (lambda v: v.update(supersedes={"revision": 1}), "supersedes.manifest_sha256"),
        (
            lambda v: v.update(supersedes={"revision": 1, "manifest_sha256": SHA}),
            "supersedes.revision",
        ),
        (lambda v: v.update(public_key="AAAA"), "public_key"),
        (lambda v: v.update(public_key="not base64!"), "public_key"),
        (lambda v: v.update(fingerprint="0000 " * 7 + "0000"), "fingerprint"),
    ],
)
def test_every_value_of_a_manifest_is_checked(change, detail):
    value = _manifest_json()
    change(value)
    assert _problem(_canonical(value)) == (Finding.MANIFEST_INVALID, detail)


def test_only_the_canonical_bytes_are_a_manifest():
    """The chain names manifests by hash, so there is one byte string per manifest."""
    value = _manifest_json()
    assert Manifest.from_json_bytes(_canonical(value))
    pretty = json.dumps(value, sort_keys=True, indent=1).encode()
    assert _problem(pretty) == (Finding.MANIFEST_INVALID, "canonical")
    backwards = dict(reversed(value.items()))
    unsorted = json.dumps(backwards, separators=(",", ":"), ensure_ascii=False).encode()
    assert _problem(unsorted) == (Finding.MANIFEST_INVALID, "canonical")
    escaped = json.dumps(value, sort_keys=True, separators=(",", ":")).encode()
    assert _problem(escaped) == (Finding.MANIFEST_INVALID, "canonical")  # \u2013, not UTF-8
    value["extra"] = 1
    assert _problem(_canonical(value)) == (Finding.MANIFEST_INVALID, "canonical")


def test_manifest_needs_a_time_zone():
    _, manifest, _ = pack_export()
    with pytest.raises(ValueError):
        replace(manifest, created_at=datetime(2026, 11, 2))


def test_read_manifest_takes_it_from_a_whole_file():
    data, manifest, _ = pack_export()
    assert read_manifest(data) == manifest
    with pytest.raises(PackageError) as caught:
        read_manifest(data[: len(data) // 2])
    assert caught.value.problem is Finding.UNREADABLE
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", b"hello")
    with pytest.raises(PackageError) as caught:
        read_manifest(out.getvalue())
    assert caught.value.problem is Finding.MANIFEST_MISSING
