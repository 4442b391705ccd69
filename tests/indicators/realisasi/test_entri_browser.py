"""The entry grid as a secretariat uses it, in Chromium against live_server:
problems shown under their fields and linked from the message, the sticky save
bar never covering one, ticking rows without a "Leave site?" prompt, Tab going
to the explanation a row needs, a confirmation for an unusual value, and
nothing typed lost when the session ends."""

from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from indicators.models import Indikator, NilaiIndikator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def statis_polos(settings):
    # live_server serves /static/ through the finders (plain names only).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _baris_persen(penetapan, tahun=2024, kosong=True, target_di_bawah=100):
    """Yearly values of percentage indicators with a target below 100 (and, by
    default, no realisation yet), in grid order."""
    hasil = []
    for i in Indikator.objects.dari_penetapan(penetapan).order_by("pk"):
        n = NilaiIndikator.objects.filter(indikator=i, tahun=tahun, triwulan=0).first()
        if n is None or n.target is None or i.satuan != "Persen" or n.target >= target_di_bawah:
            continue
        if kosong and n.realisasi is not None:
            continue
        hasil.append(n)
    assert len(hasil) >= 2
    return hasil


def _masuk_lagi(page):
    page.fill("#id_username", "operator")
    page.fill("#id_password", "kpu-mesuji-demo")
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_an_unusual_value_is_flagged_under_its_field_and_saved_once_confirmed(
    buka_browser, demo_live
):
    n = _baris_persen(demo_live)[0]
    p = f"#r{n.indikator_id}"
    page = buka_browser("operator")
    page.goto("/realisasi/2024/")
    page.fill(p + "-realisasi", "150")
    galat = page.locator(p + "-realisasi-galat")
    galat.filter(has_text="Nilai persen di atas 100").wait_for()
    assert galat.evaluate("e => e.tagName") == "P" and "galat" in galat.get_attribute("class")
    yakin = page.get_by_label("Nilai ini benar").and_(page.locator(p + "-yakin"))
    assert yakin.is_visible()
    page.fill(p + "-analisis", "Termasuk pemilih pindahan.")
    page.get_by_role("button", name="Simpan semua").click()
    page.wait_for_load_state()
    daftar = page.locator("#daftar-galat")
    tautan = daftar.locator(f'a[href="#i{n.indikator_id}"]')
    assert tautan.inner_text().startswith(n.indikator.kode)
    assert "Nilai ini benar" in daftar.inner_text()
    n.refresh_from_db()
    assert n.realisasi is None
    tautan.click()
    page.locator(p + "-yakin").check()
    page.fill(p + "-alasan", "Termasuk pemilih pindahan.")
    page.get_by_role("button", name="Simpan semua").click()
    page.get_by_text("Tersimpan: 1 indikator diperbarui.").wait_for()
    n.refresh_from_db()
    assert n.realisasi == Decimal("150")
    assert n.history.first().history_change_reason == "Nilai ini benar: Termasuk pemilih pindahan."


def test_the_save_bar_never_covers_the_problem_of_the_focused_field(buka_browser, demo_live):
    n = _baris_persen(demo_live)[1]
    p = f"#r{n.indikator_id}"
    page = buka_browser("operator", tinggi=700)
    page.goto("/realisasi/2024/")
    page.fill(p + "-realisasi", "abc")
    page.get_by_role("button", name="Simpan semua").click()
    page.wait_for_load_state()
    assert page.locator(p + "-realisasi-galat").is_visible()
    # The field just above the bar: visible, what is written under it is not.
    page.evaluate(
        """(sel) => {
          const input = document.querySelector(sel);
          const bar = document.querySelector('.bilah-simpan').getBoundingClientRect();
          window.scrollBy(0, input.getBoundingClientRect().bottom - (bar.top - 2));
        }""",
        p + "-realisasi",
    )
    page.locator(p + "-realisasi").focus()
    kotak = page.locator(p + "-realisasi-galat").bounding_box()
    bilah = page.locator(".bilah-simpan").bounding_box()
    assert kotak["y"] + kotak["height"] <= bilah["y"]


