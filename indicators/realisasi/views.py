"""The realisation grid of one year, the server's capaian for a typed value,
and the page of one indicator-year (evidence, review timeline, change history)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from .. import jadwal
from .. import periode as pr
from ..akses import (
    boleh,
    boleh_hapus_bukti,
    nilai_untuk,
    penetapan_untuk,
    tindakan_nilai,
    wajib,
)
from ..angka import baca_angka, persen
from ..hierarki import susun_hierarki
from ..models import (
    BuktiDukung,
    Indikator,
    Konflik,
    NilaiIndikator,
    RiwayatStatus,
    SkalaKategori,
    StatusReviu,
    StatusTahun,
    TahunKinerja,
    TahunTerkunci,
    kategori_untuk,
    penjelasan_kurang,
    teks_penjelasan_kurang,
)
from ..reviu.selectors import ringkasan_persetujuan
from ..riwayat import perubahan_nilai
from ..sesi import sisa_sesi
from ..tautan import jangkar_indikator, tautan, tautan_indikator, tautan_nilai
from .services import (
    KOLOM_TEKS,
    SARINGAN,
    DiLuarJadwal,
    baca_baris_realisasi,
    baris_dari_nilai,
    baris_harus_tampil,
    cocok_saringan,
    nilai_simpan_realisasi,
)


@login_required
@require_GET
def realisasi_bawaan(request):
    wajib(request, "lihat")
    penetapan = penetapan_untuk(request)
    return redirect("realisasi", tahun=penetapan.tahun_bawaan())


def _periode_dari_kode(kode: str) -> tuple[str, int]:
    periode = pr.dari_kode_url(kode)
    if periode is None:
        raise Http404("Periode tidak dikenal.")
    return periode


def _baris_realisasi(
    request, penetapan, tahun: int, tahun_kinerja, data=None, periode=None, jendela=None
) -> tuple[list, list]:
    """The grid's indicators and rows: the year's (periode None) or those of the
    indicators measured in one period (periode: (periode_ukur, slot))."""
    indikator = list(
        Indikator.objects.dari_penetapan(penetapan)
        .berlaku(tahun)  # a retired indicator is not entered after its year
        .dengan_hierarki()
        .dengan_nilai(tahun, tahun - 1)
    )
    triwulan = periode[1] if periode else 0
    nilai_ini, konteks = {}, {}
    if periode is None:
        for item in indikator:
            nilai_ini[item.pk] = item.nilai_pada(tahun)
            lalu = item.nilai_pada(tahun - 1)
            item.realisasi_lalu = lalu.realisasi if lalu else None
    else:
        indikator = [i for i in indikator if i.periode_ukur == periode[0]]
        per_periode = NilaiIndikator.objects.per_periode(indikator, [tahun, tahun - 1])
        for item in indikator:
            ada = per_periode.get((item.pk, tahun), {})
            n = ada.get(triwulan)
            if n is not None:
                n.indikator = item
            nilai_ini[item.pk] = n
            lalu = per_periode.get((item.pk, tahun - 1), {}).get(triwulan)
            item.realisasi_lalu = lalu.realisasi if lalu else None
            item.tahunan_ini = item.nilai_pada(tahun)
            sebelum = [ada.get(s) for s in item.slot_periode if s < triwulan]
            konteks[item.pk] = {
                "sebelum": [(p.target, p.realisasi) if p else (None, None) for p in sebelum],
                "pesan_terlambat": (
                    jadwal.pesan_terlambat(pr.nama_periode(periode[0], triwulan), jendela)
                    if jendela.lewat_batas
                    else ""
                ),
            }
    id_nilai = [n.pk for n in nilai_ini.values() if n is not None]
    jumlah_bukti = dict(
        BuktiDukung.objects.filter(nilai_id__in=id_nilai)
        .values("nilai_id")
        .annotate(n=Count("pk"))
        .values_list("nilai_id", "n")
    )
    baris = []
    for item in indikator:
        nilai = nilai_ini[item.pk]
        tindakan = tindakan_nilai(request.user, nilai, item, tahun_kinerja, triwulan)
        if jendela is not None and jendela.belum_buka:
            tindakan.discard("ubah")
        ctx = konteks.get(item.pk)
        if data is None:
            b = baris_dari_nilai(item, nilai, "ubah" in tindakan, ctx)
        else:
            b = baca_baris_realisasi(data, item, nilai, "ubah" in tindakan, ctx)
        b.tindakan = tindakan
        b.jumlah_bukti = jumlah_bukti.get(nilai.pk, 0) if nilai else 0
        if periode is None and item.berperiode:
            b.url_periode = reverse(
                "realisasi_periode",
                args=[tahun, pr.kode_url(item.periode_ukur, item.slot_periode[0])],
            )
        item.baris = b
        baris.append(b)
    return indikator, baris


def _ringkas_status(baris) -> dict:
    hitung = {s.value: 0 for s in StatusReviu}
    hitung["kosong"] = 0
    for b in baris:
        if b.nilai is None:
            hitung["kosong"] += 1
        else:
            hitung[b.nilai.status] += 1
    return hitung


def _tab_periode(tahun: int, jenis: set[str], aktif: str, jendela: dict) -> list[dict]:
    """Tahunan | TW I … TW IV | S I | S II, as the decree's indicators need."""
    tab = [{"label": "Tahunan", "url": reverse("realisasi", args=[tahun]), "aktif": aktif == ""}]
    for periode_ukur in (pr.TRIWULANAN, pr.SEMESTERAN):
        if periode_ukur not in jenis:
            continue
        for s in pr.slot(periode_ukur):
            kode = pr.kode_url(periode_ukur, s)
            tab.append(
                {
                    "label": pr.singkatan_periode(periode_ukur, s),
                    "judul": f"{pr.nama_periode(periode_ukur, s)}: {jendela[s].teks_sisa()}",
                    "url": reverse("realisasi_periode", args=[tahun, kode]),
                    "aktif": aktif == kode,
                    "belum_buka": jendela[s].belum_buka,
                }
            )
    return tab


