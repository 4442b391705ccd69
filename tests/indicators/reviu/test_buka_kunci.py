"""Reopening an approved year: the Admin chooses the entries that become
editable again; each gets its RiwayatStatus row with the reason, the year
shows the reason while it is open, and nothing else changes."""

import pytest
from django.urls import reverse

from indicators.models import NilaiIndikator, RiwayatStatus, TahunKinerja
from indicators.reviu import services as alur

pytestmark = pytest.mark.django_db


@pytest.fixture
def disetujui(lampiran_bernilai, operator, sekretaris, ketua):
    """2023 through the whole workflow: approved and locked."""
    satker = lampiran_bernilai.satker
    nilai = NilaiIndikator.objects.filter(
        indikator__sasaran__kegiatan__program__penetapan=lampiran_bernilai, tahun=2023
    ).order_by("indikator__kode")
    for n in nilai.select_related("indikator"):
        for kolom in n.penjelasan_kurang:
            setattr(n, kolom, "Dijelaskan.")
        n.save()
    pk_list = list(nilai.values_list("pk", flat=True))
    alur.nilai_ajukan(satker=satker, tahun=2023, pk_list=pk_list, oleh=operator)
    alur.nilai_verifikasi(satker=satker, tahun=2023, pk_list=pk_list, oleh=sekretaris)
    alur.tahun_ajukan(penetapan=lampiran_bernilai, tahun=2023, oleh=sekretaris)
    alur.tahun_setujui(satker=satker, tahun=2023, oleh=ketua)
    return nilai


def test_the_admin_chooses_entries_from_a_list_of_the_years_verified_ones(
    disetujui, admin_user, masuk
):
    r = masuk(admin_user).get(reverse("tahun_buka_pilih", args=[2023]))
    assert r.status_code == 200
    assert len(r.context["daftar"]) == 71
    teks = r.content.decode()
    assert f'name="pilih" value="{disetujui[0].pk}"' in teks
    assert 'name="alasan"' in teks and 'value="dikembalikan"' in teks


def test_reopening_shows_what_reopens_before_it_happens(disetujui, admin_user, masuk):
    dua = list(disetujui[:2])
    r = masuk(admin_user).post(
        reverse("tahun_buka", args=[2023]),
        {"alasan": "Target salah ketik", "pilih": [n.pk for n in dua]},
    )
    assert r.status_code == 200
    teks = r.content.decode()
    assert (
        f"2 indikator dapat diubah lagi: {dua[0].indikator.kode}, {dua[1].indikator.kode}." in teks
    )
    assert "Indikator lain tetap diverifikasi." in teks
    assert TahunKinerja.objects.get(tahun=2023).terkunci


def test_the_chosen_entries_become_drafts_with_the_reason_in_their_history(
    disetujui, admin_user, operator, masuk
):
    dua = list(disetujui[:2])
    client = masuk(admin_user)
    r = client.post(
        reverse("tahun_buka", args=[2023]),
        {"alasan": "Target salah ketik", "pilih": [n.pk for n in dua], "konfirmasi": "1"},
    )
    assert r.status_code == 302
    tk = TahunKinerja.objects.get(tahun=2023)
    assert (tk.status, tk.dibuka_oleh, tk.alasan_buka) == ("draf", admin_user, "Target salah ketik")
    assert tk.dibuka_kembali
    assert NilaiIndikator.objects.filter(tahun=2023, status="draf").count() == 2
    assert NilaiIndikator.objects.filter(tahun=2023, status="diverifikasi").count() == 69
    for n in dua:
        r = RiwayatStatus.objects.filter(nilai=n).latest("pk")
        assert (r.dari, r.ke, r.oleh) == ("diverifikasi", "draf", admin_user)
        assert r.catatan == "Kunci tahun 2023 dibuka kembali: Target salah ketik"
    tahun = RiwayatStatus.objects.filter(tahun_kinerja=tk).latest("pk")
    assert (tahun.dari, tahun.ke, tahun.catatan) == ("disetujui", "draf", "Target salah ketik")
    # The history on the entry's page, the reason on the year's page.
    assert (
        "dibuka kembali: Target salah ketik"
        in client.get(reverse("nilai_detail", args=[dua[0].pk])).content.decode()
    )
    halaman = client.get(reverse("realisasi", args=[2023])).content.decode()
    assert "Dibuka kembali</strong> oleh admin" in halaman and "Target salah ketik" in halaman
    # The Operator can correct exactly those two.
    client.force_login(operator)
    grid = client.get(reverse("realisasi", args=[2023])).content.decode()
    assert grid.count('class="input-realisasi"') == 2


