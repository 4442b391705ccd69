"""The quarter in the documents and the dashboard: the Rencana Aksi and the
Laporan Capaian Kinerja Triwulan read back from their PDF and xlsx, and the
dashboard and documents in a fixed number of queries with quarters present."""

from io import BytesIO

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from indicators import periode as pr
from indicators import sidik
from indicators.models import (
    Indikator,
    KemajuanRencanaAksi,
    NilaiIndikator,
    RencanaAksi,
    UnitKerja,
)
from tests.reporting.laporan.bantu import halaman, hilang_dari


def _triwulanan(penetapan, jumlah: int, tahun: int = 2023) -> list[Indikator]:
    """The first `jumlah` indicators not yet measured per quarter made cumulative
    quarterly ones, with Triwulan I–III entered (targets 3, realisasi 2, 3, 4)
    and the yearly row derived."""
    daftar = list(
        Indikator.objects.dari_penetapan(penetapan)
        .filter(periode_ukur=pr.TAHUNAN)
        .order_by("kode")[:jumlah]
    )
    for ind in daftar:
        ind.periode_ukur, ind.aturan_tahunan = pr.TRIWULANAN, pr.KUMULATIF
        ind.save()
        NilaiIndikator.objects.filter(indikator=ind, tahun=tahun).update(target_diketik=False)
        for tw, r in ((1, 2), (2, 3), (3, 4), (4, None)):
            NilaiIndikator.objects.create(
                indikator=ind, tahun=tahun, triwulan=tw, target=3, realisasi=r
            )
    NilaiIndikator.objects.turunkan_tahunan(daftar, tahun, None)
    return daftar


def _aksi(ind, unit, uraian="=Rapat koordinasi tahunan"):
    r = RencanaAksi.objects.create(
        indikator=ind, tahun=2023, uraian=uraian, penanggung_jawab=unit, anggaran=12_500_000
    )
    KemajuanRencanaAksi.objects.create(
        rencana=r, triwulan=3, target="Laporan TW III", realisasi="Terkirim", status="selesai"
    )
    KemajuanRencanaAksi.objects.create(rencana=r, triwulan=4, target="Laporan akhir")
    return r


@pytest.fixture
def data(lampiran_bernilai, mesuji):
    unit = UnitKerja.objects.create(satker=mesuji, nama="Subbagian Keuangan, Umum dan Logistik")
    ind = _triwulanan(lampiran_bernilai, 1)[0]
    _aksi(ind, unit)
    return lampiran_bernilai, ind


