"""Benchmark: KPU RI's 2025–2029 IKU (Mesuji's 71-indicator tree as the
catalogue) adopted by 38 KPU Provinsi and 514 KPU Kabupaten/Kota at once
(iku_adopsi_massal, --turun-semua), beside a plain bulk_create of the same
number of rows (no history, no links) in the same run.

    .venv/bin/python bench/bench_adopsi.py [--provinsi 38] [--kabkota 514] [--sqlite]

Uses a throwaway PostgreSQL cluster on a free loopback port (or DATABASE_URL if
set; --sqlite: a throwaway SQLite file, where rows go through the ORM).
Goal: ≤ 60 s on PostgreSQL.
"""

import argparse
import functools
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

print = functools.partial(print, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--provinsi", type=int, default=38)
    parser.add_argument("--kabkota", type=int, default=514)
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
    tmp = tempfile.mkdtemp(prefix="bench-adopsi-")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpu_iku.settings")
    print(f"Basis data: {os.environ['DATABASE_URL'].split(':', 1)[0]}")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)

    from indicators.demo import muat_lampiran
    from indicators.kaskade.services import iku_adopsi_massal, salin_pohon
    from indicators.models import Indikator, Kegiatan, PenetapanIKU, Program, Sasaran, Satker

    mesuji = muat_lampiran()
    ri = Satker.objects.get(kode="00")
    lampung = Satker.objects.get(kode="18")
    provinsi = [lampung] + Satker.objects.bulk_create(
        [
            Satker(kode=f"P{n:02d}", nama=f"KPU Provinsi Contoh {n}", tingkat="provinsi", induk=ri)
            for n in range(1, args.provinsi)
        ]
    )
    kabkota = [
        Satker(
            kode=f"K{n:03d}",
            nama=f"KPU Kabupaten Contoh {n}",
            tingkat="kabkota",
            induk=provinsi[n % len(provinsi)],
        )
        for n in range(1, args.kabkota)  # + Mesuji
    ]
    Satker.objects.bulk_create(kabkota, batch_size=1000)
    with transaction.atomic():
        iku_ri = salin_pohon([(mesuji, ri)], oleh=None, tautkan=False, periode=(2025, 2029))[0]
    satker = args.provinsi + args.kabkota
    per_iku = {
        m.__name__: m.objects.filter(**{f: iku_ri}).count()
        for m, f in (
            (Program, "penetapan"),
            (Kegiatan, "program__penetapan"),
            (Sasaran, "kegiatan__program__penetapan"),
            (Indikator, "sasaran__kegiatan__program__penetapan"),
        )
    }
    baris = satker * (1 + sum(per_iku.values()) + per_iku["Indikator"])  # + history
    print(
        f"{satker} satker × {per_iku} → {baris:,} baris (termasuk riwayat indikator)".replace(
            ",", "."
        )
    )

    # Reference: the same number of rows with a plain bulk_create per level, rolled back.
    mulai = time.perf_counter()
    with transaction.atomic():
        contoh = (
            Indikator.objects.dari_penetapan(iku_ri)
            .select_related("sasaran__kegiatan__program")
            .first()
        )
        s, k, p = contoh.sasaran, contoh.sasaran.kegiatan, contoh.sasaran.kegiatan.program
        PenetapanIKU.objects.bulk_create(
            [
                PenetapanIKU(satker=ri, nomor="x", tahun_awal=3000 + i, tahun_akhir=3000 + i)
                for i in range(satker)
            ]
        )
        for model, induk, n in (
            (Program, {"penetapan": iku_ri}, per_iku["Program"]),
            (Kegiatan, {"program": p}, per_iku["Kegiatan"]),
            (Sasaran, {"kegiatan": k}, per_iku["Sasaran"]),
            (Indikator, {"sasaran": s}, per_iku["Indikator"] * 2),
        ):
            model.objects.bulk_create(
                [model(urutan=i, kode=f"r{i}", nama="Rujukan", **induk) for i in range(satker * n)],
                batch_size=2000,
            )
        transaction.set_rollback(True)
    rujukan = time.perf_counter() - mulai

    mulai = time.perf_counter()
    hasil = iku_adopsi_massal(induk=iku_ri, oleh=None, semua_turunan=True)
    adopsi = time.perf_counter() - mulai
    assert hasil.jumlah == satker, hasil.jumlah
    jumlah = Indikator.objects.filter(induk__isnull=False).count()
    print(f"bulk_create polos (rujukan, tanpa riwayat/tautan): {rujukan:6.1f} s")
    print(
        f"iku_adopsi_massal --turun-semua:                 {adopsi:6.1f} s  ({jumlah} indikator tertaut)"
    )
    print(
        f"perbandingan: {adopsi / rujukan:.2f} × rujukan; sasaran ≤ 60 s: {'ya' if adopsi <= 60 else 'TIDAK'}"
    )


if __name__ == "__main__":
    main()
