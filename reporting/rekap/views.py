"""/rekap/: the user's satker and every satker below it in one year — how
complete each one's year is and how it scores — and /rekap/indikator/<pk>/:
one national indicator across the satker below. Read-only: every link goes to
a reading page (dashboard, IKU) of the satker chosen with ?satker=."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from indicators.akses import indikator_untuk, satker_dibaca, wajib
from indicators.angka import bilangan_query, persen
from indicators.models import Indikator, PenetapanIKU, Satker, SkalaKategori, StatusTahun
from indicators.sidik import dari_cache_tahun
from indicators.tautan import tautan

from .. import grafik
from .selectors import LABEL_STATUS, TANPA_IKU, rekap_satker, sebaran_indikator

URUT_REKAP = {
    "kode": ("Kode", lambda b: b.satker.kode),
    "nama": ("Satker", lambda b: b.satker.nama.lower()),
    "terukur": ("Terukur", lambda b: (b.persen_terukur is not None, b.persen_terukur or 0)),
    "verifikasi": (
        "Terverifikasi",
        lambda b: (b.persen_terverifikasi is not None, b.persen_terverifikasi or 0),
    ),
    "status": ("Tahun", lambda b: [TANPA_IKU, *StatusTahun.values].index(b.status)),
    "capaian": ("Rata-rata capaian", lambda b: (b.capaian is not None, b.capaian or 0)),
}
URUT_INDIKATOR = {
    "kode": ("Kode", lambda b: b.satker.kode),
    "nama": ("Satker", lambda b: b.satker.nama.lower()),
    "target": ("Target", lambda b: (b.target is not None, b.target or 0)),
    "realisasi": ("Realisasi", lambda b: (b.realisasi is not None, b.realisasi or 0)),
    "capaian": ("Capaian", lambda b: (b.capaian is not None, b.capaian or 0)),
}


def _urutan(request, pilihan: dict, bawaan: str) -> tuple[str, bool]:
    urut = request.GET.get("urut", bawaan)
    if urut not in pilihan:
        urut = bawaan
    return urut, request.GET.get("arah") == "turun"


def _kepala(pilihan: dict, urut: str, turun: bool, buat_url) -> list[dict]:
    """Sortable column headers: a link each, the current one marked (aria-sort)."""
    kepala = []
    for kunci, (label, _) in pilihan.items():
        aktif = kunci == urut
        arah = "naik" if aktif and turun else ("turun" if aktif else "naik")
        if kunci in ("terukur", "verifikasi", "capaian", "target", "realisasi") and not aktif:
            arah = "turun"  # figures: highest first on the first click
        kepala.append(
            {
                "kunci": kunci,
                "label": label,
                "url": buat_url(urut=kunci, arah=arah),
                "sort": ("descending" if turun else "ascending") if aktif else "",
            }
        )
    return kepala


def _tahun_bawaan(satker: Satker) -> int:
    """The year of today's period (of the newest decree when none covers today)."""
    bawaan = PenetapanIKU.objects.bawaan(satker)
    return bawaan.tahun_bawaan() if bawaan else timezone.localdate().year


def _di_luar_periode(tahun: int, periode: list) -> bool:
    semua = {t for _, daftar in periode for t in daftar}
    return bool(semua) and tahun not in semua


def _tahun_dan_periode(request, satker: Satker) -> tuple[int, list]:
    """The year asked (?tahun=), else the one of today's period; every year of
    the satker's periods can be chosen."""
    periode = PenetapanIKU.objects.periode_tahun(satker)
    tahun = bilangan_query(request, "tahun")
    if tahun is None:
        tahun = _tahun_bawaan(satker)
    elif _di_luar_periode(tahun, periode):
        raise Http404("Tahun di luar periode IKU.")
    return tahun, periode


