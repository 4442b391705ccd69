"""Text with a NUL or another control character (other than tab, line feed and
carriage return) is refused where it enters, naming the field in Indonesian:
the realisation grid, the report narrative and the evidence's keterangan. On
PostgreSQL a NUL would otherwise fail the save with an error page."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from indicators.models import BuktiDukung, NarasiLaporan
from indicators.teks import CharFieldTanpaKendali, bersihkan_teks

from .realisasi.test_entri_realisasi import _data, _nilai

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize("kendali", ["\x00", "\x07", "\x0b", "\x1b", "\x1f"])
def test_control_characters_are_refused_naming_the_field(kendali):
    with pytest.raises(ValidationError) as info:
        bersihkan_teks(f"awal{kendali}akhir", "Analisis")
    assert "Kolom Analisis berisi karakter kendali yang tidak diizinkan" in info.value.messages[0]


def test_tab_line_feed_and_carriage_return_are_ordinary_text():
    assert bersihkan_teks("satu\tdua\r\ntiga\n", "Analisis") == "satu\tdua\r\ntiga\n"


def test_the_form_field_names_its_label():
    class Form(forms.Form):
        catatan = CharFieldTanpaKendali(label="Catatan")

    form = Form({"catatan": "a\x01b"})
    assert not form.is_valid()
    assert "Kolom Catatan berisi karakter kendali" in form.errors["catatan"][0]


@pytest.mark.parametrize(
    ("kolom", "label"),
    [("analisis", "Analisis"), ("kendala", "Kendala"), ("tindak_lanjut", "Tindak lanjut")],
)
def test_the_realisation_grid_refuses_a_nul_and_saves_nothing(
    lampiran_bernilai, operator, masuk, kolom, label
):
    client = masuk(operator)
    data = _data(client)
    n = _nilai(lampiran_bernilai, "1.1.1.1")
    versi = n.versi
    data[f"r{n.indikator_id}-realisasi"] = "77,7"
    data[f"r{n.indikator_id}-{kolom}"] = "Tercapai\x00 karena"
    r = client.post(reverse("realisasi", args=[2023]), data)
    assert r.status_code == 400
    assert f"Kolom {label} berisi karakter kendali yang tidak diizinkan" in r.content.decode()
    n.refresh_from_db()
    assert n.versi == versi and n.history.count() == 0


def test_the_narrative_refuses_a_nul_and_saves_nothing(masuk, sekretaris, lampiran_bernilai):
    client = masuk(sekretaris)
    r = client.post(
        "/laporan/2023/narasi/",
        {"bagian-penutup": "Demikian\x00 laporan ini.", "bagian-kata_pengantar": "Puji syukur"},
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert "Kolom Bab IV — Penutup berisi karakter kendali yang tidak diizinkan" in html
    assert "Puji syukur" in html  # what was typed comes back
    assert not NarasiLaporan.objects.exists()


def test_a_sasaran_note_with_a_nul_names_the_sasaran(masuk, sekretaris, lampiran_bernilai):
    client = masuk(sekretaris)
    blok = client.get("/laporan/2023/narasi/").context["sasaran"][0]
    r = client.post("/laporan/2023/narasi/", {blok["nama"]: "Catatan\x00"})
    assert r.status_code == 400
    assert "Kolom Catatan Sasaran " in r.content.decode()
    assert not NarasiLaporan.objects.exists()


def test_the_evidence_keterangan_refuses_a_nul_and_stores_nothing(
    lampiran_bernilai, operator, masuk, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    nilai = _nilai(lampiran_bernilai, "1.1.1.1")
    with TestCase.captureOnCommitCallbacks(execute=True):
        r = masuk(operator).post(
            reverse("bukti_tambah", args=[nilai.pk]),
            {"berkas": SimpleUploadedFile("sk.pdf", PDF), "keterangan": "SK\x00 Ketua"},
        )
    assert r.status_code == 302
    pesan = [str(m) for m in r.wsgi_request._messages]
    assert any("Kolom Keterangan berisi karakter kendali" in m for m in pesan), pesan
    assert not BuktiDukung.objects.exists()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]
