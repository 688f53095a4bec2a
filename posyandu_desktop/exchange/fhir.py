"""The month's people and measurements as a FHIR R4 transaction Bundle (`fhir/bundle.json`), for
a puskesmas to load into its own FHIR server or SATUSEHAT integration (a Posyandu is not a
fasyankes and never calls SATUSEHAT itself, docs/sources/satusehat.md).

Every entry is a conditional PUT on a local identifier (the row's uid), so loading the same or
a later export again updates resources instead of duplicating them. A person or measurement
deleted on the laptop is a conditional DELETE on the same identifiers: one per Observation the
measurement could have given, as only its uid is passed on. FHIR R4 has a server answer a
DELETE of nothing with success (200/204), so the extra ones, and loading a file twice, are safe.

Codes, and how sure we are of them:
- Patient identifiers `https://fhir.kemkes.go.id/id/nik` and, for infants without a NIK, the
  mother's NIK under `.../id/nik-ibu`: SATUSEHAT Patient documentation (docs/sources/satusehat.md).
- LOINC, category vital-signs: body weight 29463-7, body height 8302-2, lying 8306-3, head
  circumference 9843-4, MUAC 56072-2, BMI 39156-5, blood pressure panel 85354-9 with systolic
  8480-6 and diastolic 8462-4 (docs/sources/satusehat.md; FHIR vital-signs profile); waist
  8280-0 (vital-signs), random blood glucose 2339-0 and haemoglobin 718-7 (category
  laboratory), as FHIR implementation guides use them (docs/sources/satusehat.md#loinc).
  Cholesterol, uric acid and the questionnaires have no code confirmed here: tables only.
- Interpretations, system `http://terminology.kemkes.go.id/CodeSystem/clinical-term`:
  * confirmed in the tables of "Lampiran Terminologi Gizi Tumbang Prioritas" (SATUSEHAT,
    13 Oct 2023): BB/U OI000007-OI000010; PB/U-TB/U OI000011 Sangat Pendek, OI000012 Pendek.
  * stated with these displays in the clinical-term CodeSystem and the Observation.interpretation
    ValueSet of the DTO's IDCore guide (github.com/yy-dto/IDCore), but their rows of the Lampiran
    were not seen: PB/U-TB/U OI000013 Normal, OI000014 Tinggi; BB/PB-BB/TB and IMT/U 0-60 months
    OI000001 Gizi Buruk, OI000002 Gizi Kurang, OI000003 Gizi Baik, OI000004 Risiko Gizi Lebih,
    OI000005 Gizi Lebih, OI000006 Obesitas.
  * not confirmed, so text only: IMT/U 5-18 years (no source shows OI codes for school age).
  Integrators report that SATUSEHAT's later nutrition module mixes SNOMED CT codes into these
  interpretations and codes z-score Observations with SNOMED (e.g. 1153593003); unverified, so
  z-score components carry their index as text only ("BB/U z-score").
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, Protocol, cast
from urllib.parse import quote

from posyandu_desktop.domain.export_contract import MeasurementRow, PersonRow
from posyandu_desktop.domain.growth.classify import (
    BmiForAge5To18Category,
    Category,
    LengthHeightForAgeCategory,
    WeightForAgeCategory,
    WeightForLengthHeightCategory,
)
from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.domain.people import Sex

Json = dict[str, Any]

NIK_SYSTEM = "https://fhir.kemkes.go.id/id/nik"
NIK_IBU_SYSTEM = "https://fhir.kemkes.go.id/id/nik-ibu"
KEMKES_CLINICAL_TERM = "http://terminology.kemkes.go.id/CodeSystem/clinical-term"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
_OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
_DATA_ABSENT_REASON = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
_APP_URN = "urn:posyandu-desktop"


class PosyanduLike(Protocol):
    """What the bundle needs to know of the Posyandu (exchange.package.PosyanduIdentity fits)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def kelurahan(self) -> str: ...
    @property
    def kecamatan(self) -> str: ...
    @property
    def kota(self) -> str: ...
    @property
    def puskesmas(self) -> str: ...


