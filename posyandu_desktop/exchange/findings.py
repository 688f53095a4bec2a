"""What the puskesmas verifier finds in a monthly export file, as codes that
`exchange/words.py` turns into words."""

from __future__ import annotations

from enum import StrEnum


class Finding(StrEnum):
    """One thing wrong with (or worth knowing about) an export file; `fatal` ones reject it."""

    # The file as a whole.
    NOT_AN_EXPORT = "not_an_export"  # a zip, but its manifest names another format
    UNREADABLE = "unreadable"  # not a zip, truncated, or unreadable from the disk
    MANIFEST_MISSING = "manifest_missing"
    MANIFEST_INVALID = "manifest_invalid"  # detail: the key that is wrong
    UNSUPPORTED_VERSION = "unsupported_version"  # detail: the file's format_version
    # Who signed it.
    SIGNATURE_MISSING = "signature_missing"
    SIGNATURE_INVALID = "signature_invalid"  # the manifest was edited, or the signature damaged
    KEY_UNKNOWN = "key_unknown"  # detail: the fingerprint, not on the trust list
    KEY_OTHER_POSYANDU = "key_other_posyandu"  # detail: the code the key is registered to
    # The members against the manifest; detail: the member's name.
    MEMBER_MISSING = "member_missing"
    MEMBER_CHANGED = "member_changed"
    MEMBER_EXTRA = "member_extra"
    MEMBER_DUPLICATE = "member_duplicate"
    MEMBERS_REORDERED = "members_reordered"
    # The file among the others.
    NAME_MISMATCH = "name_mismatch"  # detail: the name the manifest calls for
    NAME_NOT_STANDARD = "name_not_standard"  # renamed by hand ("oktober.zip"): a note
    SUPERSEDED = "superseded"  # detail: the newer revision seen
    REVISION_CONFLICT = "revision_conflict"  # detail: "2026-10 r1", seen with other content
    CHAIN_BROKEN = "chain_broken"  # detail: "2026-09 r1", whose manifest hash differs
    CHAIN_GAP = "chain_gap"  # detail: "2026-09 r1", not supplied: a note
    WITHDRAWN = "withdrawn"  # detail: "2027-03 r1", withdrawn by its Posyandu (a wrong clock)
    KEY_NOT_CHECKED = "key_not_checked"  # no list of registered keys given: not registered
    TOO_LARGE = "too_large"  # detail: the size or count; refused before anything is inflated
    SEALED_NO_KEY = "sealed_no_key"  # sealed, and no puskesmas key given; detail: its fingerprint
    SEALED_OTHER_KEY = "sealed_other_key"  # sealed for another puskesmas key; detail: that key

    @property
    def fatal(self) -> bool:
        """Whether the file must not be merged (notes only tell the reader something)."""
        return self not in _NOTES


_NOTES = frozenset({Finding.NAME_NOT_STANDARD, Finding.CHAIN_GAP})


class KeyStatus(StrEnum):
    """The signing key against the puskesmas's list of registered keys."""

    REGISTERED = "registered"  # on the list, for this Posyandu's code
    UNKNOWN = "unknown"  # not on the list
    OTHER_POSYANDU = "other_posyandu"  # on the list, for another Posyandu
    NOT_CHECKED = "not_checked"  # no list given, or the signature itself is not valid
