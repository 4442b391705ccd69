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

from .. import jadwal
from .. import periode as pr
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
MAKS_ALASAN_TERLAMBAT = 2000
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
    # A period's row (the period grid): the (target, realisasi) of the year's
    # earlier periods, in order, and the indicator's rule; None for a yearly row.
    sebelum: list[tuple[Decimal | None, Decimal | None]] | None = None
    # After the period's deadline: a change needs a reason (pesan_terlambat says so).
    pesan_terlambat: str = ""
    alasan_terlambat: str = ""

    @property
    def terlambat(self) -> bool:
        return bool(self.pesan_terlambat)

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
    def sampai_saat_ini(self) -> tuple[Decimal | None, Decimal | None]:
        """(target, realisasi) so far in the year with the typed value, by the
        indicator's rule; a yearly row's own."""
        if self.sebelum is None:
            return self.target, self.realisasi
        return pr.sampai_saat_ini(
            self.indikator.aturan_tahunan, [*self.sebelum, (self.target, self.realisasi)]
        )

    @property
    def capaian_isian(self) -> Decimal | None:
        """Capaian of the typed value; for a period, so far in the year."""
        return self.indikator.hitung_capaian(*self.sampai_saat_ini)

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
    def perlu_alasan_terlambat(self) -> bool:
        return self.terlambat and self.berubah and self.diubah_pengguna

    @property
    def alasan_riwayat(self) -> str:
        """The change reason kept in the history: a confirmed unusual value, a
        value entered after the deadline."""
        bagian = []
        if self.yakin and self.janggal:
            bagian.append("Nilai ini benar" + (f": {self.alasan}" if self.alasan else ""))
        if self.perlu_alasan_terlambat and self.alasan_terlambat:
            bagian.append(f"Diisi setelah batas: {self.alasan_terlambat}")
        return "; ".join(bagian)


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


def baris_dari_nilai(
    indikator: Indikator, nilai: NilaiIndikator | None, boleh: bool, periode: dict | None = None
):
    """The row as stored (GET). `periode`: the period row's context
    (BarisRealisasi.sebelum, pesan_terlambat)."""
    baris = BarisRealisasi(indikator=indikator, nilai=nilai, boleh_ubah=boleh, **(periode or {}))
    if nilai is not None:
        baris.realisasi_teks = tulis_angka(nilai.realisasi)
        baris.realisasi = nilai.realisasi
        baris.analisis = nilai.analisis
        baris.kendala = nilai.kendala
        baris.tindak_lanjut = nilai.tindak_lanjut
        baris.versi = nilai.versi
    baris.asal = baris.sidik
    return baris