def local_system(posyandu_code: str, kind: str) -> str:
    """The identifier system of this Posyandu's `kind` ("person", "measurement") records."""
    # Percent-encoded, so any code the cadre typed still makes a valid URI.
    return f"{_APP_URN}:{quote(posyandu_code, safe='')}:{kind}"


def posyandu_tag_system() -> str:
    """The system of the Bundle's meta tag whose code is the Posyandu code."""
    return f"{_APP_URN}:posyandu"


@dataclass(frozen=True, slots=True)
class _Loinc:
    code: str
    display: str | None  # None where we have not confirmed LOINC's display text


_WEIGHT = _Loinc("29463-7", "Body weight")
_LENGTH_LYING = _Loinc("8306-3", "Body height --lying")
_HEIGHT_STANDING = _Loinc("8302-2", "Body height")
_HEAD = _Loinc("9843-4", "Head Occipital-frontal circumference")
_MUAC = _Loinc("56072-2", None)
_BMI = _Loinc("39156-5", "Body mass index (BMI) [Ratio]")
_BP_PANEL = _Loinc("85354-9", "Blood pressure panel with all children optional")
_SYSTOLIC = _Loinc("8480-6", "Systolic blood pressure")
_DIASTOLIC = _Loinc("8462-4", "Diastolic blood pressure")
_WAIST = _Loinc("8280-0", "Waist Circumference at umbilicus by Tape measure")
_GLUCOSE = _Loinc("2339-0", "Glucose [Mass/volume] in Blood")
_HAEMOGLOBIN = _Loinc("718-7", "Hemoglobin [Mass/volume] in Blood")


@dataclass(frozen=True, slots=True)
class _Unit:
    unit: str  # what people read
    code: str  # UCUM


_KG = _Unit("kg", "kg")
_CM = _Unit("cm", "cm")
_KG_PER_M2 = _Unit("kg/m2", "kg/m2")
_MM_HG = _Unit("mmHg", "mm[Hg]")
_MG_DL = _Unit("mg/dL", "mg/dL")
_G_DL = _Unit("g/dL", "g/dL")
_ZSCORE = _Unit("{Zscore}", "{Zscore}")  # the unit SATUSEHAT's reference ranges use


class _Value(Enum):
    """One Observation per measured value; the value is the suffix of its identifier. Length and
    height share one, so a corrected position updates the same Observation."""

    WEIGHT = "weight"
    LENHEI = "lenhei"
    HEADC = "headc"
    LILA = "lila"
    BLOOD_PRESSURE = "bp"
    BMI = "bmi"
    WAIST = "waist"
    GLUCOSE = "glucose"
    HAEMOGLOBIN = "haemoglobin"


@dataclass(frozen=True, slots=True)
class _Term:
    code: str | None  # None: no code confirmed, the label goes as CodeableConcept.text only
    display: str


# Displays are the code system's own (and Permenkes 2/2020's labels): terminology, never
# translated, so they are not i18n strings. Sources per group in the module docstring.
_INTERPRETATION: dict[Category, _Term] = {
    WeightForAgeCategory.SEVERELY_UNDERWEIGHT: _Term("OI000007", "Berat Badan Sangat Kurang"),
    WeightForAgeCategory.UNDERWEIGHT: _Term("OI000008", "Berat Badan Kurang"),
    WeightForAgeCategory.NORMAL: _Term("OI000009", "Berat Badan Normal"),
    WeightForAgeCategory.RISK_OF_OVERWEIGHT: _Term("OI000010", "Risiko Berat Badan Lebih"),
    LengthHeightForAgeCategory.SEVERELY_STUNTED: _Term("OI000011", "Sangat Pendek"),
    LengthHeightForAgeCategory.STUNTED: _Term("OI000012", "Pendek"),
    LengthHeightForAgeCategory.NORMAL: _Term("OI000013", "Normal"),
    LengthHeightForAgeCategory.TALL: _Term("OI000014", "Tinggi"),
    WeightForLengthHeightCategory.SEVERELY_WASTED: _Term("OI000001", "Gizi Buruk"),
    WeightForLengthHeightCategory.WASTED: _Term("OI000002", "Gizi Kurang"),
    WeightForLengthHeightCategory.NORMAL: _Term("OI000003", "Gizi Baik"),
    WeightForLengthHeightCategory.POSSIBLE_RISK_OF_OVERWEIGHT: _Term(
        "OI000004", "Risiko Gizi Lebih"
    ),
    WeightForLengthHeightCategory.OVERWEIGHT: _Term("OI000005", "Gizi Lebih"),
    WeightForLengthHeightCategory.OBESE: _Term("OI000006", "Obesitas"),
    # IMT/U 5-18 years: Permenkes labels as text; no interpretation code confirmed for them.
    BmiForAge5To18Category.SEVERELY_THIN: _Term(None, "Gizi Buruk"),
    BmiForAge5To18Category.THIN: _Term(None, "Gizi Kurang"),
    BmiForAge5To18Category.NORMAL: _Term(None, "Gizi Baik"),
    BmiForAge5To18Category.OVERWEIGHT: _Term(None, "Gizi Lebih"),
    BmiForAge5To18Category.OBESE: _Term(None, "Obesitas"),
}

