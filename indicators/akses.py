"""Access helpers: one per object type. Every view gets its objects through
these, so scoping by satker and role cannot be forgotten.

- Anonymous users never get here (views are @login_required).
- A user works only on their own satker: another satker's object is a 404.
- A role that may not do something gets a 403 (PermissionDenied).
- Superusers without a satker may choose one with ?satker=KODE (administration
  of many offices from KPU RI).
- Ketua, Sekretaris and Admin of a satker read (never write) the satker below
  it with ?satker=KODE on the reading pages (dashboard, IKU, indicator page,
  rekap): HAK["baca_bawahan"], satker_dibaca(). A satker outside the user's
  own and those below it is a 404, so a province never sees another's offices.
- A user with no role, or (not a superuser) no satker, gets a 403 page asking
  them to contact their Admin, whatever the page: every helper checks it first.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import (
    REVIU_TERKUNCI,
    BuktiDukung,
    Indikator,
    NilaiIndikator,
    PenetapanIKU,
    RencanaAksi,
    Satker,
    StatusReviu,
    StatusTahun,
    TahunKinerja,
)

ADMIN, OPERATOR, SEKRETARIS, KETUA = "Admin", "Operator", "Sekretaris", "Ketua"
SEMUA = (ADMIN, OPERATOR, SEKRETARIS, KETUA)

# Who may do what in the application: the one table that views, templates and
# the workflow functions read. Superusers count as Admin.
HAK = {
    "lihat": SEMUA,
    "isi_realisasi": (OPERATOR,),
    "ajukan": (OPERATOR,),
    "verifikasi": (SEKRETARIS,),
    "kembalikan": (SEKRETARIS,),
    "ubah_target": (ADMIN, SEKRETARIS),
    "unggah_bukti": (OPERATOR, SEKRETARIS, ADMIN),
    "ajukan_tahun": (SEKRETARIS,),
    "setujui_tahun": (KETUA,),
    "kembalikan_tahun": (KETUA,),
    "buka_kunci": (ADMIN,),
    "tulis_laporan": (ADMIN, SEKRETARIS),
    "impor_lampiran": (ADMIN,),
    "kaskade": (ADMIN,),  # adopt the parent's IKU, accept its revisions, copy a period
    "hentikan_indikator": (ADMIN,),  # retire an indicator of the satker's IKU
    "baca_bawahan": (ADMIN, SEKRETARIS, KETUA),  # read the satker below (rekap, their pages)
    # Rencana Aksi: the actions under each indicator-year and their quarterly progress.
    "ubah_rencana_aksi": (OPERATOR, SEKRETARIS, ADMIN),
    "isi_kemajuan_aksi": (OPERATOR, SEKRETARIS, ADMIN),
    "atur_jadwal": (ADMIN,),  # the deadlines of each quarter's entry
}


def boleh(user, hak: str) -> bool:
    """May `user` (by role) do `hak` (a key of HAK)?"""
    return user.punya_peran(*HAK[hak])


TANPA_PERAN = "Akun Anda belum diberi peran. Hubungi Admin satker Anda."
TANPA_SATKER = "Akun Anda belum ditautkan ke satuan kerja. Hubungi Admin satker Anda."


def wajib_berperan(request) -> None:
    """403 for a user with no satker (superusers excepted) or none of the four roles."""
    user = request.user
    if user.is_superuser:
        return
    if user.satker_id is None:
        raise PermissionDenied(TANPA_SATKER)
    if not user.punya_peran(*SEMUA):
        raise PermissionDenied(TANPA_PERAN)


def wajib(request, hak: str) -> None:
    """403 unless the user's role allows `hak`."""
    wajib_berperan(request)
    if not boleh(request.user, hak):
        raise PermissionDenied("Peran Anda tidak berwenang untuk tindakan ini.")


def boleh_ubah_realisasi(user, indikator: Indikator) -> bool:
    """Operators edit their unit's indicators where both user and indicator have
    a unit; otherwise all of their satker's. Other roles read."""
    if not boleh(user, "isi_realisasi"):
        return False
    if user.unit_kerja_id and indikator.penanggung_jawab_id:
        return user.unit_kerja_id == indikator.penanggung_jawab_id
    return True


