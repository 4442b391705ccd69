"""python manage.py import_lampiran PATH --satker KODE --periode 2020-2024 [--dry-run]"""

import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.lampiran import import_lampiran
from indicators.models import Satker


def periode_dari_teks(teks: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d{4})\s*[-–/]\s*(\d{4})\s*", teks)
    if not m or int(m.group(2)) < int(m.group(1)):
        raise CommandError(f"Periode “{teks}” tidak valid; tulis misalnya 2020-2024.")
    return int(m.group(1)), int(m.group(2))


class Command(BaseCommand):
    help = "Impor Lampiran keputusan IKU dari berkas Excel (tata letak tercetak atau templat)."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="berkas .xlsx, .xls (Excel 97–2003) atau .ods (LibreOffice)"
        )
        parser.add_argument("--satker", required=True, help="kode satker, mis. 1811")
        parser.add_argument("--periode", required=True, help="periode IKU, mis. 2020-2024")
        parser.add_argument(
            "--dry-run", action="store_true", help="periksa dan hitung saja, tanpa menyimpan"
        )

    def handle(self, *args, **opts):
        tahun_awal, tahun_akhir = periode_dari_teks(opts["periode"])
        satker = Satker.objects.filter(kode=opts["satker"]).first()
        if satker is None:
            raise CommandError(f"Satker dengan kode “{opts['satker']}” tidak ditemukan.")
        path = Path(opts["path"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas {path} tidak dapat dibaca: {exc.strerror}.") from exc
        hasil = import_lampiran(
            data=data,
            nama_berkas=path.name,
            satker=satker,
            tahun_awal=tahun_awal,
            tahun_akhir=tahun_akhir,
            uji_coba=opts["dry_run"],
        )
        if not hasil.berhasil:
            for masalah in hasil.masalah:
                self.stderr.write(f"- {masalah}")
            raise CommandError(
                f"Impor {path.name} gagal: {len(hasil.masalah)} masalah; tidak ada yang disimpan."
            )
        self.stdout.write(hasil.ringkasan())
        for label, jumlah in hasil.per_level():
            self.stdout.write(
                f"  {label}: {jumlah.baru} baru, {jumlah.berubah} berubah, {jumlah.tetap} tetap"
            )
        if hasil.uji_coba:
            self.stdout.write("Uji coba: tidak ada yang disimpan.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Tersimpan ke penetapan {hasil.penetapan}."))
