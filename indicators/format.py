"""Indonesian number formatting for pages, PDFs and spreadsheets: 85,5 · 1.250 · 85,50%."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format

KOSONG = "—"


def angka(nilai, desimal: int | None = None) -> str:
    """A number the way an Indonesian reader writes it; trailing zeros dropped
    unless `desimal` fixes the places. None is shown as a dash."""
    if nilai is None or nilai == "":
        return KOSONG
    nilai = Decimal(nilai)
    if desimal is None:
        normal = nilai.normalize()
        desimal = max(0, min(4, -normal.as_tuple().exponent))
    # number_format truncates; round half up first, as a reader expects.
    nilai = nilai.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)
    return number_format(nilai, decimal_pos=desimal, use_l10n=True, force_grouping=True)


def persen(nilai, desimal: int = 2) -> str:
    if nilai is None or nilai == "":
        return KOSONG
    return f"{angka(nilai, desimal)}%"


def rupiah(nilai) -> str:
    if nilai is None or nilai == "":
        return KOSONG
    return f"Rp{angka(nilai, 0)}"
