"""The Sekretaris works through the review queue in Chromium: filters kept in
the URL, verify and return row by row without leaving the page, verify-all
asking first; the page fits a 360 px phone."""

import os
import re

import pytest

from indicators.demo import lengkapi_penjelasan
from indicators.models import NilaiIndikator, Pengguna
from indicators.reviu import services as alur
from tests.browser import tanpa_gulir_samping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _ajukan_2023(penetapan) -> list[NilaiIndikator]:
    lengkapi_penjelasan(penetapan, 2023)
    nilai = NilaiIndikator.objects.filter(
        indikator__sasaran__kegiatan__program__penetapan=penetapan, tahun=2023
    )
    alur.nilai_ajukan(
        satker=penetapan.satker,
        tahun=2023,
        pk_list=list(nilai.values_list("pk", flat=True)),
        oleh=Pengguna.objects.get(username="operator"),
    )
    return list(nilai.select_related("indikator__sasaran__kegiatan"))


def test_the_sekretaris_filters_the_queue_and_verifies_and_returns_rows_in_place(
    buka_browser, demo_live
):
    # Only 2023 in the queue: the demo's submitted 2026 quarters go back to draft.
    NilaiIndikator.objects.filter(status="diajukan").update(status="draf")
    nilai = _ajukan_2023(demo_live)
    kegiatan = nilai[0].indikator.sasaran.kegiatan
    sek = buka_browser("sekretaris")
    sek.goto("/antrean/")
    sek.get_by_text("Menunggu verifikasi (71)").wait_for()
    sek.get_by_label("Kegiatan", exact=True).select_option(str(kegiatan.pk))
    sek.get_by_role("button", name="Saring").click()
    sek.wait_for_url(re.compile(rf"kegiatan={kegiatan.pk}"))
    kartu = sek.locator("article.butir-reviu")
    jumlah = kartu.count()
    assert 1 < jumlah < 71
    assert sek.get_by_label("Kegiatan", exact=True).input_value() == str(kegiatan.pk)

    # Verify the last row shown: the page stays where it is.
    terakhir = kartu.nth(jumlah - 1)
    terakhir.scroll_into_view_if_needed()
    atas = sek.evaluate("window.scrollY")
    alamat = sek.url
    pk_akhir = int(terakhir.get_attribute("data-nilai"))
    terakhir.get_by_role("button", name=re.compile("^Verifikasi ")).click()
    terakhir.get_by_text("diverifikasi.").wait_for()
    assert sek.url == alamat and sek.evaluate("window.scrollY") == atas
    assert NilaiIndikator.objects.get(pk=pk_akhir).status == "diverifikasi"
    sek.get_by_text(f"Menunggu verifikasi ({jumlah - 1})").wait_for()

    # Returning needs a note: without one nothing is sent.
    pertama = kartu.nth(0)
    pk_awal = int(pertama.get_attribute("data-nilai"))
    pertama.get_by_role("button", name=re.compile("^Kembalikan ")).click()
    assert NilaiIndikator.objects.get(pk=pk_awal).status == "diajukan"
    pertama.get_by_label(re.compile("Catatan pengembalian")).fill("Lampirkan SK tim.")
    pertama.get_by_role("button", name=re.compile("^Kembalikan ")).click()
    pertama.get_by_text("dikembalikan ke Operator dengan catatan").wait_for()
    n = NilaiIndikator.objects.get(pk=pk_awal)
    assert (n.status, n.catatan_reviu) == ("dikembalikan", "Lampirkan SK tim.")

    # Verify all the rest shown: the page asks first.
    sisa = jumlah - 2
    sek.get_by_role("button", name=f"Verifikasi semua yang ditampilkan ({sisa})").click()
    dialog = sek.locator("dialog[open]")
    dialog.get_by_text(f"Verifikasi {sisa} indikator yang ditampilkan?").wait_for()
    assert NilaiIndikator.objects.filter(tahun=2023, status="diverifikasi").count() == 1
    dialog.get_by_role("button", name="Ya, verifikasi semua").click()
    sek.get_by_text(f"{sisa} indikator diverifikasi.").wait_for()
    assert sek.url.endswith(f"?kegiatan={kegiatan.pk}")
    assert NilaiIndikator.objects.filter(tahun=2023, status="diverifikasi").count() == sisa + 1

    hp = buka_browser("sekretaris", lebar=360, tinggi=780)
    hp.goto("/antrean/")
    hp.locator("article.butir-reviu").first.wait_for()
    tanpa_gulir_samping(hp)