def tindakan_nilai(
    user, nilai: NilaiIndikator | None, indikator: Indikator, tahun_kinerja, triwulan: int = 0
) -> set:
    """What `user` may do now with one indicator-year entry, or one period's
    (`nilai` None: not stored yet, for the period `triwulan`): "ubah", "ajukan",
    "verifikasi", "kembalikan", "unggah_bukti". The templates show these
    actions and the workflow functions refuse the rest. (The entry window of a
    period is the grid's rule: indicators/jadwal.py.)"""
    if tahun_kinerja.status != StatusTahun.DRAF:
        return set()
    status = nilai.status if nilai is not None else StatusReviu.DRAF
    tindakan = set()
    if nilai is not None:
        triwulan = nilai.triwulan
    if indikator.berperiode and triwulan == 0:
        # The year of an indicator measured per period is derived from its
        # periods: entered, submitted and reviewed there, never by itself.
        if nilai is not None and status != StatusReviu.DIVERIFIKASI and boleh(user, "unggah_bukti"):
            tindakan.add("unggah_bukti")
        return tindakan
    if status in (StatusReviu.DRAF, StatusReviu.DIKEMBALIKAN) and boleh_ubah_realisasi(
        user, indikator
    ):
        tindakan.add("ubah")
        if nilai is not None:
            tindakan.add("ajukan")
    if nilai is not None and status == StatusReviu.DIAJUKAN and boleh(user, "verifikasi"):
        tindakan.add("verifikasi")
    if nilai is not None and status in REVIU_TERKUNCI and boleh(user, "kembalikan"):
        tindakan.add("kembalikan")
    if nilai is not None and status != StatusReviu.DIVERIFIKASI and boleh(user, "unggah_bukti"):
        tindakan.add("unggah_bukti")
    return tindakan


def boleh_hapus_bukti(user, bukti: BuktiDukung, tahun_kinerja) -> bool:
    """Only its uploader removes an evidence file, while the entry is not
    verified and the year is in draft."""
    return (
        bukti.diunggah_oleh_id == user.pk
        and bukti.nilai.status != StatusReviu.DIVERIFIKASI
        and tahun_kinerja.status == StatusTahun.DRAF
    )


def satker_untuk(request) -> Satker:
    """The satker the request works on."""
    wajib_berperan(request)
    user = request.user
    if user.is_superuser:
        kode = request.GET.get("satker")
        if kode:
            satker = Satker.objects.filter(kode=kode).first()
            if satker is None:
                raise Http404("Satker tidak ditemukan.")
            return satker
        if user.satker_id is None:
            satker = Satker.objects.filter(penetapan__isnull=False).order_by("kode").first()
            if satker is None:
                raise Http404("Belum ada satker dengan penetapan IKU.")
            return satker
    return user.satker


def boleh_baca_satker(user, satker: Satker) -> bool:
    """May `user` read `satker`'s data: their own; a superuser any; Ketua,
    Sekretaris and Admin also every satker below their own."""
    if user.is_superuser or user.satker_id == satker.pk:
        return True
    return (
        user.satker_id is not None and boleh(user, "baca_bawahan") and user.satker.membawahi(satker)
    )


def satker_dibaca(request) -> Satker:
    """The satker a reading page shows: ?satker=KODE when the user may read it
    (boleh_baca_satker), else the user's own (satker_untuk). A satker the user
    may not read is a 404, the same as one that does not exist."""
    kode = request.GET.get("satker")
    user = request.user
    if not kode or user.is_superuser:
        return satker_untuk(request)
    wajib_berperan(request)
    if user.satker_id is not None and kode == user.satker.kode:
        return user.satker
    satker = Satker.objects.select_related("induk").filter(kode=kode).first()
    if satker is None or not boleh_baca_satker(user, satker):
        raise Http404("Satker tidak ditemukan.")
    return satker


def hanya_baca(request, satker: Satker | int) -> bool:
    """The page shows another satker's data (read from above): no write links."""
    satker_id = satker if isinstance(satker, int) else satker.pk
    return not request.user.is_superuser and request.user.satker_id != satker_id


