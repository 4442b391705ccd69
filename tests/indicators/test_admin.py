"""Admin screens: every model is there, in Indonesian, and changelists cost a
fixed number of queries however many rows exist."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators import models as m
from indicators.demo import isi_nilai, salin_iku


@pytest.fixture
def superuser(buat_pengguna, mesuji):
    return buat_pengguna("super", None, mesuji, is_staff=True, is_superuser=True)


def _tambah_baris(penetapan, user):
    """One more row of each kind that starts empty, for the given decree."""
    isi_nilai(penetapan, tahun_realisasi_penuh=2023, sebagian=2024)
    satker = penetapan.satker
    nilai = m.NilaiIndikator.objects.filter(
        indikator__sasaran__kegiatan__program__penetapan=penetapan
    ).first()
    tahun = m.TahunKinerja.objects.kunci(satker, 2023)
    m.RiwayatStatus.objects.create(nilai=nilai, dari="draf", ke="diajukan", oleh=user)
    m.RiwayatStatus.objects.create(tahun_kinerja=tahun, dari="draf", ke="diajukan", oleh=user)
    m.BuktiDukung.objects.create(
        nilai=nilai,
        berkas="bukti/x.pdf",
        nama_asli="x.pdf",
        jenis="application/pdf",
        ukuran=10,
        diunggah_oleh=user,
    )
    kegiatan = m.Kegiatan.objects.filter(program__penetapan=penetapan).first()
    m.AnggaranKegiatan.objects.create(
        kegiatan=kegiatan, tahun=2023, pagu=Decimal(1000), realisasi=Decimal(900)
    )
    m.NarasiLaporan.objects.create(satker=satker, tahun=2023, bagian="penutup", isi="Penutup.")
    m.UnitKerja.objects.create(satker=satker, nama=f"Subbagian {satker.kode}")
    m.RiwayatImpor.objects.create(satker=satker, pengguna=user, nama_berkas="a.xlsx")


def _jumlah_query(client, url):
    client.get(url)  # warm up: first requests fill per-process caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx)


def test_every_domain_model_is_registered_with_an_indonesian_name():
    from django.apps import apps

    for model in apps.get_app_config("indicators").get_models():
        if model.__name__.startswith("Historical") or model is m.JejakPerubahan:
            continue  # kept by the database itself, read by no one but indicators.sidik
        assert admin.site.is_registered(model), model
        assert model._meta.verbose_name.islower() or model._meta.verbose_name[0].islower()


def test_changelists_run_a_fixed_number_of_queries_however_many_rows(client, superuser, lampiran):
    client.force_login(superuser)
    _tambah_baris(lampiran, superuser)
    urls = [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
        if model._meta.app_label == "indicators"
    ]
    sebelum = {url: _jumlah_query(client, url) for url in urls}
    for nomor in range(2):
        lain = m.Satker.objects.create(
            kode=f"99{nomor}", nama=f"KPU Uji {nomor}", tingkat="kabkota"
        )
        m.Pengguna.objects.create_user(username=f"u{nomor}", satker=lain)
        _tambah_baris(salin_iku(lampiran, lain), superuser)
    sesudah = {url: _jumlah_query(client, url) for url in urls}
    assert sesudah == sebelum


def test_the_indicator_changelist_shows_capaian_and_kategori_read_only(
    client, superuser, lampiran_bernilai
):
    client.force_login(superuser)
    nilai = m.NilaiIndikator.objects.get(indikator__kode="1.1.1.1", tahun=2023)
    nilai.target, nilai.realisasi = Decimal(80), Decimal("68.4")
    nilai.save()
    html = client.get(
        reverse("admin:indicators_nilaiindikator_changelist") + "?tahun=2023"
    ).content.decode()
    assert "85,50%" in html and "Baik" in html
    change = client.get(reverse("admin:indicators_nilaiindikator_change", args=[nilai.pk]))
    assert 'name="capaian"' not in change.content.decode()
    assert "85,50%" in change.content.decode()


def test_search_finds_an_indicator_by_words_of_its_name(client, superuser, lampiran):
    client.force_login(superuser)
    html = client.get(
        reverse("admin:indicators_indikator_changelist") + "?q=juklas"
    ).content.decode()
    assert "Jumlah juklas/juknis pengelolaan keuangan" in html
