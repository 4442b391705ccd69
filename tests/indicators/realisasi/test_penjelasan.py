"""A result below its target states its cause (kendala) and the solution taken
(tindak lanjut) before it is submitted, as one above its target states its
analysis; a value far from its target is saved only once confirmed."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.demo import isi_penjelasan
from indicators.models import NilaiIndikator, SkalaKategori, kategori_untuk, penjelasan_kurang
from indicators.reviu import services as alur
from tests.indicators.realisasi.test_entri_realisasi import _data, _nilai

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("capaian", "analisis", "kendala", "tindak", "kurang"),
    [
        (Decimal("120"), "", "", "", ["analisis"]),
        (Decimal("120"), "Dijelaskan", "", "", []),
        (Decimal("80"), "", "", "", ["kendala", "tindak_lanjut"]),
        (Decimal("80"), "", "Pegawai kurang", "", ["tindak_lanjut"]),
        (Decimal("80"), "", "Pegawai kurang", "Menambah pegawai", []),
        (Decimal("100"), "", "", "", []),
        (None, "", "", "", []),
    ],
)
def test_one_rule_says_which_explanation_is_missing(capaian, analisis, kendala, tindak, kurang):
    assert penjelasan_kurang(capaian, analisis, kendala, tindak) == kurang


def _di_bawah_target(lampiran):
    for n in NilaiIndikator.objects.filter(
        indikator__sasaran__kegiatan__program__penetapan=lampiran, tahun=2023
    ).select_related("indikator"):
        if n.capaian is not None and n.capaian < 100:
            n.kendala = n.tindak_lanjut = ""
            n.save()
            return n
    raise AssertionError("tidak ada nilai di bawah target")


def test_a_result_below_target_cannot_be_submitted_without_kendala_and_tindak_lanjut(
    lampiran_bernilai, operator
):
    n = _di_bawah_target(lampiran_bernilai)
    with pytest.raises(alur.AlurDitolak, match=f"{n.indikator.kode}: capaian di bawah target"):
        alur.nilai_ajukan(satker=n.indikator.satker, tahun=2023, pk_list=[n.pk], oleh=operator)
    n.kendala, n.tindak_lanjut = "Data mitra terlambat.", "Tenggat data disepakati."
    n.save()
    alur.nilai_ajukan(satker=n.indikator.satker, tahun=2023, pk_list=[n.pk], oleh=operator)
    n.refresh_from_db()
    assert n.status == "diajukan"


def test_the_grid_marks_the_rows_that_still_need_an_explanation(lampiran_bernilai, operator, masuk):
    n = _di_bawah_target(lampiran_bernilai)
    html = masuk(operator).get(reverse("realisasi", args=[2023])).content.decode()
    baris = html.split(f'id="i{n.indikator_id}"', 1)[1].split("</tr>", 1)[0]
    assert 'data-perlu="kendala tindak_lanjut"' in baris
    assert '<p class="perlu-penjelasan">Capaian di bawah target: isi kendala dan tindak lanjut' in (
        baris
    )


def test_a_value_far_from_its_target_needs_a_confirmation_and_keeps_its_reason(
    lampiran_bernilai, operator, masuk
):
    client = masuk(operator)
    data = _data(client)
    n = _nilai(lampiran_bernilai, "1.1.1.1")
    p = f"r{n.indikator_id}-"
    data[p + "realisasi"] = "950"
    data[p + "analisis"] = "Pelatihan tambahan."
    r = client.post(reverse("realisasi", args=[2023]), data)
    assert r.status_code == 400
    assert "centang “Nilai ini benar”" in r.content.decode()
    n.refresh_from_db()
    assert n.realisasi != Decimal("950")

    data[p + "yakin"] = "1"
    data[p + "alasan"] = "Termasuk peserta dari kabupaten tetangga."
    assert client.post(reverse("realisasi", args=[2023]), data).status_code == 302
    n.refresh_from_db()
    assert n.realisasi == Decimal("950")
    terakhir = n.history.order_by("-history_id").first()
    assert terakhir.history_change_reason == (
        "Nilai ini benar: Termasuk peserta dari kabupaten tetangga."
    )


def test_the_demo_explains_every_poor_result_of_2023(lampiran_bernilai):
    isi_penjelasan(lampiran_bernilai)
    skala = SkalaKategori.objects.daftar()
    buruk = [
        n
        for n in NilaiIndikator.objects.filter(tahun=2023).select_related("indikator")
        if (k := kategori_untuk(n.capaian, skala)) and k.nama in ("Kurang", "Sangat Kurang")
    ]
    assert buruk
    assert all(n.kendala and n.tindak_lanjut for n in buruk)
