"""The Admin reopens the demo's approved year choosing the entries to correct;
the Operator can then correct exactly those, and everyone sees the reason."""

import os
import re

import pytest

from indicators.models import NilaiIndikator, RiwayatStatus
from indicators.tautan import jangkar_indikator, tautan_nilai
from tests.browser import tanpa_gulir_samping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

TAHUN = 2025  # approved by the demo


def test_the_admin_reopens_a_locked_year_for_two_chosen_entries(buka_browser, demo_live):
    admin = buka_browser("admin")
    admin.goto(f"/realisasi/{TAHUN}/")
    admin.get_by_text("Disetujui (terkunci)").first.wait_for()
    admin.get_by_role("link", name="Buka kunci…").click()
    admin.wait_for_url(re.compile(f"/realisasi/{TAHUN}/buka-kunci/pilih/"))
    kotak = admin.locator("input[name=pilih]")
    assert kotak.count() > 2
    pilihan = [kotak.nth(0), kotak.nth(1)]
    kode = [k.get_attribute("data-kode") for k in pilihan]
    pk = [int(k.get_attribute("value")) for k in pilihan]
    admin.get_by_label(re.compile("Alasan membuka kunci")).fill(
        "Realisasi dua indikator salah ketik"
    )
    for k in pilihan:
        k.check()
    pratinjau = admin.locator("#pratinjau-buka")
    pratinjau.get_by_text(f"2 indikator dapat diubah lagi ({kode[0]}, {kode[1]})").wait_for()
    admin.get_by_role("button", name=f"Buka kunci tahun {TAHUN}").click()
    dialog = admin.locator("dialog[open]")
    dialog.get_by_text("2 indikator dapat diubah lagi").wait_for()
    assert NilaiIndikator.objects.filter(pk__in=pk, status="diverifikasi").count() == 2
    dialog.get_by_role("button", name=f"Ya, buka kunci tahun {TAHUN}").click()
    admin.get_by_text("2 indikator dapat diubah lagi.").wait_for()
    admin.locator(".dibuka-kembali").get_by_text("Realisasi dua indikator salah ketik").wait_for()

    assert NilaiIndikator.objects.filter(pk__in=pk, status="draf").count() == 2
    assert (
        RiwayatStatus.objects.filter(
            nilai_id__in=pk, ke="draf", catatan__contains="salah ketik"
        ).count()
        == 2
    )

    op = buka_browser("operator")
    # Each reopened entry can be corrected again in its grid (the year's, or its
    # period's for an indicator measured per quarter).
    for n in NilaiIndikator.objects.filter(pk__in=pk).select_related("indikator"):
        op.goto(tautan_nilai(n))
        assert op.locator(f"#{jangkar_indikator(n.indikator_id)} .input-realisasi").count() == 1
    op.goto(f"/nilai/{pk[0]}/")
    op.locator(".linimasa").get_by_text(
        "dibuka kembali: Realisasi dua indikator salah ketik"
    ).wait_for()
    op.goto(f"/dasbor/?tahun={TAHUN}")
    op.locator(".menanti-ketua").get_by_text(f"Tahun {TAHUN} dibuka kembali").wait_for()

    hp = buka_browser("admin", lebar=360, tinggi=780)
    NilaiIndikator.objects.filter(pk__in=pk).update(status="diverifikasi")
    from indicators.models import TahunKinerja

    TahunKinerja.objects.filter(tahun=TAHUN).update(status="disetujui")
    hp.goto(f"/realisasi/{TAHUN}/buka-kunci/pilih/")
    hp.locator("input[name=pilih]").first.wait_for()
    tanpa_gulir_samping(hp)
