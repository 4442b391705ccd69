"""Indonesian number formatting for pages, PDFs and spreadsheets: 85,5 · 1.250 · 85,50%."""

from decimal import ROUND_HALF_UP, Decimal

KOSONG = "—"
# Python writes 1,250.75; an Indonesian reader writes 1.250,75. The separators
# are fixed (every page is Indonesian), so Django's number_format, which looks
# them up per call and costs ten times as much, is not needed for the hundreds
# of numbers a page shows.
_KE_INDONESIA = str.maketrans(",.", ".,")


def angka(nilai, desimal: int | None = None) -> str:
    """A number the way an Indonesian reader writes it; trailing zeros dropped
    unless `desimal` fixes the places. None is shown as a dash."""
    if nilai is None or nilai == "":
        return KOSONG
    nilai = Decimal(nilai)
    if desimal is None:
        normal = nilai.normalize()
        desimal = max(0, min(4, -normal.as_tuple().exponent))
    # Round half up, as a reader expects (format() alone would round half even).
    nilai = nilai.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)
    return f"{nilai:,.{desimal}f}".translate(_KE_INDONESIA)


def persen(nilai, desimal: int = 2) -> str:
    if nilai is None or nilai == "":
        return KOSONG
    return f"{angka(nilai, desimal)}%"


def rupiah(nilai) -> str:
    if nilai is None or nilai == "":
        return KOSONG
    return f"Rp{angka(nilai, 0)}"
