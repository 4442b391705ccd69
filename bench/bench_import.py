"""Benchmark: import of a synthetic 20,000-indicator Lampiran in the printed layout,
beside raw openpyxl reading of the same file, in the same run.

    .venv/bin/python bench/bench_import.py [--indikator 20000] [--tahun 5] [--sqlite]

Uses a throwaway PostgreSQL cluster on a free loopback port, the production
database (or DATABASE_URL if set; --sqlite: a throwaway SQLite file, where new
rows go through the ORM instead of COPY).
Goal: import ≤ 3 × raw openpyxl and ≤ 60 s.
"""

import argparse
import functools
import os
import pickle
import resource
import sys
import tempfile
import time
import traceback
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def buat_berkas(jumlah: int, tahun: list[int]) -> bytes:
    """Printed layout: title rows, a heading and header per Program, merged Kegiatan
    and Sasaran cells, targets as numbers, percent cells and Indonesian text."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Lampiran"
    ws.append(["LAMPIRAN KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN CONTOH"])
    ws.append(["KEGIATAN DAN INDIKATOR KINERJA KEGIATAN"])
    judul = ["No.", "Kegiatan", "Sasaran Kegiatan", "Indikator Kinerja Kegiatan", "Satuan"]
    judul += [f"Target {t}" for t in tahun]
    n = 0
    p = 0
    r = 2  # rows written so far (ws.max_row is O(cells) per call)
    while n < jumlah:
        p += 1
        ws.append([])
        ws.append([f"Program Sintetis {p}"])
        ws.append(judul)
        r += 3
        for k in range(1, 21):
            awal_k = r + 1
            for s in range(1, 11):
                awal_s = r + 1
                for i in range(1, 6):
                    baris = [
                        k if r + 1 == awal_k else None,
                        f"Kegiatan {p}.{k} penyelenggaraan dukungan teknis"
                        if r + 1 == awal_k
                        else None,
                        f"Sasaran {p}.{k}.{s} meningkatnya kualitas layanan"
                        if r + 1 == awal_s
                        else None,
                        f"Persentase capaian indikator {p}.{k}.{s}.{i} yang tepat waktu",
                        "Persen",
                    ]
                    for j, _ in enumerate(tahun):
                        baris.append([85, "85,5", 0.9, "1.250", 100][(n + j) % 5])
                    ws.append(baris)
                    r += 1
                    if (n + 2) % 5 == 0 and tahun:
                        ws.cell(r, 8).number_format = "0%"
                    n += 1
                    if n >= jumlah:
                        break
                if r > awal_s:
                    ws.merge_cells(f"C{awal_s}:C{r}")
                if n >= jumlah:
                    break
            if r > awal_k:
                ws.merge_cells(f"A{awal_k}:A{r}")
                ws.merge_cells(f"B{awal_k}:B{r}")
            if n >= jumlah:
                break
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def _rss_mb() -> float:
    # Current resident size; ru_maxrss only ever grows, so a peak per step needs a fresh process.
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def ukur(fungsi):
    """Run `fungsi` in a forked child: wall time, and peak resident memory above the
    child's starting size (ru_maxrss), without tracemalloc slowing Python down."""
    from django.db import connections

    connections.close_all()
    baca, tulis = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(baca)
        try:
            awal = _rss_mb()
            mulai = time.perf_counter()
            hasil = fungsi()
            detik = time.perf_counter() - mulai
            puncak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            os.write(tulis, pickle.dumps((hasil, detik, puncak - awal)))
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(0)
    os.close(tulis)
    with os.fdopen(baca, "rb") as f:
        isi = f.read()
    os.waitpid(pid, 0)
    if not isi:
        raise SystemExit("Langkah yang diukur gagal (lihat galat di atas).")
    return pickle.loads(isi)


print = functools.partial(print, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--indikator", type=int, default=20_000)
    parser.add_argument("--tahun", type=int, default=5)
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    args = parser.parse_args()
    if args.sqlite or os.environ.get("DATABASE_URL"):
        jalankan(args)
    else:
        from bench.bench_dashboard import Postgres

        with Postgres() as database_url:
            os.environ["DATABASE_URL"] = database_url
            jalankan(args)


def jalankan(args) -> None:
    tmp = tempfile.mkdtemp(prefix="bench-impor-")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    print(f"Basis data: {os.environ['DATABASE_URL'].split(':', 1)[0]}")
    os.environ.setdefault("MEDIA_ROOT", f"{tmp}/media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpu_iku.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from openpyxl import load_workbook

    from indicators.lampiran import baca_lampiran, import_lampiran
    from indicators.models import Indikator, NilaiIndikator, Satker

    tahun = list(range(2020, 2020 + args.tahun))
    periode = (2020, 2024) if not tahun else (tahun[0], tahun[-1])
    mulai = time.perf_counter()
    data = buat_berkas(args.indikator, tahun)
    print(
        f"Berkas sintetis: {args.indikator} indikator, {len(tahun)} kolom target, "
        f"{len(data) / 1024 / 1024:.1f} MB, dibuat dalam {time.perf_counter() - mulai:.1f} s"
    )

    def baca_mentah():
        wb = load_workbook(BytesIO(data), data_only=True)
        jumlah = sum(1 for ws in wb.worksheets for _ in ws.iter_rows(values_only=True))
        wb.close()
        return jumlah

    baris, detik_mentah, mem_mentah = ukur(baca_mentah)
    print(
        f"openpyxl mentah    : {detik_mentah:6.1f} s, puncak memori {mem_mentah:7.1f} MB ({baris} baris)"
    )

    satker = Satker.objects.get(kode="1811")

    def impor():
        hasil = import_lampiran(
            data=data,
            nama_berkas="sintetis.xlsx",
            satker=satker,
            tahun_awal=periode[0],
            tahun_akhir=periode[1],
        )
        return {
            "berhasil": hasil.berhasil,
            "masalah": [str(m) for m in hasil.masalah[:20]],
            "ringkasan": hasil.ringkasan(),
        }

    hasil, detik_impor, mem_impor = ukur(impor)
    if not hasil["berhasil"]:
        print("\n".join(hasil["masalah"]))
        raise SystemExit(1)
    print(f"impor_lampiran     : {detik_impor:6.1f} s, puncak memori {mem_impor:7.1f} MB")
    print(f"  {hasil['ringkasan']}")
    print(
        f"  tersimpan: {Indikator.objects.count()} indikator, "
        f"{NilaiIndikator.objects.count()} nilai tahunan"
    )
    _, detik_ulang, mem_ulang = ukur(impor)
    print(f"impor ulang (sama) : {detik_ulang:6.1f} s, puncak memori {mem_ulang:7.1f} MB")
    _, detik_baca, mem_baca = ukur(lambda: len(baca_lampiran(data).baris))
    print(f"  (pembaca saja     : {detik_baca:6.1f} s, puncak memori {mem_baca:7.1f} MB)")
    rasio = detik_impor / detik_mentah
    print(f"rasio impor/mentah : {rasio:.2f}× (sasaran ≤ 3×), impor ≤ 60 s: {detik_impor <= 60}")


if __name__ == "__main__":
    main()
