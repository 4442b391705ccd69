"""The review flow as users click through it, in Chromium against live_server."""

import os
import re

import pytest

from indicators.models import Indikator, NilaiIndikator
from tests.browser import tanpa_gulir_samping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Playwright's sync API runs an event loop in this thread; the test database is
# set up and read between steps from the same thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _siapkan_analisis():
    # Demo values above target have no analisis yet; a real office writes them first.
    # Every text, so that any value typed below stays ready to submit.
    for n in NilaiIndikator.objects.filter(tahun=2023).select_related("indikator"):
        n.analisis = n.analisis or "Target terlampaui karena dukungan tambahan."
        n.kendala = n.kendala or "Data mitra terlambat."
        n.tindak_lanjut = n.tindak_lanjut or "Tenggat data disepakati."
        n.save()


def test_operator_sekretaris_and_ketua_take_a_year_to_approval(buka_browser, demo_live):
    _siapkan_analisis()
    pertama = Indikator.objects.dari_penetapan(demo_live).order_by("pk").first()
    nilai = NilaiIndikator.objects.get(indikator=pertama, tahun=2023)

    op = buka_browser("operator")
    op.goto("/realisasi/2023/")
    assert op.locator("tr.baris-indikator").count() == 71
    kotak = op.locator(f"#r{pertama.pk}-realisasi")
    kotak.fill("85,5")
    kotak.press("Enter")  # Enter moves down the column instead of submitting
    assert op.evaluate("document.activeElement.classList.contains('input-realisasi')")
    assert op.evaluate("document.activeElement.id") != f"r{pertama.pk}-realisasi"
    op.locator(f"#i{pertama.pk} .sel-capaian").filter(has_text="85,50%").wait_for()
    op.get_by_role("button", name="Simpan semua").click()
    op.get_by_text("Tersimpan: 1 indikator diperbarui.").wait_for()
    op.get_by_role("button", name="Ajukan semua yang siap").click()
    op.get_by_role("button", name="Ya, ajukan semua").click()
    op.get_by_text("71 indikator diajukan").wait_for()

    sek = buka_browser("sekretaris")
    sek.goto(f"/nilai/{nilai.pk}/")
    sek.fill("#catatan", "Lampirkan SK tim pelatihan.")
    sek.get_by_role("button", name="Kembalikan ke Operator").click()
    sek.get_by_text("dikembalikan ke Operator").wait_for()

    op.goto("/antrean/")
    op.get_by_text("Lampirkan SK tim pelatihan.").wait_for()
    op.goto("/realisasi/2023/")
    op.locator(f"#i{pertama.pk}").get_by_text("Lampirkan SK tim pelatihan.").wait_for()
    op.fill(f"#r{pertama.pk}-realisasi", "86")
    op.get_by_role("button", name="Simpan semua").click()
    op.get_by_text("Tersimpan").wait_for()
    op.locator(f'input[name=pilih][value="{nilai.pk}"]').check()
    op.get_by_role("button", name="Ajukan yang dicentang").click()
    op.get_by_text("1 indikator diajukan").wait_for()

    sek.goto("/realisasi/2023/")
    sek.get_by_role("button", name=re.compile("Verifikasi semua yang diajukan")).click()
    sek.get_by_role("button", name="Ya, verifikasi semua").click()
    sek.get_by_text("71 indikator diverifikasi").wait_for()
    sek.get_by_role("button", name="Ajukan tahun 2023 ke Ketua").click()
    sek.get_by_role("button", name="Ya, ajukan tahun 2023").click()
    sek.get_by_text("diajukan kepada Ketua").wait_for()

    ketua = buka_browser("ketua")
    ketua.goto("/antrean/")
    ketua.get_by_role("link", name="Tahun 2023").click()
    ketua.wait_for_url(re.compile("/realisasi/2023/"))
    assert ketua.locator(".input-realisasi").count() == 0  # the Ketua never edits
    ketua.get_by_role("button", name="Setujui dan kunci tahun 2023").click()
    # Nothing irreversible on a single tap: the page asks first, with a summary.
    dialog = ketua.locator("dialog[open]")
    dialog.get_by_text("Perjanjian Kinerja: belum dicatat di aplikasi").wait_for()
    assert "Tanpa bukti dukung: 71 indikator" in dialog.inner_text()
    assert "Di bawah target:" in dialog.inner_text()
    from indicators.models import TahunKinerja

    assert TahunKinerja.objects.get(tahun=2023).status == "diajukan"
    dialog.get_by_role("button", name="Ya, setujui dan kunci").click()
    ketua.get_by_text("disetujui dan dikunci").wait_for()

    op.goto("/realisasi/2023/")
    op.get_by_text("Disetujui (terkunci)").first.wait_for()
    assert op.locator(".input-realisasi").count() == 0
    # A save posted anyway (an old tab) is refused by the server.
    hasil = op.evaluate(
        """async ([id]) => {
            const token = document.querySelector('[name=csrfmiddlewaretoken]').value;
            const body = new URLSearchParams({csrfmiddlewaretoken: token});
            body.set(`r${id}-realisasi`, '1'); body.set(`r${id}-versi`, '0');
            const r = await fetch('/realisasi/2023/', {method: 'POST', body});
            return await r.text();
        }""",
        [pertama.pk],
    )
    assert "terkunci" in hasil
    nilai.refresh_from_db()
    assert nilai.realisasi == 86


