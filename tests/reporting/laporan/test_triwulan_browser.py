"""From the documents page, with the demo data: the Rencana Aksi and the
quarterly report open as PDF and download as Excel with the demo's figures."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.reporting.laporan.bantu import halaman

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_rencana_aksi_and_the_quarterly_report_open_from_the_documents_page(
    buka_browser, demo_live
):
    page = buka_browser("sekretaris")
    page.goto("/laporan/")
    baris = page.locator("tr", has=page.locator("th", has_text="2026"))

    pdf = baris.get_by_role("link", name="Rencana Aksi 2026 (PDF)")
    teks = " ".join(halaman(page.request.get(pdf.get_attribute("href")).body()))
    assert "RENCANA AKSI TAHUN 2026" in teks and "Pihak Pertama" in teks

    tw3 = baris.get_by_role("link", name="Laporan Capaian Kinerja TW III 2026 (PDF)")
    jawab = page.request.get(tw3.get_attribute("href"))
    assert jawab.headers["content-type"] == "application/pdf"
    teks = " ".join(halaman(jawab.body()))
    assert "LAPORAN CAPAIAN KINERJA TRIWULAN III TAHUN 2026" in teks
    assert "Kemajuan Rencana Aksi Triwulan III" in teks

    with page.expect_download() as unduhan:
        baris.get_by_role("link", name="Laporan Capaian Kinerja TW III 2026 (Excel)").click()
    with open(unduhan.value.path(), "rb") as berkas:
        wb = load_workbook(BytesIO(berkas.read()))
    ws = wb["Capaian TW III"]
    assert ws["A1"].value == "Laporan Capaian Kinerja Triwulan III Tahun 2026"
    kolom = [c.value for c in ws[4]]
    assert "TW III Realisasi" in kolom and "TW IV Realisasi" not in kolom
    angka = [c for row in ws.iter_rows(min_row=5, values_only=True) for c in row[5:]]
    assert any(isinstance(c, (int, float)) for c in angka)

    with page.expect_download() as unduhan:
        page.locator("tr", has=page.locator("th", has_text="2025")).get_by_role(
            "link", name="Excel", exact=True
        ).first.click()
    assert unduhan.value.suggested_filename.startswith("Rencana-Aksi-2025")
