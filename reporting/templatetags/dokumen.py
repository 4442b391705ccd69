from django import template

from indicators.angka import KOSONG, angka

register = template.Library()

# Units written after the number; "Persen" becomes a % sign, "Jumlah" says nothing more.
TANPA_SATUAN = {"Jumlah", ""}


@register.filter
def nilai_satuan(nilai, satuan: str = "") -> str:
    """A target or realisation as read in a report: 85,5% · 12 · 2 Dokumen."""
    if nilai is None or nilai == "":
        return KOSONG
    if satuan == "Persen":
        return f"{angka(nilai)}%"
    if satuan in TANPA_SATUAN:
        return angka(nilai)
    return f"{angka(nilai)} {satuan}"


@register.filter
def dict_get(kamus: dict, kunci):
    return kamus.get(kunci) if kamus else None
