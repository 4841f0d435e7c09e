"""Safe spreadsheet export (CSV and XLSX).

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is read by
spreadsheet programs as a formula: a name typed as ``=HYPERLINK(...)`` would run when an official
opens the export. Every text cell is neutralised by a leading apostrophe, the OWASP advice for CSV
injection. Numbers stay numbers; identity numbers are exported as text so that Excel does not turn
a 16-digit NIK into 5.20101E+15.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The value made safe for a spreadsheet cell."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(neutralise(value) if isinstance(value, str) else value)


def write_csv(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """UTF-8 with a byte-order mark (so Excel opens it as UTF-8), ``;``-free comma CSV."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell_text(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def write_xlsx(header: Sequence[str], rows: Iterable[Sequence], *, sheet: str = "Data") -> bytes:
    """A one-sheet workbook in write-only (streaming) mode; text cells are neutralised."""
    book = Workbook(write_only=True)
    worksheet = book.create_sheet(sheet[:31])
    bold = Font(bold=True)
    heading = []
    for title in header:
        cell = WriteOnlyCell(worksheet, value=title)
        cell.font = bold
        heading.append(cell)
    worksheet.append(heading)
    for row in rows:
        worksheet.append([neutralise(value) if isinstance(value, str) else value for value in row])
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
