"""A backup is readable by its owner only and signed; restore refuses an
archive without a valid signature, even one whose checksums were recomputed."""

import hashlib
import io
import json
import os
import stat
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from indicators.models import Pengguna
from kpu_iku import cadangan


@pytest.fixture
def umask_biasa():
    lama = os.umask(0o022)
    yield
    os.umask(lama)


@pytest.fixture
def arsip(db, settings, tmp_path) -> Path:
    """A backup of a database holding one user beyond the migration's rows;
    the user is then deleted, so the database may be restored into."""
    settings.MEDIA_ROOT = tmp_path / "media"
    Pengguna.objects.create_user(username="budi", password="sandi-lama-yang-panjang-1")
    path = tmp_path / "cadangan.tar.gz"
    cadangan.backup(tujuan=path)
    Pengguna.objects.all().delete()
    return path


def _isi(path: Path) -> dict[str, bytes]:
    with tarfile.open(path, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


def _tulis(path: Path, isi: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as tar:
        for nama, bait in isi.items():
            info = tarfile.TarInfo(nama)
            info.size = len(bait)
            tar.addfile(info, io.BytesIO(bait))


def test_the_archive_is_readable_by_its_owner_only(db, settings, tmp_path, umask_biasa):
    settings.MEDIA_ROOT = tmp_path / "media"
    ringkasan = cadangan.backup(tujuan=tmp_path)
    assert stat.S_IMODE(ringkasan.arsip.stat().st_mode) == 0o600


def test_an_overwritten_archive_is_readable_by_its_owner_only_too(
    db, settings, tmp_path, umask_biasa
):
    settings.MEDIA_ROOT = tmp_path / "media"
    tujuan = tmp_path / "ada.tar.gz"
    tujuan.write_bytes(b"lama")
    tujuan.chmod(0o644)
    call_command("backup", str(tujuan), "--force")
    assert stat.S_IMODE(tujuan.stat().st_mode) == 0o600


def test_a_good_archive_restores(arsip):
    ringkasan = cadangan.restore(arsip=arsip)
    assert ringkasan.jumlah["indicators.pengguna"] == 1
    assert Pengguna.objects.get().check_password("sandi-lama-yang-panjang-1")


def test_an_edited_member_with_recomputed_checksums_is_refused(arsip):
    isi = _isi(arsip)
    data = json.loads(isi["data.json"])
    (baris,) = [b for b in data if b["model"] == "indicators.pengguna"]
    baris["fields"]["is_superuser"] = baris["fields"]["is_staff"] = True
    isi["data.json"] = json.dumps(data).encode()
    manifest = json.loads(isi["manifest.json"])
    manifest["data_sha256"] = hashlib.sha256(isi["data.json"]).hexdigest()
    isi["manifest.json"] = json.dumps(manifest).encode()
    _tulis(arsip, isi)

    with pytest.raises(CommandError, match="Cadangan ditolak: tanda tangan tidak cocok"):
        call_command("restore", str(arsip))
    assert not Pengguna.objects.exists()


def test_an_archive_without_a_signature_is_refused(arsip):
    isi = _isi(arsip)
    del isi["signature.json"]
    _tulis(arsip, isi)
    with pytest.raises(cadangan.CadanganError, match=r"tanda tangan \(signature.json\) tidak ada"):
        cadangan.restore(arsip=arsip)
    assert not Pengguna.objects.exists()


def test_an_archive_signed_with_another_key_is_refused_and_names_the_key(arsip, settings):
    settings.BACKUP_KEY = "kunci-cadangan-lain-" + "z" * 30
    with pytest.raises(cadangan.CadanganError) as galat:
        cadangan.restore(arsip=arsip)
    assert "dicoba: DJANGO_BACKUP_KEY; arsip mencatat DJANGO_SECRET_KEY" in str(galat.value)
    assert not Pengguna.objects.exists()


def test_the_backup_key_signs_when_it_is_set(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_KEY = "kunci-cadangan-" + "k" * 40
    path = cadangan.backup(tujuan=tmp_path / "a.tar.gz").arsip
    tanda_tangan = json.loads(_isi(path)["signature.json"])
    assert tanda_tangan["algoritma"] == "HMAC-SHA256"
    assert tanda_tangan["kunci"] == "DJANGO_BACKUP_KEY"
    settings.SECRET_KEY = "kunci-rahasia-baru-" + "s" * 40  # a new server's secret key
    Pengguna.objects.all().delete()
    cadangan.restore(arsip=path)
