"""The Ketua's dashboard opens on what awaits the Ketua: the submitted year,
approved from there after the in-page confirmation and its summary; the
Sekretaris's shows the entries waiting for verification."""

import os
import re

import pytest

from indicators.demo import lengkapi_penjelasan
from indicators.models import NilaiIndikator, Pengguna, TahunKinerja
from indicators.reviu import services as alur
from tests.browser import tanpa_gulir_samping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _pk(penetapan, tahun):
    return list(
        NilaiIndikator.objects.filter(
            indikator__sasaran__kegiatan__program__penetapan=penetapan, tahun=tahun
        ).values_list("pk", flat=True)
    )


def test_the_ketua_approves_the_submitted_year_from_the_dashboard(buka_browser, demo_live):
    satker = demo_live.satker
    orang = {u.username: u for u in Pengguna.objects.filter(satker=satker)}
    lengkapi_penjelasan(demo_live, 2023)
    pk = _pk(demo_live, 2023)
    alur.nilai_ajukan(satker=satker, tahun=2023, pk_list=pk, oleh=orang["operator"])
    alur.nilai_verifikasi(satker=satker, tahun=2023, pk_list=pk, oleh=orang["sekretaris"])
    alur.tahun_ajukan(penetapan=demo_live, tahun=2023, oleh=orang["sekretaris"])
    lengkapi_penjelasan(demo_live, 2022)
    alur.nilai_ajukan(
        satker=satker, tahun=2022, pk_list=_pk(demo_live, 2022)[:4], oleh=orang["operator"]
    )

    sek = buka_browser("sekretaris")
    sek.goto("/dasbor/")
    sek.get_by_role("link", name=re.compile("4 indikator menunggu verifikasi Anda")).click()
    sek.wait_for_url(re.compile("/antrean/"))
    # The queue holds every year's submitted entries (the demo's 2026 quarters too).
    sek.get_by_text(re.compile(r"Menunggu verifikasi \(\d+\)")).wait_for()
    assert sek.locator(".butir-reviu", has_text=re.compile(r"Tahun 2022 ·")).count() == 4

    ketua = buka_browser("ketua")
    ketua.goto("/dasbor/")
    kotak = ketua.locator(".menanti-ketua")
    kotak.get_by_text("menunggu persetujuan Anda").wait_for()
    assert kotak.get_by_role("link", name="Periksa realisasi 2023").is_visible()
    kotak.get_by_role("button", name="Setujui tahun 2023…").click()
    dialog = ketua.locator("dialog[open]")
    dialog.get_by_text("Tanpa bukti dukung: 71 indikator").wait_for()
    assert TahunKinerja.objects.get(satker=satker, tahun=2023).status == "diajukan"
    dialog.get_by_role("button", name="Ya, setujui dan kunci").click()
    ketua.get_by_text("Tahun 2023 disetujui dan dikunci.").wait_for()
    assert TahunKinerja.objects.get(satker=satker, tahun=2023).terkunci

    hp = buka_browser("sekretaris", lebar=360, tinggi=780)
    hp.goto("/dasbor/")
    hp.locator(".menanti-ketua").wait_for()
    tanpa_gulir_samping(hp)
