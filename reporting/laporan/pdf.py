"""PDF rendering with WeasyPrint. Documents are built from reporting.laporan.selectors and
templates under templates/reporting/; the print stylesheet is read from disk and
nothing is fetched from the network."""

import re
from functools import cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from indicators.models import PenetapanIKU

from . import narasi
from .giliran import giliran_render
from .selectors import Laporan, susun_laporan

CSS_LAPORAN = Path(settings.BASE_DIR) / "static" / "css" / "laporan.css"


def _pengambil() -> URLFetcher:
    """Only local files (the stylesheet, images under static/) may be read: a
    document never reaches the network, whatever a user typed into it."""
    return URLFetcher(allowed_protocols={"file"})


@cache
def _gaya() -> tuple[FontConfiguration, CSS]:
    fonts = FontConfiguration()
    return fonts, CSS(filename=str(CSS_LAPORAN), font_config=fonts, url_fetcher=_pengambil())


def html_ke_pdf(html: str) -> bytes:
    """Rendered in one of the process's few render places (see giliran.py)."""
    with giliran_render():
        fonts, gaya = _gaya()
        dokumen = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_pengambil())
        return dokumen.write_pdf(stylesheets=[gaya], font_config=fonts)


def _teks_css(teks: str) -> SafeString:
    """A value for a CSS string literal in the template's <style> block, where
    HTML escaping would show as text: escaped for CSS instead, with "<" written
    as a CSS escape so "</style>" cannot occur."""
    aman = teks.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return mark_safe(re.sub(r"[\r\n\f]+", " ", aman))


def konteks_dokumen(laporan: Laporan, judul: str) -> dict:
    nomor_akhir = max([s.nomor_tabel + 1 for s in laporan.sasaran] + [2])
    return {
        "laporan": laporan,
        "kepala_kiri": _teks_css(laporan.satker.nama),
        "kepala_kanan": _teks_css(f"{judul} Tahun {laporan.tahun}"),
        "nomor_anggaran": nomor_akhir + 1,
        "nomor_pk": nomor_akhir + 2,
        "nomor_pengukuran": nomor_akhir + 4,
        "anggaran_per_kegiatan": {a.kegiatan.pk: a for a in laporan.anggaran},
    }


def lakip_html(laporan: Laporan) -> str:
    teks = {b.value: narasi.ke_html(narasi.teks_bagian(b, laporan)) for b in narasi.BAGIAN_UMUM}
    for blok in laporan.sasaran:
        blok.catatan_html = narasi.ke_html(narasi.teks_sasaran(blok, laporan))
    konteks = konteks_dokumen(laporan, "Laporan Kinerja")
    konteks.update(teks=teks, kalimat_sebaran=narasi.kalimat_sebaran(laporan))
    with translation.override("id"):
        return render_to_string("laporan/lakip.html", konteks)


def lakip_pdf(penetapan: PenetapanIKU, tahun: int) -> bytes:
    return html_ke_pdf(lakip_html(susun_laporan(penetapan, tahun)))


def perjanjian_kinerja_html(laporan: Laporan) -> str:
    konteks = konteks_dokumen(laporan, "Perjanjian Kinerja")
    konteks["nomor_pk"] = None
    with translation.override("id"):
        return render_to_string("laporan/perjanjian_kinerja.html", konteks)


def perjanjian_kinerja_pdf(penetapan: PenetapanIKU, tahun: int) -> bytes:
    laporan = susun_laporan(penetapan, tahun, grafik_sasaran=False)
    return html_ke_pdf(perjanjian_kinerja_html(laporan))


def iku_pdf(penetapan: PenetapanIKU) -> bytes:
    from .selectors import singkat, tabel_iku

    konteks = {
        "penetapan": penetapan,
        "tabel": tabel_iku(penetapan),
        "kepala_kiri": _teks_css(singkat(penetapan.satker.nama)),
        "kepala_kanan": _teks_css(f"Indikator Kinerja Utama {penetapan.periode}"),
    }
    with translation.override("id"):
        html = render_to_string("laporan/iku.html", konteks)
    return html_ke_pdf(html)


def rencana_aksi_html(dokumen) -> str:
    laporan = dokumen.laporan
    konteks = {
        "dokumen": dokumen,
        "laporan": laporan,
        "kepala_kiri": _teks_css(laporan.satker.nama),
        "kepala_kanan": _teks_css(f"Rencana Aksi Tahun {laporan.tahun}"),
        "tanggal": laporan.tanggal_tanda_tangan,
    }
    with translation.override("id"):
        return render_to_string("laporan/rencana_aksi.html", konteks)


def rencana_aksi_pdf(penetapan: PenetapanIKU, tahun: int) -> bytes:
    from .selectors import susun_rencana_aksi

    return html_ke_pdf(rencana_aksi_html(susun_rencana_aksi(penetapan, tahun)))


def laporan_triwulan_html(dokumen) -> str:
    laporan = dokumen.laporan
    konteks = {
        "dokumen": dokumen,
        "laporan": laporan,
        "lebar": 7 + 2 * len(dokumen.kolom),
        "langkah_selesai": dokumen.langkah_selesai,
        "kepala_kiri": _teks_css(laporan.satker.nama),
        "kepala_kanan": _teks_css(
            f"Laporan Capaian Kinerja {dokumen.nama_triwulan} Tahun {laporan.tahun}"
        ),
    }
    with translation.override("id"):
        return render_to_string("laporan/triwulan.html", konteks)


def laporan_triwulan_pdf(penetapan: PenetapanIKU, tahun: int, triwulan: int) -> bytes:
    from .selectors import susun_laporan_triwulan

    return html_ke_pdf(laporan_triwulan_html(susun_laporan_triwulan(penetapan, tahun, triwulan)))
