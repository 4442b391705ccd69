"""Committing a read Lampiran to the database: one function, one transaction.

Rows match by kode where the file has one, else by normalised name under the
same parent; a changed name with the same kode is an update. Empty cells never
erase what is stored. Nothing is ever deleted. Any problem, found while reading
or while matching, rolls everything back; a dry run rolls back too, after
computing exactly what a real run would do.
"""

from __future__ import annotations

import contextlib
import gc
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.db import transaction
from simple_history.utils import bulk_update_with_history

from ..angka import angka
from ..models import (
    REVIU_TERKUNCI,
    Indikator,
    Kegiatan,
    NilaiIndikator,
    PenetapanIKU,
    Program,
    RiwayatImpor,
    Sasaran,
    Satker,
    StatusReviu,
    StatusTahun,
    TahunKinerja,
    TahunTerkunci,
    satuan_dari_nama,
)
from ..tulis_massal import segarkan_statistik, sisip_baru
from .baca import BarisIndikator, BerkasDitolak, Masalah, baca_lampiran, kunci_nama

LEVEL_LABEL = {
    "program": "Program",
    "kegiatan": "Kegiatan",
    "sasaran": "Sasaran",
    "indikator": "Indikator",
    "nilai": "Target tahunan",
}


BATAS_CONTOH = 50


@dataclass
class Jumlah:
    baru: int = 0
    berubah: int = 0
    tetap: int = 0
    # What is new or changed, for the preview (the first BATAS_CONTOH of each).
    contoh_baru: list[str] = field(default_factory=list)
    contoh_berubah: list[str] = field(default_factory=list)

    def catat(self, jenis: str, teks: str = "") -> None:
        setattr(self, jenis, getattr(self, jenis) + 1)
        contoh = getattr(self, f"contoh_{jenis}", None)
        if teks and contoh is not None and len(contoh) < BATAS_CONTOH:
            contoh.append(teks)

    def perlu_contoh(self, jenis: str) -> bool:
        return jenis != "tetap" and len(getattr(self, f"contoh_{jenis}")) < BATAS_CONTOH

    @property
    def total(self) -> int:
        return self.baru + self.berubah + self.tetap


@dataclass
class HasilImpor:
    berhasil: bool = False
    uji_coba: bool = False
    masalah: list[Masalah] = field(default_factory=list)
    jumlah: dict[str, Jumlah] = field(default_factory=lambda: {k: Jumlah() for k in LEVEL_LABEL})
    jumlah_target: int = 0
    jumlah_realisasi: int = 0
    tata_letak: str = ""
    periode: tuple[int, int] | None = None
    penetapan: PenetapanIKU | None = None
    riwayat: RiwayatImpor | None = None
    # Confirming a preview: values changed through the application after this
    # moment make the import stop (the preview no longer says what it will do).
    sejak: datetime | None = None

    def ringkasan(self) -> str:
        j = self.jumlah
        return (
            f"Program: {j['program'].total}, Kegiatan: {j['kegiatan'].total}, "
            f"Sasaran: {j['sasaran'].total}, Indikator: {j['indikator'].total}, "
            f"target tahunan: {self.jumlah_target}, realisasi: {self.jumlah_realisasi}"
        )

    def per_level(self) -> list[tuple[str, Jumlah]]:
        return [(LEVEL_LABEL[k], v) for k, v in self.jumlah.items()]

    def sebagai_json(self) -> dict:
        return {
            k: {"baru": v.baru, "berubah": v.berubah, "tetap": v.tetap}
            for k, v in self.jumlah.items()
        } | {
            "target": self.jumlah_target,
            "realisasi": self.jumlah_realisasi,
            "periode": list(self.periode or ()),
        }


class _Batal(Exception):
    """Rolls the transaction back (a dry run, or problems found while matching)."""


@dataclass
class _Butir:
    """One distinct Program/Kegiatan/Sasaran/Indikator of the file."""

    nama: str
    kode: str | None
    urutan: int
    baris: BarisIndikator
    induk: _Butir | None = None
    objek: object = None


