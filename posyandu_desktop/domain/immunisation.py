"""The national routine immunisation schedule, read from versioned data.

The schedule lives in `resources/immunisation/schedule.csv` (its source:
docs/sources/immunisation-schedule.md); `parse_schedule` turns the file's text into doses. The
domain reads no files: the caller passes the text in.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from enum import StrEnum

from posyandu_desktop.domain.people import Sex


class Antigen(StrEnum):
    """A vaccine of the national programme (the `antigen` column of the schedule)."""

    HEPATITIS_B = "hepatitis_b"
    BCG = "bcg"
    OPV = "opv"  # polio drops
    IPV = "ipv"  # polio injection
    DPT_HB_HIB = "dpt_hb_hib"  # pentavalent
    PCV = "pcv"  # pneumococcus
    ROTAVIRUS = "rotavirus"
    MR = "mr"  # measles-rubella
    JE = "je"  # Japanese encephalitis
    DT = "dt"
    TD = "td"
    HPV = "hpv"


class DosePlace(StrEnum):
    """Where a dose is given: only Posyandu doses are ever due at the post."""

    POSYANDU = "posyandu"
    ENDEMIC = "endemic"  # at the post, only in endemic districts (JE)
    SCHOOL = "school"  # BIAS, at school
    PUSKESMAS = "puskesmas"  # by T-status screening (Td for women)


@dataclass(frozen=True, slots=True)
class Dose:
    """One dose of the schedule: `code` is what a service record stores."""

    code: str
    antigen: Antigen
    number: int  # 0 for a birth dose or a screening-based one
    from_months: int  # due from this completed month of age
    sex: Sex | None  # None: everyone
    place: DosePlace


@dataclass(frozen=True, slots=True)
class ImmunisationSchedule:
    """The doses of one version of the schedule, in the file's order (by age)."""

    version: str
    doses: tuple[Dose, ...]

    def dose(self, code: str) -> Dose | None:
        """The dose with this code, or None."""
        return next((d for d in self.doses if d.code == code), None)


class ScheduleError(ValueError):
    """The schedule file is not in the expected form."""


_SEXES = {"": None, "M": Sex.MALE, "F": Sex.FEMALE}


def parse_schedule(text: str) -> ImmunisationSchedule:
    """The schedule in `text`: a `# version: V` line, then CSV with the header
    code,antigen,dose,from_months,sex,place. Raises ScheduleError on anything else."""
    first, _, rest = text.partition("\n")
    if not first.startswith("# version:") or not first.partition(":")[2].strip():
        raise ScheduleError("the first line must be '# version: <version>'")
    rows = list(csv.DictReader(io.StringIO(rest)))
    try:
        doses = tuple(
            Dose(
                code=row["code"].strip(),
                antigen=Antigen(row["antigen"].strip()),
                number=int(row["dose"]),
                from_months=int(row["from_months"]),
                sex=_SEXES[row["sex"].strip()],
                place=DosePlace(row["place"].strip()),
            )
            for row in rows
        )
    except (KeyError, ValueError, AttributeError) as error:
        raise ScheduleError(f"bad schedule row: {error}") from error
    codes = [d.code for d in doses]
    if not doses or len(set(codes)) != len(codes) or not all(codes):
        raise ScheduleError("the schedule needs doses with distinct codes")
    return ImmunisationSchedule(first.partition(":")[2].strip(), doses)
