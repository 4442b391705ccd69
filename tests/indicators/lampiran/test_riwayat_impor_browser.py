"""The admin's import history (Riwayat impor) reads on a 1366 px screen:
every column in view beside the admin's menu and filter, long file names
wrapped, whatever the fonts' widths."""

import pytest

from indicators.models import Pengguna, RiwayatImpor, Satker
from tests.browser import tanpa_gulir_samping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMA_PANJANG = "Lampiran_Keputusan_KPU_Kabupaten_Mesuji_Nomor_18_Tahun_2022_revisi_akhir.xlsx"


def test_the_import_history_fits_a_1366_px_screen(buka_browser, demo_live):
    admin = Pengguna.objects.get(username="admin")
    mesuji = Satker.objects.get(kode="1811")
    for berhasil, uji_coba in [(True, True), (True, False), (False, False)]:
        RiwayatImpor.objects.create(
            satker=mesuji,
            pengguna=admin,
            nama_berkas=NAMA_PANJANG,
            berhasil=berhasil,
            uji_coba=uji_coba,
            pesan="Sheet “Lampiran”, baris 6, kolom E: bukan angka" if not berhasil else "",
        )
    page = buka_browser("admin", lebar=1366, tinggi=800)
    page.goto("/admin/indicators/riwayatimpor/")
    assert page.locator("#result_list tbody tr").count() == 3
    teks = page.locator("#result_list").inner_text()
    assert "Gagal" in teks and "Berhasil (uji coba, tidak disimpan)" in teks
    tanpa_gulir_samping(page, terlihat="#result_list th, #result_list td")
