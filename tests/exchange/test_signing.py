"""The signing key on disk, fingerprints, and the puskesmas's trust file."""

import base64
import hashlib
import os
import re
import stat

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from posyandu_desktop.exchange.signing import (
    KEY_FILE,
    SigningKeyError,
    TrustedKey,
    TrustFileError,
    ensure_signing_key,
    fingerprint,
    key_fingerprint,
    keys_dir,
    load_signing_key,
    normalise_fingerprint,
    public_key_b64,
    read_trust_file,
    write_trust_file,
)
from tests.exchange.conftest import FOREIGN_KEY, LAPTOP_KEY

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
GROUPED = re.compile(r"([0-9A-F]{4} ){7}[0-9A-F]{4}")


def _raw_public(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _private_bytes(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )


# --- fingerprints ---------------------------------------------------------------------------


def test_fingerprint_is_the_first_16_bytes_of_sha256_in_8_groups():
    raw = _raw_public(LAPTOP_KEY)
    found = fingerprint(raw)
    assert GROUPED.fullmatch(found)
    assert found.replace(" ", "") == hashlib.sha256(raw).hexdigest()[:32].upper()
    assert key_fingerprint(LAPTOP_KEY) == key_fingerprint(LAPTOP_KEY.public_key()) == found
    assert key_fingerprint(FOREIGN_KEY) != found


def test_public_key_is_the_raw_32_bytes_in_base64():
    text = public_key_b64(LAPTOP_KEY)
    assert base64.b64decode(text, validate=True) == _raw_public(LAPTOP_KEY)
    assert len(base64.b64decode(text)) == 32


@pytest.mark.parametrize(
    "typed",
    [
        "3f2a 9c01 0000 1111 2222 3333 4444 5555",
        "3F2A9C01000011112222333344445555",
        " 3F2A 9C01000011112222 3333 4444\t5555 ",
        "3F 2A 9C 01 00 00 11 11 22 22 33 33 44 44 55 55",
    ],
)
def test_a_typed_fingerprint_is_normalised(typed):
    assert normalise_fingerprint(typed) == "3F2A 9C01 0000 1111 2222 3333 4444 5555"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "3F2A",
        "3F2A 9C01 0000 1111 2222 3333 4444 555",
        "3F2A 9C01 0000 1111 2222 3333 4444 55555",
        "3F2A 9C01 0000 1111 2222 3333 4444 555G",
        "3F2A:9C01:0000:1111:2222:3333:4444:5555",
    ],
)
def test_anything_but_32_hex_digits_is_not_a_fingerprint(typed):
    assert normalise_fingerprint(typed) is None


# --- the key file ---------------------------------------------------------------------------


def test_keys_live_in_the_data_folder(tmp_path):
    assert keys_dir(tmp_path) == tmp_path / "keys"


def test_the_key_is_made_once_and_then_reused(tmp_path):
    folder = keys_dir(tmp_path)
    assert load_signing_key(folder) is None
    key = ensure_signing_key(folder)
    pem = (folder / KEY_FILE).read_bytes()
    assert pem.startswith(b"-----BEGIN PRIVATE KEY-----")  # PKCS8, not encrypted
    again = ensure_signing_key(folder)
    loaded = load_signing_key(folder)
    assert loaded is not None
    assert _private_bytes(again) == _private_bytes(loaded) == _private_bytes(key)
    assert (folder / KEY_FILE).read_bytes() == pem
    assert sorted(p.name for p in folder.iterdir()) == [KEY_FILE]  # no temporary file left


def test_each_laptop_gets_its_own_key(tmp_path):
    one = ensure_signing_key(tmp_path / "a")
    other = ensure_signing_key(tmp_path / "b")
    assert key_fingerprint(one) != key_fingerprint(other)


@posix_only
def test_only_the_user_can_read_the_key(tmp_path):
    old = os.umask(0)  # even a careless umask must not widen the modes
    try:
        ensure_signing_key(keys_dir(tmp_path))
    finally:
        os.umask(old)
    assert stat.S_IMODE(keys_dir(tmp_path).stat().st_mode) == 0o700
    assert stat.S_IMODE((keys_dir(tmp_path) / KEY_FILE).stat().st_mode) == 0o600


