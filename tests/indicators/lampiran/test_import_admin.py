"""The Lampiran import in the admin: upload → per-level dry-run preview → confirm →
done; errors shown in the preview; only Admin; every attempt recorded."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from indicators.models import Indikator, PenetapanIKU, Program, RiwayatImpor, Satker

from .lampiran_xlsx import media_sementara, tabel_sederhana, tulis_tercetak  # noqa: F401

pytestmark = pytest.mark.django_db
URL = "admin:indicators_riwayatimpor_impor"


@pytest.fixture
def admin_kosong(buat_pengguna):
    """An Admin of Mesuji in a database without the Lampiran yet."""
    return buat_pengguna("admin-baru", "Admin", Satker.objects.get(kode="1811"), is_staff=True)


def _unggah(client, data: bytes, nama: str = "lampiran.xlsx"):
    return client.post(
        reverse(URL),
        {
            "satker": Satker.objects.get(kode="1811").pk,
            "tahun_awal": 2020,
            "tahun_akhir": 2024,
            "berkas": SimpleUploadedFile(nama, data),
        },
    )


def test_upload_shows_a_per_level_preview_and_saves_nothing(masuk, admin_kosong):
    client = masuk(admin_kosong)
    response = _unggah(client, tulis_tercetak(tahun=(2021,), nilai_target=lambda i, t: 5))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Program: 3, Kegiatan: 9, Sasaran: 44, Indikator: 71, target tahunan: 71" in html
    for label in ("Program", "Kegiatan", "Sasaran", "Indikator", "Target tahunan"):
        assert f'<th scope="row">{label}</th>' in html
    assert "Konfirmasi dan simpan" in html
    assert not Program.objects.exists() and not PenetapanIKU.objects.exists()
    riwayat = RiwayatImpor.objects.get()
    assert riwayat.uji_coba and riwayat.berhasil and riwayat.pengguna == admin_kosong


def test_confirming_imports_the_stored_copy_and_records_it(masuk, admin_kosong):
    client = masuk(admin_kosong)
    _unggah(client, tulis_tercetak())
    uji = RiwayatImpor.objects.get()
    response = client.post(reverse(URL), {"konfirmasi": uji.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:indicators_riwayatimpor_changelist")
    assert Indikator.objects.count() == 71
    nyata = RiwayatImpor.objects.get(uji_coba=False)
    assert nyata.berhasil and nyata.pengguna == admin_kosong and nyata.berkas
    assert nyata.jumlah["indikator"] == {"baru": 71, "berubah": 0, "tetap": 0}
    halaman = client.get(response["Location"]).content.decode()
    assert "berhasil" in halaman and "Indikator: 71" in halaman


def test_a_second_preview_of_the_same_file_shows_everything_unchanged(masuk, admin_kosong):
    client = masuk(admin_kosong)
    data = tulis_tercetak()
    _unggah(client, data)
    client.post(reverse(URL), {"konfirmasi": RiwayatImpor.objects.get().pk})
    html = _unggah(client, data).content.decode()
    assert (
        '<th scope="row">Indikator</th><td class="angka">0</td><td class="angka">0</td>'
        '<td class="angka">71</td>' in html
    )


def test_errors_are_listed_in_the_preview_without_a_confirm_button(masuk, admin_kosong):
    data = tabel_sederhana(
        [[None, None, None, "Indikator <b>yatim</b>"], [1, "Keg", "Sas", None]],
    )
    html = _unggah(masuk(admin_kosong), data).content.decode()
    assert "2 masalah ditemukan" in html
    assert "baris 4, kolom B (Kegiatan): Indikator tanpa Kegiatan di atasnya" in html
    assert "Sasaran ini tidak memiliki indikator kinerja" in html
    assert "Konfirmasi dan simpan" not in html
    assert not Program.objects.exists()
    assert not RiwayatImpor.objects.get().berhasil


def test_a_failed_preview_cannot_be_confirmed(masuk, admin_kosong):
    client = masuk(admin_kosong)
    _unggah(client, b"bukan excel")
    gagal = RiwayatImpor.objects.get()
    assert client.post(reverse(URL), {"konfirmasi": gagal.pk}).status_code == 404
    assert not Program.objects.exists()


def test_another_users_preview_cannot_be_confirmed(masuk, admin_kosong, buat_pengguna):
    _unggah(masuk(admin_kosong), tulis_tercetak())
    lain = buat_pengguna("admin-lain", "Admin", Satker.objects.get(kode="1811"), is_staff=True)
    response = masuk(lain).post(reverse(URL), {"konfirmasi": RiwayatImpor.objects.get().pk})
    assert response.status_code == 403


def test_only_admin_may_import(client, masuk, buat_pengguna):
    satker = Satker.objects.get(kode="1811")
    assert client.get(reverse(URL)).status_code == 302
    sekretaris = buat_pengguna("sek", "Sekretaris", satker, is_staff=True)
    assert masuk(sekretaris).get(reverse(URL)).status_code == 403
    assert masuk(sekretaris).post(reverse(URL), {}).status_code == 403


def test_the_import_link_is_on_the_history_changelist(masuk, admin_kosong):
    html = masuk(admin_kosong).get(reverse("admin:indicators_riwayatimpor_changelist"))
    assert reverse(URL) in html.content.decode()


def test_the_decree_changelist_links_both_downloads(masuk, admin_user, lampiran):
    html = masuk(admin_user).get(reverse("admin:indicators_penetapaniku_changelist"))
    html = html.content.decode()
    assert reverse("admin:indicators_penetapaniku_lampiran", args=[lampiran.pk, "tercetak"]) in html
    assert reverse("admin:indicators_penetapaniku_lampiran", args=[lampiran.pk, "datar"]) in html


def test_the_stored_copy_is_downloadable_from_the_history(masuk, admin_kosong):
    client = masuk(admin_kosong)
    data = tulis_tercetak()
    _unggah(client, data, nama="Lampiran Mesuji.xlsx")
    riwayat = RiwayatImpor.objects.get()
    halaman = client.get(reverse("admin:indicators_riwayatimpor_change", args=[riwayat.pk]))
    url = reverse("admin:indicators_riwayatimpor_salinan", args=[riwayat.pk])
    assert url in halaman.content.decode()
    response = client.get(url)
    assert b"".join(response.streaming_content) == data
    assert "Lampiran Mesuji.xlsx" in response["Content-Disposition"]


def test_the_decree_change_form_offers_both_downloads(masuk, admin_user, lampiran):
    html = (
        masuk(admin_user)
        .get(reverse("admin:indicators_penetapaniku_change", args=[lampiran.pk]))
        .content.decode()
    )
    assert reverse("admin:indicators_penetapaniku_lampiran", args=[lampiran.pk, "datar"]) in html


def test_the_preview_lists_what_is_new_and_what_changed(masuk, admin_user, lampiran):
    ind = lampiran.program.get(kode="1").kegiatan.get(kode="1.1").sasaran.get(kode="1.1.1")
    ind = ind.indikator.get()
    nama_lama = ind.nama
    ind.nama = "Nama lama yang akan diganti"
    ind.save()
    html = _unggah(masuk(admin_user), tulis_tercetak()).content.decode()
    # The printed layout matches by name: the renamed one comes back as new.
    assert "Indikator: 1 baru, 0 berubah" in html
    assert escape(nama_lama) in html


def test_a_value_saved_after_the_preview_stops_the_confirmation(masuk, admin_user, lampiran):
    """The preview said what the import would do; a realisation an Operator saved
    since then would be overwritten unseen, so the confirmation stops and says why."""
    from datetime import timedelta

    from indicators.models import NilaiIndikator

    client = masuk(admin_user)
    _unggah(client, tulis_tercetak(tahun=(2021,), nilai_target=lambda i, t: 5))
    uji = RiwayatImpor.objects.get()
    nilai = NilaiIndikator.objects.create(
        indikator=Indikator.objects.dari_penetapan(lampiran).get(kode="1.1.1.1"),
        tahun=2021,
        target=7,
        realisasi=7,
        diubah_oleh=admin_user,
    )
    NilaiIndikator.objects.filter(pk=nilai.pk).update(diubah_pada=uji.waktu + timedelta(seconds=1))
    response = client.post(reverse(URL), {"konfirmasi": uji.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "1.1.1.1 tahun 2021 diubah" in html and "sesudah pratinjau" in html
    nilai.refresh_from_db()
    assert nilai.target == 7
