"""The target grid: every indicator × every year of the period, and the
Renstra end target; for the indicators measured per quarter or semester, the
targets of the chosen year's periods, from which the yearly target is derived
unless typed (NilaiIndikator.target_diketik). Saved in one transaction with
the grid's version checks; the cascade floor applies to yearly targets."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from .. import periode as pr
from ..angka import baca_angka, tulis_angka
from ..models import (
    Indikator,
    Konflik,
    NilaiIndikator,
    Pengguna,
    Satker,
    TahunKinerja,
    TahunTerkunci,
    TargetDiBawahInduk,
)
from ..realisasi.services import baca_versi


@dataclass
class SelTarget:
    tahun: int
    nilai: NilaiIndikator | None
    terkunci: bool
    triwulan: int = 0  # a period's target (1–4: the quarter it ends in)
    label: str = ""
    teks: str = ""
    versi: int | None = None
    angka: Decimal | None = None
    galat: str = ""
    dibaca: bool = False
    asal: str = ""


@dataclass
class BarisTarget:
    indikator: Indikator
    sel: list[SelTarget]
    akhir_teks: str = ""
    akhir_asal: str = ""
    akhir: Decimal | None = None
    akhir_galat: str = ""
    akhir_dibaca: bool = False
    periode: list[SelTarget] = field(default_factory=list)  # the chosen year's periods

    @property
    def ada_galat(self) -> bool:
        return bool(
            self.akhir_galat or any(s.galat for s in self.sel) or any(s.galat for s in self.periode)
        )


def _baca_sel(sel: SelTarget, nama: str, data) -> None:
    sel.angka = sel.nilai.target if sel.nilai else None
    sel.teks = tulis_angka(sel.angka)
    sel.versi = sel.nilai.versi if sel.nilai else None
    sel.asal = sel.teks
    if data is not None and nama in data:
        sel.dibaca = True
        sel.teks = data.get(nama, "")
        sel.versi = baca_versi(data.get(nama + "-versi"))
        sel.asal = data.get(nama + "-asal", "")
        try:
            sel.angka = baca_angka(sel.teks)
        except ValueError as exc:
            sel.galat = str(exc)


def baris_target(
    indikator: Indikator,
    daftar_tahun: list[int],
    terkunci: set[int],
    data=None,
    tahun_periode: int | None = None,
    nilai_periode: dict[int, NilaiIndikator] | None = None,
):
    """One indicator's target row, as stored (data None) or as posted; for an
    indicator measured per period, its period targets of `tahun_periode`
    (`nilai_periode`: its stored period rows of that year by slot)."""
    baris = BarisTarget(indikator=indikator, sel=[])
    baris.akhir_asal = tulis_angka(indikator.target_akhir)
    baris.akhir = indikator.target_akhir
    baris.akhir_teks = baris.akhir_asal
    if data is not None and f"a{indikator.pk}" in data:
        baris.akhir_dibaca = True
        baris.akhir_asal = data.get(f"a{indikator.pk}-asal", baris.akhir_asal)
        baris.akhir_teks = data.get(f"a{indikator.pk}", "")
        try:
            baris.akhir = baca_angka(baris.akhir_teks)
        except ValueError as exc:
            baris.akhir_galat = str(exc)
    for tahun in daftar_tahun:
        nilai = indikator.nilai_pada(tahun)
        sel = SelTarget(tahun=tahun, nilai=nilai, terkunci=tahun in terkunci)
        _baca_sel(sel, f"t{indikator.pk}-{tahun}", data)
        baris.sel.append(sel)
    if indikator.berperiode and tahun_periode is not None:
        for slot in indikator.slot_periode:
            nilai = (nilai_periode or {}).get(slot)
            sel = SelTarget(
                tahun=tahun_periode,
                nilai=nilai,
                terkunci=tahun_periode in terkunci,
                triwulan=slot,
                label=pr.singkatan_periode(indikator.periode_ukur, slot),
            )
            _baca_sel(sel, f"p{indikator.pk}-{tahun_periode}-{slot}", data)
            baris.periode.append(sel)
    return baris


def nilai_simpan_target(
    *, satker: Satker, pengguna: Pengguna, daftar_tahun: list[int], baris: list[BarisTarget]
) -> int:
    """Save changed targets (yearly, per period, and Renstra end targets) in one
    transaction, then derive the yearly rows of the indicators measured per
    period. Locked years are refused; stale versions are a Konflik; a yearly
    target below the parent satker's, typed or derived, is refused
    (TargetDiBawahInduk); nothing half-saved. An emptied yearly target of an
    indicator measured per period goes back to being derived."""
    with transaction.atomic():
        status = {tahun: TahunKinerja.objects.kunci(satker, tahun).status for tahun in daftar_tahun}
        id_indikator = [b.indikator.pk for b in baris]
        terkini = {
            (n.indikator_id, n.tahun, n.triwulan): n
            for n in NilaiIndikator.objects.select_for_update().filter(
                indikator_id__in=id_indikator, tahun__in=daftar_tahun
            )
        }
        akhir_terkini = dict(
            Indikator.objects.select_for_update()
            .filter(pk__in=id_indikator)
            .values_list("pk", "target_akhir")
        )
        konflik, ubah, baru, indikator_ubah = [], [], [], []
        turunkan: dict[int, dict[int, Indikator]] = {}
        for b in baris:
            bentrok = False
            sekarang_akhir = akhir_terkini.get(b.indikator.pk)
            if b.akhir_dibaca and b.akhir != sekarang_akhir:
                if tulis_angka(sekarang_akhir) == b.akhir_asal:
                    b.indikator.target_akhir = b.akhir
                    indikator_ubah.append(b.indikator)
                elif tulis_angka(b.akhir) != b.akhir_asal:
                    bentrok = True
            for sel in b.sel + b.periode:
                if not sel.dibaca:
                    continue
                n = terkini.get((b.indikator.pk, sel.tahun, sel.triwulan))
                if (n.versi if n is not None else None) != sel.versi:
                    if tulis_angka(sel.angka) != sel.asal:
                        bentrok = True
                    continue
                if (n.target if n is not None else None) == sel.angka:
                    continue
                if status[sel.tahun] != "draf":
                    raise TahunTerkunci(sel.tahun, status[sel.tahun])
                if n is None:
                    n = NilaiIndikator(
                        indikator=b.indikator, tahun=sel.tahun, triwulan=sel.triwulan
                    )
                    baru.append(n)
                else:
                    ubah.append(n)
                n.target = sel.angka
                if b.indikator.berperiode:
                    if sel.triwulan == 0:
                        n.target_diketik = sel.angka is not None
                    turunkan.setdefault(sel.tahun, {})[b.indikator.pk] = b.indikator
                n.versi += 1
                n.diubah_oleh = pengguna
                n.diubah_pada = timezone.now()
            if bentrok:
                konflik.append(b.indikator)
        if konflik:
            raise Konflik(konflik)
        NilaiIndikator.objects.tulis(ubah, baru, pengguna, ["target", "target_diketik"])
        for tahun, indikator in turunkan.items():
            NilaiIndikator.objects.turunkan_tahunan(indikator.values(), tahun, pengguna)
        usulan = {
            (n.indikator_id or n.indikator.pk, n.tahun): n.target
            for n in ubah + baru
            if n.triwulan == 0
        }
        for tahun, indikator in turunkan.items():
            usulan.update(
                {
                    (pk, tahun): target
                    for pk, target in NilaiIndikator.objects.filter(
                        indikator_id__in=list(indikator), tahun=tahun, triwulan=0
                    ).values_list("indikator_id", "target")
                }
            )
        pelanggaran = Indikator.objects.pelanggaran_target_induk(usulan)
        if pelanggaran:
            raise TargetDiBawahInduk(pelanggaran, usulan)
        if indikator_ubah:
            bulk_update_with_history(
                indikator_ubah, Indikator, ["target_akhir"], default_user=pengguna
            )
    return len(ubah) + len(baru) + len(indikator_ubah)
