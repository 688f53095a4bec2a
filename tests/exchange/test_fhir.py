"""The FHIR transaction Bundle, built from the rows of a real demo registry (as the export reads
them: ORM rows through `store.audit.plain`) and validated with the fhir.resources R4B models."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from sqlalchemy import select

from posyandu_desktop import services
from posyandu_desktop.domain.export_contract import MeasurementRow, PersonRow, columns
from posyandu_desktop.domain.growth.classify import (
    BmiForAge5To18Category,
    LengthHeightForAgeCategory,
    WeightForAgeCategory,
    WeightForLengthHeightCategory,
)
from posyandu_desktop.domain.growth.zscore import Position
from posyandu_desktop.domain.ids import CadreId, PersonId
from posyandu_desktop.domain.people import Sex
from posyandu_desktop.exchange.fhir import (
    KEMKES_CLINICAL_TERM,
    LOINC,
    NIK_IBU_SYSTEM,
    NIK_SYSTEM,
    UCUM,
    interpretation_term,
    local_system,
    posyandu_tag_system,
    transaction_bundle,
)
from posyandu_desktop.exchange.package import PosyanduIdentity
from posyandu_desktop.services.setup import demo_login, load_demo
from posyandu_desktop.store import Database, migrate
from posyandu_desktop.store.queries import exports
from posyandu_desktop.store.records import BloodPressure, MeasuredValues, Reading
from posyandu_desktop.store.tables import Person, Posyandu

TODAY = date(2026, 11, 13)
CREATED_AT = datetime(2026, 11, 30, 8, 15, tzinfo=UTC)

# Written out here rather than read from the module, so a changed code fails a test.
EXPECTED_CODES = {
    "wfa.severely_underweight": "OI000007",
    "wfa.underweight": "OI000008",
    "wfa.normal": "OI000009",
    "wfa.risk_of_overweight": "OI000010",
    "lhfa.severely_stunted": "OI000011",
    "lhfa.stunted": "OI000012",
    "lhfa.normal": "OI000013",
    "lhfa.tall": "OI000014",
    "wflh.severely_wasted": "OI000001",
    "wflh.wasted": "OI000002",
    "wflh.normal": "OI000003",
    "wflh.possible_risk_of_overweight": "OI000004",
    "wflh.overweight": "OI000005",
    "wflh.obese": "OI000006",
}
SCHEMES = {
    "wfa": WeightForAgeCategory,
    "lhfa": LengthHeightForAgeCategory,
    "wflh": WeightForLengthHeightCategory,
    "bmi518": BmiForAge5To18Category,
}


@dataclass(frozen=True)
class Export:
    posyandu: PosyanduIdentity
    persons: list[PersonRow]
    measurements: list[MeasurementRow]
    oedema_uid: str  # a weighed child with bilateral oedema
    oedema_only_uid: str  # oedema noted, nothing measured
    newborn_uid: str  # registered without a NIK, under the mother's
    bp_only_uid: str  # an elder's blood pressure, nothing else


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Export:
    """A demo Posyandu (15 children, 4 months) plus three cases the demo does not make."""
    path = tmp_path_factory.mktemp("fhir") / "posyandu.sqlite"
    migrate.upgrade(path)
    db = Database(path)
    try:
        load_demo(db, today=TODAY, children=15, months=4)
        cadre = demo_login(db).cadre_id
        with db.reading() as tx:
            mother = tx.scalars(
                select(Person).where(Person.sex == Sex.FEMALE, Person.nik.is_not(None))
            ).first()
            assert mother is not None
            mother_id, mother_nik = PersonId(mother.id), mother.nik
            elder = tx.scalars(select(Person).where(Person.birth_date < date(1970, 1, 1))).first()
            assert elder is not None
            elder_id = elder.id
        newborn = services.register_person(
            db,
            cadre_id=cadre,
            name="Bayi Ny. Fitri",
            sex=Sex.MALE,
            birth_date=TODAY - timedelta(days=20),
            mother_id=mother_id,
            mother_nik=mother_nik,
            today=TODAY,
        ).unwrap()
        oedema = services.record_measurement(
            db,
            cadre_id=CadreId(cadre),
            person_id=newborn.id,
            measured_on=TODAY,
            values=MeasuredValues(
                weight_kg=Reading(3.4),
                lenhei_cm=Reading(51.2),
                position=Position.LYING,
                headc_cm=Reading(35.1),
                oedema=True,
            ),
            today=TODAY,
        ).unwrap()
        oedema_only = services.record_measurement(
            db,
            cadre_id=CadreId(cadre),
            person_id=newborn.id,
            measured_on=TODAY - timedelta(days=1),
            values=MeasuredValues(oedema=True),
            today=TODAY,
        ).unwrap()
        bp_only = services.record_measurement(
            db,
            cadre_id=CadreId(cadre),
            person_id=PersonId(elder_id),
            measured_on=TODAY,
            values=MeasuredValues(blood_pressure=BloodPressure(152, 94)),
            today=TODAY,
        ).unwrap()
        with db.reading() as tx:
            post = tx.scalars(select(Posyandu)).one()
            identity = PosyanduIdentity(
                post.code, post.name, post.kelurahan, post.kecamatan, post.kota, post.puskesmas
            )
            return Export(
                identity,
                exports.rows_by_id(tx, PersonRow, range(1, 10_000)),
                exports.rows_by_id(tx, MeasurementRow, range(1, 10_000)),
                oedema.uid,
                oedema_only.uid,
                newborn.uid,
                bp_only.uid,
            )
    finally:
        db.close()


@pytest.fixture(scope="module")
def bundle(export: Export) -> dict[str, Any]:
    built = transaction_bundle(
        export.posyandu, export.persons, export.measurements, created_at=CREATED_AT
    )
    # What goes into the zip is JSON text: test what a reader gets back from it.
    read_back: dict[str, Any] = json.loads(json.dumps(built, ensure_ascii=False))
    return read_back


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _observations_by_measurement(bundle: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    found: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for obs in _resources(bundle, "Observation"):
        (identifier,) = obs["identifier"]
        uid, _, _suffix = identifier["value"].partition("-")
        found[uid].append(obs)
    return found


def _loinc(obs: dict[str, Any]) -> str:
    (coding,) = obs["code"]["coding"]
    assert coding["system"] == LOINC
    return str(coding["code"])


def _component(obs: dict[str, Any], text: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [
        c for c in obs.get("component", []) if c["code"].get("text") == text
    ]
    (component,) = found
    return component


def test_bundle_validates_against_the_fhir_r4b_models(bundle: dict[str, Any]) -> None:
    parsed = Bundle.model_validate(bundle)
    assert parsed.type == "transaction"
    assert len(parsed.entry or []) == len(bundle["entry"])


def test_bundle_is_a_transaction_tagged_with_the_posyandu(
    bundle: dict[str, Any], export: Export
) -> None:
    assert bundle["resourceType"] == "Bundle"
    assert bundle["type"] == "transaction"
    assert datetime.fromisoformat(bundle["timestamp"]) == CREATED_AT
    (tag,) = bundle["meta"]["tag"]
    assert tag["system"] == posyandu_tag_system()
    assert tag["code"] == export.posyandu.code
    assert tag["display"] == export.posyandu.name


def test_every_person_is_a_patient_with_nik_or_the_mothers_nik(
    bundle: dict[str, Any], export: Export
) -> None:
    patients = {
        ident["value"]: patient
        for patient in _resources(bundle, "Patient")
        for ident in patient["identifier"]
        if ident["system"] == local_system(export.posyandu.code, "person")
    }
    assert patients.keys() == {p.uid for p in export.persons}
    by_mother_nik = 0
    for person in export.persons:
        patient = patients[person.uid]
        systems = {i["system"]: i["value"] for i in patient["identifier"]}
        if person.nik:
            assert systems[NIK_SYSTEM] == person.nik
            assert NIK_IBU_SYSTEM not in systems
        elif person.mother_nik:
            assert systems[NIK_IBU_SYSTEM] == person.mother_nik
            assert NIK_SYSTEM not in systems
            by_mother_nik += 1
        assert patient["name"] == [{"use": "official", "text": person.name}]
        assert patient["gender"] == {1: "male", 2: "female"}[person.sex]
        assert patient["birthDate"] == person.birth_date.isoformat()
        (address,) = patient["address"]
        assert address["city"] == export.posyandu.kota
        assert address["district"] == export.posyandu.kecamatan
        assert export.posyandu.kelurahan in address["text"]
    assert by_mother_nik >= 1
    newborn = patients[export.newborn_uid]
    assert [i["system"] for i in newborn["identifier"]] == [
        NIK_IBU_SYSTEM,
        local_system(export.posyandu.code, "person"),
    ]


def test_entries_are_conditional_puts_on_the_local_identifier(bundle: dict[str, Any]) -> None:
    full_urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(set(full_urls)) == len(full_urls)
    for entry in bundle["entry"]:
        resource = entry["resource"]
        assert entry["fullUrl"].startswith("urn:uuid:")
        uuid.UUID(entry["fullUrl"].removeprefix("urn:uuid:"))
        local = resource["identifier"][-1]
        assert local["system"].startswith("urn:posyandu-desktop:")
        assert entry["request"] == {
            "method": "PUT",
            "url": f"{resource['resourceType']}?identifier={local['system']}|{local['value']}",
        }
    for patient_entry in bundle["entry"]:
        if patient_entry["resource"]["resourceType"] == "Patient":
            uid = patient_entry["resource"]["identifier"][-1]["value"]
            assert patient_entry["fullUrl"] == f"urn:uuid:{uuid.UUID(hex=uid)}"


def test_observations_refer_to_their_persons_patient(
    bundle: dict[str, Any], export: Export
) -> None:
    patients = {
        e["fullUrl"]: e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Patient"
    }
    person_uid = {p.id: p.uid for p in export.persons}
    rows = {m.uid: m for m in export.measurements}
    observations = _observations_by_measurement(bundle)
    assert observations
    for uid, found in observations.items():
        for obs in found:
            patient = patients[obs["subject"]["reference"]]
            assert patient["identifier"][-1]["value"] == person_uid[rows[uid].person_id]


def _expected(row: MeasurementRow) -> set[tuple[str, Any, str]]:
    """(LOINC, value, UCUM code) of every Observation a measurement row should give."""
    expected: set[tuple[str, Any, str]] = set()
    if row.weight_kg is not None:
        expected.add(("29463-7", row.weight_kg, "kg"))
    if row.lenhei_cm is not None:
        code = "8306-3" if row.position == "l" else "8302-2"
        expected.add((code, row.lenhei_cm, "cm"))
    if row.headc_cm is not None:
        expected.add(("9843-4", row.headc_cm, "cm"))
    if row.lila_cm is not None:
        expected.add(("56072-2", row.lila_cm, "cm"))
    if row.systolic_mmhg is not None:
        expected.add(("85354-9", (row.systolic_mmhg, row.diastolic_mmhg), "mm[Hg]"))
    if row.bmi is not None:
        expected.add(("39156-5", row.bmi, "kg/m2"))
    if row.waist_cm is not None:
        expected.add(("8280-0", row.waist_cm, "cm"))
    if row.glucose_mg_dl is not None:
        expected.add(("2339-0", row.glucose_mg_dl, "mg/dL"))
    if row.haemoglobin_g_dl is not None:
        expected.add(("718-7", row.haemoglobin_g_dl, "g/dL"))
    return expected


def _found(obs: dict[str, Any]) -> tuple[str, Any, str]:
    code = _loinc(obs)
    if code == "85354-9":
        assert "valueQuantity" not in obs
        parts = {_loinc(c): c["valueQuantity"] for c in obs["component"]}
        assert parts.keys() == {"8480-6", "8462-4"}
        units = {q["code"] for q in parts.values()} | {q["system"] for q in parts.values()}
        assert units == {"mm[Hg]", UCUM}
        (unit,) = {q["code"] for q in parts.values()}
        return code, (parts["8480-6"]["value"], parts["8462-4"]["value"]), unit
    quantity = obs["valueQuantity"]
    assert quantity["system"] == UCUM
    assert quantity["unit"] == quantity["code"]  # kg, cm and kg/m2 read as they are coded
    return code, quantity["value"], quantity["code"]


def test_observation_values_codes_and_units_equal_the_rows(
    bundle: dict[str, Any], export: Export
) -> None:
    observations = _observations_by_measurement(bundle)
    kinds: set[str] = set()
    for row in export.measurements:
        found = observations.get(row.uid, [])
        assert {_found(obs) for obs in found} == _expected(row)
        assert len(found) == len(_expected(row))  # one Observation per value, no duplicates
        for obs in found:
            assert obs["status"] == "final"
            assert obs["effectiveDateTime"] == row.measured_on.isoformat()
            (category,) = obs["category"]
            laboratory = _loinc(obs) in ("2339-0", "718-7")
            assert category["coding"][0]["code"] == ("laboratory" if laboratory else "vital-signs")
            kinds.add(_loinc(obs))
    # The demo measures every kind: weight, lying and standing, head, LILA, BP, BMI, waist and
    # glucose.
    assert kinds == {
        "29463-7",
        "8306-3",
        "8302-2",
        "9843-4",
        "56072-2",
        "85354-9",
        "39156-5",
        "8280-0",
        "2339-0",
    }


def test_z_scores_are_two_decimal_components_with_permenkes_interpretations(
    bundle: dict[str, Any], export: Export
) -> None:
    observations = _observations_by_measurement(bundle)
    checked: set[str] = set()
    for row in export.measurements:
        by_code = {_loinc(obs): obs for obs in observations.get(row.uid, [])}
        lying = row.position == "l"
        cases = [
            ("29463-7", "BB/U z-score", "waz", "wfa_category"),
            ("29463-7", "BB/PB z-score" if lying else "BB/TB z-score", "whz", "wflh_category"),
            ("8306-3" if lying else "8302-2", "PB/U z-score" if lying else "TB/U z-score", "haz",
             "lhfa_category"),
            ("9843-4", "LK/U z-score", "hcz", None),
            ("56072-2", "LILA/U z-score", "acz", None),
            ("39156-5", "IMT/U z-score", "baz", "bfa_category"),
        ]  # fmt: skip
        for code, text, z_column, category_column in cases:
            z = getattr(row, z_column)
            category = getattr(row, category_column) if category_column else None
            if z is None and category is None:
                assert not [
                    c for c in by_code.get(code, {}).get("component", []) if c["code"] == text
                ]
                continue
            component = _component(by_code[code], text)
            if z is not None:
                quantity = component["valueQuantity"]
                assert quantity["value"] == round(z, 2)
                assert abs(quantity["value"] - z) <= 0.005 + 1e-12
                assert (quantity["unit"], quantity["code"], quantity["system"]) == (
                    "{Zscore}",
                    "{Zscore}",
                    UCUM,
                )
            if category is None:
                assert "interpretation" not in component
                continue
            checked.add(category)
            (concept,) = component["interpretation"]
            if category in EXPECTED_CODES:
                (coding,) = concept["coding"]
                assert coding["system"] == KEMKES_CLINICAL_TERM
                assert coding["code"] == EXPECTED_CODES[category]
                assert concept["text"] == coding["display"]
            else:  # IMT/U 5-18 y: no code confirmed, the label only
                assert category.startswith("bmi518.")
                assert "coding" not in concept
                assert concept["text"]
    # The demo has normal and abnormal children of both age schemes.
    assert {"wfa.normal", "wfa.underweight", "lhfa.stunted", "wflh.wasted"} <= checked
    assert any(c.startswith("bmi518.") for c in checked)


def test_oedema_gives_the_severe_category_without_a_z(
    bundle: dict[str, Any], export: Export
) -> None:
    (row,) = [m for m in export.measurements if m.uid == export.oedema_uid]
    assert row.oedema and row.waz is None  # WHO computes no weight-based z with oedema
    found = {_loinc(o): o for o in _observations_by_measurement(bundle)[export.oedema_uid]}
    assert found.keys() == {"29463-7", "8306-3", "9843-4", "39156-5"}
    weight = found["29463-7"]
    assert weight["valueQuantity"]["value"] == 3.4
    bb_u = _component(weight, "BB/U z-score")
    assert "valueQuantity" not in bb_u
    assert bb_u["dataAbsentReason"]["coding"][0]["code"] == "not-applicable"
    assert bb_u["interpretation"][0]["coding"][0]["code"] == "OI000007"  # sangat kurang
    bb_pb = _component(weight, "BB/PB z-score")
    assert bb_pb["interpretation"][0]["coding"][0]["code"] == "OI000001"  # gizi buruk
    # Length is not weight-based: its z is computed as usual.
    pb_u = _component(found["8306-3"], "PB/U z-score")
    assert row.haz is not None
    assert pb_u["valueQuantity"]["value"] == round(row.haz, 2)


def test_missing_values_give_no_empty_observations(bundle: dict[str, Any], export: Export) -> None:
    observations = _observations_by_measurement(bundle)
    assert export.oedema_only_uid not in observations  # oedema noted, nothing measured
    for obs in _resources(bundle, "Observation"):
        assert "valueQuantity" in obs or obs.get("component")
        for component in obs.get("component", []):
            assert "valueQuantity" in component or "dataAbsentReason" in component
    (panel,) = observations[export.bp_only_uid]
    assert _found(panel) == ("85354-9", (152, 94), "mm[Hg]")
    assert (
        panel["code"]["coding"][0]["display"] == "Blood pressure panel with all children optional"
    )


def test_a_measurement_of_one_value_gives_one_observation(export: Export) -> None:
    row = next(m for m in export.measurements if m.weight_kg is not None)
    person = next(p for p in export.persons if p.id == row.person_id)
    nothing: dict[str, Any] = {c.name: None for c in columns("measurement") if c.nullable}
    weighed_only = replace(
        row, **(nothing | {"weight_kg": 9.85}), uid=uuid.uuid4().hex, oedema=False
    )
    built = transaction_bundle(export.posyandu, [person], [weighed_only], created_at=CREATED_AT)
    Bundle.model_validate(built)
    (obs,) = _resources(built, "Observation")
    assert _loinc(obs) == "29463-7"
    assert obs["valueQuantity"]["value"] == 9.85
    assert "component" not in obs


def test_the_same_rows_give_the_same_bundle(export: Export, bundle: dict[str, Any]) -> None:
    again = transaction_bundle(
        export.posyandu, export.persons, export.measurements, created_at=CREATED_AT
    )
    assert json.loads(json.dumps(again, ensure_ascii=False)) == bundle


def test_a_corrected_position_updates_the_same_observation(export: Export) -> None:
    row = next(m for m in export.measurements if m.position == "h")
    person = next(p for p in export.persons if p.id == row.person_id)

    def length_entry(measured: MeasurementRow) -> dict[str, Any]:
        built = transaction_bundle(export.posyandu, [person], [measured], created_at=CREATED_AT)
        found: list[dict[str, Any]] = [
            e
            for e in built["entry"]
            if e["resource"]["resourceType"] == "Observation"
            and _loinc(e["resource"]) in {"8302-2", "8306-3"}
        ]
        (entry,) = found
        return entry

    before = length_entry(row)
    after = length_entry(replace(row, position="l"))
    assert (_loinc(before["resource"]), _loinc(after["resource"])) == ("8302-2", "8306-3")
    assert before["fullUrl"] == after["fullUrl"]
    assert before["request"] == after["request"]


def test_odd_posyandu_codes_still_make_valid_uris(export: Export) -> None:
    odd = replace(export.posyandu, code="PKM Bontang/01 #2")
    built = transaction_bundle(odd, export.persons[:3], [], created_at=CREATED_AT)
    Bundle.model_validate(built)
    system = local_system(odd.code, "person")
    assert " " not in system and "/" not in system and "#" not in system
    assert built["meta"]["tag"][0]["code"] == odd.code


def test_a_local_time_is_kept_with_its_offset(export: Export) -> None:
    wita = timezone(timedelta(hours=8))
    built = transaction_bundle(
        export.posyandu, [], [], created_at=datetime(2026, 11, 30, 16, 15, tzinfo=wita)
    )
    assert built["timestamp"] == "2026-11-30T16:15:00+08:00"
    assert built["entry"] == []
    Bundle.model_validate(built)


def test_refuses_a_naive_time_and_a_measurement_of_someone_not_exported(export: Export) -> None:
    with pytest.raises(ValueError, match="timezone"):
        transaction_bundle(export.posyandu, [], [], created_at=datetime(2026, 11, 30))
    with pytest.raises(ValueError, match="not in the export"):
        transaction_bundle(export.posyandu, [], export.measurements[:1], created_at=CREATED_AT)
    with pytest.raises(ValueError, match="twice"):
        person = export.persons[0]
        transaction_bundle(export.posyandu, [person, person], [], created_at=CREATED_AT)


@pytest.mark.parametrize(
    "category",
    [f"{scheme}.{member.value}" for scheme, enum in SCHEMES.items() for member in enum],
)
def test_every_stored_category_has_an_interpretation(category: str) -> None:
    code, display = interpretation_term(category)
    assert display
    assert code == EXPECTED_CODES.get(category)  # bmi518 has none


@pytest.mark.parametrize("category", ["wfa.unknown", "bmi.normal", "normal", ""])
def test_unknown_categories_are_refused(category: str) -> None:
    with pytest.raises(ValueError):
        interpretation_term(category)


def test_deleted_measurements_and_persons_are_conditional_deletes_of_what_was_put(
    export: Export, bundle: dict[str, Any]
) -> None:
    # Delete every measurement and the people nobody measured: each PUT the full export made
    # is then matched by a DELETE on the same conditional URL.
    measured = {m.person_id for m in export.measurements}
    unmeasured = [p for p in export.persons if p.id not in measured]
    assert unmeasured
    built = transaction_bundle(
        export.posyandu,
        [],
        [],
        created_at=CREATED_AT,
        deleted_measurements=[m.uid for m in export.measurements],
        deleted_persons=[p.uid for p in unmeasured],
    )
    read_back = json.loads(json.dumps(built))
    Bundle.model_validate(read_back)
    requests = [e["request"] for e in read_back["entry"]]
    assert all(set(e) == {"request"} for e in read_back["entry"])  # no resource, no fullUrl
    assert {r["method"] for r in requests} == {"DELETE"}
    deletes = [r["url"] for r in requests]
    assert len(set(deletes)) == len(deletes)
    puts = {e["resource"]["identifier"][-1]["value"]: e["request"]["url"] for e in bundle["entry"]}
    observation_puts = {url for url in puts.values() if url.startswith("Observation?")}
    assert observation_puts <= set(deletes)
    assert {puts[p.uid] for p in unmeasured} == {
        url for url in deletes if url.startswith("Patient?")
    }
    # Nine possible values per measurement, whichever it held.
    assert len(deletes) == 9 * len(export.measurements) + len(unmeasured)


def test_a_deleted_measurement_names_every_value_it_could_have_had(export: Export) -> None:
    (row,) = [m for m in export.measurements if m.uid == export.bp_only_uid]
    person = next(p for p in export.persons if p.id != row.person_id)
    built = transaction_bundle(
        export.posyandu,
        [person],
        [],
        created_at=CREATED_AT,
        deleted_measurements=[row.uid],
    )
    Bundle.model_validate(built)
    system = local_system(export.posyandu.code, "measurement")
    patient, *deletes = built["entry"]
    assert patient["request"]["method"] == "PUT"
    assert [e["request"] for e in deletes] == [
        {"method": "DELETE", "url": f"Observation?identifier={system}|{row.uid}-{suffix}"}
        for suffix in (
            "weight",
            "lenhei",
            "headc",
            "lila",
            "bp",
            "bmi",
            "waist",
            "glucose",
            "haemoglobin",
        )
    ]


def test_refuses_a_row_that_is_both_exported_and_deleted(export: Export) -> None:
    person = export.persons[0]
    with pytest.raises(ValueError, match="both"):
        transaction_bundle(
            export.posyandu,
            [person],
            [],
            created_at=CREATED_AT,
            deleted_persons=[person.uid],
        )
    row = export.measurements[0]
    owner = next(p for p in export.persons if p.id == row.person_id)
    with pytest.raises(ValueError, match="both"):
        transaction_bundle(
            export.posyandu,
            [owner],
            [row],
            created_at=CREATED_AT,
            deleted_measurements=[row.uid.upper()],
        )


def test_a_doubtful_value_has_no_interpretation(bundle: dict[str, Any], export: Export) -> None:
    """The demo's deliberate typos are saved as doubtful: their z-scores travel, their
    categories do not exist, so FHIR states no interpretation for them."""
    doubtful = [m for m in export.measurements if m.doubtful]
    assert doubtful, "the demo makes a few typos"
    observations = _observations_by_measurement(bundle)
    for row in doubtful:
        for observation in observations.get(row.uid, []):
            for component in observation.get("component", []):
                text = component["code"]["text"]
                weight_based = text.startswith(("BB/", "IMT/"))
                if "weight_kg" in row.doubtful and weight_based:
                    assert "interpretation" not in component, text
                if "lenhei_cm" in row.doubtful and text.startswith(("PB/", "TB/")):
                    assert "interpretation" not in component, text


def test_haemoglobin_is_a_laboratory_observation(export: Export) -> None:
    row = next(m for m in export.measurements if m.weight_kg is not None)
    person = next(p for p in export.persons if p.id == row.person_id)
    nothing: dict[str, Any] = {c.name: None for c in columns("measurement") if c.nullable}
    measured = replace(
        row,
        **(nothing | {"haemoglobin_g_dl": 10.4, "haemoglobin_source": "typed"}),
        uid=uuid.uuid4().hex,
        oedema=False,
    )
    built = transaction_bundle(export.posyandu, [person], [measured], created_at=CREATED_AT)
    Bundle.model_validate(built)
    (obs,) = _resources(built, "Observation")
    assert _found(obs) == ("718-7", 10.4, "g/dL")
    assert obs["category"][0]["coding"][0]["code"] == "laboratory"
