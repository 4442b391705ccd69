"""Reads of the review screens: what waits in the Antrean, what the Ketua
sees before approving a year."""

from django.db.models import Count, Q

from .. import periode as pr
from ..models import (
    Indikator,
    Kegiatan,
    NilaiIndikator,
    PenetapanIKU,
    Satker,
    SkalaKategori,
    StatusReviu,
    UnitKerja,
    kategori_untuk,
)


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


def ringkasan_buka(dipilih: list[NilaiIndikator], ke: str) -> list[str]:
    """What a reopening will do, for its confirmation: the entries that become
    editable again (`dipilih`, with their indicators) and what they become."""
    from .services import BUKA_KE

    if not dipilih:
        return [
            "Tidak ada indikator yang dipilih: semua tetap diverifikasi dan tidak dapat diubah "
            "Operator (Sekretaris masih dapat mengembalikan indikator tertentu)."
        ]
    kode = ", ".join(
        f"{n.indikator.kode} ({n.nama_periode})" if n.triwulan else n.indikator.kode
        for n in dipilih[:12]
    )
    lagi = f" dan {len(dipilih) - 12} lainnya" if len(dipilih) > 12 else ""
    return [
        f"{len(dipilih)} indikator dapat diubah lagi: {kode}{lagi}.",
        f"Statusnya menjadi: {BUKA_KE[ke]}.",
        "Indikator lain tetap diverifikasi.",
    ]


def pilihan_saring_antrean(satker: Satker) -> tuple[list[Kegiatan], list[UnitKerja]]:
    """The Kegiatan (of every decree of the satker) and unit kerja the queue can be
    narrowed to."""
    kegiatan = list(
        Kegiatan.objects.filter(program__penetapan__satker=satker)
        .select_related("program__penetapan")
        .order_by("-program__penetapan__tahun_awal", "program__urutan", "urutan")
    )
    return kegiatan, list(UnitKerja.objects.filter(satker=satker).order_by("nama"))


def antrean_verifikasi(
    satker: Satker, *, kegiatan_pk: int | None = None, unit_pk: int | None = None
) -> list[NilaiIndikator]:
    """The satker's entries waiting for the Sekretaris (submitted), newest year
    first, with their evidence count and kategori; narrowed to one Kegiatan and
    one unit kerja (the indicator's penanggung jawab) when given."""
    nilai = (
        nilai_antrean(satker)
        .filter(status=StatusReviu.DIAJUKAN)
        .annotate(jumlah_bukti=Count("bukti"))
        .order_by(
            "-tahun", "indikator__sasaran__kegiatan__program__urutan", "indikator__kode", "triwulan"
        )
    )
    if kegiatan_pk is not None:
        nilai = nilai.filter(indikator__sasaran__kegiatan_id=kegiatan_pk)
    if unit_pk is not None:
        nilai = nilai.filter(indikator__penanggung_jawab_id=unit_pk)
    daftar = list(nilai)
    skala = SkalaKategori.objects.daftar()
    from .services import capaian_periode

    for n in daftar:
        n.capaian_tampil = capaian_periode(n)  # a period entry's: so far in the year
        n.kategori_tampil = kategori_untuk(n.capaian_tampil, skala)
    return daftar
