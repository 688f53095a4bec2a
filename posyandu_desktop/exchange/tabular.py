"""Tables from the files a nutrition officer really has, and tables written back for Excel.

Read (`read_table`), by content rather than by file name:
- CSV as Excel writes it in Indonesia: `;` with decimal commas, or `,` or tab; UTF-8 with or
  without a BOM, UTF-16 ("Unicode text"), else Windows-1252; a first line `sep=;` names the
  separator;
- `.xlsx` (the first sheet; dates become `yyyy-mm-dd`, numbers plain text with a point);
- `.xls` files that are really HTML tables (the e-PPGBM "data pengukuran" export);
- refused with a `TableProblem`: a binary file, an old binary `.xls` (Excel 97-2003), a file
  without a header line.

Write (`write_csv`, `write_xlsx`): atomically (temporary file, fsync, rename). CSV gets a BOM so
Excel reads UTF-8; `.xlsx` cells are numbers where the text is a plain number, text otherwise
(NIK-like digit strings stay text). Every text cell is made spreadsheet-safe (`domain.safe_text`).
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from html.parser import HTMLParser
from pathlib import Path
from typing import IO

from posyandu_desktop import files
from posyandu_desktop.domain.safe_text import FORMULA_STARTS, spreadsheet_safe
from posyandu_desktop.exchange.html_rows import regular_table_rows


class TableProblem(StrEnum):
    """Why a file cannot be read as a table."""

    NOT_TEXT = "not_text"  # binary content that is not a spreadsheet we read
    OLD_EXCEL = "old_excel"  # Excel 97-2003 binary .xls: save it as .xlsx or CSV
    NO_HEADER = "no_header"  # empty, or nothing but blank lines
    BROKEN_XLSX = "broken_xlsx"


class TableError(ValueError):
    """A file that is not a readable table; `problem` says why (words live in i18n)."""

    def __init__(self, problem: TableProblem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class Table:
    """A header and its rows as text cells, with how the file wrote numbers and cells."""

    header: list[str]
    rows: list[list[str]]
    delimiter: str  # the CSV separator; for .xlsx and HTML the one to write a CSV back with
    decimal: str  # "." or ","
    kind: str  # "csv", "xlsx" or "html"
    # With `read_table(..., lines_per_chunk=n)` and a CSV without quotes: the body as text
    # chunks of whole lines for `csv_rows` (rows is then empty), so that worker processes
    # parse their share instead of receiving parsed rows.
    chunks: tuple[str, ...] = ()


csv.field_size_limit(16 * 1024 * 1024)  # a broken quote may swallow much of a file; still a row

_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
# C0 controls other than tab, line feed, form feed and carriage return never occur in text that
# a person typed; in a "CSV" they mean a binary file.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if not _CONTROLS.match(chr(b)))
_SEP_LINE = re.compile(r"\s*sep=(.)\s*$", re.IGNORECASE)
# For files without a decimal convention of their own (tab, HTML): which mark the numbers use.
_POINT_NUMBER = re.compile(r"^-?\d+\.\d+$")
_COMMA_NUMBER = re.compile(r"^-?\d+,\d+$")
# Indonesian Excel separates CSV cells with ";" because "," is its decimal mark.
_EXCEL_ID = (";", ",")


def read_table(path: Path, *, lines_per_chunk: int | None = None) -> Table:
    """The table in `path` (first header line, then the non-blank rows; see `Table.chunks`)."""
    raw = path.read_bytes()
    if raw.startswith(_ZIP):
        return _read_xlsx(raw)
    if raw.startswith(_OLE):
        raise TableError(TableProblem.OLD_EXCEL)
    text = _decode(raw)
    if _has_controls(raw, text):
        raise TableError(TableProblem.NOT_TEXT)
    del raw  # the text alone from here: an export may be 64 MB
    if re.match(r"\s*<", text) and re.search(r"<table", text[: 1 << 16], re.IGNORECASE):
        rows = _HtmlTable.parse(text)
        return _table(rows, *_guess_marks(rows, default=_EXCEL_ID), "html")
    return _read_csv(text, lines_per_chunk)


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text": UTF-16, tabs
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # older Excel exports on Windows


def _has_controls(raw: bytes, text: str) -> bool:
    """`_CONTROLS` occurs in `text`; looked for in the bytes (a few times faster) unless UTF-16:
    in UTF-8 and Windows-1252 a control character is its own byte and no other byte decodes
    to one."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _CONTROLS.search(text) is not None
    return bool(raw.translate(None, _NOT_CONTROL_BYTES))


def csv_rows(text: str, delimiter: str) -> list[list[str]]:
    """The non-blank rows of CSV text."""
    return [
        cells
        for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        if cells and (cells[0].strip() or any(c.strip() for c in cells))
    ]


def _read_csv(text: str, lines_per_chunk: int | None) -> Table:
    first, _, rest = text.partition("\n")
    if sep := _SEP_LINE.match(first):
        delimiter = sep.group(1)
        text, first = rest, rest.partition("\n")[0]
    else:
        counts = {d: first.count(d) for d in (",", ";", "\t")}
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    chunks: tuple[str, ...] = ()
    header_text, _, body = text.lstrip("\r\n").partition("\n")
    if lines_per_chunk is not None and '"' not in text and len(csv_rows(header_text, ",")) == 1:
        lines = body.split("\n")  # without quotes, one line is one row
        chunks = tuple(
            "\n".join(lines[i : i + lines_per_chunk]) for i in range(0, len(lines), lines_per_chunk)
        )
        rows = csv_rows(header_text, delimiter) + csv_rows("\n".join(lines[:500]), delimiter)
    else:
        rows = csv_rows(text, delimiter)
    if delimiter == ";":
        decimal = ","
    elif delimiter == ",":
        decimal = "."  # a decimal comma would need quotes in every cell
    else:
        decimal = _guess_marks(rows, default=(delimiter, "."))[1]
    table = _table(rows, delimiter, decimal, "csv")
    return Table(table.header, [], delimiter, decimal, "csv", chunks) if chunks else table


