import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from indicators.demo import (
    KODE_MESUJI,
    PENGGUNA_DEMO,
    SANDI_DEMO,
    isi_kaskade,
    seed_demo,
    tambah_satker_demo,
)


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
        parser.add_argument(
            "--satker",
            type=int,
            default=0,
            metavar="N",
            help="Tambahkan N satker contoh lagi (kode 9001 dst., di bawah KPU Provinsi "
            "Lampung), masing-masing dengan salinan IKU dan angka contoh; untuk uji skala.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo menolak berjalan karena DJANGO_DEBUG tidak aktif: data contoh tidak "
                "boleh masuk ke basis data produksi. Gunakan --force bila memang disengaja."
            )
        if not 0 <= options["satker"] <= 999:
            raise CommandError("--satker harus antara 0 dan 999.")
        penetapan = seed_demo()
        if options["satker"]:
            mulai = time.monotonic()
            jumlah = tambah_satker_demo(penetapan, options["satker"])
            isi_kaskade(penetapan)  # the new satker adopt the 2025–2029 IKU too
            self.stdout.write(
                f"{jumlah} satker contoh baru diberi salinan IKU dan angka contoh "
                f"({options['satker']} satker contoh seluruhnya) dalam "
                f"{time.monotonic() - mulai:.1f} detik."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Data contoh siap untuk {penetapan.satker.nama}, periode {penetapan.periode}."
            )
        )
        self.stdout.write(f"Pengguna demo (kata sandi: {SANDI_DEMO}):")
        for username, grup, *_, kode in PENGGUNA_DEMO:
            self.stdout.write(f"  {username:<14} peran {grup:<11} satker {kode or KODE_MESUJI}")
