"""Writes of the report's own data: the narrative sections and the budget.

Both forms work like the entry grid: the satker-year row is locked first (so
two saves run one after the other and an approval cannot slip in between),
a row the user did not touch is left alone whatever others did meanwhile, and a
row the user changed that someone else changed since the form was opened is a
Konflik that names who changed what — then nothing is saved."""

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import dateformat, timezone

from indicators.angka import tulis_angka
from indicators.models import AnggaranKegiatan, Konflik, NarasiLaporan, TahunKinerja, TahunTerkunci
from indicators.teks import bersihkan_teks


def sidik_teks(teks: str | None) -> str:
    """The fingerprint of a text as the form shows it ("" for no stored text)."""
    if teks is None:
        return ""
    normal = teks.replace("\r\n", "\n").strip()
    return hashlib.sha256(normal.encode()).hexdigest()[:32]


def sidik_anggaran(pagu: Decimal | None, realisasi: Decimal | None) -> str:
    return f"{tulis_angka(pagu)}|{tulis_angka(realisasi)}"


def _oleh(baris) -> str:
    if baris is None:
        return "dihapus orang lain"
    nama = (
        baris.diubah_oleh.get_full_name() or baris.diubah_oleh.username
        if baris.diubah_oleh
        else "—"
    )
    waktu = dateformat.format(timezone.localtime(baris.diubah_pada), "j F Y H.i")
    return f"diubah {nama}, {waktu}"


def _kunci_tahun(satker, tahun: int) -> None:
    if TahunKinerja.objects.kunci(satker, tahun).terkunci:
        raise TahunTerkunci(tahun)


@dataclass
class IsianNarasi:
    """One posted section: the text, the fingerprint of what the form showed
    (to tell whether the user changed it) and of what was stored when the form
    was opened (to tell whether someone else did)."""

    label: str
    teks: str
    tampil: str
    asal: str


def narasi_simpan(
    *, satker, tahun: int, isian: dict[tuple[str, int | None], IsianNarasi], draf: dict, oleh
) -> int:
    """Save the sections the user changed, in one transaction. A section left
    equal to the application's draft, or emptied, is not stored (the draft,
    written from the current data, stands). Returns the number written."""
    for isi in isian.values():
        bersihkan_teks(isi.teks, isi.label)
    with transaction.atomic():
        _kunci_tahun(satker, tahun)
        ada = {
            (n.bagian, n.sasaran_id): n
            for n in NarasiLaporan.objects.select_for_update(of=("self",))
            .filter(satker=satker, tahun=tahun)
            .select_related("diubah_oleh")
        }
        konflik, tulis = [], []
        for kunci, isi in isian.items():
            teks = isi.teks.replace("\r\n", "\n").strip()
            if sidik_teks(teks) == isi.tampil:
                continue  # not changed by this user: someone else's text stays
            lama = ada.get(kunci)
            if sidik_teks(lama.isi if lama else None) != isi.asal:
                konflik.append(f"{isi.label} ({_oleh(lama)})")
                continue
            tulis.append((kunci, teks, lama))
        if konflik:
            raise Konflik(konflik)
        for (bagian, sasaran_id), teks, lama in tulis:
            if not teks or teks == draf.get((bagian, sasaran_id), "").strip():
                if lama:
                    lama.delete()
                continue
            if lama is None:
                lama = NarasiLaporan(
                    satker=satker, tahun=tahun, bagian=bagian, sasaran_id=sasaran_id
                )
            lama.isi = teks
            lama.diubah_oleh = oleh
            lama.save()
    return len(tulis)


def anggaran_simpan(*, satker, tahun: int, isian: dict[int, tuple], kegiatan: dict, oleh) -> int:
    """Write the pagu and realisasi the user changed, in one transaction.
    `isian`: Kegiatan pk → (pagu, realisasi, sidik_anggaran as the form showed it)."""
    with transaction.atomic():
        _kunci_tahun(satker, tahun)
        ada = {
            a.kegiatan_id: a
            for a in AnggaranKegiatan.objects.select_for_update(of=("self",))
            .filter(kegiatan__in=list(kegiatan.values()), tahun=tahun)
            .select_related("diubah_oleh")
        }
        konflik, tulis = [], []
        for pk, (pagu, realisasi, asal) in isian.items():
            if sidik_anggaran(pagu, realisasi) == asal:
                continue
            baris = ada.get(pk)
            sekarang = sidik_anggaran(baris.pagu, baris.realisasi) if baris else "|"
            if sekarang != asal:
                k = kegiatan[pk]
                konflik.append(f"Kegiatan {k.kode} ({_oleh(baris) if baris else 'dihapus'})")
                continue
            if baris is None:
                baris = AnggaranKegiatan(kegiatan=kegiatan[pk], tahun=tahun)
            baris.pagu, baris.realisasi, baris.diubah_oleh = pagu, realisasi, oleh
            tulis.append(baris)
        if konflik:
            raise Konflik(konflik)
        for baris in tulis:
            baris.save()
    return len(tulis)