_MODEL = {"program": Program, "kegiatan": Kegiatan, "sasaran": Sasaran, "indikator": Indikator}
_FK = {"program": "penetapan", "kegiatan": "program", "sasaran": "kegiatan", "indikator": "sasaran"}


def _susun_butir(baris_list: list[BarisIndikator], masalah: list[Masalah]) -> dict[str, list]:
    """The file's distinct items per level, in file order, each knowing its parent."""
    butir: dict[str, dict] = {lv: {} for lv in _MODEL}
    anak_ke: dict[object, int] = {}

    def ambil(level, induk, nama, kode, baris):
        kunci = (id(induk), kode or kunci_nama(nama))
        ada = butir[level].get(kunci)
        if ada is not None:
            return ada
        anak_ke[id(induk)] = anak_ke.get(id(induk), 0) + 1
        b = _Butir(nama=nama, kode=kode, urutan=anak_ke[id(induk)], baris=baris, induk=induk)
        butir[level][kunci] = b
        return b

    for baris in baris_list:
        p = ambil("program", None, baris.program, baris.kode.get("program"), baris)
        k = ambil("kegiatan", p, baris.kegiatan, baris.kode.get("kegiatan"), baris)
        s = ambil("sasaran", k, baris.sasaran, baris.kode.get("sasaran"), baris)
        kunci = (id(s), baris.kode.get("indikator") or kunci_nama(baris.nama))
        if kunci in butir["indikator"]:
            pertama = butir["indikator"][kunci].baris
            masalah.append(
                Masalah(
                    f"Indikator “{baris.nama}” tertulis dua kali di bawah Sasaran yang sama "
                    f"(pertama di sheet “{pertama.sheet}” baris {pertama.baris}).",
                    baris.sheet,
                    baris.baris,
                )
            )
            continue
        ambil("indikator", s, baris.nama, baris.kode.get("indikator"), baris)
    return {lv: list(d.values()) for lv, d in butir.items()}


def _kode_bebas(kode_induk: str, urutan: int, terpakai: set[str]) -> str:
    awalan = f"{kode_induk}." if kode_induk else ""
    calon = f"{awalan}{urutan}"
    if calon not in terpakai:
        return calon
    nomor = [int(k[len(awalan) :]) for k in terpakai if re.fullmatch(rf"{re.escape(awalan)}\d+", k)]
    return f"{awalan}{max(nomor, default=0) + 1}"


