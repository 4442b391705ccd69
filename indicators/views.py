import re

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from .akses import bukti_untuk, penetapan_untuk
from .bukti import nama_unduh
from .models import Indikator, NilaiIndikator, SkalaKategori, susun_hierarki
from .sidik import dari_cache


def _tahun_dari_query(request) -> int | None:
    tahun = request.GET.get("tahun")
    if not tahun:
        return None
    try:
        return int(tahun)
    except ValueError as exc:
        raise Http404("Tahun tidak valid.") from exc


def _tahun_bawaan(penetapan) -> int:
    """The latest year of the period with a realisation entered; else this year
    if it is in the period; else the period's first year."""
    terakhir = NilaiIndikator.objects.filter(
        indikator__sasaran__kegiatan__program__penetapan=penetapan,
        triwulan=0,
        realisasi__isnull=False,
    ).aggregate(tahun=Max("tahun"))["tahun"]
    if terakhir:
        return terakhir
    sekarang = timezone.localdate().year
    if penetapan.tahun_awal <= sekarang <= penetapan.tahun_akhir:
        return sekarang
    return penetapan.tahun_awal


@login_required
def beranda(request):
    """The IKU of the year. The table is cached under a fingerprint of the data
    (indicators.sidik), like the dashboard's body."""
    tahun_diminta = _tahun_dari_query(request)
    penetapan = penetapan_untuk(request, tahun_diminta)
    tahun, jumlah, tabel = dari_cache(
        "iku",
        penetapan,
        (tahun_diminta, timezone.localdate().year),
        lambda segar: _tabel_iku(segar, tahun_diminta),
    )
    return render(
        request,
        "indicators/beranda.html",
        {
            "penetapan": penetapan,
            "satker": penetapan.satker,
            "tahun": tahun,
            "daftar_tahun": penetapan.daftar_tahun,
            "jumlah_indikator": jumlah,
            "tabel": mark_safe(tabel),  # the output of our own template
        },
    )


def _tabel_iku(penetapan, tahun: int | None) -> tuple[int, int, str]:
    """The year (None: the default one), the number of indicators and the table."""
    if tahun is None:
        tahun = _tahun_bawaan(penetapan)
    indikator = list(
        Indikator.objects.dari_penetapan(penetapan).dengan_hierarki().dengan_nilai(tahun)
    )
    for item in indikator:
        item.nilai_ini = item.nilai_pada(tahun)
    tabel = render_to_string(
        "indicators/_tabel_iku.html",
        {"hierarki": susun_hierarki(indikator), "skala": SkalaKategori.objects.daftar()},
    )
    return tahun, len(indikator), tabel


def kategori_css(request):
    """Colours of the rating scale, which is data: served as a stylesheet so
    pages need no inline styles (the Content-Security-Policy forbids them)."""
    aturan = [
        f".kategori-{k.pk}{{background:{k.warna}}}"
        for k in SkalaKategori.objects.daftar()
        if re.fullmatch(r"#[0-9a-fA-F]{3,8}", k.warna)
    ]
    response = HttpResponse("\n".join(aturan), content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "max-age=300"
    return response


@login_required
def bukti_unduh(request, pk: int):
    """Evidence is served only here, after the satker check; never from a public URL."""
    bukti = bukti_untuk(request, pk)
    try:
        berkas = bukti.berkas.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Berkas tidak ada di penyimpanan.") from exc
    # Always an attachment, named with the extension of the type read from the content.
    nama = nama_unduh(bukti.nama_asli, bukti.jenis)
    response = FileResponse(berkas, as_attachment=True, filename=nama)
    response["Content-Type"] = bukti.jenis or "application/octet-stream"
    response["X-Content-Type-Options"] = "nosniff"
    return response
