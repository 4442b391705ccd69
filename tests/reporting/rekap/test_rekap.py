"""The rekap across the cascade, one national indicator's distribution and the
national benchmark: figures against hand-computed ones, reading below allowed
and writing never, queries that do not grow with the number of satker."""

from decimal import Decimal
from statistics import median as median_statistik

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.capaian import kuantil, median, peringkat
from indicators.models import (
    Indikator,
    NilaiIndikator,
    PenetapanIKU,
    Satker,
    SkalaKategori,
    StatusReviu,
    TahunKinerja,
)
from reporting.rekap.selectors import banding_nasional, rekap_satker, sebaran_indikator

pytestmark = pytest.mark.django_db

# K1 (positive) in 2025, target 100: realisasi per Kabupaten/Kota.
REALISASI_K1 = {"1811": 90, "1802": 100, "1803": 70, "1804": None, "3171": 95, "3172": 60}


def _indikator(penetapan, kode):
    return Indikator.objects.dari_penetapan(penetapan).get(kode=kode)


@pytest.fixture
def bernilai(kaskade_kecil):
    for kode, realisasi in REALISASI_K1.items():
        NilaiIndikator.objects.create(
            indikator=_indikator(kaskade_kecil[kode], "K1"),
            tahun=2025,
            target=100,
            realisasi=realisasi,
            status=StatusReviu.DIVERIFIKASI if kode == "1802" else StatusReviu.DRAF,
        )
    # K2 (negative, (2T − R)/T): Mesuji target 10, realisasi 12 → 80%.
    NilaiIndikator.objects.create(
        indikator=_indikator(kaskade_kecil["1811"], "K2"), tahun=2025, target=10, realisasi=12
    )
    TahunKinerja.objects.create(
        satker=Satker.objects.get(kode="1802"), tahun=2025, status="disetujui"
    )
    return kaskade_kecil


def test_the_rekap_of_a_province_lists_it_and_its_offices_with_hand_computed_figures(bernilai):
    skala = SkalaKategori.objects.daftar()
    baris = {b.satker.kode: b for b in rekap_satker(Satker.objects.get(kode="18"), 2025, skala)}
    assert set(baris) == {"18", "1811", "1802", "1803", "1804"}  # no office of DKI
    mesuji = baris["1811"]
    assert (mesuji.jumlah, mesuji.terukur, mesuji.terverifikasi) == (2, 2, 0)
    assert mesuji.capaian == Decimal(85)  # (90 + 80) / 2
    assert baris["1802"].status == "disetujui" and baris["1802"].terverifikasi == 1
    assert baris["1804"].terukur == 0 and baris["1804"].capaian is None
    assert {k.nama: n for k, n in mesuji.per_kategori}["Baik"] == 2


def test_the_rekap_of_kpu_ri_holds_every_satker(bernilai):
    baris = rekap_satker(Satker.objects.get(kode="00"), 2025, SkalaKategori.objects.daftar())
    kode = {b.satker.kode for b in baris}
    assert {"00", "18", "31", "1811", "3171", "3172"} <= kode


def test_the_distribution_of_a_national_indicator_has_hand_computed_quartiles(bernilai):
    k1_lampung = _indikator(bernilai["18"], "K1")
    s = sebaran_indikator(k1_lampung, 2025, "kabkota", SkalaKategori.objects.daftar())
    assert sorted(b.satker.kode for b in s.baris) == ["1802", "1803", "1804", "1811"]
    # Capaian 70, 90, 100 (1804 has none): median 90, Q1 80, Q3 95.
    assert (s.median, s.q1, s.q3, s.bercapaian) == (Decimal(90), Decimal(80), Decimal(95), 3)
    kategori = {k.nama: n for k, n in s.per_kategori}
    assert kategori["Sangat Baik"] == 1 and kategori["Baik"] == 1 and kategori["Cukup"] == 1


