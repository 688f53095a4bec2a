"""`posyandu-desktop anthro IN -o OUT [--summary FILE]`: batch WHO z-scores for a nutrition officer.

Columns follow WHO's `anthro` package or their Indonesian aliases; CSV, .xlsx and HTML-table .xls
come in (`exchange.tabular`), CSV or .xlsx go out. A bad row gets an `error` text and never stops
the batch; a file whose header could put a value in the wrong column is refused as a whole, and
so is a file that is not a table. Never a wrong number: a row with more or fewer cells than the
header is not scored, an impossible value is flagged and gets no category, and an absurd one no z.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import TextIO, TypeVar

from posyandu_desktop.commands.anthro_summary import write_summary
from posyandu_desktop.domain.growth import (
    GrowthStandards,
    Indicator,
    Measurements,
    ZProblem,
    ZScore,
    assess,
)
from posyandu_desktop.domain.growth.anthro_input import (
    PHYSICAL_LIMITS,
    HeaderProblem,
    RowProblem,
    normalise_name,
    parse_row,
    resolve_header,
)
from posyandu_desktop.domain.growth.batch import (
    FastScorer,
    UnusualVisitError,
    visit_age,
)
from posyandu_desktop.domain.growth.classify import Category, classify
from posyandu_desktop.domain.growth.prevalence import Child
from posyandu_desktop.domain.growth.zscore import FLAG_LIMITS, Reference
from posyandu_desktop.domain.people import parse_sex
from posyandu_desktop.exchange.tabular import (
    Table,
    TableError,
    TableProblem,
    csv_rows,
    csv_text,
    read_table,
    safe_cell,
    write_csv,
    write_xlsx,
)
from posyandu_desktop.i18n.catalog import N_, translator
from posyandu_desktop.i18n.growth_words import (
    category_label,
    indicator_label,
    row_problem_label,
    zproblem_label,
)
from posyandu_desktop.i18n.words import words

R = TypeVar("R")
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
# The input columns behind each indicator: the first says why it has no z; an impossible value
# in any of them flags it.
_SOURCE_COLUMNS = {
    Indicator.LENGTH_HEIGHT_FOR_AGE: ("lenhei",),
    Indicator.WEIGHT_FOR_AGE: ("weight",),
    Indicator.WEIGHT_FOR_LENGTH_HEIGHT: ("weight", "lenhei"),
    Indicator.BMI_FOR_AGE: ("weight", "lenhei"),
    Indicator.HEAD_CIRCUMFERENCE_FOR_AGE: ("headc",),
    Indicator.ARM_CIRCUMFERENCE_FOR_AGE: ("armc",),
    Indicator.TRICEPS_SKINFOLD_FOR_AGE: ("triskin",),
    Indicator.SUBSCAPULAR_SKINFOLD_FOR_AGE: ("subskin",),
}
_UNITS = {"weight": "kg", "triskin": "mm", "subskin": "mm"}
# Columns written as text in .xlsx even when they look like numbers (identity numbers).
_TEXT_COLUMN = re.compile(r"(^|_)(nik|kk|no_kk|telp|hp|no_hp|id)(_|$)")


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
# category go in the output row, its flag limits, and the input columns it measures.
_PLAN = tuple(
    (
        i,
        OUTPUT_COLUMNS.index(f"z{i.value}"),
        OUTPUT_COLUMNS.index(f"f{i.value}"),
        OUTPUT_COLUMNS.index(CATEGORY_COLUMNS[i]) if i in CATEGORY_COLUMNS else None,
        FLAG_LIMITS[i],
        _SOURCE_COLUMNS[i],
    )
    for i in Indicator
)
_ERROR = OUTPUT_COLUMNS.index("error")
# The categorised indicators are the first ones, in `Indicator` order (the fast path relies on it).
_CATEGORIES = len(CATEGORY_COLUMNS)
assert list(CATEGORY_COLUMNS) == list(Indicator)[:_CATEGORIES]


@cache
def _category_text(category: Category, lang: str) -> str:
    return category_label(category, lang)


def _row_message(problem: RowProblem, column: str, value: str, lang: str, decimal: str) -> str:
    low, high = (f"{x:g}".replace(".", decimal) for x in PHYSICAL_LIMITS.get(column, (0.0, 0.0)))
    return row_problem_label(problem, lang).format(
        column=column, value=value, low=low, high=high, unit=_UNITS.get(column, "cm")
    )


def score_row(
    row: Mapping[str, str],
    standards: GrowthStandards,
    *,
    lang: str = "id",
    decimal: str = ".",
    children: list[Child] | None = None,
) -> list[str]:
    """The values of OUTPUT_COLUMNS, in order, for one input row (cells by WHO column name);
    with `children`, the row is also appended there for the prevalence summary."""
    parsed = parse_row(row, decimal)
    a = assess(standards, parsed.measurements)
    out = [""] * len(OUTPUT_COLUMNS)
    out[0], out[1] = _fmt(a.lenhei_cm, decimal), _fmt(a.bmi, decimal)
    messages = [
        _row_message(problem, column, row.get(column, "").strip(), lang, decimal)
        for problem, column in parsed.problems
    ]
    impossible = {c for p, c in parsed.problems if p is RowProblem.IMPLAUSIBLE}
    for (indicator, z_at, flag_at, category_at, (low, high), sources), score in zip(
        _PLAN, a.scores.values(), strict=True
    ):
        z = score.rounded
        if z is not None:
            out[z_at] = _fmt(z, decimal)
            beyond = z < low or z > high
            flagged = beyond or not impossible.isdisjoint(sources)
            out[flag_at] = "1" if flagged else "0"
            if beyond and impossible.isdisjoint(sources):
                messages.append(
                    _row_message(
                        RowProblem.BEYOND_WHO_LIMITS,
                        indicator_label(indicator, lang),
                        out[z_at],
                        lang,
                        decimal,
                    )
                )
            if flagged:
                continue  # no category for a number nobody should act on
        if category_at is not None and (category := classify(score)) is not None:
            out[category_at] = _category_text(category, lang)
        problem, source = score.problem, sources[0]
        if problem is None or problem in _SAID_FOR_ROW or not row.get(source, "").strip():
            continue
        if problem in _ABOUT_COLUMN:
            messages.append(f"{_ABOUT_COLUMN[problem] or source}: {zproblem_label(problem, lang)}")
        else:
            messages.append(f"{indicator_label(indicator, lang)}: {zproblem_label(problem, lang)}")
    if messages:
        out[_ERROR] = "; ".join(dict.fromkeys(messages))
    if children is not None:
        children.append(_child(row, parsed.measurements, out, decimal))
    return out


def _child(row: Mapping[str, str], m: Measurements, out: Sequence[str], decimal: str) -> Child:
    """The summary's record of a scored row, from its output cells (2-decimal z as written)."""
    z: dict[str, float | None] = {}
    flagged: dict[str, bool] = {}
    for indicator, z_at, flag_at, *_ in _PLAN:
        flagged[indicator.value] = out[flag_at] == "1"
        text = out[z_at]
        z[indicator.value] = (
            None if flagged[indicator.value] or not text else float(text.replace(decimal, "."))
        )
    return Child(
        sex=m.sex,
        age_days=None if m.age is None else m.age.days,
        z=z,
        flagged=flagged,
        oedema=m.oedema,
        weight_text=row.get("weight", ""),
        lenhei_text=row.get("lenhei", ""),
    )


