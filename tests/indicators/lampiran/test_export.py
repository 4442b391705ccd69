"""Export of the Lampiran to Excel (printed layout and flat template), the downloads
on the IKU page and in the admin, and the round trip back through the import."""

from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from indicators.lampiran import export_lampiran, import_lampiran
from indicators.models import Indikator, NilaiIndikator, PenetapanIKU, Satker

from .lampiran_xlsx import media_sementara, tulis_tercetak  # noqa: F401

pytestmark = pytest.mark.django_db


def _isi(penetapan) -> list:
    return [
        (
            i.sasaran.kegiatan.program.nama,
            i.sasaran.kegiatan.nama,
            i.sasaran.nama,
            i.nama,
            i.satuan,
            i.polaritas,
            i.target_akhir,
            sorted((n.tahun, n.target, n.realisasi) for n in i.nilai.all() if n.triwulan == 0),
        )
        for i in Indikator.objects.dari_penetapan(penetapan)
        .dengan_hierarki()
        .prefetch_related("nilai")
    ]


def test_the_printed_layout_has_headings_merged_cells_wrapping_widths_and_a_frozen_header(
    lampiran_bernilai,
):
    wb = load_workbook(BytesIO(export_lampiran(lampiran_bernilai, "tercetak")))
    ws = wb.active
    nilai = [[c.value for c in baris] for baris in ws.iter_rows()]
    assert nilai[0][0].startswith("LAMPIRAN KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN MESUJI")
    heading = [b[0] for b in nilai if b[0] and str(b[0]).startswith("Program ")]
    assert len(heading) == 3
    header = nilai[5]
    assert header[:4] == ["No.", "Kegiatan", "Sasaran Kegiatan", "Indikator Kinerja Kegiatan"]
    assert "Target 2020" in header and "Realisasi 2023" in header and "Capaian 2024" in header
    assert header[-1] == "Target akhir"
    gabungan = {str(r) for r in ws.merged_cells.ranges}
    assert any(r.startswith("B") for r in gabungan) and any(r.startswith("C") for r in gabungan)
    assert ws.freeze_panes == "E7"
    assert ws.column_dimensions["D"].width >= 40
    assert ws.cell(7, 4).alignment.wrap_text
    # Capaian is a percent cell computed by the one capaian module.
    ind = Indikator.objects.dengan_hierarki().first()
    n = ind.nilai.get(tahun=2020, triwulan=0)
    kolom = header.index("Capaian 2020") + 1
    assert ws.cell(7, kolom).number_format == "0.00%"
    assert Decimal(str(ws.cell(7, kolom).value)) * 100 == pytest.approx(
        n.capaian, abs=Decimal("0.01")
    )


def test_the_flat_template_has_one_row_per_indicator_with_its_kode(lampiran_bernilai):
    wb = load_workbook(BytesIO(export_lampiran(lampiran_bernilai, "datar")))
    ws = wb.active
    baris = list(ws.iter_rows(values_only=True))
    assert baris[0][:8] == (
        "Kode Program",
        "Program",
        "Kode Kegiatan",
        "Kegiatan",
        "Kode Sasaran",
        "Sasaran",
        "Kode Indikator",
        "Indikator Kinerja",
    )
    assert len(baris) == 72
    assert baris[1][6] == "1.1.1.1"
    assert ws.freeze_panes == "A2"


@pytest.mark.parametrize("bentuk", ["tercetak", "datar"])
def test_export_then_import_into_another_satker_rebuilds_the_same_data(lampiran_bernilai, bentuk):
    data = export_lampiran(lampiran_bernilai, bentuk)
    lain = Satker.objects.create(kode="1802", nama="KPU Kabupaten Lain", tingkat="kabkota")
    hasil = import_lampiran(
        data=data, nama_berkas="x.xlsx", satker=lain, tahun_awal=2020, tahun_akhir=2024
    )
    assert hasil.berhasil, hasil.masalah
    assert hasil.ringkasan().startswith("Program: 3, Kegiatan: 9, Sasaran: 44, Indikator: 71")
    assert _isi(hasil.penetapan) == _isi(lampiran_bernilai)


