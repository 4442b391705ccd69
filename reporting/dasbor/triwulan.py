"""The dashboard's quarter block: the capaian so far after each quarter of the
year (each indicator measured per period by its own rule, periode.sampai_saat_ini)
and how far the Rencana Aksi are. Three queries, whatever the size."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString

from indicators import periode as pr
from indicators.capaian import rata_rata
from indicators.models import NilaiIndikator, PenetapanIKU
from indicators.rencana_aksi.selectors import KemajuanAksi, kemajuan_tahun, rencana_per_indikator

from .. import grafik


@dataclass
class TitikTriwulan:
    nama: str
    capaian: Decimal | None
    terukur: int  # indicators with a realisation so far


@dataclass
class BlokTriwulan:
    titik: list[TitikTriwulan]
    grafik: SafeString
    aksi: KemajuanAksi
    jumlah_berperiode: int
    nama_sampai: str  # "TW III": the last quarter reported


def blok_triwulan(penetapan: PenetapanIKU, tahun: int) -> BlokTriwulan | None:
    """None when the year has neither period values nor Rencana Aksi."""
    per_indikator: dict[int, dict[int, NilaiIndikator]] = {}
    indikator = {}
    for n in NilaiIndikator.objects.filter(
        indikator__sasaran__kegiatan__program__penetapan=penetapan, tahun=tahun, triwulan__gt=0
    ).select_related("indikator"):
        per_indikator.setdefault(n.indikator_id, {})[n.triwulan] = n
        indikator[n.indikator_id] = n.indikator
    rencana = rencana_per_indikator(penetapan, tahun)
    if not per_indikator and not rencana:
        return None
    titik = []
    terakhir = 0
    for tw in (1, 2, 3, 4):
        capaian, terukur = [], 0
        for pk, ada in per_indikator.items():
            ind = indikator[pk]
            pasangan = [
                (ada[s].target, ada[s].realisasi) if s in ada else (None, None)
                for s in ind.slot_periode
                if s <= tw
            ]
            target_sd, realisasi_sd = pr.sampai_saat_ini(ind.aturan_tahunan, pasangan)
            if realisasi_sd is not None:
                terukur += 1
                capaian.append(ind.hitung_capaian(target_sd, realisasi_sd))
            if tw in ada and ada[tw].realisasi is not None:
                terakhir = max(terakhir, tw)
        titik.append(
            TitikTriwulan(pr.singkatan_periode(pr.TRIWULANAN, tw), rata_rata(capaian), terukur)
        )
    for daftar in rencana.values():
        for r in daftar:
            for tw, k in r.langkah.items():
                if k.status != k.Status.BELUM:
                    terakhir = max(terakhir, tw)
    # Only the quarters reported so far: a quarter to come is a gap, never a zero.
    nilai = [t.capaian if i < terakhir else None for i, t in enumerate(titik)]
    svg = grafik.tren(
        [t.nama for t in titik],
        [grafik.Seri("Rata-rata capaian s.d. triwulan", nilai)],
        judul=f"Capaian sampai saat ini per triwulan, {tahun}",
        tinggi=220,
        satuan="%",
    )
    return BlokTriwulan(
        titik[:terakhir],
        svg,
        kemajuan_tahun(rencana, terakhir),
        len(per_indikator),
        pr.singkatan_periode(pr.TRIWULANAN, terakhir) if terakhir else "",
    )