@login_required
def realisasi(request, tahun: int):
    return _halaman_realisasi(request, tahun, None)


@login_required
def realisasi_periode(request, tahun: int, kode: str):
    return _halaman_realisasi(request, tahun, _periode_dari_kode(kode))


def _halaman_realisasi(request, tahun: int, periode):
    wajib(request, "lihat")
    penetapan = penetapan_untuk(request, tahun)
    satker = penetapan.satker
    tahun_kinerja = TahunKinerja.objects.baca(satker, tahun)
    skala = SkalaKategori.objects.daftar()
    cari = request.GET.get("cari", "").strip()[:100]
    saring = request.GET.get("saring", "")
    if saring not in SARINGAN:
        saring = ""
    jendela_semua = jadwal.jendela_tahun(satker, tahun)
    triwulan = periode[1] if periode else 0
    jendela = jendela_semua[triwulan] if periode else None
    kode = pr.kode_url(*periode) if periode else ""
    if request.method == "POST":
        wajib(request, "isi_realisasi")
        indikator, baris = _baris_realisasi(
            request, penetapan, tahun, tahun_kinerja, request.POST, periode, jendela
        )
        galat = [b for b in baris if b.galat]
        if tahun_kinerja.status != StatusTahun.DRAF:
            messages.error(request, str(TahunTerkunci(tahun, tahun_kinerja.status)))
        elif galat:
            pass  # listed, each row linked, above the grid (daftar_galat)
        else:
            try:
                jumlah = nilai_simpan_realisasi(
                    satker=satker,
                    tahun=tahun,
                    pengguna=request.user,
                    baris=baris,
                    triwulan=triwulan,
                )
            except (TahunTerkunci, DiLuarJadwal) as exc:
                messages.error(request, " ".join(exc.messages))
            except Konflik as exc:
                messages.error(request, str(exc))
                _tandai_konflik(exc.indikator, baris, tahun, triwulan)
            else:
                messages.success(request, f"Tersimpan: {jumlah} indikator diperbarui.")
                if periode:
                    return redirect(
                        tautan("realisasi_periode", tahun, kode, cari=cari, saring=saring)
                    )
                return redirect(tautan("realisasi", tahun, cari=cari, saring=saring))
        status = 400 if galat else 409
    else:
        indikator, baris = _baris_realisasi(
            request, penetapan, tahun, tahun_kinerja, None, periode, jendela
        )
        galat = []
        status = 200
    for b in baris:
        if periode is None and b.indikator.berperiode:
            b.capaian = b.nilai.capaian if b.nilai else None
        else:
            b.capaian = b.capaian_isian
        b.kategori = kategori_untuk(b.capaian, skala)
        b.cocok = cocok_saringan(b, cari, saring, b.jumlah_bukti)
        b.paksa = not b.cocok and baris_harus_tampil(b)
        b.tampil = b.cocok or b.paksa
    hierarki = susun_hierarki(indikator)
    _tandai_kelompok_tampil(hierarki)
    nama_periode = pr.nama_periode(*periode) if periode else ""
    singkat = pr.singkatan_periode(*periode) if periode else ""
    tbody = render_to_string(
        "realisasi/_tbody.jinja",
        {"hierarki": hierarki, "skala": skala, "tahun": tahun, "periode": singkat},
        using="jinja2",
    )
    jenis = set(
        Indikator.objects.dari_penetapan(penetapan)
        .exclude(periode_ukur=pr.TAHUNAN)
        .values_list("periode_ukur", flat=True)
        .distinct()
        .order_by()
    )
    return render(
        request,
        "realisasi/entri.html",
        {
            "penetapan": penetapan,
            "satker": satker,
            "tahun": tahun,
            "tahun_kinerja": tahun_kinerja,
            "daftar_tahun": penetapan.daftar_tahun,
            "tbody": mark_safe(tbody),  # the output of our own (autoescaping) template
            # Not shown by the page (the rows are in tbody); the test client only
            # records Django templates' contexts, and the tests read the rows here.
            "hierarki": hierarki,
            "jumlah_indikator": len(indikator),
            "cari": cari,
            "saring": saring,
            "saringan": SARINGAN,
            "jumlah_tampil": sum(1 for b in baris if b.tampil),
            "jumlah_paksa": sum(1 for b in baris if b.paksa),
            "daftar_galat": _daftar_galat(galat),
            "kunci_simpanan": f"entri:{request.user.pk}:{satker.kode}:{tahun}{':' + kode if kode else ''}",
            "sisa_sesi": sisa_sesi(request),
            "ada_isian": any(b.boleh_ubah for b in baris),
            "ringkas": _ringkas_status(baris),
            "boleh_ajukan": any("ajukan" in b.tindakan for b in baris),
            "boleh_verifikasi": any("verifikasi" in b.tindakan for b in baris),
            "boleh_ajukan_tahun": boleh(request.user, "ajukan_tahun"),
            "boleh_setujui_tahun": boleh(request.user, "setujui_tahun"),
            "ringkasan_persetujuan": (
                ringkasan_persetujuan(penetapan, tahun)
                if boleh(request.user, "setujui_tahun") and tahun_kinerja.status == "diajukan"
                else []
            ),
            "boleh_buka_kunci": boleh(request.user, "buka_kunci"),
            "tab_periode": _tab_periode(tahun, jenis, kode, jendela_semua) if jenis else [],
            "periode": kode,
            "nama_periode": nama_periode,
            "singkatan_periode": singkat,
            "jendela": jendela,
            "diukur_per": (
                ("semester" if periode[0] == pr.SEMESTERAN else "triwulan") if periode else ""
            ),
            "ada_berperiode": periode is None and any(i.berperiode for i in indikator),
            "capaian_url": (
                reverse("realisasi_periode_capaian", args=[tahun, kode])
                if periode
                else reverse("realisasi_capaian", args=[tahun])
            ),
        },
        status=status,
    )