def _cocokkan_level(
    level: str,
    daftar: list[_Butir],
    ada_per_induk: dict[int, list],
    hasil: HasilImpor,
    masalah: list[Masalah],
    penetapan: PenetapanIKU,
    pengguna,
) -> None:
    """Resolve each item to an existing row (by kode, else by name) or a new one, then
    write the level in bulk so the next level has primary keys."""
    model = _MODEL[level]
    baru, berubah = [], []
    indeks: dict[int, tuple[dict, dict, set]] = {}
    dipakai: dict[int, _Butir] = {}

    for b in daftar:
        induk_obj = penetapan if b.induk is None else b.induk.objek
        induk_pk = induk_obj.pk
        if induk_pk not in indeks:
            ada = ada_per_induk.get(induk_pk, []) if induk_pk is not None else []
            indeks[induk_pk] = (
                {o.kode: o for o in ada},
                {kunci_nama(o.nama): o for o in ada},
                {o.kode for o in ada},
            )
        per_kode, per_nama, terpakai = indeks[induk_pk]
        obj = (per_kode.get(b.kode) if b.kode else None) or per_nama.get(kunci_nama(b.nama))
        if obj is not None and obj.pk in dipakai:
            lain = dipakai[obj.pk].baris
            masalah.append(
                Masalah(
                    f"{LEVEL_LABEL[level]} “{b.nama}” cocok dengan data yang sama seperti "
                    f"sheet “{lain.sheet}” baris {lain.baris} (kode atau nama ganda).",
                    b.baris.sheet,
                    b.baris.baris,
                )
            )
            b.objek = obj
            continue
        if obj is None:
            kode = b.kode if b.kode and b.kode not in terpakai else None
            kode = kode or _kode_bebas(
                "" if level == "program" else induk_obj.kode, b.urutan, terpakai
            )
            terpakai.add(kode)
            obj = model(urutan=b.urutan, kode=kode, nama=b.nama)
            setattr(obj, _FK[level], induk_obj)
            if level == "indikator":
                _isi_indikator(obj, b.baris)
                obj.satuan = obj.satuan or satuan_dari_nama(obj.nama)
            baru.append(obj)
            hasil.jumlah[level].catat("baru", f"{obj.kode} {obj.nama}")
        else:
            dipakai[obj.pk] = b
            ubah = False
            nama_lama = obj.nama
            if obj.nama != b.nama:
                obj.nama, ubah = b.nama, True
            if obj.urutan != b.urutan:
                obj.urutan, ubah = b.urutan, True
            if b.kode and obj.kode != b.kode and b.kode not in terpakai:
                terpakai.discard(obj.kode)
                obj.kode, ubah = b.kode, True
                terpakai.add(obj.kode)
            if level == "indikator" and _isi_indikator(obj, b.baris):
                ubah = True
            if ubah:
                berubah.append(obj)
                keterangan = f"{obj.kode} {obj.nama}"
                if nama_lama != obj.nama:
                    keterangan += f" (sebelumnya: {nama_lama})"
                hasil.jumlah[level].catat("berubah", keterangan)
            else:
                hasil.jumlah[level].catat("tetap")
        b.objek = obj

    if masalah:
        return
    sisip_baru(model, baru, pengguna)
    if level == "indikator":
        if berubah:
            bulk_update_with_history(
                berubah,
                model,
                ["nama", "urutan", "kode", "satuan", "polaritas", "target_akhir"],
                batch_size=1000,
                default_user=pengguna,
            )
    elif berubah:
        model.objects.bulk_update(berubah, ["nama", "urutan", "kode"], batch_size=1000)
    if baru and baru[0].pk is None:  # databases that do not return keys from bulk inserts
        _muat_ulang_pk(model, level, baru)


def _muat_ulang_pk(model, level: str, baru: list) -> None:
    fk = f"{_FK[level]}_id"
    induk = {getattr(o, fk) for o in baru}
    pk = {
        (getattr(o, fk), o.kode): o.pk
        for o in model.objects.filter(**{f"{fk}__in": induk}).only("pk", fk, "kode")
    }
    for o in baru:
        o.pk = pk[(getattr(o, fk), o.kode)]


def _isi_indikator(obj: Indikator, baris: BarisIndikator) -> bool:
    ubah = False
    if baris.satuan and obj.satuan != baris.satuan:
        obj.satuan, ubah = baris.satuan, True
    if baris.polaritas and obj.polaritas != baris.polaritas:
        obj.polaritas, ubah = baris.polaritas, True
    if baris.target_akhir is not None and obj.target_akhir != baris.target_akhir:
        obj.target_akhir, ubah = baris.target_akhir, True
    return ubah


def _sama(a: Decimal | None, b: Decimal | None) -> bool:
    return a is not None and b is not None and a == b


