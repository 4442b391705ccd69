"""Writing cells of a spreadsheet the application produces: text is always data.

Users type names, analyses and notes that end up in Excel files other people
open. A text beginning with ``=`` would be stored by openpyxl as a live formula
(``=HYPERLINK(...)`` becomes a link, ``=WEBSERVICE(...)`` a request), and a text
beginning with ``+ - @``, a tab or a carriage return becomes a formula as soon
as the reader edits the cell. So every text is written with the string type and,
when it begins with one of those characters, with Excel's quote prefix (shown as
typed, kept text on editing). Numbers, dates and empty cells are written as they
are. Every writer of an export goes through here; nothing in the application
writes a formula.
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

AWALAN_RUMUS = ("=", "+", "-", "@", "\t", "\r")


def isi_sel(sel: Cell, nilai) -> Cell:
    """Put a value in a cell; text as text, never as a formula."""
    if isinstance(nilai, str):
        # Characters XML 1.0 cannot carry would make openpyxl refuse the whole file.
        nilai = ILLEGAL_CHARACTERS_RE.sub("", nilai)
        sel.value = nilai
        sel.data_type = "s"  # also keeps "#N/A" or "=1+1" from becoming an error or formula
        if nilai.startswith(AWALAN_RUMUS):
            sel.quotePrefix = True
    else:
        sel.value = nilai
    return sel


def tulis_sel(ws: Worksheet, baris: int, kolom: int, nilai) -> Cell:
    """ws.cell(baris, kolom, value=nilai), safely."""
    return isi_sel(ws.cell(row=baris, column=kolom), nilai)


def tambah_baris(ws: Worksheet, nilai: Iterable) -> int:
    """ws.append(nilai), safely; returns the row's number."""
    nilai = list(nilai)
    ws.append([None if isinstance(v, str) else v for v in nilai])
    # Rows are only appended, so the last one is _current_row (max_row scans every cell).
    baris = ws._current_row
    for kolom, v in enumerate(nilai, start=1):
        if isinstance(v, str):
            tulis_sel(ws, baris, kolom, v)
    return baris
