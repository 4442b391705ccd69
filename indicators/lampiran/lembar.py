"""Old Excel (.xls, 97–2003) and LibreOffice (.ods) workbooks, read into the
shape the Lampiran reader walks (baca.py): sheets with a title, rows of cells
holding `value` and `number_format`, and merged ranges — the part of
openpyxl's interface the reader uses, so every layout rule, check and message
is the same whatever the format.

- .xls through xlrd with formatting_info=True: it gives the merged ranges and
  each cell's number format (a percent cell typed "85%" holds 0.85 and must be
  read as 85, as in .xlsx). python-calamine reads .xls and .ods too, faster,
  but exposes no number formats at all and no merged ranges for .ods.
- .ods is a zip with one XML part, content.xml, whose cells carry their value
  type (percentage, float, string…), their value and their spans
  (number-rows-spanned, number-columns-spanned) as attributes. It is read here
  with the standard library, streaming row by row, after the archive's sizes
  were checked (arsip.py). Runs of empty rows or cells (LibreOffice ends every
  sheet with a run of a million empty rows) are counted, never built.
"""

from __future__ import annotations

import contextlib
import datetime
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from xml.etree.ElementTree import ParseError, iterparse

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
MIMETYPE_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
_PERSEN = "0%"  # the number format a percentage cell stands for


class LembarDitolak(Exception):
    """The workbook cannot be read; the message is Indonesian."""


@dataclass(frozen=True)
class Sel:
    value: object = None
    number_format: str = "General"


_KOSONG = Sel()


@dataclass(frozen=True)
class Rentang:
    """A merged range, 1-based and inclusive like openpyxl's CellRange."""

    min_row: int
    min_col: int
    max_row: int
    max_col: int


@dataclass
class _Gabungan:
    ranges: list[Rentang] = field(default_factory=list)


@dataclass
class Lembar:
    title: str
    baris: dict[int, list[Sel]] = field(default_factory=dict)  # row number (1-based) → cells
    merged_cells: _Gabungan = field(default_factory=_Gabungan)

    @property
    def max_row(self) -> int:
        return max(self.baris, default=0)

    @property
    def max_column(self) -> int:
        return max((len(b) for b in self.baris.values()), default=0)

    def iter_rows(self):
        """Every row from the first to the last filled one, each as wide as the
        widest, empty cells reading None (as openpyxl's iter_rows)."""
        lebar = self.max_column
        kosong = (_KOSONG,) * lebar
        for nomor in range(1, self.max_row + 1):
            sel = self.baris.get(nomor)
            yield kosong if sel is None else tuple(sel) + (_KOSONG,) * (lebar - len(sel))


@dataclass
class Buku:
    worksheets: list[Lembar]

    def close(self) -> None:
        pass


def _angka(v: float):
    # openpyxl gives an int for a whole number, so codes and years read "1", not "1.0".
    return int(v) if v.is_integer() and abs(v) < 2**53 else v


# --- .xls ------------------------------------------------------------------------------


def buka_xls(data: bytes, batas_baris: int) -> Buku:
    import xlrd

    try:
        buku = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except xlrd.biffh.XLRDError as exc:
        if "encrypted" in str(exc).casefold():
            raise LembarDitolak(
                "Berkas dilindungi kata sandi. Buka di Excel, hapus kata sandinya, simpan, "
                "lalu unggah lagi."
            ) from exc
        raise LembarDitolak(
            "Berkas bukan buku kerja Excel yang dapat dibaca (.xls rusak atau berisi dokumen lain)."
        ) from exc
    except Exception as exc:  # xlrd raises many kinds on a damaged file
        raise LembarDitolak(
            f"Berkas .xls rusak atau terpotong dan tidak dapat dibaca ({type(exc).__name__})."
        ) from exc
    try:
        jumlah = sum(buku.sheet_by_index(i).nrows for i in range(buku.nsheets))
        if jumlah > batas_baris:
            raise LembarDitolak(_terlalu_banyak(jumlah, batas_baris))
        return Buku([_lembar_xls(buku, buku.sheet_by_index(i)) for i in range(buku.nsheets)])
    finally:
        buku.release_resources()


