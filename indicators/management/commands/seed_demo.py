from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from indicators.demo import PENGGUNA_DEMO, SANDI_DEMO, seed_demo


class Command(BaseCommand):
    help = (
        "Mengisi data contoh: Lampiran IKU KPU Kabupaten Mesuji (bila belum ada), target "
        "dan realisasi contoh, serta pengguna demo. Aman dijalankan berulang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Izinkan walau DJANGO_DEBUG tidak aktif (mis. server uji).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo menolak berjalan karena DJANGO_DEBUG tidak aktif: data contoh tidak "
                "boleh masuk ke basis data produksi. Gunakan --force bila memang disengaja."
            )
        penetapan = seed_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Data contoh siap untuk {penetapan.satker.nama}, periode {penetapan.periode}."
            )
        )
        self.stdout.write(f"Pengguna demo (kata sandi: {SANDI_DEMO}):")
        for username, grup, *_ in PENGGUNA_DEMO:
            self.stdout.write(f"  {username:<11} peran {grup}")
