"""The real satker list: KPU RI, 38 KPU Provinsi and 514 KPU Kabupaten/Kota
coded by Kemendagri region code, loaded over the three satker the data
migration creates."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from indicators.models import Satker

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "satker_kpu.json"


@pytest.fixture(scope="module")
def baris() -> list[dict]:
    return [o["fields"] for o in json.loads(FIXTURE.read_text(encoding="utf-8"))]


def test_it_lists_kpu_ri_38_provinces_and_514_kabupaten_kota(baris):
    tingkat = [b["tingkat"] for b in baris]
    assert (tingkat.count("pusat"), tingkat.count("provinsi"), tingkat.count("kabkota")) == (
        1,
        38,
        514,
    )
    kabkota = [b["nama"] for b in baris if b["tingkat"] == "kabkota"]
    assert sum(" Kabupaten " in n for n in kabkota) == 416
    assert sum(" Kota " in n for n in kabkota) == 98
    assert len({b["kode"] for b in baris}) == 553


def test_each_satker_hangs_under_the_right_parent(baris):
    per_kode = {b["kode"]: b for b in baris}
    for b in baris:
        induk = b["induk"][0] if b["induk"] else None
        if b["tingkat"] == "pusat":
            assert (b["kode"], induk) == ("00", None)
        elif b["tingkat"] == "provinsi":
            assert len(b["kode"]) == 2 and induk == "00"
        else:
            assert len(b["kode"]) == 4 and induk == b["kode"][:2]
            assert per_kode[induk]["tingkat"] == "provinsi"
        assert b["kota"], b


@pytest.mark.parametrize(
    ("kode", "nama", "kota"),
    [
        ("00", "Komisi Pemilihan Umum Republik Indonesia", "Jakarta"),
        ("18", "Komisi Pemilihan Umum Provinsi Lampung", "Bandar Lampung"),
        ("1811", "Komisi Pemilihan Umum Kabupaten Mesuji", "Mesuji"),
        ("1871", "Komisi Pemilihan Umum Kota Bandar Lampung", "Bandar Lampung"),
        ("3101", "Komisi Pemilihan Umum Kabupaten Kepulauan Seribu", "Kepulauan Seribu"),
        ("3171", "Komisi Pemilihan Umum Kota Jakarta Pusat", "Jakarta Pusat"),
        ("11", "Komisi Independen Pemilihan Aceh", "Banda Aceh"),
        ("1171", "Komisi Independen Pemilihan Kota Banda Aceh", "Banda Aceh"),
        ("93", "Komisi Pemilihan Umum Provinsi Papua Selatan", "Merauke"),
        ("94", "Komisi Pemilihan Umum Provinsi Papua Tengah", "Nabire"),
        ("95", "Komisi Pemilihan Umum Provinsi Papua Pegunungan", "Wamena"),
        ("96", "Komisi Pemilihan Umum Provinsi Papua Barat Daya", "Sorong"),
        ("9203", "Komisi Pemilihan Umum Kabupaten Fakfak", "Fakfak"),
    ],
)
def test_known_offices_carry_their_code_name_and_signing_place(baris, kode, nama, kota):
    b = next(b for b in baris if b["kode"] == kode)
    assert (b["nama"], b["kota"]) == (nama, kota)


@pytest.mark.django_db
def test_it_loads_over_the_satker_of_the_data_migration_keeping_their_rows():
    sebelum = dict(Satker.objects.filter(kode__in=["00", "18", "1811"]).values_list("kode", "pk"))
    assert len(sebelum) == 3
    call_command("loaddata", "satker_kpu", verbosity=0)
    call_command("loaddata", "satker_kpu", verbosity=0)  # again: nothing new

    assert Satker.objects.count() == 553
    sesudah = dict(Satker.objects.filter(kode__in=["00", "18", "1811"]).values_list("kode", "pk"))
    assert sesudah == sebelum
    mesuji = Satker.objects.select_related("induk__induk").get(kode="1811")
    assert (mesuji.induk.kode, mesuji.induk.induk.kode) == ("18", "00")
    assert Satker.objects.filter(tingkat="kabkota", induk__kode="18").count() == 15
