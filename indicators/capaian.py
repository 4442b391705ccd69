"""The one place that computes capaian (achievement, %) from target and realisasi.

Decimal arithmetic throughout; rounding happens only when a value is shown.
"""

from decimal import Decimal

POSITIF = "positif"
NEGATIF = "negatif"

# Formulas for negative indicators (lower is better), by stored key.
RUMUS_2T_KURANG_R = "2t_r"  # (2T - R) / T
RUMUS_T_BAGI_R = "t_r"  # T / R
RUMUS_1_PLUS = "1_plus"  # 1 + (1 - R/T)

SERATUS = Decimal(100)


def hitung_capaian(
    target: Decimal | None,
    realisasi: Decimal | None,
    polaritas: str = POSITIF,
    rumus: str = RUMUS_2T_KURANG_R,
) -> Decimal | None:
    """Capaian in percent, or None when it is undefined.

    Undefined (shown "—") when either value is missing or the target is zero;
    missing is never read as zero. Negative polarity never gives less than 0.
    """
    if target is None or realisasi is None:
        return None
    target = Decimal(target)
    realisasi = Decimal(realisasi)
    if target == 0:
        return None
    if polaritas == POSITIF:
        return realisasi / target * SERATUS
    if rumus == RUMUS_T_BAGI_R:
        if realisasi == 0:
            # Nothing of what should be low happened: the best possible result,
            # but T/R has no finite value. Treat as undefined rather than invent one.
            return None
        hasil = target / realisasi * SERATUS
    elif rumus == RUMUS_1_PLUS:
        hasil = (1 + (1 - realisasi / target)) * SERATUS
    else:
        hasil = (2 * target - realisasi) / target * SERATUS
    return max(hasil, Decimal(0))


def rata_rata(nilai: list[Decimal | None]) -> Decimal | None:
    """Mean of the defined values; None when none is defined."""
    ada = [n for n in nilai if n is not None]
    if not ada:
        return None
    return sum(ada, Decimal(0)) / len(ada)


def kuantil(nilai: list[Decimal | None], q: Decimal | float) -> Decimal | None:
    """The q-quantile (0 ≤ q ≤ 1) of the defined values by linear interpolation
    between the sorted values (Excel's QUARTILE.INC / PERCENTILE.INC): the
    median is q = 0,5. None when no value is defined."""
    ada = sorted(n for n in nilai if n is not None)
    if not ada:
        return None
    posisi = Decimal(str(q)) * (len(ada) - 1)
    bawah = int(posisi)
    if bawah + 1 >= len(ada):
        return Decimal(ada[-1])
    pecahan = posisi - bawah
    return ada[bawah] + (ada[bawah + 1] - ada[bawah]) * pecahan


def median(nilai: list[Decimal | None]) -> Decimal | None:
    return kuantil(nilai, Decimal("0.5"))


def peringkat(nilai: Decimal | None, semua: list[Decimal | None]) -> int | None:
    """The rank of `nilai` among the defined values, highest capaian first (the
    formulas already turn a lower-is-better result into a higher capaian); equal
    values share a rank (1, 2, 2, 4). None when `nilai` is undefined."""
    if nilai is None:
        return None
    return 1 + sum(1 for n in semua if n is not None and n > nilai)
