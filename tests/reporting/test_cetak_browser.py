"""A "Cetak" button where people print — the dashboard, the IKU page, an
indicator's page and an indicator-year's page — opens the print dialog, and
the print stylesheet leaves the menu, the year chooser and the buttons out
while every figure stays."""

import pytest

from indicators.models import NilaiIndikator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


HALAMAN = ["dasbor", "iku", "indikator", "nilai"]


def _url(nama: str, penetapan) -> str:
    nilai = NilaiIndikator.objects.get(
        indikator__sasaran__kegiatan__program__penetapan=penetapan,
        indikator__kode="1.1.1.1",
        tahun=2023,
        triwulan=0,
    )
    return {
        "dasbor": "/dasbor/?tahun=2023",
        "iku": "/?tahun=2023",
        "indikator": f"/indikator/{nilai.indikator_id}/?tahun=2023",
        "nilai": f"/nilai/{nilai.pk}/",
    }[nama]


@pytest.mark.parametrize("nama", HALAMAN)
def test_the_print_button_opens_the_print_dialog_and_prints_the_figures_only(
    buka_browser, demo_live, nama
):
    page = buka_browser("sekretaris", lebar=1366, tinggi=900)
    page.goto(_url(nama, demo_live))
    tombol = page.get_by_role("button", name="Cetak")
    assert tombol.is_visible()
    # (A function, so Playwright does not call the assigned one itself.)
    page.evaluate("() => { window.print = () => { window.dicetak = (window.dicetak || 0) + 1; }; }")
    tombol.click()
    assert page.evaluate("window.dicetak") == 1

    page.emulate_media(media="print")
    for bagian in (".kepala", ".kaki", ".tombol-cetak"):
        assert not page.locator(bagian).first.is_visible(), bagian
    assert page.locator("h1").is_visible()
    angka = page.locator(".ringkas-nilai dd" if nama == "nilai" else "td.angka").first
    assert angka.is_visible() and angka.inner_text().strip()
    if nama == "dasbor":  # the table alternatives print open
        assert page.locator(".tabel-alternatif td.angka").first.is_visible()
