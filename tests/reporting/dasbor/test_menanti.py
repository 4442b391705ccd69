"""The top of the dashboard: what awaits the user (the Ketua's submitted year,
the Sekretaris's entries to verify) and the notice of a reopened year."""

import pytest
from django.urls import reverse

from indicators.models import NilaiIndikator, TahunKinerja

pytestmark = pytest.mark.django_db


def _ajukan_tahun(satker, tahun, oleh):
    return TahunKinerja.objects.create(
        satker=satker, tahun=tahun, status="diajukan", diajukan_oleh=oleh
    )


def test_the_ketua_sees_the_submitted_year_with_its_approval_and_summary(
    lampiran_bernilai, ketua, sekretaris, masuk
):
    _ajukan_tahun(lampiran_bernilai.satker, 2023, sekretaris)
    r = masuk(ketua).get(reverse("dasbor"), {"tahun": 2022})
    teks = r.content.decode()
    assert "Menunggu tindakan Anda" in teks
    assert "<strong>Tahun 2023</strong> diajukan sekretaris" in teks
    assert f'action="{reverse("tahun_setujui", args=[2023])}"' in teks
    assert 'data-ringkasan="#ringkasan-setujui-2023"' in teks
    assert "Tanpa bukti dukung: 71 indikator" in teks


def test_the_sekretaris_sees_how_many_entries_wait_per_year(
    lampiran_bernilai, ketua, sekretaris, masuk
):
    for tahun, jumlah in ((2022, 3), (2023, 2)):
        pk = NilaiIndikator.objects.filter(tahun=tahun).values_list("pk", flat=True)[:jumlah]
        NilaiIndikator.objects.filter(pk__in=list(pk)).update(status="diajukan")
    _ajukan_tahun(lampiran_bernilai.satker, 2021, sekretaris)
    teks = masuk(sekretaris).get(reverse("dasbor")).content.decode()
    assert "<strong>5 indikator</strong> menunggu verifikasi Anda</a> (2022: 3; 2023: 2)" in teks
    assert f'action="{reverse("tahun_setujui", args=[2021])}"' not in teks  # the Ketua's


def test_nothing_awaits_the_operator_and_nothing_is_shown(lampiran_bernilai, operator, masuk):
    NilaiIndikator.objects.filter(tahun=2023).update(status="diajukan")
    assert "Menunggu tindakan Anda" not in masuk(operator).get(reverse("dasbor")).content.decode()


def test_a_reopened_year_shows_its_reason_to_everyone_until_approved_again(
    lampiran_bernilai, operator, admin_user, masuk
):
    from django.utils import timezone

    tk = TahunKinerja.objects.create(
        satker=lampiran_bernilai.satker,
        tahun=2023,
        dibuka_oleh=admin_user,
        dibuka_pada=timezone.now(),
        alasan_buka="Target 1.1 salah ketik",
    )
    client = masuk(operator)
    teks = client.get(reverse("dasbor")).content.decode()
    assert "Tahun 2023 dibuka kembali</strong> oleh admin" in teks
    assert "Target 1.1 salah ketik" in teks
    tk.status = "disetujui"
    tk.save()
    assert "dibuka kembali" not in client.get(reverse("dasbor")).content.decode()
