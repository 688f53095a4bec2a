"""The puskesmas verifier against real export files and tampered copies of them: every change
is caught and named, and nothing a file holds makes the verifier raise."""

import base64
import hashlib
import io
import struct
import warnings
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from posyandu_desktop.domain.export_contract import READABLE_VERSIONS
from posyandu_desktop.exchange.package import (
    MANIFEST,
    SIGNATURE,
    Manifest,
    Period,
    PreviousLink,
    Supersedes,
    canonical_json,
    export_file_name,
)
from posyandu_desktop.exchange.signing import TrustedKey, key_fingerprint
from posyandu_desktop.exchange.verify import (
    FileReport,
    Finding,
    KeyStatus,
    Received,
    verify_files,
)
from posyandu_desktop.exchange.words import (
    finding_text,
    key_status_text,
    trust_file_error_text,
)
from tests.exchange.conftest import (
    FOREIGN_KEY,
    LAPTOP_KEY,
    MAWAR,
    MAWAR_KEY,
    MELATI,
    OCTOBER,
    SEPTEMBER,
    export_members,
    pack_export,
)

MELATI_FP = key_fingerprint(LAPTOP_KEY)
TRUST = (
    TrustedKey(MELATI_FP, "PSY-01", "Posyandu Melati"),
    TrustedKey(key_fingerprint(MAWAR_KEY), "PSY-02", "Posyandu Mawar"),
)
MEMBER_NAMES = [name for name, _ in export_members(MELATI, OCTOBER, 1)]
EVERY_ENTRY = [MANIFEST, SIGNATURE, *MEMBER_NAMES]