def _tandai_kelompok_tampil(hierarki: list[dict]) -> None:
    """A Program, Kegiatan or Sasaran heading shows while one of its rows does."""
    for program in hierarki:
        for kegiatan in program["kegiatan"]:
            for sasaran in kegiatan["sasaran"]:
                sasaran["tampil"] = any(i.baris.tampil for i in sasaran["indikator"])
            kegiatan["tampil"] = any(s["tampil"] for s in kegiatan["sasaran"])
        program["tampil"] = any(k["tampil"] for k in program["kegiatan"])


def _daftar_galat(galat: list) -> list[dict]:
    """Each row in error with a link to it and what is wrong, for the list
    above the grid."""
    label = {"realisasi": "Realisasi", **KOLOM_TEKS, "alasan_terlambat": "Alasan terlambat"}
    return [
        {
            "kode": b.indikator.kode,
            "nama": b.indikator.nama,
            "jangkar": "#" + jangkar_indikator(b.indikator.pk),
            "masalah": "; ".join(f"{label.get(k, k)}: {v}" for k, v in b.galat.items()),
        }
        for b in galat
    ]


def _tandai_konflik(indikator_konflik, baris, tahun: int, triwulan: int = 0) -> None:
    """Show the newer stored value next to each conflicting row and take its
    version, so saving again knowingly replaces it."""
    ids = {i.pk for i in indikator_konflik}
    terbaru = {
        n.indikator_id: n
        for n in NilaiIndikator.objects.filter(
            indikator_id__in=ids, tahun=tahun, triwulan=triwulan
        ).select_related("diubah_oleh")
    }
    for b in baris:
        if b.indikator.pk in ids:
            n = terbaru.get(b.indikator.pk)
            b.konflik = n
            b.versi = n.versi if n else None
            b.galat.setdefault("realisasi", "Diubah orang lain; lihat nilai terbaru di bawah.")


@login_required
@require_GET
def realisasi_capaian(request, tahun: int):
    """The server's capaian and kategori for a typed realisasi (the page's
    script shows these; the server's computation is the authority)."""
    return _jawab_capaian(request, tahun, None)


