from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from indicators.akses import boleh, hanya_baca, indikator_untuk, penetapan_untuk
from indicators.angka import bilangan_query
from indicators.kekurangan.selectors import butir_permintaan, ringkas_per_triwulan
from indicators.models import (
    BuktiDukung,
    Indikator,
    NilaiIndikator,
    PenetapanIKU,
    Satker,
    SkalaKategori,
    StatusReviu,
    StatusTahun,
    kategori_untuk,
)
from indicators.riwayat import linimasa_status, perubahan_nilai
from indicators.sidik import dari_cache, dari_cache_tahun
from indicators.tautan import tautan, tautan_indikator

from .. import grafik
from ..rekap.selectors import banding_nasional
from .selectors import baca_nilai, menanti_untuk, susun_ringkasan
from .triwulan import blok_triwulan

LABEL_STATUS = {**dict(StatusTahun.choices), **dict(StatusReviu.choices)}


def _warna(kategori) -> str:
    return kategori.warna if kategori is not None else grafik.ABU


@login_required
def dasbor(request):
    """The dashboard. Its body (everything under the year chooser) is computed
    in memory from a few reads and cached under a fingerprint of the data
    (indicators.sidik): an unchanged page costs one query instead of the reads,
    the computing and the rendering, and any change shows at once."""
    tahun_diminta = bilangan_query(request, "tahun")
    penetapan = penetapan_untuk(request, tahun_diminta, baca=True)
    satker = penetapan.satker
    baca = hanya_baca(request, satker)
    dasar = {}
    if (request.user.is_superuser or baca) and request.GET.get("satker"):
        dasar["satker"] = satker.kode
    program_pk, kegiatan_pk = (
        bilangan_query(request, "program"),
        bilangan_query(request, "kegiatan"),
    )

    tahun, isi = dari_cache(
        "dasbor",
        penetapan,
        (
            tahun_diminta,
            timezone.localdate().year,  # the default year may depend on it
            sorted(dasar.items()),
            program_pk,
            kegiatan_pk,
            baca,
        ),
        lambda segar: _render_isi_dasbor(
            segar, tahun_diminta, dasar, program_pk, kegiatan_pk, baca
        ),
    )
    banding = ""
    if satker.tingkat == Satker.Tingkat.KABKOTA and penetapan.induk_id is not None:
        banding = dari_cache_tahun(
            "banding-dasbor",
            tahun,
            (penetapan.pk,),
            lambda: _render_banding(penetapan, tahun),
        )

    pilihan_satker = None
    if request.user.is_superuser:
        pilihan_satker = (
            Satker.objects.filter(penetapan__isnull=False).distinct().only("kode", "nama")
        )
    return render(
        request,
        "dasbor/dasbor.html",
        {
            "isi": mark_safe(isi),  # the output of our own template
            "banding": mark_safe(banding),  # ditto
            "penetapan": penetapan,
            "satker": satker,
            "tahun": tahun,
            "periode_tahun": PenetapanIKU.objects.periode_tahun(satker),
            "pilihan_satker": pilihan_satker,
            "kueri_satker": dasar.get("satker") if baca else "",
            "hanya_baca": baca,
            "menanti": menanti_untuk(request.user, penetapan),
            "kekurangan_triwulan": _kekurangan_triwulan(request, satker),
        },
    )


def _kekurangan_triwulan(request, satker) -> list:
    """The Ketua's block: what is still empty per quarter (outside the cached body)."""
    if not boleh(request.user, "setujui_tahun"):
        return []
    return ringkas_per_triwulan(butir_permintaan(request, satker.pk))


def _render_banding(penetapan, tahun: int) -> str:
    """The national benchmark of a Kabupaten/Kota's indicators (banding_nasional)."""
    banding = banding_nasional(penetapan, tahun)
    indikator = (
        Indikator.objects.dari_penetapan(penetapan)
        .berlaku(tahun)
        .filter(pk__in=list(banding))
        .order_by(
            "sasaran__kegiatan__program__urutan",
            "sasaran__kegiatan__urutan",
            "sasaran__urutan",
            "urutan",
        )
        .only("pk", "kode", "nama")
    )
    baris = [(i, banding[i.pk]) for i in indikator]
    return render_to_string(
        "dasbor/_banding.html", {"baris": baris, "tahun": tahun, "penetapan": penetapan}
    )


def _render_isi_dasbor(
    penetapan, tahun, dasar, program_pk, kegiatan_pk, baca=False
) -> tuple[int, str]:
    """The dashboard's body for `tahun` (None: the default year), and that year."""
    indikator, nilai = baca_nilai(penetapan)
    if tahun is None:
        tahun = penetapan.tahun_bawaan()
    skala = SkalaKategori.objects.daftar()
    r = susun_ringkasan(penetapan, tahun, indikator, nilai, skala)
    konteks = _isi_dasbor(
        r, penetapan, tahun, skala, {"tahun": tahun, **dasar}, program_pk, kegiatan_pk, baca
    )
    konteks["triwulan"] = blok_triwulan(penetapan, tahun)
    return tahun, render_to_string("dasbor/_isi.html", konteks)


