"""The same indicators imported through django-import-export, for comparison
with the Lampiran importer (bench_import.py): a ModelResource with bulk writes,
fed the flat rows (kode, nama, sasaran, urutan, satuan) of a synthetic printed
Lampiran whose Program/Kegiatan/Sasaran are already in the database.

    .venv/bin/python bench/bench_import_library.py [--indikator 20000]

Runs on a throwaway PostgreSQL cluster; prints the seconds beside raw openpyxl
reading of the printed file. Only the indicators are imported here, without
targets, history or the hierarchy: the library matches and prepares row by
row, which is why the Lampiran importer does not go through it.
"""

import argparse
import os
import sys
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--indikator", type=int, default=20_000)
    args = parser.parse_args()
    from bench.bench_dashboard import Postgres

    with Postgres() as database_url:
        os.environ["DATABASE_URL"] = database_url
        os.environ.setdefault("DJANGO_DEBUG", "1")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpu_iku.settings")
        import django

        django.setup()
        jalankan(args.indikator)


def jalankan(jumlah: int) -> None:
    import tablib
    from django.core.management import call_command
    from import_export import fields, resources, widgets
    from openpyxl import load_workbook

    from bench.bench_import import buat_berkas
    from indicators.lampiran import import_lampiran
    from indicators.models import Indikator, Sasaran, Satker

    call_command("migrate", verbosity=0)
    data = buat_berkas(jumlah, [])
    mulai = time.perf_counter()
    wb = load_workbook(BytesIO(data), data_only=True)
    sum(1 for ws in wb.worksheets for _ in ws.iter_rows(values_only=True))
    mentah = time.perf_counter() - mulai

    hasil = import_lampiran(
        data=data,
        nama_berkas="sintetis.xlsx",
        satker=Satker.objects.get(kode="1811"),
        tahun_awal=2020,
        tahun_akhir=2024,
    )
    assert hasil.berhasil
    baris = list(Indikator.objects.values_list("kode", "nama", "sasaran__kode", "urutan"))
    Indikator.objects.all().delete()
    Indikator.history.all().delete()

    class IndikatorResource(resources.ModelResource):
        sasaran = fields.Field(
            attribute="sasaran",
            column_name="sasaran",
            widget=widgets.ForeignKeyWidget(Sasaran, "kode"),
        )

        class Meta:
            model = Indikator
            fields = ("kode", "nama", "sasaran", "urutan", "satuan")
            import_id_fields = ("sasaran", "kode")
            use_bulk = True
            batch_size = 1000
            skip_unchanged = True

    dataset = tablib.Dataset(headers=["kode", "nama", "sasaran", "urutan", "satuan"])
    for kode, nama, sasaran, urutan in baris:
        dataset.append([kode, nama, sasaran, urutan, "Persen"])
    mulai = time.perf_counter()
    hasil = IndikatorResource().import_data(dataset, use_transactions=True)
    detik = time.perf_counter() - mulai
    assert not hasil.has_errors() and Indikator.objects.count() == jumlah
    print(f"openpyxl mentah (berkas tercetak)        : {mentah:6.1f} s")
    print(f"django-import-export, {jumlah} indikator saja: {detik:6.1f} s ({detik / mentah:.1f}×)")


if __name__ == "__main__":
    main()
