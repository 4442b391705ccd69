"""Benchmark: the LAKIP of the Mesuji demo year, end to end (data assembly,
template, WeasyPrint) beside WeasyPrint rendering the same HTML alone, in the
same run. Goal: total ≤ 1.15 × WeasyPrint alone and ≤ 3 s.

    DJANGO_DEBUG=1 .venv/bin/python bench/bench_lakip.py [--tahun 2023] [--ulang 3]

Uses the configured database and fills the demo data first (seed_demo is
idempotent), so run it against a development database, never production.
"""

import argparse
import logging
import os
import statistics
import sys
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpu_iku.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from indicators.demo import seed_demo  # noqa: E402
from reporting import pdf  # noqa: E402
from reporting.laporan import susun_laporan  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tahun", type=int, default=2023)
    parser.add_argument("--ulang", type=int, default=3)
    args = parser.parse_args()
    logging.getLogger("weasyprint").setLevel(logging.WARNING)

    penetapan = seed_demo()
    pdf.html_ke_pdf("<p>pemanasan</p>")  # fonts and stylesheet loaded once, as in a server

    total, susun, weasy = [], [], []
    halaman = kueri = 0
    for _ in range(args.ulang):
        mulai = time.perf_counter()
        with CaptureQueriesContext(connection) as q:
            laporan = susun_laporan(penetapan, args.tahun)
            html = pdf.lakip_html(laporan)
        siap = time.perf_counter()
        isi = pdf.html_ke_pdf(html)
        selesai = time.perf_counter()
        total.append(selesai - mulai)
        susun.append(siap - mulai)
        kueri = len(q)

        mulai = time.perf_counter()
        pdf.html_ke_pdf(html)
        weasy.append(time.perf_counter() - mulai)
        halaman = len(PdfReader(BytesIO(isi)).pages)

    t, w, s = statistics.median(total), statistics.median(weasy), statistics.median(susun)
    print(f"LAKIP {penetapan.satker.nama} {args.tahun}: {len(laporan.baris)} indikator")
    print(f"  halaman PDF             : {halaman}")
    print(f"  kueri basis data        : {kueri}")
    print(f"  susun data + templat    : {s:.3f} s (median dari {args.ulang})")
    print(f"  total (permintaan)      : {t:.3f} s")
    print(f"  WeasyPrint saja         : {w:.3f} s")
    print(f"  rasio total / WeasyPrint: {t / w:.3f}  (sasaran ≤ 1,15)")
    print(f"  sasaran ≤ 3 s           : {'tercapai' if t <= 3 else 'belum tercapai'}")
    print(f"  beban CPU (1 menit)     : {os.getloadavg()[0]:.2f} pada {os.cpu_count()} inti")


if __name__ == "__main__":
    main()
