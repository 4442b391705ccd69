"""Saving the realisation grid of one year: every problem listed next to its
field, nothing half-saved, and no silent overwrite of a newer value (optimistic
locking on NilaiIndikator.versi under the satker-year's row lock).
"""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..angka import baca_angka, tulis_angka
from ..models import (
    REVIU_TERKUNCI,
    Indikator,
    Konflik,
    NilaiIndikator,
    Pengguna,
    Satker,
    TahunKinerja,
    penjelasan_kurang,
    teks_penjelasan_kurang,
)
from ..teks import bersihkan_teks

MAKS_TEKS = 5000
MAKS_ALASAN = 500
KOLOM_TEKS = {"analisis": "Analisis", "kendala": "Kendala", "tindak_lanjut": "Tindak lanjut"}


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
    yakin: bool = False  # "Nilai ini benar" ticked for a value far from its target
    alasan: str = ""  # why such a value is right (optional; kept in the history)
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

    @property
    def target(self) -> Decimal | None:
        return self.nilai.target if self.nilai is not None else None

    @property
    def capaian_isian(self) -> Decimal | None:
        return self.indikator.hitung_capaian(self.target, self.realisasi)

    @property
    def penjelasan_kurang(self) -> list[str]:
        """The explanation fields the row's current inputs still lack before the
        entry can be submitted (NilaiIndikator's rule, on the typed values)."""
        return penjelasan_kurang(
            self.capaian_isian, self.analisis, self.kendala, self.tindak_lanjut
        )

    @property
    def teks_penjelasan_kurang(self) -> str:
        return teks_penjelasan_kurang(self.capaian_isian, self.penjelasan_kurang)

    @property
    def janggal(self) -> str:
        return self.indikator.realisasi_janggal(self.target, self.realisasi)

    @property
    def perlu_yakin(self) -> bool:
        """Show "Nilai ini benar": the user typed a value far from its target."""
        return bool(self.janggal) and self.berubah and self.diubah_pengguna

    @property
    def alasan_riwayat(self) -> str:
        """The change reason kept in the history for a confirmed unusual value."""
        if not (self.yakin and self.janggal):
            return ""
        return "Nilai ini benar" + (f": {self.alasan}" if self.alasan else "")


# The entry grid's filters (?saring=…): the page's script applies the same
# rules to the rows' data-* attributes (static/js/entri.js, saringCocok).
SARINGAN = {
    "kosong": "Realisasi kosong",
    "dikembalikan": "Dikembalikan",
    "di_atas": "Di atas target",
    "di_bawah": "Di bawah target",
    "tanpa_bukti": "Tanpa bukti dukung",
    "perlu_penjelasan": "Perlu penjelasan",
}


def cocok_saringan(baris: "BarisRealisasi", cari: str, saring: str, jumlah_bukti: int) -> bool:
    """Whether a grid row matches the search text (code or name) and the filter."""
    cari = cari.strip().lower()
    if (
        cari
        and cari not in baris.indikator.kode.lower()
        and cari not in baris.indikator.nama.lower()
    ):
        return False
    capaian = baris.capaian_isian
    status = baris.nilai.status if baris.nilai is not None else ""
    aturan = {
        "kosong": lambda: baris.realisasi is None,
        "dikembalikan": lambda: status == "dikembalikan",
        "di_atas": lambda: capaian is not None and capaian > 100,
        "di_bawah": lambda: capaian is not None and capaian < 100,
        "tanpa_bukti": lambda: jumlah_bukti == 0,
        "perlu_penjelasan": lambda: bool(baris.penjelasan_kurang),
    }
    return aturan[saring]() if saring in aturan else True


def baris_harus_tampil(baris: "BarisRealisasi") -> bool:
    """A row with an unsaved change or an error is never hidden by a filter."""
    return bool(baris.galat) or (baris.boleh_ubah and baris.berubah and baris.diubah_pengguna)


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
        yakin=bool(data.get(p + "yakin")),
        alasan=" ".join(data.get(p + "alasan", "").split())[:MAKS_ALASAN],
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
    if nilai is not None and nilai.status in REVIU_TERKUNCI:
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
        # Above target the analysis is required to save (below target, kendala and
        # tindak lanjut are required to submit: nilai_ajukan; the grid marks the row).
        if "analisis" in baris.penjelasan_kurang and "analisis" not in baris.galat:
            baris.galat["analisis"] = (
                "Capaian di atas 100% (realisasi melampaui target): jelaskan di analisis."
            )
        if baris.janggal and not baris.yakin:
            baris.galat["realisasi"] = (
                f"{baris.janggal} (realisasi {tulis_angka(baris.realisasi)}, "
                f"target {tulis_angka(baris.target)}): periksa lagi; bila benar, "
                "centang “Nilai ini benar” di bawah kolom ini."
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
        TahunKinerja.objects.kunci_untuk_ubah(satker, tahun)
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
            if n is not None and n.status in REVIU_TERKUNCI:
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
            if b.alasan_riwayat:
                n._change_reason = b.alasan_riwayat  # simple_history keeps it per row
            n.diubah_oleh = pengguna
            n.diubah_pada = timezone.now()
        if konflik:
            raise Konflik(konflik)
        NilaiIndikator.objects.tulis(
            ubah, baru, pengguna, ["realisasi", "analisis", "kendala", "tindak_lanjut"]
        )
    return len(ubah) + len(baru)
