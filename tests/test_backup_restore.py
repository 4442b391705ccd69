"""A backup restored into a fresh database holds the same numbers, users,
histories, evidence files and pages as the original."""

import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from indicators.models import (
    BuktiDukung,
    NarasiLaporan,
    NilaiIndikator,
    Pengguna,
    RiwayatStatus,
    StatusReviu,
    TahunKinerja,
)
from tests.conftest import demo_terisi
from tests.potret import potret

ROOT = Path(__file__).resolve().parents[1]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n% bukti dukung \x00\xff\x10 biner\n%%EOF\n"


@pytest.fixture
def data_lengkap(db, settings, tmp_path):
    """Demo data plus a reviewed value with history, a narrative, a year
    state, an evidence file and a user with an individual permission."""
    settings.MEDIA_ROOT = tmp_path / "media-sumber"
    penetapan = demo_terisi()
    operator = Pengguna.objects.get(username="operator")
    sekretaris = Pengguna.objects.get(username="sekretaris")
    nilai = NilaiIndikator.objects.get(indikator__kode="1.1.1.1", tahun=2023, triwulan=0)
    for realisasi, status in [("71.25", StatusReviu.DIAJUKAN), ("73.5", StatusReviu.DIVERIFIKASI)]:
        nilai.realisasi = realisasi
        nilai.status = status
        nilai.analisis = 'Capaian <b>naik</b> karena sosialisasi; catatan & tanda kutip ""'
        nilai._history_user = sekretaris
        nilai.save()
    RiwayatStatus.objects.create(
        nilai=nilai, dari="diajukan", ke="diverifikasi", oleh=sekretaris, catatan="Sesuai bukti."
    )
    TahunKinerja.objects.kunci(penetapan.satker, 2023)
    NarasiLaporan.objects.create(
        satker=penetapan.satker, tahun=2023, bagian="pendahuluan", isi="Ringkasan — ünïcode ✓"
    )
    bukti = BuktiDukung(
        nilai=nilai, nama_asli="Laporan Sosialisasi.pdf", jenis="application/pdf", ukuran=len(PDF)
    )
    bukti.diunggah_oleh = operator
    bukti.berkas.save("laporan.pdf", ContentFile(PDF), save=False)
    bukti.save()
    operator.user_permissions.add(Permission.objects.get(codename="view_riwayatimpor"))
    return penetapan


def _db_baru(jenis: str, tmp_path: Path):
    """A new, empty database on the same server (PostgreSQL) or a new file (SQLite)."""
    if jenis == "sqlite":
        return f"sqlite:///{tmp_path / 'pulih.sqlite3'}", lambda: None
    if connection.vendor != "postgresql":
        pytest.skip("butuh PostgreSQL (make test)")
    import psycopg2

    s = connection.settings_dict
    nama = f"pulih_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(
        dbname="postgres", user=s["USER"], password=s["PASSWORD"], host=s["HOST"], port=s["PORT"]
    )
    admin.autocommit = True
    with admin.cursor() as c:
        c.execute(f'CREATE DATABASE "{nama}"')

    def hapus():
        with admin.cursor() as c:
            c.execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')
        admin.close()

    sandi = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{sandi}@{s['HOST']}:{s['PORT']}/{nama}", hapus


def _manage(*args: str, env: dict) -> str:
    hasil = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    return hasil.stdout


@pytest.mark.parametrize("jenis", ["postgresql", "sqlite"])
def test_a_restored_backup_holds_exactly_the_same_data_files_and_pages(
    data_lengkap, tmp_path, jenis, settings
):
    # The new server has its own secret key; the backup key travels with the backups.
    settings.BACKUP_KEY = "kunci-cadangan-" + "k" * 40
    arsip = tmp_path / "cadangan.tar.gz"
    call_command("backup", str(arsip))
    sebelum = json.loads(json.dumps(potret()))  # the same types as read back
    assert sebelum["bukti"] and len(sebelum["tabel"]["indicators.historicalnilaiindikator"]) >= 2

    url, hapus = _db_baru(jenis, tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=url,
        MEDIA_ROOT=str(tmp_path / "media-pulih"),
        DJANGO_SECRET_KEY="kunci-pemulihan-" + "x" * 50,
        DJANGO_BACKUP_KEY=settings.BACKUP_KEY,
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_HTTPS="0",
        DJANGO_PLAIN_STATIC="1",
        DJANGO_LOG_LEVEL="WARNING",
    )
    try:
        _manage("manage.py", "migrate", "--noinput", "-v0", env=env)
        keluaran = _manage("manage.py", "restore", str(arsip), env=env)
        assert "dipulihkan" in keluaran
        sesudah = json.loads(_manage("-m", "tests.potret", env=env).splitlines()[-1])
    finally:
        hapus()

    assert sesudah["pengguna"] == sebelum["pengguna"]
    assert sesudah["grup"] == sebelum["grup"]
    assert sesudah["bukti"] == sebelum["bukti"]
    for tabel, baris in sebelum["tabel"].items():
        assert sesudah["tabel"][tabel] == baris, tabel
    assert sesudah["halaman"] == sebelum["halaman"]
    assert (tmp_path / "media-pulih" / BuktiDukung.objects.get().berkas.name).read_bytes() == PDF


def test_it_refuses_to_restore_into_a_database_that_holds_data(data_lengkap, tmp_path):
    arsip = tmp_path / "cadangan.tar.gz"
    call_command("backup", str(arsip))
    with pytest.raises(CommandError, match="Basis data tujuan tidak kosong") as galat:
        call_command("restore", str(arsip))
    assert f"pengguna (indicators.pengguna): {Pengguna.objects.count()} baris" in str(galat.value)
    assert NilaiIndikator.objects.filter(realisasi="73.5", tahun=2023).count() == 1


def test_it_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    palsu = tmp_path / "bukan.tar.gz"
    with tarfile.open(palsu, "w:gz") as tar:
        tar.add(__file__, arcname="data.json")
    with pytest.raises(CommandError, match="bukan cadangan KPU IKU"):
        call_command("restore", str(palsu))


def test_it_does_not_overwrite_an_existing_backup_without_force(db, tmp_path):
    arsip = tmp_path / "ada.tar.gz"
    arsip.write_bytes(b"lama")
    with pytest.raises(CommandError, match="sudah ada"):
        call_command("backup", str(arsip))
    assert arsip.read_bytes() == b"lama"