# --- files --------------------------------------------------------------------------------------

_TABLE_PROBLEMS = {
    TableProblem.NOT_TEXT: N_("it is not a text, CSV or Excel file"),
    TableProblem.OLD_EXCEL: N_(
        "it is an old Excel 97-2003 file: save it as .xlsx or CSV and try again"
    ),
    TableProblem.NO_HEADER: N_("it has no header line (the file is empty)"),
    TableProblem.BROKEN_XLSX: N_("the Excel file is damaged"),
}


class RefusedFileError(ValueError):
    """A file the command will not score; the message is one sentence for the officer."""


def _progress(done: int, total: int, stream: TextIO) -> None:
    width = 30
    filled = width * done // max(total, 1)
    bar = "#" * filled + "-" * (width - filled)
    stream.write(f"\r[{bar}] {100 * done // max(total, 1):3d}%  {done}/{total} rows")
    if done == total:
        stream.write("\n")
    stream.flush()


def _refused_row(raw: list[str], width: int, lang: str) -> list[str]:
    out = [""] * len(OUTPUT_COLUMNS)
    out[_ERROR] = _row_message(RowProblem.CELL_COUNT, str(width), str(len(raw)), lang, ".")
    if extra := [c for c in raw[width:] if c.strip()]:
        extra_text = _row_message(RowProblem.EXTRA_CELLS, "", ";".join(extra), lang, ".")
        out[_ERROR] += "; " + extra_text
    return raw[:width] + [""] * (width - len(raw)) + out


