"""Retiring an indicator: the satker's Admin, asked first; hidden from the
entry grid and the summaries of the years after, kept for earlier years; the
satker below see it as a revision."""

from datetime import date

import pytest

from indicators.kaskade.services import revisi_induk
from indicators.models import Indikator, NilaiIndikator, Satker

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_ri(buat_pengguna, kaskade_kecil):
    return buat_pengguna("admin-ri", "Admin", Satker.objects.get(kode="00"), is_staff=True)


def test_the_admin_is_asked_before_an_indicator_is_retired(kaskade_kecil, admin_ri, client):
    k1 = Indikator.objects.dari_penetapan(kaskade_kecil["ri"]).get(kode="K1")
    client.force_login(admin_ri)
    r = client.post(f"/indikator/{k1.pk}/hentikan/")
    assert r.status_code == 200 and "Ya, hentikan" in r.content.decode()
    k1.refresh_from_db()
    assert k1.aktif
    r = client.post(f"/indikator/{k1.pk}/hentikan/", {"konfirmasi": "1"})
    assert r.status_code == 302
    k1.refresh_from_db()
    assert not k1.aktif and k1.dihentikan_pada is not None
    # The province sees it as a revision to accept.
    assert [r.jenis for r in revisi_induk(kaskade_kecil["18"])] == ["dihentikan"]


def test_only_an_admin_of_the_satker_retires_its_indicators(
    kaskade_kecil, admin_ri, buat_pengguna, client
):
    k1_mesuji = Indikator.objects.dari_penetapan(kaskade_kecil["1811"]).get(kode="K1")
    client.force_login(admin_ri)  # above, reads it, may not write it
    assert (
        client.post(f"/indikator/{k1_mesuji.pk}/hentikan/", {"konfirmasi": "1"}).status_code == 404
    )
    client.force_login(buat_pengguna("ketua-m", "Ketua", Satker.objects.get(kode="1811")))
    assert (
        client.post(f"/indikator/{k1_mesuji.pk}/hentikan/", {"konfirmasi": "1"}).status_code == 403
    )
    k1_mesuji.refresh_from_db()
    assert k1_mesuji.aktif


def test_a_retired_indicator_leaves_the_grid_and_summaries_of_later_years_only(
    kaskade_kecil, buat_pengguna, client
):
    penetapan = kaskade_kecil["1811"]
    k2 = Indikator.objects.dari_penetapan(penetapan).get(kode="K2")
    NilaiIndikator.objects.create(indikator=k2, tahun=2025, target=10, realisasi=9)
    k2.aktif, k2.dihentikan_pada = False, date(2025, 11, 1)
    k2.save()
    assert k2.berlaku_pada(2025) and not k2.berlaku_pada(2026)
    client.force_login(buat_pengguna("op", "Operator", Satker.objects.get(kode="1811")))
    assert "Jumlah temuan" in client.get("/realisasi/2025/").content.decode()
    assert "Jumlah temuan" not in client.get("/realisasi/2026/").content.decode()
    assert "Jumlah temuan" in client.get("/?tahun=2025").content.decode()
    assert "Jumlah temuan" not in client.get("/?tahun=2026").content.decode()
    assert client.get(f"/indikator/{k2.pk}/").status_code == 200  # its history stays readable


def test_the_report_of_a_later_year_leaves_a_retired_indicator_out(kaskade_kecil):
    from reporting.laporan.selectors import susun_laporan

    penetapan = kaskade_kecil["1811"]
    k2 = Indikator.objects.dari_penetapan(penetapan).get(kode="K2")
    k2.aktif, k2.dihentikan_pada = False, date(2025, 11, 1)
    k2.save()
    kode = lambda tahun: {  # noqa: E731
        b.indikator.kode for b in susun_laporan(penetapan, tahun, grafik_sasaran=False).baris
    }
    assert kode(2025) == {"K1", "K2"} and kode(2026) == {"K1"}