def _entries(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def _rezip(path: Path, entries: list[tuple[str, bytes]]) -> None:
    """Write `entries` as a new, well-formed zip: only what a tamperer changed differs."""
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name", on purpose
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                archive.writestr(name, data)
    path.write_bytes(out.getvalue())


def _replace(path: Path, name: str, data: bytes) -> None:
    _rezip(path, [(n, data if n == name else d) for n, d in _entries(path)])


def _flip(data: bytes, at: int) -> bytes:
    spoilt = bytearray(data)
    spoilt[at] ^= 0x01
    return bytes(spoilt)


def _check(
    *paths: Path,
    trusted: Sequence[TrustedKey] | None = TRUST,
    received: Sequence[Received] = (),
) -> tuple[FileReport, ...]:
    return verify_files(list(paths), trusted, received)


def _one(
    path: Path, trusted: Sequence[TrustedKey] | None = TRUST, received: Sequence[Received] = ()
) -> FileReport:
    (report,) = _check(path, trusted=trusted, received=received)
    return report


def _refused(report: FileReport) -> list[tuple[Finding, str]]:
    assert not report.ok
    assert report.members == {}
    return list(report.findings)


# --- a good file ----------------------------------------------------------------------------


def test_a_good_file_passes_and_gives_back_its_members(make_export):
    export = make_export()
    report = _one(export.path)
    assert report.ok
    assert report.findings == ()
    assert report.key_status is KeyStatus.REGISTERED
    assert report.manifest == export.manifest
    assert list(report.members.items()) == list(export.members)
    assert report.path == export.path


def test_without_a_trust_list_no_file_is_valid(make_export):
    report = _one(make_export().path, trusted=None)
    assert not report.ok
    assert report.key_status is KeyStatus.NOT_CHECKED
    assert report.findings == ((Finding.KEY_NOT_CHECKED, MELATI_FP),)
    assert report.members == {}


def test_reports_come_back_in_the_order_given(make_export):
    files = [make_export(posyandu=MAWAR, key=MAWAR_KEY).path, make_export().path]
    assert [r.path for r in _check(*files)] == files
    assert [r.path for r in _check(*reversed(files))] == files[::-1]


# --- any byte of any member -----------------------------------------------------------------


def _data_offset(path: Path, name: str) -> tuple[int, int]:
    """Where `name`'s compressed bytes start in the archive, and how many there are."""
    raw = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    name_length, extra_length = struct.unpack_from("<HH", raw, info.header_offset + 26)
    return info.header_offset + 30 + name_length + extra_length, info.compress_size


@pytest.mark.parametrize("name", EVERY_ENTRY)
def test_a_byte_changed_in_the_archive_names_the_member(make_export, name):
    export = make_export()
    original = export.path.read_bytes()
    start, size = _data_offset(export.path, name)
    for at in range(start, start + size):
        export.path.write_bytes(_flip(original, at))
        report = _one(export.path)
        # zipfile stops at the member's size and checks its CRC, so the bits that only close
        # the deflate stream (the first byte's "last block" flag, the final end-of-block
        # code) change nothing that is read: the content is still the signed content.
        if report.ok and at in (start, start + size - 1):
            assert list(report.members.items()) == list(export.members)
            continue
        assert (Finding.MEMBER_CHANGED, name) in _refused(report)


@pytest.mark.parametrize("name", MEMBER_NAMES)
def test_a_byte_changed_in_a_member_and_rezipped_names_it(make_export, name):
    """A careful tamperer rebuilds a valid zip: the manifest's hash still catches it."""
    export = make_export()
    original = dict(export.members)[name]
    for at in (0, len(original) // 2, len(original) - 1):
        _replace(export.path, name, _flip(original, at))
        assert _refused(_one(export.path)) == [(Finding.MEMBER_CHANGED, name)]


@pytest.mark.parametrize("name", MEMBER_NAMES)
def test_a_member_made_longer_or_shorter_is_caught(make_export, name):
    export = make_export()
    original = dict(export.members)[name]
    for changed in (original + b" ", original[:-1], b""):
        _replace(export.path, name, changed)
        assert _refused(_one(export.path)) == [(Finding.MEMBER_CHANGED, name)]


def test_an_edited_manifest_breaks_the_signature(make_export):
    export = make_export()
    value = export.manifest.to_json()
    value["counts"]["person"] = 1000  # canonical and well-formed: only the signature tells
    _replace(export.path, MANIFEST, canonical_json(value))
    assert _refused(_one(export.path)) == [(Finding.SIGNATURE_INVALID, "")]


def test_a_manifest_that_hides_a_changed_member_breaks_the_signature(make_export):
    export = make_export()
    name = "data/person.json"
    forged = dict(export.members)[name].replace(b"Siti", b"Sri ")
    value = export.manifest.to_json()
    value["members"][1]["sha256"] = hashlib.sha256(forged).hexdigest()
    entries = [
        (n, canonical_json(value) if n == MANIFEST else forged if n == name else d)
        for n, d in _entries(export.path)
    ]
    _rezip(export.path, entries)
    assert _refused(_one(export.path)) == [(Finding.SIGNATURE_INVALID, "")]


def test_a_manifest_byte_changed_and_rezipped_is_refused(make_export):
    export = make_export()
    raw = export.manifest.to_json_bytes()
    for at in range(0, len(raw), 7):
        _replace(export.path, MANIFEST, _flip(raw, at))
        findings = _refused(_one(export.path))
        assert {f for f, _ in findings} & {
            Finding.SIGNATURE_INVALID,
            Finding.MANIFEST_INVALID,
            Finding.NOT_AN_EXPORT,
            Finding.UNSUPPORTED_VERSION,
        }


@pytest.mark.parametrize(
    "signature",
    [
        b"",
        b"not base64 at all\n",
        base64.b64encode(bytes(64)) + b"\n",
        base64.b64encode(bytes(63)) + b"\n",
    ],
)
def test_a_spoilt_signature_is_refused(make_export, signature):
    export = make_export()
    _replace(export.path, SIGNATURE, signature)
    assert _refused(_one(export.path)) == [(Finding.SIGNATURE_INVALID, "")]


def test_every_byte_of_the_signature_counts(make_export):
    export = make_export()
    original = dict(_entries(export.path))[SIGNATURE]
    for at in range(len(original)):
        _replace(export.path, SIGNATURE, _flip(original, at))
        assert _refused(_one(export.path)) == [(Finding.SIGNATURE_INVALID, "")]


def test_no_single_byte_change_passes_with_other_content(make_export):
    """Flip every byte of the file in turn: the verifier never raises, and whatever it accepts
    (a zip header's date, version or attributes changed, say) holds exactly the signed members."""
    export = make_export()
    original = export.path.read_bytes()
    refused = 0
    for at in range(len(original)):
        export.path.write_bytes(_flip(original, at))
        report = _one(export.path)
        if report.ok:
            assert report.manifest == export.manifest
            assert list(report.members.items()) == list(export.members)
        else:
            refused += 1
    assert refused > len(original) // 2


# --- truncated, missing, extra, repeated, reordered -----------------------------------------


def test_a_truncated_file_is_unreadable(make_export):
    export = make_export()
    original = export.path.read_bytes()
    for length in (0, 1, 4, 30, *(len(original) * k // 10 for k in range(1, 10))):
        export.path.write_bytes(original[:length])
        findings = _refused(_one(export.path))
        assert [f for f, _ in findings] == [Finding.UNREADABLE]
    for cut in (1, 22, 100):
        export.path.write_bytes(original[:-cut])
        assert [f for f, _ in _refused(_one(export.path))] == [Finding.UNREADABLE]


@pytest.mark.parametrize(
    "content", [b"%PDF-1.7\nnot a zip", b"", b"PK\x03\x04" + bytes(100), bytes(1000)]
)
def test_a_file_that_is_not_a_zip_is_unreadable(tmp_path, content):
    path = tmp_path / "posyandu_PSY-01_2026-10_r1.zip"
    path.write_bytes(content)
    report = _one(path)
    assert [f for f, _ in _refused(report)] == [Finding.UNREADABLE]
    assert report.manifest is None
    assert report.key_status is KeyStatus.NOT_CHECKED


def test_a_path_that_cannot_be_read_is_unreadable(tmp_path):
    for path in (tmp_path / "missing.zip", tmp_path):
        assert [f for f, _ in _refused(_one(path))] == [Finding.UNREADABLE]


def test_some_other_zip_has_no_manifest(tmp_path):
    path = tmp_path / "photos.zip"
    _rezip(path, [("IMG_0001.jpg", b"\xff\xd8\xff")])
    assert _refused(_one(path)) == [(Finding.MANIFEST_MISSING, "")]


def test_a_zip_of_another_format_is_not_an_export(tmp_path):
    path = tmp_path / "other.zip"
    _rezip(path, [(MANIFEST, b'{"format":"ebook"}')])
    assert _refused(_one(path)) == [(Finding.NOT_AN_EXPORT, "ebook")]


def test_a_newer_format_version_is_named(make_export):
    export = make_export()
    value = export.manifest.to_json()
    newer = max(READABLE_VERSIONS) + 1
    value["format_version"] = newer
    _replace(export.path, MANIFEST, canonical_json(value))
    assert _refused(_one(export.path)) == [(Finding.UNSUPPORTED_VERSION, str(newer))]


def test_a_missing_signature_is_named(make_export):
    export = make_export()
    _rezip(export.path, [(n, d) for n, d in _entries(export.path) if n != SIGNATURE])
    assert _refused(_one(export.path)) == [(Finding.SIGNATURE_MISSING, "")]


@pytest.mark.parametrize("name", MEMBER_NAMES)
def test_a_missing_member_is_named(make_export, name):
    export = make_export()
    _rezip(export.path, [(n, d) for n, d in _entries(export.path) if n != name])
    assert _refused(_one(export.path)) == [(Finding.MEMBER_MISSING, name)]


def test_an_extra_member_is_named(make_export):
    export = make_export()
    _rezip(export.path, [*_entries(export.path), ("data/extra.json", b"{}")])
    assert _refused(_one(export.path)) == [(Finding.MEMBER_EXTRA, "data/extra.json")]


@pytest.mark.parametrize("name", [MANIFEST, SIGNATURE, "data/person.json"])
def test_a_repeated_entry_is_named(make_export, name):
    """zipfile keeps both entries and reads the last by name: the verifier looks at all."""
    export = make_export()
    entries = _entries(export.path)
    _rezip(export.path, [*entries, (name, b'{"table":"person","rows":[]}')])
    assert (Finding.MEMBER_DUPLICATE, name) in _refused(_one(export.path))


def test_the_same_entry_twice_with_the_same_content_is_still_refused(make_export):
    export = make_export()
    entries = _entries(export.path)
    _rezip(export.path, [*entries, entries[-1]])
    assert _refused(_one(export.path)) == [(Finding.MEMBER_DUPLICATE, entries[-1][0])]


@pytest.mark.parametrize(
    ("first", "second"),
    [(2, 3), (2, len(EVERY_ENTRY) - 1), (0, 1), (1, 5)],
)
def test_members_in_another_order_are_named(make_export, first, second):
    export = make_export()
    entries = _entries(export.path)
    entries[first], entries[second] = entries[second], entries[first]
    _rezip(export.path, entries)
    assert _refused(_one(export.path)) == [(Finding.MEMBERS_REORDERED, entries[first][0])]


# --- members swapped between files, keys ----------------------------------------------------


def test_a_member_swapped_between_two_posyandu_is_caught_in_the_file_that_got_it(make_export):
    melati = make_export()
    mawar = make_export(posyandu=MAWAR, key=MAWAR_KEY)
    name = "data/person.json"
    theirs = dict(mawar.members)[name]
    _replace(melati.path, name, theirs)
    spoilt, untouched = _check(melati.path, mawar.path)
    assert _refused(spoilt) == [(Finding.MEMBER_CHANGED, name)]
    assert untouched.ok


def test_members_swapped_both_ways_are_caught_in_both(make_export):
    melati = make_export()
    mawar = make_export(posyandu=MAWAR, key=MAWAR_KEY)
    name = "report/summary.json"
    _replace(melati.path, name, dict(mawar.members)[name])
    _replace(mawar.path, name, dict(melati.members)[name])
    for report in _check(melati.path, mawar.path):
        assert _refused(report) == [(Finding.MEMBER_CHANGED, name)]


def test_a_manifest_and_signature_moved_to_another_posyandus_file(make_export):
    """A valid manifest and signature from Mawar do not vouch for Melati's members."""
    melati = make_export()
    mawar = make_export(posyandu=MAWAR, key=MAWAR_KEY, name="mawar.zip")
    theirs = dict(_entries(mawar.path))
    _replace(melati.path, MANIFEST, theirs[MANIFEST])
    _replace(melati.path, SIGNATURE, theirs[SIGNATURE])
    findings = _refused(_one(melati.path))
    assert (Finding.MEMBER_CHANGED, "data/person.json") in findings
    assert (Finding.NAME_MISMATCH, "posyandu_PSY-02_2026-10_r1.zip") in findings


def test_a_file_re_signed_with_an_unknown_key(make_export):
    export = make_export(key=FOREIGN_KEY)
    report = _one(export.path)
    assert _refused(report) == [(Finding.KEY_UNKNOWN, key_fingerprint(FOREIGN_KEY))]
    assert report.key_status is KeyStatus.UNKNOWN


def test_a_file_signed_with_a_key_registered_to_another_posyandu(make_export):
    export = make_export(key=MAWAR_KEY)  # Melati's data, signed on Mawar's laptop
    report = _one(export.path)
    assert _refused(report) == [(Finding.KEY_OTHER_POSYANDU, "PSY-02")]
    assert report.key_status is KeyStatus.OTHER_POSYANDU


def test_a_re_signed_file_without_a_trust_list_is_not_registered(make_export):
    export = make_export(key=FOREIGN_KEY)
    report = _one(export.path, trusted=None)
    assert not report.ok
    assert report.findings == ((Finding.KEY_NOT_CHECKED, key_fingerprint(FOREIGN_KEY)),)


def test_an_empty_trust_list_knows_no_key(make_export):
    report = _one(make_export().path, trusted=())
    assert _refused(report) == [(Finding.KEY_UNKNOWN, MELATI_FP)]


def test_trust_list_codes_and_fingerprints_are_matched_loosely_as_typed(make_export):
    typed = (TrustedKey(MELATI_FP.replace(" ", "").lower(), "psy-01"),)
    report = _one(make_export().path, trusted=typed)
    assert report.ok
    assert report.key_status is KeyStatus.REGISTERED


def test_a_foreign_signature_on_the_original_manifest_is_invalid(make_export):
    export = make_export()
    forged = base64.b64encode(FOREIGN_KEY.sign(export.manifest.to_json_bytes())) + b"\n"
    _replace(export.path, SIGNATURE, forged)
    report = _one(export.path)
    assert _refused(report) == [(Finding.SIGNATURE_INVALID, "")]
    assert report.key_status is KeyStatus.NOT_CHECKED


# --- file names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "posyandu_PSY-02_2026-10_r1.zip",  # another Posyandu
        "posyandu_PSY-01_2026-09_r1.zip",  # another month
        "posyandu_PSY-01_2026-10_r2.zip",  # another revision
    ],
)
def test_a_file_renamed_to_another_export_is_refused(make_export, name):
    report = _one(make_export(name=name).path)
    assert _refused(report) == [(Finding.NAME_MISMATCH, "posyandu_PSY-01_2026-10_r1.zip")]


@pytest.mark.parametrize(
    "name", ["oktober.zip", "posyandu_PSY-01_2026-10_r1 (1).zip", "kiriman posyandu"]
)
def test_a_file_renamed_by_hand_is_a_note(make_export, name):
    report = _one(make_export(name=name).path)
    assert report.ok
    assert report.findings == ((Finding.NAME_NOT_STANDARD, "posyandu_PSY-01_2026-10_r1.zip"),)


def test_the_case_of_a_file_name_does_not_matter(make_export):
    assert _one(make_export(name="POSYANDU_psy-01_2026-10_R1.ZIP").path).ok


# --- revisions ------------------------------------------------------------------------------


def test_an_old_revision_beside_a_newer_one_is_superseded(make_export):
    first = make_export()
    second = make_export(revision=2, supersedes=Supersedes(1, first.sha256))
    for paths in ((first.path, second.path), (second.path, first.path)):
        reports = {r.path: r for r in _check(*paths)}
        assert _refused(reports[first.path]) == [(Finding.SUPERSEDED, "2")]
        assert reports[second.path].ok
        assert reports[second.path].findings == ()


def test_an_old_revision_after_a_newer_one_was_received_is_superseded(make_export):
    first = make_export()
    received = [Received("PSY-01", OCTOBER, 2, "ef" * 32)]
    assert _refused(_one(first.path, received=received)) == [(Finding.SUPERSEDED, "2")]
    # Another Posyandu's revision 2, or another month's, does not count.
    others = [
        Received("PSY-02", OCTOBER, 2, "ef" * 32),
        Received("PSY-01", SEPTEMBER, 3, "ef" * 32),
    ]
    assert _one(first.path, received=others).ok


def test_the_same_file_received_again_is_not_a_conflict(make_export):
    export = make_export()
    received = [Received("PSY-01", OCTOBER, 1, export.sha256)]
    assert _one(export.path, received=received).ok
    assert all(r.ok for r in _check(export.path, export.path))


def test_another_file_with_the_same_revision_is_a_conflict(make_export, tmp_path):
    export = make_export()
    received = [Received("PSY-01", OCTOBER, 1, "ef" * 32)]
    assert _refused(_one(export.path, received=received)) == [
        (Finding.REVISION_CONFLICT, "2026-10 r1")
    ]
    # Two signed files both calling themselves revision 1 of October (a restored laptop).
    data, _, _ = pack_export(members=export_members(MELATI, OCTOBER, 5))
    twin = tmp_path / "twin" / export.path.name
    twin.parent.mkdir()
    twin.write_bytes(data)
    for report in _check(export.path, twin):
        assert _refused(report) == [(Finding.REVISION_CONFLICT, "2026-10 r1")]


def test_a_tampered_newer_revision_does_not_supersede_a_good_one(make_export):
    first = make_export()
    second = make_export(revision=2, supersedes=Supersedes(1, first.sha256))
    _replace(second.path, "data/person.json", b"{}")
    good, bad = _check(first.path, second.path)
    assert good.ok
    assert _refused(bad) == [(Finding.MEMBER_CHANGED, "data/person.json")]


def test_a_re_export_that_supersedes_other_content_breaks_the_chain(make_export):
    first = make_export()
    second = make_export(revision=2, supersedes=Supersedes(1, "ef" * 32))
    old, new = _check(first.path, second.path)
    assert _refused(old) == [(Finding.SUPERSEDED, "2")]
    assert _refused(new) == [(Finding.CHAIN_BROKEN, "2026-10 r1")]


# --- the chain of months --------------------------------------------------------------------


def test_a_chain_that_links_passes(make_export):
    september = make_export(period=SEPTEMBER)
    october = make_export(previous=PreviousLink(SEPTEMBER, 1, september.sha256))
    assert [r.findings for r in _check(september.path, october.path)] == [(), ()]


def test_a_chain_to_a_received_month_passes(make_export):
    september = make_export(period=SEPTEMBER)
    october = make_export(previous=PreviousLink(SEPTEMBER, 1, september.sha256))
    received = [Received("PSY-01", SEPTEMBER, 1, september.sha256)]
    assert _one(october.path, received=received).findings == ()


def test_a_month_whose_previous_export_is_missing_is_a_gap_note(make_export):
    october = make_export(previous=PreviousLink(SEPTEMBER, 1, "ab" * 32))
    report = _one(october.path)
    assert report.ok
    assert report.findings == ((Finding.CHAIN_GAP, "2026-09 r1"),)
    # Another Posyandu's September fills no gap.
    mawar = make_export(posyandu=MAWAR, key=MAWAR_KEY, period=SEPTEMBER)
    assert _check(october.path, mawar.path)[0].findings == ((Finding.CHAIN_GAP, "2026-09 r1"),)


def test_a_chain_to_a_different_previous_file_is_broken(make_export):
    september = make_export(period=SEPTEMBER)
    october = make_export(previous=PreviousLink(SEPTEMBER, 1, "ab" * 32))
    good, broken = _check(september.path, october.path)
    assert good.ok
    assert _refused(broken) == [(Finding.CHAIN_BROKEN, "2026-09 r1")]
    received = [Received("PSY-01", SEPTEMBER, 1, september.sha256)]
    assert _refused(_one(october.path, received=received)) == [(Finding.CHAIN_BROKEN, "2026-09 r1")]


def test_a_chain_to_a_superseded_revision_is_checked_through_its_successor(make_export):
    """October followed September r1; only September r2 (which names r1's hash) is at hand."""
    september_1, _, _ = pack_export(period=SEPTEMBER)
    sha_1 = Manifest.from_json_bytes(dict(_entries_of(september_1))[MANIFEST]).sha256()
    september_2 = make_export(period=SEPTEMBER, revision=2, supersedes=Supersedes(1, sha_1))
    october = make_export(previous=PreviousLink(SEPTEMBER, 1, sha_1))
    assert [r.findings for r in _check(september_2.path, october.path)] == [(), ()]
    wrong = make_export(previous=PreviousLink(SEPTEMBER, 1, "ab" * 32), name="wrong.zip")
    assert (Finding.CHAIN_BROKEN, "2026-09 r1") in _refused(_check(september_2.path, wrong.path)[1])


def _entries_of(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def test_a_tampered_previous_month_is_not_evidence_either_way(make_export):
    september = make_export(period=SEPTEMBER)
    october = make_export(previous=PreviousLink(SEPTEMBER, 1, september.sha256))
    _replace(september.path, "fhir/bundle.json", b"{}")
    bad, report = _check(september.path, october.path)
    assert not bad.ok
    assert report.findings == ((Finding.CHAIN_GAP, "2026-09 r1"),)


def test_a_round_of_a_whole_year_verifies(make_export):
    """Twelve months in a chain, one re-exported: everything links, the old revision is out."""
    paths, previous = [], None
    for month in range(1, 13):
        period = Period(2026, month)
        export = make_export(period=period, previous=previous)
        paths.append(export.path)
        if month == 6:
            again = make_export(
                period=period,
                revision=2,
                previous=previous,
                supersedes=Supersedes(1, export.sha256),
            )
            paths.append(again.path)
            export = again
        previous = PreviousLink(period, export.manifest.revision, export.sha256)
    reports = _check(*paths)
    refused = [(r.path.name, r.findings) for r in reports if not r.ok]
    assert refused == [("posyandu_PSY-01_2026-06_r1.zip", ((Finding.SUPERSEDED, "2"),))]
    assert all(r.findings == () for r in reports if r.ok)


# --- words ----------------------------------------------------------------------------------


def test_only_gaps_and_renamed_files_are_notes():
    notes = {f for f in Finding if not f.fatal}
    assert notes == {Finding.CHAIN_GAP, Finding.NAME_NOT_STANDARD}


@pytest.mark.parametrize("finding", list(Finding))
def test_every_finding_has_words_in_both_languages(finding):
    english = finding_text(finding, "data/person.json", "en")
    indonesian = finding_text(finding, "data/person.json", "id")
    assert english and indonesian and english != indonesian
    assert ("data/person.json" in english) == ("data/person.json" in indonesian)
    assert "{" not in indonesian


@pytest.mark.parametrize("status", list(KeyStatus))
def test_every_key_status_has_words_in_both_languages(status):
    english, indonesian = key_status_text(status, "en"), key_status_text(status, "id")
    assert english and indonesian and english != indonesian


def test_known_indonesian_words():
    assert finding_text(Finding.MEMBER_CHANGED, "data/person.json", "id") == (
        "Ada bagian file yang diubah atau rusak: data/person.json"
    )
    assert finding_text(Finding.SUPERSEDED, "2", "id") == (
        "Revisi lama: sudah diganti oleh revisi 2 untuk bulan ini"
    )
    assert key_status_text(KeyStatus.REGISTERED, "id") == (
        "Ditandatangani dengan kunci terdaftar Posyandu ini"
    )
    assert trust_file_error_text(4, "id").startswith("Baris 4 daftar kunci")
    assert trust_file_error_text(4, "en").startswith("Line 4 of the key list")


def test_details_with_braces_are_shown_as_they_are():
    assert finding_text(Finding.MEMBER_EXTRA, "data/{x}.json", "en").endswith("data/{x}.json")


def test_export_file_name_in_reports_is_the_proper_one(make_export):
    export = make_export(name="renamed.zip")
    expected = export_file_name("PSY-01", OCTOBER, 1)
    assert _one(export.path).findings == ((Finding.NAME_NOT_STANDARD, expected),)
