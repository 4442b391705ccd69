from decimal import Decimal as D
from xml.etree import ElementTree

from reporting.grafik import Batang, Seri, batang_horizontal, tren


def _svg(teks):
    return ElementTree.fromstring(str(teks))


def test_bars_are_valid_svg_with_indonesian_labels_and_written_categories():
    svg = batang_horizontal(
        [
            Batang("Program 1", D("85.5"), "#2563eb", "Baik", "/dasbor/?program=1"),
            Batang("Program <2>", None),
        ],
        judul="Capaian per Program",
    )
    root = _svg(svg)
    assert root.tag.endswith("svg")
    teks = "".join(root.itertext())
    assert "85,50%" in teks and "Baik" in teks and "belum ada data" in teks
    assert "Program <2>" in teks  # escaped in the markup, intact as text
    assert 'href="/dasbor/?program=1"' in str(svg)


def test_trend_leaves_gaps_for_missing_years_and_draws_a_legend():
    svg = tren(
        ["2020", "2021", "2022", "2023", "2024"],
        [
            Seri("Target", [D(10), D(12), D(14), D(16), D(18)], putus=True),
            Seri("Realisasi", [D(9), D(12), None, D("15.5"), D(17)]),
        ],
        judul="Target dan realisasi",
    )
    root = _svg(svg)
    garis = root.findall("{http://www.w3.org/2000/svg}polyline")
    assert len(garis) == 3  # target whole; realisasi broken at 2022
    teks = "".join(root.itertext())
    assert "15,5" in teks and "Target" in teks and "Realisasi" in teks


def test_charts_with_no_data_still_render():
    assert _svg(batang_horizontal([], judul="Kosong")) is not None
    assert _svg(tren(["2020"], [Seri("A", [None])], judul="Kosong")) is not None


def test_the_box_plot_writes_its_median_inside_the_chart_near_the_right_edge():
    from decimal import Decimal

    from reporting.grafik import kotak

    svg = kotak(
        [Decimal(90), Decimal(100), Decimal(100)],
        "Sebaran",
        Decimal(95),
        Decimal(100),
        Decimal(100),
        lebar=360,
    )
    assert "median 100,00%" in svg
    assert 'text-anchor="end" fill="#7f1d1d">median' in svg
    assert svg.count("<circle") == 3
