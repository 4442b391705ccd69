"""The Ikhtisar and Pengukuran Kinerja as spreadsheets."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from indicators.models import NilaiIndikator

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def nilai_contoh(lampiran_bernilai):
    nilai = NilaiIndikator.objects.get(indikator__kode="1.1.1.1", tahun=2023, triwulan=0)
    nilai.target, nilai.realisasi = Decimal("80"), Decimal("68.4")
    nilai.kendala = "Anggaran terbatas"
    nilai.save()
    return nilai


def _buka(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    return load_workbook(BytesIO(response.content))


def test_the_ikhtisar_has_formatted_headers_and_numbers(masuk, operator, nilai_contoh):
    wb = _buka(masuk(operator).get("/laporan/2023/ikhtisar.xlsx"))
    ws = wb["Ikhtisar"]
    assert ws["A1"].value == "Ikhtisar Tahun 2023"
    kepala = [c.value for c in ws[4]]
    assert kepala == [
        "Kinerja (Sasaran)",
        "Indikator",
        "Satuan",
        "Target",
        "Realisasi",
        "Capaian (%)",
        "Kategori",
    ]
    assert ws["A4"].font.bold and ws.freeze_panes == "A5"
    assert ws.column_dimensions["B"].width == 55
    baris = next(r for r in ws.iter_rows(min_row=5) if r[1].value == nilai_contoh.indikator.nama)
    assert baris[3].value == 80 and baris[3].number_format == "#,##0"
    assert baris[4].value == pytest.approx(68.4) and baris[4].number_format == "#,##0.00"
    assert baris[5].value == pytest.approx(85.5) and baris[5].number_format == '0.00"%"'
    assert baris[6].value == "Baik"
    nama = {r[1].value for r in ws.iter_rows(min_row=5)}
    assert len(nama - {None}) == 71


def test_the_pengukuran_sheet_has_every_indicator_history_and_explanations(
    masuk, ketua, nilai_contoh
):
    ws = _buka(masuk(ketua).get("/laporan/2023/pengukuran-kinerja.xlsx"))["Pengukuran Kinerja"]
    kepala = [c.value for c in ws[4]]
    assert "Capaian 2020 (%)" in kepala and "Capaian 2022 (%)" in kepala
    assert "Target akhir Renstra" in kepala and "Kendala" in kepala
    kode = [r[0].value for r in ws.iter_rows(min_row=5) if r[2].value]
    assert len(kode) == 71
    baris = next(r for r in ws.iter_rows(min_row=5) if r[0].value == "1.1.1.1")
    assert baris[kepala.index("Kendala")].value == "Anggaran terbatas"
    assert ws.merged_cells.ranges  # group rows span the table