@login_required
def rekap(request):
    """The rekap's table, with the satker's periods for the year chooser, is
    cached under a fingerprint of the year's data across every satker
    (indicators.sidik.sidik_tahun), like the dashboard's body:
    bench/bench_rekap.py measures why."""
    wajib(request, "baca_bawahan")
    satker = satker_dibaca(request)
    tahun = bilangan_query(request, "tahun")
    if tahun is None:
        tahun = _tahun_bawaan(satker)
    urut, turun = _urutan(request, URUT_REKAP, "kode")
    status = request.GET.get("status", "")
    if status not in LABEL_STATUS:
        status = ""

    def hitung() -> tuple[list, str | None]:
        periode = PenetapanIKU.objects.periode_tahun(satker)
        if _di_luar_periode(tahun, periode):
            return periode, None
        return periode, _isi_rekap(satker, tahun, urut, turun, status)

    periode, isi = dari_cache_tahun("rekap", tahun, (satker.pk, urut, turun, status), hitung)
    if isi is None:
        raise Http404("Tahun di luar periode IKU.")
    return render(
        request,
        "rekap/rekap.html",
        {
            "satker": satker,
            "tahun": tahun,
            "periode_tahun": periode,
            "daftar_tahun": [] if periode else [tahun],
            "isi": mark_safe(isi),  # the output of our own template
            "status": status,
            "urut": urut,
            "arah": "turun" if turun else "naik",
            "pilihan_status": [("", "Semua status"), *LABEL_STATUS.items()],
            "kueri_satker": satker.kode if satker.pk != request.user.satker_id else "",
        },
    )


def _isi_rekap(satker: Satker, tahun: int, urut: str, turun: bool, status: str) -> str:
    skala = SkalaKategori.objects.daftar()
    semua = rekap_satker(satker, tahun, skala)
    baris = [b for b in semua if not status or b.status == status]
    baris.sort(key=URUT_REKAP[urut][1], reverse=turun)
    kode = satker.kode

    def url(**q) -> str:
        return tautan("rekap", satker=kode, tahun=tahun, status=status, **q)

    # One reverse() per page kind for all rows: the link with a placeholder kode.
    pola = {n: tautan(n, satker="KODE0SATKER", tahun=tahun) for n in ("dasbor", "beranda", "rekap")}
    for b in baris:
        s = b.satker.kode
        b.url_dasbor = pola["dasbor"].replace("KODE0SATKER", s)
        b.url_iku = pola["beranda"].replace("KODE0SATKER", s)
        b.url_rekap = (
            pola["rekap"].replace("KODE0SATKER", s)
            if b.satker.tingkat != Satker.Tingkat.KABKOTA and b.satker.pk != satker.pk
            else ""
        )
    penetapan = PenetapanIKU.objects.untuk_tahun(satker, tahun)
    indikator = (
        list(
            Indikator.objects.dari_penetapan(penetapan)
            .berlaku(tahun)
            .order_by(
                "sasaran__kegiatan__program__urutan",
                "sasaran__kegiatan__urutan",
                "sasaran__urutan",
                "urutan",
            )
            .only("pk", "kode", "nama")
        )
        if penetapan is not None and satker.punya_bawahan
        else []
    )
    for ind in indikator:
        ind.url_sebaran = tautan("rekap_indikator", ind.pk, tahun=tahun)
    dengan_iku = [b for b in semua if b.ada_iku]
    campur_tingkat = len({b.satker.tingkat for b in semua}) > 1
    tbody = render_to_string(
        "rekap/_tbody.jinja",
        {"baris": baris, "satker": satker, "campur_tingkat": campur_tingkat},
        using="jinja2",
    )
    return render_to_string(
        "rekap/_isi.html",
        {
            "satker": satker,
            "tahun": tahun,
            "skala": skala,
            "baris": baris,
            "jumlah_semua": len(semua),
            "dengan_iku": len(dengan_iku),
            "diajukan": sum(1 for b in dengan_iku if b.diajukan),
            "disetujui": sum(1 for b in dengan_iku if b.disetujui),
            "kepala": _kepala(URUT_REKAP, urut, turun, url),
            "tbody": mark_safe(tbody),  # the output of our own template
            "indikator": indikator,
            "status": status,
        },
    )