def _lembar_xls(buku, sheet) -> Lembar:
    import xlrd

    lembar = Lembar(sheet.name)
    for rlo, rhi, clo, chi in sheet.merged_cells:  # half-open, 0-based
        lembar.merged_cells.ranges.append(Rentang(rlo + 1, clo + 1, rhi, chi))
    for r in range(sheet.nrows):
        sel = []
        for c in range(sheet.ncols):
            jenis, nilai = sheet.cell_type(r, c), sheet.cell_value(r, c)
            format_ = "General"
            if jenis in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                sel.append(_KOSONG)
                continue
            if jenis == xlrd.XL_CELL_NUMBER:
                xf = buku.xf_list[sheet.cell_xf_index(r, c)]
                fmt = buku.format_map.get(xf.format_key)
                format_ = fmt.format_str if fmt is not None else "General"
                nilai = _angka(nilai)
            elif jenis == xlrd.XL_CELL_DATE:
                with contextlib.suppress(ValueError, OverflowError, xlrd.xldate.XLDateError):
                    nilai = xlrd.xldate.xldate_as_datetime(nilai, buku.datemode)
            elif jenis == xlrd.XL_CELL_BOOLEAN:
                nilai = bool(nilai)
            elif jenis == xlrd.XL_CELL_ERROR:
                nilai = xlrd.error_text_from_code.get(nilai, "#ERROR")
            sel.append(Sel(nilai, format_))
        if any(s.value not in (None, "") for s in sel):
            lembar.baris[r + 1] = sel
    return lembar


# --- .ods ------------------------------------------------------------------------------


def adalah_ods(data: bytes) -> bool:
    """An OpenDocument spreadsheet: a zip whose first part, `mimetype`, says so."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as arsip:
            return arsip.read("mimetype").strip() == MIMETYPE_ODS
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return False


def _t(ns: str, nama: str) -> str:
    return f"{{{ns}}}{nama}"


_T_TABLE = _t(_TABLE, "table")
_T_ROW = _t(_TABLE, "table-row")
_T_CELL = _t(_TABLE, "table-cell")
_T_COVERED = _t(_TABLE, "covered-table-cell")
_A_NAME = _t(_TABLE, "name")
_A_ROWS_REP = _t(_TABLE, "number-rows-repeated")
_A_COLS_REP = _t(_TABLE, "number-columns-repeated")
_A_ROWS_SPAN = _t(_TABLE, "number-rows-spanned")
_A_COLS_SPAN = _t(_TABLE, "number-columns-spanned")
_A_TYPE = _t(_OFFICE, "value-type")
_A_VALUE = _t(_OFFICE, "value")
_A_DATE = _t(_OFFICE, "date-value")
_A_BOOL = _t(_OFFICE, "boolean-value")
_A_STRING = _t(_OFFICE, "string-value")
_T_P = _t(_TEXT, "p")
_T_S = _t(_TEXT, "s")
_T_TAB = _t(_TEXT, "tab")
_T_BR = _t(_TEXT, "line-break")
_A_C = _t(_TEXT, "c")


def _teks(el) -> str:
    """A paragraph's text as displayed: spans and links inline, text:s as spaces."""
    bagian = [el.text or ""]
    for anak in el:
        if anak.tag == _T_S:
            bagian.append(" " * int(anak.get(_A_C, "1")))
        elif anak.tag == _T_TAB:
            bagian.append("\t")
        elif anak.tag == _T_BR:
            bagian.append("\n")
        else:
            bagian.append(_teks(anak))
        bagian.append(anak.tail or "")
    return "".join(bagian)


