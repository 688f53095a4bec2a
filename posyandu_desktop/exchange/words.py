"""Words for what the verifier finds in an export file, for the state of its signing key and for
a copy to a flash drive that did not finish, registered with `i18n.words`. English source strings
here; the Indonesian in the catalog. `{detail}` is the finding's detail: a member's name, a month
and revision, a fingerprint ..."""

from __future__ import annotations

from posyandu_desktop.exchange.copy_problems import CopyProblem
from posyandu_desktop.exchange.findings import Finding, KeyStatus
from posyandu_desktop.i18n.catalog import N_, NP_, translator
from posyandu_desktop.i18n.words import register, words

register(
    {
        Finding.NOT_AN_EXPORT: N_("Not a Posyandu export file"),
        Finding.UNREADABLE: N_(
            "The file cannot be read: damaged, cut short while copying, or not a zip file"
            " ({detail})"
        ),
        Finding.MANIFEST_MISSING: N_("The file has no manifest (list of contents)"),
        Finding.MANIFEST_INVALID: N_("The manifest (list of contents) is not valid: {detail}"),
        Finding.UNSUPPORTED_VERSION: N_(
            "Format version {detail} is not supported: update the app at the puskesmas"
        ),
        Finding.SIGNATURE_MISSING: N_("The file is not signed"),
        Finding.SIGNATURE_INVALID: N_(
            "The signature does not match: the contents were changed after signing"
        ),
        Finding.KEY_UNKNOWN: N_("Signed by a key that is not registered: {detail}"),
        Finding.KEY_OTHER_POSYANDU: N_(
            "Signed by the key registered to another Posyandu: {detail}"
        ),
        Finding.MEMBER_MISSING: N_("A part of the file is missing: {detail}"),
        Finding.MEMBER_CHANGED: N_("A part of the file was changed or damaged: {detail}"),
        Finding.MEMBER_EXTRA: N_("A part that the manifest does not list: {detail}"),
        Finding.MEMBER_DUPLICATE: N_("A part appears twice: {detail}"),
        Finding.MEMBERS_REORDERED: N_("The parts are not in the signed order: {detail}"),
        Finding.NAME_MISMATCH: N_(
            "The file name does not match its contents: it should be called {detail}"
        ),
        Finding.NAME_NOT_STANDARD: N_("The file was renamed; its usual name is {detail}"),
        Finding.SUPERSEDED: N_("An older revision: revision {detail} of this month replaces it"),
        Finding.REVISION_CONFLICT: N_(
            "Another file with the same month and revision ({detail}) has different contents"
        ),
        Finding.CHAIN_BROKEN: N_(
            "Does not follow on from the export {detail} that was received: check both files"
        ),
        Finding.CHAIN_GAP: N_("The previous export ({detail}) has not been received yet"),
        Finding.WITHDRAWN: N_(
            "Withdrawn by the Posyandu ({detail}): it was made under a wrong date on the laptop"
        ),
        Finding.KEY_NOT_CHECKED: N_(
            "Not registered: no list of registered keys was given (--data-dir or --trust)"
        ),
        Finding.TOO_LARGE: N_("Too large or too many parts for a monthly file ({detail}): refused"),
        Finding.SEALED_NO_KEY: N_(
            "The contents are encrypted for the puskesmas key {detail}: open it in Puskesmas mode"
            " (--data-dir)"
        ),
        Finding.SEALED_OTHER_KEY: N_(
            "Encrypted for another puskesmas key ({detail}): the Posyandu must export again with"
            " this puskesmas's key"
        ),
    }
)

register(
    {
        KeyStatus.REGISTERED: N_("Signed by this Posyandu's registered key"),
        KeyStatus.UNKNOWN: N_("Signed by an unregistered key"),
        KeyStatus.OTHER_POSYANDU: N_("Signed by another Posyandu's key"),
        KeyStatus.NOT_CHECKED: N_("Signing key not checked"),
    }
)
# In one or two words, for a table cell.
register(
    {
        KeyStatus.REGISTERED: N_("registered"),
        KeyStatus.UNKNOWN: N_("unknown"),
        KeyStatus.OTHER_POSYANDU: N_("another Posyandu's"),
        KeyStatus.NOT_CHECKED: N_("not checked"),
    },
    "short",
)


def finding_text(finding: Finding, detail: str, lang: str | None = None) -> str:
    """One finding in words, with its detail."""
    return words(finding, lang=lang).format(detail=detail)


def key_status_text(status: KeyStatus, lang: str | None = None) -> str:
    """The signing key's standing against the list of registered keys."""
    return words(status, lang=lang)


def trust_file_error_text(line_number: int, lang: str | None = None) -> str:
    """A line of the list of registered keys that cannot be read."""
    template = translator(lang).gettext(
        "Line {line} of the key list is not '<fingerprint> <Posyandu code> [name]'"
    )
    return template.format(line=line_number)


# One context for all (a literal, for the extractor): the same English words elsewhere may need
# other Indonesian ones.
register(
    {
        CopyProblem.NO_SPACE: NP_(
            "copy to flash drive",
            "The flash drive is full. Delete other files from it or use another flash drive.",
        ),
        CopyProblem.DEVICE_GONE: NP_(
            "copy to flash drive",
            "The flash drive was pulled out while copying. Plug it in again and repeat; "
            "the data on the laptop is safe.",
        ),
        CopyProblem.READ_ONLY: NP_(
            "copy to flash drive",
            "Nothing can be written to this flash drive (it may be locked). Slide its lock "
            "switch off or use another flash drive.",
        ),
        CopyProblem.VERIFY_FAILED: NP_(
            "copy to flash drive",
            "The copy on the flash drive differs from the original: the flash drive may be "
            "damaged. The bad copy was deleted; repeat or use another flash drive.",
        ),
        CopyProblem.OTHER: NP_(
            "copy to flash drive",
            "The file could not be copied to the flash drive. Repeat or use another flash "
            "drive; the data on the laptop is safe.",
        ),
    }
)

_DETAIL = NP_("copy to flash drive", "Details: {detail}")


def copy_problem_text(problem: CopyProblem, detail: str = "", lang: str | None = None) -> str:
    """What went wrong with a copy to a flash drive and what to do; the technical detail, if
    any, on a second line for whoever helps."""
    text = words(problem, lang=lang)
    if detail:
        text += "\n" + translator(lang).pgettext(*_DETAIL).format(detail=detail)
    return text