@cache
def _standards() -> tuple[GrowthStandards, FastScorer]:
    """The WHO tables, parsed once per process (workers forked after a preload share them)."""
    from posyandu_desktop.settings import who_standards

    standards = who_standards()
    return standards, FastScorer(standards)


# The number columns last, in PHYSICAL_LIMITS order.
_FAST_COLUMNS = "sex age_days age_months measure oedema weight lenhei headc armc triskin subskin"
_NUMBER_AND_CODE_COLUMNS = [
    "sex",
    "weight",
    "lenhei",
    "measure",
    "headc",
    "armc",
    "triskin",
    "subskin",
    "oedema",
]
_STANDING = {"": None, "l": False, "L": False, "h": True, "H": True}
_NO_OEDEMA = frozenset({"", "n", "N", "2"})
_ODD = -1.0  # a cell the fast path does not read (never a value: it reads no signs)
# Per decimal mark, the cell texts the fast path has read, in this process: for each number
# column in PHYSICAL_LIMITS order, text -> value (None when blank, _ODD when the full path must
# read it); age texts in days and in months -> (days, months), None for the full path; sex
# codes; clenhei -> its text; cbmi in hundredths -> its text. Started afresh past the limit.
_CELL_VALUES: dict[
    str,
    tuple[
        list[dict[str, float | None]],
        dict[str, tuple[int, float] | None],
        dict[str, tuple[int, float] | None],
        dict[str, int | None],
        dict[float, str],
        dict[int | None, str],
    ],
] = {}
_CACHE_LIMIT = 200_000
# Per language and decimal mark, per indicator: z in hundredths -> its z text, flag and category
# words (None when flagged; a None z -> blanks); a few thousand values recur over a whole file.
_Z_TEXTS: dict[tuple[str, str], list[dict[int | None, tuple[str, str, str] | None]]] = {}


def _plain_number(text: str, decimal: str, low: float, high: float) -> float:
    """Digits with at most one decimal mark, within [low, high] (the fast path's numbers), else
    _ODD."""
    if not text.replace(decimal, "", 1).isdigit():
        return _ODD
    try:
        value = float(text.replace(",", ".")) if decimal == "," else float(text)
    except ValueError:  # "²" is a digit to str.isdigit
        return _ODD
    return value if low <= value <= high else _ODD


def _fast_age(text: str, decimal: str, in_months: bool) -> tuple[int, float] | None:
    """(days, months) of an age cell the fast path scores, else None."""
    value = _plain_number(text, decimal, 0.0, math.inf)
    if value is _ODD:
        return None
    try:
        return visit_age(None, value) if in_months else visit_age(value, None)
    except UnusualVisitError:
        return None


@cache
def _too_young_messages(lang: str) -> tuple[str, ...]:
    """score_row's texts for arm circumference and skinfolds measured before day 91."""
    problem = zproblem_label(ZProblem.AGE_OUT_OF_RANGE, lang)
    return tuple(
        f"{indicator_label(i, lang)}: {problem}"
        for i in (
            Indicator.ARM_CIRCUMFERENCE_FOR_AGE,
            Indicator.TRICEPS_SKINFOLD_FOR_AGE,
            Indicator.SUBSCAPULAR_SKINFOLD_FOR_AGE,
        )
    )


