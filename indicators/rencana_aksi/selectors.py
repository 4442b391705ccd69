"""Reads of the Rencana Aksi of a satker-year, shared by the screen, the
documents and the dashboard: a fixed number of queries whatever the number of
indicators and actions."""

from dataclasses import dataclass
from decimal import Decimal

from ..models import KemajuanRencanaAksi, NilaiIndikator, PenetapanIKU, RencanaAksi


def rencana_per_indikator(penetapan: PenetapanIKU, tahun: int) -> dict[int, list[RencanaAksi]]:
    """{indicator pk: its actions of `tahun` in order}, each with `langkah`:
    {quarter: KemajuanRencanaAksi} (two queries)."""
    daftar = list(
        RencanaAksi.objects.filter(
            indikator__sasaran__kegiatan__program__penetapan=penetapan, tahun=tahun
        )
        .select_related("penanggung_jawab", "diubah_oleh")
        .order_by("indikator_id", "urutan", "pk")
    )
    # The steps by the same filter, not by the actions' keys: always one query,
    # so a year without actions costs what a year with them costs.
    langkah: dict[int, list[KemajuanRencanaAksi]] = {}
    for k in (
        KemajuanRencanaAksi.objects.filter(
            rencana__indikator__sasaran__kegiatan__program__penetapan=penetapan,
            rencana__tahun=tahun,
        )
        .select_related("diubah_oleh")
        .order_by("triwulan")
    ):
        langkah.setdefault(k.rencana_id, []).append(k)
    hasil: dict[int, list[RencanaAksi]] = {}
    for r in daftar:
        pasang_langkah(r, langkah.get(r.pk, []))
        hasil.setdefault(r.indikator_id, []).append(r)
    return hasil


def pasang_langkah(r: RencanaAksi, langkah=None) -> RencanaAksi:
    """`langkah` {quarter: step} and `kolom` [step or None for TW I–IV] from the
    given steps (else the prefetched ones)."""
    r.langkah = {k.triwulan: k for k in (r.kemajuan.all() if langkah is None else langkah)}
    r.kolom = [r.langkah.get(tw) for tw in (1, 2, 3, 4)]
    return r


@dataclass
class KemajuanAksi:
    """How far the year's actions are: steps due up to `sampai_tw` and done."""

    sampai_tw: int
    jatuh_tempo: int
    selesai: int
    proses: int

    @property
    def persen(self) -> Decimal | None:
        if not self.jatuh_tempo:
            return None
        return Decimal(self.selesai) * 100 / self.jatuh_tempo


def triwulan_berjalan(penetapan: PenetapanIKU, tahun: int) -> int:
    """The last quarter reported in the year, read from the data (never the
    clock): the last period measured of any indicator, or the last quarter with
    an action's progress entered. 0 when nothing is reported yet (one query each)."""
    dari_nilai = (
        NilaiIndikator.objects.filter(
            indikator__sasaran__kegiatan__program__penetapan=penetapan,
            tahun=tahun,
            triwulan__gt=0,
            realisasi__isnull=False,
        )
        .order_by("-triwulan")
        .values_list("triwulan", flat=True)
        .first()
    )
    dari_aksi = (
        KemajuanRencanaAksi.objects.filter(
            rencana__indikator__sasaran__kegiatan__program__penetapan=penetapan,
            rencana__tahun=tahun,
        )
        .exclude(status=KemajuanRencanaAksi.Status.BELUM)
        .order_by("-triwulan")
        .values_list("triwulan", flat=True)
        .first()
    )
    return max(dari_nilai or 0, dari_aksi or 0)


def kemajuan_tahun(rencana: dict[int, list[RencanaAksi]], sampai_tw: int) -> KemajuanAksi:
    """The share of the quarterly steps due up to `sampai_tw` that are done."""
    jatuh_tempo = selesai = proses = 0
    for daftar in rencana.values():
        for r in daftar:
            for tw, k in r.langkah.items():
                if tw > sampai_tw:
                    continue
                jatuh_tempo += 1
                selesai += k.status == KemajuanRencanaAksi.Status.SELESAI
                proses += k.status == KemajuanRencanaAksi.Status.PROSES
    return KemajuanAksi(sampai_tw, jatuh_tempo, selesai, proses)
