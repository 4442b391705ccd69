"""Bad files are refused with Indonesian messages naming sheet, row and column, every
problem listed, the command exits non-zero, and the database is left exactly as it was."""

from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from indicators.lampiran import BATAS_UKURAN, import_lampiran
from indicators.models import (
    Indikator,
    Kegiatan,
    NilaiIndikator,
    PenetapanIKU,
    Program,
    RiwayatImpor,
    Sasaran,
    Satker,
    TahunKinerja,
)

from .lampiran_xlsx import media_sementara, simpan, tabel_sederhana, tulis_tercetak  # noqa: F401

pytestmark = pytest.mark.django_db


def _keadaan() -> tuple:
    return (
        list(PenetapanIKU.objects.values_list("pk", "nomor")),
        list(Program.objects.values_list("pk", "kode", "nama", "urutan")),
        list(Kegiatan.objects.values_list("pk", "kode", "nama", "urutan")),
        list(Sasaran.objects.values_list("pk", "kode", "nama", "urutan")),
        list(Indikator.objects.values_list("pk", "kode", "nama", "urutan", "satuan")),
        list(NilaiIndikator.objects.values_list("pk", "target", "realisasi", "versi")),
        Indikator.history.count(),
    )


def _gagal(tmp_path, data: bytes, nama: str = "lampiran.xlsx") -> str:
    """Run the command on a bad file: it must fail, change nothing, and say why on stderr."""
    sebelum = _keadaan()
    path = tmp_path / nama
    path.write_bytes(data)
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
    assert _keadaan() == sebelum
    riwayat = RiwayatImpor.objects.order_by("-pk").first()
    assert riwayat is not None and not riwayat.berhasil and riwayat.pesan
    return err.getvalue()


@pytest.fixture
def ada_data(lampiran_bernilai):
    """The decree's Lampiran with values: a failed import must leave all of it alone."""
    return lampiran_bernilai


def test_a_file_that_is_not_xlsx_is_refused(tmp_path, ada_data):
    pesan = _gagal(tmp_path, b"No;Kegiatan;Sasaran;Indikator\n", "lampiran.csv")
    assert "bukan lembar kerja Excel (.xlsx, .xls) atau LibreOffice (.ods)" in pesan


