"""The Operator searches and filters the entry grid in Chromium: rows follow at
once, the URL keeps the filter, a row with an unsaved change never disappears,
and saving saves every changed row."""

import os
import re

import pytest

from indicators.models import Indikator, NilaiIndikator
from tests.browser import tanpa_gulir_samping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_the_operator_searches_filters_and_still_saves_every_changed_row(buka_browser, demo_live):
    indikator = list(Indikator.objects.dari_penetapan(demo_live).order_by("kode"))
    a, b = indikator[0], indikator[-1]
    op = buka_browser("operator")
    op.goto("/realisasi/2023/")
    baris = op.locator("tr.baris-indikator:visible")
    assert baris.count() == 71
    op.get_by_text("Menampilkan 71 dari 71 indikator.").wait_for()

    op.get_by_label("Cari indikator (nama atau kode)").fill(b.kode)
    op.get_by_text(re.compile(r"^Menampilkan [1-9]\d? dari 71 indikator\.$")).wait_for()
    assert op.locator(f"#i{b.pk}").is_visible() and not op.locator(f"#i{a.pk}").is_visible()
    assert f"cari={b.kode}" in op.url

    op.get_by_label("Cari indikator (nama atau kode)").fill("")
    op.get_by_label("Saring", exact=True).select_option("di_bawah")
    assert "saring=di_bawah" in op.url
    tampil = op.locator("tr.baris-indikator:visible")
    di_bawah = NilaiIndikator.objects.filter(indikator__in=indikator, tahun=2023)
    jumlah = sum(1 for n in di_bawah if n.capaian is not None and n.capaian < 100)
    op.get_by_text(f"Menampilkan {jumlah} dari 71 indikator.").wait_for()
    assert tampil.count() == jumlah

    # Two changed rows, then a search that matches neither: both stay, marked.
    op.get_by_label("Saring", exact=True).select_option("")
    op.fill(f"#r{a.pk}-realisasi", "1")
    op.fill(f"#r{b.pk}-realisasi", "2")
    op.get_by_label("Cari indikator (nama atau kode)").fill("tidak-ada-yang-begini")
    op.get_by_text(
        "Menampilkan 2 dari 71 indikator (2 tidak cocok dengan saringan tetapi ditampilkan"
    ).wait_for()
    assert op.locator(f"#i{a.pk} .tanda-paksa").is_visible()
    assert op.locator("tr.baris-indikator:visible").count() == 2
    # Both capaian shown and both explanations opened, as the user sees them
    # before saving: a click while the rows still grow could land elsewhere.
    for i in (a, b):
        op.locator(f"#i{i.pk} .perlu-penjelasan").wait_for()
    op.get_by_role("button", name="Simpan semua").click()
    op.get_by_text("Tersimpan: 2 indikator diperbarui.").wait_for()
    assert "cari=tidak-ada-yang-begini" in op.url
    assert NilaiIndikator.objects.get(indikator=a, tahun=2023).realisasi == 1
    assert NilaiIndikator.objects.get(indikator=b, tahun=2023).realisasi == 2

    hp = buka_browser("operator", lebar=360, tinggi=780)
    hp.goto("/realisasi/2023/?saring=di_atas")
    hp.get_by_label("Saring", exact=True).wait_for()
    assert hp.get_by_label("Saring", exact=True).input_value() == "di_atas"
    tanpa_gulir_samping(hp)
