"""Importing e-PPGBM exports and registers: every file shape, matching, conflicts, twins, KMS
letters from the first month, dry run, idempotence and the reconciliation with e-PPGBM's z-scores.
"""

from __future__ import annotations

import gc
import hashlib
import json
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from posyandu_desktop import services
from posyandu_desktop.domain.growth.weight_gain import growth_statuses
from posyandu_desktop.domain.growth.zscore import Indicator, Measurements, Position, assess
from posyandu_desktop.domain.importing import Difference, FileProblem, RowProblem
from posyandu_desktop.domain.people import Age, Sex
from posyandu_desktop.services.importing import ImportRefusedError, import_file
from posyandu_desktop.services.reports import month_report
from posyandu_desktop.settings import who_standards
from posyandu_desktop.store import BackupError, Database
from tests.importing_files import (
    Kid,
    Visit,
    eppgbm_rows,
    write_csv,
    write_html_xls,
    write_xlsx,
)

TODAY = date(2026, 12, 7)
MONTHS = [date(2026, m, 10) for m in range(1, 13)]


def _kids() -> list[Kid]:
    ani = [Visit(d, 8.0 + 0.3 * i) for i, d in enumerate(MONTHS[:6])]
    ani[3].kg = ani[2].kg  # a month without gain: T
    budi = [Visit(d, 10.0 + 0.2 * i, 80.0 + i, "Berdiri") for i, d in enumerate(MONTHS[:4])]
    budi.pop(1)  # not weighed in February: March is O
    return [
        Kid("6474011203250001", "Ani Lestari", "P", date(2025, 3, 12), ani),
        Kid("6474010101240002", "Budi Hartono", "L", date(2024, 1, 1), budi),
    ]


def _shapes(tmp_path: Path) -> dict[str, Callable[[], Path]]:
    rows = eppgbm_rows(_kids())
    return {
        "html_xls": lambda: write_html_xls(tmp_path / "data_pengukuran.xls", rows),
        "xlsx": lambda: write_xlsx(tmp_path / "data.xlsx", rows),
        "csv_semicolon_cp1252_commas": lambda: write_csv(
            tmp_path / "a.csv", eppgbm_rows(_kids(), comma=True), encoding="cp1252"
        ),
        "csv_comma_bom_slashes": lambda: write_csv(
            tmp_path / "b.csv", eppgbm_rows(_kids(), dates="dd/mm/yyyy"), sep=",",
            encoding="utf-8-sig",
        ),
        "grams": lambda: write_csv(tmp_path / "c.csv", eppgbm_rows(_kids(), grams=True)),
    }  # fmt: skip


def _counts(db: Database) -> dict[str, int]:
    connection = sqlite3.connect(db.path)
    try:
        return {
            t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("person", "measurement", "audit_event")
        }
    finally:
        connection.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "shape", ["html_xls", "xlsx", "csv_semicolon_cp1252_commas", "csv_comma_bom_slashes", "grams"]
)
def test_every_shape_of_the_export_reads_the_same(tmp_path, db, post, shape):
    path = _shapes(tmp_path)[shape]()
    report = import_file(db, tmp_path, path, dry_run=False, today=TODAY)
    assert (report.people_new, report.people_matched) == (2, 0)
    assert (report.measurements_new, report.already_there, report.refused) == (9, 0, ())
    ani = services.find_people(db, "ani lestari", today=TODAY)[0].person
    weights = [
        m.values.weight_kg.value for m in services.measurements_of(db, ani.id) if m.values.weight_kg
    ]
    assert weights == pytest.approx([8.0, 8.3, 8.6, 8.6, 9.2, 9.5])


def test_past_weighings_get_the_kms_letters_of_every_month(tmp_path, db, post):
    path = write_csv(tmp_path / "e.csv", eppgbm_rows(_kids()))
    import_file(db, tmp_path, path, dry_run=False, today=TODAY)
    for kid in _kids():
        person = services.find_people(db, kid.name, today=TODAY)[0].person
        assert person.nik == kid.nik
        saved = services.measurements_of(db, person.id)
        expected = growth_statuses(kid.born, [(v.on, v.kg) for v in kid.visits if v.kg])
        assert [(m.findings.growth_status, m.findings.two_t) for m in saved] == [
            (r.status, r.two_t) for r in expected.results
        ]
    budi = services.find_people(db, "budi hartono", today=TODAY)[0].person
    letters = [m.findings.growth_status for m in services.measurements_of(db, budi.id)]
    assert [str(s) for s in letters] == ["B", "O", "N"]
    connection = sqlite3.connect(db.path)
    origins = {
        r[0] for r in connection.execute("SELECT origin FROM measurement WHERE person_id > 2")
    }
    connection.close()
    assert origins == {"imported"}


