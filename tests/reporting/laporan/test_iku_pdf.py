"""The IKU document: the decree's Lampiran regenerated in its own layout."""

from types import SimpleNamespace

import pytest
from django.test import Client

from indicators.models import Indikator, Program
from reporting.laporan.selectors import tabel_iku

from .bantu import data_sementara, halaman, hilang_dari, normal, pengguna


@pytest.fixture(scope="module")
def iku(django_db_setup, django_db_blocker):
    with data_sementara(django_db_blocker) as penetapan:
        client = Client()
        client.force_login(pengguna("operator-iku", "Operator", penetapan.satker))
        response = client.get("/laporan/iku.pdf")
        yield SimpleNamespace(
            response=response,
            halaman=halaman(response.content),
            indikator=[normal(i.nama) for i in Indikator.objects.dari_penetapan(penetapan)],
            program=[normal(p.nama) for p in Program.objects.filter(penetapan=penetapan)],
            tabel=tabel_iku(penetapan),
        )


def test_it_is_a_pdf_with_the_decree_reference(iku):
    assert iku.response.status_code == 200
    pertama = iku.halaman[0]
    assert "LAMPIRAN" in pertama and "18 Tahun 2022" in pertama and "21 April 2022" in pertama
    assert "INDIKATOR KINERJA UTAMA TAHUN 2020–2024" in pertama


def test_it_has_one_table_per_program_with_every_indicator(iku):
    semua = " ".join(iku.halaman)
    assert hilang_dari(iku.program, semua) == []
    assert hilang_dari(iku.indikator, semua) == []
    assert semua.count("No. Kegiatan Sasaran Kegiatan Indikator Kinerja Kegiatan") >= 3


def test_kegiatan_and_sasaran_cells_are_merged_over_their_indicators(iku):
    assert len(iku.tabel) == 3
    for _, baris in iku.tabel:
        awal_kegiatan = [b for b in baris if b.kegiatan]
        assert sum(b.rowspan_kegiatan for b in awal_kegiatan) == len(baris)
        assert sum(b.rowspan_sasaran for b in baris if b.sasaran) == len(baris)
        assert [b.nomor for b in awal_kegiatan] == list(range(1, len(awal_kegiatan) + 1))


@pytest.mark.django_db
def test_the_manual_iku_names_each_indicators_periodicity_and_yearly_rule(lampiran):
    from reporting.laporan.pdf import iku_pdf

    ind = Indikator.objects.dari_penetapan(lampiran).get(kode="1.1.1.1")
    ind.periode_ukur, ind.aturan_tahunan = "triwulanan", "kumulatif"
    ind.save()
    teks = " ".join(halaman(iku_pdf(lampiran)))
    assert "MANUAL INDIKATOR KINERJA UTAMA" in teks
    manual = teks[teks.index("MANUAL INDIKATOR KINERJA UTAMA") :]
    assert "Triwulanan" in manual and "Kumulatif" in manual
    assert manual.count("Tahunan") >= 70
