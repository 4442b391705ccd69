"""The review workflow. Per indicator-year: Draf → Diajukan (Operator) →
Diverifikasi or Dikembalikan with a note (Sekretaris); a returned row is fixed
and submitted again. Per satker-year: Sekretaris submits the year to the Ketua
once every indicator is verified; the Ketua approves, which locks the year;
Admin may reopen it with a reason.

Each transition is one function inside transaction.atomic that writes a
RiwayatStatus row (who, when, note) and refuses a locked year. An indicator
measured per period is reviewed per period entry; its yearly row follows
(NilaiIndikator.objects.turunkan_tahunan, in the same transaction).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from .. import periode as pr
from ..akses import tindakan_nilai
from ..models import (
    LABEL_PENJELASAN,
    Indikator,
    Konflik,
    NilaiIndikator,
    PenetapanIKU,
    Pengguna,
    RiwayatStatus,
    Satker,
    StatusReviu,
    StatusTahun,
    TahunKinerja,
    penjelasan_kurang,
)

MAKS_CATATAN = 2000


class AlurDitolak(ValidationError):
    """A transition that is not allowed now; the message says why, in Indonesian."""


def _catatan_wajib(catatan: str, apa: str) -> str:
    catatan = (catatan or "").strip()
    if not catatan:
        raise AlurDitolak(f"{apa} wajib diisi.")
    if len(catatan) > MAKS_CATATAN:
        raise AlurDitolak(f"{apa} terlalu panjang (paling banyak {MAKS_CATATAN} karakter).")
    return catatan


def _pindah(nilai_list: list[NilaiIndikator], ke: str, oleh: Pengguna, catatan: str = "") -> None:
    riwayat = []
    for nilai in nilai_list:
        riwayat.append(
            RiwayatStatus(nilai=nilai, dari=nilai.status, ke=ke, oleh=oleh, catatan=catatan)
        )
        nilai.status = ke
        nilai.diubah_oleh = oleh
        nilai.diubah_pada = timezone.now()
        if ke == StatusReviu.DIKEMBALIKAN:
            nilai.catatan_reviu = catatan
        elif ke == StatusReviu.DIAJUKAN:
            nilai.catatan_reviu = ""
    bulk_update_with_history(
        nilai_list,
        NilaiIndikator,
        ["status", "catatan_reviu", "diubah_oleh", "diubah_pada"],
        default_user=oleh,
    )
    RiwayatStatus.objects.bulk_create(riwayat)
    _turunkan(nilai_list, oleh)


def _turunkan(nilai_list: list[NilaiIndikator], oleh: Pengguna) -> None:
    """Derive again the yearly rows of the period entries that moved."""
    per_tahun: dict[int, dict[int, Indikator]] = {}
    for n in nilai_list:
        if n.triwulan:
            per_tahun.setdefault(n.tahun, {})[n.indikator_id] = n.indikator
    for tahun, indikator in per_tahun.items():
        NilaiIndikator.objects.turunkan_tahunan(indikator.values(), tahun, oleh)


def _kunci_nilai(satker: Satker, tahun: int, pk_list: list[int]) -> list[NilaiIndikator]:
    """The entries to move, locked: yearly rows of indicators measured per year
    and period rows; the derived yearly row of a period indicator never moves
    by itself (akses.tindakan_nilai offers it nothing)."""
    return list(
        NilaiIndikator.objects.select_for_update(of=("self",))
        .milik_satker(satker)
        .filter(pk__in=pk_list, tahun=tahun)
        .select_related("indikator")
        .order_by("pk")
    )


def nilai_ajukan(
    *, satker: Satker, tahun: int, pk_list: list[int], oleh: Pengguna
) -> list[NilaiIndikator]:
    """Operator submits rows (draft or returned) for verification. A row needs a
    realisasi, an analisis when its capaian is above 100%, a kendala and tindak
    lanjut when it is below (NilaiIndikator.penjelasan_kurang). Returns the rows
    submitted; raises AlurDitolak listing every row that cannot go."""
    with transaction.atomic():
        tahun_kinerja = TahunKinerja.objects.kunci_untuk_ubah(satker, tahun)
        nilai_list = _kunci_nilai(satker, tahun, pk_list)
        masalah, siap = [], []
        for nilai in nilai_list:
            if nilai.status not in (StatusReviu.DRAF, StatusReviu.DIKEMBALIKAN):
                continue
            if nilai.indikator.berperiode and nilai.triwulan == 0:
                continue  # derived from its periods, submitted with them
            if "ajukan" not in tindakan_nilai(oleh, nilai, nilai.indikator, tahun_kinerja):
                masalah.append(f"{nilai.indikator.kode}: bukan indikator unit kerja Anda")
            elif nilai.realisasi is None:
                masalah.append(f"{_nama(nilai)}: realisasi belum diisi")
            elif kurang_list := penjelasan_periode(nilai):
                capaian = capaian_periode(nilai)
                kurang = " dan ".join(LABEL_PENJELASAN[k] for k in kurang_list)
                arah = "di atas" if capaian > 100 else "di bawah"
                masalah.append(f"{_nama(nilai)}: capaian {arah} target tanpa {kurang}")
            else:
                siap.append(nilai)
        if masalah:
            raise AlurDitolak("Belum dapat diajukan — " + "; ".join(masalah) + ".")
        _pindah(siap, StatusReviu.DIAJUKAN, oleh)
    return siap


def _periksa_versi(nilai_list: list[NilaiIndikator], versi: dict[int, int] | None) -> None:
    """Konflik when a row's stored versi moved on since the page showing it
    (`versi`: pk → the versi the page had) was opened."""
    if versi is None:
        return
    berubah = [n.indikator for n in nilai_list if n.pk in versi and n.versi != versi[n.pk]]
    if berubah:
        raise Konflik(berubah)


def _sudah_ditangani(nilai: NilaiIndikator) -> str:
    terakhir = nilai.riwayat_status.select_related("oleh").order_by("-pada", "-pk").first()
    oleh = ""
    if terakhir is not None and terakhir.oleh is not None:
        oleh = f" oleh {terakhir.oleh.get_full_name() or terakhir.oleh.username}"
    return (
        f"{nilai.indikator.kode}: sudah {nilai.get_status_display().lower()}{oleh}, "
        "tidak lagi menunggu verifikasi"
    )


def _nama(nilai: NilaiIndikator) -> str:
    if nilai.triwulan:
        return f"{nilai.indikator.kode} ({nilai.nama_periode})"
    return nilai.indikator.kode


def _sampai_periode(nilai: NilaiIndikator) -> tuple:
    """(target, realisasi) so far in the year up to this period entry."""
    ind = nilai.indikator
    ada = NilaiIndikator.objects.per_periode([ind], [nilai.tahun]).get((ind.pk, nilai.tahun), {})
    ada[nilai.triwulan] = nilai
    pasangan = [
        (ada[s].target, ada[s].realisasi) if s in ada else (None, None)
        for s in ind.slot_periode
        if s <= nilai.triwulan
    ]
    return pr.sampai_saat_ini(ind.aturan_tahunan, pasangan)


def capaian_periode(nilai: NilaiIndikator):
    """An entry's capaian; a period entry's so far in the year."""
    if not nilai.triwulan:
        return nilai.capaian
    return nilai.indikator.hitung_capaian(*_sampai_periode(nilai))


def penjelasan_periode(nilai: NilaiIndikator) -> list[str]:
    """The explanations an entry still needs to be submitted: the penjelasan
    rule on its capaian (a period's so far in the year)."""
    return penjelasan_kurang(
        capaian_periode(nilai), nilai.analisis, nilai.kendala, nilai.tindak_lanjut
    )


def nilai_verifikasi(
    *,
    satker: Satker,
    tahun: int,
    pk_list: list[int],
    oleh: Pengguna,
    versi: dict[int, int] | None = None,
) -> list[NilaiIndikator]:
    """Sekretaris verifies submitted rows (rows in other states are left alone).
    With `versi` (pk → the versi the page showed), the rows are exactly those the
    page showed: a row changed since is a Konflik and a row no longer waiting
    (verified or returned by someone else meanwhile) is refused, naming it."""
    with transaction.atomic():
        tahun_kinerja = TahunKinerja.objects.kunci_untuk_ubah(satker, tahun)
        nilai_list = _kunci_nilai(satker, tahun, pk_list)
        _periksa_versi(nilai_list, versi)
        siap = [
            n
            for n in nilai_list
            if "verifikasi" in tindakan_nilai(oleh, n, n.indikator, tahun_kinerja)
        ]
        if versi is not None and len(siap) < len(nilai_list):
            lain = [_sudah_ditangani(n) for n in nilai_list if n not in siap]
            raise AlurDitolak("Tidak diverifikasi — " + "; ".join(lain) + ".")
        _pindah(siap, StatusReviu.DIVERIFIKASI, oleh)
    return siap


def nilai_kembalikan(
    *,
    nilai: NilaiIndikator,
    oleh: Pengguna,
    catatan: str,
    versi: int | None = None,
    hanya_diajukan: bool = False,
) -> NilaiIndikator:
    """Sekretaris returns a submitted (or verified) row to the Operator with a
    required note, shown next to the row. With `versi`, a row changed since the
    page was opened is a Konflik; `hanya_diajukan` (the review queue) refuses a
    row that is no longer waiting."""
    catatan = _catatan_wajib(catatan, "Catatan pengembalian")
    with transaction.atomic():
        tahun_kinerja = TahunKinerja.objects.kunci_untuk_ubah(nilai.indikator.satker, nilai.tahun)
        nilai = (
            NilaiIndikator.objects.select_for_update(of=("self",))
            .select_related("indikator")
            .get(pk=nilai.pk)
        )
        _periksa_versi([nilai], None if versi is None else {nilai.pk: versi})
        if hanya_diajukan and nilai.status != StatusReviu.DIAJUKAN:
            raise AlurDitolak(_sudah_ditangani(nilai) + ".")
        if "kembalikan" not in tindakan_nilai(oleh, nilai, nilai.indikator, tahun_kinerja):
            raise AlurDitolak("Hanya indikator yang diajukan atau diverifikasi dapat dikembalikan.")
        _pindah([nilai], StatusReviu.DIKEMBALIKAN, oleh, catatan)
    return nilai


def _riwayat_tahun(tahun_kinerja: TahunKinerja, ke: str, oleh: Pengguna, catatan: str = ""):
    RiwayatStatus.objects.create(
        tahun_kinerja=tahun_kinerja, dari=tahun_kinerja.status, ke=ke, oleh=oleh, catatan=catatan
    )
    tahun_kinerja.status = ke


def belum_terverifikasi(penetapan: PenetapanIKU, tahun: int) -> list[Indikator]:
    """Indicators of the decree whose value for `tahun` is missing or not verified."""
    terverifikasi = NilaiIndikator.objects.filter(
        tahun=tahun, triwulan=0, status=StatusReviu.DIVERIFIKASI
    ).values("indikator_id")
    return list(
        Indikator.objects.dari_penetapan(penetapan).exclude(pk__in=terverifikasi).dengan_hierarki()
    )


def tahun_ajukan(*, penetapan: PenetapanIKU, tahun: int, oleh: Pengguna) -> TahunKinerja:
    """Sekretaris submits the year to the Ketua; only when every indicator is verified."""
    with transaction.atomic():
        tk = TahunKinerja.objects.kunci(penetapan.satker, tahun)
        if tk.status != StatusTahun.DRAF:
            raise AlurDitolak(f"Tahun {tahun} sudah {tk.get_status_display().lower()}.")
        sisa = belum_terverifikasi(penetapan, tahun)
        if sisa:
            contoh = ", ".join(i.kode for i in sisa[:10])
            lagi = f" dan {len(sisa) - 10} lainnya" if len(sisa) > 10 else ""
            raise AlurDitolak(
                f"Belum dapat diajukan: {len(sisa)} indikator belum diverifikasi ({contoh}{lagi})."
            )
        _riwayat_tahun(tk, StatusTahun.DIAJUKAN, oleh)
        tk.diajukan_oleh = oleh
        tk.diajukan_pada = timezone.now()
        tk.save()
    return tk


def tahun_setujui(*, satker: Satker, tahun: int, oleh: Pengguna) -> TahunKinerja:
    """Ketua approves the submitted year; from now on it is locked."""
    with transaction.atomic():
        tk = TahunKinerja.objects.kunci(satker, tahun)
        if tk.status != StatusTahun.DIAJUKAN:
            raise AlurDitolak(f"Tahun {tahun} belum diajukan oleh Sekretaris.")
        _riwayat_tahun(tk, StatusTahun.DISETUJUI, oleh)
        tk.disetujui_oleh = oleh
        tk.disetujui_pada = timezone.now()
        tk.dibuka_oleh = None
        tk.dibuka_pada = None
        tk.alasan_buka = ""
        tk.save()
    return tk


def tahun_kembalikan(*, satker: Satker, tahun: int, oleh: Pengguna, catatan: str) -> TahunKinerja:
    """Ketua sends a submitted year back to the Sekretaris with a required note."""
    catatan = _catatan_wajib(catatan, "Catatan pengembalian")
    with transaction.atomic():
        tk = TahunKinerja.objects.kunci(satker, tahun)
        if tk.status != StatusTahun.DIAJUKAN:
            raise AlurDitolak(f"Tahun {tahun} tidak sedang diajukan ke Ketua.")
        _riwayat_tahun(tk, StatusTahun.DRAF, oleh, catatan)
        tk.save()
    return tk


# What a reopened entry becomes: editable by the Operator again.
BUKA_KE = {
    StatusReviu.DRAF: "Draf (dapat diubah Operator, tanpa catatan)",
    StatusReviu.DIKEMBALIKAN: "Dikembalikan, dengan alasan ini sebagai catatan",
}


def catatan_buka(tahun: int, alasan: str) -> str:
    """The note each reopened entry's history (and a returned entry's row) shows."""
    return f"Kunci tahun {tahun} dibuka kembali: {alasan}"


def tahun_buka(
    *,
    satker: Satker,
    tahun: int,
    oleh: Pengguna,
    alasan: str,
    pk_list: list[int] = (),
    ke: str = StatusReviu.DRAF,
) -> TahunKinerja:
    """Admin reopens an approved (locked) year with a required reason. The
    verified entries in `pk_list` become editable again (`ke`: draft, or
    returned with the reason as their note), each with its RiwayatStatus row;
    the others stay verified. All or nothing: an entry that is not a verified
    entry of this satker-year refuses the whole reopening, naming it."""
    alasan = _catatan_wajib(alasan, "Alasan membuka kunci")
    if ke not in BUKA_KE:
        raise AlurDitolak("Pilih status indikator yang dibuka: draf atau dikembalikan.")
    pk_list = sorted(set(pk_list))
    with transaction.atomic():
        tk = TahunKinerja.objects.kunci(satker, tahun)
        if not tk.terkunci:
            raise AlurDitolak(f"Tahun {tahun} tidak sedang terkunci.")
        nilai_list = _kunci_nilai(satker, tahun, pk_list)
        ditemukan = {n.pk for n in nilai_list}
        hilang = [str(pk) for pk in pk_list if pk not in ditemukan]
        if hilang:
            raise AlurDitolak(
                f"Indikator yang dipilih tidak ditemukan pada tahun {tahun} satker ini "
                f"(nomor {', '.join(hilang)})."
            )
        turunan = [_nama(n) for n in nilai_list if n.triwulan == 0 and n.indikator.berperiode]
        if turunan:
            raise AlurDitolak(
                "Nilai tahunan indikator yang diukur per periode diturunkan dari periodenya; "
                f"pilih entri periodenya: {', '.join(turunan)}."
            )
        belum = [_nama(n) for n in nilai_list if n.status != StatusReviu.DIVERIFIKASI]
        if belum:
            raise AlurDitolak(
                f"Hanya indikator terverifikasi yang dapat dibuka: {', '.join(belum)}."
            )
        _riwayat_tahun(tk, StatusTahun.DRAF, oleh, alasan)
        tk.disetujui_oleh = None
        tk.disetujui_pada = None
        tk.dibuka_oleh = oleh
        tk.dibuka_pada = timezone.now()
        tk.alasan_buka = alasan
        tk.save()
        _pindah(nilai_list, ke, oleh, catatan_buka(tahun, alasan))
    return tk
