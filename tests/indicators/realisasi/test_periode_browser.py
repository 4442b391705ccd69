"""Entering a quarterly indicator in Chromium against live_server: the period
grids, capaian so far following what is typed, the yearly figures on the IKU
page following the rule, and a value typed after the deadline refused without
a reason and kept with one; the grid at desktop and phone width."""

from datetime import date

import pytest
from playwright.sync_api import expect

from indicators import jadwal
from indicators import periode as pr
from indicators.models import Indikator, JadwalPengisian, NilaiIndikator, PenetapanIKU
from tests.browser import tanpa_gulir_samping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TAHUN = 2026


@pytest.fixture
def triwulanan(demo_live, monkeypatch) -> Indikator:
    """One of Mesuji's 2026 indicators measured per quarter (cumulative), targets
    10 per quarter, nothing entered; today is 5 October 2026."""
    monkeypatch.setattr(jadwal, "hari_ini", lambda: date(2026, 10, 5))
    penetapan = PenetapanIKU.objects.untuk_tahun(demo_live.satker, TAHUN)
    ind = Indikator.objects.dari_penetapan(penetapan).order_by("pk").first()
    ind.periode_ukur, ind.aturan_tahunan, ind.satuan = pr.TRIWULANAN, pr.KUMULATIF, "Laporan"
    ind.polaritas = Indikator.Polaritas.POSITIF
    ind.induk = None  # no parent floor: the yearly target is the sum of the quarters
    ind.save()
    NilaiIndikator.objects.filter(indikator=ind, tahun=TAHUN).delete()
    for tw in (1, 2, 3, 4):
        NilaiIndikator.objects.create(indikator=ind, tahun=TAHUN, triwulan=tw, target=10)
    NilaiIndikator.objects.turunkan_tahunan([ind], TAHUN, None)
    return ind


def _simpan(page):
    page.get_by_role("button", name="Simpan semua").click()
    page.wait_for_load_state()


def _baris_iku(page, ind):
    return page.locator("tr.baris-indikator").filter(has=page.locator("td.kode", has_text=ind.kode))


def test_an_operator_enters_three_quarters_and_the_year_follows_the_rule(buka_browser, triwulanan):
    for tw in (1, 2):  # deadlines moved: no late reason needed
        JadwalPengisian.objects.create(
            satker=triwulanan.satker, tahun=TAHUN, triwulan=tw, batas=date(2026, 10, 31)
        )
    p = f"#r{triwulanan.pk}"
    page = buka_browser("operator", lebar=1366)
    page.goto(f"/realisasi/{TAHUN}/")
    baris = page.locator(f"tr#i{triwulanan.pk}")
    expect(baris.get_by_role("link", name="isi per triwulan")).to_be_visible()
    baris.get_by_role("link", name="isi per triwulan").click()
    page.wait_for_url(f"**/realisasi/{TAHUN}/tw1/")

    page.fill(p + "-realisasi", "8")
    expect(page.locator(f"tr#i{triwulanan.pk} .sel-capaian")).to_have_text("80,00%")
    _simpan(page)
    expect(page.locator(".pesan-success")).to_contain_text("Tersimpan: 1 indikator")

    page.get_by_role("link", name="TW II", exact=True).click()
    page.wait_for_url(f"**/realisasi/{TAHUN}/tw2/")
    page.fill(p + "-realisasi", "12")
    # So far in the year: 20 of 20.
    expect(page.locator(f"tr#i{triwulanan.pk} .sel-capaian")).to_have_text("100,00%")
    page.keyboard.press("Enter")
    _simpan(page)

    page.get_by_role("link", name="TW III", exact=True).click()
    page.wait_for_url(f"**/realisasi/{TAHUN}/tw3/")
    page.locator(p + "-realisasi").click()
    page.keyboard.type("15")
    expect(page.locator(f"tr#i{triwulanan.pk} .sel-capaian")).to_have_text("116,67%")
    page.keyboard.press("Tab")  # above target: Tab goes to the analysis it needs
    expect(page.locator(p + "-analisis")).to_be_focused()
    page.keyboard.type("Rapat koordinasi tambahan menjelang pemilihan.")
    _simpan(page)
    expect(page.locator(p + "-realisasi")).to_have_value("15")
    page.screenshot(path="/tmp/tw-grid-1366.png", full_page=False)

    page.goto(f"/?tahun={TAHUN}")
    iku = _baris_iku(page, triwulanan)
    expect(iku.locator("td.angka").nth(0)).to_have_text("40")  # yearly target: 4 × 10
    expect(iku.locator("td.angka").nth(1)).to_have_text("35")  # 8 + 12 + 15
    expect(iku.locator("td.angka").nth(2)).to_have_text("116,67%")  # 35 of 30 so far
    tahunan = NilaiIndikator.objects.get(indikator=triwulanan, tahun=TAHUN, triwulan=0)
    assert (tahunan.realisasi, tahunan.target_sd, tahunan.terukur_sampai) == (35, 30, 3)


def test_a_value_typed_after_the_deadline_needs_a_reason(buka_browser, triwulanan):
    p = f"#r{triwulanan.pk}"
    page = buka_browser("operator", lebar=360, tinggi=800)
    page.goto(f"/realisasi/{TAHUN}/tw1/")
    expect(
        page.get_by_text("Batas pengisian Triwulan I 2026 sudah lewat (10 April 2026)")
    ).to_be_visible()
    tanpa_gulir_samping(page)
    page.screenshot(path="/tmp/tw-grid-360.png", full_page=True)

    page.fill(p + "-realisasi", "10")
    _simpan(page)
    galat = page.locator(p + "-alasan_terlambat-galat")
    expect(galat).to_contain_text("sudah lewat: tulis alasan pengisian terlambat")
    assert (
        NilaiIndikator.objects.get(indikator=triwulanan, tahun=TAHUN, triwulan=1).realisasi is None
    )

    page.fill(p + "-alasan_terlambat", "Laporan kegiatan baru diterima bulan Oktober")
    _simpan(page)
    expect(page.locator(p + "-realisasi")).to_have_value("10")
    n = NilaiIndikator.objects.get(indikator=triwulanan, tahun=TAHUN, triwulan=1)
    assert n.realisasi == 10 and n.alasan_terlambat.startswith("Laporan kegiatan")

    page.goto(f"/nilai/{n.pk}/")
    expect(page.get_by_text("Alasan: Laporan kegiatan baru diterima bulan Oktober")).to_be_visible()
    riwayat = page.locator("table").last
    expect(riwayat).to_contain_text("Diisi setelah batas: Laporan kegiatan baru diterima")
    tanpa_gulir_samping(page)