@login_required
@require_GET
def realisasi_periode_capaian(request, tahun: int, kode: str):
    """As realisasi_capaian, for a period: capaian so far in the year."""
    return _jawab_capaian(request, tahun, _periode_dari_kode(kode))


def _jawab_capaian(request, tahun: int, periode):
    wajib(request, "lihat")
    penetapan = penetapan_untuk(request, tahun)
    try:
        pk = int(request.GET.get("indikator", ""))
    except ValueError as exc:
        raise Http404("Indikator tidak ditemukan.") from exc
    indikator = Indikator.objects.dari_penetapan(penetapan).filter(pk=pk).first()
    if indikator is None or (periode and indikator.periode_ukur != periode[0]):
        raise Http404("Indikator tidak ditemukan.")
    if periode is None:
        nilai = NilaiIndikator.objects.filter(indikator=indikator, tahun=tahun, triwulan=0).first()
        b = baris_dari_nilai(indikator, nilai, False)
    else:
        ada = NilaiIndikator.objects.per_periode([indikator], [tahun]).get(
            (indikator.pk, tahun), {}
        )
        sebelum = [ada.get(s) for s in indikator.slot_periode if s < periode[1]]
        b = baris_dari_nilai(
            indikator,
            ada.get(periode[1]),
            False,
            {"sebelum": [(p.target, p.realisasi) if p else (None, None) for p in sebelum]},
        )
    try:
        b.realisasi = baca_angka(request.GET.get("realisasi", ""))
    except ValueError as exc:
        return JsonResponse({"galat": str(exc), "capaian": "—", "kategori": "", "kelas": ""})
    capaian = b.capaian_isian
    kategori = kategori_untuk(capaian, SkalaKategori.objects.daftar())
    return JsonResponse(
        {
            "galat": "",
            "capaian": persen(capaian),
            "kategori": kategori.nama if kategori else "",
            "kelas": f"kategori-{kategori.pk}" if kategori else "",
            "perlu_analisis": capaian is not None and capaian > 100,
            # The explanation fields this result needs (NilaiIndikator.penjelasan_kurang
            # with every field empty); the page checks which are still empty.
            "perlu": penjelasan_kurang(capaian, "", "", ""),
            "pesan_perlu": teks_penjelasan_kurang(capaian, penjelasan_kurang(capaian, "", "", "")),
            "janggal": b.janggal,
            "sesi_sisa": sisa_sesi(request),
        }
    )


@login_required
@require_GET
def nilai_detail(request, pk: int):
    wajib(request, "lihat")
    nilai = nilai_untuk(request, pk)
    indikator = nilai.indikator
    tahun_kinerja = TahunKinerja.objects.baca(indikator.satker, nilai.tahun)
    bukti = list(nilai.bukti.select_related("diunggah_oleh"))
    for b in bukti:
        b.nilai = nilai
        b.boleh_hapus = boleh_hapus_bukti(request.user, b, tahun_kinerja)
    skala = SkalaKategori.objects.daftar()
    tindakan = tindakan_nilai(request.user, nilai, indikator, tahun_kinerja)
    return render(
        request,
        "realisasi/nilai.html",
        {
            "nilai": nilai,
            "indikator": indikator,
            "tahun_kinerja": tahun_kinerja,
            "bukti": bukti,
            "kategori": kategori_untuk(nilai.capaian, skala),
            "linimasa": list(
                RiwayatStatus.objects.filter(nilai=nilai).select_related("oleh").order_by("pada")
            ),
            "perubahan": [
                p
                for p in perubahan_nilai(indikator)
                if p.tahun == nilai.tahun and p.triwulan == nilai.triwulan
            ],
            "tindakan": tindakan,
            "periode_tahun": _periode_tahun(nilai, indikator),
            "url_grid": tautan_nilai(nilai),
            "tahunan": (
                NilaiIndikator.objects.filter(
                    indikator=indikator, tahun=nilai.tahun, triwulan=0
                ).first()
                if nilai.triwulan
                else nilai
            ),
        },
    )


def _periode_tahun(nilai, indikator) -> list[dict]:
    """The periods of an indicator-year measured per period, for its page."""
    if not indikator.berperiode:
        return []
    ada = NilaiIndikator.objects.per_periode([indikator], [nilai.tahun]).get(
        (indikator.pk, nilai.tahun), {}
    )
    hasil = []
    for s in indikator.slot_periode:
        n = ada.get(s)
        if n is not None:
            n.indikator = indikator
        hasil.append(
            {
                "nama": pr.nama_periode(indikator.periode_ukur, s),
                "nilai": n,
                "ini": n is not None and n.pk == nilai.pk,
                "url_grid": tautan_indikator(
                    nilai.tahun, indikator.pk, periode=pr.kode_url(indikator.periode_ukur, s)
                ),
            }
        )
    return hasil
