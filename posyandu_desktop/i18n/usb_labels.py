"""Words for a copy to a flash drive that did not finish: what happened and what the cadre can do,
with the reassurance that the laptop still has the data. English source strings here; the
Indonesian in the catalog."""

from __future__ import annotations

from posyandu_desktop.domain.copy_problems import CopyProblem
from posyandu_desktop.i18n.catalog import NP_, translator
from posyandu_desktop.i18n.words import register, words

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
