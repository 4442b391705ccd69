"""The Laporan Kinerja PDF read back as text: what an evaluator looks for."""

import re
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from indicators.models import (
    AnggaranKegiatan,
    Indikator,
    Kegiatan,
    NarasiLaporan,
    NilaiIndikator,
    StatusTahun,
    TahunKinerja,
)
from reporting.laporan import pdf
from reporting.laporan.selectors import susun_laporan

from .bantu import data_sementara, halaman, hilang_dari, normal, pengguna

JUDUL_BAB = [
    "BAB I PENDAHULUAN",
    "BAB II PERENCANAAN KINERJA",
    "BAB III AKUNTABILITAS KINERJA",
    "BAB IV PENUTUP",
]


@pytest.fixture(scope="module")
def lakip(django_db_setup, django_db_blocker):
    """The 2023 LAKIP as a draft (through the view, as the Sekretaris), and
    after the Ketua's approval."""
    with data_sementara(django_db_blocker) as penetapan:
        satker = penetapan.satker
        satker.nama_ketua, satker.nama_sekretaris = "Budi Santoso", "Siti Rahmawati"
        satker.save()
        nilai = NilaiIndikator.objects.get(indikator__kode="1.1.1.1", tahun=2023, triwulan=0)
        nilai.target, nilai.realisasi = Decimal("80"), Decimal("68.4")
        nilai.analisis = "Pelatihan <script>alert(1)</script> tertunda."
        nilai.kendala = "Anggaran pelatihan terbatas."
        nilai.tindak_lanjut = "Menjadwalkan ulang pelatihan pada triwulan I."
        nilai.save()
        NarasiLaporan.objects.create(
            satker=satker,
            tahun=2023,
            bagian=NarasiLaporan.Bagian.KATA_PENGANTAR,
            isi="Puji syukur.\n\n- butir <b>tebal</b>\n- butir kedua",
        )
        anggaran = AnggaranKegiatan.objects.get(kegiatan__kode="1.1", tahun=2023)
        anggaran.pagu, anggaran.realisasi = Decimal("1250000000"), Decimal("1000000000")
        anggaran.save()

        client = Client()
        client.force_login(pengguna("sekretaris-lakip", "Sekretaris", satker))
        response = client.get("/laporan/2023/lakip.pdf")
        indikator = [normal(i.nama) for i in Indikator.objects.dari_penetapan(penetapan)]
        nama_kegiatan = [
            normal(k.nama) for k in Kegiatan.objects.filter(program__penetapan=penetapan)
        ]

        # The approved report is read for its closing page only: rendered from
        # the decree cut down to its first Kegiatan, a few pages instead of 64.
        kegiatan = Kegiatan.objects.filter(program__penetapan=penetapan).order_by(
            "program__urutan", "urutan"
        )
        Kegiatan.objects.filter(pk__in=[k.pk for k in kegiatan[1:]]).delete()
        TahunKinerja.objects.create(
            satker=satker,
            tahun=2023,
            status=StatusTahun.DISETUJUI,
            tanggal_laporan=date(2024, 4, 21),
        )
        disetujui = pdf.lakip_pdf(penetapan, 2023)
        yield SimpleNamespace(
            response=response,
            draf=halaman(response.content),
            disetujui=halaman(disetujui),
            indikator=indikator,
            kegiatan=nama_kegiatan,
        )


def test_the_sekretaris_gets_a_pdf_of_the_year(lakip):
    assert lakip.response.status_code == 200
    assert lakip.response["Content-Type"] == "application/pdf"
    assert lakip.response.content.startswith(b"%PDF")


def test_it_has_the_cover_and_every_chapter_with_its_title(lakip):
    sampul = lakip.draf[0]
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH" in sampul
    assert "TAHUN 2023" in sampul and "KPU Kabupaten Mesuji" in sampul
    semua = " ".join(lakip.draf)
    for judul in [
        "KATA PENGANTAR",
        "DAFTAR ISI",
        "DAFTAR TABEL",
        "DAFTAR GRAFIK",
        "IKHTISAR EKSEKUTIF",
        *JUDUL_BAB,
        "A. Capaian Kinerja Organisasi",
        "B. Realisasi Anggaran",
        "Lampiran 1. Perjanjian Kinerja Tahun 2023",
        "Lampiran 2. Pengukuran Kinerja Tahun 2023",
    ]:
        assert judul in semua, judul


def test_every_indicator_of_the_satker_is_in_the_report(lakip):
    semua = " ".join(lakip.draf)
    hilang = hilang_dari(lakip.indikator, semua)
    assert len(lakip.indikator) == 71
    assert hilang == []