@posix_only
def test_an_existing_open_folder_is_closed(tmp_path):
    folder = keys_dir(tmp_path)
    folder.mkdir()
    folder.chmod(0o755)
    ensure_signing_key(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_damaged_key_is_reported_and_never_replaced(tmp_path):
    folder = keys_dir(tmp_path)
    folder.mkdir()
    (folder / KEY_FILE).write_bytes(b"-----BEGIN PRIVATE KEY-----\ngarbage\n")
    with pytest.raises(SigningKeyError):
        load_signing_key(folder)
    with pytest.raises(SigningKeyError):
        ensure_signing_key(folder)
    assert (folder / KEY_FILE).read_bytes().endswith(b"garbage\n")


def test_a_key_of_another_kind_is_refused(tmp_path):
    folder = keys_dir(tmp_path)
    folder.mkdir()
    other = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    (folder / KEY_FILE).write_bytes(other)
    with pytest.raises(SigningKeyError):
        load_signing_key(folder)


def test_a_failed_write_leaves_no_key_and_no_temporary_file(tmp_path, monkeypatch):
    folder = keys_dir(tmp_path)

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        ensure_signing_key(folder)
    assert list(folder.iterdir()) == []
    monkeypatch.undo()
    assert load_signing_key(folder) is None
    assert ensure_signing_key(folder) is not None


# --- trust files ----------------------------------------------------------------------------

MELATI_FP = key_fingerprint(LAPTOP_KEY)
FOREIGN_FP = key_fingerprint(FOREIGN_KEY)


def test_a_trust_file_lists_keys_with_comments_and_blank_lines(tmp_path):
    path = tmp_path / "keys.txt"
    text = (
        "\ufeff# Puskesmas Sukamaju: registered Posyandu laptops\n"
        "\n"
        f"{MELATI_FP} PSY-01 Posyandu Melati #2 RW 03\r\n"
        f"   # {FOREIGN_FP} PSY-09 an old laptop, given away\n"
        f"{FOREIGN_FP.replace(' ', '').lower()}\tPSY-02\n"
        f"{FOREIGN_FP[:9]} {FOREIGN_FP[10:].replace(' ', '')} PSY-03 Kenanga\n"
        "   \n"
    )
    path.write_text(text, encoding="utf-8")
    assert read_trust_file(path) == (
        TrustedKey(MELATI_FP, "PSY-01", "Posyandu Melati #2 RW 03"),
        TrustedKey(FOREIGN_FP, "PSY-02", ""),
        TrustedKey(FOREIGN_FP, "PSY-03", "Kenanga"),
    )


def test_an_empty_trust_file_trusts_no_one(tmp_path):
    path = tmp_path / "keys.txt"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert read_trust_file(path) == ()


@pytest.mark.parametrize(
    ("bad_line", "why"),
    [
        (f"{MELATI_FP}", "no Posyandu code"),
        (f"{MELATI_FP[:-1]} PSY-01", "a digit short"),
        (f"{MELATI_FP}A PSY-01", "a digit too many"),
        (f"{MELATI_FP[:-1]}G PSY-01", "not hex"),
        ("PSY-01 " + MELATI_FP, "code first"),
        ("just some words", "not a key"),
    ],
)
def test_a_bad_line_is_named_by_its_number(tmp_path, bad_line, why):
    path = tmp_path / "keys.txt"
    path.write_text(f"# keys\n{MELATI_FP} PSY-01\n\n{bad_line}\n{FOREIGN_FP} PSY-02\n", "utf-8")
    with pytest.raises(TrustFileError) as caught:
        read_trust_file(path)
    assert caught.value.line_number == 4
    assert caught.value.line == bad_line


def test_a_list_saved_by_notepad_as_ansi_is_read_as_windows_1252(tmp_path):
    path = tmp_path / "keys.txt"
    path.write_bytes(
        f"{MELATI_FP} PSY-01\n{FOREIGN_FP} PSY-02 Kenanga \xe9 \u2013\n".encode("cp1252")
    )
    keys = read_trust_file(path)
    assert [(k.posyandu_code, k.name) for k in keys] == [
        ("PSY-01", ""),
        ("PSY-02", "Kenanga \xe9 \u2013"),
    ]


def test_a_missing_trust_file_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_trust_file(tmp_path / "nowhere.txt")


def test_a_written_trust_file_reads_back(tmp_path):
    keys = (
        TrustedKey(MELATI_FP, "PSY-01", "Posyandu Melati – RW 03"),
        TrustedKey(FOREIGN_FP.replace(" ", "").lower(), "PSY-02"),
    )
    path = tmp_path / "keys.txt"
    write_trust_file(path, keys)
    assert read_trust_file(path) == (
        TrustedKey(MELATI_FP, "PSY-01", "Posyandu Melati – RW 03"),
        TrustedKey(FOREIGN_FP, "PSY-02"),
    )
    assert path.read_text(encoding="utf-8").startswith("#")
    assert [p.name for p in tmp_path.iterdir()] == ["keys.txt"]
    write_trust_file(path, keys[:1])  # replaced whole
    assert len(read_trust_file(path)) == 1


@pytest.mark.parametrize(
    "key",
    [TrustedKey("1234", "PSY-01"), TrustedKey(MELATI_FP, ""), TrustedKey(MELATI_FP, "PSY 01")],
)
def test_write_refuses_what_could_not_be_read_back(tmp_path, key):
    with pytest.raises(ValueError):
        write_trust_file(tmp_path / "keys.txt", [key])
    assert not (tmp_path / "keys.txt").exists()