def test_an_import_judges_with_the_kms_version_the_coordinator_chose(tmp_path, db, post):
    services.choose_kms_version(
        db, posyandu_id=post.posyandu_id, version="buku-kia-2023-m7-400", by_cadre_id=post.cadre.id
    ).unwrap()
    visits = [Visit(date(2025, 9, 10), 7.60), Visit(date(2025, 10, 10), 7.95)]  # +350 g at 7 m
    kid = Kid("6474010103250003", "Citra Ayu", "P", date(2025, 3, 1), visits)
    path = write_csv(tmp_path / "k.csv", eppgbm_rows([kid], grams=True))  # 7950 g exactly
    import_file(db, tmp_path, path, dry_run=False, today=TODAY)
    connection = sqlite3.connect(db.path)
    stored = connection.execute(
        "SELECT growth_status, kbm_version FROM measurement ORDER BY measured_on"
    ).fetchall()
    connection.close()
    assert stored == [("B", "buku-kia-2023-m7-400"), ("T", "buku-kia-2023-m7-400")]


def test_the_monthly_report_counts_what_a_plain_sql_recount_finds(tmp_path, db, post):
    path = write_csv(tmp_path / "e.csv", eppgbm_rows(_kids()))
    import_file(db, tmp_path, path, dry_run=False, today=TODAY)
    connection = sqlite3.connect(db.path)
    for month in range(1, 7):
        skdn = month_report(db, post.posyandu_id, 2026, month, today=TODAY).data
        total = skdn.indicators.skdn.total()
        recount = dict(
            connection.execute(
                "SELECT growth_status, count(*) FROM measurement WHERE measured_on LIKE ? "
                "AND growth_status IS NOT NULL GROUP BY growth_status",
                (f"2026-{month:02d}-%",),
            ).fetchall()
        )
        found = {"N": total.n, "T": total.t, "O": total.o, "B": total.b}
        assert found == {k: recount.get(k, 0) for k in found}, month
    connection.close()


def test_a_dry_run_changes_nothing_and_says_what_would_happen(tmp_path, db, post):
    path = write_csv(tmp_path / "e.csv", eppgbm_rows(_kids()))
    before, counts = _sha(db.path), _counts(db)
    report = import_file(db, tmp_path, path, dry_run=True, today=TODAY)
    assert report.dry_run and report.backup is None
    assert (report.people_new, report.measurements_new) == (2, 9)
    assert _sha(db.path) == before and _counts(db) == counts
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").iterdir())


def test_the_real_run_takes_a_backup_and_a_second_run_changes_nothing(tmp_path, db, post):
    path = write_html_xls(tmp_path / "data_pengukuran.xls", eppgbm_rows(_kids()))
    first = import_file(db, tmp_path, path, dry_run=False, today=TODAY)
    assert first.backup is not None and first.backup.exists()
    counts = _counts(db)
    assert counts["audit_event"] > 11  # people and measurements audited
    second = import_file(db, tmp_path, path, dry_run=False, today=TODAY)
    assert (second.people_new, second.people_matched) == (0, 2)
    assert (second.measurements_new, second.already_there) == (0, 9)
    assert _counts(db) == counts


def test_the_same_nik_with_another_name_is_a_conflict_never_merged(tmp_path, db, post):
    kid = _kids()[0]
    kid.nik = "6474011203250009"
    services.register_person(
        db, cadre_id=post.cadre.id, name="Rina Marlina", sex=Sex.FEMALE,
        birth_date=kid.born, nik=kid.nik, household_id=post.household.id,
    ).unwrap()  # fmt: skip
    counts = _counts(db)
    path = write_csv(tmp_path / "e.csv", eppgbm_rows([kid]))
    report = import_file(db, tmp_path, path, dry_run=False, today=TODAY)
    assert [c.name for c in report.conflicts] == ["Ani Lestari"]
    assert {p for _line, p in report.refused} == {RowProblem.CONFLICT}
    assert report.measurements_new == 0
    assert _counts(db)["measurement"] == counts["measurement"]
    assert _counts(db)["person"] == counts["person"]


def test_name_and_birth_date_alone_are_listed_for_confirmation(tmp_path, db, post):
    child = post.child
    kid = Kid("", child.name, "L" if child.sex is Sex.MALE else "P", child.birth_date,
              [Visit(date(2026, 11, 10), 9.0)])  # fmt: skip
    report = import_file(
        db, tmp_path, write_csv(tmp_path / "e.csv", eppgbm_rows([kid])), dry_run=False, today=TODAY
    )
    assert [(u.name, u.person_id) for u in report.to_confirm] == [(child.name, child.id)]
    assert report.people_new == 0 and report.measurements_new == 0
    assert services.measurements_of(db, child.id) == ()
    confirmed = import_file(db, tmp_path, tmp_path / "e.csv", dry_run=False, today=TODAY,
                            confirmed=True)  # fmt: skip
    assert (confirmed.people_matched, confirmed.measurements_new) == (1, 1)
    assert len(services.measurements_of(db, child.id)) == 1


