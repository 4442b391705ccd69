"""In-app links: every URL comes from reverse() and every anchor from here, so a
link and the element it points at cannot drift apart."""

from urllib.parse import urlencode

from django.urls import reverse

from . import periode as pr


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


def tautan_indikator(
    tahun: int, indikator_pk: int, satker: str | None = None, periode: str = ""
) -> str:
    """An indicator's row in the year's entry grid, or in a period's
    (`periode`: tw1…s2, periode.kode_url)."""
    if periode:
        return tautan(
            "realisasi_periode",
            tahun,
            periode,
            satker=satker,
            jangkar=jangkar_indikator(indikator_pk),
        )
    return tautan("realisasi", tahun, satker=satker, jangkar=jangkar_indikator(indikator_pk))


def tautan_nilai(nilai) -> str:
    """The row of an entry (a year's or a period's) in its grid."""
    periode = pr.kode_url(nilai.indikator.periode_ukur, nilai.triwulan) if nilai.triwulan else ""
    return tautan_indikator(nilai.tahun, nilai.indikator_id, periode=periode)
