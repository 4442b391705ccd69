"""Indonesian numbers, read and written, in one place: every page, grid, import,
PDF and spreadsheet goes through here (85,5 · 1.250 · 1.250.000,50 · 85,50%)."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

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
    if type(nilai) is int and not desimal:
        # Counts (the rekap shows thousands of them): no Decimal needed.
        return f"{nilai:,}".translate(_KE_INDONESIA)
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


# --- Reading what a user typed ------------------------------------------------------------

_RIBUAN = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_BIASA = re.compile(r"^\d+(,\d+)?$")
_TITIK_DESIMAL = re.compile(r"^\d*\.\d+$")
_SPASI_DALAM = re.compile(r"\s")
# NilaiIndikator decimals: 18 digits, 4 after the comma.
MAKS_DIGIT_BULAT = 14
MAKS_DESIMAL = 4


def baca_angka(
    teks: str | None,
    *,
    desimal: int = MAKS_DESIMAL,
    rupiah: bool = False,
    persen: bool = False,
    titik_desimal: bool = False,
) -> Decimal | None:
    """An Indonesian number ("85,5", "1.250", "1.250,75") as Decimal; empty is None.

    Raises ValueError with an Indonesian message. A value with white space or a
    line break between its digits is refused, never joined: a column pasted from
    a spreadsheet ("90,5⏎22⏎6") is three numbers, not 90,5226. `rupiah` allows
    a leading "Rp", `persen` a trailing "%", `titik_desimal` a dot as the
    decimal sign where it cannot be a thousands separator (85.5; cells typed in
    an English Excel)."""
    teks = (teks or "").replace("\u00a0", " ").strip()
    if rupiah and teks[:2].lower() == "rp":
        teks = teks[2:].lstrip(" .")
    if persen and teks.endswith("%"):
        teks = teks[:-1].rstrip()
    if not teks:
        return None
    if _SPASI_DALAM.search(teks):
        raise ValueError(
            "Satu kolom hanya berisi satu angka; ada spasi atau baris baru di antara angka "
            f"(“{teks[:40]}”)."
        )
    if teks.startswith(("-", "−")):
        raise ValueError("Tidak boleh negatif.")
    if teks.startswith("+"):
        teks = teks[1:]
    if _RIBUAN.match(teks):
        teks = teks.replace(".", "")
    elif titik_desimal and _TITIK_DESIMAL.match(teks):
        teks = teks.replace(".", ",")
    elif not _BIASA.match(teks):
        if re.fullmatch(r"\d+\.\d+", teks):
            raise ValueError("Gunakan koma untuk desimal, mis. 85,5 (titik untuk ribuan: 1.250).")
        raise ValueError("Bukan angka yang sah. Contoh: 85,5 atau 1.250.")
    bulat, _, pecahan = teks.partition(",")
    if len(pecahan) > desimal:
        raise ValueError(f"Paling banyak {desimal} angka di belakang koma.")
    if len(bulat.lstrip("0")) > MAKS_DIGIT_BULAT:
        raise ValueError("Angka terlalu besar.")
    try:
        return Decimal(f"{bulat or '0'}.{pecahan or '0'}")
    except InvalidOperation as exc:  # pragma: no cover - guarded by the patterns
        raise ValueError("Bukan angka yang sah.") from exc


def baca_rupiah(teks: str | None) -> Decimal | None:
    """A rupiah amount ("Rp 1.250.000", "1.250.000,50")."""
    return baca_angka(teks, desimal=2, rupiah=True)


def tulis_angka(nilai: Decimal | None) -> str:
    """A stored number the way an input shows it (no grouping: easy to edit)."""
    if nilai is None:
        return ""
    teks = format(nilai.normalize(), "f")
    return teks.replace(".", ",")


def bilangan_query(request, nama: str) -> int | None:
    """A whole number from the query string (?tahun=2023); 404 when malformed."""
    from django.http import Http404

    teks = request.GET.get(nama)
    if not teks:
        return None
    try:
        return int(teks)
    except ValueError as exc:
        raise Http404(f"Parameter {nama} tidak valid.") from exc


BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def tanggal_panjang(hari) -> str:
    """21 April 2022: the same in a page, an e-mail and a command, whatever
    language is active."""
    if hari is None:
        return KOSONG
    return f"{hari.day} {BULAN[hari.month - 1]} {hari.year}"
