"""Reading the entry grids (realisasi per year, targets per period) and saving
them: Indonesian numbers, every problem listed next to its field, nothing
half-saved, and no silent overwrite of a newer value (optimistic locking on
NilaiIndikator.versi).
"""

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .models import Indikator, NilaiIndikator, Pengguna, Satker, StatusReviu, TahunKinerja
from .teks import bersihkan_teks

MAKS_TEKS = 5000
# NilaiIndikator decimals: 18 digits, 4 after the comma.
MAKS_DIGIT_BULAT = 14
MAKS_DESIMAL = 4
KOLOM_TEKS = {"analisis": "Analisis", "kendala": "Kendala", "tindak_lanjut": "Tindak lanjut"}

_RIBUAN = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_BIASA = re.compile(r"^\d+(,\d+)?$")


class TahunTerkunci(Exception):
    """The satker-year is approved: nothing of it may change."""

    def __init__(self, tahun: int):
        super().__init__(
            f"Tahun {tahun} sudah disetujui Ketua dan terkunci; perubahan ditolak. "
            "Admin dapat membuka kembali kuncinya dengan alasan."
        )


class Konflik(Exception):
    """Someone saved a newer value of these indicators since the form was opened."""

    def __init__(self, indikator: list[Indikator]):
        self.indikator = indikator
        daftar = ", ".join(f"{i.kode} {i.nama[:60]}" for i in indikator)
        super().__init__(
            "Data berikut telah diubah orang lain sejak halaman ini dibuka, sehingga "
            f"tidak disimpan: {daftar}. Isian Anda masih ada di formulir; periksa nilai "
            "terbaru (muat ulang halaman di tab lain) lalu simpan lagi."
        )


def baca_angka(teks: str | None) -> Decimal | None:
    """An Indonesian number ("85,5", "1.250", "1.250,75") as Decimal; empty is None.
    Raises ValueError with an Indonesian message."""
    teks = (teks or "").strip().replace(" ", "").replace("\u00a0", "")
    if not teks:
        return None
    if teks.startswith("-"):
        raise ValueError("Tidak boleh negatif.")
    if _RIBUAN.match(teks):
        teks = teks.replace(".", "")
    elif not _BIASA.match(teks):
        if re.fullmatch(r"\d+\.\d+", teks):
            raise ValueError("Gunakan koma untuk desimal, mis. 85,5 (titik untuk ribuan: 1.250).")
        raise ValueError("Bukan angka yang sah. Contoh: 85,5 atau 1.250.")
    bulat, _, pecahan = teks.partition(",")
    if len(pecahan) > MAKS_DESIMAL:
        raise ValueError(f"Paling banyak {MAKS_DESIMAL} angka di belakang koma.")
    if len(bulat.lstrip("0")) > MAKS_DIGIT_BULAT:
        raise ValueError("Angka terlalu besar.")
    try:
        return Decimal(f"{bulat}.{pecahan or '0'}")
    except InvalidOperation as exc:  # pragma: no cover - guarded by the patterns
        raise ValueError("Bukan angka yang sah.") from exc


def tulis_angka(nilai: Decimal | None) -> str:
    """A stored number the way the input shows it (no grouping: easy to edit)."""
    if nilai is None:
        return ""
    teks = format(nilai.normalize(), "f")
    return teks.replace(".", ",")


def sidik(realisasi: Decimal | None, analisis: str, kendala: str, tindak_lanjut: str) -> str:
    """A short fingerprint of a row's editable values: posted with the form, it
    tells whether the user changed the row, whatever others did meanwhile."""
    teks = "\x1f".join([tulis_angka(realisasi), analisis, kendala, tindak_lanjut])
    return hashlib.sha256(teks.encode()).hexdigest()[:16]


def baca_versi(teks: str | None) -> int | None:
    try:
        return int(teks) if teks not in (None, "") else None
    except ValueError:
        return None


def boleh_ubah_realisasi(user: Pengguna, indikator: Indikator) -> bool:
    """Operators edit their unit's indicators where both user and indicator have
    a unit; otherwise all of their satker's. Other roles read."""
    if not user.punya_peran("Operator"):
        return False
    if user.unit_kerja_id and indikator.penanggung_jawab_id:
        return user.unit_kerja_id == indikator.penanggung_jawab_id
    return True


