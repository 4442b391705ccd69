"""The documents list and the budget on a phone: one card per year or per
Kegiatan, every link and figure in view under its label."""

import pytest

from indicators.models import Kegiatan
from tests.browser import label_kartu, tanpa_gulir_samping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMA_PANJANG = "Penyelenggaraan_Operasional_dan_Pemeliharaan_Perkantoran_" * 3


def test_the_documents_list_fits_a_phone_one_card_per_year(buka_browser, demo_live):
    page = buka_browser("ketua", lebar=360, tinggi=740)
    page.goto("/laporan/")
    assert not page.locator(".tabel-laporan thead").first.is_visible()
    kartu = page.locator(".tabel-laporan tbody tr").first
    assert label_kartu(kartu) == [
        "Status",
        "Laporan Kinerja (LAKIP)",
        "Perjanjian Kinerja",
        "Excel",
        "Rencana Aksi",
        "Capaian Kinerja Triwulan",
        "Penyusunan",
    ]
    tanpa_gulir_samping(page, terlihat=".tabel-laporan td a, .tabel-laporan .status")


@pytest.mark.parametrize("pengguna", ["ketua", "sekretaris"])
def test_the_budget_fits_a_phone_one_card_per_kegiatan(buka_browser, demo_live, pengguna):
    Kegiatan.objects.filter(program__penetapan=demo_live, kode="1.5").update(nama=NAMA_PANJANG)
    page = buka_browser(pengguna, lebar=360, tinggi=740)
    page.goto("/laporan/2024/anggaran/")
    assert not page.locator(".tabel-anggaran thead").is_visible()
    kartu = page.locator(".tabel-anggaran tbody tr").first
    assert label_kartu(kartu) == ["Pagu (Rp)", "Realisasi (Rp)", "%"]
    assert page.get_by_text(NAMA_PANJANG).is_visible()
    tanpa_gulir_samping(
        page,
        terlihat=".tabel-anggaran input.masukan-angka, .tabel-anggaran td.angka, .sel-nama",
    )
