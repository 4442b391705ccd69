"""The Ketua's ten seconds and one minute: log in, land on the dashboard, read
the tiles, go down from a Program to an indicator and open its evidence; on a
phone the same content without horizontal scrolling."""

import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from indicators.models import BuktiDukung, Kegiatan, NilaiIndikator, Pengguna
from tests.browser import label_kartu, tanpa_gulir_samping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A tiny but valid one-page PDF.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n170\n%%EOF\n"
)


@pytest.fixture
def bukti(demo_live, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    nilai = NilaiIndikator.objects.select_related("indikator").get(
        indikator__kode="2.1.1.1", tahun=2023, triwulan=0
    )
    berkas = BuktiDukung(
        nilai=nilai,
        nama_asli="Berita acara pemeliharaan 2023.pdf",
        jenis="application/pdf",
        ukuran=len(PDF),
        diunggah_oleh=Pengguna.objects.get(username="operator"),
    )
    berkas.berkas.save("ba.pdf", ContentFile(PDF), save=True)
    return berkas


def test_the_ketua_goes_from_the_tiles_to_an_indicators_evidence(buka_browser, bukti):
    page = buka_browser("ketua", formulir=True)
    assert page.url.endswith("/dasbor/")
    page.goto("/dasbor/?tahun=2023")
    assert page.locator("h1").inner_text() == "Dasbor Kinerja 2023"
    ubin = page.locator(".ubin")
    assert ubin.nth(0).locator(".ubin-angka").inner_text() == "71"
    assert ubin.nth(1).locator(".ubin-angka").inner_text() == "100%"
    assert ubin.nth(2).locator(".ubin-angka").inner_text().endswith("%")
    assert "Sangat Baik" in ubin.nth(3).inner_text()

    # A click returns before the page it opens has loaded: wait for it.
    page.locator("svg.grafik a", has_text="2. Program Peningkatan Sarana").click()
    expect(page).to_have_url(re.compile("program="))
    expect(page.get_by_role("heading", name="Capaian per Kegiatan — Program 2")).to_be_visible()
    page.locator("svg.grafik a", has_text="2.1 ").first.click()
    expect(page).to_have_url(re.compile("kegiatan="))
    page.get_by_role("link", name="2.1.1.1").first.click()
    expect(page).to_have_url(re.compile("/indikator/"))
    expect(page.get_by_role("heading", name="Bukti dukung")).to_be_visible()
    with page.expect_download() as unduhan:
        page.get_by_role("link", name="Berita acara pemeliharaan 2023.pdf").click()
    assert unduhan.value.suggested_filename == "Berita acara pemeliharaan 2023.pdf"
    with open(unduhan.value.path(), "rb") as f:
        assert f.read() == PDF


@pytest.mark.parametrize("rincian", [False, True])
def test_a_phone_shows_the_same_content_without_horizontal_scrolling(
    buka_browser, demo_live, rincian
):
    alamat = "/dasbor/?tahun=2023"
    if rincian:
        alamat += f"&kegiatan={Kegiatan.objects.get(program__penetapan=demo_live, kode='1.2').pk}"
    lebar = buka_browser("ketua")
    lebar.goto(alamat)
    ponsel = buka_browser("ketua", lebar=360, tinggi=740)
    ponsel.goto(alamat)
    assert ponsel.locator(".ubin").all_inner_texts() == lebar.locator(".ubin").all_inner_texts()
    assert ponsel.locator("svg.grafik").count() == lebar.locator("svg.grafik").count() >= 4
    assert ponsel.locator(".perhatian").inner_text() == lebar.locator(".perhatian").inner_text()
    if rincian:
        assert ponsel.locator("#rincian").inner_text() == lebar.locator("#rincian").inner_text()
    # The data tables under the charts: one card per row, each figure labelled.
    ponsel.evaluate(
        "document.querySelectorAll('details.tabel-alternatif').forEach(d => d.open = true)"
    )
    assert not ponsel.locator(".tabel-alternatif thead").first.is_visible()
    assert label_kartu(ponsel.locator(".tabel-alternatif tbody tr").first) == [
        "Indikator",
        "Rata-rata capaian",
        "Kategori",
    ]
    tanpa_gulir_samping(ponsel, terlihat=".tabel-alternatif td.angka, .tabel-alternatif .kategori")


# A file name and a remark without a single space: nothing to break at but
# what the stylesheet allows.
NAMA_PANJANG = "Berita_acara_serah_terima_pemeliharaan_kendaraan_dinas_" * 3 + "2023.pdf"
KETERANGAN_PANJANG = "Dipindai-dari-arsip-Subbagian-Keuangan-Umum-dan-Logistik-" * 4


def test_the_indicator_page_fits_a_phone(buka_browser, bukti):
    panjang = BuktiDukung(
        nilai=bukti.nilai,
        nama_asli=NAMA_PANJANG,
        keterangan=KETERANGAN_PANJANG,
        jenis="application/pdf",
        ukuran=len(PDF),
        diunggah_oleh=bukti.diunggah_oleh,
    )
    panjang.berkas.save("panjang.pdf", ContentFile(PDF), save=True)
    ponsel = buka_browser("ketua", lebar=360, tinggi=740)
    ponsel.goto(f"/indikator/{bukti.nilai.indikator_id}/?tahun=2023")
    assert ponsel.get_by_role("link", name="Berita acara pemeliharaan 2023.pdf").is_visible()
    assert ponsel.get_by_role("link", name=NAMA_PANJANG).is_visible()
    assert KETERANGAN_PANJANG in ponsel.locator(".daftar-bukti").inner_text()
    assert not ponsel.locator("#judul-nilai + .gulir-tabel thead").is_visible()
    tanpa_gulir_samping(ponsel, terlihat="#judul-nilai + .gulir-tabel td.angka")


def test_the_evidence_list_of_an_indicator_year_fits_a_phone(buka_browser, bukti):
    panjang = BuktiDukung(
        nilai=bukti.nilai,
        nama_asli=NAMA_PANJANG,
        keterangan=KETERANGAN_PANJANG,
        jenis="application/pdf",
        ukuran=len(PDF),
        diunggah_oleh=bukti.diunggah_oleh,
    )
    panjang.berkas.save("panjang.pdf", ContentFile(PDF), save=True)
    ponsel = buka_browser("operator", lebar=360, tinggi=740)
    ponsel.goto(f"/nilai/{bukti.nilai.pk}/")
    tautan = ponsel.get_by_role("link", name=NAMA_PANJANG)
    assert tautan.is_visible()
    assert ponsel.get_by_text(KETERANGAN_PANJANG).is_visible()
    assert not ponsel.locator(".tabel-bukti thead").is_visible()  # one card per file
    # Readable without scrolling the table sideways either.
    assert tautan.evaluate("e => e.getBoundingClientRect().right <= window.innerWidth")
    # The change history: one card per change, old and new value in view.
    assert ponsel.locator(".tabel-perubahan tbody tr").count() >= 1
    assert not ponsel.locator(".tabel-perubahan thead").is_visible()
    tanpa_gulir_samping(ponsel, terlihat=".tabel-perubahan td, .tabel-bukti td a")