def test_a_truncated_file_is_refused(tmp_path, ada_data):
    data = tulis_tercetak()
    pesan = _gagal(tmp_path, data[: len(data) // 2])
    assert "rusak atau terpotong" in pesan


def test_a_corrupt_zip_is_refused(tmp_path, ada_data):
    pesan = _gagal(tmp_path, b"PK\x03\x04" + b"\x00" * 500)
    assert "rusak" in pesan


def test_a_password_protected_workbook_is_refused(tmp_path, ada_data):
    msoffcrypto = pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    terkunci = BytesIO()
    OOXMLFile(BytesIO(tulis_tercetak())).encrypt("rahasia", terkunci)
    assert msoffcrypto.olefile.isOleFile(BytesIO(terkunci.getvalue()))
    pesan = _gagal(tmp_path, terkunci.getvalue())
    assert "dilindungi kata sandi" in pesan


def test_a_file_over_10_mb_is_refused_before_reading(tmp_path, ada_data):
    pesan = _gagal(tmp_path, b"PK\x03\x04" + b"\x00" * BATAS_UKURAN)
    assert "melebihi batas 10 MB" in pesan


def test_a_file_over_50000_rows_is_refused(tmp_path, ada_data):
    wb = Workbook()
    ws = wb.active
    ws.append(["No.", "Kegiatan", "Sasaran", "Indikator"])
    for i in range(50_001):
        ws.append([None, None, None, f"I{i}"])
    pesan = _gagal(tmp_path, simpan(wb))
    assert "melebihi batas 50.000 baris" in pesan


def test_a_workbook_without_a_header_row_is_refused(tmp_path, ada_data):
    wb = Workbook()
    wb.active.append(["Daftar belanja"])
    wb.active.append(["Kertas", 12])
    pesan = _gagal(tmp_path, simpan(wb))
    assert "Baris judul tabel tidak ditemukan" in pesan


def test_a_missing_required_column_is_named(tmp_path, ada_data):
    data = tabel_sederhana(
        [[1, "Keuangan", "Persentase laporan"]], judul=["No.", "Kegiatan", "Indikator Kinerja"]
    )
    pesan = _gagal(tmp_path, data)
    assert "Sheet “Lampiran”, baris 3: Kolom wajib “Sasaran” tidak ada" in pesan


def test_a_sasaran_without_indicator_is_named(tmp_path, ada_data):
    data = tabel_sederhana(
        [
            [1, "Keuangan", "Sasaran satu", "Indikator satu"],
            [None, None, "Sasaran tanpa indikator", None],
            [None, None, "Sasaran tiga", "Indikator tiga"],
        ]
    )
    pesan = _gagal(tmp_path, data)
    assert "Sheet “Lampiran”, baris 5, kolom C (Sasaran): Sasaran ini tidak memiliki" in pesan


def test_an_indicator_without_kegiatan_or_sasaran_above_is_named(tmp_path, ada_data):
    data = tabel_sederhana(
        [
            [None, None, None, "Indikator yatim"],
            [1, "Keuangan", None, "Indikator tanpa sasaran"],
        ]
    )
    pesan = _gagal(tmp_path, data)
    assert "baris 4, kolom B (Kegiatan): Indikator tanpa Kegiatan di atasnya" in pesan
    assert "baris 5, kolom C (Sasaran): Indikator tanpa Sasaran di atasnya" in pesan


def test_a_non_number_in_a_number_column_is_named(tmp_path, ada_data):
    data = tabel_sederhana(
        [
            [1, "Keuangan", "Sasaran", "Indikator satu", "85,5"],
            [None, None, None, "Indikator dua", "delapan puluh"],
        ],
        tahun=(2021,),
    )
    pesan = _gagal(tmp_path, data)
    assert "baris 5, kolom E: “delapan puluh” bukan angka (kolom Target 2021)" in pesan


def test_a_year_outside_the_period_is_named(tmp_path, ada_data):
    data = tabel_sederhana([[1, "Keuangan", "Sasaran", "Indikator", 5, 6]], tahun=(2024, 2025))
    pesan = _gagal(tmp_path, data)
    assert (
        "baris 3, kolom F: Kolom “Target 2025”: tahun 2025 di luar periode IKU 2020–2024" in pesan
    )


def test_every_problem_is_listed_not_just_the_first(tmp_path, ada_data):
    data = tabel_sederhana(
        [
            [None, None, None, "Indikator yatim", 1],
            [1, "Keuangan", "Sasaran kosong", None, None],
            [None, None, "Sasaran dua", "Indikator dua", "x"],
            [None, None, None, "Indikator lain", "y"],
        ],
        tahun=(2019,),
    )
    pesan = _gagal(tmp_path, data)
    baris = [b for b in pesan.splitlines() if b.startswith("- ")]
    assert len(baris) == 5, pesan
    for potongan in ("baris 4", "baris 5", "baris 6", "baris 7", "tahun 2019"):
        assert potongan in pesan


def test_changing_a_value_of_an_approved_year_is_refused(tmp_path, ada_data):
    TahunKinerja.objects.filter(satker=ada_data.satker).delete()
    TahunKinerja.objects.create(satker=ada_data.satker, tahun=2021, status="disetujui")
    data = tulis_tercetak(tahun=(2021,), nilai_target=lambda i, t: 12345)
    pesan = _gagal(tmp_path, data)
    assert "Tahun 2021 sudah disetujui Ketua dan terkunci" in pesan


def test_a_failed_import_into_an_empty_database_creates_no_decree(tmp_path):
    data = tabel_sederhana([[None, None, None, "Indikator yatim"]])
    hasil = import_lampiran(
        data=data,
        nama_berkas="x.xlsx",
        satker=Satker.objects.get(kode="1811"),
        tahun_awal=2020,
        tahun_akhir=2024,
    )
    assert not hasil.berhasil
    assert not PenetapanIKU.objects.exists() and not Program.objects.exists()


def test_a_bad_period_or_unknown_satker_is_a_command_error(tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_bytes(tulis_tercetak())
    with pytest.raises(CommandError, match="Periode"):
        call_command("import_lampiran", str(path), "--satker", "1811", "--periode", "2024-2020")
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("import_lampiran", str(path), "--satker", "9999", "--periode", "2020-2024")