def test_numbers_are_written_the_indonesian_way(lakip):
    semua = " ".join(lakip.draf)
    # 68,4 of 80 → 85,50% in the indicator's rows, Baik on the default scale.
    assert re.search(r"80% 68,4% 85,50% Baik", semua)
    # Budget 1.000.000.000 of 1.250.000.000 → 80,00%.
    assert "1.250.000.000 1.000.000.000 80,00%" in semua


def test_the_table_of_contents_points_at_the_pages_where_the_chapters_start(lakip):
    halaman_isi = next(i for i, h in enumerate(lakip.draf) if h.startswith("DRAF DAFTAR ISI"))
    isi = " ".join(lakip.draf[halaman_isi : halaman_isi + 3])
    for judul in [*JUDUL_BAB, "KATA PENGANTAR", "IKHTISAR EKSEKUTIF"]:
        cari = judul if judul.startswith("BAB") else judul.title()
        nomor = int(re.search(re.escape(cari) + r"(?: ?\.+)? ?(\d+)\b", isi).group(1))
        awal = [n for n in _halaman_judul(lakip.draf, judul) if n != halaman_isi + 1]
        assert awal and awal[0] == nomor, (judul, nomor, awal)


def test_every_draft_page_carries_the_watermark_and_no_signature(lakip):
    assert all("DRAF" in h for h in lakip.draf)
    bab4 = lakip.draf[_halaman_judul(lakip.draf, "BAB IV PENUTUP")[0] - 1]
    assert "Tanda tangan dibubuhkan setelah laporan tahun 2023 disetujui Ketua" in bab4
    assert "Budi Santoso" not in bab4


def test_once_approved_the_closing_page_is_signed_and_the_watermark_is_gone(lakip):
    assert not any(re.search(r"\bDRAF\b", h) for h in lakip.disetujui)
    bab4 = lakip.disetujui[_halaman_judul(lakip.disetujui, "BAB IV PENUTUP")[0] - 1]
    assert "Mesuji, 21 April 2024" in bab4
    assert "Ketua Komisi Pemilihan Umum Kabupaten Mesuji" in bab4
    assert "Budi Santoso" in bab4


def test_the_analysis_and_the_narrative_come_out_as_literal_text(lakip):
    semua = " ".join(lakip.draf)
    assert "Pelatihan <script>alert(1)</script> tertunda." in semua
    assert "Kendala: Anggaran pelatihan terbatas." in semua
    assert "Tindak lanjut: Menjadwalkan ulang pelatihan" in semua
    assert "butir <b>tebal</b>" in semua


def test_the_budget_and_the_perjanjian_kinerja_are_in_the_report(lakip):
    semua = " ".join(lakip.draf)
    assert "Realisasi Anggaran per Kegiatan Tahun 2023" in semua
    assert "Sasaran, Indikator Kinerja dan Target Tahun 2023" in semua
    assert hilang_dari(lakip.kegiatan, semua) == []


def test_the_summary_is_drafted_from_the_data(lakip):
    ikhtisar = lakip.draf[_halaman_judul(lakip.draf, "IKHTISAR EKSEKUTIF")[0] - 1]
    assert re.search(
        r"Dari 71 indikator kinerja, \d+ \(\d+,\d%\) berkategori Sangat Baik", ikhtisar
    )


def _halaman_judul(daftar: list[str], judul: str) -> list[int]:
    """Pages (1-based) where a heading is printed; a table-of-contents line
    (the title followed by its page number) does not count."""
    entri = re.compile(re.escape(judul) + r"(?: ?\.+)? ?\d+\b")
    return [i + 1 for i, h in enumerate(daftar) if judul in h and not entri.search(h)]


def _kueri_laporan(penetapan) -> int:
    with CaptureQueriesContext(connection) as kueri:
        pdf.lakip_html(susun_laporan(penetapan, 2023))
    return len(kueri)


@pytest.mark.django_db
def test_the_report_is_assembled_in_a_fixed_number_of_queries(lampiran_bernilai):
    from indicators.demo import isi_anggaran

    isi_anggaran(lampiran_bernilai, tahun_realisasi_penuh=2023)
    banyak = _kueri_laporan(lampiran_bernilai)
    Kegiatan.objects.filter(program__penetapan=lampiran_bernilai, program__urutan=1).delete()
    assert Indikator.objects.dari_penetapan(lampiran_bernilai).count() < 40
    sedikit = _kueri_laporan(lampiran_bernilai)
    assert banyak == sedikit <= 8