def fast_row_scorer(
    positions: Mapping[str, int], lang: str, decimal: str
) -> Callable[[Sequence[str]], list[str] | None]:
    """A function giving `score_row`'s output for an ordinary row of cells (plain numbers, a
    child under five, nothing to report), or None: then `score_row` must be asked. The result
    equals `score_row`'s (proven by a property test in tests/commands/test_anthro_fast.py).
    It does per row only what cannot be looked up: the texts of cells and of 2-decimal z-scores
    recur over a file, so each is read or written once and then found in a dict."""
    scorer = _standards()[1]
    get = itemgetter(*(positions.get(c, -1) for c in _FAST_COLUMNS.split()))
    known = _Z_TEXTS.setdefault((lang, decimal), [{None: ("", "", "")} for _ in Indicator])
    too_young = _too_young_messages(lang)
    seen = _CELL_VALUES.get(decimal)
    if seen is None or max(*map(len, seen[0]), *(len(d) for d in seen[1:])) > _CACHE_LIMIT:
        _CELL_VALUES[decimal] = ([{"": None} for _ in PHYSICAL_LIMITS], {}, {}, {}, {}, {None: ""})
    numbers, day_ages, month_ages, sexes, lengths, bmis = _CELL_VALUES[decimal]

    def z_texts(zs: Sequence[int | None]) -> list[tuple[str, str, str] | None]:
        """The texts of z-scores in hundredths, the new ones added to `known`; None for a flagged
        z (score_row says why)."""
        for (indicator, *_, (low, high), _), texts, z in zip(_PLAN, known, zs, strict=True):
            if z is not None and z not in texts:  # (None is always in texts)
                rounded = z / 100
                texts[z] = None
                if low <= rounded <= high:
                    category = classify(ZScore(indicator, rounded, None, Reference.WHO_2006))
                    words = "" if category is None else _category_text(category, lang)
                    texts[z] = (_fmt(rounded, decimal), "0", words)
        return list(map(dict.__getitem__, known, zs))

    def fast(cells: Sequence[str]) -> list[str] | None:
        sex_t, days_t, months_t, measure_t, oedema_t, *texts = get([*cells, ""])
        sex = sexes.get(sex_t, 0)
        if sex == 0:  # a code safe in a spreadsheet as it is (the caller writes it unchanged)
            sex = sexes[sex_t] = parse_sex(sex_t) if safe_cell(sex_t) == sex_t else None
        if sex is None or measure_t not in _STANDING or oedema_t not in _NO_OEDEMA:
            return None
        values = list(map(dict.get, numbers, texts, repeat(_ODD)))
        if _ODD in values:
            for i, (text, (low, high)) in enumerate(
                zip(texts, PHYSICAL_LIMITS.values(), strict=True)
            ):
                if values[i] is _ODD:
                    values[i] = numbers[i][text] = _plain_number(text, decimal, low, high)
            if _ODD in values:
                return None
        weight, lenhei, headc, armc, triskin, subskin = values
        ages, age_t = (day_ages, days_t) if days_t else (month_ages, months_t)
        age = ages.get(age_t, False)
        if age is False:
            age = ages[age_t] = _fast_age(age_t, decimal, not days_t)
        if age is None or age is True:
            return None
        days, months = age
        try:
            cm, bmi, zs = scorer.score(
                sex,
                days,
                months,
                weight,
                lenhei,
                _STANDING[measure_t],
                headc,
                armc,
                triskin,
                subskin,
            )
        except UnusualVisitError:
            return None
        bmi_text = bmis.get(bmi)
        if bmi_text is None:
            bmi_text = bmis[bmi] = _fmt(bmi / 100, decimal)  # type: ignore[operator]
        hits = list(map(dict.get, known, zs))
        if None in hits and None in (hits := z_texts(zs)):
            return None
        z_text, flags, words = zip(*hits, strict=True)
        error = ""
        if zs[5] is zs[6] is zs[7] is None and (armc or triskin or subskin):
            # given but no z: before day 91, as score_row says
            young = zip(too_young, texts[3:], zs[5:], strict=True)
            error = "; ".join(m for m, text, z in young if text and z is None)
        cm_text = "" if cm is None else lengths.get(cm) or lengths.setdefault(cm, _fmt(cm, decimal))
        return [cm_text, bmi_text, *z_text, *flags, *words[:_CATEGORIES], error]

    return fast


def _free_columns(positions: Mapping[str, int], width: int) -> list[int]:
    """The cells of a fast-path row that may need `safe_cell`: those it does not read as numbers
    or codes (which cannot be formulas)."""
    age = "age_days" if "age_days" in positions else "age_months"
    read = {positions.get(c) for c in (age, *_NUMBER_AND_CODE_COLUMNS)}
    return [i for i in range(width) if i not in read]