# Categories arrive as the store writes them ("wfa.normal"); exchange may not import the store,
# so the scheme prefixes of store.columns are read here again: they are part of the file format.
_SCHEMES: dict[str, type[Enum]] = {
    "wfa": WeightForAgeCategory,
    "lhfa": LengthHeightForAgeCategory,
    "wflh": WeightForLengthHeightCategory,
    "bmi518": BmiForAge5To18Category,
}


def interpretation_term(category: str) -> tuple[str | None, str]:
    """(code or None, display) of a stored category such as "wfa.normal"; ValueError if unknown."""
    scheme, _, member = category.partition(".")
    enum = _SCHEMES.get(scheme)
    if enum is None:
        raise ValueError(f"unknown category scheme in {category!r}")
    term = _INTERPRETATION[cast(Category, enum(member))]  # ValueError for an unknown member
    return term.code, term.display


def transaction_bundle(
    posyandu: PosyanduLike,
    persons: Sequence[PersonRow],
    measurements: Sequence[MeasurementRow],
    *,
    created_at: datetime,
    deleted_measurements: Sequence[str] = (),
    deleted_persons: Sequence[str] = (),
) -> Json:
    """A FHIR R4 transaction Bundle: a Patient per person, an Observation per measured value,
    and DELETE entries for the uids of deleted measurements and persons."""
    if created_at.utcoffset() is None:
        raise ValueError("created_at must be timezone-aware (FHIR instants carry a zone)")
    # A transaction fails when two entries resolve to one resource, so refuse it here.
    both = {_hex(m.uid) for m in measurements} & {_hex(u) for u in deleted_measurements}
    both |= {_hex(p.uid) for p in persons} & {_hex(u) for u in deleted_persons}
    if both:
        raise ValueError(f"{min(both)} is both in the export and deleted")
    person_system = local_system(posyandu.code, "person")
    measurement_system = local_system(posyandu.code, "measurement")
    entries: list[Json] = []
    patient_urls: dict[int, str] = {}
    for person in persons:
        if person.id in patient_urls:  # two entries with one fullUrl would fail the transaction
            raise ValueError(f"person {person.uid} is in the export twice")
        url = _urn(person.uid)
        patient_urls[person.id] = url
        entries.append(_patient_entry(person, url, person_system, posyandu))
    for row in measurements:
        patient = patient_urls.get(row.person_id)
        if patient is None:
            raise ValueError(f"measurement {row.uid} refers to a person not in the export")
        entries.extend(_observation_entries(row, patient, measurement_system))
    for uid in deleted_measurements:
        entries.extend(
            _delete_entry("Observation", _observation_identifier(measurement_system, uid, value))
            for value in _Value
        )
    for uid in deleted_persons:
        entries.append(_delete_entry("Patient", _person_identifier(person_system, uid)))
    return {
        "resourceType": "Bundle",
        "meta": {
            "tag": [
                {"system": posyandu_tag_system(), "code": posyandu.code, "display": posyandu.name}
            ]
        },
        "type": "transaction",
        "timestamp": created_at.isoformat(),
        "entry": entries,
    }


