from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kpu_iku import cadangan


class Command(BaseCommand):
    help = (
        "Membuat satu berkas cadangan (.tar.gz): seluruh isi basis data (JSON, dapat dipulihkan "
        "ke SQLite maupun PostgreSQL) dan berkas bukti dukung di MEDIA_ROOT."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "tujuan", help="berkas tujuan (mis. kpu-iku.tar.gz) atau folder (nama diberi tanggal)"
        )
        parser.add_argument(
            "--force", action="store_true", help="timpa berkas tujuan yang sudah ada"
        )

    def handle(self, *args, tujuan, force, **options):
        path = Path(tujuan)
        if path.is_file() and not force:
            raise CommandError(f"{path} sudah ada. Pakai nama lain atau --force untuk menimpanya.")
        try:
            ringkasan = cadangan.backup(tujuan=path)
        except cadangan.CadanganError as exc:
            raise CommandError(str(exc)) from exc
        baris = sum(ringkasan.jumlah.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Cadangan ditulis ke {ringkasan.arsip}: {baris} baris dari "
                f"{len(ringkasan.jumlah)} tabel, {ringkasan.berkas} berkas."
            )
        )
