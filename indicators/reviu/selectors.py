"""Reads of the review screens: what waits in the Antrean, what the Ketua
sees before approving a year."""

from django.db.models import Count, Q

from .. import periode as pr
from ..models import Indikator, NilaiIndikator, PenetapanIKU, Satker


def nilai_antrean(satker: Satker):
    """The entries reviewed one by one: the yearly rows of indicators measured
    per year and the period rows of the others (their yearly rows are derived)."""
    return (
        NilaiIndikator.objects.milik_satker(satker)
        .filter(
            Q(triwulan=0, indikator__periode_ukur=pr.TAHUNAN)
            | Q(triwulan__gt=0) & ~Q(indikator__periode_ukur=pr.TAHUNAN)
        )
        .dengan_hierarki()
    )


def ringkasan_persetujuan(penetapan: PenetapanIKU, tahun: int) -> list[str]:
    """The sentences shown before a year is approved and locked."""
    nilai = list(
        NilaiIndikator.objects.filter(
            indikator__in=Indikator.objects.dari_penetapan(penetapan), tahun=tahun, triwulan=0
        )
        .select_related("indikator")
        .annotate(jumlah_bukti=Count("bukti"))
        .order_by("indikator__kode")
    )
    tanpa_bukti = [n.indikator.kode for n in nilai if n.jumlah_bukti == 0]
    di_bawah = [n.indikator.kode for n in nilai if n.capaian is not None and n.capaian < 100]

    def contoh(kode: list[str]) -> str:
        if not kode:
            return ""
        return f" ({', '.join(kode[:8])}{' …' if len(kode) > 8 else ''})"

    return [
        f"{len(nilai)} indikator; setelah disetujui, target, realisasi dan bukti tahun {tahun} "
        "terkunci (hanya Admin yang dapat membukanya kembali, dengan alasan).",
        f"Tanpa bukti dukung: {len(tanpa_bukti)} indikator{contoh(tanpa_bukti)}.",
        f"Di bawah target: {len(di_bawah)} indikator{contoh(di_bawah)}.",
        "Perjanjian Kinerja: belum dicatat di aplikasi.",
    ]