def test_twins_by_mother_nik_stay_apart_and_match_again(tmp_path, db, post):
    header = ["Nama Anak", "Kelamin", "Tanggal Lahir", "NIK Ibu", "Tgl Timbang", "BB (gram)"]
    born = date(2026, 2, 1)
    rows = [header] + [
        [name, sex, "46054", "6474014505900003", str(serial), grams]  # Excel serial dates
        for name, sex in (("Hasan", "L"), ("Husin", "L"))
        for serial, grams in ((46082, "4100"), (46113, "5000"))
    ]
    path = write_csv(tmp_path / "register.csv", rows, sep=",")
    mapping = {"weight": "BB (gram)"}
    report = import_file(db, tmp_path, path, mapping=mapping, dry_run=False, today=TODAY)
    assert (report.people_new, report.measurements_new) == (2, 4)
    twins = [services.find_people(db, n, today=TODAY)[0].person for n in ("hasan", "husin")]
    assert {t.birth_date for t in twins} == {born} and twins[0].id != twins[1].id
    assert json.loads((tmp_path / "import-mapping.json").read_text()) == mapping
    again = import_file(db, tmp_path, path, dry_run=True, today=TODAY)  # the mapping remembered
    assert (again.people_matched, again.already_there, again.measurements_new) == (2, 4, 0)
    eppgbm = write_csv(tmp_path / "e.csv", eppgbm_rows(_kids()))  # has no "BB (gram)": not used
    assert import_file(db, tmp_path, eppgbm, dry_run=True, today=TODAY).measurements_new == 9


def test_short_or_masked_niks_are_not_used_to_match(tmp_path, db, post):
    kids = _kids()
    kids[0].nik, kids[1].nik = "647401******0001", "6474"
    report = import_file(
        db, tmp_path, write_csv(tmp_path / "e.csv", eppgbm_rows(kids)), dry_run=False, today=TODAY
    )
    assert report.people_new == 2
    ani = services.find_people(db, "ani lestari", today=TODAY)[0].person
    assert ani.nik is None


def test_children_entered_twice_in_the_file_are_listed(tmp_path, db, post):
    kids = _kids()
    twice = Kid("6474011203250005", kids[0].name, "P", kids[0].born, [Visit(MONTHS[8], 9.9)])
    report = import_file(
        db, tmp_path, write_csv(tmp_path / "e.csv", eppgbm_rows([*kids, twice])),
        dry_run=True, today=TODAY,
    )  # fmt: skip
    assert [(d.name, d.same_nik) for d in report.duplicates] == [("Ani Lestari", False)]


def _ours(sex: Sex, born: date, on: date, kg: float, cm: float, how: Position) -> dict[str, float]:
    scores = assess(
        who_standards(),
        Measurements(sex=sex, age=Age.between(born, on), weight_kg=kg, lenhei_cm=cm, position=how),
    )
    found = {
        "waz": scores[Indicator.WEIGHT_FOR_AGE].z,
        "haz": scores[Indicator.LENGTH_HEIGHT_FOR_AGE].z,
        "whz": scores[Indicator.WEIGHT_FOR_LENGTH_HEIGHT].z,
    }
    return {k: z for k, z in found.items() if z is not None}


def test_rows_where_eppgbm_z_scores_differ_are_listed_with_the_reason(tmp_path, db, post):
    born = date(2023, 6, 1)  # 30 months and more: height is measured standing
    same, lying = date(2026, 1, 5), date(2026, 2, 5)
    ours = _ours(Sex.MALE, born, same, 12.5, 90.0, Position.STANDING)
    standing = _ours(Sex.MALE, born, lying, 12.6, 90.5, Position.STANDING)
    kid = Kid("6474010106230001", "Dodi", "L", born, [
        Visit(same, 12.5, 90.0, "Berdiri", {k: round(v, 2) for k, v in ours.items()}),
        # e-PPGBM scored the lying length as if standing: we take 0.7 cm off
        Visit(lying, 12.6, 90.5, "Terlentang", {"haz": round(standing["haz"], 2)}),
    ])  # fmt: skip
    report = import_file(
        db, tmp_path, write_csv(tmp_path / "e.csv", eppgbm_rows([kid])), dry_run=True, today=TODAY
    )
    assert [(z.line, z.indicator, z.reason) for z in report.differences] == [
        (3, "haz", Difference.POSITION)
    ]


