"""Row ids by what they name, so that a person's id is never passed where a cadre's is expected.

`NewType`s cost nothing at run time: a `PersonId` is an `int`. The store makes them from its rows;
elsewhere they come from records, never from arithmetic.
"""

from typing import NewType

PersonId = NewType("PersonId", int)
MeasurementId = NewType("MeasurementId", int)
CadreId = NewType("CadreId", int)
DayId = NewType("DayId", int)
PosyanduId = NewType("PosyanduId", int)
HouseholdId = NewType("HouseholdId", int)
ArrivalId = NewType("ArrivalId", int)
HomeVisitId = NewType("HomeVisitId", int)
