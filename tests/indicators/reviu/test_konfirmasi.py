"""Irreversible steps ask first: without konfirmasi=1 (no script in the page)
the server answers with a confirmation page and changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import BuktiDukung, NilaiIndikator, TahunKinerja

pytestmark = pytest.mark.django_db


def _ajukan_tahun(satker):
    TahunKinerja.objects.create(satker=satker, tahun=2023, status="diajukan")


def test_approving_a_year_first_shows_a_summary_and_locks_only_when_confirmed(
    lampiran_bernilai, ketua, client
):
    _ajukan_tahun(lampiran_bernilai.satker)
    client.force_login(ketua)
    url = reverse("tahun_setujui", args=[2023])
    r = client.post(url)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Setujui dan kunci tahun 2023?" in html
    assert "Tanpa bukti dukung: 71 indikator" in html
    assert "Perjanjian Kinerja: belum dicatat di aplikasi." in html
    assert 'name="konfirmasi" value="1"' in html
    assert TahunKinerja.objects.get(tahun=2023).status == "diajukan"
    assert client.post(url, {"konfirmasi": "1"}).status_code == 302
    assert TahunKinerja.objects.get(tahun=2023).status == "disetujui"


@pytest.mark.parametrize(
    ("nama", "peran", "data"),
    [
        ("tahun_ajukan", "sekretaris", {}),
        ("realisasi_ajukan", "operator", {"semua": "1"}),
        ("realisasi_verifikasi", "sekretaris", {"semua": "1"}),
    ],
)
def test_submitting_or_verifying_everything_asks_first(
    nama, peran, data, lampiran_bernilai, operator, sekretaris, client
):
    client.force_login({"operator": operator, "sekretaris": sekretaris}[peran])
    sebelum = list(NilaiIndikator.objects.values_list("status", flat=True))
    r = client.post(reverse(nama, args=[2023]), data)
    assert r.status_code == 200
    html = r.content.decode()
    assert 'name="konfirmasi" value="1"' in html
    for k, v in data.items():
        assert f'name="{k}" value="{v}"' in html  # posted again as it came
    assert list(NilaiIndikator.objects.values_list("status", flat=True)) == sebelum
    assert not TahunKinerja.objects.filter(tahun=2023, status="diajukan").exists()


def test_deleting_evidence_asks_first(lampiran_bernilai, operator, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    nilai = NilaiIndikator.objects.filter(tahun=2023).first()
    bukti = BuktiDukung(nilai=nilai, nama_asli="sk.pdf", jenis="application/pdf", ukuran=9)
    bukti.diunggah_oleh = operator
    bukti.berkas = SimpleUploadedFile("sk.pdf", b"%PDF-1.4\n")
    bukti.save()
    client.force_login(operator)
    r = client.post(reverse("bukti_hapus", args=[bukti.pk]))
    assert r.status_code == 200 and "Hapus bukti “sk.pdf”?" in r.content.decode()
    assert BuktiDukung.objects.filter(pk=bukti.pk).exists()
    client.post(reverse("bukti_hapus", args=[bukti.pk]), {"konfirmasi": "1"})
    assert not BuktiDukung.objects.filter(pk=bukti.pk).exists()