def score_cells(
    rows: Sequence[list[str]] | str,
    positions: Mapping[str, int],
    width: int,
    lang: str,
    decimal: str,
    summary: bool = False,
    delimiter: str = ",",
) -> tuple[list[list[str]], list[Child]]:
    """Input rows (cell lists, or CSV text in `delimiter`) to output rows: the input cells,
    spreadsheet-safe, then the results; and, with `summary`, the scored children. A row with
    more or fewer cells than the header is not scored."""
    if isinstance(rows, str):
        rows = csv_rows(rows, delimiter)
    standards = _standards()[0]
    columns = tuple(positions.items())
    children: list[Child] | None = [] if summary else None
    fast = fast_row_scorer(positions, lang, decimal)
    free = _free_columns(positions, width)
    done = []
    for raw in rows:
        if len(raw) != width and (len(raw) < width or any(c.strip() for c in raw[width:])):
            done.append([safe_cell(c) for c in _refused_row(raw, width, lang)])
            continue
        cells = raw if len(raw) == width else raw[:width]
        quick = fast(cells)
        if quick is not None:  # its cells were read as numbers or codes: only the rest can be text
            row = cells + quick
            for i in free:
                row[i] = safe_cell(row[i])
            done.append(row)
            if children is not None:
                named = {k: cells[i] for k, i in columns}
                children.append(
                    _child(named, parse_row(named, decimal).measurements, quick, decimal)
                )
            continue
        scored = score_row(
            {k: cells[i] for k, i in columns},
            standards,
            lang=lang,
            decimal=decimal,
            children=children,
        )
        done.append([safe_cell(c) for c in cells] + scored)
    return done, children or []


def _score_csv(
    rows: Sequence[list[str]] | str,
    positions: Mapping[str, int],
    width: int,
    lang: str,
    decimal: str,
    summary: bool,
    delimiter: str,
) -> tuple[tuple[str, int], list[Child]]:
    """`score_cells` as CSV text and its row count: one string is cheap to send back from a
    worker process (and CSV text in is cheap to send there). CSV text without quotes or lone
    carriage returns is split and joined here, as `csv` would, and its ordinary rows go
    through the fast path without becoming rows of `score_cells`."""
    lines = None if summary or not isinstance(rows, str) else _plain_lines(rows)
    if lines is None:
        done, children = score_cells(rows, positions, width, lang, decimal, summary, delimiter)
        return (csv_text(done, delimiter), len(done)), children
    fast = fast_row_scorer(positions, lang, decimal)
    free = _free_columns(positions, width)
    separators = len(OUTPUT_COLUMNS) - 1
    out: list[str] = []
    others: list[list[str]] = []  # rows for score_cells, and where their lines go
    places: list[int] = []
    for line in lines:
        cells = line.split(delimiter)
        if not cells[0].strip() and not any(c.strip() for c in cells):
            continue  # a blank line, as csv_rows skips it
        if len(cells) == width and (quick := fast(cells)) is not None:
            results = delimiter.join(quick)
            if results.count(delimiter) == separators and '"' not in results:
                for i in free:
                    cells[i] = safe_cell(cells[i])
                out.append(f"{delimiter.join(cells) if free else line}{delimiter}{results}\r\n")
                continue
        places.append(len(out))
        out.append("")
        others.append(cells)
    if others:
        for at, row in zip(
            places, score_cells(others, positions, width, lang, decimal)[0], strict=True
        ):
            out[at] = csv_text([row], delimiter)
    return ("".join(out), len(out)), []


def _plain_lines(text: str) -> list[str] | None:
    """The lines of CSV text when `csv` would read each as one row of cells split at every
    separator (no quotes, no carriage return but before a line feed, no cell over its size
    limit); else None."""
    if '"' in text or len(text) >= csv.field_size_limit():
        return None
    if "\r" in text:  # Excel's line ends; a chunk of them ends in "\r" (split at "\n")
        text = text.replace("\r\n", "\n").removesuffix("\r")
        if "\r" in text:
            return None
    return text.split("\n")


# Large files are scored in chunks by one process per core (a laptop has 2 to 4): the work is
# pure and CPU-bound, and Python runs one thread at a time.
_CHUNK_ROWS = 5_000
_PARALLEL_FROM_ROWS = 20_000


def _scored_chunks(
    work: Callable[..., R], chunks: Sequence[object], rows: int, *args: object
) -> Iterator[R]:
    """work(chunk, *args) per chunk, in input order; in worker processes for `rows` or more."""
    workers = min(os.cpu_count() or 1, 4)
    if rows >= _PARALLEL_FROM_ROWS and workers > 1:
        _standards()  # parsed once here: forked workers inherit the tables
        try:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                yield from pool.map(work, chunks, *([a] * len(chunks) for a in args))
            return
        except (OSError, BrokenProcessPool):
            pass  # no processes allowed here: score in this process
    for chunk in chunks:
        yield work(chunk, *args)


