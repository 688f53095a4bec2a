"""Words for an import of e-PPGBM exports and registers: why a file or a row is not brought in,
and why our z-score differs from e-PPGBM's. English source strings here; the Indonesian in the
catalog."""

from __future__ import annotations

from posyandu_desktop.domain.importing import Difference, FileProblem, RowProblem
from posyandu_desktop.i18n.catalog import N_, _

_FILE: dict[FileProblem, str] = {
    FileProblem.UNREADABLE: N_("The file cannot be read as a table ({detail})."),
    FileProblem.BAD_MAPPING: N_(
        "The column mapping is wrong: {detail} is not a field we know or a column of the file."
    ),
    FileProblem.MISSING_COLUMNS: N_("The file has no column for: {detail}."),
    FileProblem.NO_CADRE: N_(
        "The registry has no cadre yet: add the coordinator in the app first, then import."
    ),
}
_ROW: dict[RowProblem, str] = {
    RowProblem.NO_NAME: N_("no name"),
    RowProblem.SEX_UNKNOWN: N_("sex not L or P"),
    RowProblem.BIRTH_DATE_INVALID: N_("birth date missing or not a date"),
    RowProblem.DATE_INVALID: N_("measurement date missing or not a date"),
    RowProblem.NOT_A_NUMBER: N_("a measurement is not a number"),
    RowProblem.MEASURE_UNKNOWN: N_("how measured is not Terlentang or Berdiri"),
    RowProblem.NOTHING_MEASURED: N_("nothing measured"),
    RowProblem.BEFORE_BIRTH: N_("measured before the birth date"),
    RowProblem.IN_FUTURE: N_("measurement date in the future"),
    RowProblem.OUT_OF_RANGE: N_("a value no child can have"),
    RowProblem.SAME_DAY_TWICE: N_("the same child twice on one day"),
    RowProblem.CONFLICT: N_("same NIK as a registered person with another name or birth date"),
    RowProblem.TO_CONFIRM: N_("same name and birth date as a registered child: confirm first"),
}
_DIFFERENCE: dict[Difference, str] = {
    Difference.POSITION: N_("lying/standing correction (0.7 cm)"),
    Difference.GRAMS: N_("weight written in grams"),
    Difference.NOT_SCORED: N_("no z-score from us (value outside the WHO tables or implausible)"),
    Difference.UNKNOWN: N_("reason unknown"),
}


def file_problem_text(problem: FileProblem, detail: str = "") -> str:
    """Why a file cannot be imported, in the UI language."""
    return _(_FILE[problem]).format(detail=detail)


def row_problem_text(problem: RowProblem) -> str:
    """Why a row of an import brings nothing in."""
    return _(_ROW[problem])


def difference_text(reason: Difference) -> str:
    """Why our z-score differs from e-PPGBM's."""
    return _(_DIFFERENCE[reason])
