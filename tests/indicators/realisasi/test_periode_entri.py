"""Entering an indicator's realisation per quarter or semester: the period grid,
its entry window and late reason, and the yearly row derived after every write."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators import jadwal
from indicators import periode as pr
from indicators.models import (
    Indikator,
    JadwalPengisian,
    NilaiIndikator,
    StatusReviu,
    StatusTahun,
    TahunKinerja,
    TahunTerkunci,
)
from indicators.realisasi.services import DiLuarJadwal, baris_dari_nilai, nilai_simpan_realisasi

pytestmark = pytest.mark.django_db

TAHUN = 2024


@pytest.fixture
def hari(monkeypatch):
    """Today for the entry windows: a list whose first item a test may change."""
    hari_ini = [date(2024, 7, 5)]  # TW I closed (10 April), TW II open until 10 July
    monkeypatch.setattr(jadwal, "hari_ini", lambda: hari_ini[0])
    return hari_ini


@pytest.fixture
def triwulanan(lampiran) -> Indikator:
    """A cumulative quarterly indicator with targets 10 per quarter in 2024."""
    ind = Indikator.objects.dari_penetapan(lampiran).get(kode="1.1.1.1")
    ind.periode_ukur, ind.aturan_tahunan, ind.satuan = pr.TRIWULANAN, pr.KUMULATIF, "Laporan"
    ind.save()
    for tw in (1, 2, 3, 4):
        NilaiIndikator.objects.create(indikator=ind, tahun=TAHUN, triwulan=tw, target=10)
    NilaiIndikator.objects.turunkan_tahunan([ind], TAHUN, None)
    return ind


def _url(kode="tw2", tahun=TAHUN):
    return reverse("realisasi_periode", args=[tahun, kode])


def _baris(response, pk):
    for program in response.context["hierarki"]:
        for k in program["kegiatan"]:
            for s in k["sasaran"]:
                for i in s["indikator"]:
                    if i.pk == pk:
                        return i.baris
    return None


def _isi(client, ind, kode, realisasi, **lain):
    r = client.get(_url(kode))
    b = _baris(r, ind.pk)
    p = f"r{ind.pk}-"
    data = {
        p + "realisasi": realisasi,
        p + "versi": "" if b.versi is None else str(b.versi),
        p + "asal": b.asal,
        p + "analisis": lain.pop("analisis", b.analisis),
        p + "kendala": lain.pop("kendala", b.kendala),
        p + "tindak_lanjut": lain.pop("tindak_lanjut", b.tindak_lanjut),
    }
    data.update({p + k: v for k, v in lain.items()})
    return client.post(_url(kode), data)


def _tahunan(ind):
    return NilaiIndikator.objects.get(indikator=ind, tahun=TAHUN, triwulan=0)


def test_the_period_grid_lists_only_the_indicators_measured_in_that_period(
    masuk, operator, triwulanan, hari
):
    r = masuk(operator).get(_url("tw2"))
    assert r.status_code == 200
    assert r.context["jumlah_indikator"] == 1
    b = _baris(r, triwulanan.pk)
    assert b.target == Decimal(10) and b.boleh_ubah
    html = r.content.decode()
    assert "Realisasi Triwulan II 2024" in html and "Capaian s.d. TW II" in html
    assert "10 Juli 2024" in html and "sisa 5 hari" in html
    assert masuk(operator).get(_url("s1")).context["jumlah_indikator"] == 0


def test_saving_quarters_derives_the_yearly_realisation_and_capaian_by_the_rule(
    masuk, operator, triwulanan, hari
):
    client = masuk(operator)
    hari[0] = date(2024, 4, 5)
    assert (
        _isi(client, triwulanan, "tw1", "8", kendala="Hujan", tindak_lanjut="Lembur").status_code
        == 302
    )
    hari[0] = date(2024, 7, 5)
    assert _isi(client, triwulanan, "tw2", "12", analisis="Melampaui").status_code == 302
    tahunan = _tahunan(triwulanan)
    assert tahunan.realisasi == Decimal(20) and tahunan.target_sd == Decimal(20)
    assert tahunan.target == Decimal(40) and tahunan.capaian == Decimal(100)
    assert tahunan.terukur_sampai == 2
    # The capaian shown in the TW II grid is the year's so far (20 of 20).
    b = _baris(client.get(_url("tw2")), triwulanan.pk)
    assert b.capaian == Decimal(100)


def test_the_explanation_rule_applies_to_the_capaian_so_far(masuk, operator, triwulanan, hari):
    client = masuk(operator)
    hari[0] = date(2024, 4, 5)
    _isi(client, triwulanan, "tw1", "15", analisis="Banyak laporan")
    hari[0] = date(2024, 7, 5)
    # TW II alone is below its target (5 of 10), but the year so far is above (20 of 20
    # is 100%, 21 of 20 above): no kendala needed, an analysis is.
    r = _isi(client, triwulanan, "tw2", "6")
    assert r.status_code == 400
    assert "analisis" in _baris(r, triwulanan.pk).galat


def test_the_yearly_grid_shows_a_period_indicator_read_only_with_a_link_to_its_periods(
    masuk, operator, triwulanan, hari
):
    r = masuk(operator).get(reverse("realisasi", args=[TAHUN]))
    b = _baris(r, triwulanan.pk)
    assert not b.boleh_ubah
    assert b.url_periode == _url("tw1")
    assert "isi per triwulan" in r.content.decode()


def test_the_yearly_save_never_writes_a_period_indicators_yearly_row(operator, triwulanan, mesuji):
    tahunan = _tahunan(triwulanan)
    b = baris_dari_nilai(triwulanan, tahunan, True)
    b.realisasi = Decimal(99)
    b.asal = "diubah"
    assert nilai_simpan_realisasi(satker=mesuji, tahun=TAHUN, pengguna=operator, baris=[b]) == 0
    assert _tahunan(triwulanan).realisasi is None


def test_before_it_opens_a_period_is_read_only_and_says_when_it_opens(
    masuk, operator, triwulanan, hari, mesuji
):
    r = masuk(operator).get(_url("tw3"))
    assert not _baris(r, triwulanan.pk).boleh_ubah
    assert "dibuka pada 30 September 2024" in r.content.decode()
    n = NilaiIndikator.objects.get(indikator=triwulanan, tahun=TAHUN, triwulan=3)
    b = baris_dari_nilai(triwulanan, n, True)
    b.realisasi, b.asal = Decimal(3), "diubah"
    with pytest.raises(DiLuarJadwal, match="belum dibuka"):
        nilai_simpan_realisasi(satker=mesuji, tahun=TAHUN, pengguna=operator, baris=[b], triwulan=3)


def test_after_the_deadline_a_value_is_refused_without_a_reason_and_kept_with_one(
    masuk, operator, triwulanan, hari
):
    client = masuk(operator)
    r = _isi(client, triwulanan, "tw1", "10")
    assert r.status_code == 400
    assert "10 April 2024" in _baris(r, triwulanan.pk).galat["alasan_terlambat"]
    assert (
        NilaiIndikator.objects.get(indikator=triwulanan, tahun=TAHUN, triwulan=1).realisasi is None
    )

    r = _isi(client, triwulanan, "tw1", "10", alasan_terlambat="Data baru diterima dari PPK")
    assert r.status_code == 302
    n = NilaiIndikator.objects.get(indikator=triwulanan, tahun=TAHUN, triwulan=1)
    assert n.realisasi == Decimal(10) and n.alasan_terlambat == "Data baru diterima dari PPK"
    assert (
        n.history.first().history_change_reason
        == "Diisi setelah batas: Data baru diterima dari PPK"
    )
    assert _tahunan(triwulanan).realisasi == Decimal(10)
    html = client.get(reverse("nilai_detail", args=[n.pk])).content.decode()
    assert "Data baru diterima dari PPK" in html and "Triwulan I 2024" in html


def test_a_deadline_set_by_the_admin_moves_the_window(masuk, operator, triwulanan, hari, mesuji):
    JadwalPengisian.objects.create(satker=mesuji, tahun=TAHUN, triwulan=1, batas=date(2024, 7, 31))
    r = _isi(masuk(operator), triwulanan, "tw1", "10")
    assert r.status_code == 302
    n = NilaiIndikator.objects.get(indikator=triwulanan, tahun=TAHUN, triwulan=1)
    assert n.alasan_terlambat == ""


def test_a_stale_period_form_is_a_conflict_and_saves_nothing(masuk, operator, triwulanan, hari):
    client = masuk(operator)
    lama = client.get(_url("tw2"))
    b = _baris(lama, triwulanan.pk)
    _isi(client, triwulanan, "tw2", "10")
    p = f"r{triwulanan.pk}-"
    r = client.post(
        _url("tw2"),
        {p + "realisasi": "11", p + "versi": str(b.versi), p + "asal": b.asal, p + "analisis": "x"},
    )
    assert r.status_code == 409
    assert NilaiIndikator.objects.get(indikator=triwulanan, tahun=TAHUN, triwulan=2).realisasi == 10


def test_an_approved_year_refuses_period_values(masuk, operator, triwulanan, hari, mesuji):
    TahunKinerja.objects.create(satker=mesuji, tahun=TAHUN, status=StatusTahun.DISETUJUI)
    r = masuk(operator).get(_url("tw2"))
    assert not _baris(r, triwulanan.pk).boleh_ubah
    n = NilaiIndikator.objects.get(indikator=triwulanan, tahun=TAHUN, triwulan=2)
    b = baris_dari_nilai(triwulanan, n, True)
    b.realisasi, b.asal = Decimal(3), "diubah"
    with pytest.raises(TahunTerkunci):
        nilai_simpan_realisasi(satker=mesuji, tahun=TAHUN, pengguna=operator, baris=[b], triwulan=2)


def test_another_satkers_user_sees_none_of_the_period_grid(masuk, orang_luar, triwulanan, hari):
    assert masuk(orang_luar).get(_url("tw2")).status_code == 404


def test_an_unknown_period_is_not_found(masuk, operator, triwulanan, hari):
    assert masuk(operator).get(f"/realisasi/{TAHUN}/tw5/").status_code == 404


def test_reviewing_each_period_derives_the_years_review_state(
    masuk, operator, sekretaris, triwulanan, hari
):
    client = masuk(operator)
    hari[0] = date(2024, 12, 31)
    JadwalPengisian.objects.bulk_create(
        JadwalPengisian(satker=triwulanan.satker, tahun=TAHUN, triwulan=t, batas=date(2025, 1, 10))
        for t in (1, 2, 3, 4)
    )
    for kode in ("tw1", "tw2", "tw3", "tw4"):
        assert _isi(client, triwulanan, kode, "10").status_code == 302
    periode = list(NilaiIndikator.objects.filter(indikator=triwulanan, tahun=TAHUN, triwulan__gt=0))
    pk = [n.pk for n in periode]
    r = client.post(reverse("realisasi_ajukan", args=[TAHUN]), {"pilih": pk[:3], "periode": "tw1"})
    assert r.url == _url("tw1")
    assert _tahunan(triwulanan).status == StatusReviu.DRAF
    client.post(reverse("realisasi_ajukan", args=[TAHUN]), {"pilih": pk[3:]})
    assert _tahunan(triwulanan).status == StatusReviu.DIAJUKAN

    sek = masuk(sekretaris)
    sek.post(reverse("realisasi_verifikasi", args=[TAHUN]), {"pilih": pk})
    assert _tahunan(triwulanan).status == StatusReviu.DIVERIFIKASI
    r = sek.post(reverse("nilai_kembalikan", args=[pk[1]]), {"catatan": "Periksa TW II"})
    assert r.url.startswith(_url("tw2"))
    assert _tahunan(triwulanan).status == StatusReviu.DIKEMBALIKAN


def test_the_derived_yearly_row_offers_no_review_of_its_own(
    masuk, sekretaris, operator, triwulanan, hari
):
    tahunan = _tahunan(triwulanan)
    tahunan.status = StatusReviu.DIAJUKAN
    tahunan.save()
    masuk(sekretaris).post(reverse("realisasi_verifikasi", args=[TAHUN]), {"pilih": [tahunan.pk]})
    assert _tahunan(triwulanan).status == StatusReviu.DIAJUKAN


def test_the_year_counts_a_period_indicator_verified_once_every_period_is(
    masuk, operator, sekretaris, triwulanan, hari, lampiran
):
    from indicators.reviu.services import belum_terverifikasi

    client = masuk(operator)
    hari[0] = date(2024, 12, 31)
    JadwalPengisian.objects.bulk_create(
        JadwalPengisian(satker=triwulanan.satker, tahun=TAHUN, triwulan=t, batas=date(2025, 1, 10))
        for t in (1, 2, 3, 4)
    )
    for kode in ("tw1", "tw2", "tw3"):
        _isi(client, triwulanan, kode, "10")
    pk = list(
        NilaiIndikator.objects.filter(indikator=triwulanan, tahun=TAHUN, triwulan__gt=0)
        .exclude(realisasi=None)
        .values_list("pk", flat=True)
    )
    client.post(reverse("realisasi_ajukan", args=[TAHUN]), {"pilih": pk})
    masuk(sekretaris).post(reverse("realisasi_verifikasi", args=[TAHUN]), {"pilih": pk})
    assert triwulanan in belum_terverifikasi(lampiran, TAHUN)  # TW IV still empty

    client = masuk(operator)
    _isi(client, triwulanan, "tw4", "10")
    tw4 = NilaiIndikator.objects.get(indikator=triwulanan, tahun=TAHUN, triwulan=4)
    client.post(reverse("realisasi_ajukan", args=[TAHUN]), {"pilih": [tw4.pk]})
    masuk(sekretaris).post(reverse("realisasi_verifikasi", args=[TAHUN]), {"pilih": [tw4.pk]})
    assert triwulanan not in belum_terverifikasi(lampiran, TAHUN)


def test_the_antrean_lists_submitted_period_entries_with_their_period(
    masuk, operator, sekretaris, triwulanan, hari
):
    client = masuk(operator)
    _isi(client, triwulanan, "tw2", "10")
    tw2 = NilaiIndikator.objects.get(indikator=triwulanan, tahun=TAHUN, triwulan=2)
    client.post(reverse("realisasi_ajukan", args=[TAHUN]), {"pilih": [tw2.pk], "periode": "tw2"})
    html = masuk(sekretaris).get(reverse("antrean")).content.decode()
    assert "Tahun 2024, Triwulan II" in html
    assert f'href="{_url("tw2")}#i{triwulanan.pk}"' in html
    assert f'href="/nilai/{_tahunan(triwulanan).pk}/"' not in html


def test_submitting_a_period_needs_the_explanation_of_the_capaian_so_far(
    masuk, operator, triwulanan, hari
):
    client = masuk(operator)
    _isi(client, triwulanan, "tw2", "5")  # 5 of 10 so far: kendala and tindak lanjut needed
    tw2 = NilaiIndikator.objects.get(indikator=triwulanan, tahun=TAHUN, triwulan=2)
    r = client.post(reverse("realisasi_ajukan", args=[TAHUN]), {"pilih": [tw2.pk]}, follow=True)
    assert "(Triwulan II): capaian di bawah target tanpa kendala dan tindak lanjut" in (
        r.content.decode()
    )
    tw2.refresh_from_db()
    assert tw2.status == StatusReviu.DRAF
