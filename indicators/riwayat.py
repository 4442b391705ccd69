"""Change history of an indicator's values, read from django-simple-history:
who changed what, when, old → new."""

from dataclasses import dataclass
from datetime import datetime

from .angka import angka
from .models import Indikator, NilaiIndikator, RiwayatStatus

# Fields of NilaiIndikator whose changes are shown, with their labels.
KOLOM_NILAI = {
    f.name: f.verbose_name
    for f in NilaiIndikator._meta.get_fields()
    if f.name
    in {
        "target",
        "realisasi",
        "analisis",
        "kendala",
        "tindak_lanjut",
        "status",
        "catatan_reviu",
        "alasan_terlambat",
    }
}


@dataclass
class Perubahan:
    waktu: datetime
    pengguna: str
    tahun: int
    kolom: str
    lama: str
    baru: str
    triwulan: int = 0  # 0: the year; 1–4: the period ending in that quarter
    alasan: str = ""  # the change reason kept with the history row


def _teks(nilai) -> str:
    if nilai is None or nilai == "":
        return "—"
    if hasattr(nilai, "as_tuple"):
        return angka(nilai)
    return str(nilai)


def perubahan_nilai(indikator: Indikator) -> list[Perubahan]:
    """Every change to the indicator's values, newest first (two queries)."""
    catatan = list(
        NilaiIndikator.history.filter(indikator_id=indikator.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    hasil: list[Perubahan] = []
    sebelumnya: dict[int, object] = {}
    for versi in catatan:
        lama = sebelumnya.get(versi.id)
        for kolom, label in KOLOM_NILAI.items():
            baru_nilai = getattr(versi, kolom)
            lama_nilai = getattr(lama, kolom) if lama is not None else None
            if lama is None and baru_nilai in (None, ""):
                continue
            if lama is not None and lama_nilai == baru_nilai:
                continue
            if kolom == "status":
                lama_nilai = dict(NilaiIndikator._meta.get_field("status").choices).get(
                    lama_nilai, lama_nilai
                )
                baru_nilai = dict(NilaiIndikator._meta.get_field("status").choices).get(
                    baru_nilai, baru_nilai
                )
            hasil.append(
                Perubahan(
                    waktu=versi.history_date,
                    pengguna=(versi.history_user.get_full_name() or versi.history_user.username)
                    if versi.history_user
                    else "sistem",
                    tahun=versi.tahun,
                    kolom=str(label),
                    lama=_teks(lama_nilai),
                    baru=_teks(baru_nilai),
                    triwulan=versi.triwulan,
                    alasan=versi.history_change_reason or "",
                )
            )
        sebelumnya[versi.id] = versi
    hasil.sort(key=lambda p: p.waktu, reverse=True)
    return hasil


def linimasa_status(indikator: Indikator) -> list[RiwayatStatus]:
    """Review transitions of the indicator's values, oldest first (one query)."""
    return list(
        RiwayatStatus.objects.filter(nilai__indikator=indikator)
        .select_related("oleh", "nilai")
        .order_by("pada", "pk")
    )