def test_the_benchmark_gives_the_province_and_national_median_and_rank(bernilai):
    b = banding_nasional(bernilai["1811"], 2025)[_indikator(bernilai["1811"], "K1").pk]
    assert b.capaian == Decimal(90)
    # Lampung: 100, 90, 70 → median 90, Mesuji 2nd of 3.
    assert (b.median_provinsi, b.peringkat_provinsi, b.jumlah_provinsi) == (Decimal(90), 2, 3)
    # All Kabupaten/Kota: 100, 95, 90, 70, 60 → median 90, Mesuji 3rd of 5.
    assert (b.median_nasional, b.peringkat_nasional, b.jumlah_nasional) == (Decimal(90), 3, 5)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=200), min_size=1, max_size=30))
def test_the_median_is_the_statistics_median_and_ranks_count_the_higher_values(nilai):
    desimal = [Decimal(n) for n in nilai]
    assert median(desimal) == Decimal(str(median_statistik(nilai)))
    assert kuantil(desimal, 0) == min(desimal) and kuantil(desimal, 1) == max(desimal)
    assert kuantil(desimal, Decimal("0.25")) <= median(desimal) <= kuantil(desimal, Decimal("0.75"))
    for n in desimal:
        assert peringkat(n, desimal) == 1 + sum(1 for m in desimal if m > n)
    assert peringkat(max(desimal), desimal) == 1


def test_nothing_is_defined_without_values():
    assert median([None, None]) is None and peringkat(None, [Decimal(1)]) is None


@pytest.fixture
def pengguna_tiga_tingkat(buat_pengguna, kaskade_kecil):
    satker = {s.kode: s for s in Satker.objects.filter(kode__in=["00", "18", "31", "1811"])}
    return {
        "admin-ri": buat_pengguna("admin-ri", "Admin", satker["00"], is_staff=True),
        "ketua-lampung": buat_pengguna("ketua-lampung", "Ketua", satker["18"]),
        "operator-lampung": buat_pengguna("operator-lampung", "Operator", satker["18"]),
        "ketua-dki": buat_pengguna("ketua-dki", "Ketua", satker["31"]),
        "ketua-mesuji": buat_pengguna("ketua-mesuji", "Ketua", satker["1811"]),
    }


def test_a_province_reads_its_offices_and_never_another_provinces(
    bernilai, pengguna_tiga_tingkat, client
):
    client.force_login(pengguna_tiga_tingkat["ketua-lampung"])
    halaman = client.get("/rekap/?tahun=2025").content.decode()
    assert "KPU Kabupaten 1802" in halaman and "KPU Kabupaten 3171" not in halaman
    assert client.get("/dasbor/?tahun=2025&satker=1811").status_code == 200
    assert client.get("/?tahun=2025&satker=1811").status_code == 200
    assert client.get("/dasbor/?tahun=2025&satker=3171").status_code == 404
    assert client.get("/rekap/?satker=31").status_code == 404
    k1_dki = _indikator(bernilai["3171"], "K1")
    assert client.get(f"/indikator/{k1_dki.pk}/").status_code == 404
    assert client.get(f"/rekap/indikator/{k1_dki.pk}/").status_code == 404


def test_kpu_ri_reads_every_office_and_a_kabupaten_reads_only_itself(
    bernilai, pengguna_tiga_tingkat, client
):
    client.force_login(pengguna_tiga_tingkat["admin-ri"])
    assert client.get("/dasbor/?tahun=2025&satker=3171").status_code == 200
    assert client.get("/rekap/?tahun=2025&satker=18").status_code == 200
    client.force_login(pengguna_tiga_tingkat["ketua-mesuji"])
    assert client.get("/rekap/?tahun=2025").status_code == 200
    assert client.get("/dasbor/?tahun=2025&satker=18").status_code == 404  # above: never
    assert client.get("/dasbor/?tahun=2025&satker=1802").status_code == 404  # a neighbour


def test_an_operator_does_not_read_below(bernilai, pengguna_tiga_tingkat, client):
    client.force_login(pengguna_tiga_tingkat["operator-lampung"])
    assert client.get("/rekap/?tahun=2025").status_code == 403
    assert client.get("/dasbor/?tahun=2025&satker=1811").status_code == 404


