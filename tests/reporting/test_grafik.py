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


NAMA_PROGRAM = "1. Program Dukungan Manajemen dan Pelaksanaan Tugas Teknis Lainnya"


def test_a_long_label_above_its_bar_is_broken_between_words_never_inside_one():
    svg = batang_horizontal(
        [
            Batang(NAMA_PROGRAM, D(93)),
            Batang(" ".join(["Penyelenggaraan"] * 12), D(80)),
        ],
        judul="Capaian per Program",
        lebar=360,
        label_di_atas=True,
    )
    root = _svg(svg)
    ns = "{http://www.w3.org/2000/svg}"
    pertama, kedua = (
        [t.text for t in teks.iter(f"{ns}tspan")]
        for teks in root.iter(f"{ns}text")
        if teks.find(f"{ns}tspan") is not None
    )
    assert " ".join(pertama) == NAMA_PROGRAM  # whole, over lines
    assert len(kedua) == 3 and kedua[-1].endswith("Penyelenggaraan…")
    for baris in pertama + kedua:
        assert all(
            kata.rstrip("…") in NAMA_PROGRAM.split() + ["Penyelenggaraan"] for kata in baris.split()
        )


def test_bars_drawn_on_one_given_scale_have_the_same_length_for_the_same_value():
    def lebar_batang(svg) -> str:
        return _svg(svg).find("{http://www.w3.org/2000/svg}rect[@rx]").get("width")

    kecil = batang_horizontal([Batang("A", D(90))], judul="A", maks=D(120))
    besar = batang_horizontal([Batang("B", D(90)), Batang("C", D(115))], judul="B", maks=D(120))
    assert lebar_batang(kecil) == lebar_batang(besar)
