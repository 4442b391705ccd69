"""The entry grid's search and filters on the server (?cari=…&saring=…, the
page without script): rows that do not match are hidden, never one with an
unsaved change or an error, and saving still saves every changed row."""

import re

import pytest
from django.urls import reverse

from indicators.models import BuktiDukung, NilaiIndikator

from .test_entri_realisasi import _data

pytestmark = pytest.mark.django_db


def _baris(r) -> list:
    return [
        i.baris
        for p in r.context["hierarki"]
        for k in p["kegiatan"]
        for s in k["sasaran"]
        for i in s["indikator"]
    ]


def _tampil(r) -> list:
    return [b for b in _baris(r) if b.tampil]


def test_below_target_shows_only_rows_under_100_percent_and_counts_them(
    lampiran_bernilai, operator, masuk
):
    r = masuk(operator).get(reverse("realisasi", args=[2023]), {"saring": "di_bawah"})
    tampil = _tampil(r)
    assert tampil and len(tampil) < 71
    assert all(b.capaian is not None and b.capaian < 100 for b in tampil)
    assert all(b.capaian is None or b.capaian >= 100 for b in _baris(r) if not b.tampil)
    teks = r.content.decode()
    assert f"Menampilkan {len(tampil)} dari 71 indikator." in teks
    # Hidden rows are still in the form (a save covers them), just hidden.
    tersembunyi = next(b for b in _baris(r) if not b.tampil)
    assert re.search(
        rf'<tr class="baris-indikator"[^>]*id="i{tersembunyi.indikator.pk}"[^>]* hidden>', teks
    )


@pytest.mark.parametrize(
    ("saring", "syarat"),
    [
        ("di_atas", lambda b: b.capaian is not None and b.capaian > 100),
        ("kosong", lambda b: b.realisasi is None),
        ("perlu_penjelasan", lambda b: bool(b.penjelasan_kurang)),
    ],
)
def test_each_filter_shows_the_rows_it_names(lampiran_bernilai, operator, masuk, saring, syarat):
    r = masuk(operator).get(reverse("realisasi", args=[2024]), {"saring": saring})
    assert _tampil(r)
    assert [b.indikator.kode for b in _tampil(r)] == [
        b.indikator.kode for b in _baris(r) if syarat(b)
    ]


def test_returned_and_without_evidence_filters(lampiran_bernilai, operator, masuk, settings):
    n = NilaiIndikator.objects.filter(tahun=2023).order_by("pk").first()
    NilaiIndikator.objects.filter(pk=n.pk).update(status="dikembalikan", catatan_reviu="SK")
    BuktiDukung.objects.create(
        nilai=NilaiIndikator.objects.filter(tahun=2023).order_by("pk")[1],
        nama_asli="sk.pdf",
        jenis="application/pdf",
        ukuran=9,
        berkas="bukti/sk.pdf",
    )
    client = masuk(operator)
    r = client.get(reverse("realisasi", args=[2023]), {"saring": "dikembalikan"})
    assert [b.nilai.pk for b in _tampil(r)] == [n.pk]
    r = client.get(reverse("realisasi", args=[2023]), {"saring": "tanpa_bukti"})
    assert len(_tampil(r)) == 70


def test_the_search_matches_code_or_name_whatever_the_case(lampiran_bernilai, operator, masuk):
    n = NilaiIndikator.objects.filter(tahun=2023).select_related("indikator").first()
    client = masuk(operator)
    r = client.get(reverse("realisasi", args=[2023]), {"cari": n.indikator.kode})
    assert n.indikator.kode in [b.indikator.kode for b in _tampil(r)]
    kata = n.indikator.nama.split()[-1].upper()
    r = client.get(reverse("realisasi", args=[2023]), {"cari": kata})
    assert _tampil(r) and all(kata.lower() in b.indikator.nama.lower() for b in _tampil(r))
    r = client.get(reverse("realisasi", args=[2023]), {"cari": "tidak-ada-yang-begini"})
    assert _tampil(r) == []
    assert "Menampilkan 0 dari 71 indikator." in r.content.decode()


def test_an_unknown_filter_shows_every_row(lampiran_bernilai, operator, masuk):
    r = masuk(operator).get(reverse("realisasi", args=[2023]), {"saring": "apa"})
    assert len(_tampil(r)) == 71


def test_a_row_in_error_stays_shown_though_it_does_not_match(lampiran_bernilai, operator, masuk):
    client = masuk(operator)
    data = _data(client)
    pk = next(k for k in data if k.endswith("-realisasi")).split("-")[0][1:]
    data[f"r{pk}-realisasi"] = "abc"
    r = client.post(reverse("realisasi", args=[2023]) + "?cari=tidak-ada-yang-begini", data)
    assert r.status_code == 400
    tampil = _tampil(r)
    assert [str(b.indikator.pk) for b in tampil] == [pk]
    assert tampil[0].paksa
    assert "1 tidak cocok dengan saringan tetapi ditampilkan" in r.content.decode()


def test_saving_under_a_filter_saves_every_changed_row_and_keeps_the_filter(
    lampiran_bernilai, operator, masuk
):
    client = masuk(operator)
    data = _data(client)
    kunci = [k for k in data if k.endswith("-realisasi")][:2]
    for k in kunci:
        data[k] = "7"
    url = reverse("realisasi", args=[2023]) + "?cari=tidak-ada-yang-begini&saring=di_atas"
    r = client.post(url, data)
    assert r.status_code == 302
    assert r.url == reverse("realisasi", args=[2023]) + "?cari=tidak-ada-yang-begini&saring=di_atas"
    for k in kunci:
        n = NilaiIndikator.objects.get(indikator_id=int(k.split("-")[0][1:]), tahun=2023)
        assert n.realisasi == 7
