from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.demo import salin_iku
from indicators.models import (
    BuktiDukung,
    Indikator,
    NilaiIndikator,
    RiwayatStatus,
    StatusReviu,
    UnitKerja,
)


@pytest.fixture(autouse=True)
def media_sementara(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def indikator(lampiran_bernilai, mesuji) -> Indikator:
    ind = Indikator.objects.dari_penetapan(lampiran_bernilai).get(kode="1.2.1.1")
    ind.definisi = "Jumlah dokumen <b>tersusun</b> dibagi rencana."
    ind.sumber_data = "Laporan Subbagian Perencanaan"
    ind.penanggung_jawab = UnitKerja.objects.create(satker=mesuji, nama="Subbagian Perencanaan")
    ind.target_akhir = Decimal("12")
    ind.save()
    return ind


def _url(indikator) -> str:
    return f"/indikator/{indikator.pk}/"


def test_anonymous_visitors_are_sent_to_login(client, indikator):
    response = client.get(_url(indikator))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_another_satkers_user_gets_not_found(masuk, orang_luar, indikator):
    assert masuk(orang_luar).get(_url(indikator)).status_code == 404
    assert masuk(orang_luar).get("/indikator/999999/").status_code == 404


@pytest.mark.parametrize("persona", ["ketua", "sekretaris", "operator", "admin_user"])
def test_every_role_of_the_satker_may_read_it(request, masuk, indikator, persona):
    user = request.getfixturevalue(persona)
    assert masuk(user).get(_url(indikator)).status_code == 200


def test_it_shows_the_definition_and_the_yearly_numbers(masuk, ketua, indikator):
    nilai = NilaiIndikator.objects.get(indikator=indikator, tahun=2023)
    nilai.target, nilai.realisasi = Decimal("80"), Decimal("68.4")
    nilai.save()
    html = masuk(ketua).get(_url(indikator) + "?tahun=2023").content.decode()
    assert "Jumlah dokumen &lt;b&gt;tersusun&lt;/b&gt; dibagi rencana." in html
    assert "Laporan Subbagian Perencanaan" in html and "Subbagian Perencanaan" in html
    assert "Positif (makin tinggi makin baik)" in html and "R / T × 100%" in html
    assert indikator.satuan in html
    assert "Target akhir Renstra" in html and ">12<" in html
    assert "68,4" in html and "85,50%" in html and "Baik" in html
    for tahun in range(2020, 2025):
        assert f'<th scope="row" class="sel-nama">{tahun}</th>' in html
    assert html.count("<svg") == 2
    # No script draws anything; the only one is the Cetak button's.
    assert html.count("<script") == 1 and 'src="/static/js/cetak' in html
    assert " style=" not in html


def test_it_lists_the_evidence_with_download_links(masuk, ketua, operator, indikator):
    nilai = NilaiIndikator.objects.get(indikator=indikator, tahun=2023)
    bukti = BuktiDukung.objects.create(
        nilai=nilai,
        berkas=SimpleUploadedFile("notulen.pdf", b"%PDF-1.4 contoh"),
        nama_asli="Notulen rapat <2023>.pdf",
        jenis="application/pdf",
        ukuran=15,
        diunggah_oleh=operator,
    )
    html = masuk(ketua).get(_url(indikator)).content.decode()
    assert f'href="/bukti/{bukti.pk}/unduh/"' in html
    assert "Notulen rapat &lt;2023&gt;.pdf" in html
    assert masuk(ketua).get(f"/bukti/{bukti.pk}/unduh/").status_code == 200


def test_it_shows_the_review_timeline_and_the_change_history(masuk, ketua, sekretaris, indikator):
    nilai = NilaiIndikator.objects.get(indikator=indikator, tahun=2023)
    nilai.realisasi = Decimal("3")
    nilai.status = StatusReviu.DIKEMBALIKAN
    nilai._history_user = sekretaris
    nilai.save()
    RiwayatStatus.objects.create(
        nilai=nilai, dari="diajukan", ke="dikembalikan", oleh=sekretaris, catatan="Lengkapi SK"
    )
    html = masuk(ketua).get(_url(indikator)).content.decode()
    assert "Diajukan → <strong>Dikembalikan</strong>" in html
    assert "“Lengkapi SK”" in html
    assert "Riwayat perubahan nilai" in html and "Belum ada perubahan tercatat" not in html
    assert f'href="/realisasi/2023/#i{indikator.pk}"' in html


def test_it_runs_a_fixed_number_of_queries(masuk, ketua, operator, indikator, satker_lain):
    client = masuk(ketua)
    cache.clear()  # both computed afresh
    with CaptureQueriesContext(connection) as sedikit:
        client.get(_url(indikator))
    salin_iku(indikator.penetapan, satker_lain)
    for nilai in NilaiIndikator.objects.filter(indikator=indikator):
        for nomor in range(3):
            BuktiDukung.objects.create(
                nilai=nilai,
                berkas=SimpleUploadedFile(f"b{nomor}.pdf", b"%PDF-1.4"),
                nama_asli=f"b{nomor}.pdf",
                jenis="application/pdf",
                ukuran=8,
                diunggah_oleh=operator,
            )
            RiwayatStatus.objects.create(nilai=nilai, dari="draf", ke="diajukan", oleh=operator)
    cache.clear()
    with CaptureQueriesContext(connection) as banyak:
        client.get(_url(indikator))
    assert len(sedikit) == len(banyak) <= 15
