"""Backup and restore: one .tar.gz with the database as Django JSON (portable
between SQLite and PostgreSQL) and the uploaded files of MEDIA_ROOT."""

import datetime
import hashlib
import io
import itertools
import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from indicators.models import Satker, SkalaKategori

FORMAT = "kpu-iku-cadangan"
# 2: the archive carries signature.json, an HMAC of manifest.json.
VERSI_FORMAT = 2
TANDA_TANGAN = "signature.json"
GARAM_TANDA_TANGAN = "kpu_iku.cadangan"

# Rebuilt by `migrate` on every database with its own ids: referenced by
# natural key, never copied.
DIBANGUN_MIGRASI = {"contenttypes.contenttype", "auth.permission"}
# Sessions are throwaway: users log in again after a restore. The change log
# behind the pages' fingerprints is the database's own: a restore writes its own.
TIDAK_DICADANGKAN = DIBANGUN_MIGRASI | {"sessions.session", "indicators.jejakperubahan"}
# Rows the data migration puts into every new database; they are in the
# backup too, so a restore replaces them.
DIISI_MIGRASI = ("auth.group", "indicators.skalakategori", "indicators.satker")


class CadanganError(Exception):
    """A problem with the archive or the target, in Indonesian for the user."""


class _EncoderPenuh(DjangoJSONEncoder):
    """Times with their microseconds: Django's encoder cuts them to
    milliseconds, which would reorder history rows saved in the same millisecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class _Serializer(JSONSerializer):
    """Natural keys only for content types and permissions, whose ids differ
    between databases; every other row keeps its primary key, so references
    from history rows to deleted objects survive as they are."""

    def _alami(self, field) -> None:
        self.use_natural_foreign_keys = field.remote_field.model in (ContentType, Permission)

    def handle_fk_field(self, obj, field):
        self._alami(field)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self._alami(field)
        super().handle_m2m_field(obj, field)


def _kunci() -> tuple[str, str]:
    """The signing secret and the name of the variable it comes from."""
    if settings.BACKUP_KEY:
        return settings.BACKUP_KEY, "DJANGO_BACKUP_KEY"
    return settings.SECRET_KEY, "DJANGO_SECRET_KEY"


def _tanda_tangan(manifest: bytes, rahasia: str) -> str:
    """HMAC-SHA256 of manifest.json. The manifest holds the checksum of
    data.json and of every file, so signing it signs the whole archive: whoever
    edits a member and recomputes its checksum changes the manifest, and
    cannot sign it again without the key."""
    return salted_hmac(GARAM_TANDA_TANGAN, manifest, secret=rahasia, algorithm="sha256").hexdigest()


def _tulis_privat(path: Path):
    """A new file only its owner can read: the archive holds password hashes
    and every evidence file."""
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(fd, 0o600)  # whatever the umask
    return os.fdopen(fd, "wb")


def _model_dicadangkan() -> list:
    return [
        m
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy and m._meta.label_lower not in TIDAK_DICADANGKAN
    ]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for blok in iter(lambda: f.read(1 << 20), b""):
            h.update(blok)
    return h.hexdigest()


def _migrasi_terpasang() -> dict[str, list[str]]:
    terpasang: dict[str, list[str]] = {}
    for app, nama in sorted(MigrationRecorder(connection).applied_migrations()):
        terpasang.setdefault(app, []).append(nama)
    return terpasang


@dataclass
class Ringkasan:
    arsip: Path
    jumlah: dict[str, int] = field(default_factory=dict)
    berkas: int = 0


def backup(*, tujuan: Path) -> Ringkasan:
    """Write the archive to `tujuan` (a file, or a folder for a dated name),
    readable by its owner only and signed (see _tanda_tangan). Written to a
    temporary name first: a half-written archive never looks done."""
    if tujuan.is_dir():
        tujuan = tujuan / f"kpu-iku-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
    ringkasan = Ringkasan(arsip=tujuan)
    with tempfile.TemporaryDirectory() as kerja:
        data = Path(kerja) / "data.json"
        snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
        with transaction.atomic():
            if snapshot:
                # One snapshot for all tables, while users keep working.
                with connection.cursor() as c:
                    c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            querysets = []
            for model in _model_dicadangkan():
                qs = model._default_manager.order_by("pk")
                ringkasan.jumlah[model._meta.label_lower] = qs.count()
                querysets.append(qs)
            with data.open("w", encoding="utf-8") as f:
                _Serializer().serialize(
                    itertools.chain.from_iterable(qs.iterator(chunk_size=2000) for qs in querysets),
                    stream=f,
                    cls=_EncoderPenuh,
                )
            migrasi = _migrasi_terpasang()
        media = Path(settings.MEDIA_ROOT)
        daftar_berkas = []
        if media.is_dir():
            for path in sorted(p for p in media.rglob("*") if p.is_file() and not p.is_symlink()):
                relatif = path.relative_to(media).as_posix()
                daftar_berkas.append(
                    {"path": relatif, "ukuran": path.stat().st_size, "sha256": _sha256(path)}
                )
        ringkasan.berkas = len(daftar_berkas)
        manifest = {
            "format": FORMAT,
            "versi": VERSI_FORMAT,
            "dibuat": timezone.now().isoformat(),
            "django": django.get_version(),
            "basis_data_sumber": connection.vendor,
            "migrasi": migrasi,
            "jumlah": ringkasan.jumlah,
            "data_sha256": _sha256(data),
            "berkas": daftar_berkas,
        }
        sementara = tujuan.with_name(tujuan.name + ".sebagian")
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        isi = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
        rahasia, sumber_kunci = _kunci()
        tanda_tangan = {
            "algoritma": "HMAC-SHA256",
            "kunci": sumber_kunci,
            "hmac": _tanda_tangan(isi, rahasia),
        }
        with _tulis_privat(sementara) as berkas, tarfile.open(fileobj=berkas, mode="w:gz") as tar:
            for nama, bait in [
                ("manifest.json", isi),
                (TANDA_TANGAN, json.dumps(tanda_tangan, indent=1).encode()),
            ]:
                info = tarfile.TarInfo(nama)
                info.size, info.mtime = len(bait), int(timezone.now().timestamp())
                tar.addfile(info, io.BytesIO(bait))
            tar.add(data, arcname="data.json")
            for item in daftar_berkas:
                tar.add(media / item["path"], arcname=f"media/{item['path']}")
        sementara.replace(tujuan)
    return ringkasan


def _baca_manifest(tar: tarfile.TarFile) -> dict:
    try:
        isi = tar.extractfile("manifest.json").read()
        manifest = json.loads(isi)
    except (KeyError, AttributeError, ValueError) as exc:
        raise CadanganError("Berkas ini bukan cadangan KPU IKU (manifest.json tidak ada).") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise CadanganError("Berkas ini bukan cadangan KPU IKU (format tidak dikenal).")
    _periksa_tanda_tangan(tar, isi)
    if manifest.get("versi", 0) > VERSI_FORMAT:
        raise CadanganError(
            f"Cadangan memakai format versi {manifest['versi']}; aplikasi ini hanya mengenal "
            f"sampai versi {VERSI_FORMAT}. Perbarui aplikasi lebih dulu."
        )
    return manifest


def _periksa_tanda_tangan(tar: tarfile.TarFile, manifest: bytes) -> None:
    """Nothing of an archive is used before its signature is verified."""
    rahasia, sumber_kunci = _kunci()
    try:
        tanda_tangan = json.loads(tar.extractfile(TANDA_TANGAN).read())
        hmac_arsip = tanda_tangan["hmac"]
    except (KeyError, AttributeError, TypeError, ValueError) as exc:
        raise CadanganError(
            f"Cadangan ditolak: tanda tangan ({TANDA_TANGAN}) tidak ada di dalam arsip. Arsip "
            "ini dibuat oleh versi aplikasi sebelum cadangan ditandatangani, atau sudah diubah "
            "orang. Pulihkan hanya cadangan yang dibuat `manage.py backup` versi ini."
        ) from exc
    if not isinstance(hmac_arsip, str) or not constant_time_compare(
        hmac_arsip, _tanda_tangan(manifest, rahasia)
    ):
        dibuat_dengan = tanda_tangan.get("kunci") if isinstance(tanda_tangan, dict) else None
        raise CadanganError(
            "Cadangan ditolak: tanda tangan tidak cocok, jadi arsip ini sudah diubah setelah "
            f"dibuat atau ditandatangani dengan kunci lain (dicoba: {sumber_kunci}"
            + (f"; arsip mencatat {dibuat_dengan}" if dibuat_dengan else "")
            + "). Setel DJANGO_BACKUP_KEY (atau DJANGO_SECRET_KEY) sama seperti di server "
            "tempat cadangan dibuat, atau pakai cadangan lain."
        )


def _periksa_tujuan(manifest: dict) -> None:
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise CadanganError(
            "Basis data tujuan belum dimigrasi penuh. Jalankan `python manage.py migrate` "
            "lebih dulu, lalu ulangi pemulihan."
        )
    terpasang = _migrasi_terpasang()
    asing = [
        f"{app}.{nama}"
        for app, daftar in manifest["migrasi"].items()
        for nama in daftar
        if nama not in terpasang.get(app, [])
    ]
    if asing:
        raise CadanganError(
            "Cadangan dibuat oleh versi aplikasi yang lebih baru (migrasi tidak dikenal: "
            + ", ".join(asing[:5])
            + "). Perbarui aplikasi ke versi yang sama lebih dulu."
        )
    berisi = []
    for model in _model_dicadangkan():
        label = model._meta.label_lower
        if label in DIISI_MIGRASI:
            continue
        jumlah = model._default_manager.count()
        if jumlah:
            berisi.append(f"{model._meta.verbose_name_plural} ({label}): {jumlah} baris")
    if berisi:
        raise CadanganError(
            "Basis data tujuan tidak kosong, pemulihan dibatalkan agar tidak ada data yang "
            "tertimpa atau tercampur. Isi yang ditemukan: "
            + "; ".join(berisi[:10])
            + ". Pulihkan ke basis data baru yang baru saja dimigrasi (lihat README, bagian "
            "Cadangan dan pemulihan)."
        )


def _muat_data(path: Path) -> None:
    """The rows of data.json written in bulk, model by model: a few INSERTs
    per thousand rows where loaddata saves row by row (two queries each; on
    the demo data the restore command took 27 s on PostgreSQL, now 4). Rows keep their
    primary keys and their values as stored (raw, as loaddata saves them); no
    signal is sent, so nothing (a history row) is added that the backup does
    not hold. Inside the restore's transaction: foreign keys are checked at
    commit (Django creates them deferrable), so neither the order of models
    nor a reference within one table matters."""
    baris: dict[type, list] = {}
    m2m: dict[object, list] = {}
    with path.open(encoding="utf-8") as f:
        for d in serializers.deserialize("json", f):
            model = type(d.object)
            if model._meta.parents or d.deferred_fields:  # pragma: no cover - none today
                raise CadanganError(
                    f"Cadangan memuat baris {model._meta.label} yang tak dapat dimuat."
                )
            baris.setdefault(model, []).append(d.object)
            for nama, pk_lain in (d.m2m_data or {}).items():
                bidang = model._meta.get_field(nama)
                antara = bidang.remote_field.through
                asal, tujuan = bidang.m2m_field_name(), bidang.m2m_reverse_field_name()
                m2m.setdefault(antara, []).extend(
                    antara(**{f"{asal}_id": d.object.pk, f"{tujuan}_id": pk}) for pk in pk_lain
                )
    for model, objek in itertools.chain(baris.items(), m2m.items()):
        if not objek:
            continue
        # The rows of the m2m tables get new ids, as with loaddata.
        kolom = [
            f
            for f in model._meta.local_concrete_fields
            if not (f.primary_key and objek[0].pk is None)
        ]
        langkah = min(1000, connection.ops.bulk_batch_size(kolom, objek) or 1000)
        for i in range(0, len(objek), langkah):
            # raw, as loaddata saves: no pre_save (an auto_now time stays as
            # stored). _insert is the manager call Model.save() makes.
            model._base_manager._insert(objek[i : i + langkah], fields=kolom, raw=True)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [*baris, *m2m]):
            cursor.execute(sql)


def restore(*, arsip: Path) -> Ringkasan:
    """Load an archive into an empty, migrated database and put its files back
    into MEDIA_ROOT. The database part is one transaction: all or nothing."""
    if not arsip.is_file():
        raise CadanganError(f"Berkas cadangan {arsip} tidak ditemukan.")
    ringkasan = Ringkasan(arsip=arsip)
    with tempfile.TemporaryDirectory() as kerja, tarfile.open(arsip, "r:*") as tar:
        manifest = _baca_manifest(tar)
        _periksa_tujuan(manifest)
        # The data filter refuses absolute paths, links out of the folder and
        # device files: an archive cannot write outside the work folder.
        tar.extractall(kerja, filter="data")
        kerja = Path(kerja)
        if _sha256(kerja / "data.json") != manifest["data_sha256"]:
            raise CadanganError("Cadangan rusak: isi data.json tidak cocok dengan manifest.")
        for item in manifest["berkas"]:
            path = kerja / "media" / item["path"]
            if not path.is_file() or _sha256(path) != item["sha256"]:
                raise CadanganError(f"Cadangan rusak: berkas {item['path']} hilang atau berubah.")
        with transaction.atomic():
            Group.objects.all().delete()
            SkalaKategori.objects.all().delete()
            # The chain KPU RI → Provinsi → Kabupaten is protected; cut it first.
            Satker.objects.update(induk=None)
            Satker.objects.all().delete()
            _muat_data(kerja / "data.json")
            for model in _model_dicadangkan():
                label = model._meta.label_lower
                ringkasan.jumlah[label] = model._default_manager.count()
                if (
                    label in manifest["jumlah"]
                    and ringkasan.jumlah[label] != manifest["jumlah"][label]
                ):
                    raise CadanganError(
                        f"Jumlah baris {label} setelah pemulihan ({ringkasan.jumlah[label]}) "
                        f"tidak sama dengan cadangan ({manifest['jumlah'][label]})."
                    )
        media = Path(settings.MEDIA_ROOT)
        for item in manifest["berkas"]:
            tujuan = media / item["path"]
            tujuan.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(kerja / "media" / item["path"], tujuan)
        ringkasan.berkas = len(manifest["berkas"])
    return ringkasan
