"""The same workbook as Excel 97–2003 (.xls, written with xlwt) and as an
OpenDocument spreadsheet (.ods, written with odfpy): every sheet, value,
number format and merged range of an openpyxl-built .xlsx, so a test can
import one layout in all three formats and compare."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook


def _sel_gabungan(ws) -> tuple[dict, set]:
    """{(row, col): (rows, cols)} of each merged range's first cell, and the
    cells it covers (1-based)."""
    awal, tertutup = {}, set()
    for r in ws.merged_cells.ranges:
        awal[(r.min_row, r.min_col)] = (r.max_row - r.min_row + 1, r.max_col - r.min_col + 1)
        for baris in range(r.min_row, r.max_row + 1):
            for kolom in range(r.min_col, r.max_col + 1):
                if (baris, kolom) != (r.min_row, r.min_col):
                    tertutup.add((baris, kolom))
    return awal, tertutup


def ke_xls(data: bytes) -> bytes:
    import xlwt

    wb = load_workbook(BytesIO(data))
    keluaran = xlwt.Workbook(encoding="utf-8")
    gaya: dict[str, object] = {}
    for ws in wb.worksheets:
        lembar = keluaran.add_sheet(ws.title[:31])
        awal, tertutup = _sel_gabungan(ws)
        for baris in ws.iter_rows():
            for sel in baris:
                kunci = (sel.row, sel.column)
                if kunci in tertutup:
                    continue
                fmt = sel.number_format or "General"
                if fmt not in gaya:
                    gaya[fmt] = xlwt.easyxf(num_format_str=fmt)
                nilai = "" if sel.value is None else sel.value
                if kunci in awal:
                    n_baris, n_kolom = awal[kunci]
                    r0, c0 = sel.row - 1, sel.column - 1
                    lembar.write_merge(r0, r0 + n_baris - 1, c0, c0 + n_kolom - 1, nilai, gaya[fmt])
                elif sel.value is not None:
                    lembar.write(sel.row - 1, sel.column - 1, nilai, gaya[fmt])
    hasil = BytesIO()
    keluaran.save(hasil)
    return hasil.getvalue()


def ke_ods(data: bytes) -> bytes:
    from odf import teletype
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    wb = load_workbook(BytesIO(data))
    dok = OpenDocumentSpreadsheet()
    for ws in wb.worksheets:
        tabel = Table(name=ws.title)
        awal, tertutup = _sel_gabungan(ws)
        for baris in ws.iter_rows():
            tr = TableRow()
            for sel in baris:
                kunci = (sel.row, sel.column)
                if kunci in tertutup:
                    tr.addElement(CoveredTableCell())
                    continue
                atribut = {}
                if kunci in awal:
                    atribut["numberrowsspanned"], atribut["numbercolumnsspanned"] = awal[kunci]
                v = sel.value
                if v is None:
                    td = TableCell(**atribut)
                elif isinstance(v, bool):
                    td = TableCell(valuetype="boolean", booleanvalue=str(v).lower(), **atribut)
                elif isinstance(v, int | float):
                    jenis = "percentage" if "%" in (sel.number_format or "") else "float"
                    td = TableCell(valuetype=jenis, value=str(v), **atribut)
                    td.addElement(P(text=str(v)))
                else:
                    td = TableCell(valuetype="string", **atribut)
                    p = P()
                    teletype.addTextToElement(p, str(v))
                    td.addElement(p)
                tr.addElement(td)
            tabel.addElement(tr)
        dok.spreadsheet.addElement(tabel)
    hasil = BytesIO()
    dok.write(hasil)
    return hasil.getvalue()


KONVERSI = {"xls": ke_xls, "ods": ke_ods}


# --- The tables behind the files LibreOffice wrote (berkas/, scripts/buat_lampiran_lama.py)

TAHUN_CONTOH = (2020, 2021, 2022, 2023, 2024)


def _target_contoh(i: int, tahun: int):
    # A number, a percent cell, Indonesian text with a decimal comma and with
    # thousands dots: every way a target is typed.
    return {
        2020: 80 + i % 20,
        2021: (0.855, "0.0%"),
        2022: "85,5",
        2023: "1.250",
        2024: "1.250,75",
    }[tahun]


def contoh_lengkap() -> bytes:
    """The decree's whole Lampiran as printed: merged Kegiatan and Sasaran,
    title rows, repeated headers, stray spaces and five years of targets."""
    from .lampiran_xlsx import tulis_tercetak

    return tulis_tercetak(spasi_liar=True, tahun=TAHUN_CONTOH, nilai_target=_target_contoh)


def contoh_salah() -> bytes:
    """A table with a problem of each kind the reader names by row and column."""
    from .lampiran_xlsx import tabel_sederhana

    return tabel_sederhana(
        [
            [None, None, None, "Indikator yatim", 1],
            [1, "Keuangan", "Sasaran kosong", None, None],
            [None, None, "Sasaran dua", "Indikator dua", "delapan puluh"],
            [None, None, None, "Indikator lain", -5],
        ],
        tahun=(2021,),
    )


CONTOH = {"lampiran_libreoffice": contoh_lengkap, "lampiran_libreoffice_salah": contoh_salah}