def _isi_dasbor(r, penetapan, tahun, skala, dasar, program_pk, kegiatan_pk, baca=False) -> dict:
    """The context of the dashboard's body (404 for an unknown Program/Kegiatan)."""

    def url_dasbor(**extra) -> str:
        return tautan("dasbor", **dasar, **extra, jangkar="rincian")

    for p in r.program:
        p.url_dasbor = url_dasbor(program=p.objek.pk)
        for k in p.anak:
            k.url_dasbor = url_dasbor(kegiatan=k.objek.pk)

    program_pilih = kegiatan_pilih = None
    if kegiatan_pk is not None:
        kegiatan_pilih = r.cari_kegiatan(kegiatan_pk)
        if kegiatan_pilih is None:
            raise Http404("Kegiatan tidak ditemukan.")
        program_pilih = r.cari_program(kegiatan_pilih.objek.program_id)
    elif program_pk is not None:
        program_pilih = r.cari_program(program_pk)
        if program_pilih is None:
            raise Http404("Program tidak ditemukan.")

    # One axis for the Program, Kegiatan and Sasaran charts, so bars of the
    # same length mean the same capaian side by side.
    semua = [k.capaian for k in (*r.program, *r.kegiatan) if k.capaian is not None]
    if kegiatan_pilih is not None:
        semua += [s.capaian for s in kegiatan_pilih.anak if s.capaian is not None]
    maks = grafik.skala_atas(max([Decimal(100), *semua]))
    grafik_program = grafik.batang_horizontal(
        [
            grafik.Batang(
                f"{p.objek.kode}. {p.objek.nama}",
                p.capaian,
                _warna(p.kategori),
                p.kategori.nama if p.kategori else "",
                p.url_dasbor,
            )
            for p in r.program
        ],
        judul=f"Rata-rata capaian per Program, {tahun}",
        lebar=360,
        maks=maks,
        label_di_atas=True,
    )
    daftar_kegiatan = program_pilih.anak if program_pilih else r.kegiatan
    grafik_kegiatan = grafik.batang_horizontal(
        [
            grafik.Batang(
                f"{k.objek.kode} {k.objek.nama}",
                k.capaian,
                _warna(k.kategori),
                k.kategori.nama if k.kategori else "",
                k.url_dasbor,
            )
            for k in daftar_kegiatan
        ],
        judul=f"Rata-rata capaian per Kegiatan, {tahun}",
        lebar=360,
        maks=maks,
        label_di_atas=True,
    )
    grafik_sasaran = None
    if kegiatan_pilih is not None:
        grafik_sasaran = grafik.batang_horizontal(
            [
                grafik.Batang(
                    f"{s.objek.kode} {s.objek.nama}",
                    s.capaian,
                    _warna(s.kategori),
                    s.kategori.nama if s.kategori else "",
                    f"#sasaran-{s.objek.pk}",
                )
                for s in kegiatan_pilih.anak
            ],
            judul=f"Rata-rata capaian per Sasaran, {tahun}",
            lebar=360,
            maks=maks,
            label_di_atas=True,
        )

    label_tahun = [str(t.tahun) for t in r.tren]
    grafik_tren = grafik.tren(
        label_tahun,
        [
            grafik.Seri(
                "Rata-rata capaian",
                [t.capaian for t in r.tren],
                warna="#7f1d1d",
                extra={"label_bawah": True},
            ),
            grafik.Seri("Target (100%)", [100 for _ in r.tren], warna="#374151", putus=True),
        ],
        judul="Rata-rata capaian per tahun",
        lebar=360,
        tinggi=240,
        satuan="%",
    )
    grafik_jumlah = grafik.tren(
        label_tahun,
        [
            grafik.Seri("Bertarget", [t.ada_target for t in r.tren], "#9ca3af", bentuk="batang"),
            grafik.Seri(
                "Terealisasi", [t.ada_realisasi for t in r.tren], "#2563eb", bentuk="batang"
            ),
            grafik.Seri("Tercapai", [t.tercapai for t in r.tren], "#15803d", bentuk="batang"),
        ],
        judul="Jumlah indikator bertarget, terealisasi dan mencapai target per tahun",
        lebar=360,
        tinggi=240,
    )
    perhatian = r.perhatian
    return {
        "r": r,
        "penetapan": penetapan,
        "tahun": tahun,
        "skala": skala,
        "program_pilih": program_pilih,
        "kegiatan_pilih": kegiatan_pilih,
        "grafik_program": grafik_program,
        "grafik_kegiatan": grafik_kegiatan,
        "grafik_sasaran": grafik_sasaran,
        "grafik_tren": grafik_tren,
        "grafik_jumlah": grafik_jumlah,
        "url_semua": url_dasbor(),
        "url_program": url_dasbor(program=program_pilih.objek.pk) if program_pilih else "",
        "perhatian": [
            (
                "kurang",
                "Capaian Kurang atau Sangat Kurang",
                "Buka indikator untuk membaca analisis dan kendalanya.",
                perhatian.kurang,
                False,
            ),
            (
                "dikembalikan",
                "Dikembalikan dan belum diperbaiki",
                "Perbaiki pada lembar isian realisasi.",
                perhatian.dikembalikan,
                not baca,
            ),
            (
                "realisasi",
                "Realisasi belum diisi",
                "Isi pada lembar isian realisasi.",
                perhatian.tanpa_realisasi,
                not baca,
            ),
            (
                "bukti",
                "Realisasi tanpa bukti dukung",
                "Unggah bukti pada lembar isian realisasi.",
                perhatian.tanpa_bukti,
                not baca,
            ),
        ],
        "url_realisasi": tautan("realisasi", tahun, satker=dasar.get("satker")),
        "satker_kode": dasar.get("satker"),
        "hanya_baca": baca,
    }


