"""The documents of a satker-year (LAKIP, Perjanjian Kinerja, IKU, their Excel
twins), the narrative editor and the budget entry. Every logged-in user of the
satker may read and download; the Sekretaris and Admin write."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from indicators.akses import (
    boleh,
    penetapan_untuk,
    satker_untuk,
    tahun_laporan_untuk,
    wajib,
)
from indicators.angka import angka, baca_rupiah, bilangan_query
from indicators.models import (
    AnggaranKegiatan,
    Kegiatan,
    Konflik,
    NarasiLaporan,
    PenetapanIKU,
    StatusTahun,
    TahunKinerja,
    TahunTerkunci,
)
from indicators.tautan import tautan

from . import excel, narasi, pdf
from .giliran import tolak_bila_sibuk
from .selectors import singkat, susun_laporan, susun_laporan_triwulan, susun_rencana_aksi
from .services import IsianNarasi, anggaran_simpan, narasi_simpan, sidik_anggaran, sidik_teks

TRIWULAN = [(tw, f"TW {r}") for tw, r in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))]
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _berkas(isi: bytes, jenis: str, nama: str, lampiran: bool = False) -> HttpResponse:
    response = HttpResponse(isi, content_type=jenis)
    cara = "attachment" if lampiran else "inline"
    response["Content-Disposition"] = f'{cara}; filename="{nama}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _nama_berkas(judul: str, satker, tahun, akhiran: str) -> str:
    nama = singkat(satker.nama).replace(" ", "-")
    return f"{judul}-{tahun}-{nama}.{akhiran}"


@login_required
def laporan_daftar(request):
    satker = satker_untuk(request)
    daftar_penetapan = list(PenetapanIKU.objects.filter(satker=satker).order_by("-tahun_awal"))
    status = {tk.tahun: tk for tk in TahunKinerja.objects.filter(satker=satker).order_by("tahun")}
    kelompok = []
    for p in daftar_penetapan:
        tahun = [
            {"tahun": t, "tahun_kinerja": status.get(t), "triwulan": TRIWULAN}
            for t in sorted(p.daftar_tahun, reverse=True)
        ]
        kelompok.append({"penetapan": p, "tahun": tahun})
    return render(
        request,
        "laporan/daftar.html",
        {
            "satker": satker,
            "kelompok": kelompok,
            "boleh_menulis": boleh(request.user, "tulis_laporan"),
            "DISETUJUI": StatusTahun.DISETUJUI,
        },
    )


@login_required
@tolak_bila_sibuk
def lakip_pdf(request, tahun: int):
    penetapan, _ = tahun_laporan_untuk(request, tahun)
    isi = pdf.lakip_pdf(penetapan, tahun)
    return _berkas(isi, PDF, _nama_berkas("LAKIP", penetapan.satker, tahun, "pdf"))


@login_required
@tolak_bila_sibuk
def perjanjian_kinerja_pdf(request, tahun: int):
    penetapan, _ = tahun_laporan_untuk(request, tahun)
    isi = pdf.perjanjian_kinerja_pdf(penetapan, tahun)
    nama = _nama_berkas("Perjanjian-Kinerja", penetapan.satker, tahun, "pdf")
    return _berkas(isi, PDF, nama)


@login_required
@tolak_bila_sibuk
def iku_pdf(request):
    penetapan = penetapan_untuk(request, bilangan_query(request, "tahun"))
    nama = _nama_berkas("IKU", penetapan.satker, penetapan.periode.replace("–", "-"), "pdf")
    return _berkas(pdf.iku_pdf(penetapan), PDF, nama)


@login_required
def ikhtisar_xlsx(request, tahun: int):
    penetapan, _ = tahun_laporan_untuk(request, tahun)
    laporan = susun_laporan(penetapan, tahun, grafik_sasaran=False)
    nama = _nama_berkas("Ikhtisar", penetapan.satker, tahun, "xlsx")
    return _berkas(excel.ikhtisar_xlsx(laporan), XLSX, nama, lampiran=True)


@login_required
def pengukuran_xlsx(request, tahun: int):
    penetapan, _ = tahun_laporan_untuk(request, tahun)
    laporan = susun_laporan(penetapan, tahun, grafik_sasaran=False)
    nama = _nama_berkas("Pengukuran-Kinerja", penetapan.satker, tahun, "xlsx")
    return _berkas(excel.pengukuran_xlsx(laporan), XLSX, nama, lampiran=True)


# --- Rencana Aksi and the quarterly report ---------------------------------------------


def _triwulan_sah(triwulan: int) -> int:
    if triwulan not in (1, 2, 3, 4):
        raise Http404("Triwulan tidak dikenal.")
    return triwulan


@login_required
@tolak_bila_sibuk
def rencana_aksi_pdf(request, tahun: int):
    penetapan, _ = tahun_laporan_untuk(request, tahun)
    isi = pdf.rencana_aksi_pdf(penetapan, tahun)
    return _berkas(isi, PDF, _nama_berkas("Rencana-Aksi", penetapan.satker, tahun, "pdf"))


@login_required
def rencana_aksi_xlsx(request, tahun: int):
    penetapan, _ = tahun_laporan_untuk(request, tahun)
    dokumen = susun_rencana_aksi(penetapan, tahun)
    nama = _nama_berkas("Rencana-Aksi", penetapan.satker, tahun, "xlsx")
    return _berkas(excel.rencana_aksi_xlsx(dokumen), XLSX, nama, lampiran=True)


@login_required
@tolak_bila_sibuk
def laporan_triwulan_pdf(request, tahun: int, triwulan: int):
    triwulan = _triwulan_sah(triwulan)
    penetapan, _ = tahun_laporan_untuk(request, tahun)
    isi = pdf.laporan_triwulan_pdf(penetapan, tahun, triwulan)
    nama = _nama_berkas(f"Capaian-Kinerja-TW{triwulan}", penetapan.satker, tahun, "pdf")
    return _berkas(isi, PDF, nama)


@login_required
def laporan_triwulan_xlsx(request, tahun: int, triwulan: int):
    triwulan = _triwulan_sah(triwulan)
    penetapan, _ = tahun_laporan_untuk(request, tahun)
    dokumen = susun_laporan_triwulan(penetapan, tahun, triwulan)
    nama = _nama_berkas(f"Capaian-Kinerja-TW{triwulan}", penetapan.satker, tahun, "xlsx")
    return _berkas(excel.laporan_triwulan_xlsx(dokumen), XLSX, nama, lampiran=True)


# --- Narrative -------------------------------------------------------------------------


@login_required
def narasi_ubah(request, tahun: int):
    penetapan, tahun_kinerja = tahun_laporan_untuk(request, tahun)
    laporan = susun_laporan(penetapan, tahun, grafik_sasaran=False)
    draf = {(b.value, None): narasi.draf(b, laporan) for b in narasi.BAGIAN_UMUM}
    for blok in laporan.sasaran:
        draf[(NarasiLaporan.Bagian.SASARAN.value, blok.sasaran.pk)] = narasi.draf_sasaran(
            blok, laporan
        )
    tersimpan = {(b, None): teks for b, teks in laporan.narasi.items()}
    for blok in laporan.sasaran:
        if blok.catatan:
            tersimpan[(NarasiLaporan.Bagian.SASARAN.value, blok.sasaran.pk)] = blok.catatan
    bagian = [
        {"kunci": (b.value, None), "nama": f"bagian-{b.value}", "label": b.label}
        for b in narasi.BAGIAN_UMUM
    ]
    sasaran = [
        {
            "kunci": (NarasiLaporan.Bagian.SASARAN.value, blok.sasaran.pk),
            "nama": f"sasaran-{blok.sasaran.pk}",
            "label": f"Catatan Sasaran {blok.sasaran.kode}: {blok.sasaran.nama}",
        }
        for blok in laporan.sasaran
    ]
    for b in bagian + sasaran:
        b["tersimpan"] = b["kunci"] in tersimpan
        b["isi"] = tersimpan.get(b["kunci"]) or draf[b["kunci"]]
        b["tampil"] = sidik_teks(b["isi"])
        b["asal"] = sidik_teks(tersimpan.get(b["kunci"]))
    boleh_tulis = boleh(request.user, "tulis_laporan") and not tahun_kinerja.terkunci
    status = 200
    if request.method == "POST":
        wajib(request, "tulis_laporan")
        if tahun_kinerja.terkunci:
            raise PermissionDenied("Tahun ini sudah disetujui dan terkunci.")
        isian = {
            b["kunci"]: IsianNarasi(
                label=b["label"],
                teks=request.POST[b["nama"]],
                tampil=request.POST.get(f"tampil-{b['nama']}", ""),
                asal=request.POST.get(f"asal-{b['nama']}", ""),
            )
            for b in bagian + sasaran
            if b["nama"] in request.POST
        }
        try:
            narasi_simpan(
                satker=penetapan.satker, tahun=tahun, isian=isian, draf=draf, oleh=request.user
            )
        except (Konflik, ValidationError) as exc:
            messages.error(
                request, " ".join(exc.messages) if hasattr(exc, "messages") else str(exc)
            )
            status = 400 if isinstance(exc, ValidationError) else 409
            # The user's texts stay on the form; saving again knowingly replaces
            # the newer stored ones.
            for b in bagian + sasaran:
                if b["kunci"] in isian:
                    b["isi"] = isian[b["kunci"]].teks
                    b["tampil"] = isian[b["kunci"]].tampil
        else:
            # Each section has its own form: say which one was saved and come
            # back to it.
            dikirim = [b for b in bagian + sasaran if b["kunci"] in isian]
            if len(dikirim) == 1:
                messages.success(request, f"{dikirim[0]['label']} ({tahun}) disimpan.")
                return redirect(tautan("laporan_narasi", tahun, jangkar=dikirim[0]["nama"]))
            messages.success(request, f"Narasi laporan tahun {tahun} disimpan.")
            return redirect("laporan_narasi", tahun=tahun)
    return render(
        request,
        "laporan/narasi.html",
        {
            "tahun": tahun,
            "satker": penetapan.satker,
            "tahun_kinerja": tahun_kinerja,
            "bagian": bagian,
            "sasaran": sasaran,
            "boleh": boleh_tulis,
        },
        status=status,
    )


# --- Budget ------------------------------------------------------------------------------


@login_required
def anggaran_ubah(request, tahun: int):
    penetapan, tahun_kinerja = tahun_laporan_untuk(request, tahun)
    kegiatan = list(
        Kegiatan.objects.filter(program__penetapan=penetapan)
        .select_related("program")
        .order_by("program__urutan", "urutan")
    )
    per_pk = {k.pk: k for k in kegiatan}
    tersimpan = {
        a.kegiatan_id: a
        for a in AnggaranKegiatan.objects.filter(kegiatan__in=kegiatan, tahun=tahun)
    }
    boleh_tulis = boleh(request.user, "tulis_laporan") and not tahun_kinerja.terkunci
    status = 400
    kesalahan: list[str] = []
    masukan: dict[int, tuple[str, str]] = {}
    if request.method == "POST":
        wajib(request, "tulis_laporan")
        if tahun_kinerja.terkunci:
            raise PermissionDenied("Tahun ini sudah disetujui dan terkunci.")
        isian = {}
        for k in kegiatan:
            teks_pagu = request.POST.get(f"pagu-{k.pk}", "")
            teks_realisasi = request.POST.get(f"realisasi-{k.pk}", "")
            masukan[k.pk] = (teks_pagu, teks_realisasi)
            nilai = []
            for label, teks in (("Pagu", teks_pagu), ("Realisasi", teks_realisasi)):
                try:
                    nilai.append(baca_rupiah(teks))
                except ValueError as exc:
                    kesalahan.append(f"Kegiatan {k.kode}, kolom {label} (“{teks}”): {exc}")
                    nilai.append(None)
            isian[k.pk] = (*nilai, request.POST.get(f"asal-{k.pk}", "|"))
        if kesalahan:
            messages.error(request, "Anggaran belum disimpan; perbaiki isian berikut.")
        else:
            try:
                anggaran_simpan(
                    satker=penetapan.satker,
                    tahun=tahun,
                    isian=isian,
                    kegiatan=per_pk,
                    oleh=request.user,
                )
            except (Konflik, TahunTerkunci) as exc:
                messages.error(request, str(exc))
                status = 409
            else:
                messages.success(request, f"Anggaran tahun {tahun} disimpan.")
                return redirect("laporan_anggaran", tahun=tahun)

    baris = []
    total_pagu = total_realisasi = Decimal(0)
    for k in kegiatan:
        a = tersimpan.get(k.pk)
        if k.pk in masukan:
            pagu, realisasi = masukan[k.pk]
        else:
            pagu = angka(a.pagu, 0) if a and a.pagu is not None else ""
            realisasi = angka(a.realisasi, 0) if a and a.realisasi is not None else ""
        if a:
            total_pagu += a.pagu or 0
            total_realisasi += a.realisasi or 0
        baris.append(
            {
                "kegiatan": k,
                "pagu": pagu,
                "realisasi": realisasi,
                "tersimpan": a,
                "asal": request.POST.get(f"asal-{k.pk}")
                if k.pk in masukan and status != 409
                else sidik_anggaran(a.pagu if a else None, a.realisasi if a else None),
            }
        )
    return render(
        request,
        "laporan/anggaran.html",
        {
            "tahun": tahun,
            "satker": penetapan.satker,
            "tahun_kinerja": tahun_kinerja,
            "baris": baris,
            "kesalahan": kesalahan,
            "boleh": boleh_tulis,
            "total_pagu": total_pagu,
            "total_realisasi": total_realisasi,
            "url_laporan": reverse("laporan"),
        },
        status=200 if request.method == "GET" else status,
    )
