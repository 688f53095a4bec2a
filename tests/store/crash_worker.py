"""The process the crash test kills: `python -m tests.store.crash_worker DB CADRE PERSON...`.

It imports everything once, then for each "fork" line on stdin forks a worker that records
measurements in a loop and writes each saved id to stdout the moment the save has returned.
It reports "pid N" for each worker and "reaped" once the test has killed it. Forking a process
that has not opened the database keeps every round fast and every worker's connection its own.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from posyandu_desktop import services
from posyandu_desktop.domain.growth import Measurements, assess
from posyandu_desktop.domain.ids import CadreId, PersonId
from posyandu_desktop.domain.people import Age, Sex
from posyandu_desktop.domain.vocabulary import MeasurementSource
from posyandu_desktop.settings import who_standards
from posyandu_desktop.store import Database
from posyandu_desktop.store.records import MeasuredValues, Reading

ON = date(2026, 2, 10)


def _say(line: str) -> None:
    os.write(1, f"{line}\n".encode())  # unbuffered: one write per line


def _record_forever(path: Path, cadre_id: int, people: list[int]) -> None:
    db = Database(path)
    n = 0
    while True:
        person = people[n % len(people)]
        saved = services.record_measurement(
            db,
            cadre_id=CadreId(cadre_id),
            person_id=PersonId(person),
            measured_on=date(2026, 1, 1 + n % 28),
            values=MeasuredValues(
                weight_kg=Reading(8.0 + (n % 40) / 10, MeasurementSource.SERIAL_SCALE),
                lenhei_cm=Reading(70.0 + (n % 30) / 10),
            ),
            today=ON,
        ).unwrap()
        _say(str(saved.id))
        n += 1


def main(argv: list[str]) -> None:
    path, cadre_id, people = Path(argv[0]), int(argv[1]), [int(p) for p in argv[2:]]
    for sex in Sex:  # parse the WHO tables once, before forking, not in every worker
        assess(who_standards(), Measurements(sex, Age.from_days(330), 9.0, 72.0))
    for command in sys.stdin:
        if command.strip() != "fork":
            break
        pid = os.fork()
        if pid == 0:
            try:
                _record_forever(path, cadre_id, people)
            except BaseException as error:  # report it: the test fails with the reason
                _say(f"error {error!r}")
            finally:
                os._exit(1)
        _say(f"pid {pid}")
        os.waitpid(pid, 0)
        _say("reaped")


if __name__ == "__main__":
    main(sys.argv[1:])