def _guess_marks(rows: list[list[str]], *, default: tuple[str, str]) -> tuple[str, str]:
    """(separator, decimal mark) for writing back: the decimal mark most numbers use."""
    points = commas = 0
    for cells in rows[1:500]:
        for cell in cells:
            points += bool(_POINT_NUMBER.match(cell))
            commas += bool(_COMMA_NUMBER.match(cell))
    if points == commas:
        return default
    return ("," if points > commas else ";"), ("." if points > commas else ",")


def _table(rows: list[list[str]], delimiter: str, decimal: str, kind: str) -> Table:
    if not rows:
        raise TableError(TableProblem.NO_HEADER)
    return Table(rows[0], rows[1:], delimiter, decimal, kind)


# --- .xlsx -------------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return repr(value).replace(".", ",")  # as Indonesian Excel shows it (see _read_xlsx)
    return str(value)


def _read_xlsx(raw: bytes) -> Table:
    """Numbers come out with a decimal comma and the table says `;`: a CSV written back is
    then what Indonesian Excel opens, and an .xlsx written back turns them into numbers again."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            texts = (
                [_cell_text(v) for v in values] for values in sheet.iter_rows(values_only=True)
            )
            rows = [cells for cells in texts if any(c.strip() for c in cells)]
        finally:
            book.close()
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign zip file
        raise TableError(TableProblem.BROKEN_XLSX, str(exc)) from exc
    width = max(map(len, rows), default=0)
    return _table([r + [""] * (width - len(r)) for r in rows], *_EXCEL_ID, "xlsx")


# --- HTML tables saved as .xls -------------------------------------------------------------------


class _HtmlTable(HTMLParser):
    """The rows of the first table in an HTML page, cell texts with whitespace collapsed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._span = 1
        self._depth = 0  # nested tables are read as text of their cell
        self._done = False

    @classmethod
    def parse(cls, text: str) -> list[list[str]]:
        fast = regular_table_rows(text)
        if fast is not None:
            return fast
        parser = cls()
        parser.feed(text)
        parser.close()
        cells = [r for r in parser.rows if any(c for c in r)]
        width = max(map(len, cells), default=0)
        return [r + [""] * (width - len(r)) for r in cells]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._done:
            return
        if tag == "table":
            self._depth += 1
        elif self._depth == 1 and tag == "tr":
            self.rows.append([])
        elif self._depth == 1 and tag in ("td", "th") and self.rows:
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = min(int(span), 100) if span.isdigit() else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._done:
            return
        if tag == "table":
            self._depth -= 1
            self._done = self._depth == 0 and bool(self.rows)
        elif self._depth == 1 and tag in ("td", "th") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            self.rows[-1] += [text] + [""] * (self._span - 1)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._done:
            self._cell.append(data)


# --- writing -----------------------------------------------------------------------------------


def safe_cell(text: str) -> str:
    """`spreadsheet_safe`, skipped for the plain ASCII cells that cannot need it (fast path)."""
    if text and (text[0] in _FORMULA_FIRST or not text.isascii()):
        return spreadsheet_safe(text)
    return text


_FORMULA_FIRST = frozenset("".join(FORMULA_STARTS))


def write_atomically(target: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Call `write` on a temporary file beside `target`, fsync it, then rename it over `target`
    (never over a folder, a device or a FIFO: `files.check_target`)."""
    files.check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        files.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def csv_text(rows: Iterable[Sequence[str]], delimiter: str) -> str:
    """Rows as CSV text with Excel's line ends (cells written as given)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def write_csv(target: Path, chunks: Iterable[str]) -> None:
    """CSV text chunks (see `csv_text`) into `target`, UTF-8 with a BOM, atomically."""

    def write(out: IO[bytes]) -> None:
        out.write(b"\xef\xbb\xbf")
        for chunk in chunks:
            out.write(chunk.encode("utf-8"))

    write_atomically(target, write)


# A number Excel keeps exactly: at most 15 significant digits, no leading zero (a phone
# number, a code) and not a 16-digit NIK.
_PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9]\d{0,14})(?:[.,]\d{1,15})?")


def xlsx_value(text: str, decimal: str) -> str | float:
    """The .xlsx cell for a text cell: a float if it is a plain number in this file's decimal
    mark, else spreadsheet-safe text."""
    digits = len(text) - text.count("-") - text.count(",") - text.count(".")
    if _PLAIN_NUMBER.fullmatch(text) and ("," not in text or decimal == ",") and digits <= 15:
        return float(text.replace(",", "."))
    return safe_cell(text)


def write_xlsx(
    target: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    decimal: str,
    text_columns: Iterable[int] = (),
) -> None:
    """A one-sheet workbook, atomically: header as text, cells via `xlsx_value` except the
    `text_columns` (e.g. NIK), which stay text."""
    from openpyxl import Workbook

    as_text = frozenset(text_columns)
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([safe_cell(h) for h in header])
    for cells in rows:
        out: list[object] = []
        for i, text in enumerate(cells):
            out.append(safe_cell(text) if i in as_text else xlsx_value(text, decimal))
        sheet.append(out)

    def write(out: IO[bytes]) -> None:
        book.save(out)

    write_atomically(target, write)
