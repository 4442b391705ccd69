from decimal import Decimal as D

import pytest

from indicators.angka import angka, persen, rupiah


@pytest.mark.parametrize(
    ("nilai", "desimal", "teks"),
    [
        (D("85.5000"), None, "85,5"),
        (D("1250"), None, "1.250"),
        (D("1234567.125"), None, "1.234.567,125"),
        (D("91.666666"), 2, "91,67"),
        (D("0.005"), 2, "0,01"),
        (D("100"), 2, "100,00"),
        (None, None, "—"),
    ],
)
def test_it_writes_numbers_the_indonesian_way(nilai, desimal, teks):
    assert angka(nilai, desimal) == teks


@pytest.mark.parametrize("n", [0, 7, 999, 1000, 1250, 1234567, 10**12])
@pytest.mark.parametrize("desimal", [None, 0, 2])
def test_a_whole_number_reads_as_the_same_decimal_would(n, desimal):
    assert angka(n, desimal) == angka(D(n), desimal)


def test_percent_and_rupiah():
    assert persen(D("85.5")) == "85,50%"
    assert persen(D("91.6666")) == "91,67%"
    assert persen(None) == "—"
    assert rupiah(D("1500000.40")) == "Rp1.500.000"
