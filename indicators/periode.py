"""Measurement through the year: the periods an indicator is measured in, the
rule that turns its periods into the year's figure, and the entry windows.

Periods are stored in NilaiIndikator.triwulan as the quarter in which they
end: 0 is the year itself, 1–4 the quarters; a semester indicator stores
Semester I in slot 2 and Semester II in slot 4. So every period, whatever the
indicator's periodicity, closes with a quarter and shares its entry window.
"""

import calendar
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal

TAHUNAN = "tahunan"
SEMESTERAN = "semesteran"
TRIWULANAN = "triwulanan"

KUMULATIF = "kumulatif"
NILAI_AKHIR = "nilai_akhir"
RATA_RATA = "rata_rata"

SLOT = {TAHUNAN: (), SEMESTERAN: (2, 4), TRIWULANAN: (1, 2, 3, 4)}

# The rule's name in a sentence ("s.d. TW II … · kumulatif").
NAMA_ATURAN = {KUMULATIF: "kumulatif", NILAI_AKHIR: "nilai akhir", RATA_RATA: "rata-rata"}

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}

# Days after the end of a quarter until its entry window closes, unless the
# satker's Admin sets another deadline (JadwalPengisian).
HARI_BATAS_BAWAAN = 10


def slot(periode_ukur: str) -> tuple[int, ...]:
    """The quarter slots an indicator of this periodicity is measured in."""
    return SLOT[periode_ukur]


def nama_periode(periode_ukur: str, triwulan: int) -> str:
    """ "Triwulan III", "Semester I", or "Tahunan" for slot 0."""
    if triwulan == 0:
        return "Tahunan"
    if periode_ukur == SEMESTERAN:
        return f"Semester {ROMAWI[triwulan // 2]}"
    return f"Triwulan {ROMAWI[triwulan]}"


def singkatan_periode(periode_ukur: str, triwulan: int) -> str:
    """ "TW III", "S I": column headings."""
    if periode_ukur == SEMESTERAN:
        return f"S {ROMAWI[triwulan // 2]}"
    return f"TW {ROMAWI[triwulan]}"


def kode_url(periode_ukur: str, triwulan: int) -> str:
    """The URL segment of a period grid: "tw3", "s1"."""
    if periode_ukur == SEMESTERAN:
        return f"s{triwulan // 2}"
    return f"tw{triwulan}"


def dari_kode_url(kode: str) -> tuple[str, int] | None:
    """("triwulanan", 3) for "tw3", ("semesteran", 2) for "s1"; None if unknown."""
    if kode.startswith("tw") and kode[2:] in {"1", "2", "3", "4"}:
        return TRIWULANAN, int(kode[2:])
    if kode.startswith("s") and kode[1:] in {"1", "2"}:
        return SEMESTERAN, int(kode[1:]) * 2
    return None


def gabung(aturan: str, nilai: Sequence[Decimal | None]) -> Decimal | None:
    """The figure of several periods, in period order, by the indicator's rule:
    the sum (kumulatif), the last measured value (nilai akhir) or the mean
    (rata-rata) of the periods that have a value. None when none has one:
    a missing period is never read as zero."""
    ada = [n for n in nilai if n is not None]
    if not ada:
        return None
    if aturan == KUMULATIF:
        return sum(ada, Decimal(0))
    if aturan == RATA_RATA:
        return sum(ada, Decimal(0)) / len(ada)
    return ada[-1]


def sampai_saat_ini(
    aturan: str, periode: Iterable[tuple[Decimal | None, Decimal | None]]
) -> tuple[Decimal | None, Decimal | None]:
    """(target so far, realisasi so far) over the periods, in order, given as
    (target, realisasi) pairs: both by the rule, over the periods measured so
    far only, so a cumulative indicator is compared with the target of the
    periods it reports, not with the whole year's."""
    terukur = [(t, r) for t, r in periode if r is not None]
    if not terukur:
        return None, None
    return gabung(aturan, [t for t, _ in terukur]), gabung(aturan, [r for _, r in terukur])


def akhir_triwulan(tahun: int, triwulan: int) -> date:
    bulan = 3 * triwulan
    return date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def batas_bawaan(tahun: int, triwulan: int) -> date:
    """The default deadline: the 10th day after the quarter ends."""
    return akhir_triwulan(tahun, triwulan) + timedelta(days=HARI_BATAS_BAWAAN)


def buka_pada(tahun: int, triwulan: int) -> date:
    """A period's entry opens on its last day."""
    return akhir_triwulan(tahun, triwulan)
