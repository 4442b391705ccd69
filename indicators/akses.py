"""Access helpers: one per object type. Every view gets its objects through
these, so scoping by satker and role cannot be forgotten.

- Anonymous users never get here (views are @login_required).
- A user works only on their own satker: another satker's object is a 404.
- A role that may not do something gets a 403 (PermissionDenied).
- Superusers without a satker may choose one with ?satker=KODE (administration
  of many offices from KPU RI).
- A user with no role, or (not a superuser) no satker, gets a 403 page asking
  them to contact their Admin, whatever the page: every helper checks it first.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import BuktiDukung, Indikator, NilaiIndikator, PenetapanIKU, Satker

ADMIN, OPERATOR, SEKRETARIS, KETUA = "Admin", "Operator", "Sekretaris", "Ketua"
PERAN = (ADMIN, OPERATOR, SEKRETARIS, KETUA)
TANPA_PERAN = "Akun Anda belum diberi peran. Hubungi Admin satker Anda."
TANPA_SATKER = "Akun Anda belum ditautkan ke satuan kerja. Hubungi Admin satker Anda."


def wajib_berperan(request) -> None:
    """403 for a user with no satker (superusers excepted) or none of the four roles."""
    user = request.user
    if user.is_superuser:
        return
    if user.satker_id is None:
        raise PermissionDenied(TANPA_SATKER)
    if not user.punya_peran(*PERAN):
        raise PermissionDenied(TANPA_PERAN)


def wajib_peran(request, *peran: str) -> None:
    """403 unless the user has one of the roles (superusers count as Admin)."""
    wajib_berperan(request)
    if not request.user.punya_peran(*peran):
        raise PermissionDenied("Peran Anda tidak berwenang untuk tindakan ini.")


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


def penetapan_untuk(request, tahun: int | None = None) -> PenetapanIKU:
    """The IKU decree of the request's satker covering `tahun` (or the newest);
    404 when there is none, so a year outside the period is a 404."""
    wajib_berperan(request)
    user = request.user
    if user.is_superuser or user.satker_id is None:
        satker = satker_untuk(request)
    else:  # the user's own satker, read with the decree (one query fewer)
        satker = user.satker_id
    semua = PenetapanIKU.objects.select_related("satker")
    penetapan = semua.terbaru(satker) if tahun is None else semua.untuk_tahun(satker, tahun)
    if penetapan is None:
        raise Http404("Tidak ada penetapan IKU untuk tahun ini.")
    if penetapan.satker_id == user.satker_id:
        user.satker = penetapan.satker  # the page header shows it: no second read
    return penetapan


def _boleh_lihat_satker(request, satker_id: int) -> bool:
    user = request.user
    return user.is_superuser or user.satker_id == satker_id


def indikator_untuk(request, pk: int) -> Indikator:
    """An indicator of the user's satker, with its hierarchy; else 404."""
    wajib_berperan(request)
    indikator = get_object_or_404(Indikator.objects.dengan_hierarki(), pk=pk)
    if not _boleh_lihat_satker(request, indikator.satker.pk):
        raise Http404("Indikator tidak ditemukan.")
    return indikator


def nilai_untuk(request, pk: int) -> NilaiIndikator:
    """An indicator-year value of the user's satker; else 404."""
    wajib_berperan(request)
    nilai = get_object_or_404(NilaiIndikator.objects.dengan_hierarki(), pk=pk)
    if not _boleh_lihat_satker(request, nilai.indikator.satker.pk):
        raise Http404("Data tidak ditemukan.")
    return nilai


def bukti_untuk(request, pk: int) -> BuktiDukung:
    """An evidence file of the user's satker; else 404."""
    wajib_berperan(request)
    bukti = get_object_or_404(
        BuktiDukung.objects.select_related(
            "nilai__indikator__sasaran__kegiatan__program__penetapan__satker", "diunggah_oleh"
        ),
        pk=pk,
    )
    if not _boleh_lihat_satker(request, bukti.nilai.indikator.satker.pk):
        raise Http404("Berkas tidak ditemukan.")
    return bukti


def tahun_laporan_untuk(request, tahun: int):
    """The decree of the request's satker covering `tahun` and that satker-year
    (TahunKinerja; an unsaved draft when none exists yet, so reading writes
    nothing); 404 when no decree covers the year."""
    from .models import TahunKinerja

    penetapan = penetapan_untuk(request, tahun)
    tahun_kinerja = TahunKinerja.objects.filter(satker=penetapan.satker, tahun=tahun).first()
    if tahun_kinerja is None:
        tahun_kinerja = TahunKinerja(satker=penetapan.satker, tahun=tahun)
    return penetapan, tahun_kinerja
