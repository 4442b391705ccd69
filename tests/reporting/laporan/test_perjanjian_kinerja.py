"""The Perjanjian Kinerja: the statement sheet signed by Sekretaris and Ketua and its lampiran."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.test import Client

from indicators.models import AnggaranKegiatan, Indikator, Kegiatan

from .bantu import data_sementara, halaman, hilang_dari, normal, pengguna


@pytest.fixture(scope="module")
def pk(django_db_setup, django_db_blocker):
    with data_sementara(django_db_blocker) as penetapan:
        satker = penetapan.satker
        satker.nama_ketua, satker.nama_sekretaris = "Budi Santoso", "Siti Rahmawati, S.E."
        satker.save()
        AnggaranKegiatan.objects.filter(tahun=2023).update(pagu=Decimal("100000000"))
        client = Client()
        client.force_login(pengguna("ketua-pk", "Ketua", satker))
        response = client.get("/laporan/2023/perjanjian-kinerja.pdf")
        yield SimpleNamespace(
            response=response,
            halaman=halaman(response.content),
            indikator=[normal(i.nama) for i in Indikator.objects.dari_penetapan(penetapan)],
            kegiatan=Kegiatan.objects.filter(program__penetapan=penetapan).count(),
        )


def test_any_user_of_the_satker_downloads_it(pk):
    assert pk.response.status_code == 200
    assert pk.response["Content-Type"] == "application/pdf"


def test_the_statement_names_both_parties_from_the_data(pk):
    pernyataan = pk.halaman[0]
    assert "PERJANJIAN KINERJA TAHUN 2023" in pernyataan
    assert "Siti Rahmawati, S.E." in pernyataan
    assert "Sekretaris Komisi Pemilihan Umum Kabupaten Mesuji" in pernyataan
    assert "Budi Santoso" in pernyataan
    assert "Ketua Komisi Pemilihan Umum Kabupaten Mesuji" in pernyataan
    assert "pihak pertama" in pernyataan and "pihak kedua" in pernyataan


def test_the_lampiran_lists_every_indicator_and_the_budget_total(pk):
    semua = " ".join(pk.halaman[1:])
    assert "LAMPIRAN PERJANJIAN KINERJA TAHUN 2023" in semua
    assert hilang_dari(pk.indikator, semua) == []
    total = pk.kegiatan * 100_000_000
    assert f"Jumlah {total:,}".replace(",", ".") in semua


@pytest.mark.django_db
def test_the_running_header_is_escaped_for_css_not_html(lampiran):
    from reporting.laporan.pdf import perjanjian_kinerja_html
    from reporting.laporan.selectors import susun_laporan

    satker = lampiran.satker
    satker.nama = 'KPU "Mesuji" & Tulang Bawang </style><script>'
    satker.save()
    html = perjanjian_kinerja_html(susun_laporan(lampiran, 2023, grafik_sasaran=False))
    assert 'content: "KPU \\"Mesuji\\" & Tulang Bawang \\3c /style>\\3c script>"' in html
    assert "<script>" not in html
