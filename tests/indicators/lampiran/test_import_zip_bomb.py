"""A small upload that expands to a huge sheet is refused from the archive's own
measurements, before openpyxl parses it: in a few MB of memory (measured with
tracemalloc, in bytes), with an Indonesian message, recorded in Riwayat impor
from the command and from the admin upload."""

import tracemalloc
import zipfile
from io import BytesIO, StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from indicators.lampiran.arsip import periksa_arsip
from indicators.lampiran.baca import BerkasDitolak, baca_lampiran
from indicators.models import Indikator, RiwayatImpor

from .lampiran_xlsx import media_sementara, simpan  # noqa: F401

pytestmark = pytest.mark.django_db

BATAS_MEMORI = 50 * 1024 * 1024
KEPALA = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<dimension ref="A1:A1"/><sheetData>'
)
EKOR = b"</sheetData></worksheet>"


def _dengan_sheet(isi_sheet: bytes) -> bytes:
    """A valid workbook whose first sheet's XML is replaced."""
    wb = Workbook()
    wb.active.append(["No.", "Kegiatan", "Sasaran", "Indikator"])
    asli = zipfile.ZipFile(BytesIO(simpan(wb)))
    keluaran = BytesIO()
    with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as baru:
        for info in asli.infolist():
            data = isi_sheet if info.filename == "xl/worksheets/sheet1.xml" else asli.read(info)
            baru.writestr(info.filename, data)
    return keluaran.getvalue()


def bom(jumlah_baris: int) -> bytes:
    """Identical one-cell rows under a dimension that says "A1:A1": compresses about
    a thousandfold."""
    return _dengan_sheet(KEPALA + b'<row><c t="n"><v>1</v></c></row>' * jumlah_baris + EKOR)


def baris_beragam(jumlah_baris: int) -> bytes:
    """Rows that compress like real data (no ratio alarm), dimension still lying."""
    baris = b"".join(
        b'<row r="%d"><c r="D%d" t="n"><v>%d</v></c></row>' % (i, i, i * 7919 % 100003)
        for i in range(1, jumlah_baris + 1)
    )
    return _dengan_sheet(KEPALA + baris + EKOR)


def _tolak_dengan_memori_terbatas(data: bytes) -> str:
    tracemalloc.start()
    try:
        with pytest.raises(BerkasDitolak) as info:
            baca_lampiran(data)
        _, puncak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert puncak < BATAS_MEMORI, f"puncak memori {puncak:,} bita"
    return str(info.value)


def test_a_zip_bomb_with_a_lying_dimension_is_refused_in_bounded_memory():
    data = bom(600_000)
    assert len(data) < 1024 * 1024
    pesan = _tolak_dengan_memori_terbatas(data)
    assert "xl/worksheets/sheet1.xml" in pesan and "mengembang" in pesan


def test_rows_past_the_limit_are_counted_from_the_xml_not_the_dimension():
    pesan = _tolak_dengan_memori_terbatas(baris_beragam(50_001))
    assert "melebihi batas 50.000 baris" in pesan


def test_a_single_row_numbered_far_down_counts_up_to_its_number():
    isi = KEPALA + b'<row r="1"><c r="A1" t="n"><v>1</v></c></row><row r="1000000"/>' + EKOR
    pesan = _tolak_dengan_memori_terbatas(_dengan_sheet(isi))
    assert "melebihi batas 50.000 baris" in pesan


def test_too_many_cells_within_the_row_limit_are_refused(monkeypatch):
    monkeypatch.setattr("indicators.lampiran.arsip.BATAS_SEL", 1_000)
    pesan = _tolak_dengan_memori_terbatas(baris_beragam(1_001))
    assert "melebihi batas 1.000 sel" in pesan


def test_a_workbook_within_the_limits_is_read():
    wb = Workbook()
    ws = wb.active
    ws.append(["No.", "Kegiatan", "Sasaran", "Indikator"])
    for i in range(49_990):
        ws.append([None, "K" if i == 0 else None, "S" if i == 0 else None, f"I{i}"])
    periksa_arsip(simpan(wb), 50_000)


def test_the_command_records_the_refused_bomb(tmp_path, lampiran):
    path = tmp_path / "bom.xlsx"
    path.write_bytes(bom(600_000))
    err = StringIO()
    with pytest.raises(CommandError, match="gagal"):
        call_command(
            "import_lampiran",
            str(path),
            "--satker",
            "1811",
            "--periode",
            "2020-2024",
            stdout=StringIO(),
            stderr=err,
        )
    assert "mengembang" in err.getvalue()
    riwayat = RiwayatImpor.objects.get()
    assert not riwayat.berhasil and "mengembang" in riwayat.pesan
    assert riwayat.nama_berkas == "bom.xlsx"


def test_the_admin_upload_records_the_refused_bomb(masuk, admin_user, lampiran):
    sebelum = Indikator.objects.count()
    response = masuk(admin_user).post(
        "/admin/indicators/riwayatimpor/impor/",
        {
            "satker": admin_user.satker.pk,
            "tahun_awal": 2020,
            "tahun_akhir": 2024,
            "berkas": SimpleUploadedFile("bom.xlsx", bom(600_000)),
        },
    )
    assert response.status_code == 200
    assert "mengembang" in response.content.decode()
    riwayat = RiwayatImpor.objects.get()
    assert not riwayat.berhasil and "mengembang" in riwayat.pesan
    assert riwayat.pengguna == admin_user
    assert Indikator.objects.count() == sebelum
