"""Writes of the Rencana Aksi: an action under an indicator-year with its
quarterly steps, its removal, and a quarter's progress of every action.

Like every write of a satker-year, each takes the satker-year lock first and is
refused in a year submitted to the Ketua or approved (TahunTerkunci); a row
someone else saved since the form was opened is a Konflik naming who, and then
nothing is saved."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import dateformat, timezone
from simple_history.utils import bulk_update_with_history

from .. import periode as pr
from ..models import (
    Indikator,
    KemajuanRencanaAksi,
    Konflik,
    RencanaAksi,
    Satker,
    TahunKinerja,
    UnitKerja,
)
from ..teks import bersihkan_teks

MAKS_URAIAN = 2000
MAKS_TONGGAK = 300
MAKS_KETERANGAN = 2000


@dataclass
class IsianRencana:
    uraian: str
    penanggung_jawab: UnitKerja | None
    anggaran: Decimal | None
    target: dict[int, str] = field(default_factory=dict)  # quarter → milestone


@dataclass
class IsianKemajuan:
    realisasi: str
    status: str
    keterangan: str
    versi: int


def _oleh(baris) -> str:
    if baris is None:
        return "dihapus orang lain"
    nama = (
        (baris.diubah_oleh.get_full_name() or baris.diubah_oleh.username)
        if baris.diubah_oleh
        else "—"
    )
    waktu = dateformat.format(timezone.localtime(baris.diubah_pada), "j F Y H.i")
    return f"diubah {nama}, {waktu}"


def _periksa(isian: IsianRencana, satker: Satker) -> None:
    uraian = isian.uraian.strip()
    if not uraian:
        raise ValidationError("Uraian rencana aksi wajib diisi.")
    if len(uraian) > MAKS_URAIAN:
        raise ValidationError(f"Uraian terlalu panjang (paling banyak {MAKS_URAIAN} karakter).")
    bersihkan_teks(uraian, "uraian")
    if isian.penanggung_jawab is not None and isian.penanggung_jawab.satker_id != satker.pk:
        raise ValidationError("Penanggung jawab harus unit kerja satker ini.")
    if isian.anggaran is not None and isian.anggaran < 0:
        raise ValidationError("Anggaran tidak boleh negatif.")
    for tw, teks in isian.target.items():
        nama = f"target {pr.nama_periode(pr.TRIWULANAN, tw)}"
        if len(teks.strip()) > MAKS_TONGGAK:
            raise ValidationError(
                f"Kolom {nama} terlalu panjang (paling banyak {MAKS_TONGGAK} karakter)."
            )
        bersihkan_teks(teks, nama)
    if not any(t.strip() for t in isian.target.values()):
        raise ValidationError("Isi target atau tonggak paling sedikit untuk satu triwulan.")


def rencana_aksi_simpan(
    *,
    indikator: Indikator,
    tahun: int,
    isian: IsianRencana,
    oleh,
    rencana: RencanaAksi | None = None,
    versi: int | None = None,
) -> RencanaAksi:
    """Add an action under the indicator-year (`rencana` None) or change one
    whose stored versi is still `versi`; its quarterly steps follow the
    milestones given. A quarter whose step already has progress keeps it; its
    milestone cannot be emptied."""
    satker = indikator.satker
    _periksa(isian, satker)
    with transaction.atomic():
        TahunKinerja.objects.kunci_untuk_ubah(satker, tahun)
        if rencana is None:
            urutan = (
                RencanaAksi.objects.filter(indikator=indikator, tahun=tahun)
                .order_by("-urutan")
                .values_list("urutan", flat=True)
                .first()
            )
            rencana = RencanaAksi(indikator=indikator, tahun=tahun, urutan=(urutan or 0) + 1)
            langkah = {}
        else:
            terkini = (
                RencanaAksi.objects.select_for_update(of=("self",))
                .select_related("diubah_oleh")
                .filter(pk=rencana.pk, indikator=indikator, tahun=tahun)
                .first()
            )
            if terkini is None or terkini.versi != versi:
                raise Konflik([f"rencana aksi “{rencana.uraian[:60]}” ({_oleh(terkini)})"])
            rencana = terkini
            rencana.versi += 1
            langkah = {k.triwulan: k for k in rencana.kemajuan.select_for_update()}
        rencana.uraian = isian.uraian.strip()
        rencana.penanggung_jawab = isian.penanggung_jawab
        rencana.anggaran = isian.anggaran
        rencana.diubah_oleh = oleh
        rencana._history_user = oleh
        rencana.save()
        for tw in (1, 2, 3, 4):
            teks = isian.target.get(tw, "").strip()
            k = langkah.get(tw)
            if k is None and teks:
                k = KemajuanRencanaAksi(rencana=rencana, triwulan=tw, target=teks, diubah_oleh=oleh)
                k._history_user = oleh
                k.save()
            elif k is not None and k.target != teks:
                if not teks and (k.realisasi or k.keterangan or k.status != k.Status.BELUM):
                    raise ValidationError(
                        f"Target {pr.nama_periode(pr.TRIWULANAN, tw)} tidak dapat dikosongkan: "
                        "kemajuannya sudah diisi."
                    )
                k._history_user = oleh
                if not teks:
                    k.delete()
                    continue
                k.target, k.diubah_oleh, k.versi = teks, oleh, k.versi + 1
                k.save()
    return rencana


def rencana_aksi_hapus(*, rencana: RencanaAksi, versi: int, oleh) -> None:
    """Remove an action (and its steps) still at `versi`; the history keeps it."""
    with transaction.atomic():
        TahunKinerja.objects.kunci_untuk_ubah(rencana.indikator.satker, rencana.tahun)
        terkini = (
            RencanaAksi.objects.select_for_update(of=("self",))
            .select_related("diubah_oleh")
            .filter(pk=rencana.pk)
            .first()
        )
        if terkini is None or terkini.versi != versi:
            raise Konflik([f"rencana aksi “{rencana.uraian[:60]}” ({_oleh(terkini)})"])
        for k in terkini.kemajuan.all():
            k._history_user = oleh
            k.delete()
        terkini._history_user = oleh
        terkini.delete()


def kemajuan_simpan(
    *, satker: Satker, tahun: int, triwulan: int, isian: dict[int, IsianKemajuan], oleh
) -> int:
    """Write one quarter's progress of the satker-year's actions: `isian` maps
    each step the user changed (its pk) to what the form posted, with the versi
    it showed. Each is written with versi + 1, unless it already holds exactly
    that; one changed by someone else since is a Konflik. Returns the number
    written."""
    status_sah = set(KemajuanRencanaAksi.Status.values)
    for pk, isi in isian.items():
        if isi.status not in status_sah:
            raise ValidationError(f"Status tidak dikenal pada langkah {pk}.")
        if len(isi.realisasi.strip()) > MAKS_TONGGAK:
            raise ValidationError(f"Realisasi terlalu panjang (paling banyak {MAKS_TONGGAK}).")
        if len(isi.keterangan.strip()) > MAKS_KETERANGAN:
            raise ValidationError(
                f"Keterangan terlalu panjang (paling banyak {MAKS_KETERANGAN} karakter)."
            )
        bersihkan_teks(isi.realisasi, "realisasi")
        bersihkan_teks(isi.keterangan, "keterangan")
    with transaction.atomic():
        TahunKinerja.objects.kunci_untuk_ubah(satker, tahun)
        ada = {
            k.pk: k
            for k in KemajuanRencanaAksi.objects.select_for_update(of=("self",))
            .filter(
                pk__in=list(isian),
                triwulan=triwulan,
                rencana__tahun=tahun,
                rencana__indikator__sasaran__kegiatan__program__penetapan__satker=satker,
            )
            .select_related("rencana", "diubah_oleh")
        }
        konflik, tulis = [], []
        for pk, isi in isian.items():
            k = ada.get(pk)
            baru = (isi.realisasi.strip(), isi.status, isi.keterangan.strip())
            if k is not None and (k.realisasi, k.status, k.keterangan) == baru:
                continue
            if k is None or k.versi != isi.versi:
                uraian = k.rencana.uraian[:60] if k else f"langkah {pk}"
                konflik.append(f"kemajuan “{uraian}” ({_oleh(k)})")
                continue
            k.realisasi, k.status, k.keterangan = baru
            k.versi += 1
            k.diubah_oleh = oleh
            k.diubah_pada = timezone.now()
            tulis.append(k)
        if konflik:
            raise Konflik(konflik)
        if tulis:
            bulk_update_with_history(
                tulis,
                KemajuanRencanaAksi,
                ["realisasi", "status", "keterangan", "versi", "diubah_oleh", "diubah_pada"],
                default_user=oleh,
            )
    return len(tulis)
