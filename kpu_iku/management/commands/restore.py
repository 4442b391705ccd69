from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kpu_iku import cadangan


class Command(BaseCommand):
    help = (
        "Memulihkan cadangan buatan `backup` ke basis data KOSONG yang sudah dimigrasi, "
        "termasuk berkas bukti dukung ke MEDIA_ROOT. Menolak bila basis data sudah berisi."
    )

    def add_arguments(self, parser):
        parser.add_argument("arsip", help="berkas cadangan .tar.gz")

    def handle(self, *args, arsip, **options):
        try:
            ringkasan = cadangan.restore(arsip=Path(arsip))
        except cadangan.CadanganError as exc:
            raise CommandError(str(exc)) from exc
        baris = sum(ringkasan.jumlah.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Cadangan {ringkasan.arsip} dipulihkan: {baris} baris, {ringkasan.berkas} berkas."
            )
        )
        self.stdout.write("Pengguna perlu masuk kembali (sesi lama tidak ikut dicadangkan).")
