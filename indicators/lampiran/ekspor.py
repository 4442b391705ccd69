"""Writing a decree's Lampiran back to Excel, in the two layouts the import reads.

- tercetak: the table as printed — title rows, a Program heading and header per
  Program, Kegiatan and Sasaran merged downwards, wrapped text, frozen header —
  with target, realisasi and capaian per year and the end target.
- datar: the flat template, one row per indicator with every level's kode, for
  editing and re-importing.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..hierarki import susun_hierarki
from ..models import Indikator, PenetapanIKU
from ..xlsx import tambah_baris

_TIPIS = Side(style="thin", color="808080")
_BINGKAI = Border(left=_TIPIS, right=_TIPIS, top=_TIPIS, bottom=_TIPIS)
_ATAS = Alignment(vertical="top", wrap_text=True)
_TENGAH = Alignment(horizontal="center", vertical="center", wrap_text=True)
_TEBAL = Font(bold=True)
_ISI_JUDUL = PatternFill("solid", fgColor="D9E2F3")
_ISI_PROGRAM = PatternFill("solid", fgColor="F2F2F2")
FORMAT_ANGKA = "#,##0.##"
FORMAT_PERSEN = "0.00%"
POLARITAS_TEKS = {"positif": "Positif", "negatif": "Negatif"}


def _indikator(penetapan: PenetapanIKU) -> list[Indikator]:
    daftar = list(
        Indikator.objects.dari_penetapan(penetapan)
        .dengan_hierarki()
        .dengan_nilai(*penetapan.daftar_tahun)
    )
    for ind in daftar:
        ind.nilai_per_tahun = {t: ind.nilai_pada(t) for t in penetapan.daftar_tahun}
    return daftar


def _angka(nilai):
    # openpyxl writes Decimal as a number; drop trailing zeros so 85.0000 shows as 85.
    return None if nilai is None else (nilai.normalize() if nilai == nilai else nilai)


# Rows are only ever appended, so the last appended row is Worksheet._current_row;
# Worksheet.max_row scans every cell and would make the export quadratic.


def ekspor_tercetak(penetapan: PenetapanIKU) -> Workbook:
    tahun = penetapan.daftar_tahun
    hierarki = susun_hierarki(_indikator(penetapan))
    wb = Workbook()
    ws = wb.active
    ws.title = "Lampiran"
    judul = [
        "No.",
        "Kegiatan",
        "Sasaran Kegiatan",
        "Indikator Kinerja Kegiatan",
        "Satuan",
        "Polaritas",
    ]
    for t in tahun:
        judul += [f"Target {t}", f"Realisasi {t}", f"Capaian {t}"]
    judul.append("Target akhir")
    lebar_tabel = len(judul)
    ujung = get_column_letter(lebar_tabel)

    def baris_judul_besar(teks: str, tebal: bool = True) -> None:
        tambah_baris(ws, [teks])
        r = ws._current_row
        ws.merge_cells(f"A{r}:{ujung}{r}")
        ws.cell(r, 1).alignment = Alignment(horizontal="center", wrap_text=True)
        ws.cell(r, 1).font = Font(bold=tebal)

    satker = penetapan.satker
    baris_judul_besar(f"LAMPIRAN KEPUTUSAN {satker.nama.upper()} NOMOR {penetapan.nomor.upper()}")
    baris_judul_besar(f"TENTANG {penetapan.tentang.upper()}", tebal=False)
    baris_judul_besar("KEGIATAN DAN INDIKATOR KINERJA KEGIATAN")
    tambah_baris(ws, [])
    baris_beku = None
    for program in hierarki:
        nama = program["objek"].nama
        tambah_baris(ws, [nama if nama.casefold().startswith("program") else f"Program: {nama}"])
        r = ws._current_row
        ws.merge_cells(f"A{r}:{ujung}{r}")
        ws.cell(r, 1).font = _TEBAL
        ws.cell(r, 1).fill = _ISI_PROGRAM
        tambah_baris(ws, judul)
        r = ws._current_row
        baris_beku = baris_beku or r + 1
        for c in range(1, lebar_tabel + 1):
            sel = ws.cell(r, c)
            sel.font, sel.fill, sel.alignment, sel.border = _TEBAL, _ISI_JUDUL, _TENGAH, _BINGKAI
        for no, kegiatan in enumerate(program["kegiatan"], 1):
            awal_kegiatan = ws._current_row + 1
            for sasaran in kegiatan["sasaran"]:
                awal_sasaran = ws._current_row + 1
                for ind in sasaran["indikator"]:
                    pertama_kegiatan = ws._current_row + 1 == awal_kegiatan
                    pertama_sasaran = ws._current_row + 1 == awal_sasaran
                    baris = [
                        no if pertama_kegiatan else None,
                        kegiatan["objek"].nama if pertama_kegiatan else None,
                        sasaran["objek"].nama if pertama_sasaran else None,
                        ind.nama,
                        ind.satuan,
                        POLARITAS_TEKS.get(ind.polaritas, ind.polaritas),
                    ]
                    for t in tahun:
                        nilai = ind.nilai_per_tahun[t]
                        if nilai is None:
                            baris += [None, None, None]
                            continue
                        capaian = nilai.capaian
                        baris += [
                            _angka(nilai.target),
                            _angka(nilai.realisasi),
                            None if capaian is None else float(capaian) / 100,
                        ]
                    baris.append(_angka(ind.target_akhir))
                    tambah_baris(ws, baris)
                    r = ws._current_row
                    for c in range(1, lebar_tabel + 1):
                        sel = ws.cell(r, c)
                        sel.border, sel.alignment = _BINGKAI, _ATAS
                        if c > 6:
                            sel.number_format = (
                                FORMAT_PERSEN
                                if (c - 7) % 3 == 2 and c < lebar_tabel
                                else FORMAT_ANGKA
                            )
                if ws._current_row > awal_sasaran:
                    ws.merge_cells(f"C{awal_sasaran}:C{ws._current_row}")
            if ws._current_row > awal_kegiatan:
                ws.merge_cells(f"A{awal_kegiatan}:A{ws._current_row}")
                ws.merge_cells(f"B{awal_kegiatan}:B{ws._current_row}")
        tambah_baris(ws, [])
    lebar = {"A": 5, "B": 38, "C": 38, "D": 48, "E": 11, "F": 10}
    for huruf, w in lebar.items():
        ws.column_dimensions[huruf].width = w
    for c in range(7, lebar_tabel + 1):
        ws.column_dimensions[get_column_letter(c)].width = 11
    ws.freeze_panes = f"E{baris_beku or 6}"
    ws.print_title_rows = "6:6" if baris_beku else None
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return wb


KOLOM_DATAR = [
    "Kode Program",
    "Program",
    "Kode Kegiatan",
    "Kegiatan",
    "Kode Sasaran",
    "Sasaran",
    "Kode Indikator",
    "Indikator Kinerja",
    "Satuan",
    "Polaritas",
]


def ekspor_datar(penetapan: PenetapanIKU) -> Workbook:
    tahun = penetapan.daftar_tahun
    wb = Workbook()
    ws = wb.active
    ws.title = "Templat IKU"
    judul = KOLOM_DATAR + [f"Target {t}" for t in tahun]
    judul += [f"Realisasi {t}" for t in tahun] + ["Target akhir"]
    tambah_baris(ws, judul)
    for c in range(1, len(judul) + 1):
        sel = ws.cell(1, c)
        sel.font, sel.fill, sel.alignment = _TEBAL, _ISI_JUDUL, _TENGAH
    for ind in _indikator(penetapan):
        s = ind.sasaran
        k = s.kegiatan
        p = k.program
        baris = [
            p.kode,
            p.nama,
            k.kode,
            k.nama,
            s.kode,
            s.nama,
            ind.kode,
            ind.nama,
            ind.satuan,
            POLARITAS_TEKS.get(ind.polaritas, ind.polaritas),
        ]
        nilai = [ind.nilai_per_tahun[t] for t in tahun]
        baris += [_angka(n.target) if n else None for n in nilai]
        baris += [_angka(n.realisasi) if n else None for n in nilai]
        baris.append(_angka(ind.target_akhir))
        tambah_baris(ws, baris)
        for c in range(len(KOLOM_DATAR) + 1, len(judul) + 1):
            ws.cell(ws._current_row, c).number_format = FORMAT_ANGKA
    lebar = [8, 30, 9, 30, 9, 30, 10, 40, 10, 10]
    for i, w in enumerate(lebar, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    for c in range(len(lebar) + 1, len(judul) + 1):
        ws.column_dimensions[get_column_letter(c)].width = 12
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    return wb


FORMAT = {"tercetak": ekspor_tercetak, "datar": ekspor_datar}


def export_lampiran(penetapan: PenetapanIKU, bentuk: str) -> bytes:
    keluaran = BytesIO()
    FORMAT[bentuk](penetapan).save(keluaran)
    return keluaran.getvalue()


def nama_berkas_ekspor(penetapan: PenetapanIKU, bentuk: str) -> str:
    jenis = "lampiran-iku" if bentuk == "tercetak" else "templat-iku"
    return f"{jenis}-{penetapan.satker.kode}-{penetapan.tahun_awal}-{penetapan.tahun_akhir}.xlsx"
