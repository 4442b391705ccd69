"""Pagu and realisasi anggaran per Kegiatan, entered in Indonesian number format."""

from decimal import Decimal

import pytest

from indicators.angka import baca_rupiah
from indicators.models import AnggaranKegiatan, Kegiatan, StatusTahun, TahunKinerja

URL = "/laporan/2023/anggaran/"


@pytest.fixture
def kegiatan(lampiran):
    return list(
        Kegiatan.objects.filter(program__penetapan=lampiran).order_by("program__urutan", "urutan")
    )


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [
        ("1.250.000", Decimal("1250000")),
        ("Rp 1.250.000", Decimal("1250000")),
        ("1250000", Decimal("1250000")),
        ("1.250.000,50", Decimal("1250000.50")),
        ("", None),
    ],
)
def test_it_reads_indonesian_rupiah(teks, nilai):
    assert baca_rupiah(teks) == nilai


@pytest.mark.parametrize("teks", ["1,250,000", "12.50.000", "satu juta", "1.250.000,505", "-5"])
def test_it_refuses_what_is_not_a_rupiah_amount(teks):
    with pytest.raises(ValueError):
        baca_rupiah(teks)


def test_the_sekretaris_saves_every_kegiatan_in_one_go(masuk, sekretaris, kegiatan):
    data = {f"pagu-{k.pk}": "1.250.000" for k in kegiatan}
    data[f"realisasi-{kegiatan[0].pk}"] = "1.000.000"
    response = masuk(sekretaris).post(URL, data)
    assert response.status_code == 302
    assert AnggaranKegiatan.objects.filter(tahun=2023).count() == len(kegiatan)
    pertama = AnggaranKegiatan.objects.get(kegiatan=kegiatan[0], tahun=2023)
    assert pertama.pagu == Decimal("1250000") and pertama.realisasi == Decimal("1000000")
    assert pertama.diubah_oleh == sekretaris
    html = masuk(sekretaris).get(URL).content.decode()
    assert 'value="1.250.000"' in html and "80,00%" in html


def test_one_bad_amount_saves_nothing_and_says_where(masuk, admin_user, kegiatan):
    data = {f"pagu-{k.pk}": "2.000.000" for k in kegiatan}
    data[f"realisasi-{kegiatan[1].pk}"] = "1,5 juta"
    response = masuk(admin_user).post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert f"Kegiatan {kegiatan[1].kode}, kolom Realisasi" in html
    assert 'value="1,5 juta"' in html  # the user's input is kept for correction
    assert not AnggaranKegiatan.objects.exists()


@pytest.mark.parametrize("peran", ["operator", "ketua"])
def test_other_roles_read_but_may_not_write(request, masuk, peran, kegiatan):
    client = masuk(request.getfixturevalue(peran))
    assert client.get(URL).status_code == 200
    assert client.post(URL, {f"pagu-{kegiatan[0].pk}": "1.000"}).status_code == 403
    assert not AnggaranKegiatan.objects.exists()


def test_an_approved_year_is_refused(masuk, sekretaris, kegiatan, mesuji):
    TahunKinerja.objects.create(satker=mesuji, tahun=2023, status=StatusTahun.DISETUJUI)
    client = masuk(sekretaris)
    assert "terkunci" in client.get(URL).content.decode()
    assert client.post(URL, {f"pagu-{kegiatan[0].pk}": "1.000"}).status_code == 403
    assert not AnggaranKegiatan.objects.exists()
