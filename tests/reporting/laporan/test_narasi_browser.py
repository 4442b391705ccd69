"""The narrative page saves one section at a time; what was typed in the
other sections and not yet saved survives the reload, and is saved only when
its own section is."""

import pytest
from playwright.sync_api import expect

from indicators.models import NarasiLaporan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_saving_one_section_keeps_what_was_typed_in_another(buka_browser, demo_live):
    page = buka_browser("sekretaris", lebar=1366, tinggi=900)
    page.goto("/laporan/2024/narasi/")
    pengantar = page.locator("#id-bagian-kata_pengantar")
    penutup = page.locator("#id-bagian-penutup")
    pengantar.fill("Kata pengantar yang belum disimpan.")
    penutup.fill("Penutup yang disimpan.")
    page.locator("form#bagian-penutup").get_by_role("button", name="Simpan bagian ini").click()

    expect(page.locator(".pesan")).to_contain_text("disimpan")
    assert page.url.endswith("#bagian-penutup")
    assert penutup.input_value() == "Penutup yang disimpan."
    expect(page.locator("[data-pesan-pulih]")).to_contain_text("dipulihkan")
    assert pengantar.input_value() == "Kata pengantar yang belum disimpan."
    simpan = dict(NarasiLaporan.objects.filter(tahun=2024).values_list("bagian", "isi"))
    assert simpan == {"penutup": "Penutup yang disimpan."}

    page.locator("form#bagian-kata_pengantar").get_by_role("button").click()
    expect(page.locator(".pesan")).to_contain_text("Kata Pengantar")
    simpan = dict(NarasiLaporan.objects.filter(tahun=2024).values_list("bagian", "isi"))
    assert simpan["kata_pengantar"] == "Kata pengantar yang belum disimpan."
    assert not page.locator("[data-pesan-pulih]").is_visible()


def test_a_restored_section_someone_else_saved_meanwhile_gets_the_conflict(buka_browser, demo_live):
    page = buka_browser("sekretaris", lebar=1366, tinggi=900)
    page.goto("/laporan/2024/narasi/")
    page.locator("#id-bagian-kata_pengantar").fill("Teks saya.")
    page.locator("#id-bagian-penutup").fill("Penutup.")
    lain = buka_browser("sekretaris", lebar=1366, tinggi=900)
    lain.goto("/laporan/2024/narasi/")
    lain.locator("#id-bagian-kata_pengantar").fill("Teks orang lain.")
    lain.locator("form#bagian-kata_pengantar").get_by_role("button").click()
    expect(lain.locator(".pesan")).to_contain_text("disimpan")

    page.locator("form#bagian-penutup").get_by_role("button").click()
    expect(page.locator("[data-pesan-pulih]")).to_contain_text("dipulihkan")
    assert page.locator("#id-bagian-kata_pengantar").input_value() == "Teks saya."
    page.locator("form#bagian-kata_pengantar").get_by_role("button").click()
    expect(page.locator(".pesan")).to_contain_text("Kata Pengantar")
    expect(page.locator(".pesan-error")).to_be_visible()
    assert NarasiLaporan.objects.get(tahun=2024, bagian="kata_pengantar").isi == "Teks orang lain."
    assert page.locator("#id-bagian-kata_pengantar").input_value() == "Teks saya."
