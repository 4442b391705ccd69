"""The report's narrative: drafts written from the data, which the Sekretaris
may keep, edit or replace, and the one safe way narrative text reaches a page.

Narrative is plain text: paragraphs separated by blank lines, list items
starting with "- ". It is always escaped; no markup a user typed survives.
"""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from indicators.angka import persen
from indicators.models import NarasiLaporan

from .selectors import BlokSasaran, Laporan

Bagian = NarasiLaporan.Bagian

# Sections edited as a whole (the per-Sasaran notes come on top of these).
BAGIAN_UMUM = [
    Bagian.KATA_PENGANTAR,
    Bagian.RINGKASAN,
    Bagian.LATAR_BELAKANG,
    Bagian.TUGAS_FUNGSI,
    Bagian.STRUKTUR,
    Bagian.ISU_STRATEGIS,
    Bagian.PENUTUP,
]


def ke_html(teks: str) -> SafeString:
    """Plain narrative text → escaped <p> and <ul> elements."""
    keluaran: list[str] = []
    # Consecutive lines of the same kind form one element: "p" lines join into a
    # paragraph, "li" lines into a list; a blank line ends both.
    kelompok: list[tuple[str, list[str]]] = []
    for baris in teks.replace("\r\n", "\n").split("\n"):
        baris = baris.strip()
        if not baris:
            kelompok.append(("", []))
            continue
        jenis, isi = ("li", baris[1:].strip()) if baris.startswith("- ") else ("p", baris)
        if not kelompok or kelompok[-1][0] != jenis:
            kelompok.append((jenis, []))
        kelompok[-1][1].append(isi)
    for jenis, isi in kelompok:
        if jenis == "p":
            keluaran.append(f"<p>{escape(' '.join(isi))}</p>")
        elif jenis == "li":
            keluaran.append("<ul>" + "".join(f"<li>{escape(b)}</li>" for b in isi) + "</ul>")
    return mark_safe("".join(keluaran))


def _satu_desimal(nilai: Decimal) -> str:
    return persen(nilai, 1)


def _arah(sekarang: Decimal | None, lalu: Decimal | None) -> str:
    if sekarang is None or lalu is None:
        return ""
    selisih = sekarang - lalu
    if abs(selisih) < Decimal("0.005"):
        return "sama dengan"
    return "naik dibandingkan" if selisih > 0 else "turun dibandingkan"


def kalimat_sebaran(laporan: Laporan) -> str:
    total = len(laporan.baris)
    bagian = [
        f"{n} ({_satu_desimal(Decimal(n) * 100 / total)}) berkategori {k.nama}"
        for k, n in laporan.sebaran
        if n and total
    ]
    if not bagian:
        return f"Dari {total} indikator kinerja, belum ada yang dapat diukur capaiannya."
    daftar = ", ".join(bagian[:-1]) + ", dan " + bagian[-1] if len(bagian) > 1 else bagian[0]
    kalimat = f"Dari {total} indikator kinerja, {daftar}."
    if laporan.belum_terukur:
        kalimat += (
            f" Sebanyak {laporan.belum_terukur} indikator belum dapat diukur karena target "
            "atau realisasinya belum tersedia."
        )
    return kalimat


def kalimat_tren(laporan: Laporan) -> str:
    sekarang = laporan.rata_rata
    if sekarang is None:
        return ""
    kalimat = (
        f"Capaian rata-rata seluruh indikator tahun {laporan.tahun} sebesar {persen(sekarang)}"
    )
    lalu_tahun = laporan.tahun - 1
    lalu = laporan.rata_rata_tahun(lalu_tahun) if lalu_tahun in laporan.tahun_banding else None
    if lalu is not None:
        kalimat += f", {_arah(sekarang, lalu)} tahun {lalu_tahun} ({persen(lalu)})"
    return kalimat + "."


def kalimat_sasaran_ekstrem(laporan: Laporan) -> str:
    terukur = [s for s in laporan.sasaran if s.rata_rata is not None]
    if len(terukur) < 2:
        return ""
    terbaik = max(terukur, key=lambda s: s.rata_rata)
    terlemah = min(terukur, key=lambda s: s.rata_rata)
    return (
        f"Sasaran dengan capaian tertinggi adalah {terbaik.sasaran.kode} "
        f"“{terbaik.sasaran.nama}” ({persen(terbaik.rata_rata)}), sedangkan yang terendah adalah "
        f"{terlemah.sasaran.kode} “{terlemah.sasaran.nama}” ({persen(terlemah.rata_rata)})."
    )


def _lemah(laporan: Laporan) -> list:
    batas = sorted(laporan.skala, key=lambda k: k.batas_bawah, reverse=True)
    # The two lowest bands (Kurang, Sangat Kurang on the default scale) need attention.
    lemah = {k.pk for k in batas[-2:]} if len(batas) >= 2 else set()
    return [b for b in laporan.baris if b.kategori and b.kategori.pk in lemah]


