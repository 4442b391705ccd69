"""The flat template (one row per indicator with kode) round-trips: export → edit →
import updates by kode, adds new rows, and never duplicates."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from indicators.lampiran import export_lampiran, import_lampiran
from indicators.models import Indikator, NilaiIndikator, Program, Satker

from .lampiran_xlsx import media_sementara, simpan  # noqa: F401

pytestmark = pytest.mark.django_db


def _impor(data: bytes, satker=None):
    return import_lampiran(
        data=data,
        nama_berkas="templat.xlsx",
        satker=satker or Satker.objects.get(kode="1811"),
        tahun_awal=2020,
        tahun_akhir=2024,
    )


def _templat(penetapan):
    wb = load_workbook(BytesIO(export_lampiran(penetapan, "datar")))
    ws = wb.active
    kolom = {c.value: c.column for c in ws[1]}
    return wb, ws, kolom


def test_a_changed_name_with_the_same_kode_is_an_update(lampiran_bernilai):
    wb, ws, kolom = _templat(lampiran_bernilai)
    ind = Indikator.objects.get(kode="1.1.2.1", sasaran__kode="1.1.2")
    ws.cell(3, kolom["Indikator Kinerja"]).value = "Jumlah laporan keuangan (diperbaiki)"
    ws.cell(3, kolom["Target 2024"]).value = "1.250"
    hasil = _impor(simpan(wb))
    assert hasil.berhasil, hasil.masalah
    assert (hasil.jumlah["indikator"].berubah, hasil.jumlah["indikator"].baru) == (1, 0)
    assert (hasil.jumlah["nilai"].berubah, hasil.jumlah["nilai"].baru) == (1, 0)
    ind.refresh_from_db()
    assert ind.nama == "Jumlah laporan keuangan (diperbaiki)"
    assert ind.nilai.get(tahun=2024).target == Decimal(1250)
    assert Indikator.objects.count() == 71


def test_a_new_row_with_a_new_kode_is_added_under_its_sasaran(lampiran_bernilai):
    wb, ws, kolom = _templat(lampiran_bernilai)
    salinan = [c.value for c in ws[2]]
    salinan[kolom["Kode Indikator"] - 1] = "1.1.1.2"
    salinan[kolom["Indikator Kinerja"] - 1] = "Indikator tambahan"
    ws.insert_rows(3)
    for i, v in enumerate(salinan, 1):
        ws.cell(3, i).value = v
    hasil = _impor(simpan(wb))
    assert hasil.berhasil, hasil.masalah
    baru = Indikator.objects.get(nama="Indikator tambahan")
    assert (baru.kode, baru.sasaran.kode, baru.urutan) == ("1.1.1.2", "1.1.1", 2)
    assert Indikator.objects.count() == 72


def test_a_hand_typed_flat_sheet_without_kode_imports_by_name():
    wb = Workbook()
    ws = wb.active
    ws.append(["Program", "Kegiatan", "Sasaran", "Indikator", "Satuan", "Target 2022"])
    ws.append(["Program A", "Kegiatan A", "Sasaran A", "Indikator 1", "Persen", 0.9])
    ws.append(["Program A", "Kegiatan A", "Sasaran A", "Indikator 2", "Jumlah", "12"])
    ws.append(["Program B", "Kegiatan B", "Sasaran B", "Indikator 3", "Dokumen", None])
    ws.cell(2, 6).number_format = "0%"
    hasil = _impor(simpan(wb))
    assert hasil.berhasil, hasil.masalah
    assert hasil.tata_letak == "datar"
    assert list(Program.objects.order_by("urutan").values_list("kode", "nama")) == [
        ("1", "Program A"),
        ("2", "Program B"),
    ]
    assert list(Indikator.objects.order_by("kode").values_list("kode", "satuan")) == [
        ("1.1.1.1", "Persen"),
        ("1.1.1.2", "Jumlah"),
        ("2.1.1.1", "Dokumen"),
    ]
    assert sorted(NilaiIndikator.objects.values_list("target", flat=True)) == [12, 90]
    again = _impor(simpan(wb))
    assert all(j.baru == 0 and j.berubah == 0 for _, j in again.per_level())


def test_empty_cells_in_the_template_do_not_erase_stored_values(lampiran_bernilai):
    wb, ws, kolom = _templat(lampiran_bernilai)
    for r in range(2, ws.max_row + 1):
        ws.cell(r, kolom["Target 2020"]).value = None
    sebelum = list(NilaiIndikator.objects.values_list("pk", "target"))
    hasil = _impor(simpan(wb))
    assert hasil.berhasil
    assert list(NilaiIndikator.objects.values_list("pk", "target")) == sebelum