def _tulis_nilai(
    indikator_butir: list[_Butir],
    penetapan: PenetapanIKU,
    hasil: HasilImpor,
    masalah: list[Masalah],
    pengguna,
    kolom_target: dict[tuple[str, int], str] | None = None,
) -> None:
    kolom_target = kolom_target or {}
    # The satker-year locks the grid takes too, taken before the values are read:
    # a grid save and an import run one after the other, and each sees what the
    # other committed (and the grid's version check notices the import's write).
    tahun_file = sorted({t for b in indikator_butir for t in (*b.baris.target, *b.baris.realisasi)})
    status_tahun = {t: TahunKinerja.objects.kunci(penetapan.satker_id, t) for t in tahun_file}
    ada = {
        (n.indikator_id, n.tahun): n
        for n in NilaiIndikator.objects.filter(
            indikator__sasaran__kegiatan__program__penetapan=penetapan, triwulan=0
        ).only(
            "pk",
            "indikator_id",
            "tahun",
            "target",
            "realisasi",
            "target_diketik",
            "versi",
            "status",
        )
    }
    if hasil.sejak is not None:
        for n in (
            NilaiIndikator.objects.filter(
                indikator__sasaran__kegiatan__program__penetapan=penetapan,
                diubah_pada__gt=hasil.sejak,
            )
            .select_related("indikator", "diubah_oleh")
            .order_by("indikator__kode", "tahun")[:20]
        ):
            oleh = n.diubah_oleh.get_full_name() or n.diubah_oleh.username if n.diubah_oleh else "—"
            masalah.append(
                Masalah(
                    f"{n.indikator.kode} tahun {n.tahun} diubah {oleh} sesudah pratinjau "
                    "dibuat; unggah berkasnya lagi untuk melihat pratinjau yang baru."
                )
            )
        if masalah:
            return
    # New values as plain attributes: a model instance each costs more than
    # writing it, at 100,000 values.
    kosong = {
        f.attname: f.get_default()
        for f in NilaiIndikator._meta.concrete_fields
        if not f.primary_key and f.attname not in {"indikator_id", "tahun", "target", "realisasi"}
    }
    kosong["diubah_oleh_id"] = pengguna.pk if pengguna is not None else None
    baru, berubah = [], []
    usulan_target: dict[tuple[int, int], Decimal] = {}
    letak_target: dict[tuple[int, int], BarisIndikator] = {}
    for b in indikator_butir:
        baris, ind = b.baris, b.objek
        for tahun in sorted(set(baris.target) | set(baris.realisasi)):
            target, realisasi = baris.target.get(tahun), baris.realisasi.get(tahun)
            nilai = ada.get((ind.pk, tahun)) if ind.pk else None
            if (
                getattr(ind, "induk_id", None)
                and target is not None
                and not _sama(getattr(nilai, "target", None), target)
            ):
                usulan_target[(ind.pk, tahun)] = target
                letak_target[(ind.pk, tahun)] = baris
            if (
                getattr(ind, "berperiode", False)
                and realisasi is not None
                and not _sama(getattr(nilai, "realisasi", None), realisasi)
            ):
                masalah.append(
                    Masalah(
                        f"{ind.kode} tahun {tahun}: diukur per "
                        f"{'semester' if ind.periode_ukur == 'semesteran' else 'triwulan'}; "
                        "realisasi tahunannya diturunkan dari realisasi periode dan tidak dapat "
                        "diimpor. Isi realisasi per periode di halaman Realisasi.",
                        baris.sheet,
                        baris.baris,
                    )
                )
                continue
            lama = None
            if nilai is None:
                perubahan = True
                nilai = SimpleNamespace(
                    **kosong, indikator_id=ind.pk, tahun=tahun, target=target, realisasi=realisasi
                )
                jenis = "baru"
            else:
                perubahan = False
                lama = (nilai.target, nilai.realisasi)
                if target is not None and not _sama(nilai.target, target):
                    nilai.target, perubahan = target, True
                    nilai.target_diketik = True  # a typed yearly target, never derived over
                if realisasi is not None and not _sama(nilai.realisasi, realisasi):
                    nilai.realisasi, perubahan = realisasi, True
                jenis = "berubah" if perubahan else "tetap"
            if perubahan and status_tahun[tahun].status != StatusTahun.DRAF:
                alasan = str(TahunTerkunci(tahun, status_tahun[tahun].status))
                masalah.append(Masalah(f"{ind.kode}: {alasan}", baris.sheet, baris.baris))
                continue
            if perubahan and lama is not None and nilai.status in REVIU_TERKUNCI:
                masalah.append(
                    Masalah(
                        f"{ind.kode} tahun {tahun} sudah {StatusReviu(nilai.status).label.lower()}; "
                        "target dan realisasinya tidak dapat diubah lewat impor sampai "
                        "Sekretaris mengembalikannya.",
                        baris.sheet,
                        baris.baris,
                    )
                )
                continue
            teks = ""
            if hasil.jumlah["nilai"].perlu_contoh(jenis):
                teks = f"{ind.kode} tahun {tahun}: target {angka(nilai.target)}"
                if nilai.realisasi is not None:
                    teks += f", realisasi {angka(nilai.realisasi)}"
                if lama is not None:
                    teks += f" (sebelumnya target {angka(lama[0])}, realisasi {angka(lama[1])})"
            hasil.jumlah["nilai"].catat(jenis, teks)
            if jenis == "baru":
                baru.append(nilai)
            elif jenis == "berubah":
                nilai.versi += 1
                nilai.diubah_oleh = pengguna
                berubah.append(nilai)
    # A linked indicator's target may not fall below the parent satker's.
    for k, t in Indikator.objects.pelanggaran_target_induk(usulan_target).items():
        baris = letak_target[k]
        masalah.append(
            Masalah(
                t.pesan(usulan_target[k]),
                baris.sheet,
                baris.baris,
                kolom_target.get((baris.sheet, k[1])),
            )
        )
    if masalah:
        return
    sisip_baru(NilaiIndikator, baru, pengguna)
    if len(baru) > 1000:
        segarkan_statistik(NilaiIndikator)
    if berubah:
        bulk_update_with_history(
            berubah,
            NilaiIndikator,
            ["target", "realisasi", "target_diketik", "versi", "diubah_oleh"],
            batch_size=2000,
            default_user=pengguna,
        )


