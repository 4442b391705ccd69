"""The report's tables as spreadsheets (openpyxl): the Ikhtisar and the
Pengukuran Kinerja, from the same data as the PDF. Numbers stay numbers with
an Indonesian-looking number format, so the reader can still compute with them."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from indicators.xlsx import tulis_sel

from .selectors import Laporan

GARIS = Side(style="thin", color="808080")
BINGKAI = Border(left=GARIS, right=GARIS, top=GARIS, bottom=GARIS)
KEPALA = PatternFill("solid", fgColor="E5E7EB")
KELOMPOK = PatternFill("solid", fgColor="F3F4F6")
FORMAT_ANGKA = "#,##0.00"
FORMAT_BULAT = "#,##0"
FORMAT_PERSEN = '0.00"%"'


def _lembar(wb: Workbook, judul: str, laporan: Laporan, kolom: list[tuple[str, int]]):
    ws = wb.create_sheet(judul)
    tulis_sel(ws, 1, 1, f"{judul} Tahun {laporan.tahun}")
    ws["A1"].font = Font(bold=True, size=13)
    tulis_sel(ws, 2, 1, laporan.satker.nama)
    for i, (nama, lebar) in enumerate(kolom, start=1):
        sel = tulis_sel(ws, 4, i, nama)
        sel.font = Font(bold=True)
        sel.fill = KEPALA
        sel.border = BINGKAI
        sel.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = lebar
    ws.freeze_panes = "A5"
    ws.print_title_rows = "4:4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return ws


def _tulis(ws, baris: int, nilai: list, kelompok: bool = False, format_kolom: dict | None = None):
    for i, v in enumerate(nilai, start=1):
        sel = tulis_sel(ws, baris, i, v)
        sel.border = BINGKAI
        sel.alignment = Alignment(vertical="top", wrap_text=True)
        if kelompok:
            sel.font = Font(bold=True)
            sel.fill = KELOMPOK
        if format_kolom and i in format_kolom and v is not None:
            bulat = format_kolom[i] == FORMAT_ANGKA and float(v).is_integer()
            sel.number_format = FORMAT_BULAT if bulat else format_kolom[i]
    if kelompok:
        ws.merge_cells(start_row=baris, start_column=1, end_row=baris, end_column=len(nilai))


def _angka(v):
    return float(v) if v is not None else None


def ikhtisar_xlsx(laporan: Laporan) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    ws = _lembar(
        wb,
        "Ikhtisar",
        laporan,
        [
            ("Kinerja (Sasaran)", 45),
            ("Indikator", 55),
            ("Satuan", 11),
            ("Target", 12),
            ("Realisasi", 12),
            ("Capaian (%)", 13),
            ("Kategori", 15),
        ],
    )
    fmt = {4: FORMAT_ANGKA, 5: FORMAT_ANGKA, 6: FORMAT_PERSEN}
    r = 5
    for k in laporan.kegiatan:
        _tulis(ws, r, [f"Kegiatan {k.kegiatan.kode} {k.kegiatan.nama}"] + [None] * 6, True)
        r += 1
        for s in k.sasaran:
            awal = r
            for b in s.baris:
                _tulis(
                    ws,
                    r,
                    [
                        s.sasaran.nama if r == awal else None,
                        b.indikator.nama,
                        b.indikator.satuan,
                        _angka(b.target),
                        _angka(b.realisasi),
                        _angka(round(b.capaian, 2)) if b.capaian is not None else None,
                        b.kategori.nama if b.kategori else "—",
                    ],
                    format_kolom=fmt,
                )
                r += 1
            if r - 1 > awal:
                ws.merge_cells(start_row=awal, start_column=1, end_row=r - 1, end_column=1)
    return _simpan(wb)


def pengukuran_xlsx(laporan: Laporan) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    tahun = laporan.tahun_banding
    kolom = [
        ("Kode", 10),
        ("Indikator Kinerja", 55),
        ("Satuan", 11),
        ("Target", 12),
        ("Realisasi", 12),
        ("Capaian (%)", 13),
        ("Kategori", 15),
        *[(f"Capaian {t} (%)", 13) for t in tahun if t != laporan.tahun],
        ("Target akhir Renstra", 14),
        ("Capaian thd. Renstra (%)", 15),
        ("Analisis", 40),
        ("Kendala", 40),
        ("Tindak lanjut", 40),
    ]
    ws = _lembar(wb, "Pengukuran Kinerja", laporan, kolom)
    n_lalu = len(tahun) - 1
    fmt = {4: FORMAT_ANGKA, 5: FORMAT_ANGKA, 6: FORMAT_PERSEN}
    for j in range(n_lalu):
        fmt[8 + j] = FORMAT_PERSEN
    fmt[8 + n_lalu] = FORMAT_ANGKA
    fmt[9 + n_lalu] = FORMAT_PERSEN
    kosong = [None] * (len(kolom) - 1)
    r = 5
    for p in laporan.program:
        _tulis(ws, r, [f"Program {p.program.kode}. {p.program.nama}", *kosong], True)
        r += 1
        for k in p.kegiatan:
            _tulis(ws, r, [f"Kegiatan {k.kegiatan.kode} {k.kegiatan.nama}", *kosong], True)
            r += 1
            for s in k.sasaran:
                _tulis(ws, r, [f"Sasaran {s.sasaran.kode} {s.sasaran.nama}", *kosong], True)
                r += 1
                for b in s.baris:
                    n = b.nilai
                    lalu = [
                        _angka(round(c, 2)) if c is not None else None
                        for t, _, c in b.riwayat
                        if t != laporan.tahun
                    ]
                    _tulis(
                        ws,
                        r,
                        [
                            b.indikator.kode,
                            b.indikator.nama,
                            b.indikator.satuan,
                            _angka(b.target),
                            _angka(b.realisasi),
                            _angka(round(b.capaian, 2)) if b.capaian is not None else None,
                            b.kategori.nama if b.kategori else "—",
                            *lalu,
                            _angka(b.indikator.target_akhir),
                            _angka(round(b.capaian_renstra, 2))
                            if b.capaian_renstra is not None
                            else None,
                            n.analisis if n else "",
                            n.kendala if n else "",
                            n.tindak_lanjut if n else "",
                        ],
                        format_kolom=fmt,
                    )
                    r += 1
    return _simpan(wb)


def _simpan(wb: Workbook) -> bytes:
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def rencana_aksi_xlsx(dokumen) -> bytes:
    """The Rencana Aksi: per indicator its target and each action with its
    quarterly milestones, unit in charge and budget."""
    laporan = dokumen.laporan
    wb = Workbook()
    wb.remove(wb.active)
    ws = _lembar(
        wb,
        "Rencana Aksi",
        laporan,
        [
            ("Kode", 10),
            ("Indikator Kinerja", 45),
            ("Satuan", 10),
            ("Target", 11),
            ("Rencana Aksi", 50),
            ("TW I", 18),
            ("TW II", 18),
            ("TW III", 18),
            ("TW IV", 18),
            ("Penanggung Jawab", 28),
            ("Anggaran (Rp)", 16),
        ],
    )
    fmt = {4: FORMAT_ANGKA, 11: FORMAT_BULAT}
    kosong = [None] * 10
    r = 5
    for s, daftar in dokumen.sasaran:
        _tulis(ws, r, [f"Sasaran {s.sasaran.kode} {s.sasaran.nama}", *kosong], True)
        r += 1
        for b in daftar:
            ind = b.baris.indikator
            kepala = [ind.kode, ind.nama, ind.satuan, _angka(b.baris.target)]
            if not b.rencana:
                _tulis(ws, r, [*kepala, "Belum ada rencana aksi.", *[None] * 6], format_kolom=fmt)
                r += 1
                continue
            for i, ra in enumerate(b.rencana):
                _tulis(
                    ws,
                    r,
                    [
                        *(kepala if i == 0 else [None] * 4),
                        f"{i + 1}. {ra.uraian}",
                        *[k.target if k else None for k in ra.kolom],
                        str(ra.penanggung_jawab or ""),
                        _angka(ra.anggaran),
                    ],
                    format_kolom=fmt,
                )
                r += 1
    _tulis(
        ws,
        r,
        [None, "Jumlah anggaran", *[None] * 8, _angka(dokumen.total_anggaran)],
        format_kolom=fmt,
    )
    ws.cell(row=r, column=2).font = Font(bold=True)
    return _simpan(wb)


def laporan_triwulan_xlsx(dokumen) -> bytes:
    """The quarterly report: target and realisasi per period up to the quarter,
    the capaian so far by each indicator's rule, and the quarter's Rencana Aksi
    progress on a second sheet."""
    laporan = dokumen.laporan
    wb = Workbook()
    wb.remove(wb.active)
    judul = f"Capaian {dokumen.kolom[-1]}"
    periode = [(f"{k} {jenis}", 11) for k in dokumen.kolom for jenis in ("Target", "Realisasi")]
    kolom = [
        ("Kode", 10),
        ("Indikator Kinerja", 50),
        ("Satuan", 10),
        ("Periode / aturan", 22),
        ("Target tahun", 12),
        *periode,
        ("Target s.d. triwulan", 13),
        ("Realisasi s.d. triwulan", 13),
        ("Capaian (%)", 12),
        ("Kategori", 14),
    ]
    ws = _lembar(wb, judul, laporan, kolom)
    tulis_sel(ws, 1, 1, f"Laporan Capaian Kinerja {dokumen.nama_triwulan} Tahun {laporan.tahun}")
    n = len(periode)
    fmt = {5: FORMAT_ANGKA, **{6 + j: FORMAT_ANGKA for j in range(n)}}
    fmt.update({6 + n: FORMAT_ANGKA, 7 + n: FORMAT_ANGKA, 8 + n: FORMAT_PERSEN})
    kosong = [None] * (len(kolom) - 1)
    r = 5
    for s, daftar in dokumen.sasaran:
        _tulis(ws, r, [f"Sasaran {s.sasaran.kode} {s.sasaran.nama}", *kosong], True)
        r += 1
        for b in daftar:
            ind = b.indikator
            aturan = ind.get_periode_ukur_display()
            if ind.berperiode:
                aturan += f", {ind.get_aturan_tahunan_display().split(' (')[0].lower()}"
            sel = []
            for p in b.sel:
                sel += [_angka(p.target), _angka(p.realisasi)] if p else [None, None]
            _tulis(
                ws,
                r,
                [
                    ind.kode,
                    ind.nama,
                    ind.satuan,
                    aturan,
                    _angka(b.baris.target),
                    *sel,
                    _angka(b.target_sd),
                    _angka(b.realisasi_sd),
                    _angka(round(b.capaian, 2)) if b.capaian is not None else None,
                    b.kategori.nama if b.kategori else "—",
                ],
                format_kolom=fmt,
            )
            r += 1
    ws2 = _lembar(
        wb,
        "Rencana Aksi",
        laporan,
        [
            ("Kode", 10),
            ("Rencana Aksi", 50),
            (f"Target {dokumen.kolom[-1]}", 22),
            ("Realisasi", 28),
            ("Status", 18),
            ("Keterangan", 40),
            ("Penanggung Jawab", 28),
        ],
    )
    tulis_sel(ws2, 1, 1, f"Kemajuan Rencana Aksi {dokumen.nama_triwulan} Tahun {laporan.tahun}")
    r = 5
    for b in dokumen.baris:
        for ra, k in b.langkah:
            _tulis(
                ws2,
                r,
                [
                    b.indikator.kode,
                    ra.uraian,
                    k.target,
                    k.realisasi,
                    k.get_status_display(),
                    k.keterangan,
                    str(ra.penanggung_jawab or ""),
                ],
            )
            r += 1
    return _simpan(wb)