def baca_baris_realisasi(
    data, indikator: Indikator, nilai, boleh: bool, periode: dict | None = None
) -> BarisRealisasi:
    """Parse one row of the posted grid; problems go to baris.galat by field."""
    p = f"r{indikator.pk}-"
    if not boleh or p + "versi" not in data:
        return baris_dari_nilai(indikator, nilai, boleh, periode)
    baris = BarisRealisasi(
        **(periode or {}),
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
    baris.alasan_terlambat = " ".join(data.get(p + "alasan_terlambat", "").split())
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
    if baris.perlu_alasan_terlambat:
        if not baris.alasan_terlambat:
            baris.galat["alasan_terlambat"] = baris.pesan_terlambat
        elif len(baris.alasan_terlambat) > MAKS_ALASAN_TERLAMBAT:
            baris.galat["alasan_terlambat"] = (
                f"Alasan terlambat terlalu panjang (paling banyak {MAKS_ALASAN_TERLAMBAT:n} "
                "karakter)."
            )
    return baris


class DiLuarJadwal(ValidationError):
    """A period value written outside its entry window: before it opens, or
    after its deadline without a reason."""


def nilai_simpan_realisasi(
    *,
    satker: Satker,
    tahun: int,
    pengguna: Pengguna,
    baris: list[BarisRealisasi],
    triwulan: int = 0,
) -> int:
    """Save the changed rows of a valid grid in one transaction; returns how many.
    `triwulan` 0: the yearly grid (indicators measured per year); 1–4: the
    period ending in that quarter (indicators measured in it), whose yearly
    rows are then derived again (NilaiIndikator.objects.turunkan_tahunan).
    Refuses a locked year (TahunTerkunci), a period outside its entry window
    (DiLuarJadwal: not open yet, or past its deadline with no reason) and any
    row whose stored versi moved on since the form was opened (Konflik) —
    then nothing is saved."""
    kandidat = [
        b
        for b in baris
        if b.boleh_ubah
        and not b.galat
        and (triwulan in b.indikator.slot_periode if triwulan else not b.indikator.berperiode)
    ]
    with transaction.atomic():
        TahunKinerja.objects.kunci_untuk_ubah(satker, tahun)
        jendela = jadwal.jendela_tahun(satker, tahun)[triwulan] if triwulan else None
        terkini = {
            n.indikator_id: n
            for n in NilaiIndikator.objects.select_for_update().filter(
                indikator_id__in=[b.indikator.pk for b in kandidat], tahun=tahun, triwulan=triwulan
            )
        }
        if jendela is not None and jendela.belum_buka:
            ubahan = [b for b in kandidat if b.berubah]
            if ubahan:
                nama = pr.nama_periode(ubahan[0].indikator.periode_ukur, triwulan)
                raise DiLuarJadwal(jadwal.pesan_belum_buka(nama, jendela))
        tanpa_alasan = []
        konflik, ubah, baru, diubah = [], [], [], []
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
            if jendela is not None:
                nama = pr.nama_periode(b.indikator.periode_ukur, triwulan)
                if jendela.lewat_batas:
                    if not b.alasan_terlambat:
                        tanpa_alasan.append(f"{b.indikator.kode} ({nama})")
                        continue
                    b.pesan_terlambat = b.pesan_terlambat or jadwal.pesan_terlambat(nama, jendela)
            if n is None:
                n = NilaiIndikator(indikator=b.indikator, tahun=tahun, triwulan=triwulan)
                baru.append(n)
            else:
                ubah.append(n)
            diubah.append(b.indikator)
            if jendela is not None and jendela.lewat_batas:
                n.alasan_terlambat = b.alasan_terlambat
            n.realisasi = b.realisasi
            n.analisis = b.analisis
            n.kendala = b.kendala
            n.tindak_lanjut = b.tindak_lanjut
            n.versi += 1
            if b.alasan_riwayat:
                n._change_reason = b.alasan_riwayat  # simple_history keeps it per row
            n.diubah_oleh = pengguna
            n.diubah_pada = timezone.now()
        if tanpa_alasan:
            raise DiLuarJadwal(
                "Batas pengisian sudah lewat: tulis alasan pengisian terlambat untuk "
                + ", ".join(tanpa_alasan)
                + ". Tidak ada yang tersimpan."
            )
        if konflik:
            raise Konflik(konflik)
        NilaiIndikator.objects.tulis(
            ubah,
            baru,
            pengguna,
            ["realisasi", "analisis", "kendala", "tindak_lanjut", "alasan_terlambat"],
        )
        if triwulan:
            NilaiIndikator.objects.turunkan_tahunan(diubah, tahun, pengguna)
    return len(ubah) + len(baru)


def periode_diubah(*, indikator: Indikator, pengguna: Pengguna | None) -> None:
    """After an indicator's periodicity or yearly rule changed (allowed by
    Indikator.penolakan_ubah_periode): its yearly rows follow, each year under
    its satker-year lock, in one transaction. Per period: derived again by the
    new rule; back to yearly: the derived parts are cleared."""
    with transaction.atomic():
        daftar_tahun = sorted(
            set(NilaiIndikator.objects.filter(indikator=indikator).values_list("tahun", flat=True))
        )
        for tahun in daftar_tahun:
            TahunKinerja.objects.kunci_untuk_ubah(indikator.satker, tahun)
        if indikator.berperiode:
            for tahun in daftar_tahun:
                NilaiIndikator.objects.turunkan_tahunan([indikator], tahun, pengguna)
            return
        ubah = list(
            NilaiIndikator.objects.select_for_update()
            .filter(indikator=indikator, triwulan=0)
            .exclude(target_sd=None, terukur_sampai=0, target_diketik=True)
        )
        for n in ubah:
            n.target_sd, n.terukur_sampai, n.target_diketik = None, 0, True
            n.versi += 1
            n.diubah_oleh = pengguna
            n.diubah_pada = timezone.now()
        NilaiIndikator.objects.tulis(
            ubah, [], pengguna, ["target_sd", "terukur_sampai", "target_diketik"]
        )
