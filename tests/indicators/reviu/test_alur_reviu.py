import pytest
from django.urls import reverse

from indicators.models import NilaiIndikator, RiwayatStatus, TahunKinerja, TahunTerkunci
from indicators.reviu import services as alur

pytestmark = pytest.mark.django_db


def _nilai_2023(lampiran):
    return NilaiIndikator.objects.filter(
        indikator__sasaran__kegiatan__program__penetapan=lampiran, tahun=2023
    ).order_by("pk")


def _tanpa_lebih(lampiran):
    # Demo values above target need an analisis, those below a kendala and a
    # tindak lanjut, before they can be submitted.
    for n in _nilai_2023(lampiran).select_related("indikator"):
        for kolom in n.penjelasan_kurang:
            setattr(n, kolom, "Dijelaskan.")
        n.save()


def test_the_whole_review_flow_locks_the_year(
    lampiran_bernilai, operator, sekretaris, ketua, admin_user, masuk, client
):
    _tanpa_lebih(lampiran_bernilai)
    url = reverse("realisasi", args=[2023])
    client.force_login(operator)
    r = client.post(reverse("realisasi_ajukan", args=[2023]), {"semua": "1", "konfirmasi": "1"})
    assert r.status_code == 302
    assert _nilai_2023(lampiran_bernilai).filter(status="diajukan").count() == 71

    client.force_login(sekretaris)
    satu = _nilai_2023(lampiran_bernilai).first()
    r = client.post(reverse("nilai_kembalikan", args=[satu.pk]), {"catatan": ""})
    satu.refresh_from_db()
    assert satu.status == "diajukan"  # a return needs a note
    client.post(reverse("nilai_kembalikan", args=[satu.pk]), {"catatan": "Lampirkan SK"})
    satu.refresh_from_db()
    assert (satu.status, satu.catatan_reviu) == ("dikembalikan", "Lampirkan SK")
    client.post(reverse("realisasi_verifikasi", args=[2023]), {"semua": "1", "konfirmasi": "1"})
    client.post(reverse("tahun_ajukan", args=[2023]), {"konfirmasi": "1"})
    assert TahunKinerja.objects.get(tahun=2023).status == "draf"  # one is still returned

    client.force_login(operator)
    assert "Lampirkan SK" in client.get(url).content.decode()
    assert "Lampirkan SK" in client.get(reverse("antrean")).content.decode()
    client.post(reverse("realisasi_ajukan", args=[2023]), {"pilih": [satu.pk]})
    satu.refresh_from_db()
    assert (satu.status, satu.catatan_reviu) == ("diajukan", "")

    client.force_login(sekretaris)
    assert satu.indikator.kode in client.get(reverse("antrean")).content.decode()
    client.post(reverse("realisasi_verifikasi", args=[2023]), {"pilih": [satu.pk]})
    client.post(reverse("tahun_ajukan", args=[2023]), {"konfirmasi": "1"})
    assert TahunKinerja.objects.get(tahun=2023).status == "diajukan"

    client.force_login(ketua)
    assert "Tahun 2023" in client.get(reverse("antrean")).content.decode()
    client.post(reverse("tahun_setujui", args=[2023]), {"konfirmasi": "1"})
    tk = TahunKinerja.objects.get(tahun=2023)
    assert tk.terkunci and tk.disetujui_oleh == ketua

    # Locked: reopening needs a reason, and only the Admin may.
    assert client.post(reverse("tahun_buka", args=[2023]), {"alasan": "x"}).status_code == 403
    client.force_login(admin_user)
    client.post(reverse("tahun_buka", args=[2023]), {"alasan": ""})
    assert TahunKinerja.objects.get(tahun=2023).terkunci
    client.post(
        reverse("tahun_buka", args=[2023]),
        {"alasan": "Salah ketik target 1.1.1.1", "konfirmasi": "1"},
    )
    assert not TahunKinerja.objects.get(tahun=2023).terkunci

    riwayat = RiwayatStatus.objects.filter(nilai=satu).order_by("pk")
    assert [(r.dari, r.ke) for r in riwayat] == [
        ("draf", "diajukan"),
        ("diajukan", "dikembalikan"),
        ("dikembalikan", "diajukan"),
        ("diajukan", "diverifikasi"),
    ]
    assert riwayat[1].oleh == sekretaris and riwayat[1].catatan == "Lampirkan SK"
    tahun = RiwayatStatus.objects.filter(tahun_kinerja=tk).order_by("pk")
    assert [r.ke for r in tahun] == ["diajukan", "disetujui", "draf"]
    assert tahun[2].catatan == "Salah ketik target 1.1.1.1"
    detail = client.get(reverse("nilai_detail", args=[satu.pk])).content.decode()
    assert "Lampirkan SK" in detail


def test_a_row_without_realisasi_cannot_be_submitted(lampiran_bernilai, operator):
    n = NilaiIndikator.objects.filter(tahun=2024, realisasi__isnull=True).first()
    with pytest.raises(alur.AlurDitolak, match="realisasi belum diisi"):
        alur.nilai_ajukan(
            satker=lampiran_bernilai.satker, tahun=2024, pk_list=[n.pk], oleh=operator
        )


def test_the_year_cannot_be_submitted_before_every_indicator_is_verified(
    lampiran_bernilai, sekretaris
):
    with pytest.raises(alur.AlurDitolak, match="71 indikator belum diverifikasi"):
        alur.tahun_ajukan(penetapan=lampiran_bernilai, tahun=2023, oleh=sekretaris)


def test_a_locked_year_refuses_review_transitions(lampiran_bernilai, operator):
    TahunKinerja.objects.create(satker=lampiran_bernilai.satker, tahun=2023, status="disetujui")
    with pytest.raises(TahunTerkunci):
        alur.nilai_ajukan(
            satker=lampiran_bernilai.satker,
            tahun=2023,
            pk_list=list(_nilai_2023(lampiran_bernilai).values_list("pk", flat=True)),
            oleh=operator,
        )


def test_operators_cannot_verify_and_sekretaris_cannot_approve(
    lampiran_bernilai, operator, sekretaris, masuk
):
    client = masuk(operator)
    assert client.post(reverse("realisasi_verifikasi", args=[2023])).status_code == 403
    assert client.post(reverse("tahun_ajukan", args=[2023]), {"konfirmasi": "1"}).status_code == 403
    client.force_login(sekretaris)
    assert client.post(reverse("tahun_setujui", args=[2023])).status_code == 403
    assert client.post(reverse("realisasi_ajukan", args=[2023])).status_code == 403
