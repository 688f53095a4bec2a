"""Words for an import of e-PPGBM exports and registers: why a file or a row is not brought in,
and why our z-score differs from e-PPGBM's. English source strings here; the Indonesian in the
catalog."""

from __future__ import annotations

from collections import Counter

from posyandu_desktop.domain.importing import Difference, FileProblem, ImportReport, RowProblem
from posyandu_desktop.i18n.catalog import N_, _
from posyandu_desktop.i18n.formats import format_date, format_decimal
from posyandu_desktop.i18n.words import register, words

register(
    {
        FileProblem.UNREADABLE: N_("The file cannot be read as a table ({detail})."),
        FileProblem.BAD_MAPPING: N_(
            "The column mapping is wrong: {detail} is not a field we know or a column of the file."
        ),
        FileProblem.MISSING_COLUMNS: N_("The file has no column for: {detail}."),
        FileProblem.BACKUP_FAILED: N_(
            "The backup before the import could not be made ({detail}); nothing was imported."
        ),
        FileProblem.NOT_SAVED: N_("The import could not be saved ({detail}); nothing was changed."),
        FileProblem.NO_CADRE: N_(
            "The registry has no cadre yet: add the coordinator in the app first, then import."
        ),
    }
)
register(
    {
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
)
register(
    {
        Difference.POSITION: N_("lying/standing correction (0.7 cm)"),
        Difference.GRAMS: N_("weight written in grams"),
        Difference.NOT_SCORED: N_(
            "no z-score from us (value outside the WHO tables or implausible)"
        ),
        Difference.UNKNOWN: N_("reason unknown"),
    }
)


# The fields of the import's column mapping (domain/importing.py FIELD_ALIASES), as the
# coordinator reads them next to the file's columns.
_FIELDS = {
    "name": N_("Child's name"),
    "sex": N_("Sex (L/P)"),
    "birth_date": N_("Birth date"),
    "measured_on": N_("Date measured"),
    "weight": N_("Weight (kg)"),
    "lenhei": N_("Length or height (cm)"),
    "armc": N_("Upper arm, LILA (cm)"),
    "nik": N_("Child's NIK"),
    "mother_nik": N_("Mother's NIK"),
    "birth_weight": N_("Birth weight"),
    "birth_length": N_("Birth length"),
    "measure": N_("How measured (lying/standing)"),
    "their_waz": N_("e-PPGBM z-score W/A"),
    "their_haz": N_("e-PPGBM z-score H/A"),
    "their_whz": N_("e-PPGBM z-score W/H"),
}


def field_text(field: str) -> str:
    """A field of the import's column mapping, in the UI language."""
    return _(_FIELDS[field])


def file_problem_text(problem: FileProblem, detail: str = "") -> str:
    """Why a file cannot be imported, in the UI language."""
    return words(problem).format(detail=detail)


def row_problem_text(problem: RowProblem) -> str:
    """Why a row of an import brings nothing in."""
    return words(problem)


def difference_text(reason: Difference) -> str:
    """Why our z-score differs from e-PPGBM's."""
    return words(reason)


def report_lines(report: ImportReport, *, listed: int = 20) -> list[str]:
    """What an import did (or would do), line by line; each list cut after `listed` lines."""
    lines: list[str] = []
    say = lines.append
    if report.dry_run:
        say(_("Dry run: nothing was changed."))
    elif report.backup is not None:
        say(_("Backup taken first: {path}").format(path=report.backup))
    say(_("Rows read: {count}").format(count=report.rows))
    say(
        _(
            "People: {new} new, {matched} matched, {confirm} to confirm, {conflict} in conflict"
        ).format(
            new=report.people_new,
            matched=report.people_matched,
            confirm=len(report.to_confirm),
            conflict=len(report.conflicts),
        )
    )
    say(
        _("Measurements: {new} new, {there} already there, {refused} refused").format(
            new=report.measurements_new, there=report.already_there, refused=len(report.refused)
        )
    )
    for problem, count in Counter(p for _line, p in report.refused).most_common():
        say(
            "  "
            + _("{count} refused: {reason}").format(count=count, reason=row_problem_text(problem))
        )
    for title, people in (
        (_("To confirm (same name and birth date as a registered child):"), report.to_confirm),
        (_("In conflict (same NIK, another name or birth date):"), report.conflicts),
    ):
        if people:
            say(title)
        for p in people[:listed]:
            say(
                "  "
                + _("line {line}: {name}, born {born}").format(
                    line=p.line, name=p.name, born=format_date(p.birth_date)
                )
            )
    if report.duplicates:
        say(_("Children who may be entered twice in the file:"))
    for d in report.duplicates[:listed]:
        say(
            "  "
            + _("lines {first} and {second}: {name}").format(
                first=d.lines[0], second=d.lines[1], name=d.name
            )
        )
    if report.differences:
        say(
            _("Rows where e-PPGBM's z-score differs from ours by 0.01 or more: {count}").format(
                count=len(report.differences)
            )
        )
    for z in report.differences[:listed]:
        ours = "-" if z.ours is None else format_decimal(z.ours, 2)
        line = _("line {line}: {name}, {indicator} ours {ours}, e-PPGBM {theirs} ({reason})")
        say(
            "  "
            + line.format(
                line=z.line,
                name=z.name,
                indicator=z.indicator.upper(),
                ours=ours,
                theirs=format_decimal(z.theirs, 2),
                reason=difference_text(z.reason),
            )
        )
    return lines
