import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from indicators.models import Indikator, NilaiIndikator, PenetapanIKU, Satker


@override_settings(DEBUG=True)
def test_it_adds_demo_satker_each_with_a_copy_and_again_only_what_is_missing(db):
    call_command("seed_demo", "--satker", "2", verbosity=0)
    jumlah_nilai = NilaiIndikator.objects.count()
    call_command("seed_demo", "--satker", "2", verbosity=0)
    assert NilaiIndikator.objects.count() == jumlah_nilai
    call_command("seed_demo", "--satker", "3", verbosity=0)
    # Mesuji and 3 demo satker for 2020–2024; KPU RI, Lampung and those 4 for 2025–2029.
    assert PenetapanIKU.objects.count() == 4 + 6
    # One more satker: 71 yearly rows for each of 2020–2024 and of 2025–2029, and
    # four quarter rows a year for each indicator the 2025–2029 IKU measures per quarter.
    berperiode = Indikator.objects.filter(
        sasaran__kegiatan__program__penetapan__satker__kode="1811",
        sasaran__kegiatan__program__penetapan__tahun_awal=2025,
    ).exclude(periode_ukur="tahunan")
    assert NilaiIndikator.objects.count() == jumlah_nilai + 71 * 5 * 2 + berperiode.count() * 4 * 5

    contoh = list(Satker.objects.filter(kode__startswith="9").order_by("kode"))
    assert [s.kode for s in contoh] == ["9001", "9002", "9003"]
    for satker in contoh:
        assert satker.tingkat == "kabkota" and satker.induk.kode == "18" and satker.data_contoh
        penetapan = PenetapanIKU.objects.get(satker=satker, induk__isnull=True)
        assert (penetapan.tahun_awal, penetapan.tahun_akhir) == (2020, 2024)
        assert PenetapanIKU.objects.get(satker=satker, tahun_awal=2025).induk.satker.kode == "18"
        indikator = Indikator.objects.dari_penetapan(penetapan)
        assert indikator.count() == 71
        assert indikator.filter(kode="3.2.1.6").exists()
        nilai = NilaiIndikator.objects.filter(indikator__in=indikator)
        assert nilai.filter(tahun=2023, realisasi__isnull=False).count() == 71
        assert 0 < nilai.filter(tahun=2024, realisasi__isnull=False).count() < 71
        assert not nilai.filter(target__isnull=True).exists()


@override_settings(DEBUG=True)
def test_it_refuses_a_number_out_of_range(db):
    with pytest.raises(CommandError, match="antara 0 dan 999"):
        call_command("seed_demo", "--satker", "1000", verbosity=0)