def test_reading_below_writes_nothing_there(bernilai, pengguna_tiga_tingkat, buat_pengguna, client):
    """An Admin of the province posting targets with ?satker= of an office below
    writes its own satker's (here: refused for lack of a row), never the office's."""
    admin_lampung = buat_pengguna("admin-lampung", "Admin", Satker.objects.get(kode="18"))
    k1 = _indikator(bernilai["1811"], "K1")
    sebelum = list(NilaiIndikator.objects.filter(indikator=k1).values_list("target", "versi"))
    client.force_login(admin_lampung)
    client.post("/target/?satker=1811", {f"t{k1.pk}_2025": "5"})
    assert (
        list(NilaiIndikator.objects.filter(indikator=k1).values_list("target", "versi")) == sebelum
    )
    halaman = client.get(f"/indikator/{k1.pk}/?tahun=2025").content.decode()
    assert "hanya baca" in halaman and "Hentikan indikator" not in halaman


def test_the_dashboard_of_a_kabupaten_shows_its_rank_in_the_province(
    bernilai, pengguna_tiga_tingkat, client
):
    client.force_login(pengguna_tiga_tingkat["ketua-mesuji"])
    halaman = client.get("/dasbor/?tahun=2025").content.decode()
    assert "Banding nasional 2025" in halaman
    assert "2 dari 3" in halaman and "3 dari 5" in halaman
    k1 = _indikator(bernilai["1811"], "K1")
    detail = client.get(f"/indikator/{k1.pk}/?tahun=2025").content.decode()
    assert "peringkat 2 dari 3" in detail and "peringkat 3 dari 5" in detail


def test_the_rekap_sorts_and_filters_by_status(bernilai, pengguna_tiga_tingkat, client):
    client.force_login(pengguna_tiga_tingkat["ketua-lampung"])
    halaman = client.get("/rekap/?tahun=2025&urut=capaian&arah=turun").content.decode()
    # Capaian: 1802 100%, Mesuji 85%, 1803 70%, 1804 none (last).
    urutan = [halaman.index(f'<td class="kode">{k}</td>') for k in ("1802", "1811", "1803", "1804")]
    assert urutan == sorted(urutan)
    disetujui = client.get("/rekap/?tahun=2025&status=disetujui").content.decode()
    assert "KPU Kabupaten 1802" in disetujui and "KPU Kabupaten 1803" not in disetujui


def _tambah_kabupaten(jumlah: int, induk_kode: str, ri_iku) -> None:
    from indicators.kaskade.services import iku_adopsi_massal

    induk = Satker.objects.get(kode=induk_kode)
    awal = Satker.objects.count()
    Satker.objects.bulk_create(
        [
            Satker(
                kode=f"8{awal + n:03d}",
                nama=f"KPU Kabupaten Tambahan {n}",
                tingkat="kabkota",
                induk=induk,
            )
            for n in range(jumlah)
        ]
    )
    iku_adopsi_massal(induk=PenetapanIKU.objects.get(satker=induk, tahun_awal=2025), oleh=None)
    for ind in Indikator.objects.filter(
        sasaran__kegiatan__program__penetapan__satker__kode__startswith="8"
    ):
        NilaiIndikator.objects.get_or_create(
            indikator=ind, tahun=2025, defaults={"target": 10, "realisasi": 9}
        )


def _kueri(client, url) -> int:
    """Queries of a page computed afresh (no cached body or summary, no remembered snapshot)."""
    from django.core.cache import caches

    from indicators import sidik

    for c in caches.all():
        c.clear()
    sidik.lupakan_snapshot()
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def test_the_rekap_and_the_distribution_cost_the_same_queries_with_more_satker(
    bernilai, pengguna_tiga_tingkat, masuk, django_assert_max_num_queries
):
    client = masuk(pengguna_tiga_tingkat["admin-ri"])
    k1_ri = _indikator(bernilai["ri"], "K1")
    url = [
        "/rekap/?tahun=2025",
        f"/rekap/indikator/{k1_ri.pk}/?tahun=2025",
        "/dasbor/?tahun=2025&satker=1811",
    ]
    sedikit = [_kueri(client, u) for u in url]
    _tambah_kabupaten(12, "18", bernilai["ri"])
    from django.core.cache import cache

    from indicators import sidik

    cache.clear()
    sidik.lupakan_snapshot()
    banyak = [_kueri(client, u) for u in url]
    assert banyak == sedikit
    # A handful: 22 with every cache empty (the menu's count reads the
    # satker's catalogue fingerprint twice when it computes), fewer after.
    with django_assert_max_num_queries(22):
        cache.clear()
        client.get(url[0])