def draf(bagian: str, laporan: Laporan) -> str:
    """The application's draft of a whole-report section, written from the data."""
    nama = laporan.satker.nama
    tahun = laporan.tahun
    p = laporan.penetapan
    if bagian == Bagian.KATA_PENGANTAR:
        return (
            f"Laporan Kinerja {nama} Tahun {tahun} disusun sebagai wujud pertanggungjawaban "
            "atas pelaksanaan tugas dan fungsi serta pencapaian kinerja sebagaimana ditetapkan "
            f"dalam Perjanjian Kinerja Tahun {tahun}, sesuai Peraturan Presiden Nomor 29 Tahun "
            "2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah dan Peraturan Menteri "
            "PANRB Nomor 53 Tahun 2014.\n\n"
            f"Laporan ini menyajikan capaian {len(laporan.baris)} indikator kinerja kegiatan "
            f"yang ditetapkan dengan Keputusan Nomor {p.nomor}, beserta analisis, kendala dan "
            "tindak lanjutnya, serta realisasi anggaran per kegiatan.\n\n"
            "Semoga laporan ini bermanfaat sebagai bahan evaluasi dan perbaikan kinerja pada "
            "tahun berikutnya."
        )
    if bagian == Bagian.RINGKASAN:
        bagian_teks = [kalimat_sebaran(laporan), kalimat_tren(laporan)]
        bagian_teks.append(kalimat_sasaran_ekstrem(laporan))
        if laporan.persen_anggaran is not None:
            bagian_teks.append(
                f"Realisasi anggaran mencapai {persen(laporan.persen_anggaran)} dari pagu."
            )
        return " ".join(t for t in bagian_teks if t)
    if bagian == Bagian.LATAR_BELAKANG:
        return (
            f"{nama} merupakan penyelenggara pemilihan umum di tingkat "
            f"{laporan.satker.get_tingkat_display().lower()} yang wajib mempertanggungjawabkan "
            "kinerjanya sesuai Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP).\n\n"
            f"Indikator Kinerja Utama periode {p.periode} ditetapkan dengan Keputusan Nomor "
            f"{p.nomor} dan menjadi dasar Perjanjian Kinerja serta laporan kinerja ini."
        )
    if bagian == Bagian.TUGAS_FUNGSI:
        return (
            f"Sekretariat {nama} mempunyai tugas memberikan dukungan teknis dan administratif "
            "kepada KPU Kabupaten/Kota. Dalam melaksanakan tugas tersebut, Sekretariat "
            "menyelenggarakan fungsi:\n"
            "- penyusunan program, data dan informasi serta pelaksanaan anggaran;\n"
            "- fasilitasi teknis penyelenggaraan pemilu dan partisipasi masyarakat;\n"
            "- pelayanan hukum, pengawasan dan pengelolaan sumber daya manusia;\n"
            "- pengelolaan keuangan, umum dan logistik."
        )
    if bagian == Bagian.STRUKTUR:
        unit = sorted(
            {
                b.indikator.penanggung_jawab.nama
                for b in laporan.baris
                if b.indikator.penanggung_jawab
            }
        )
        teks = (
            f"Sekretariat {nama} dipimpin oleh seorang Sekretaris dan terdiri atas unit kerja "
            "berikut:"
        )
        if unit:
            teks += "\n" + "\n".join(f"- {u}" for u in unit)
        return teks
    if bagian == Bagian.ISU_STRATEGIS:
        lemah = _lemah(laporan)
        teks = (
            "Isu strategis yang dihadapi antara lain kesiapan penyelenggaraan tahapan pemilu "
            "dan pemilihan, kualitas data pemilih, serta akuntabilitas pengelolaan anggaran."
        )
        if lemah:
            teks += (
                f"\n\nPada tahun {tahun}, {len(lemah)} indikator masih berkategori rendah dan "
                "memerlukan perhatian:\n"
                + "\n".join(
                    f"- {b.indikator.kode} {b.indikator.nama} ({persen(b.capaian)})"
                    for b in lemah[:10]
                )
            )
        return teks
    if bagian == Bagian.PENUTUP:
        teks = (
            f"Laporan Kinerja Tahun {tahun} ini menggambarkan capaian kinerja {nama}. "
            f"{kalimat_sebaran(laporan)} {kalimat_tren(laporan)}"
        ).strip()
        # Several indicators often share one follow-up; list each once.
        tindak = list(
            dict.fromkeys(
                b.nilai.tindak_lanjut.strip()
                for b in laporan.baris
                if b.nilai and b.nilai.tindak_lanjut.strip()
            )
        )
        teks += "\n\nLangkah perbaikan pada tahun berikutnya:"
        if tindak:
            teks += "\n" + "\n".join(f"- {t}" for t in tindak[:8])
        else:
            teks += (
                "\n- meningkatkan pemantauan capaian secara triwulanan;"
                "\n- memperbaiki kualitas data dukung setiap indikator."
            )
        return teks
    return ""


def draf_sasaran(blok: BlokSasaran, laporan: Laporan) -> str:
    """The draft note on one Sasaran: its indicators, average, category and trend."""
    if blok.rata_rata is None:
        return (
            f"Sasaran ini diukur dengan {len(blok.baris)} indikator; capaiannya belum dapat "
            f"dihitung untuk tahun {laporan.tahun}."
        )
    teks = (
        f"Sasaran ini diukur dengan {len(blok.baris)} indikator dengan capaian rata-rata "
        f"{persen(blok.rata_rata)}"
    )
    if blok.kategori:
        teks += f" (kategori {blok.kategori.nama})"
    if blok.rata_rata_lalu is not None:
        teks += f", {_arah(blok.rata_rata, blok.rata_rata_lalu)} tahun {laporan.tahun - 1} "
        teks += f"({persen(blok.rata_rata_lalu)})"
    teks += "."
    belum = [b for b in blok.baris if b.capaian is not None and b.capaian < 100]
    if belum:
        teks += " Indikator yang belum mencapai target:\n" + "\n".join(
            f"- {b.indikator.nama} ({persen(b.capaian)})" for b in belum
        )
    return teks


def teks_bagian(bagian: str, laporan: Laporan) -> str:
    """The saved text of a section, or the draft when nothing was saved."""
    return laporan.narasi.get(bagian) or draf(bagian, laporan)


def teks_sasaran(blok: BlokSasaran, laporan: Laporan) -> str:
    return blok.catatan or draf_sasaran(blok, laporan)
