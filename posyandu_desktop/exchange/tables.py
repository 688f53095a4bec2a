"""One exported table as JSON (for programs) and as CSV (for spreadsheet users)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from posyandu_desktop.domain.safe_text import spreadsheet_safe


def table_json(
    table: str, columns: Sequence[str], rows: Sequence[Mapping[str, Any]], deleted: Sequence[int]
) -> bytes:
    """`{"table", "columns", "rows", "deleted"}` as UTF-8 JSON, one row per line for diffs."""
    body = ",\n".join(json.dumps(dict(r), ensure_ascii=False, sort_keys=True) for r in rows)
    head = json.dumps(
        {"table": table, "columns": list(columns), "deleted": list(deleted)}, ensure_ascii=False
    )
    return (head[:-1] + ',"rows":[\n' + body + "\n]}\n").encode("utf-8")


def table_csv(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> bytes:
    """The rows as CSV with a header, UTF-8 with a BOM so spreadsheet programs read it as UTF-8.
    Empty values are empty cells; true/false stay words; lists (desks) are joined with '+'; text
    never becomes a formula (domain/safe_text.py)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(_cell(row.get(c)) for c in columns)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return spreadsheet_safe("+".join(str(v) for v in value))
    return spreadsheet_safe(value) if isinstance(value, str) else str(value)


def table_rows(raw: bytes) -> list[dict[str, Any]]:
    """The rows of a `data/<table>.json` member as `table_json` wrote them (ValueError if it is
    not one)."""
    try:
        rows = json.loads(raw.decode("utf-8"))["rows"]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ValueError(f"not a table: {exc}") from None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ValueError("not a table: rows")
    return rows
