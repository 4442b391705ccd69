"""The target grid: every indicator × every year of the period, and the
Renstra end target; saved in one transaction with the grid's version checks."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

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

    @property
    def ada_galat(self) -> bool:
        return bool(self.akhir_galat or any(s.galat for s in self.sel))


def baris_target(indikator: Indikator, daftar_tahun: list[int], terkunci: set[int], data=None):
    """One indicator's target row, as stored (data None) or as posted."""
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
        sel.angka = nilai.target if nilai else None
        sel.teks = tulis_angka(sel.angka)
        sel.versi = nilai.versi if nilai else None
        sel.asal = sel.teks
        nama = f"t{indikator.pk}-{tahun}"
        if data is not None and nama in data:
            sel.dibaca = True
            sel.teks = data.get(nama, "")
            sel.versi = baca_versi(data.get(nama + "-versi"))
            sel.asal = data.get(nama + "-asal", "")
            try:
                sel.angka = baca_angka(sel.teks)
            except ValueError as exc:
                sel.galat = str(exc)
        baris.sel.append(sel)
    return baris


def nilai_simpan_target(
    *, satker: Satker, pengguna: Pengguna, daftar_tahun: list[int], baris: list[BarisTarget]
) -> int:
    """Save changed targets (and Renstra end targets) in one transaction.
    Locked years are refused; stale versions are a Konflik; a target below the
    parent satker's is refused (TargetDiBawahInduk); nothing half-saved."""
    with transaction.atomic():
        status = {tahun: TahunKinerja.objects.kunci(satker, tahun).status for tahun in daftar_tahun}
        id_indikator = [b.indikator.pk for b in baris]
        terkini = {
            (n.indikator_id, n.tahun): n
            for n in NilaiIndikator.objects.select_for_update().filter(
                indikator_id__in=id_indikator, tahun__in=daftar_tahun, triwulan=0
            )
        }
        akhir_terkini = dict(
            Indikator.objects.select_for_update()
            .filter(pk__in=id_indikator)
            .values_list("pk", "target_akhir")
        )
        konflik, ubah, baru, indikator_ubah = [], [], [], []
        for b in baris:
            bentrok = False
            sekarang_akhir = akhir_terkini.get(b.indikator.pk)
            if b.akhir_dibaca and b.akhir != sekarang_akhir:
                if tulis_angka(sekarang_akhir) == b.akhir_asal:
                    b.indikator.target_akhir = b.akhir
                    indikator_ubah.append(b.indikator)
                elif tulis_angka(b.akhir) != b.akhir_asal:
                    bentrok = True
            for sel in b.sel:
                if not sel.dibaca:
                    continue
                n = terkini.get((b.indikator.pk, sel.tahun))
                if (n.versi if n is not None else None) != sel.versi:
                    if tulis_angka(sel.angka) != sel.asal:
                        bentrok = True
                    continue
                if (n.target if n is not None else None) == sel.angka:
                    continue
                if status[sel.tahun] != "draf":
                    raise TahunTerkunci(sel.tahun, status[sel.tahun])
                if n is None:
                    n = NilaiIndikator(indikator=b.indikator, tahun=sel.tahun, triwulan=0)
                    baru.append(n)
                else:
                    ubah.append(n)
                n.target = sel.angka
                n.versi += 1
                n.diubah_oleh = pengguna
                n.diubah_pada = timezone.now()
            if bentrok:
                konflik.append(b.indikator)
        if konflik:
            raise Konflik(konflik)
        usulan = {(n.indikator_id or n.indikator.pk, n.tahun): n.target for n in ubah + baru}
        pelanggaran = Indikator.objects.pelanggaran_target_induk(usulan)
        if pelanggaran:
            raise TargetDiBawahInduk(pelanggaran, usulan)
        NilaiIndikator.objects.tulis(ubah, baru, pengguna, ["target"])
        if indikator_ubah:
            bulk_update_with_history(
                indikator_ubah, Indikator, ["target_akhir"], default_user=pengguna
            )
    return len(ubah) + len(baru) + len(indikator_ubah)
