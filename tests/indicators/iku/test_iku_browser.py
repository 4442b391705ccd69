"""The IKU page on the Ketua's phone: one card per indicator, every figure in
view under its label, nothing scrolling sideways."""

import pytest

from indicators.models import Indikator
from tests.browser import label_kartu, tanpa_gulir_samping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A name with nowhere to break but what the stylesheet allows.
NAMA_PANJANG = "Persentase_penyelesaian_administrasi_pengelolaan_keuangan_" * 3


def test_the_iku_page_shows_each_indicator_as_a_card_with_its_figures_on_a_phone(
    buka_browser, demo_live
):
    Indikator.objects.filter(
        sasaran__kegiatan__program__penetapan=demo_live, kode="1.1.1.1"
    ).update(nama=NAMA_PANJANG)
    page = buka_browser("ketua", lebar=360, tinggi=740)
    page.goto("/?tahun=2023")
    assert not page.locator(".tabel-iku thead").is_visible()
    kartu = page.locator("tr.baris-indikator").first
    assert kartu.evaluate("e => getComputedStyle(e).display") == "grid"
    assert label_kartu(kartu) == ["Satuan", "Target", "Realisasi", "Capaian", "Kategori"]
    assert page.get_by_text(NAMA_PANJANG).is_visible()
    assert page.locator("tr.baris-indikator").count() == 71
    tanpa_gulir_samping(
        page, terlihat=".tabel-iku tr.baris-indikator td.angka, .tabel-iku .kategori, .sel-nama"
    )


def test_the_iku_page_stays_a_table_on_a_desktop(buka_browser, demo_live):
    page = buka_browser("ketua", lebar=1366, tinggi=900)
    page.goto("/?tahun=2023")
    assert page.locator(".tabel-iku thead").is_visible()
    assert (
        page.locator("tr.baris-indikator").first.evaluate("e => getComputedStyle(e).display")
        == "table-row"
    )
