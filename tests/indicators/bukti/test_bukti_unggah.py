import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from indicators.models import BuktiDukung, NilaiIndikator, TahunKinerja

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _docx() -> bytes:
    # Fixed member dates: writestr(name) would stamp the current time, so two
    # builds a second apart would differ.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for nama, isi in [
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", "<w:document/>"),
        ]:
            z.writestr(zipfile.ZipInfo(nama, date_time=(2024, 1, 1, 0, 0, 0)), isi)
    return buf.getvalue()


DOCX = _docx()


@pytest.fixture
def nilai(lampiran_bernilai, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return NilaiIndikator.objects.filter(tahun=2023).order_by("pk").first()


def _unggah(client, nilai, nama, isi):
    # The file is written when the upload commits (here: the test's savepoint ends).
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("bukti_tambah", args=[nilai.pk]),
            {"berkas": SimpleUploadedFile(nama, isi), "keterangan": "SK"},
        )


@pytest.mark.parametrize(
    ("nama", "isi"), [("sk.pdf", PDF), ("foto.png", PNG), ("laporan.docx", DOCX)]
)
def test_it_accepts_evidence_by_content_and_stores_it_under_a_random_name(
    nilai, operator, masuk, nama, isi
):
    client = masuk(operator)
    _unggah(client, nilai, nama, isi)
    bukti = BuktiDukung.objects.get()
    assert bukti.nama_asli == nama and bukti.diunggah_oleh == operator
    assert nama not in bukti.berkas.name
    r = client.get(reverse("bukti_unduh", args=[bukti.pk]))
    assert r.status_code == 200
    assert b"".join(r.streaming_content) == isi
    assert nama in client.get(reverse("nilai_detail", args=[nilai.pk])).content.decode()


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("laporan.pdf", b"<html><script>alert(1)</script></html>", "tidak diterima"),
        ("gambar.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "tidak diterima"),
        ("poliglot.pdf", PDF[:9] + b"<html><script>x</script>", "HTML/skrip"),
        ("skrip.docx", b"#!/bin/sh\nrm -rf /\n", "tidak diterima"),
    ],
)
def test_it_refuses_files_whose_content_is_not_an_allowed_type(
    nilai, operator, masuk, nama, isi, pesan
):
    r = _unggah(masuk(operator), nilai, nama, isi)
    assert r.status_code == 302
    assert not BuktiDukung.objects.exists()
    pesan_list = [str(m) for m in r.wsgi_request._messages]
    assert any(pesan in m for m in pesan_list), pesan_list


def test_it_refuses_files_over_10_mb(nilai, operator, masuk):
    r = _unggah(masuk(operator), nilai, "besar.pdf", PDF + b"0" * (10 * 1024 * 1024))
    assert not BuktiDukung.objects.exists()
    assert any("terlalu besar" in str(m) for m in r.wsgi_request._messages)


def test_only_the_uploader_may_delete_and_only_before_verification(
    nilai, operator, sekretaris, masuk
):
    client = masuk(operator)
    _unggah(client, nilai, "sk.pdf", PDF)
    bukti = BuktiDukung.objects.get()
    client.force_login(sekretaris)
    assert client.post(reverse("bukti_hapus", args=[bukti.pk])).status_code == 403
    NilaiIndikator.objects.filter(pk=nilai.pk).update(status="diverifikasi")
    client.force_login(operator)
    client.post(reverse("bukti_hapus", args=[bukti.pk]), {"konfirmasi": "1"})
    assert BuktiDukung.objects.exists()
    NilaiIndikator.objects.filter(pk=nilai.pk).update(status="draf")
    client.post(reverse("bukti_hapus", args=[bukti.pk]), {"konfirmasi": "1"})
    assert not BuktiDukung.objects.exists()


def test_a_locked_year_refuses_uploads(nilai, operator, masuk):
    TahunKinerja.objects.create(satker=nilai.indikator.satker, tahun=2023, status="disetujui")
    _unggah(masuk(operator), nilai, "sk.pdf", PDF)
    assert not BuktiDukung.objects.exists()


def test_another_satkers_evidence_is_a_404(nilai, operator, orang_luar, masuk):
    client = masuk(operator)
    _unggah(client, nilai, "sk.pdf", PDF)
    bukti = BuktiDukung.objects.get()
    client.force_login(orang_luar)
    assert client.get(reverse("bukti_unduh", args=[bukti.pk])).status_code == 404
    assert client.post(reverse("bukti_hapus", args=[bukti.pk])).status_code == 404
    assert client.get(reverse("nilai_detail", args=[nilai.pk])).status_code == 404


def test_the_upload_message_names_the_users_own_file(nilai, operator, masuk):
    client = masuk(operator)
    r = client.post(
        reverse("bukti_tambah", args=[nilai.pk]),
        {"berkas": SimpleUploadedFile("bukti-daftar-hadir.pdf", PDF)},
        follow=True,
    )
    pesan = [str(m) for m in r.context["messages"]]
    assert pesan == ["Bukti “bukti-daftar-hadir.pdf” diunggah."]