def test_two_people_saving_the_same_row_the_second_gets_the_conflict(buka_browser, demo_live):
    pertama = Indikator.objects.dari_penetapan(demo_live).order_by("pk").first()
    a = buka_browser("operator")
    b = buka_browser("operator")
    a.goto("/realisasi/2023/")
    b.goto("/realisasi/2023/")
    a.fill(f"#r{pertama.pk}-realisasi", "40")
    a.get_by_role("button", name="Simpan semua").click()
    a.get_by_text("Tersimpan").wait_for()
    b.fill(f"#r{pertama.pk}-realisasi", "41")
    b.get_by_role("button", name="Simpan semua").click()
    b.get_by_text("telah diubah orang lain").wait_for()
    assert pertama.kode in b.locator(".pesan").inner_text()
    assert b.input_value(f"#r{pertama.pk}-realisasi") == "41"  # her input stays
    assert NilaiIndikator.objects.get(indikator=pertama, tahun=2023).realisasi == 40


def test_every_demo_user_sees_the_71_indicators_and_only_the_operator_edits(
    buka_browser, demo_live
):
    for username, isian in [("admin", 0), ("sekretaris", 0), ("operator", 71), ("ketua", 0)]:
        page = buka_browser(username)
        page.goto("/realisasi/2023/")
        assert page.locator("tr.baris-indikator").count() == 71, username
        assert page.locator(".input-realisasi").count() == isian, username
    anonim = buka_browser()
    anonim.goto("/realisasi/2023/")
    assert anonim.url.endswith("/accounts/login/?next=/realisasi/2023/")
    page = buka_browser("operator")
    page.goto("/admin/")
    assert "/admin/login/" in page.url  # the operator is not staff: no admin, no import


def test_the_entry_grid_fits_a_phone_as_one_card_per_indicator(buka_browser, demo_live):
    page = buka_browser("operator", lebar=360, tinggi=800)
    page.goto("/realisasi/2023/")
    assert not page.locator(".tabel-entri thead").is_visible()
    baris = page.locator("tr.baris-indikator").first
    assert baris.evaluate("e => getComputedStyle(e).display") == "grid"
    assert page.locator(".input-realisasi").first.is_visible()
    lencana = page.locator(".meta-baris .status").first
    assert lencana.evaluate("e => getComputedStyle(e).borderRadius") != "0px"  # a badge
    tanpa_gulir_samping(page)
