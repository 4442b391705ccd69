from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.capaian import (
    NEGATIF,
    POSITIF,
    RUMUS_1_PLUS,
    RUMUS_2T_KURANG_R,
    RUMUS_T_BAGI_R,
    hitung_capaian,
    rata_rata,
)
from indicators.models import SkalaKategori, kategori_untuk


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "rumus", "hasil"),
    [
        (D(100), D("85.5"), POSITIF, RUMUS_2T_KURANG_R, D("85.5")),
        (D(4), D(5), POSITIF, RUMUS_2T_KURANG_R, D(125)),
        (D(10), D(0), POSITIF, RUMUS_2T_KURANG_R, D(0)),
        (D(10), D(8), NEGATIF, RUMUS_2T_KURANG_R, D(120)),
        (D(10), D(12), NEGATIF, RUMUS_2T_KURANG_R, D(80)),
        (D(10), D(25), NEGATIF, RUMUS_2T_KURANG_R, D(0)),  # never below zero
        (D(10), D(8), NEGATIF, RUMUS_T_BAGI_R, D(125)),
        (D(10), D(20), NEGATIF, RUMUS_T_BAGI_R, D(50)),
        (D(10), D(8), NEGATIF, RUMUS_1_PLUS, D(120)),
        (D(10), D(30), NEGATIF, RUMUS_1_PLUS, D(0)),
    ],
)
def test_it_computes_capaian_for_each_polarity_and_formula(
    target, realisasi, polaritas, rumus, hasil
):
    assert hitung_capaian(target, realisasi, polaritas, rumus) == hasil


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "rumus"),
    [
        (None, D(5), POSITIF, RUMUS_2T_KURANG_R),
        (D(5), None, POSITIF, RUMUS_2T_KURANG_R),
        (None, None, NEGATIF, RUMUS_2T_KURANG_R),
        (D(0), D(5), POSITIF, RUMUS_2T_KURANG_R),
        (D(0), D(0), NEGATIF, RUMUS_1_PLUS),
        (D(5), D(0), NEGATIF, RUMUS_T_BAGI_R),
    ],
)
def test_it_leaves_capaian_undefined_rather_than_zero(target, realisasi, polaritas, rumus):
    assert hitung_capaian(target, realisasi, polaritas, rumus) is None


def test_it_keeps_decimal_precision_until_display():
    hasil = hitung_capaian(D(3), D(1))
    assert isinstance(hasil, D)
    assert hasil.quantize(D("0.0001")) == D("33.3333")


def test_it_averages_only_defined_values():
    assert rata_rata([D(80), None, D(100)]) == D(90)
    assert rata_rata([None, None]) is None


nilai_positif = st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False)
target_positif = st.decimals(min_value="0.0001", max_value=10**9, places=4, allow_nan=False)
semua_rumus = st.sampled_from([RUMUS_2T_KURANG_R, RUMUS_T_BAGI_R, RUMUS_1_PLUS])


@given(target=target_positif, r1=nilai_positif, r2=nilai_positif, rumus=semua_rumus)
def test_positive_capaian_never_falls_as_realisasi_rises(target, r1, r2, rumus):
    rendah, tinggi = sorted([r1, r2])
    assert hitung_capaian(target, rendah, POSITIF, rumus) <= hitung_capaian(
        target, tinggi, POSITIF, rumus
    )


@given(target=target_positif, r1=nilai_positif, r2=nilai_positif, rumus=semua_rumus)
def test_negative_capaian_never_rises_as_realisasi_rises(target, r1, r2, rumus):
    rendah, tinggi = sorted([r1, r2])
    a = hitung_capaian(target, rendah, NEGATIF, rumus)
    b = hitung_capaian(target, tinggi, NEGATIF, rumus)
    if a is not None and b is not None:
        assert a >= b


@given(
    target=target_positif,
    realisasi=nilai_positif,
    polaritas=st.sampled_from([POSITIF, NEGATIF]),
    rumus=semua_rumus,
)
def test_capaian_is_never_negative(target, realisasi, polaritas, rumus):
    hasil = hitung_capaian(target, realisasi, polaritas, rumus)
    assert hasil is None or hasil >= 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("capaian", "nama"),
    [
        (D("120"), "Sangat Baik"),
        (D("91"), "Sangat Baik"),
        (D("90.996"), "Sangat Baik"),  # shown as 91,00%: judged as shown
        (D("90.99"), "Baik"),
        (D("76"), "Baik"),
        (D("75.99"), "Cukup"),
        (D("66"), "Cukup"),
        (D("65.5"), "Kurang"),
        (D("51"), "Kurang"),
        (D("50.99"), "Sangat Kurang"),
        (D("0"), "Sangat Kurang"),
    ],
)
def test_it_rates_capaian_with_the_default_scale(capaian, nama):
    assert kategori_untuk(capaian, SkalaKategori.objects.daftar()).nama == nama


@pytest.mark.django_db
def test_it_rates_with_the_scale_as_edited_in_the_data():
    SkalaKategori.objects.create(nama="Melampaui", batas_bawah=D(105), warna="#000000")
    skala = SkalaKategori.objects.daftar()
    assert kategori_untuk(D(110), skala).nama == "Melampaui"
    assert kategori_untuk(D(100), skala).nama == "Sangat Baik"
    assert kategori_untuk(None, skala) is None
