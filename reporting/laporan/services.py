"""Writes of the report's own data: the narrative sections and the budget."""

from django.db import transaction

from indicators.models import AnggaranKegiatan, NarasiLaporan


def narasi_simpan(
    *, satker, tahun: int, isian: dict[tuple[str, int | None], str], draf: dict, oleh
) -> int:
    """Save the narrative sections in one transaction. A section left equal to
    the application's draft, or emptied, is not stored (the draft, written from
    the current data, stands). Returns the number of sections stored."""
    ada = {
        (n.bagian, n.sasaran_id): n
        for n in NarasiLaporan.objects.filter(satker=satker, tahun=tahun)
    }
    tersimpan = 0
    with transaction.atomic():
        for (bagian, sasaran_id), teks in isian.items():
            teks = teks.replace("\r\n", "\n").strip()
            lama = ada.get((bagian, sasaran_id))
            if not teks or teks == draf.get((bagian, sasaran_id), "").strip():
                if lama:
                    lama.delete()
                continue
            if lama is None:
                lama = NarasiLaporan(
                    satker=satker, tahun=tahun, bagian=bagian, sasaran_id=sasaran_id
                )
            elif lama.isi == teks:
                tersimpan += 1
                continue
            lama.isi = teks
            lama.diubah_oleh = oleh
            lama.save()
            tersimpan += 1
    return tersimpan


def anggaran_simpan(*, tahun: int, isian: dict[int, tuple], kegiatan: dict, oleh) -> None:
    """Write pagu and realisasi of every Kegiatan of the year in one transaction."""
    ada = {
        a.kegiatan_id: a
        for a in AnggaranKegiatan.objects.filter(kegiatan__in=list(kegiatan.values()), tahun=tahun)
    }
    with transaction.atomic():
        for pk, (pagu, realisasi) in isian.items():
            baris = ada.get(pk)
            if baris is None:
                if pagu is None and realisasi is None:
                    continue
                baris = AnggaranKegiatan(kegiatan=kegiatan[pk], tahun=tahun)
            elif baris.pagu == pagu and baris.realisasi == realisasi:
                continue
            baris.pagu, baris.realisasi, baris.diubah_oleh = pagu, realisasi, oleh
            baris.save()