def _checked_header(table: Table, lang: str) -> dict[str, int]:
    positions, problems = resolve_header(table.header)
    taken = set(map(normalise_name, table.header)) & set(OUTPUT_COLUMNS)
    if taken:
        problems.append((HeaderProblem.DUPLICATE, sorted(taken)))
    if problems:
        problem, names = problems[0]
        raise RefusedFileError(
            words(problem, lang=lang).format(names=", ".join(f"'{n}'" for n in names))
        )
    return positions


def run(
    source: Path,
    target: Path,
    *,
    lang: str = "id",
    summary: Path | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> int:
    """Score every row of `source` into `target` (written atomically), and the prevalence
    summary into `summary` if given; returns the row count. Raises RefusedFileError for a file
    that is not a safe table, OSError when it cannot be read or written."""
    try:
        table = read_table(source, lines_per_chunk=_CHUNK_ROWS)
    except TableError as exc:
        raise RefusedFileError(translator(lang).gettext(_TABLE_PROBLEMS[exc.problem])) from exc
    positions = _checked_header(table, lang)
    width, rows = len(table.header), table.rows
    chunks = table.chunks or [rows[i : i + _CHUNK_ROWS] for i in range(0, len(rows), _CHUNK_ROWS)]
    total = sum(c.count("\n") + 1 for c in table.chunks) if table.chunks else len(rows)
    header = [*table.header, *OUTPUT_COLUMNS]
    children: list[Child] = []
    count = 0

    def counted(done: int, scored: list[Child]) -> None:
        nonlocal count
        children.extend(scored)
        count += done
        if on_progress is not None:
            on_progress(count, max(total, count))

    args = (positions, width, lang, table.decimal, summary is not None, table.delimiter)
    if target.suffix.lower() == ".xlsx":
        text_columns = [
            i for i, h in enumerate(table.header) if _TEXT_COLUMN.search(normalise_name(h))
        ]

        def xlsx_rows() -> Iterator[list[str]]:
            for done, scored in _scored_chunks(score_cells, chunks, total, *args):
                yield from done
                counted(len(done), scored)

        write_xlsx(target, header, xlsx_rows(), decimal=table.decimal, text_columns=text_columns)
    else:

        def csv_chunks() -> Iterator[str]:
            yield csv_text([[safe_cell(h) for h in header]], table.delimiter)
            for (text, done), scored in _scored_chunks(_score_csv, chunks, total, *args):
                yield text
                counted(done, scored)

        write_csv(target, csv_chunks())
    if on_progress is not None and count < total:
        on_progress(count, count)  # blank lines were counted in the estimate
    if summary is not None:
        write_summary(summary, children, lang=lang, table=table)
    return count


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `anthro` subcommand."""
    parser = argparse.ArgumentParser(
        prog="posyandu-desktop anthro",
        description="Batch WHO z-scores (WHO anthro column names or Indonesian aliases) for a"
        " CSV, .xlsx or HTML .xls file.",
    )
    parser.add_argument(
        "input",
        type=Path,
        help="CSV, .xlsx or .xls (HTML) with sex, age_days/age_months/birth_date+visit_date,"
        " weight, lenhei, measure, headc, armc, ... (or jk, tgl_lahir, tgl_ukur, bb, tb, ...)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="CSV to write (.xlsx: an Excel file)"
    )
    parser.add_argument(
        "--summary",
        type=Path,
        help="also write prevalences with 95%% CIs by sex and age group and the data-quality"
        " checks (CSV, or .xlsx)",
    )
    parser.add_argument("--lang", choices=("id", "en"), default="id", help="language of texts")
    args = parser.parse_args(argv)
    show = sys.stderr.isatty()
    try:
        count = run(
            args.input,
            args.output,
            lang=args.lang,
            summary=args.summary,
            on_progress=(lambda d, t: _progress(d, t, sys.stderr)) if show else None,
        )
    except (OSError, RefusedFileError, csv.Error) as exc:  # csv: a line of over 16 MB
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        message = translator(args.lang).gettext("Cannot process {file}: {reason}.")
        print(
            f"posyandu-desktop anthro: {message.format(file=args.input, reason=reason)}",
            file=sys.stderr,
        )
        return 1
    print(f"{count} rows -> {args.output}", file=sys.stderr)
    return 0
