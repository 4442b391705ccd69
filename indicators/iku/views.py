"""The IKU page: the decree's indicators with the year's target, realisasi,
capaian and kategori; and the rating scale's colours as a stylesheet."""

import re

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from ..akses import hanya_baca, penetapan_untuk
from ..angka import bilangan_query
from ..hierarki import susun_hierarki
from ..models import Indikator, PenetapanIKU, SkalaKategori
from ..sidik import dari_cache


@login_required
def beranda(request):
    """The IKU of the year. The table is cached under a fingerprint of the data
    (indicators.sidik), like the dashboard's body."""
    tahun_diminta = bilangan_query(request, "tahun")
    penetapan = penetapan_untuk(request, tahun_diminta, baca=True)
    baca = hanya_baca(request, penetapan.satker)
    tahun, jumlah, tabel = dari_cache(
        "iku",
        penetapan,
        (tahun_diminta, timezone.localdate().year),
        lambda segar: _tabel_iku(segar, tahun_diminta),
    )
    return render(
        request,
        "iku/beranda.html",
        {
            "penetapan": penetapan,
            "satker": penetapan.satker,
            "tahun": tahun,
            "periode_tahun": PenetapanIKU.objects.periode_tahun(penetapan.satker),
            "jumlah_indikator": jumlah,
            "hanya_baca": baca,
            "kueri_satker": penetapan.satker.kode if baca else "",
            "tabel": mark_safe(tabel),  # the output of our own template
        },
    )


def _tabel_iku(penetapan, tahun: int | None) -> tuple[int, int, str]:
    """The year (None: the default one), the number of indicators and the table."""
    if tahun is None:
        tahun = penetapan.tahun_bawaan()
    indikator = list(
        Indikator.objects.dari_penetapan(penetapan)
        .berlaku(tahun)
        .dengan_hierarki()
        .dengan_nilai(tahun)
    )
    for item in indikator:
        item.nilai_ini = item.nilai_pada(tahun)
    tabel = render_to_string(
        "iku/_tabel_iku.html",
        {"hierarki": susun_hierarki(indikator), "skala": SkalaKategori.objects.daftar()},
    )
    return tahun, len(indikator), tabel


def kategori_css(request):
    """Colours of the rating scale, which is data: served as a stylesheet so
    pages need no inline styles (the Content-Security-Policy forbids them)."""
    # The text colour follows the background, so a badge stays readable
    # (WCAG AA) whatever colour a superuser gives the band.
    aturan = [
        f".kategori-{k.pk}{{background:{k.warna};color:{k.warna_teks}}}"
        for k in SkalaKategori.objects.daftar()
        if re.fullmatch(r"#[0-9a-fA-F]{3,8}", k.warna)
    ]
    response = HttpResponse("\n".join(aturan), content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "max-age=300"
    return response
