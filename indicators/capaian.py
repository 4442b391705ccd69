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
