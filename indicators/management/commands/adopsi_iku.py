import time

from django.core.management.base import BaseCommand, CommandError

from indicators.kaskade.services import iku_adopsi_massal
from indicators.models import PenetapanIKU


def _periode(teks: str) -> tuple[int, int]:
    try:
        awal, akhir = (int(t) for t in teks.replace("–", "-").split("-"))
    except ValueError as exc:
        raise CommandError(f"--periode harus berbentuk 2025-2029, bukan “{teks}”.") from exc
    return awal, akhir


class Command(BaseCommand):
    help = (
        "Mengadopsi IKU satker induk untuk semua satker di bawahnya yang belum mempunyai IKU "
        "periode itu (dengan --turun-semua: juga satker di bawahnya lagi, masing-masing dari "
        "IKU satker induknya sendiri)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--induk-satker", required=True, metavar="KODE", help="mis. 00 (KPU RI)"
        )
        parser.add_argument("--periode", required=True, metavar="AWAL-AKHIR", help="mis. 2025-2029")
        parser.add_argument(
            "--turun-semua",
            action="store_true",
            help="Turunkan sampai KPU Kabupaten/Kota, bukan hanya satker anak langsung.",
        )

    def handle(self, *args, **options):
        awal, akhir = _periode(options["periode"])
        induk = (
            PenetapanIKU.objects.select_related("satker")
            .filter(satker__kode=options["induk_satker"], tahun_awal=awal, tahun_akhir=akhir)
            .first()
        )
        if induk is None:
            raise CommandError(
                f"Satker {options['induk_satker']} tidak mempunyai IKU periode {awal}–{akhir}."
            )
        mulai = time.monotonic()
        hasil = iku_adopsi_massal(induk=induk, oleh=None, semua_turunan=options["turun_semua"])
        self.stdout.write(
            self.style.SUCCESS(
                f"IKU {induk.periode} {induk.satker.nama} diadopsi oleh {hasil.jumlah} satker "
                f"dalam {time.monotonic() - mulai:.1f} detik; {len(hasil.dilewati)} satker sudah "
                "mempunyai IKU periode ini dan dilewati."
            )
        )