def _pastikan_tidak_terkunci(satker: Satker, tahun: int) -> TahunKinerja:
    tahun_kinerja = TahunKinerja.objects.untuk(satker, tahun)
    tahun_kinerja = TahunKinerja.objects.select_for_update().get(pk=tahun_kinerja.pk)
    if tahun_kinerja.terkunci:
        raise TahunTerkunci(tahun)
    return tahun_kinerja


# --- Realisasi grid ------------------------------------------------------------------


@dataclass
class BarisRealisasi:
    """One indicator's row as posted: the raw inputs (kept for re-display) and errors."""

    indikator: Indikator
    nilai: NilaiIndikator | None
    boleh_ubah: bool
    realisasi_teks: str = ""
    analisis: str = ""
    kendala: str = ""
    tindak_lanjut: str = ""
    versi: int | None = None
    realisasi: Decimal | None = None
    asal: str = ""
    galat: dict[str, str] = field(default_factory=dict)

    @property
    def sidik(self) -> str:
        return sidik(self.realisasi, self.analisis, self.kendala, self.tindak_lanjut)

    @property
    def diubah_pengguna(self) -> bool:
        return self.asal != self.sidik

    def sama_dengan(self, n) -> bool:
        """True when the row's inputs equal the stored values of `n` (None: empty row)."""
        if n is None:
            return self.realisasi is None and not any(getattr(self, k) for k in KOLOM_TEKS)
        return (
            n.realisasi == self.realisasi
            and n.analisis == self.analisis
            and n.kendala == self.kendala
            and n.tindak_lanjut == self.tindak_lanjut
        )

    @property
    def berubah(self) -> bool:
        return not self.sama_dengan(self.nilai)

    @property
    def teks_kolom(self) -> list[tuple[str, str, str]]:
        return [(k, label, getattr(self, k)) for k, label in KOLOM_TEKS.items()]


def baris_dari_nilai(indikator: Indikator, nilai: NilaiIndikator | None, boleh: bool):
    """The row as stored (GET)."""
    baris = BarisRealisasi(indikator=indikator, nilai=nilai, boleh_ubah=boleh)
    if nilai is not None:
        baris.realisasi_teks = tulis_angka(nilai.realisasi)
        baris.realisasi = nilai.realisasi
        baris.analisis = nilai.analisis
        baris.kendala = nilai.kendala
        baris.tindak_lanjut = nilai.tindak_lanjut
        baris.versi = nilai.versi
    baris.asal = baris.sidik
    return baris


def baca_baris_realisasi(data, indikator: Indikator, nilai, boleh: bool) -> BarisRealisasi:
    """Parse one row of the posted grid; problems go to baris.galat by field."""
    p = f"r{indikator.pk}-"
    if not boleh or p + "versi" not in data:
        return baris_dari_nilai(indikator, nilai, boleh)
    baris = BarisRealisasi(
        indikator=indikator,
        nilai=nilai,
        boleh_ubah=True,
        realisasi_teks=data.get(p + "realisasi", ""),
        analisis=data.get(p + "analisis", "").replace("\r\n", "\n").strip(),
        kendala=data.get(p + "kendala", "").replace("\r\n", "\n").strip(),
        tindak_lanjut=data.get(p + "tindak_lanjut", "").replace("\r\n", "\n").strip(),
        versi=baca_versi(data.get(p + "versi")),
        asal=data.get(p + "asal", ""),
    )
    try:
        baris.realisasi = baca_angka(baris.realisasi_teks)
    except ValueError as exc:
        baris.galat["realisasi"] = str(exc)
    for kolom, label in KOLOM_TEKS.items():
        panjang = len(getattr(baris, kolom))
        try:
            bersihkan_teks(getattr(baris, kolom), label)
        except ValidationError as exc:
            baris.galat[kolom] = exc.messages[0]
        else:
            if panjang > MAKS_TEKS:
                baris.galat[kolom] = (
                    f"{label} terlalu panjang ({panjang:n} karakter; paling banyak {MAKS_TEKS:n})."
                )
    # Rules for changes apply to what THIS user changed since opening the form; a row
    # only someone else changed meanwhile is left to the save's version check.
    if nilai is not None and nilai.status in (StatusReviu.DIAJUKAN, StatusReviu.DIVERIFIKASI):
        if baris.berubah and baris.diubah_pengguna:
            baris.galat["realisasi"] = (
                f"Status {nilai.get_status_display().lower()}: tidak dapat diubah lagi."
            )
    elif (
        "realisasi" not in baris.galat
        and baris.realisasi is not None
        and baris.berubah
        and baris.diubah_pengguna
    ):
        target = nilai.target if nilai is not None else None
        capaian = indikator.hitung_capaian(target, baris.realisasi)
        if (
            capaian is not None
            and capaian > 100
            and not baris.analisis
            and "analisis" not in baris.galat
        ):
            baris.galat["analisis"] = (
                "Capaian di atas 100% (realisasi melampaui target): jelaskan di analisis."
            )
    return baris