def _sel_ods(el) -> Sel:
    jenis = el.get(_A_TYPE)
    if jenis in ("float", "currency"):
        return Sel(_angka(float(el.get(_A_VALUE, "0"))))
    if jenis == "percentage":
        return Sel(_angka(float(el.get(_A_VALUE, "0"))), _PERSEN)
    if jenis == "boolean":
        return Sel(el.get(_A_BOOL) == "true")
    if jenis == "date":
        teks = el.get(_A_DATE, "")
        try:
            return Sel(datetime.datetime.fromisoformat(teks))
        except ValueError:
            return Sel(teks)
    if jenis is None:
        return _KOSONG
    teks = el.get(_A_STRING)
    if teks is None:
        teks = "\n".join(_teks(p) for p in el if p.tag == _T_P)
    return Sel(teks)


def _terlalu_banyak(jumlah: int, batas: int) -> str:
    return f"Berkas berisi {jumlah:,} baris, melebihi batas {batas:,} baris.".replace(",", ".")


def buka_ods(data: bytes, batas_baris: int, batas_sel: int) -> Buku:
    try:
        with zipfile.ZipFile(BytesIO(data)) as arsip, arsip.open("content.xml") as isi:
            return Buku(_baca_ods(isi, batas_baris, batas_sel))
    except LembarDitolak:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ParseError, ValueError) as exc:
        raise LembarDitolak("Berkas .ods rusak atau terpotong dan tidak dapat dibaca.") from exc


def _baca_ods(isi, batas_baris: int, batas_sel: int) -> list[Lembar]:
    lembar_list: list[Lembar] = []
    lembar: Lembar | None = None
    nomor = 0  # the row number of the next row
    jumlah_sel = 0
    tumpukan = []  # the open elements, to drop each row from its parent once read
    for peristiwa, el in iterparse(isi, events=("start", "end")):
        if peristiwa == "start":
            tumpukan.append(el)
            if el.tag == _T_TABLE:
                lembar = Lembar(el.get(_A_NAME, f"Sheet{len(lembar_list) + 1}"))
                lembar_list.append(lembar)
                nomor = 1
            continue
        tumpukan.pop()
        if el.tag == _T_ROW and lembar is not None:
            ulang = int(el.get(_A_ROWS_REP, "1"))
            sel: list[Sel] = []
            kolom = 0
            for c in el:
                if c.tag not in (_T_CELL, _T_COVERED):
                    continue
                n = int(c.get(_A_COLS_REP, "1"))
                isi_sel = _sel_ods(c) if c.tag == _T_CELL else _KOSONG
                rentang_baris = int(c.get(_A_ROWS_SPAN, "1"))
                rentang_kolom = int(c.get(_A_COLS_SPAN, "1"))
                if c.tag == _T_CELL and (rentang_baris > 1 or rentang_kolom > 1):
                    for u in range(min(ulang, batas_baris)):
                        for k in range(n if n <= batas_sel else 1):
                            lembar.merged_cells.ranges.append(
                                Rentang(
                                    nomor + u,
                                    kolom + k * rentang_kolom + 1,
                                    nomor + u + rentang_baris - 1,
                                    kolom + (k + 1) * rentang_kolom,
                                )
                            )
                if isi_sel.value in (None, ""):
                    kolom += n  # a run of empty cells is counted, never built
                    continue
                jumlah_sel += n * ulang
                if jumlah_sel > batas_sel:
                    raise LembarDitolak(
                        f"Berkas berisi lebih dari {batas_sel:,} sel terisi; bukan salinan "
                        "Lampiran yang wajar.".replace(",", ".")
                    )
                sel.extend([_KOSONG] * (kolom - len(sel)))
                sel.extend([isi_sel] * n)
                kolom += n
            if sel:
                if nomor + ulang - 1 > batas_baris:
                    raise LembarDitolak(_terlalu_banyak(nomor + ulang - 1, batas_baris))
                for u in range(ulang):
                    lembar.baris[nomor + u] = sel
            nomor += ulang
            tumpukan[-1].remove(el)
        elif el.tag == _T_TABLE:
            tumpukan[-1].remove(el)
    return lembar_list
