"""Access helpers: one per object type. Every view gets its objects through
these, so scoping by satker and role cannot be forgotten.

A user sees only their own satker. Superusers without a satker may choose one
with ?satker=KODE (KPU RI administration of many offices).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import PenetapanIKU, Satker


def satker_untuk(request) -> Satker:
    """The satker the request works on; 404 when the user has none."""
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
    if user.satker_id is None:
        raise PermissionDenied("Akun Anda belum ditautkan ke satuan kerja. Hubungi Admin.")
    return user.satker


def penetapan_untuk(request, tahun: int | None = None) -> PenetapanIKU:
    """The IKU decree of the request's satker covering `tahun` (or the newest);
    404 when there is none, so a year outside the period is a 404."""
    satker = satker_untuk(request)
    if tahun is None:
        penetapan = PenetapanIKU.objects.terbaru(satker)
    else:
        penetapan = PenetapanIKU.objects.untuk_tahun(satker, tahun)
    if penetapan is None:
        raise Http404("Tidak ada penetapan IKU untuk tahun ini.")
    penetapan.satker = satker
    return penetapan