def _urn(uid: str) -> str:
    return f"urn:uuid:{uuid.UUID(hex=uid)}"


def _hex(uid: Any) -> str:
    """A uid as 32 lowercase hex digits; ValueError if it is not a UUID."""
    return uuid.UUID(hex=str(uid)).hex


def _person_identifier(system: str, uid: Any) -> Json:
    return {"use": "secondary", "system": system, "value": str(uid)}


def _observation_identifier(system: str, measurement_uid: Any, value: _Value) -> Json:
    return {"system": system, "value": f"{_hex(measurement_uid)}-{value.value}"}


def _conditional_url(resource_type: str, identifier: Json) -> str:
    return f"{resource_type}?identifier={identifier['system']}|{identifier['value']}"


def _entry(resource: Json, full_url: str, identifier: Json) -> Json:
    return {
        "fullUrl": full_url,
        "resource": resource,
        "request": {"method": "PUT", "url": _conditional_url(resource["resourceType"], identifier)},
    }


def _delete_entry(resource_type: str, identifier: Json) -> Json:
    return {"request": {"method": "DELETE", "url": _conditional_url(resource_type, identifier)}}


def _patient_entry(person: PersonRow, full_url: str, system: str, posyandu: PosyanduLike) -> Json:
    local = _person_identifier(system, person.uid)
    identifiers: list[Json] = []
    if person.nik:
        identifiers.append({"use": "official", "system": NIK_SYSTEM, "value": person.nik})
    elif person.mother_nik:
        # SATUSEHAT registers a newborn without NIK under the mother's NIK
        # (docs/sources/satusehat.md).
        identifiers.append({"system": NIK_IBU_SYSTEM, "value": person.mother_nik})
    identifiers.append(local)
    resource: Json = {
        "resourceType": "Patient",
        "identifier": identifiers,
        "name": [{"use": "official", "text": person.name}],
        "gender": "male" if Sex(person.sex) is Sex.MALE else "female",
        "birthDate": person.birth_date.isoformat(),
    }
    address = _address(posyandu)
    if address is not None:
        resource["address"] = [address]
    return _entry(resource, full_url, local)


def _address(posyandu: PosyanduLike) -> Json | None:
    # The Posyandu serves its own neighbourhood, so its kelurahan, kecamatan and kota are the
    # best address the export has (street and RT/RW live on household rows, not passed here).
    # SATUSEHAT's administrativeCode extension needs BPS codes, which we do not keep.
    parts = [p for p in (posyandu.kelurahan, posyandu.kecamatan, posyandu.kota) if p]
    if not parts:
        return None
    address: Json = {"use": "home", "text": ", ".join(parts), "country": "ID"}
    if posyandu.kecamatan:
        address["district"] = posyandu.kecamatan
    if posyandu.kota:
        address["city"] = posyandu.kota
    return address


