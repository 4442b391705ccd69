"""python manage.py export_lampiran --satker KODE --format printed|flat OUT.xlsx"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.lampiran import export_lampiran
from indicators.models import PenetapanIKU, Satker

from .import_lampiran import periode_dari_teks

BENTUK = {"printed": "tercetak", "flat": "datar", "tercetak": "tercetak", "datar": "datar"}


class Command(BaseCommand):
    help = "Ekspor Lampiran IKU satker ke Excel (tata letak tercetak atau templat datar)."

    def add_arguments(self, parser):
        parser.add_argument("out", help="berkas .xlsx tujuan")
        parser.add_argument("--satker", required=True, help="kode satker, mis. 1811")
        parser.add_argument("--format", required=True, choices=sorted(BENTUK))
        parser.add_argument("--periode", help="periode IKU (bawaan: yang terbaru), mis. 2020-2024")

    def handle(self, *args, **opts):
        satker = Satker.objects.filter(kode=opts["satker"]).first()
        if satker is None:
            raise CommandError(f"Satker dengan kode “{opts['satker']}” tidak ditemukan.")
        if opts["periode"]:
            awal, akhir = periode_dari_teks(opts["periode"])
            penetapan = PenetapanIKU.objects.filter(
                satker=satker, tahun_awal=awal, tahun_akhir=akhir
            ).first()
        else:
            penetapan = PenetapanIKU.objects.terbaru(satker)
        if penetapan is None:
            raise CommandError(f"{satker.nama} belum memiliki penetapan IKU untuk periode itu.")
        out = Path(opts["out"])
        out.write_bytes(export_lampiran(penetapan, BENTUK[opts["format"]]))
        self.stdout.write(f"Tersimpan: {out}")
