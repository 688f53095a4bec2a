"""Bringing in the children and past measurements a Posyandu already has (an e-PPGBM "data
pengukuran" export, or its own register with a column mapping).

A dry run reads the registry and writes nothing. The real run takes a backup first, then writes
everything in one transaction (people, measurements with our own z-scores and the KMS status of
every month recomputed, their audit events), so a failure leaves the registry as it was; a
second run of the same file finds everything already there. The matching rules are in
`domain/importing.py`.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Container, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from posyandu_desktop import files
from posyandu_desktop.domain.growth.anthro_input import normalise_name
from posyandu_desktop.domain.growth.plausibility import Quantity
from posyandu_desktop.domain.growth.weight_gain import GrowthStatus, completed_months
from posyandu_desktop.domain.ids import MeasurementId, PersonId
from posyandu_desktop.domain.importing import (
    EPPGBM_NAMES,
    MEASURED,
    REQUIRED,
    FileChild,
    FileProblem,
    FileRow,
    ImportReport,
    Known,
    KnownPeople,
    MatchKind,
    RowProblem,
    Unmatched,
    ZDifference,
    difference_reason,
    distinct_header,
    group_children,
    identifiable,
    resolve_columns,
    row_reader,
    row_refusal,
)
from posyandu_desktop.domain.measurement import kms_statuses
from posyandu_desktop.domain.safe_text import strip_bidi_controls
from posyandu_desktop.domain.vocabulary import BackupKind, MeasurementOrigin
from posyandu_desktop.exchange.tabular import TableError, read_table
from posyandu_desktop.services import measuring
from posyandu_desktop.services.housekeeping import back_up_now
from posyandu_desktop.store import BackupError, Database, StorageError, Tx
from posyandu_desktop.store.queries import measurements, people
from posyandu_desktop.store.records import (
    GrowthFindings,
    MeasuredValues,
    PersonRecord,
    Reading,
)

MAPPING_FILE = "import-mapping.json"  # the last register mapping used, in the data folder
_WRITE_EVERY = 5_000  # measurements held before they are written (in the same transaction)
# e-PPGBM's z-scores are written with two decimals: a difference of 0.01 or more is a real one.
Z_TOLERANCE = 0.01


class ImportRefusedError(Exception):
    """The file cannot be imported; `problem` says why, `detail` names what."""

    def __init__(self, problem: FileProblem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}")
        self.problem = problem
        self.detail = detail


def read_mapping(path: Path) -> dict[str, str]:
    """A mapping file: JSON {our field: their column name}; ImportRefusedError if not one."""
    try:
        mapping = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as error:
        raise ImportRefusedError(FileProblem.BAD_MAPPING, str(path)) from error
    if not isinstance(mapping, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    ):
        raise ImportRefusedError(FileProblem.BAD_MAPPING, str(path))
    return mapping


def remembered_mapping(data: Path) -> dict[str, str] | None:
    """The mapping last used in this data folder, or None."""
    path = data / MAPPING_FILE
    try:
        return read_mapping(path) if path.is_file() else None
    except ImportRefusedError:
        return None


def read_rows(
    path: Path,
    mapping: Mapping[str, str] | None = None,
    remembered: Mapping[str, str] | None = None,
) -> list[FileRow]:
    """The rows of an export or register file; ImportRefusedError when it cannot be used.
    `remembered` (the mapping used last time) applies when the file has all its columns."""
    try:
        table = read_table(path)
    except (OSError, TableError) as error:
        raise ImportRefusedError(FileProblem.UNREADABLE, str(error)) from error
    columns = _columns(table.header, mapping, remembered)
    missing = missing_fields(columns)
    if missing:
        names = [EPPGBM_NAMES[name] for name in missing if name in REQUIRED]
        if MEASURED[0] in missing:
            names.append("/".join(EPPGBM_NAMES[name] for name in MEASURED))
        raise ImportRefusedError(FileProblem.MISSING_COLUMNS, ", ".join(names))
    read = row_reader(columns, table.decimal)
    return [read(i, cells) for i, cells in enumerate(table.rows, 2)]


def _columns(
    header: Sequence[str],
    mapping: Mapping[str, str] | None,
    remembered: Mapping[str, str] | None,
) -> dict[str, int]:
    """Which cell holds each field: `mapping` and the known names, else the `remembered`
    mapping when the file has its columns, else the known names alone."""
    try:
        columns = resolve_columns(header, mapping)
    except (KeyError, ValueError) as error:
        raise ImportRefusedError(FileProblem.BAD_MAPPING, str(error.args[0])) from error
    if mapping is None and remembered:
        with suppress(KeyError, ValueError):
            columns = resolve_columns(header, remembered)
    return columns


def missing_fields(columns: Container[str]) -> list[str]:
    """The required fields without a column; all of `MEASURED` when none of them has one."""
    missing = [name for name in REQUIRED if name not in columns]
    if not any(name in columns for name in MEASURED):
        missing += MEASURED
    return missing


# The fields a coordinator maps, in the order the mapping step shows them. The parent's name is
# left out: the import does not keep it (an imported child starts without a household).
MAPPED_FIELDS = (
    *REQUIRED,
    *MEASURED,
    "nik",
    "mother_nik",
    "birth_weight",
    "birth_length",
    "measure",
    "their_waz",
    "their_haz",
    "their_whz",
)
SAMPLES = 3  # the example values shown for each column: its first different ones
_SAMPLES_FROM = 200  # rows read for them (a column of one value would otherwise read them all)


@dataclass(frozen=True, slots=True)
class FilePreview:
    """What the mapping step shows of a file: its header, the first values of each column, and
    the column of each field as the import would find it without a new mapping (the known
    names, or the mapping remembered from the last import when the file has its columns)."""

    header: tuple[str, ...]  # as in the file, a repeated name numbered (a mapping names these)
    samples: tuple[tuple[str, ...], ...]  # per column, its first different values
    rows: int
    columns: dict[str, int]  # field -> column

    def choices(self) -> list[int]:
        """The columns a field can be given: the named ones (a mapping names its column)."""
        return [i for i, name in enumerate(self.header) if normalise_name(name)]

    def mapping_for(self, chosen: Mapping[str, int]) -> dict[str, str]:
        """The mapping {field: column name} that gives the `chosen` columns: only the fields
        the known names alone would not put there."""
        known = resolve_columns(self.header)
        return {f: self.header[i] for f, i in chosen.items() if known.get(f) != i}

    def columns_with(self, mapping: Mapping[str, str]) -> dict[str, int]:
        """The columns the import reads with `mapping` (a field left out keeps a column of its
        own known name, as the import does)."""
        return resolve_columns(self.header, mapping)


def preview_file(path: Path, data: Path) -> FilePreview:
    """The header and first values of `path`, with the columns recognised; ImportRefusedError
    when it is not a table."""
    try:
        table = read_table(path)
    except (OSError, TableError) as error:
        raise ImportRefusedError(FileProblem.UNREADABLE, str(error)) from error
    width = len(table.header)
    samples: list[list[str]] = [[] for _ in range(width)]
    for cells in table.rows[:_SAMPLES_FROM]:
        for i, cell in enumerate(cells[:width]):
            text = " ".join(strip_bidi_controls(cell).split())
            if text and len(samples[i]) < SAMPLES and text not in samples[i]:
                samples[i].append(text)
    return FilePreview(
        header=tuple(distinct_header(table.header)),
        samples=tuple(tuple(s) for s in samples),
        rows=len(table.rows),
        columns=_columns(table.header, None, remembered_mapping(data)),
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused: a district's file is hundreds of thousands of
    row objects that live until the import ends, and every full collection walks them all (about
    a tenth of the import's time, benchmarks/README.md). They hold no cycles; what is dropped is
    still freed at once by reference counting."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_collector_paused()
def import_file(
    db: Database,
    data: Path,
    path: Path,
    *,
    mapping: Mapping[str, str] | None = None,
    dry_run: bool,
    today: date,
    now: datetime | None = None,
    cadre_id: int | None = None,
    confirmed: bool = False,
) -> ImportReport:
    """Import `path` into the registry (or only say what would happen, `dry_run`); raises
    ImportRefusedError for a file that cannot be used, and nothing is written then. Without a
    `mapping`, the one used last time in `data` applies if the file has its columns. The
    measurements are entered by `cadre_id` (default: the first coordinator); `confirmed`: a
    person checked the children listed "to confirm" and they are the registered ones."""
    rows = read_rows(path, mapping, None if mapping else remembered_mapping(data))
    if dry_run:
        with db.reading() as tx:
            return _Import(tx, rows, today, entered_by=0, confirmed=confirmed).run()
    if cadre_id is None:
        with db.reading() as tx:
            cadre_id = people.first_coordinator_id(tx)
    if cadre_id is None:
        raise ImportRefusedError(FileProblem.NO_CADRE)
    try:
        backup = back_up_now(db, data, BackupKind.PRE_IMPORT, now=now)
    except (BackupError, OSError) as error:
        raise ImportRefusedError(FileProblem.BACKUP_FAILED, str(error)) from error
    try:
        with db.transaction(cadre_id=cadre_id, reason=f"import {path.name}") as tx:
            report = _Import(tx, rows, today, entered_by=cadre_id, confirmed=confirmed).run()
    except StorageError as error:
        raise ImportRefusedError(FileProblem.NOT_SAVED, str(error)) from error
    if mapping:
        with suppress(OSError):  # only a convenience for next time: the import is saved
            files.write_atomically(data / MAPPING_FILE, json.dumps(dict(mapping)).encode())
    return replace(report, backup=backup.path)


# The PersonRecord fields an imported child starts without.
_NO_PERSON: dict[str, Any] = {
    "uid": "",
    "household_id": None,
    "mother_id": None,
    "father_id": None,
    "caregiver_id": None,
    "pregnant": False,
    "delivered_on": None,
    "left_on": None,
    "left_reason": None,
}


def _person_columns(child: FileChild) -> dict[str, Any]:
    return {
        "name": child.name,
        "sex": child.sex,
        "birth_date": child.birth_date,
        "nik": child.nik,
        "mother_nik": child.mother_nik,
        "birth_weight_kg": child.birth_weight_kg,
        "birth_length_cm": child.birth_length_cm,
    }


def _values(row: FileRow) -> MeasuredValues:
    def reading(value: float | None) -> Reading | None:
        return None if value is None else Reading(value)

    return MeasuredValues(
        weight_kg=reading(row.weight_kg),
        lenhei_cm=reading(row.lenhei_cm),
        position=row.position if row.lenhei_cm is not None else None,
        lila_cm=reading(row.lila_cm),
    )


class _Import:
    """One pass over the file's children against the registry (writing when `write`)."""

    def __init__(
        self, tx: Tx, rows: Sequence[FileRow], today: date, *, entered_by: int, confirmed: bool
    ) -> None:
        """`entered_by` 0: a dry run, nothing is written. `confirmed`: the name matches were
        confirmed by a person and count as matches."""
        self.tx, self.rows, self.today, self.confirmed = tx, rows, today, confirmed
        self.entered_by, self.write = entered_by, entered_by != 0
        self.refused: list[tuple[int, RowProblem]] = []
        self.differences: list[ZDifference] = []
        self.new_rows: list[dict[str, object]] = []  # not yet written
        self.added = self.already = 0
        self.kbm = measuring.kbm(tx)

    def run(self) -> ImportReport:
        tx = self.tx
        children, duplicates = group_children(self.rows, people.name_key)
        registered = people.all_people(tx)
        by_id = {p.id: p for p, _key in registered}
        known = KnownPeople(
            Known(p.id, p.nik, p.mother_nik, key, p.sex, p.birth_date) for p, key in registered
        )
        self.measured = people.measured_days(tx)
        self.weighings = people.all_weighings(tx)
        to_confirm: list[Unmatched] = []
        conflicts: list[Unmatched] = []
        new: list[FileChild] = []
        matched = 0
        for row in self.rows:
            if not identifiable(row):
                self.refused.append((row.line, row.problems[0]))
        for child in children:
            match = known.match(child, self.measured)
            if match.kind is MatchKind.CONFLICT or (
                match.kind is MatchKind.TO_CONFIRM and not self.confirmed
            ):
                first = child.rows[0]
                unmatched = Unmatched(first.line, child.name, child.birth_date, match.person_id)
                (conflicts if match.kind is MatchKind.CONFLICT else to_confirm).append(unmatched)
                problem = RowProblem(match.kind.value)
                self.refused += [(row.line, problem) for row in child.rows]
            elif match.person_id is None:
                new.append(child)
            else:
                matched += 1
                self._measurements(by_id[PersonId(match.person_id)], child)
        added = [_person_columns(child) for child in new]
        ids = people.add_people(tx, added) if self.write else [-1 - i for i in range(len(new))]
        for child, columns, person_id in zip(new, added, ids, strict=True):
            self._measurements(PersonRecord(**_NO_PERSON, **columns, id=PersonId(person_id)), child)
        self._flush(0)
        return ImportReport(
            dry_run=not self.write,
            rows=len(self.rows),
            people_new=len(new),
            people_matched=matched,
            to_confirm=tuple(to_confirm),
            conflicts=tuple(conflicts),
            measurements_new=self.added,
            already_there=self.already,
            refused=tuple(sorted(self.refused)),
            differences=tuple(self.differences),
            duplicates=tuple(duplicates),
        )

    def _measurements(self, person: PersonRecord, child: FileChild) -> None:
        added: list[tuple[FileRow, GrowthFindings, MeasuredValues]] = []
        seen: set[date] = set()
        for row in child.rows:
            problem = row_refusal(row, person.birth_date, self.today)
            values = _values(row)
            if problem is None and measuring.value_issues(values):
                problem = RowProblem.OUT_OF_RANGE
            if problem is not None:
                self.refused.append((row.line, problem))
                continue
            assert row.measured_on is not None
            found = measuring.findings_alone(person, row.measured_on, values, self.kbm)
            self._compare(row, person, found)
            if (person.id, row.measured_on) in self.measured:
                self.already += 1
            elif row.measured_on in seen:
                self.refused.append((row.line, RowProblem.SAME_DAY_TWICE))
            else:
                seen.add(row.measured_on)
                added.append((row, found, values))
        if not added:
            return
        # A doubtful weight is no weighing: it gets no letter and no later weighing is compared
        # with it (docs/DECISIONS.md#doubtful-values).
        statuses = self._kms(
            person,
            [
                (row.measured_on, None if Quantity.WEIGHT_KG in found.doubtful else row.weight_kg)
                for row, found, _ in added
            ],
        )
        for i, (row, found, values) in enumerate(added):
            status, two_t = statuses.get(-1 - i, (None, False))
            self.new_rows.append(
                measurements.columns_of(values, found)
                | {
                    "growth_status": status,  # the KMS letters of the whole history, given at once
                    "two_t": two_t,
                    "person_id": person.id,
                    "measured_on": row.measured_on,
                    "entered_by": self.entered_by,
                    "origin": MeasurementOrigin.IMPORTED,
                }
            )
        self._flush(_WRITE_EVERY)

    def _flush(self, at_least: int) -> None:
        """Write the pending measurements once there are `at_least` (memory stays small)."""
        if len(self.new_rows) >= at_least:
            if self.write:
                people.add_measurements(self.tx, self.new_rows)
            self.added += len(self.new_rows)
            self.new_rows = []

    def _kms(
        self, person: PersonRecord, new: list[tuple[date | None, float | None]]
    ) -> dict[int | None, tuple[GrowthStatus | None, bool]]:
        """KMS statuses of the new weighings (keys -1, -2, ... in order); the saved weighings
        whose status the new ones change are updated."""
        saved = self.weighings.get(person.id, [])
        weighed: list[tuple[int | None, date, float]] = [
            (w.id, w.measured_on, w.weight_kg) for w in saved
        ]
        weighed += [(-1 - i, on, kg) for i, (on, kg) in enumerate(new) if on and kg is not None]
        # by date; on one date the saved weighings first, then the file's in order
        weighed.sort(key=lambda w: (w[1], (w[0] or 0) < 0, abs(w[0] or 0)))
        statuses = kms_statuses(person.birth_date, weighed, self.kbm)
        changed = {
            MeasurementId(w.id): statuses[w.id]
            for w in saved
            if (w.growth_status, w.two_t) != statuses[w.id]
        }
        if changed and self.write:
            measurements.set_growth_statuses(self.tx, changed)
        return dict(statuses)

    def _compare(self, row: FileRow, person: PersonRecord, found: GrowthFindings) -> None:
        assert row.measured_on is not None
        ours = {"waz": found.waz, "haz": found.haz, "whz": found.whz}
        months = completed_months(person.birth_date, row.measured_on)
        for key, theirs in row.theirs.items():
            mine = ours[key]
            if mine is not None and abs(round(mine, 2) - theirs) < Z_TOLERANCE - 1e-9:
                continue
            self.differences.append(
                ZDifference(
                    row.line,
                    row.name,
                    key,
                    mine,
                    theirs,
                    difference_reason(row, months, mine),
                )
            )