def test_refused_rows_say_why(tmp_path, db, post):
    kid = _kids()[0]
    kid.visits = [
        Visit(date(2025, 1, 1), 3.0),  # before the birth
        Visit(date(2027, 1, 1), 9.0),  # in the future
        Visit(MONTHS[0], 8.0),
        Visit(MONTHS[0], 8.1),  # the same day twice
    ]
    rows = [*eppgbm_rows([kid]), ["99", "", "", "L", "1-1-2025", *([""] * 30)]]
    report = import_file(
        db, tmp_path, write_csv(tmp_path / "e.csv", rows), dry_run=False, today=TODAY
    )
    assert report.measurements_new == 1
    assert list(report.refused) == [
        (2, RowProblem.BEFORE_BIRTH),
        (3, RowProblem.IN_FUTURE),
        (5, RowProblem.SAME_DAY_TWICE),
        (6, RowProblem.NO_NAME),
    ]


def test_a_file_that_cannot_be_used_is_refused_with_a_reason(tmp_path, db, post):
    path = write_csv(tmp_path / "x.csv", [["Nama", "Alamat"], ["Ani", "Jl. Contoh"]])
    with pytest.raises(ImportRefusedError) as refused:
        import_file(db, tmp_path, path, dry_run=True, today=TODAY)
    assert refused.value.problem is FileProblem.MISSING_COLUMNS
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(600))
    with pytest.raises(ImportRefusedError) as refused:
        import_file(db, tmp_path, tmp_path / "old.xls", dry_run=True, today=TODAY)
    assert refused.value.problem is FileProblem.UNREADABLE
    with pytest.raises(ImportRefusedError) as refused:
        import_file(db, tmp_path, path, mapping={"shoe_size": "Nama"}, dry_run=True, today=TODAY)
    assert refused.value.problem is FileProblem.BAD_MAPPING


def test_no_import_without_its_backup(tmp_path, db, post, monkeypatch):
    def no_room(*_args: object, **_kw: object) -> None:
        raise BackupError("No space left on device")

    monkeypatch.setattr("posyandu_desktop.services.importing.back_up_now", no_room)
    counts = _counts(db)
    path = write_csv(tmp_path / "e.csv", eppgbm_rows(_kids()))
    with pytest.raises(ImportRefusedError) as refused:
        import_file(db, tmp_path, path, dry_run=False, today=TODAY)
    assert refused.value.problem is FileProblem.BACKUP_FAILED
    assert _counts(db) == counts


def test_the_garbage_collector_runs_again_after_an_import_even_a_refused_one(tmp_path, db, post):
    path = write_csv(tmp_path / "e.csv", eppgbm_rows(_kids()))
    import_file(db, tmp_path, path, dry_run=False, today=TODAY)
    assert gc.isenabled()
    bad = tmp_path / "x.csv"
    bad.write_text("Nama;Alamat\nAni;Jl. Contoh\n", "utf-8")
    with pytest.raises(ImportRefusedError):
        import_file(db, tmp_path, bad, dry_run=True, today=TODAY)
    assert gc.isenabled()


def test_a_register_that_repeats_a_column_name_is_read_only_as_the_coordinator_maps_it(
    tmp_path, db, post
):
    # "BB" twice: the birth weight, then the weighing. Neither is taken for the weight unasked.
    path = write_csv(
        tmp_path / "register.csv",
        [
            ["Nama Anak", "Jenis Kelamin", "Tanggal Lahir", "BB", "Tanggal Pengukuran", "BB"],
            ["Rafa Akbar", "L", "01/03/2025", "3,1", "15/10/2026", "9,8"],
        ],
    )
    with pytest.raises(ImportRefusedError) as refused:
        import_file(db, tmp_path, path, dry_run=True, today=TODAY)
    assert refused.value.problem is FileProblem.MISSING_COLUMNS
    mapping = {"name": "Nama Anak", "weight": "BB (2)", "birth_weight": "BB (1)"}
    report = import_file(db, tmp_path, path, mapping=mapping, dry_run=False, today=TODAY)
    assert (report.people_new, report.measurements_new) == (1, 1)
    (rafa,) = services.find_people(db, "rafa akbar", today=TODAY)
    connection = sqlite3.connect(db.path)
    (born_kg,) = connection.execute(
        "SELECT birth_weight_kg FROM person WHERE id = ?", (rafa.person.id,)
    ).fetchone()
    connection.close()
    assert born_kg == pytest.approx(3.1)
    (weighed,) = services.measurements_of(db, rafa.person.id)
    assert weighed.values.weight_kg is not None
    assert weighed.values.weight_kg.value == pytest.approx(9.8)