@login_required
def indikator_detail(request, pk: int):
    indikator = indikator_untuk(request, pk, baca=True)
    penetapan = indikator.penetapan
    baca = hanya_baca(request, penetapan.satker)
    skala = SkalaKategori.objects.daftar()
    per_tahun = {}
    for n in NilaiIndikator.objects.filter(indikator=indikator, triwulan=0):
        n.indikator = indikator
        per_tahun[n.tahun] = n
    tahun_pilih = bilangan_query(request, "tahun")
    baris = []
    for tahun in penetapan.daftar_tahun:
        n = per_tahun.get(tahun)
        capaian = n.capaian if n else None
        baris.append(
            {
                "tahun": tahun,
                "nilai": n,
                "capaian": capaian,
                "kategori": kategori_untuk(capaian, skala),
                "status": n.get_status_display() if n else "",
                "url_realisasi": tautan_indikator(tahun, indikator.pk),
            }
        )
    persen = indikator.satuan == "Persen"
    label = [str(b["tahun"]) for b in baris]
    grafik_nilai = grafik.tren(
        label,
        [
            grafik.Seri(
                "Target",
                [b["nilai"].target if b["nilai"] else None for b in baris],
                warna="#374151",
                putus=True,
            ),
            grafik.Seri(
                "Realisasi",
                [b["nilai"].realisasi if b["nilai"] else None for b in baris],
                warna="#7f1d1d",
            ),
        ],
        judul=f"Target dan realisasi per tahun ({indikator.satuan})",
        lebar=360,
        tinggi=240,
        satuan="%" if persen else "",
    )
    grafik_capaian = grafik.batang_horizontal(
        [
            grafik.Batang(
                str(b["tahun"]),
                b["capaian"],
                _warna(b["kategori"]),
                b["kategori"].nama if b["kategori"] else "",
            )
            for b in baris
        ],
        judul="Capaian per tahun",
        lebar=360,
        label_di_atas=True,
    )
    bukti = list(
        BuktiDukung.objects.filter(nilai__indikator=indikator)
        .select_related("nilai", "diunggah_oleh")
        .order_by("-nilai__tahun", "diunggah_pada", "pk")
    )
    linimasa = linimasa_status(indikator)
    for r in linimasa:
        r.dari_label = LABEL_STATUS.get(r.dari, r.dari) or "—"
        r.ke_label = LABEL_STATUS.get(r.ke, r.ke)
    sasaran = indikator.sasaran
    kembali = {"kegiatan": sasaran.kegiatan_id}
    if tahun_pilih:
        kembali["tahun"] = tahun_pilih
    if request.user.is_superuser or baca:
        kembali["satker"] = penetapan.satker.kode
    tahun_banding = tahun_pilih or penetapan.tahun_bawaan()
    banding = (
        banding_nasional(penetapan, tahun_banding, [indikator.pk]).get(indikator.pk)
        if indikator.induk_id
        else None
    )
    return render(
        request,
        "dasbor/indikator.html",
        {
            "indikator": indikator,
            "penetapan": penetapan,
            "sasaran": sasaran,
            "kegiatan": sasaran.kegiatan,
            "program": sasaran.kegiatan.program,
            "skala": skala,
            "baris": baris,
            "tahun_pilih": tahun_pilih,
            "grafik_nilai": grafik_nilai,
            "grafik_capaian": grafik_capaian,
            "bukti": bukti,
            "linimasa": linimasa,
            "perubahan": perubahan_nilai(indikator),
            "ada_analisis": any(
                n.analisis or n.kendala or n.tindak_lanjut for n in per_tahun.values()
            ),
            "url_kembali": tautan("dasbor", **kembali, jangkar="rincian"),
            "hanya_baca": baca,
            "banding": banding,
            "tahun_banding": tahun_banding,
            "boleh_hentikan": not baca
            and indikator.aktif
            and boleh(request.user, "hentikan_indikator"),
            "url_sebaran": tautan("rekap_indikator", indikator.pk, tahun=tahun_banding)
            if penetapan.satker.punya_bawahan and boleh(request.user, "baca_bawahan")
            else "",
        },
    )
