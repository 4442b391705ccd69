"""Charts drawn on the server as SVG: the same code draws them on the dashboard
and in the PDF report, which runs no JavaScript. Labels use Indonesian number
formats; a category is always written out, so colour is never the only cue.

Each function returns a SafeString holding one <svg> element. Pair every chart
with a table in the page (the table alternative).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from indicators.angka import angka, persen

FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'
ABU = "#9ca3af"
WARNA_SERI = ["#7f1d1d", "#2563eb", "#15803d", "#ca8a04", "#6b21a8"]


@dataclass
class Batang:
    label: str
    nilai: Decimal | None
    warna: str = "#7f1d1d"
    keterangan: str = ""  # e.g. the kategori name, written after the value
    url: str = ""


@dataclass
class Seri:
    nama: str
    nilai: list[Decimal | None]
    warna: str = ""
    putus: bool = False  # dashed line (e.g. targets)
    bentuk: str = "garis"  # "garis" or "batang"
    extra: dict = field(default_factory=dict)


def _potong(teks: str, panjang: int) -> str:
    """At most `panjang` characters, cut between words (a single word longer
    than that is the only thing cut inside)."""
    if len(teks) <= panjang:
        return teks
    potong = teks[: panjang - 1]
    if " " in potong and not teks[panjang - 1].isspace():
        potong = potong.rsplit(" ", 1)[0]
    return potong.rstrip(" ,.;:–-") + "…"


def _baris_label(teks: str, panjang: int, maks_baris: int = 3) -> list[str]:
    """A label broken between words into at most `maks_baris` lines of about
    `panjang` characters; what does not fit ends in “…” after a whole word."""
    baris: list[str] = []
    sisa = teks.split()
    while sisa and len(baris) < maks_baris:
        kini = sisa.pop(0)
        while sisa and len(kini) + 1 + len(sisa[0]) <= panjang:
            kini += " " + sisa.pop(0)
        baris.append(kini)
    if sisa:
        baris[-1] = _potong(baris[-1] + " " + " ".join(sisa), panjang)
    return [_potong(b, panjang) for b in baris] or [""]


def skala_atas(maks: Decimal) -> Decimal:
    """A round upper bound for an axis: 100 for percentages up to 100, else a nice number."""
    if maks <= 0:
        return Decimal(1)
    for batas in (1, 2, 5, 10, 20, 25, 50, 100, 120, 150, 200, 250, 500, 1000):
        if maks <= batas:
            return Decimal(batas)
    langkah = Decimal(10) ** (len(str(int(maks))) - 1)
    return ((maks // langkah) + 1) * langkah


def batang_horizontal(
    data: list[Batang],
    judul: str,
    lebar: int = 640,
    maks: Decimal | None = None,
    satuan: str = "%",
    label_di_atas: bool = False,
) -> SafeString:
    """Horizontal bars, one per row: label on the left, bar, value and category.

    With `label_di_atas` each label gets its own line above its bar, so a
    narrow chart (a phone screen) keeps long names readable and bars wide."""
    tinggi_baris, kiri, kanan, atas = 30, 230, 150, 8
    tinggi_label = 15  # one line of a label above its bar
    label = [[_potong(b.label, 30)] for b in data]
    if label_di_atas:
        tinggi_baris, kiri, kanan = 28, 16, 160
        # About 8 px a character at font-size 12 leaves room for wider fonts.
        label = [_baris_label(b.label, max(20, lebar // 8)) for b in data]
    tinggi_per_data = [
        tinggi_baris + (tinggi_label * len(baris) if label_di_atas else 0) for baris in label
    ]
    tinggi = atas + sum(tinggi_per_data) + (0 if data else tinggi_baris) + 24
    ada = [b.nilai for b in data if b.nilai is not None]
    batas = maks if maks is not None else skala_atas(max([Decimal(100), *ada]))
    area = lebar - kiri - kanan
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi}" '
        f'width="100%" role="img" aria-label="{escape(judul)}" class="grafik" {FONT} font-size="12">',
        f"<title>{escape(judul)}</title>",
    ]
    for langkah in range(0, 5):
        nilai = batas * langkah / 4
        x = kiri + area * langkah / 4
        bagian.append(
            f'<line x1="{x:.1f}" y1="{atas}" x2="{x:.1f}" y2="{tinggi - 20}" stroke="#e5e7eb"/>'
            f'<text x="{x:.1f}" y="{tinggi - 6}" text-anchor="middle" fill="#6b7280">'
            f"{escape(angka(nilai, 0))}{escape(satuan)}</text>"
        )
    if satuan == "%" and batas >= 100:
        x100 = kiri + area * float(Decimal(100) / batas) if batas else kiri
        if batas >= 100:
            bagian.append(
                f'<line x1="{x100:.1f}" y1="{atas}" x2="{x100:.1f}" y2="{tinggi - 20}" '
                f'stroke="#374151" stroke-dasharray="3 3"/>'
            )
    y_berikut = atas
    for i, b in enumerate(data):
        y = y_berikut
        y_berikut += tinggi_per_data[i]
        if label_di_atas:
            baris = "".join(
                f'<tspan x="{kiri - 12}" y="{y + 13 + tinggi_label * j}">{escape(t)}</tspan>'
                for j, t in enumerate(label[i])
            )
            isi = f'<text fill="#1f2937"><title>{escape(b.label)}</title>{baris}</text>'
            y += tinggi_label * len(label[i]) - 2
        else:
            isi = (
                f'<text x="{kiri - 8}" y="{y + 19}" text-anchor="end" fill="#1f2937">'
                f"<title>{escape(b.label)}</title>{escape(label[i][0])}</text>"
            )
        if b.nilai is None:
            isi += f'<text x="{kiri + 4}" y="{y + 19}" fill="#6b7280">belum ada data</text>'
        else:
            panjang = max(0.0, min(float(b.nilai / batas), 1.0)) * area
            teks_nilai = persen(b.nilai) if satuan == "%" else angka(b.nilai)
            ket = f" · {b.keterangan}" if b.keterangan else ""
            isi += (
                f'<rect x="{kiri}" y="{y + 6}" width="{panjang:.1f}" height="18" rx="3" '
                f'fill="{escape(b.warna)}"/>'
                f'<text x="{kiri + panjang + 6:.1f}" y="{y + 19}" fill="#111827">'
                f"{escape(teks_nilai)}{escape(ket)}</text>"
            )
        if b.url:
            # The whole row is the link's target, not only its text and bar.
            sasaran = (
                f'<rect x="0" y="{y_berikut - tinggi_per_data[i]}" width="{lebar}" '
                f'height="{tinggi_per_data[i]}" fill="transparent" class="sasaran-klik"/>'
            )
            isi = f'<a href="{escape(b.url)}">{sasaran}{isi}</a>'
        bagian.append(isi)
    bagian.append("</svg>")
    return mark_safe("".join(bagian))


def tren(
    label_x: list[str],
    seri: list[Seri],
    judul: str,
    lebar: int = 640,
    tinggi: int = 260,
    satuan: str = "",
) -> SafeString:
    """Values over the years: lines (dashed for targets) and/or grouped bars,
    with a legend. Missing values leave a gap, never a zero."""
    # The top margin leaves room for the legend above the value labels of a 100% point.
    kiri, kanan, atas, bawah = 56, 16, 44, 34
    area_l, area_t = lebar - kiri - kanan, tinggi - atas - bawah
    semua = [v for s in seri for v in s.nilai if v is not None]
    batas = skala_atas(max(semua)) if semua else Decimal(100)
    n = max(len(label_x), 1)
    lebar_kolom = area_l / n

    def y_dari(v: Decimal) -> float:
        return atas + area_t - float(v / batas) * area_t

    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi}" '
        f'width="100%" role="img" aria-label="{escape(judul)}" class="grafik" {FONT} font-size="12">',
        f"<title>{escape(judul)}</title>",
    ]
    for langkah in range(0, 5):
        nilai = batas * langkah / 4
        y = y_dari(nilai)
        bagian.append(
            f'<line x1="{kiri}" y1="{y:.1f}" x2="{lebar - kanan}" y2="{y:.1f}" stroke="#e5e7eb"/>'
            f'<text x="{kiri - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#6b7280">'
            f"{escape(angka(nilai, 0 if batas >= 4 else 1))}{escape(satuan)}</text>"
        )
    for i, label in enumerate(label_x):
        x = kiri + lebar_kolom * (i + 0.5)
        bagian.append(
            f'<text x="{x:.1f}" y="{tinggi - bawah + 18}" text-anchor="middle" fill="#374151">'
            f"{escape(label)}</text>"
        )
    batang_seri = [s for s in seri if s.bentuk == "batang"]
    lebar_batang = lebar_kolom * 0.7 / max(len(batang_seri), 1)
    for urut, s in enumerate(seri):
        warna = escape(s.warna or WARNA_SERI[urut % len(WARNA_SERI)])
        if s.bentuk == "batang":
            j = batang_seri.index(s)
            for i, v in enumerate(s.nilai):
                if v is None:
                    continue
                x = kiri + lebar_kolom * i + lebar_kolom * 0.15 + j * lebar_batang
                y = y_dari(v)
                bagian.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{lebar_batang - 2:.1f}" '
                    f'height="{atas + area_t - y:.1f}" fill="{warna}">'
                    f"<title>{escape(s.nama)} {escape(label_x[i])}: {escape(angka(v))}</title></rect>"
                )
            continue
        segmen: list[list[tuple[float, float, Decimal]]] = [[]]
        for i, v in enumerate(s.nilai):
            if v is None:
                segmen.append([])
                continue
            segmen[-1].append((kiri + lebar_kolom * (i + 0.5), y_dari(v), v))
        putus = ' stroke-dasharray="6 4"' if s.putus else ""
        for titik in segmen:
            if len(titik) > 1:
                jalur = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in titik)
                bagian.append(
                    f'<polyline points="{jalur}" fill="none" stroke="{warna}" stroke-width="2.5"{putus}/>'
                )
            for x, y, v in titik:
                bagian.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{warna}">'
                    f"<title>{escape(s.nama)}: {escape(angka(v))}</title></circle>"
                )
                if not s.putus:  # value labels on solid series only, so they don't collide
                    teks = angka(v, 2) if satuan == "%" else angka(v)
                    # Below the point when asked (e.g. a reference line runs just above).
                    y_teks = y + 18 if s.extra.get("label_bawah") else y - 9
                    bagian.append(
                        f'<text x="{x:.1f}" y="{y_teks:.1f}" text-anchor="middle" font-size="11" '
                        f'fill="#111827">{escape(teks)}</text>'
                    )
    x_legenda = kiri
    for urut, s in enumerate(seri):
        warna = escape(s.warna or WARNA_SERI[urut % len(WARNA_SERI)])
        putus = ' stroke-dasharray="6 4"' if s.putus else ""
        if s.bentuk == "batang":
            simbol = f'<rect x="{x_legenda}" y="8" width="14" height="12" fill="{warna}"/>'
        else:
            simbol = (
                f'<line x1="{x_legenda}" y1="14" x2="{x_legenda + 18}" y2="14" stroke="{warna}" '
                f'stroke-width="2.5"{putus}/>'
            )
        bagian.append(
            f'{simbol}<text x="{x_legenda + 22}" y="18" fill="#374151">{escape(s.nama)}</text>'
        )
        x_legenda += 34 + 7 * len(s.nama)
    bagian.append("</svg>")
    return mark_safe("".join(bagian))


def kotak(
    nilai: list[Decimal],
    judul: str,
    q1: Decimal,
    median: Decimal,
    q3: Decimal,
    lebar: int = 640,
    satuan: str = "%",
    tanda: Decimal | None = None,
    label_tanda: str = "",
) -> SafeString:
    """A box plot on one horizontal axis: every value a dot, the box from the
    first to the third quartile, the median a thick line, whiskers to the
    lowest and highest value, the 100% line dashed and, with `tanda`, one value
    marked and named (e.g. the satker itself). Values and quartiles are
    written below, so the chart reads without seeing the dots."""
    kiri, kanan, atas = 16, 16, 28
    tinggi = 120
    batas = skala_atas(max([Decimal(100), *nilai]))
    area = lebar - kiri - kanan

    def x(v: Decimal) -> float:
        return kiri + area * max(0.0, min(float(v / batas), 1.0))

    tengah = atas + 24
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi}" '
        f'width="100%" role="img" aria-label="{escape(judul)}" class="grafik" {FONT} font-size="12">',
        f"<title>{escape(judul)}</title>",
    ]
    for langkah in range(0, 5):
        v = batas * langkah / 4
        bagian.append(
            f'<line x1="{x(v):.1f}" y1="{atas - 8}" x2="{x(v):.1f}" y2="{tinggi - 24}" '
            f'stroke="#e5e7eb"/><text x="{x(v):.1f}" y="{tinggi - 8}" text-anchor="middle" '
            f'fill="#6b7280">{escape(angka(v, 0))}{escape(satuan)}</text>'
        )
    if batas >= 100:
        bagian.append(
            f'<line x1="{x(Decimal(100)):.1f}" y1="{atas - 8}" x2="{x(Decimal(100)):.1f}" '
            f'y2="{tinggi - 24}" stroke="#374151" stroke-dasharray="3 3"/>'
        )
    if nilai:
        rendah, tinggi_nilai = min(nilai), max(nilai)
        bagian.append(
            f'<line x1="{x(rendah):.1f}" y1="{tengah}" x2="{x(tinggi_nilai):.1f}" y2="{tengah}" '
            f'stroke="#374151"/>'
            f'<rect x="{x(q1):.1f}" y="{tengah - 14}" width="{max(x(q3) - x(q1), 1):.1f}" '
            f'height="28" fill="#fde68a" stroke="#374151"/>'
            f'<line x1="{x(median):.1f}" y1="{tengah - 14}" x2="{x(median):.1f}" '
            f'y2="{tengah + 14}" stroke="#7f1d1d" stroke-width="3"/>'
        )
        for v in nilai:
            bagian.append(
                f'<circle cx="{x(v):.1f}" cy="{tengah}" r="2.5" fill="#1f2937" fill-opacity="0.5"/>'
            )
        # Near an edge the label grows inwards, so it is never cut off.
        rata = "middle"
        if x(median) > kiri + area * 0.75:
            rata = "end"
        elif x(median) < kiri + area * 0.25:
            rata = "start"
        bagian.append(
            f'<text x="{x(median):.1f}" y="{atas - 12}" text-anchor="{rata}" fill="#7f1d1d">'
            f"median {escape(persen(median) if satuan == '%' else angka(median))}</text>"
        )
    if tanda is not None:
        bagian.append(
            f'<path d="M{x(tanda):.1f},{tengah + 16} l-6,10 h12 z" fill="#2563eb">'
            f"<title>{escape(label_tanda)}: {escape(persen(tanda))}</title></path>"
        )
    bagian.append("</svg>")
    return mark_safe("".join(bagian))
