"""import_lampiran and export_lampiran on the command line: the acceptance path."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from indicators.models import Indikator, Kegiatan, NilaiIndikator, PenetapanIKU, Program, Sasaran

from .lampiran_xlsx import media_sementara, struktur_lampiran, tulis_tercetak  # noqa: F401

pytestmark = pytest.mark.django_db


def _jalankan(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_import_into_an_empty_database_then_export_and_reimport_both_formats(tmp_path):
    sumber = tmp_path / "lampiran.xlsx"
    sumber.write_bytes(
        tulis_tercetak(tahun=(2020, 2024), nilai_target=lambda i, t: f"{80 + i % 20},5")
    )
    keluaran = _jalankan(
        "import_lampiran", str(sumber), "--satker", "1811", "--periode", "2020-2024"
    )
    assert keluaran.startswith(
        "Program: 3, Kegiatan: 9, Sasaran: 44, Indikator: 71, target tahunan: 142"
    )
    nama = [i.nama for i in Indikator.objects.dengan_hierarki()]
    assert nama == [i for _, k in struktur_lampiran() for _, s in k for _, ii in s for i in ii]
    jumlah = [m.objects.count() for m in (Program, Kegiatan, Sasaran, Indikator, NilaiIndikator)]
    assert jumlah == [3, 9, 44, 71, 142]

    for bentuk in ("printed", "flat"):
        out = tmp_path / f"{bentuk}.xlsx"
        _jalankan("export_lampiran", "--satker", "1811", "--format", bentuk, str(out))
        keluaran = _jalankan(
            "import_lampiran", str(out), "--satker", "1811", "--periode", "2020-2024"
        )
        assert "Indikator: 0 baru, 0 berubah, 71 tetap" in keluaran
        assert "Target tahunan: 0 baru, 0 berubah, 142 tetap" in keluaran
    assert [
        m.objects.count() for m in (Program, Kegiatan, Sasaran, Indikator, NilaiIndikator)
    ] == jumlah
    assert PenetapanIKU.objects.count() == 1


def test_a_bad_file_exits_non_zero_and_names_where(tmp_path):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"bukan excel")
    err = StringIO()
    with pytest.raises(CommandError) as info:
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
    assert "gagal" in str(info.value)
    assert "bukan lembar kerja Excel" in err.getvalue()
    assert not Program.objects.exists()


def test_the_command_exits_with_status_1_from_the_shell(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"bukan excel")
    proses = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "import_lampiran",
            str(path),
            "--satker",
            "1",
            "--periode",
            "x",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proses.returncode != 0
    assert "Periode" in proses.stderr


def test_export_of_a_satker_without_decree_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="belum memiliki"):
        _jalankan("export_lampiran", "--satker", "18", "--format", "flat", str(tmp_path / "a.xlsx"))