def test_the_quarterly_report_shows_each_period_and_the_capaian_so_far(masuk, ketua, data):
    _, ind = data
    r = masuk(ketua).get("/laporan/2023/tw3/capaian-triwulan.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    teks = " ".join(halaman(r.content))
    assert "LAPORAN CAPAIAN KINERJA TRIWULAN III TAHUN 2023" in teks
    # Cumulative: target so far 3+3+3 = 9, realisasi 2+3+4 = 9, capaian 100%.
    assert f"{ind.kode}" in teks and "9 9 100,00%" in teks
    assert not hilang_dari(["=Rapat koordinasi tahunan", "Laporan TW III", "Terkirim"], teks)
    assert "1 dari 1 langkah aksi" in teks

    tw2 = " ".join(halaman(masuk(ketua).get("/laporan/2023/tw2/capaian-triwulan.pdf").content))
    assert "6 5 83,33%" in tw2  # up to Triwulan II: 3+3 against 2+3


def test_the_quarterly_report_in_excel_keeps_numbers_as_numbers_and_text_as_text(
    masuk, ketua, data
):
    _, ind = data
    r = masuk(ketua).get("/laporan/2023/tw3/capaian-triwulan.xlsx")
    wb = load_workbook(BytesIO(r.content))
    ws = wb["Capaian TW III"]
    judul = [c.value for c in ws[4]]
    baris = next(row for row in ws.iter_rows(min_row=5, values_only=True) if row[0] == ind.kode)
    nilai = dict(zip(judul, baris, strict=True))
    assert (nilai["TW I Target"], nilai["TW I Realisasi"], nilai["TW III Realisasi"]) == (3, 2, 4)
    assert (nilai["Target s.d. triwulan"], nilai["Realisasi s.d. triwulan"]) == (9, 9)
    assert nilai["Capaian (%)"] == 100
    assert nilai["Periode / aturan"] == "Triwulanan, kumulatif"
    aksi = wb["Rencana Aksi"]
    sel = aksi.cell(row=5, column=2)
    assert (sel.value, sel.data_type) == ("=Rapat koordinasi tahunan", "s")
    assert [c.value for c in aksi[5]][3:5] == ["Terkirim", "Selesai"]


def test_the_rencana_aksi_lists_each_indicators_target_actions_milestones_and_budget(
    masuk, sekretaris, data
):
    _, ind = data
    pdf = masuk(sekretaris).get("/laporan/2023/rencana-aksi.pdf")
    teks = " ".join(halaman(pdf.content))
    assert "RENCANA AKSI TAHUN 2023" in teks and "12.500.000" in teks
    assert not hilang_dari(
        ["Laporan TW III", "Laporan akhir", "Subbagian Keuangan, Umum dan Logistik"], teks
    )
    assert "Pihak Pertama" in teks and "DRAF" in teks
    wb = load_workbook(BytesIO(masuk(sekretaris).get("/laporan/2023/rencana-aksi.xlsx").content))
    ws = wb["Rencana Aksi"]
    baris = next(row for row in ws.iter_rows(min_row=5, values_only=True) if row[0] == ind.kode)
    assert baris[4] == "1. =Rapat koordinasi tahunan"
    assert list(baris[5:11]) == [
        None,
        None,
        "Laporan TW III",
        "Laporan akhir",
        "Subbagian Keuangan, Umum dan Logistik",
        12_500_000,
    ]


def _kueri(klien, url: str) -> int:
    cache.clear()
    sidik.lupakan_snapshot()
    with CaptureQueriesContext(connection) as q:
        assert klien.get(url).status_code == 200
    return len(q)


@pytest.mark.parametrize(
    "url",
    [
        "/dasbor/?tahun=2023",
        "/laporan/2023/tw3/capaian-triwulan.xlsx",
        "/laporan/2023/rencana-aksi.xlsx",
    ],
)
def test_the_dashboard_and_documents_read_quarters_in_a_fixed_number_of_queries(
    url, masuk, ketua, lampiran_bernilai, mesuji
):
    klien = masuk(ketua)
    tanpa = _kueri(klien, url)
    unit = UnitKerja.objects.create(satker=mesuji, nama="Subbagian Perencanaan")
    sedikit = _triwulanan(lampiran_bernilai, 2)
    _aksi(sedikit[0], unit)
    dengan = _kueri(klien, url)
    for ind in _triwulanan(lampiran_bernilai, 28):
        _aksi(ind, unit)
    banyak = _kueri(klien, url)
    assert tanpa == dengan == banyak


def test_the_dashboard_shows_the_quarter_trend_and_the_rencana_aksi_progress(masuk, ketua, data):
    isi = masuk(ketua).get("/dasbor/?tahun=2023").content.decode()
    assert "Tren triwulan 2023" in isi and "<svg" in isi
    # Up to Triwulan III one step was due, and it is done.
    assert "1 dari 1 langkah aksi sampai TW III selesai" in isi
    assert "100,00%" in isi


def test_a_rencana_aksi_change_shows_on_the_cached_dashboard_at_once(masuk, ketua, data):
    klien = masuk(ketua)
    assert "1 dari 1 langkah aksi" in klien.get("/dasbor/?tahun=2023").content.decode()
    KemajuanRencanaAksi.objects.filter(triwulan=3).update(status="proses")
    isi = klien.get("/dasbor/?tahun=2023").content.decode()
    assert "0 dari 1 langkah aksi" in isi and "1 dalam proses" in isi