def test_reopened_entries_can_be_returned_with_the_reason_as_their_note(
    disetujui, admin_user, masuk
):
    n = disetujui[0]
    masuk(admin_user).post(
        reverse("tahun_buka", args=[2023]),
        {"alasan": "Bukti kurang", "pilih": [n.pk], "ke": "dikembalikan", "konfirmasi": "1"},
    )
    n.refresh_from_db()
    assert n.status == "dikembalikan"
    assert n.catatan_reviu == "Kunci tahun 2023 dibuka kembali: Bukti kurang"


def test_an_entry_of_another_satker_or_year_refuses_the_whole_reopening(
    disetujui, admin_user, lampiran_bernilai
):
    lain = NilaiIndikator.objects.filter(tahun=2022).first()
    with pytest.raises(alur.AlurDitolak, match="tidak ditemukan pada tahun 2023"):
        alur.tahun_buka(
            satker=lampiran_bernilai.satker,
            tahun=2023,
            oleh=admin_user,
            alasan="Salah",
            pk_list=[disetujui[0].pk, lain.pk],
        )
    assert TahunKinerja.objects.get(tahun=2023).terkunci
    assert not NilaiIndikator.objects.filter(tahun=2023, status="draf").exists()
    assert not RiwayatStatus.objects.filter(ke="draf", catatan__contains="Salah").exists()


def test_reopening_needs_a_reason_and_a_locked_year(disetujui, admin_user, masuk):
    client = masuk(admin_user)
    client.post(
        reverse("tahun_buka", args=[2023]),
        {"alasan": "", "pilih": [disetujui[0].pk], "konfirmasi": "1"},
    )
    assert TahunKinerja.objects.get(tahun=2023).terkunci
    r = client.get(reverse("tahun_buka_pilih", args=[2022]))
    assert r.status_code == 302 and r.url == reverse("realisasi", args=[2022])


def test_only_the_admin_reopens(disetujui, sekretaris, ketua, masuk):
    for user in (sekretaris, ketua):
        client = masuk(user)
        assert client.get(reverse("tahun_buka_pilih", args=[2023])).status_code == 403
        r = client.post(
            reverse("tahun_buka", args=[2023]),
            {"alasan": "x", "pilih": [disetujui[0].pk], "konfirmasi": "1"},
        )
        assert r.status_code == 403
    assert TahunKinerja.objects.get(tahun=2023).terkunci


def test_approving_again_clears_the_reopening_notice(
    disetujui, admin_user, operator, sekretaris, ketua, lampiran_bernilai
):
    satker = lampiran_bernilai.satker
    n = disetujui[0]
    alur.tahun_buka(satker=satker, tahun=2023, oleh=admin_user, alasan="Salah", pk_list=[n.pk])
    with pytest.raises(alur.AlurDitolak, match="tidak sedang terkunci"):
        alur.tahun_buka(satker=satker, tahun=2023, oleh=admin_user, alasan="lagi")
    alur.nilai_ajukan(satker=satker, tahun=2023, pk_list=[n.pk], oleh=operator)
    alur.nilai_verifikasi(satker=satker, tahun=2023, pk_list=[n.pk], oleh=sekretaris)
    alur.tahun_ajukan(penetapan=lampiran_bernilai, tahun=2023, oleh=sekretaris)
    tk = alur.tahun_setujui(satker=satker, tahun=2023, oleh=ketua)
    assert tk.terkunci and not tk.dibuka_kembali and tk.alasan_buka == ""


def test_the_admin_site_cannot_change_a_years_or_an_entrys_state(disetujui, client, admin_user):
    client.force_login(admin_user)
    tk = TahunKinerja.objects.get(tahun=2023)
    n = disetujui[0]
    client.post(reverse("admin:indicators_tahunkinerja_change", args=[tk.pk]), {"status": "draf"})
    client.post(reverse("admin:indicators_nilaiindikator_change", args=[n.pk]), {"status": "draf"})
    tk.refresh_from_db()
    n.refresh_from_db()
    assert tk.terkunci and n.status == "diverifikasi"