def _periksa_tahun(bacaan, tahun_awal: int, tahun_akhir: int) -> list[Masalah]:
    return [
        Masalah(
            f"Kolom “{k.judul}”: tahun {k.tahun} di luar periode IKU {tahun_awal}–{tahun_akhir}.",
            k.sheet,
            k.baris,
            k.kolom,
        )
        for k in bacaan.kolom_tahun
        if not tahun_awal <= k.tahun <= tahun_akhir
    ]


def import_lampiran(
    *,
    data: bytes,
    nama_berkas: str,
    satker: Satker,
    tahun_awal: int,
    tahun_akhir: int,
    pengguna=None,
    uji_coba: bool = False,
    catat: bool = True,
    sejak: datetime | None = None,
) -> HasilImpor:
    """Import a Lampiran workbook into the satker's PenetapanIKU for the period (created
    if missing). All or nothing; every problem listed; recorded in RiwayatImpor.
    `sejak`: the time of the preview being confirmed; a value changed after it
    through the application stops the import, so nobody's save is undone unseen."""
    with _tanpa_gc():
        return _impor(
            data, nama_berkas, satker, tahun_awal, tahun_akhir, pengguna, uji_coba, catat, sejak
        )


@contextlib.contextmanager
def _tanpa_gc():
    """The cyclic garbage collector paused while importing: a large file makes
    hundreds of thousands of objects that live until the import ends, and the
    collector's repeated passes over them cost about a third of its time.
    Reference counting still frees what is dropped; the collector resumes after."""
    aktif = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aktif:
            gc.enable()


def _impor(
    data, nama_berkas, satker, tahun_awal, tahun_akhir, pengguna, uji_coba, catat, sejak=None
) -> HasilImpor:
    hasil = HasilImpor(uji_coba=uji_coba, periode=(tahun_awal, tahun_akhir), sejak=sejak)
    masalah: list[Masalah] = []
    if tahun_akhir < tahun_awal:
        masalah.append(Masalah("Periode tidak valid: tahun akhir sebelum tahun awal."))
    bacaan = None
    if not masalah:
        try:
            bacaan = baca_lampiran(data)
            gc.collect()  # the workbook, now garbage, is made of cycles
        except BerkasDitolak as exc:
            masalah.extend(exc.masalah)
    if bacaan is not None:
        hasil.tata_letak = bacaan.tata_letak
        masalah.extend(bacaan.masalah)
        masalah.extend(_periksa_tahun(bacaan, tahun_awal, tahun_akhir))
    if not masalah:
        try:
            with transaction.atomic():
                _tulis(bacaan, satker, tahun_awal, tahun_akhir, pengguna, hasil, masalah)
                if masalah or uji_coba:
                    raise _Batal
        except _Batal:
            pass
    hasil.masalah = _urutkan(masalah)
    hasil.berhasil = not masalah
    if uji_coba or not hasil.berhasil:
        # Rolled back: the decree may not exist, so point at it only if it does.
        hasil.penetapan = PenetapanIKU.objects.filter(
            satker=satker, tahun_awal=tahun_awal, tahun_akhir=tahun_akhir
        ).first()
    if catat:
        hasil.riwayat = _catat(hasil, data, nama_berkas, satker, pengguna)
    return hasil


