"""Daily: e-mail the Operators the period entries still empty N days before
their deadline (indicators/kekurangan/services.py, pengingat_kirim)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from indicators import jadwal
from indicators.kekurangan.services import pengingat_kirim


class Command(BaseCommand):
    help = (
        "Kirim e-mail pengingat kepada Operator penanggung jawab untuk realisasi periode "
        "yang belum diisi, paling lambat N hari sebelum batas pengisian (sekali per batas)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hari", type=int, default=3, help="kirim bila batas tinggal N hari lagi (bawaan 3)"
        )
        parser.add_argument(
            "--tanggal", help="tanggal hari ini (YYYY-MM-DD), untuk menjalankan ulang hari lain"
        )

    def handle(self, *args, hari: int, tanggal: str | None, **options):
        if hari < 0:
            raise CommandError("--hari tidak boleh negatif.")
        try:
            hari_ini = date.fromisoformat(tanggal) if tanggal else jadwal.hari_ini()
        except ValueError as exc:
            raise CommandError(f"--tanggal “{tanggal}” bukan tanggal YYYY-MM-DD.") from exc
        n = pengingat_kirim(hari=hari_ini, sebelum_hari=hari)
        self.stdout.write(f"{n} pengingat dikirim.")