@pytest.mark.parametrize("bentuk", ["tercetak", "datar"])
def test_export_then_reimport_into_the_same_decree_changes_nothing(lampiran_bernilai, bentuk):
    sebelum = _isi(lampiran_bernilai)
    versi = list(NilaiIndikator.objects.values_list("pk", "versi"))
    hasil = import_lampiran(
        data=export_lampiran(lampiran_bernilai, bentuk),
        nama_berkas="x.xlsx",
        satker=lampiran_bernilai.satker,
        tahun_awal=2020,
        tahun_akhir=2024,
    )
    assert hasil.berhasil, hasil.masalah
    assert all(j.baru == 0 and j.berubah == 0 for _, j in hasil.per_level())
    assert _isi(lampiran_bernilai) == sebelum
    assert list(NilaiIndikator.objects.values_list("pk", "versi")) == versi


def test_export_command_writes_both_formats(tmp_path, lampiran_bernilai):
    for bentuk in ("printed", "flat"):
        out = tmp_path / f"{bentuk}.xlsx"
        call_command(
            "export_lampiran", "--satker", "1811", "--format", bentuk, str(out), stdout=StringIO()
        )
        assert load_workbook(out).active.max_row > 71


def test_export_costs_a_fixed_number_of_queries(lampiran_bernilai):
    with CaptureQueriesContext(connection) as kecil:
        export_lampiran(lampiran_bernilai, "tercetak")
    tambahan = [
        (
            "Program Tambahan",
            [
                (
                    f"Kegiatan {k}",
                    [
                        (f"Sasaran {k}.{s}", [f"Indikator {k}.{s}.{i}" for i in range(4)])
                        for s in range(3)
                    ],
                )
                for k in range(5)
            ],
        )
    ]
    hasil = import_lampiran(
        data=tulis_tercetak(tambahan, tahun=(2021, 2022), nilai_target=lambda i, t: i + 1),
        nama_berkas="tambahan.xlsx",
        satker=lampiran_bernilai.satker,
        tahun_awal=2020,
        tahun_akhir=2024,
    )
    assert hasil.berhasil, hasil.masalah
    assert Indikator.objects.dari_penetapan(lampiran_bernilai).count() == 71 + 60
    with CaptureQueriesContext(connection) as besar:
        export_lampiran(lampiran_bernilai, "tercetak")
        export_lampiran(lampiran_bernilai, "datar")
    assert len(besar) == 2 * len(kecil)


def test_the_iku_page_links_to_both_downloads(masuk, operator, lampiran_bernilai):
    html = masuk(operator).get(reverse("beranda")).content.decode()
    assert reverse("lampiran_unduh", args=["tercetak"]) in html
    assert reverse("lampiran_unduh", args=["datar"]) in html


@pytest.mark.parametrize("bentuk", ["tercetak", "datar"])
def test_any_role_of_the_satker_downloads_its_lampiran(masuk, ketua, lampiran_bernilai, bentuk):
    response = masuk(ketua).get(reverse("lampiran_unduh", args=[bentuk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "1811-2020-2024.xlsx" in response["Content-Disposition"]
    wb = load_workbook(BytesIO(response.content))
    assert wb.active.max_row > 71


def test_download_requires_login_and_an_unknown_format_is_404(client, masuk, operator, lampiran):
    url = reverse("lampiran_unduh", args=["tercetak"])
    assert client.get(url).status_code == 302
    assert masuk(operator).get("/lampiran/unduh/pdf/").status_code == 404


def test_an_outsider_gets_their_own_satkers_404_not_mesujis(masuk, orang_luar, lampiran):
    response = masuk(orang_luar).get(reverse("lampiran_unduh", args=["datar"]))
    assert response.status_code == 404


def test_the_admin_downloads_any_decree(masuk, admin_user, lampiran_bernilai):
    url = reverse("admin:indicators_penetapaniku_lampiran", args=[lampiran_bernilai.pk, "datar"])
    response = masuk(admin_user).get(url)
    assert response.status_code == 200
    assert PenetapanIKU.objects.count() == 1