def _urutkan(masalah: list[Masalah]) -> list[Masalah]:
    """Problems in reading order: sheet by sheet (as first met), row by row."""
    urutan_sheet: dict[str | None, int] = {}
    for m in masalah:
        urutan_sheet.setdefault(m.sheet, len(urutan_sheet))
    return sorted(masalah, key=lambda m: (urutan_sheet[m.sheet], m.baris or 0))


def _tulis(bacaan, satker, tahun_awal, tahun_akhir, pengguna, hasil, masalah) -> None:
    penetapan, _ = PenetapanIKU.objects.get_or_create(
        satker=satker,
        tahun_awal=tahun_awal,
        tahun_akhir=tahun_akhir,
        defaults={
            "nomor": "(belum diisi)",
            "tentang": f"Indikator Kinerja Utama Tahun {tahun_awal}-{tahun_akhir}",
        },
    )
    # Two imports into one decree at once: the second waits here until the first
    # has committed, then matches against what it wrote (nothing twice).
    penetapan = PenetapanIKU.objects.select_for_update().get(pk=penetapan.pk)
    hasil.penetapan = penetapan
    butir = _susun_butir(bacaan.baris, masalah)
    if masalah:
        return
    hasil.jumlah_target = sum(len(b.baris.target) for b in butir["indikator"])
    hasil.jumlah_realisasi = sum(len(b.baris.realisasi) for b in butir["indikator"])

    program = list(Program.objects.filter(penetapan=penetapan))
    kegiatan = list(Kegiatan.objects.filter(program__penetapan=penetapan))
    sasaran = list(Sasaran.objects.filter(kegiatan__program__penetapan=penetapan))
    indikator = list(Indikator.objects.dari_penetapan(penetapan))
    per_induk: dict[str, dict[int, list]] = {lv: {} for lv in _MODEL}
    for level, daftar in (
        ("program", program),
        ("kegiatan", kegiatan),
        ("sasaran", sasaran),
        ("indikator", indikator),
    ):
        fk = f"{_FK[level]}_id"
        for o in daftar:
            per_induk[level].setdefault(getattr(o, fk), []).append(o)
    for level in _MODEL:
        _cocokkan_level(level, butir[level], per_induk[level], hasil, masalah, penetapan, pengguna)
        if masalah:
            return
    kolom_target = {(k.sheet, k.tahun): k.kolom for k in bacaan.kolom_tahun if k.jenis == "target"}
    _tulis_nilai(butir["indikator"], penetapan, hasil, masalah, pengguna, kolom_target)


def _catat(hasil: HasilImpor, data: bytes, nama_berkas: str, satker, pengguna) -> RiwayatImpor:
    riwayat = RiwayatImpor(
        satker=satker,
        penetapan=hasil.penetapan,
        pengguna=pengguna,
        nama_berkas=nama_berkas[:255],
        uji_coba=hasil.uji_coba,
        berhasil=hasil.berhasil,
        jumlah=hasil.sebagai_json(),
        pesan="\n".join(str(m) for m in hasil.masalah) or hasil.ringkasan(),
    )
    riwayat.berkas.save(_nama_simpan(nama_berkas), ContentFile(data), save=False)
    riwayat.save()
    return riwayat


def _nama_simpan(nama_berkas: str) -> str:
    dasar = re.sub(r"[^A-Za-z0-9_.-]+", "_", nama_berkas.rsplit("/", 1)[-1])[-80:]
    return dasar or "lampiran.xlsx"
