"""The rules that turn an indicator's periods into the year's figure, and the
derived yearly row."""

import hashlib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import periode as pr
from indicators.models import Indikator, NilaiIndikator, StatusReviu
from tests.indicators.factories import IndikatorFactory, PenggunaFactory

angka = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
periode = st.lists(st.one_of(st.none(), angka), min_size=1, max_size=4)


@given(periode)
def test_cumulative_is_the_sum_and_never_falls_as_periods_are_added(nilai):
    hasil = [pr.gabung(pr.KUMULATIF, nilai[: i + 1]) for i in range(len(nilai))]
    ada = [h for h in hasil if h is not None]
    assert ada == sorted(ada)
    terukur = [n for n in nilai if n is not None]
    assert hasil[-1] == (sum(terukur) if terukur else None)


@given(periode)
def test_last_value_is_the_last_period_measured(nilai):
    terukur = [n for n in nilai if n is not None]
    assert pr.gabung(pr.NILAI_AKHIR, nilai) == (terukur[-1] if terukur else None)


@given(periode)
def test_the_average_lies_between_the_smallest_and_largest_period(nilai):
    terukur = [n for n in nilai if n is not None]
    hasil = pr.gabung(pr.RATA_RATA, nilai)
    if not terukur:
        assert hasil is None
    else:
        assert min(terukur) <= hasil <= max(terukur)


@pytest.mark.parametrize("aturan", [pr.KUMULATIF, pr.NILAI_AKHIR, pr.RATA_RATA])
def test_a_missing_period_is_never_read_as_zero(aturan):
    assert pr.gabung(aturan, [None, None]) is None
    assert pr.gabung(aturan, [Decimal(4), None]) == Decimal(4)


def test_a_cumulative_indicator_is_compared_with_the_target_of_the_periods_it_reports():
    target_sd, realisasi = pr.sampai_saat_ini(
        pr.KUMULATIF, [(Decimal(3), Decimal(3)), (Decimal(3), Decimal(2)), (Decimal(3), None)]
    )
    assert (target_sd, realisasi) == (Decimal(6), Decimal(5))


@pytest.mark.parametrize(
    ("kode", "harapan"),
    [("tw1", (pr.TRIWULANAN, 1)), ("tw4", (pr.TRIWULANAN, 4)), ("s1", (pr.SEMESTERAN, 2))],
)
def test_period_urls_name_their_quarter_slot(kode, harapan):
    assert pr.dari_kode_url(kode) == harapan
    assert pr.kode_url(*harapan) == kode
    assert pr.dari_kode_url("tw5") is None and pr.dari_kode_url("s3") is None


def test_a_period_closes_on_the_tenth_day_after_its_quarter():
    assert pr.batas_bawaan(2026, 1).isoformat() == "2026-04-10"
    assert pr.batas_bawaan(2026, 4).isoformat() == "2027-01-10"
    assert pr.nama_periode(pr.SEMESTERAN, 4) == "Semester II"
    assert pr.nama_periode(pr.TRIWULANAN, 3) == "Triwulan III"


@pytest.mark.django_db
def test_a_yearly_indicator_keeps_the_fingerprint_it_had_before_periods_existed():
    ind = IndikatorFactory()
    lama = "\x1f".join(
        str(getattr(ind, f))
        for f in ("kode", "nama", "satuan", "polaritas", "rumus_negatif", "definisi")
    )
    assert ind.sidik_isi() == hashlib.sha1(lama.encode()).hexdigest()
    ind.periode_ukur = pr.TRIWULANAN
    assert ind.sidik_isi() != hashlib.sha1(lama.encode()).hexdigest()


@pytest.mark.django_db
def test_a_yearly_value_keeps_its_capaian():
    ind = IndikatorFactory()
    nilai = NilaiIndikator.objects.create(
        indikator=ind, tahun=2022, target=Decimal(80), realisasi=Decimal(60)
    )
    assert nilai.capaian == Decimal(75)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("aturan", "realisasi", "target_sd", "target"),
    [
        (pr.KUMULATIF, Decimal(9), Decimal(9), Decimal(12)),
        (pr.NILAI_AKHIR, Decimal(4), Decimal(3), Decimal(3)),
        (pr.RATA_RATA, Decimal(3), Decimal(3), Decimal(3)),
    ],
)
def test_the_yearly_row_follows_the_periods_by_the_indicators_rule(
    aturan, realisasi, target_sd, target
):
    pengguna = PenggunaFactory()
    ind = IndikatorFactory(periode_ukur=pr.TRIWULANAN, aturan_tahunan=aturan)
    for tw, r in [(1, 2), (2, 3), (3, 4)]:
        NilaiIndikator.objects.create(
            indikator=ind,
            tahun=2026,
            triwulan=tw,
            target=Decimal(3),
            realisasi=Decimal(r),
            analisis=f"TW {tw}",
            status=StatusReviu.DIVERIFIKASI,
        )
    NilaiIndikator.objects.create(indikator=ind, tahun=2026, triwulan=4, target=Decimal(3))
    NilaiIndikator.objects.turunkan_tahunan([ind], 2026, pengguna)
    tahunan = NilaiIndikator.objects.get(indikator=ind, tahun=2026, triwulan=0)
    assert (tahunan.realisasi, tahunan.target_sd, tahunan.target) == (realisasi, target_sd, target)
    assert tahunan.terukur_sampai == 3 and tahunan.analisis == "TW 3"
    assert tahunan.status == StatusReviu.DRAF  # TW IV is still open
    assert not tahunan.target_diketik
    assert tahunan.history.first().history_user == pengguna


@pytest.mark.django_db
def test_a_typed_yearly_target_is_kept_and_used_once_the_year_is_complete():
    pengguna = PenggunaFactory()
    ind = IndikatorFactory(periode_ukur=pr.SEMESTERAN, aturan_tahunan=pr.KUMULATIF)
    NilaiIndikator.objects.create(indikator=ind, tahun=2026, target=Decimal(100))
    for tw in (2, 4):
        NilaiIndikator.objects.create(
            indikator=ind,
            tahun=2026,
            triwulan=tw,
            target=Decimal(40),
            realisasi=Decimal(45),
            status=StatusReviu.DIVERIFIKASI,
        )
    NilaiIndikator.objects.turunkan_tahunan([ind], 2026, pengguna)
    tahunan = NilaiIndikator.objects.get(indikator=ind, tahun=2026, triwulan=0)
    assert tahunan.target == Decimal(100) and tahunan.target_sd == Decimal(100)
    assert tahunan.realisasi == Decimal(90) and tahunan.capaian == Decimal(90)
    assert tahunan.status == StatusReviu.DIVERIFIKASI


@pytest.mark.django_db
def test_yearly_indicators_are_left_alone():
    ind = IndikatorFactory()
    NilaiIndikator.objects.turunkan_tahunan([ind], 2026, PenggunaFactory())
    assert not NilaiIndikator.objects.filter(indikator=ind).exists()
    assert Indikator.objects.get(pk=ind.pk).periode_ukur == pr.TAHUNAN
