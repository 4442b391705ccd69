"""Entry windows of the periods: a period opens on its last day
(periode.buka_pada) and closes at its deadline (JadwalPengisian.objects.batas);
after the deadline a value is entered or changed only with a reason.

Today comes from hari_ini(), the one clock of these rules: tests patch it, so
no rule depends on the real date.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from . import periode as pr
from .angka import tanggal_panjang

BELUM_BUKA, TERBUKA, LEWAT_BATAS = "belum_buka", "terbuka", "lewat_batas"


def hari_ini() -> date:
    return timezone.localdate()


@dataclass(frozen=True)
class Jendela:
    """The entry window of the periods ending in one quarter of a year."""

    tahun: int
    triwulan: int
    buka: date
    batas: date
    hari: date  # the day it was read for

    @property
    def keadaan(self) -> str:
        if self.hari < self.buka:
            return BELUM_BUKA
        if self.hari > self.batas:
            return LEWAT_BATAS
        return TERBUKA

    @property
    def belum_buka(self) -> bool:
        return self.keadaan == BELUM_BUKA

    @property
    def lewat_batas(self) -> bool:
        return self.keadaan == LEWAT_BATAS

    @property
    def sisa_hari(self) -> int:
        """Days until the deadline (0 on its day, negative once passed)."""
        return (self.batas - self.hari).days

    def teks_sisa(self) -> str:
        if self.belum_buka:
            return f"dibuka pada {tanggal_panjang(self.buka)}"
        if self.sisa_hari == 0:
            return "batas hari ini"
        if self.sisa_hari > 0:
            return f"sisa {self.sisa_hari} hari"
        return f"lewat batas {-self.sisa_hari} hari"


def jendela_tahun(satker, tahun: int, hari: date | None = None) -> dict[int, Jendela]:
    """The window of each quarter of a satker-year (one query)."""
    hari = hari or hari_ini()
    batas = _batas(satker, tahun)
    return {tw: Jendela(tahun, tw, pr.buka_pada(tahun, tw), batas[tw], hari) for tw in (1, 2, 3, 4)}


def _batas(satker, tahun: int) -> dict[int, date]:
    from .models import JadwalPengisian

    return JadwalPengisian.objects.batas(satker, tahun)


def pesan_terlambat(nama_periode: str, jendela: Jendela) -> str:
    return (
        f"Batas pengisian {nama_periode} {jendela.tahun} ({tanggal_panjang(jendela.batas)}) "
        "sudah lewat: tulis alasan pengisian terlambat."
    )


def pesan_belum_buka(nama_periode: str, jendela: Jendela) -> str:
    return (
        f"Pengisian {nama_periode} {jendela.tahun} belum dibuka; dibuka pada "
        f"{tanggal_panjang(jendela.buka)}."
    )