def nilai_simpan_realisasi(
    *, satker: Satker, tahun: int, pengguna: Pengguna, baris: list[BarisRealisasi]
) -> int:
    """Save the changed rows of a valid grid in one transaction; returns how many.
    Refuses a locked year (TahunTerkunci) and any row whose stored versi moved on
    since the form was opened (Konflik) — then nothing is saved."""
    kandidat = [b for b in baris if b.boleh_ubah and not b.galat]
    with transaction.atomic():
        _pastikan_tidak_terkunci(satker, tahun)
        terkini = {
            n.indikator_id: n
            for n in NilaiIndikator.objects.select_for_update().filter(
                indikator_id__in=[b.indikator.pk for b in kandidat], tahun=tahun, triwulan=0
            )
        }
        konflik, ubah, baru = [], [], []
        for b in kandidat:
            n = terkini.get(b.indikator.pk)
            if (n.versi if n is not None else None) != b.versi:
                if b.diubah_pengguna:
                    konflik.append(b.indikator)
                # else: the user left this row alone; someone else's newer value stays.
                continue
            if b.sama_dengan(n):
                continue
            if n is not None and n.status in (StatusReviu.DIAJUKAN, StatusReviu.DIVERIFIKASI):
                konflik.append(b.indikator)
                continue
            if n is None:
                n = NilaiIndikator(indikator=b.indikator, tahun=tahun, triwulan=0)
                baru.append(n)
            else:
                ubah.append(n)
            n.realisasi = b.realisasi
            n.analisis = b.analisis
            n.kendala = b.kendala
            n.tindak_lanjut = b.tindak_lanjut
            n.versi += 1
            n.diubah_oleh = pengguna
            n.diubah_pada = timezone.now()
        if konflik:
            raise Konflik(konflik)
        _tulis(ubah, baru, pengguna, ["realisasi", "analisis", "kendala", "tindak_lanjut"])
    return len(ubah) + len(baru)


def _tulis(ubah: list[NilaiIndikator], baru: list[NilaiIndikator], pengguna, kolom) -> None:
    if ubah:
        bulk_update_with_history(
            ubah,
            NilaiIndikator,
            [*kolom, "versi", "diubah_oleh", "diubah_pada"],
            default_user=pengguna,
        )
    if baru:
        bulk_create_with_history(baru, NilaiIndikator, default_user=pengguna)


# --- Targets grid (indicators × years of the period) ------------------------------------


@dataclass
class SelTarget:
    tahun: int
    nilai: NilaiIndikator | None
    terkunci: bool
    teks: str = ""
    versi: int | None = None
    angka: Decimal | None = None
    galat: str = ""
    dibaca: bool = False
    asal: str = ""


@dataclass
class BarisTarget:
    indikator: Indikator
    sel: list[SelTarget]
    akhir_teks: str = ""
    akhir_asal: str = ""
    akhir: Decimal | None = None
    akhir_galat: str = ""
    akhir_dibaca: bool = False

    @property
    def ada_galat(self) -> bool:
        return bool(self.akhir_galat or any(s.galat for s in self.sel))