def test_after_one_office_saves_the_rekap_computes_that_office_alone(bernilai, monkeypatch):
    from reporting.rekap import selectors

    skala = SkalaKategori.objects.daftar()
    lampung = Satker.objects.get(kode="18")
    rekap_satker(lampung, 2025, skala)
    dihitung = []
    asli = selectors._hitung_ringkasan

    def hitung(penetapan, tahun, skala):
        dihitung.append(sorted(penetapan))
        return asli(penetapan, tahun, skala)

    monkeypatch.setattr(selectors, "_hitung_ringkasan", hitung)
    baris = {b.satker.kode: b for b in rekap_satker(lampung, 2025, skala)}
    assert baris["1811"].capaian == Decimal(85)
    assert dihitung == []  # nothing changed: every office's summary from the cache
    nilai = NilaiIndikator.objects.get(indikator=_indikator(bernilai["1811"], "K1"), tahun=2025)
    nilai.realisasi = 50
    nilai.save()
    baris = {b.satker.kode: b for b in rekap_satker(lampung, 2025, skala)}
    assert dihitung == [[bernilai["1811"].pk]]
    assert baris["1811"].capaian == Decimal(65)  # (50 + 80) / 2, never the old 85


def test_a_satker_with_two_periods_chooses_any_year_of_both(bernilai, buat_pengguna, client):
    client.force_login(buat_pengguna("ketua2", "Ketua", Satker.objects.get(kode="1811")))
    halaman = client.get("/dasbor/?tahun=2025").content.decode()
    assert 'label="Periode 2020–2024"' in halaman and 'label="Periode 2025–2029"' in halaman
    assert '<option value="2021"' in halaman and '<option value="2029"' in halaman
    assert client.get("/dasbor/?tahun=2021").status_code == 200


def test_the_menu_offers_the_rekap_above_and_the_cascade_to_admins(
    kaskade_kecil, pengguna_tiga_tingkat, client
):
    def menu(username):
        client.force_login(pengguna_tiga_tingkat[username])
        html = client.get("/dasbor/?tahun=2025").content.decode()
        return html[html.index('<nav class="menu"') : html.index("</nav>")]

    assert ">Rekap<" in menu("ketua-lampung") and ">Kaskade<" not in menu("ketua-lampung")
    assert ">Rekap<" in menu("admin-ri") and ">Kaskade<" in menu("admin-ri")
    assert ">Rekap<" not in menu("ketua-mesuji")  # nothing below a Kabupaten/Kota
    assert ">Rekap<" not in menu("operator-lampung")


def test_a_cached_rekap_shows_a_change_at_once(bernilai, pengguna_tiga_tingkat, masuk):
    from indicators.sidik import sidik_tahun

    client = masuk(pengguna_tiga_tingkat["ketua-lampung"])
    awal = sidik_tahun(2025)
    assert "89,84" not in client.get("/rekap/?tahun=2025").content.decode()
    nilai = NilaiIndikator.objects.get(indikator=_indikator(bernilai["1803"], "K1"), tahun=2025)
    nilai.realisasi = Decimal("89.84")
    nilai.save()
    assert sidik_tahun(2025) != awal and sidik_tahun(2024) is not None
    assert "89,84%" in client.get("/rekap/?tahun=2025").content.decode()


def test_a_year_outside_the_periods_is_a_404_also_once_cached(
    bernilai, pengguna_tiga_tingkat, masuk
):
    client = masuk(pengguna_tiga_tingkat["ketua-lampung"])
    for _ in range(2):  # computed, then from the cache
        assert client.get("/rekap/?tahun=2031").status_code == 404
        assert client.get("/rekap/?tahun=2025").status_code == 200
