"""In-app links: every URL comes from reverse() and every anchor from here, so a
link and the element it points at cannot drift apart."""

from urllib.parse import urlencode

from django.urls import reverse


def jangkar_indikator(indikator_pk: int) -> str:
    """The id of an indicator's row in the entry grid and the IKU table."""
    return f"i{indikator_pk}"


def tautan(nama: str, *args, jangkar: str = "", **query) -> str:
    """reverse(nama, args) with the non-empty query parameters and an anchor."""
    url = reverse(nama, args=args)
    isi = {k: v for k, v in query.items() if v not in (None, "")}
    if isi:
        url += "?" + urlencode(isi)
    return url + (f"#{jangkar}" if jangkar else "")


def tautan_indikator(tahun: int, indikator_pk: int, satker: str | None = None) -> str:
    """An indicator's row in the year's entry grid."""
    return tautan("realisasi", tahun, satker=satker, jangkar=jangkar_indikator(indikator_pk))