def baris_target(indikator: Indikator, daftar_tahun: list[int], terkunci: set[int], data=None):
    """One indicator's target row, as stored (data None) or as posted."""
    baris = BarisTarget(indikator=indikator, sel=[])
    baris.akhir_asal = tulis_angka(indikator.target_akhir)
    baris.akhir = indikator.target_akhir
    baris.akhir_teks = baris.akhir_asal
    if data is not None and f"a{indikator.pk}" in data:
        baris.akhir_dibaca = True
        baris.akhir_asal = data.get(f"a{indikator.pk}-asal", baris.akhir_asal)
        baris.akhir_teks = data.get(f"a{indikator.pk}", "")
        try:
            baris.akhir = baca_angka(baris.akhir_teks)
        except ValueError as exc:
            baris.akhir_galat = str(exc)
    for tahun in daftar_tahun:
        nilai = indikator.nilai_pada(tahun)
        sel = SelTarget(tahun=tahun, nilai=nilai, terkunci=tahun in terkunci)
        sel.angka = nilai.target if nilai else None
        sel.teks = tulis_angka(sel.angka)
        sel.versi = nilai.versi if nilai else None
        sel.asal = sel.teks
        nama = f"t{indikator.pk}-{tahun}"
        if data is not None and nama in data:
            sel.dibaca = True
            sel.teks = data.get(nama, "")
            sel.versi = baca_versi(data.get(nama + "-versi"))
            sel.asal = data.get(nama + "-asal", "")
            try:
                sel.angka = baca_angka(sel.teks)
            except ValueError as exc:
                sel.galat = str(exc)
        baris.sel.append(sel)
    return baris


def nilai_simpan_target(
    *, satker: Satker, pengguna: Pengguna, daftar_tahun: list[int], baris: list[BarisTarget]
) -> int:
    """Save changed targets (and Renstra end targets) in one transaction.
    Locked years are refused; stale versions are a Konflik; nothing half-saved."""
    with transaction.atomic():
        terkunci = set(
            TahunKinerja.objects.select_for_update()
            .filter(satker=satker, tahun__in=daftar_tahun, status="disetujui")
            .values_list("tahun", flat=True)
        )
        id_indikator = [b.indikator.pk for b in baris]
        terkini = {
            (n.indikator_id, n.tahun): n
            for n in NilaiIndikator.objects.select_for_update().filter(
                indikator_id__in=id_indikator, tahun__in=daftar_tahun, triwulan=0
            )
        }
        akhir_terkini = dict(
            Indikator.objects.select_for_update()
            .filter(pk__in=id_indikator)
            .values_list("pk", "target_akhir")
        )
        konflik, ubah, baru, indikator_ubah = [], [], [], []
        for b in baris:
            bentrok = False
            sekarang_akhir = akhir_terkini.get(b.indikator.pk)
            if b.akhir_dibaca and b.akhir != sekarang_akhir:
                if tulis_angka(sekarang_akhir) == b.akhir_asal:
                    b.indikator.target_akhir = b.akhir
                    indikator_ubah.append(b.indikator)
                elif tulis_angka(b.akhir) != b.akhir_asal:
                    bentrok = True
            for sel in b.sel:
                if not sel.dibaca:
                    continue
                n = terkini.get((b.indikator.pk, sel.tahun))
                if (n.versi if n is not None else None) != sel.versi:
                    if tulis_angka(sel.angka) != sel.asal:
                        bentrok = True
                    continue
                if (n.target if n is not None else None) == sel.angka:
                    continue
                if sel.tahun in terkunci:
                    raise TahunTerkunci(sel.tahun)
                if n is None:
                    n = NilaiIndikator(indikator=b.indikator, tahun=sel.tahun, triwulan=0)
                    baru.append(n)
                else:
                    ubah.append(n)
                n.target = sel.angka
                n.versi += 1
                n.diubah_oleh = pengguna
                n.diubah_pada = timezone.now()
            if bentrok:
                konflik.append(b.indikator)
        if konflik:
            raise Konflik(konflik)
        _tulis(ubah, baru, pengguna, ["target"])
        if indikator_ubah:
            bulk_update_with_history(
                indikator_ubah, Indikator, ["target_akhir"], default_user=pengguna
            )
    return len(ubah) + len(baru) + len(indikator_ubah)