def test_ticking_rows_to_submit_raises_no_leave_site_prompt(buka_browser, demo_live):
    siap = []
    for n in NilaiIndikator.objects.filter(tahun=2023).select_related("indikator"):
        n.analisis = n.kendala = n.tindak_lanjut = "Dijelaskan."
        n.save()
        siap.append(n)
    page = buka_browser("operator")
    dialog = []
    page.on("dialog", lambda d: (dialog.append(d.type), d.accept()))
    page.goto("/realisasi/2023/")
    page.locator(f'input[name=pilih][value="{siap[0].pk}"]').check()
    page.locator(f'input[name=pilih][value="{siap[1].pk}"]').check()
    page.get_by_role("button", name="Ajukan yang dicentang").click()
    page.get_by_text("2 indikator diajukan").wait_for()
    assert dialog == []


def test_tab_from_a_result_below_target_goes_to_its_kendala(buka_browser, demo_live):
    pertama = _baris_persen(demo_live)[0]
    page = buka_browser("operator")
    page.goto("/realisasi/2024/")
    kotak = page.locator(f"#r{pertama.indikator_id}-realisasi")
    semua = page.locator(".input-realisasi").evaluate_all("l => l.map(e => e.id)")
    berikut = semua.index(f"r{pertama.indikator_id}-realisasi") + 1
    kotak.fill(str(int(pertama.target) - 20))
    kotak.press("Tab")
    expect(page.locator(f"#r{pertama.indikator_id}-kendala")).to_be_focused()
    assert page.locator(f"#i{pertama.indikator_id} .perlu-penjelasan").is_visible()
    # Once explained, Tab goes down the column again.
    page.keyboard.type("Data mitra terlambat.")
    page.fill(f"#r{pertama.indikator_id}-tindak_lanjut", "Tenggat data disepakati.")
    kotak.focus()
    kotak.press("Tab")
    expect(page.locator(".input-realisasi").nth(berikut)).to_be_focused()


def test_what_was_typed_survives_an_expired_session(buka_browser, demo_live):
    n = _baris_persen(demo_live)[0]
    p = f"#r{n.indikator_id}"
    nilai = str(int(n.target))  # exactly on target: no explanation needed
    page = buka_browser("operator")
    page.goto("/realisasi/2024/")
    page.fill(p + "-realisasi", nilai)
    page.locator(f"#i{n.indikator_id} + tr summary").click()
    page.fill(p + "-analisis", "Sesuai rencana.")
    Session.objects.all().delete()  # the session ends while the user types
    page.get_by_role("button", name="Simpan semua").click()
    page.wait_for_url("**/accounts/login/**")
    _masuk_lagi(page)
    page.wait_for_url("**/realisasi/2024/")
    page.get_by_text("Isian yang belum tersimpan dipulihkan; periksa lalu simpan.").wait_for()
    assert page.locator(p + "-realisasi").input_value() == nilai
    assert page.locator(p + "-analisis").input_value() == "Sesuai rencana."
    page.get_by_role("button", name="Simpan semua").click()
    page.get_by_text("Tersimpan: 1 indikator diperbarui.").wait_for()
    n.refresh_from_db()
    assert (n.realisasi, n.analisis) == (Decimal(nilai), "Sesuai rencana.")
    assert page.locator(".pesan-pulih").count() == 0
    assert page.evaluate("Object.keys(sessionStorage).filter(k => k.startsWith('entri:'))") == []


def test_a_warning_before_the_session_ends_offers_to_stay_logged_in(
    buka_browser, demo_live, settings
):
    page = buka_browser("operator")
    page.clock.install()
    page.goto("/realisasi/2024/")
    sisa = int(page.locator("#form-entri").get_attribute("data-sesi-sisa"))
    assert 0 < sisa <= settings.SESSION_COOKIE_AGE
    peringatan = page.locator(".peringatan-sesi")
    page.clock.fast_forward((sisa - 6 * 60) * 1000)
    assert peringatan.count() == 0
    page.clock.fast_forward(2 * 60 * 1000)
    peringatan.get_by_text("Sesi Anda akan berakhir").wait_for()
    sesi = Session.objects.get()
    data = sesi.get_decoded()
    data["_disegarkan"] = 1  # as if last refreshed long ago
    sesi.session_data = Session.objects.encode(data)
    sesi.save()
    peringatan.get_by_role("button", name="Tetap masuk").click()
    peringatan.wait_for(state="hidden")
    assert Session.objects.get().get_decoded()["_disegarkan"] > 1
