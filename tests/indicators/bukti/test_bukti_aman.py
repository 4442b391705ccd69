"""Evidence uploads that cannot hurt whoever opens them, and leave no stray file:
the whole file is checked (markup after the first kilobyte, PDFs that run scripts
or actions), the download is an attachment named with the extension of the type
read from the content, and a file reaches storage only when its row commits."""

import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import TestCase
from django.urls import reverse

from indicators.bukti.services import bukti_unggah
from indicators.models import BuktiDukung, NilaiIndikator

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def nilai(lampiran_bernilai, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return NilaiIndikator.objects.filter(tahun=2023).order_by("pk").first()


def _berkas_tersimpan(settings) -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def _unggah(client, nilai, nama, isi, keterangan="SK"):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("bukti_tambah", args=[nilai.pk]),
            {"berkas": SimpleUploadedFile(nama, isi), "keterangan": keterangan},
        )


def _pesan(r) -> list[str]:
    return [str(m) for m in r.wsgi_request._messages]


def test_html_after_the_first_kilobyte_is_refused(nilai, operator, masuk, settings):
    isi = PDF + b"%" + b"x" * 4096 + b"\n<html><script>alert(1)</script></html>"
    r = _unggah(masuk(operator), nilai, "laporan.pdf", isi)
    assert any("HTML/skrip" in m for m in _pesan(r)), _pesan(r)
    assert not BuktiDukung.objects.exists() and not _berkas_tersimpan(settings)


@pytest.mark.parametrize(
    "bagian",
    [
        b"2 0 obj<</Type/Catalog/OpenAction 3 0 R>>endobj\n",
        b"3 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n",
        b"3 0 obj<</S/Launch/F(calc.exe)>>endobj\n",
        b"4 0 obj<</Type/Page/AA<</O 3 0 R>>>>endobj\n",
        b"5 0 obj<</Type/EmbeddedFile/Length 3>>stream\nabc\nendstream endobj\n",
        b"3 0 obj<</S/J#61vaScript>>endobj\n",  # a name written with a hex escape
    ],
)
def test_pdfs_with_scripts_actions_or_embedded_files_are_refused(
    nilai, operator, masuk, settings, bagian
):
    isi = PDF[:9] + b"%" + b"x" * 2048 + b"\n" + bagian + PDF[9:]
    r = _unggah(masuk(operator), nilai, "sk.pdf", isi)
    assert any("skrip, aksi otomatis atau berkas sisipan" in m for m in _pesan(r)), _pesan(r)
    assert not BuktiDukung.objects.exists() and not _berkas_tersimpan(settings)


def test_a_script_hidden_in_a_compressed_object_stream_is_refused(nilai, operator, masuk):
    aliran = zlib.compress(b"3 0 <</S/JavaScript/JS(app.alert(1))>>")
    isi = (
        PDF[:9]
        + b"6 0 obj<</Type/ObjStm/N 1/First 4/Filter/FlateDecode>>stream\n"
        + aliran
        + b"\nendstream endobj\n"
        + PDF[9:]
    )
    r = _unggah(masuk(operator), nilai, "sk.pdf", isi)
    assert any("/JavaScript" in m for m in _pesan(r)), _pesan(r)
    assert not BuktiDukung.objects.exists()


def test_a_plain_pdf_with_image_streams_is_accepted(nilai, operator, masuk):
    # Names like /AA inside a stream's (binary) data are data, not actions.
    isi = PDF[:9] + b"7 0 obj<</Length 8>>stream\n/AA /JS \nendstream endobj\n" + PDF[9:]
    _unggah(masuk(operator), nilai, "sk.pdf", isi)
    assert BuktiDukung.objects.count() == 1


def test_the_download_is_an_attachment_named_with_the_detected_type(nilai, operator, masuk):
    client = masuk(operator)
    r = _unggah(client, nilai, "laporan.pdf.html", PDF)
    assert "Bukti “laporan.pdf.html” diunggah." in _pesan(r)
    bukti = BuktiDukung.objects.get()
    assert bukti.nama_asli == "laporan.pdf.html"  # kept for display
    assert bukti.berkas.name.endswith(".pdf")
    r = client.get(reverse("bukti_unduh", args=[bukti.pk]))
    assert r["Content-Disposition"] == 'attachment; filename="laporan.pdf"'
    assert r["Content-Type"] == "application/pdf"
    assert r["X-Content-Type-Options"] == "nosniff"


def test_the_success_message_names_the_users_own_file(nilai, operator, masuk):
    r = _unggah(masuk(operator), nilai, "bukti-daftar-hadir.pdf", PDF)
    assert "Bukti “bukti-daftar-hadir.pdf” diunggah." in _pesan(r)


def test_a_rolled_back_upload_leaves_no_file(nilai, operator, settings):
    with TestCase.captureOnCommitCallbacks(execute=True), transaction.atomic():
        bukti_unggah(nilai=nilai, berkas=SimpleUploadedFile("sk.pdf", PDF), oleh=operator)
        transaction.set_rollback(True)
    assert not BuktiDukung.objects.exists()
    assert not _berkas_tersimpan(settings)


def test_a_failing_save_leaves_no_file(nilai, operator, settings, monkeypatch):
    def gagal(self, *args, **kwargs):
        raise RuntimeError("basis data menolak")

    # The INSERT fails, after the file field has had its turn in save().
    monkeypatch.setattr(BuktiDukung, "_do_insert", gagal)
    with TestCase.captureOnCommitCallbacks(execute=True), pytest.raises(RuntimeError):
        bukti_unggah(nilai=nilai, berkas=SimpleUploadedFile("sk.pdf", PDF), oleh=operator)
    assert not _berkas_tersimpan(settings)


def test_a_committed_upload_is_written_once_committed(nilai, operator, settings):
    with TestCase.captureOnCommitCallbacks(execute=False) as tertunda:
        bukti = bukti_unggah(nilai=nilai, berkas=SimpleUploadedFile("sk.pdf", PDF), oleh=operator)
        assert not _berkas_tersimpan(settings)
    for panggil in tertunda:
        panggil()
    bukti.refresh_from_db()
    assert bukti.berkas.read() == PDF
