"""The fast reader of machine-written HTML tables gives what the full parser gives, and leaves
every irregular page to it."""

from __future__ import annotations

import pytest

from posyandu_desktop.exchange.html_rows import regular_table_rows
from posyandu_desktop.exchange.tabular import _HtmlTable

REGULAR = [
    "<html><body><table border=1><tr><th>No</th><th>Nama</th></tr>"
    "<tr><td>1</td><td>S&amp;ri&nbsp;Wahyuni</td></tr></table></body></html>",
    "<TABLE>\n<THEAD><TR><TH>A</TH><TH>B</TH></TR></THEAD>\n<TBODY>\n"
    "<TR><TD> x \n y </TD><TD><b>tebal</b><br>baris</TD></TR>\n"
    "<tr><td></td><td></td></tr>\n<tr><td>3</td></tr></TBODY></TABLE>",
    "<table><tr><td>1</td><td>2</td></tr></table><table><tr><td>other</td></tr></table>",
    # cells kept as found, and cells whose whitespace is collapsed, row by row
    "<table>\n<tr><td>No</td><td>Nama</td><td>Alamat</td></tr>\n"
    "<tr><td>1</td><td>Siti Aminah</td><td></td></tr>\n"
    "<tr><td>2</td><td> Budi</td><td>Jl. A</td></tr>\n<tr><td>3 </td><td>x</td></tr>\n"
    "<tr><td>4</td><td>Ani  Dewi</td><td>a\tb</td></tr><tr><td>5</td><td>\u00a0É\u3000</td>"
    "</tr><tr><td></td><td> </td><td></td></tr>\n<tr>\n<td>6</td>\n<td>&lt;b&gt;</td></tr>\n"
    "</table>",
    "<p>ſ \u0130 \u0131 \u212a</p><table><TR><TD>Å</TD><TD>b</TD></TR></table>",
    # rows written as `<td>a</td><td>b</td></tr>`, read by a split, then one that is not
    "<table><tr><td>1</td><td>Ani</td></tr>\n<tr><td>2</td></tr> \r\n<tr><td>3</td><td>Budi"
    "</td></tr>x<tr><td>4</td>\n<td>a</td></tr><tr><td>5</td><td>S&amp;ri</td></tr></table>",
    "<table><tr><th>No</th><th>Nama</th></tr>\n<tr>\n <td>1</td><td>Ani</td></tr>\n"
    "<tr><td>2</td><td>Budi</td></tr></table>",
    "<table></table>",
    "<table><thead><th>no row</th></thead></table>",
]
IRREGULAR = [
    "<table><tr><td colspan=2>A</td></tr><tr><td>1</td><td>2</td></tr></table>",
    "<table><tr><td>a<td>b</tr></table>",  # cells left open
    "<table><tr><td><table><tr><td>in</td></tr></table></td></tr></table>",
    "<table><tr><td>a</td><!-- <td>b</td> --></tr></table>",
    "<table><tr><td>a</td><td>ColſPan</td></tr></table>",  # re.IGNORECASE: ſ is an s
    "<table><tr><td>a</td></tr><TR><td>b</tr></table>",
]


@pytest.mark.parametrize("page", REGULAR)
def test_regular_tables_read_as_the_full_parser_reads_them(page: str) -> None:
    fast = regular_table_rows(page)
    parser = _HtmlTable()
    parser.feed(page)
    parser.close()
    rows = [r for r in parser.rows if any(r)]
    width = max(map(len, rows), default=0)
    assert fast == [r + [""] * (width - len(r)) for r in rows]


@pytest.mark.parametrize("page", IRREGULAR)
def test_irregular_pages_go_to_the_full_parser(page: str) -> None:
    assert regular_table_rows(page) is None
