"""The province's Ketua opens the rekap, goes to an office's dashboard and to
one indicator's distribution; KPU RI's Admin sees the provinces; on a phone
the pages do not scroll sideways. Screenshots go to $TMPDIR."""

import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import tanpa_gulir_samping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GAMBAR = Path(tempfile.gettempdir()) / "kpu-iku-rekap"


def test_the_provinces_ketua_goes_from_the_rekap_to_an_office_and_an_indicator(
    buka_browser, demo_live
):
    GAMBAR.mkdir(exist_ok=True)
    page = buka_browser("ketua-lampung", lebar=1366)
    page.goto("/dasbor/")
    page.get_by_role("link", name="Rekap", exact=True).click()
    expect(page.locator("h1")).to_have_text(re.compile(r"Rekap Kinerja 20\d\d"))
    page.goto("/rekap/?tahun=2025")
    baris = page.locator("tr", has_text="Mesuji")
    expect(baris).to_contain_text("Disetujui")
    page.screenshot(path=str(GAMBAR / "rekap-lampung-1366.png"), full_page=True)
    baris.get_by_role("link", name="Dasbor").click()
    expect(page).to_have_url(re.compile(r"/dasbor/\?satker=1811"))
    expect(page.locator("h1")).to_have_text("Dasbor Kinerja 2025")
    expect(page.get_by_text("hanya baca").first).to_be_visible()
    expect(page.get_by_role("heading", name="Banding nasional 2025")).to_be_visible()
    page.screenshot(path=str(GAMBAR / "dasbor-mesuji-dari-lampung.png"), full_page=True)

    page.goto("/rekap/?tahun=2025")
    page.locator("summary", has_text="indikator IKU 2025").click()
    page.locator(".daftar-sebaran a").first.click()
    expect(page).to_have_url(re.compile(r"/rekap/indikator/\d+/"))
    expect(page.get_by_role("heading", name="Sebaran capaian")).to_be_visible()
    expect(page.locator("svg.grafik").first).to_be_visible()
    page.screenshot(path=str(GAMBAR / "sebaran-lampung-1366.png"), full_page=True)


def test_kpu_ri_sees_the_provinces_and_drills_into_one(buka_browser, demo_live):
    GAMBAR.mkdir(exist_ok=True)
    page = buka_browser("admin-ri", lebar=1366)
    page.goto("/dasbor/")
    expect(page.get_by_role("link", name="Kaskade", exact=True)).to_be_visible()
    page.goto("/rekap/?tahun=2025")
    page.screenshot(path=str(GAMBAR / "rekap-ri-1366.png"), full_page=True)
    page.locator("tr", has_text="Lampung").get_by_role("link", name="Rekap").click()
    expect(page).to_have_url(re.compile(r"satker=18"))
    expect(page.locator("tr", has_text="Mesuji")).to_be_visible()


@pytest.mark.parametrize("username", ["ketua-lampung", "admin-ri"])
def test_the_rekap_pages_fit_a_phone(buka_browser, demo_live, username):
    GAMBAR.mkdir(exist_ok=True)
    page = buka_browser(username, lebar=360, tinggi=760)
    page.goto("/rekap/?tahun=2025")
    tanpa_gulir_samping(page)
    page.screenshot(path=str(GAMBAR / f"rekap-{username}-360.png"), full_page=True)
    href = page.locator(".daftar-sebaran a").first.get_attribute("href")
    page.goto(href)
    tanpa_gulir_samping(page)
    page.screenshot(path=str(GAMBAR / f"sebaran-{username}-360.png"), full_page=True)
    page.goto("/dasbor/?tahun=2025&satker=1811")
    tanpa_gulir_samping(page)
