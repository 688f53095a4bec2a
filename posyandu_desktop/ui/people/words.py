"""Service problems in words, with the field they concern ("Berat: 98 tidak masuk akal")."""

from __future__ import annotations

from posyandu_desktop.i18n import N_, _, problem_label
from posyandu_desktop.services import Issue

# The services' argument names as a cadre calls the fields.
_FIELDS = {
    "measured_on": N_("Date measured"),
    "visited_on": N_("Visit date"),
    "issued_on": N_("Date issued"),
    "weight_kg": N_("Weight"),
    "lenhei_cm": N_("Length/height"),
    "position": N_("Position"),
    "headc_cm": N_("Head circumference"),
    "lila_cm": N_("LILA"),
    "waist_cm": N_("Waist"),
    "glucose_mg_dl": N_("Blood glucose"),
    "systolic_mmhg": N_("Systolic"),
    "diastolic_mmhg": N_("Diastolic"),
    "reason": N_("Reason"),
    "findings": N_("Findings"),
    "follow_up": N_("Follow-up"),
    "cadre_ids": N_("Cadres who went"),
    "person_id": N_("Who was visited"),
    "household_id": N_("Household"),
    "name": N_("Name"),
    "nik": N_("NIK"),
    "phone": N_("Phone"),
    "bpjs_ketenagakerjaan": N_("BPJS Ketenagakerjaan"),
    "title": N_("Certificate"),
    "issuer": N_("Issued by"),
    "number": N_("Certificate number"),
    "assessor": N_("Assessor"),
    "assessed_on": N_("Date assessed"),
    "skill": N_("Skill"),
    "left_at": N_("Leaving time"),
}


def issue_text(issue: Issue) -> str:
    """One problem as a sentence, prefixed by its field when the field has a name."""
    words = problem_label(issue.problem).format(found=issue.found)
    field = _FIELDS.get(issue.field or "")
    return words if field is None else _("{field}: {problem}").format(field=_(field), problem=words)