def penetapan_untuk(request, tahun: int | None = None, *, baca: bool = False) -> PenetapanIKU:
    """The IKU decree of the request's satker covering `tahun` (None: the one
    whose period contains today, else the newest);
    404 when there is none, so a year outside the period is a 404.
    With `baca` (reading pages only) the satker may be one below the user's
    (satker_dibaca)."""
    wajib_berperan(request)
    user = request.user
    if baca and request.GET.get("satker") and not user.is_superuser:
        satker = satker_dibaca(request)
    elif user.is_superuser or user.satker_id is None:
        satker = satker_untuk(request)
    else:  # the user's own satker, read with the decree (one query fewer)
        satker = user.satker_id
    semua = PenetapanIKU.objects.select_related("satker")
    penetapan = semua.bawaan(satker) if tahun is None else semua.untuk_tahun(satker, tahun)
    if penetapan is None:
        raise Http404("Tidak ada penetapan IKU untuk tahun ini.")
    if penetapan.satker_id == user.satker_id:
        user.satker = penetapan.satker  # the page header shows it: no second read
    return penetapan


def _boleh_lihat_satker(request, satker_id: int) -> bool:
    user = request.user
    return user.is_superuser or user.satker_id == satker_id


def indikator_untuk(request, pk: int, *, baca: bool = False) -> Indikator:
    """An indicator of the user's satker, with its hierarchy; else 404. With
    `baca` (reading pages only) also one of a satker below (boleh_baca_satker)."""
    wajib_berperan(request)
    indikator = get_object_or_404(
        Indikator.objects.dengan_hierarki().select_related(
            "sasaran__kegiatan__program__penetapan__satker__induk"
        ),
        pk=pk,
    )
    satker = indikator.satker
    boleh_lihat = (
        boleh_baca_satker(request.user, satker) if baca else _boleh_lihat_satker(request, satker.pk)
    )
    if not boleh_lihat:
        raise Http404("Indikator tidak ditemukan.")
    return indikator


def nilai_untuk(request, pk: int) -> NilaiIndikator:
    """An indicator-year value of the user's satker; else 404."""
    wajib_berperan(request)
    nilai = get_object_or_404(NilaiIndikator.objects.dengan_hierarki(), pk=pk)
    if not _boleh_lihat_satker(request, nilai.indikator.satker.pk):
        raise Http404("Data tidak ditemukan.")
    return nilai


def bukti_untuk(request, pk: int, *, baca: bool = False) -> BuktiDukung:
    """An evidence file of the user's satker; else 404. With `baca` (the
    download) also one of a satker below (boleh_baca_satker)."""
    wajib_berperan(request)
    bukti = get_object_or_404(
        BuktiDukung.objects.select_related(
            "nilai__indikator__sasaran__kegiatan__program__penetapan__satker__induk",
            "diunggah_oleh",
        ),
        pk=pk,
    )
    satker = bukti.nilai.indikator.satker
    if not (
        boleh_baca_satker(request.user, satker) if baca else _boleh_lihat_satker(request, satker.pk)
    ):
        raise Http404("Berkas tidak ditemukan.")
    return bukti


def rencana_aksi_untuk(request, pk: int) -> RencanaAksi:
    """A Rencana Aksi of the user's satker, with its indicator's hierarchy; else 404."""
    wajib_berperan(request)
    rencana = get_object_or_404(
        RencanaAksi.objects.select_related(
            "indikator__sasaran__kegiatan__program__penetapan__satker", "diubah_oleh"
        ),
        pk=pk,
    )
    if not _boleh_lihat_satker(request, rencana.indikator.satker.pk):
        raise Http404("Rencana aksi tidak ditemukan.")
    return rencana


def tahun_laporan_untuk(request, tahun: int):
    """The decree of the request's satker covering `tahun` and that satker-year
    (TahunKinerja; an unsaved draft when none exists yet, so reading writes
    nothing); 404 when no decree covers the year."""
    penetapan = penetapan_untuk(request, tahun)
    return penetapan, TahunKinerja.objects.baca(penetapan.satker, tahun)
