"""Downloads of the Lampiran as Excel: for every role of the satker (the IKU page)
and, for Admin, any decree (the admin's own views live in lampiran/admin.py)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from ..akses import penetapan_untuk
from .ekspor import FORMAT, export_lampiran, nama_berkas_ekspor

JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def respons_xlsx(penetapan, bentuk: str) -> HttpResponse:
    if bentuk not in FORMAT:
        raise Http404("Format tidak dikenal.")
    response = HttpResponse(export_lampiran(penetapan, bentuk), content_type=JENIS_XLSX)
    nama = nama_berkas_ekspor(penetapan, bentuk)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def lampiran_unduh(request, bentuk: str):
    if bentuk not in FORMAT:
        raise Http404("Format tidak dikenal.")
    tahun = request.GET.get("tahun")
    penetapan = penetapan_untuk(request, int(tahun) if tahun and tahun.isdigit() else None)
    return respons_xlsx(penetapan, bentuk)
