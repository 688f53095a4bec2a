"""`posyandu-desktop anthro IN.csv -o OUT.csv`: batch WHO z-scores for a nutrition officer.

Columns follow WHO's `anthro` package. A bad row gets an `error` text and never stops the batch;
the command fails (exit 1) only when the file itself cannot be read or written.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from pathlib import Path
from typing import TextIO

from posyandu_desktop import files
from posyandu_desktop.domain.growth import GrowthStandards, Indicator, ZProblem, assess
from posyandu_desktop.domain.growth.anthro_input import RowProblem, parse_row
from posyandu_desktop.domain.growth.classify import Category, classify
from posyandu_desktop.domain.growth.zscore import FLAG_LIMITS
from posyandu_desktop.i18n.labels import (
    category_label,
    indicator_label,
    row_problem_label,
    zproblem_label,
)

Z_COLUMNS = [f"z{i.value}" for i in Indicator]
FLAG_COLUMNS = [f"f{i.value}" for i in Indicator]
# The Permenkes 2/2020 category for the four indices it defines.
CATEGORY_COLUMNS = {
    Indicator.LENGTH_HEIGHT_FOR_AGE: "category_len",
    Indicator.WEIGHT_FOR_AGE: "category_wei",
    Indicator.WEIGHT_FOR_LENGTH_HEIGHT: "category_wfl",
    Indicator.BMI_FOR_AGE: "category_bmi",
}
OUTPUT_COLUMNS = [
    "clenhei",
    "cbmi",
    *Z_COLUMNS,
    *FLAG_COLUMNS,
    *CATEGORY_COLUMNS.values(),
    "error",
]
# Which input column carries the measurement behind each indicator (to say why it has no z).
_SOURCE_COLUMN = {
    Indicator.LENGTH_HEIGHT_FOR_AGE: "lenhei",
    Indicator.WEIGHT_FOR_AGE: "weight",
    Indicator.WEIGHT_FOR_LENGTH_HEIGHT: "weight",
    Indicator.BMI_FOR_AGE: "weight",
    Indicator.HEAD_CIRCUMFERENCE_FOR_AGE: "headc",
    Indicator.ARM_CIRCUMFERENCE_FOR_AGE: "armc",
    Indicator.TRICEPS_SKINFOLD_FOR_AGE: "triskin",
    Indicator.SUBSCAPULAR_SKINFOLD_FOR_AGE: "subskin",
}


def _fmt(x: float | None, decimal: str) -> str:
    if x is None:
        return ""
    text = "%.2f" % x  # noqa: UP031 (the fastest formatting, on the hot path of 100,000 rows)
    return text if decimal == "." else text.replace(".", decimal)


# Problems already said once for the row (blank or unreadable sex/age/length), not per indicator.
_SAID_FOR_ROW = {
    ZProblem.MEASUREMENT_MISSING,
    ZProblem.LENGTH_MISSING,
    ZProblem.SEX_UNKNOWN,
    ZProblem.AGE_MISSING,
}
# Problems of an input value rather than of an indicator: said once, about the column.
_ABOUT_COLUMN = {ZProblem.MEASUREMENT_INVALID: None, ZProblem.LENGTH_INVALID: "lenhei"}
# Per indicator, in `Indicator` order (the order of `Assessment.scores`): where its z, flag and
# category go in the output row, its flag limits, and the input column it measures.
_PLAN = tuple(
    (
        i,
        OUTPUT_COLUMNS.index(f"z{i.value}"),
        OUTPUT_COLUMNS.index(f"f{i.value}"),
        OUTPUT_COLUMNS.index(CATEGORY_COLUMNS[i]) if i in CATEGORY_COLUMNS else None,
        FLAG_LIMITS[i],
        _SOURCE_COLUMN[i],
    )
    for i in Indicator
)
_ERROR = OUTPUT_COLUMNS.index("error")


@cache
def _category_text(category: Category, lang: str) -> str:
    return category_label(category, lang)


def score_row(
    row: Mapping[str, str], standards: GrowthStandards, *, lang: str = "id", decimal: str = "."
) -> list[str]:
    """The values of OUTPUT_COLUMNS, in order, for one input row."""
    parsed = parse_row(row)
    a = assess(standards, parsed.measurements)
    out = [""] * len(OUTPUT_COLUMNS)
    out[0], out[1] = _fmt(a.lenhei_cm, decimal), _fmt(a.bmi, decimal)
    messages = [
        row_problem_label(problem, lang).format(column=column, value=row.get(column, "").strip())
        for problem, column in parsed.problems
    ]
    for (indicator, z_at, flag_at, category_at, (low, high), source), score in zip(
        _PLAN, a.scores.values(), strict=True
    ):
        z = score.rounded
        if z is not None:
            out[z_at] = _fmt(z, decimal)
            out[flag_at] = "1" if z < low or z > high else "0"
        if category_at is not None and (category := classify(score)) is not None:
            out[category_at] = _category_text(category, lang)
        problem = score.problem
        if problem is None or problem in _SAID_FOR_ROW or not row.get(source, "").strip():
            continue
        if problem in _ABOUT_COLUMN:
            messages.append(f"{_ABOUT_COLUMN[problem] or source}: {zproblem_label(problem, lang)}")
        else:
            messages.append(f"{indicator_label(indicator, lang)}: {zproblem_label(problem, lang)}")
    if messages:
        out[_ERROR] = "; ".join(dict.fromkeys(messages))
    return out


# --- files --------------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # older Excel exports on Windows


def _dialect(first_line: str) -> str:
    """Comma, semicolon (Indonesian Excel, where the comma is the decimal mark) or tab."""
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _progress(done: int, total: int, stream: TextIO) -> None:
    width = 30
    filled = width * done // max(total, 1)
    bar = "#" * filled + "-" * (width - filled)
    stream.write(f"\r[{bar}] {100 * done // max(total, 1):3d}%  {done}/{total} rows")
    if done == total:
        stream.write("\n")
    stream.flush()


def score_cells(rows: Sequence[list[str]], names: Sequence[str], lang: str, delimiter: str) -> str:
    """Input rows (cell lists) to output CSV text: the input cells, padded, then the results.
    Text, not lists, comes back from a worker process: one string is cheap to send."""
    from posyandu_desktop.settings import who_standards  # per worker process, loaded once

    standards = who_standards()
    decimal = "," if delimiter == ";" else "."
    width = len(names)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for raw in rows:
        # Pad short rows so the output columns stay aligned; extra cells are an error.
        cells = raw[:width] + [""] * (width - len(raw))
        scored = score_row(
            dict(zip(names, cells, strict=True)), standards, lang=lang, decimal=decimal
        )
        if extra := [c for c in raw[width:] if c.strip()]:
            note = row_problem_label(RowProblem.EXTRA_CELLS, lang).format(
                column="", value=";".join(extra)
            )
            scored[_ERROR] = "; ".join(filter(None, (scored[_ERROR], note)))
        writer.writerow(cells + scored)
    return buffer.getvalue()


# Large files are scored in chunks by one process per core (a laptop has 2 to 4): the work is
# pure and CPU-bound, and Python runs one thread at a time.
_CHUNK_ROWS = 5_000
_PARALLEL_FROM_ROWS = 20_000


def _scored_chunks(
    rows: list[list[str]], names: list[str], lang: str, delimiter: str
) -> Iterator[tuple[int, str]]:
    """(row count, CSV text) per chunk, in input order."""
    chunks = [rows[i : i + _CHUNK_ROWS] for i in range(0, len(rows), _CHUNK_ROWS)]
    workers = min(os.cpu_count() or 1, 4)
    if len(rows) >= _PARALLEL_FROM_ROWS and workers > 1:
        try:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                texts = pool.map(
                    score_cells, chunks, *([x] * len(chunks) for x in (names, lang, delimiter))
                )
                yield from zip(map(len, chunks), texts, strict=True)
            return
        except (OSError, BrokenProcessPool):
            pass  # no processes allowed here: score in this process
    for chunk in chunks:
        yield len(chunk), score_cells(chunk, names, lang, delimiter)


def run(
    source: Path,
    target: Path,
    *,
    lang: str = "id",
    on_progress: Callable[[int, int], None] | None = None,
) -> int:
    """Score every row of `source` into `target` (written atomically); returns the row count."""
    # NUL bytes (a truncated or binary file) would stop the csv module; they carry no data.
    text = _read_text(source).replace("\x00", "")
    delimiter = _dialect(text.split("\n", 1)[0])
    rows = list(_rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))
    if not rows:
        raise ValueError("no header line (empty file)")
    header, rows = rows[0], rows[1:]
    names = [h.strip().lower() for h in header]
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    count = 0
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, delimiter=delimiter)
            writer.writerow([*header, *OUTPUT_COLUMNS])
            for done, text in _scored_chunks(rows, names, lang, delimiter):
                out.write(text)
                count += done
                if on_progress is not None:
                    on_progress(count, len(rows))
            out.flush()
            os.fsync(out.fileno())
        files.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return count


csv.field_size_limit(16 * 1024 * 1024)  # a broken quote may swallow much of a file; still a row


def _rows(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    for cells in reader:
        if any(c.strip() for c in cells):
            yield cells


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `anthro` subcommand."""
    parser = argparse.ArgumentParser(
        prog="posyandu-desktop anthro",
        description="Batch WHO z-scores (WHO anthro column names) for a CSV file.",
    )
    parser.add_argument(
        "input",
        type=Path,
        help="CSV with sex, age_days/age_months/"
        "birth_date+visit_date, weight, lenhei, measure, headc, armc, ...",
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help="CSV to write")
    parser.add_argument("--lang", choices=("id", "en"), default="id", help="language of texts")
    args = parser.parse_args(argv)
    show = sys.stderr.isatty()
    try:
        count = run(
            args.input,
            args.output,
            lang=args.lang,
            on_progress=(lambda d, t: _progress(d, t, sys.stderr)) if show else None,
        )
    except (OSError, ValueError, csv.Error, UnicodeError) as exc:
        print(f"posyandu-desktop anthro: cannot process {args.input}: {exc}", file=sys.stderr)
        return 1
    print(f"{count} rows -> {args.output}", file=sys.stderr)
    return 0