def _observation_entries(row: MeasurementRow, patient: str, system: str) -> list[Json]:
    found: list[Json] = []

    def add(value: _Value, loinc: _Loinc, body: Json, category: str = "vital-signs") -> None:
        uid = uuid.UUID(hex=row.uid)
        identifier = _observation_identifier(system, uid.hex, value)
        resource: Json = {
            "resourceType": "Observation",
            "identifier": [identifier],
            "status": "final",
            "category": [
                {
                    "coding": [
                        {
                            "system": _OBSERVATION_CATEGORY,
                            "code": category,
                            "display": _CATEGORY_DISPLAY[category],
                        }
                    ]
                }
            ],
            "code": _concept(loinc),
            "subject": {"reference": patient},
            "effectiveDateTime": row.measured_on.isoformat(),
            **body,
        }
        # A name-based UUID under the measurement's own: the same value keeps its fullUrl.
        found.append(_entry(resource, f"urn:uuid:{uuid.uuid5(uid, value.value)}", identifier))

    oedema = row.oedema
    lying = row.position == Position.LYING.value
    if row.weight_kg is not None:
        add(
            _Value.WEIGHT,
            _WEIGHT,
            _measured(
                row.weight_kg,
                _KG,
                _z("BB/U z-score", row.waz, row.wfa_category, oedema),
                _z(
                    "BB/PB z-score" if lying else "BB/TB z-score",
                    row.whz,
                    row.wflh_category,
                    oedema,
                ),
            ),
        )
    if row.lenhei_cm is not None:
        # No position is an adult's height, measured standing.
        add(
            _Value.LENHEI,
            _LENGTH_LYING if lying else _HEIGHT_STANDING,
            _measured(
                row.lenhei_cm,
                _CM,
                _z(
                    "PB/U z-score" if lying else "TB/U z-score",
                    row.haz,
                    row.lhfa_category,
                    oedema,
                ),
            ),
        )
    if row.headc_cm is not None:
        add(
            _Value.HEADC,
            _HEAD,
            _measured(row.headc_cm, _CM, _z("LK/U z-score", row.hcz, None, oedema)),
        )
    if row.lila_cm is not None:
        add(
            _Value.LILA,
            _MUAC,
            _measured(row.lila_cm, _CM, _z("LILA/U z-score", row.acz, None, oedema)),
        )
    if row.systolic_mmhg is not None:
        components = [
            {"code": _concept(_SYSTOLIC), "valueQuantity": _quantity(row.systolic_mmhg, _MM_HG)}
        ]
        if row.diastolic_mmhg is not None:
            components.append(
                {
                    "code": _concept(_DIASTOLIC),
                    "valueQuantity": _quantity(row.diastolic_mmhg, _MM_HG),
                }
            )
        add(_Value.BLOOD_PRESSURE, _BP_PANEL, {"component": components})
    if row.bmi is not None:
        add(
            _Value.BMI,
            _BMI,
            _measured(
                row.bmi,
                _KG_PER_M2,
                _z("IMT/U z-score", row.baz, row.bfa_category, oedema),
            ),
        )
    if row.waist_cm is not None:
        add(_Value.WAIST, _WAIST, _measured(row.waist_cm, _CM))
    if row.glucose_mg_dl is not None:
        add(_Value.GLUCOSE, _GLUCOSE, _measured(row.glucose_mg_dl, _MG_DL), "laboratory")
    if row.haemoglobin_g_dl is not None:
        add(
            _Value.HAEMOGLOBIN,
            _HAEMOGLOBIN,
            _measured(row.haemoglobin_g_dl, _G_DL),
            "laboratory",
        )
    return found


_CATEGORY_DISPLAY = {"vital-signs": "Vital Signs", "laboratory": "Laboratory"}


def _concept(loinc: _Loinc) -> Json:
    coding: Json = {"system": LOINC, "code": loinc.code}
    if loinc.display is not None:
        coding["display"] = loinc.display
    return {"coding": [coding]}


def _quantity(value: float, unit: _Unit) -> Json:
    return {"value": value, "unit": unit.unit, "system": UCUM, "code": unit.code}


def _measured(value: float, unit: _Unit, *scores: Json | None) -> Json:
    body: Json = {"valueQuantity": _quantity(value, unit)}
    components = [s for s in scores if s is not None]
    if components:
        body["component"] = components
    return body


def _z(index: str, z: float | None, category: str | None, oedema: bool) -> Json | None:
    """A z-score component with its Permenkes category; None when neither is known."""
    if z is None and category is None:
        return None
    component: Json = {"code": {"text": index}}
    if z is not None:
        # Two decimals, rounded once from full precision, as WHO reports them and as the
        # category was decided (ZScore.rounded; + 0.0 never writes -0.0).
        component["valueQuantity"] = _quantity(round(float(z), 2) + 0.0, _ZSCORE)
    else:
        # WHO computes no weight-based z with bilateral oedema, yet counts it as the severe
        # category (classify.classify): the category stands without a value.
        reason = "not-applicable" if oedema else "unknown"
        component["dataAbsentReason"] = {
            "coding": [{"system": _DATA_ABSENT_REASON, "code": reason}]
        }
    if category is not None:
        code, display = interpretation_term(category)
        concept: Json = {"text": display}
        if code is not None:
            concept["coding"] = [{"system": KEMKES_CLINICAL_TERM, "code": code, "display": display}]
        component["interpretation"] = [concept]
    return component