@login_required
def rekap_indikator(request, pk: int):
    """One national indicator across the satker of one level below the
    indicator's satker: distribution (median, quartiles, count per kategori)
    and each satker's target, realisasi and capaian."""
    wajib(request, "baca_bawahan")
    indikator = indikator_untuk(request, pk, baca=True)
    satker = indikator.satker
    tahun, periode = _tahun_dan_periode(request, satker)
    pilihan_tingkat = {
        Satker.Tingkat.PUSAT: [Satker.Tingkat.KABKOTA, Satker.Tingkat.PROVINSI],
        Satker.Tingkat.PROVINSI: [Satker.Tingkat.KABKOTA],
    }.get(satker.tingkat, [])
    tingkat = request.GET.get("tingkat") or (pilihan_tingkat[0] if pilihan_tingkat else "")
    if pilihan_tingkat and tingkat not in pilihan_tingkat:
        raise Http404("Tingkat tidak dikenal.")
    urut, turun = _urutan(request, URUT_INDIKATOR, "capaian")
    if "urut" not in request.GET:
        turun = True
    skala = SkalaKategori.objects.daftar()
    s = sebaran_indikator(indikator, tahun, tingkat, skala)
    baris = sorted(s.baris, key=URUT_INDIKATOR[urut][1], reverse=turun)
    for b in baris:
        b.url_dasbor = tautan("dasbor", satker=b.satker.kode, tahun=tahun)
    judul_tingkat = Satker.Tingkat(tingkat).label if tingkat else ""
    ada = [c for c in s.capaian if c is not None]
    grafik_kotak = (
        grafik.kotak(
            ada,
            f"Sebaran capaian {indikator.kode} di {len(ada)} KPU {judul_tingkat}, {tahun}",
            s.q1,
            s.median,
            s.q3,
            lebar=360,
        )
        if ada
        else None
    )
    grafik_kategori = grafik.batang_horizontal(
        [grafik.Batang(k.nama, jumlah, k.warna) for k, jumlah in s.per_kategori]
        + (
            [grafik.Batang("Belum ada capaian", s.tanpa_capaian, grafik.ABU)]
            if s.tanpa_capaian
            else []
        ),
        judul=f"Jumlah satker per kategori, {tahun}",
        lebar=360,
        maks=Decimal(max(4, -(-s.jumlah // 4) * 4)),  # whole numbers on the axis
        satuan="",
        label_di_atas=True,
    )

    def url(**q) -> str:
        return tautan("rekap_indikator", pk, tahun=tahun, tingkat=tingkat, **q)

    return render(
        request,
        "rekap/indikator.html",
        {
            "indikator": indikator,
            "satker": satker,
            "tahun": tahun,
            "periode_tahun": periode,
            "daftar_tahun": [] if periode else [tahun],
            "tingkat": tingkat,
            "pilihan_tingkat": [(t, Satker.Tingkat(t).label) for t in pilihan_tingkat],
            "judul_tingkat": judul_tingkat,
            "s": s,
            "baris": baris,
            "skala": skala,
            "kepala": _kepala(URUT_INDIKATOR, urut, turun, url),
            "urut": urut,
            "arah": "turun" if turun else "naik",
            "grafik_kotak": grafik_kotak,
            "grafik_kategori": grafik_kategori,
            "url_rekap": tautan(
                "rekap",
                satker=satker.kode if satker.pk != request.user.satker_id else None,
                tahun=tahun,
            ),
            "ringkas": [
                ("Satker", str(s.jumlah)),
                ("Dengan capaian", str(s.bercapaian)),
                ("Terendah", persen(s.minimum)),
                ("Kuartil 1", persen(s.q1)),
                ("Median", persen(s.median)),
                ("Kuartil 3", persen(s.q3)),
                ("Tertinggi", persen(s.maksimum)),
            ],
        },
    )
