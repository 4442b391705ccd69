import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from indicators.models import (
    Indikator,
    Kegiatan,
    NilaiIndikator,
    PenetapanIKU,
    Pengguna,
    Program,
    Sasaran,
    TahunKinerja,
)


@override_settings(DEBUG=True)
def test_it_loads_the_lampiran_values_and_demo_users(db):
    call_command("seed_demo", verbosity=0)
    iku = {"penetapan__satker__kode": "1811", "penetapan__tahun_awal": 2020}
    assert Program.objects.filter(**iku).count() == 3
    assert Kegiatan.objects.filter(**{f"program__{k}": v for k, v in iku.items()}).count() == 9
    assert (
        Sasaran.objects.filter(**{f"kegiatan__program__{k}": v for k, v in iku.items()}).count()
        == 44
    )
    assert _mesuji_2020().count() == 71
    for tahun in range(2020, 2024):
        nilai = NilaiIndikator.objects.filter(tahun=tahun)
        assert nilai.count() == 71
        assert not nilai.filter(target__isnull=True).exists()
        assert not nilai.filter(realisasi__isnull=True).exists()
    tahun_2024 = NilaiIndikator.objects.filter(tahun=2024)
    assert 0 < tahun_2024.filter(realisasi__isnull=True).count() < 71
    for username, peran in [
        ("admin", "Admin"),
        ("sekretaris", "Sekretaris"),
        ("operator", "Operator"),
        ("ketua", "Ketua"),
    ]:
        user = Pengguna.objects.get(username=username)
        assert user.check_password("kpu-mesuji-demo")
        assert user.satker.kode == "1811"
        assert list(user.groups.values_list("name", flat=True)) == [peran]


@override_settings(DEBUG=True)
def test_it_adds_a_ketua_of_kpu_provinsi_lampung_and_an_admin_of_kpu_ri(db):
    call_command("seed_demo", verbosity=0)
    for username, peran, kode, staff in [
        ("ketua-lampung", "Ketua", "18", False),
        ("admin-ri", "Admin", "00", True),
    ]:
        user = Pengguna.objects.get(username=username)
        assert user.check_password("kpu-mesuji-demo")
        assert (user.satker.kode, user.is_staff, user.is_superuser) == (kode, staff, False)
        assert list(user.groups.values_list("name", flat=True)) == [peran]


@override_settings(DEBUG=True)
def test_running_it_twice_changes_nothing(db):
    call_command("seed_demo", verbosity=0)
    sebelum = list(NilaiIndikator.objects.order_by("pk").values())
    pengguna = list(Pengguna.objects.order_by("pk").values("pk", "password", "username"))
    call_command("seed_demo", verbosity=0)
    assert list(NilaiIndikator.objects.order_by("pk").values()) == sebelum
    assert list(Pengguna.objects.order_by("pk").values("pk", "password", "username")) == pengguna
    assert _mesuji_2020().count() == 71


@override_settings(DEBUG=True)
def test_it_cascades_kpu_ris_2025_iku_down_to_mesuji_with_targets_never_below_the_parents(db):
    call_command("seed_demo", verbosity=0)
    ri = PenetapanIKU.objects.get(satker__kode="00", tahun_awal=2025)
    assert ri.nomor == "Data contoh" and ri.induk is None
    lampung = PenetapanIKU.objects.get(satker__kode="18", tahun_awal=2025)
    mesuji = PenetapanIKU.objects.get(satker__kode="1811", tahun_awal=2025)
    assert (lampung.induk, mesuji.induk) == (ri, lampung)
    anak = Indikator.objects.dari_penetapan(mesuji)
    assert anak.count() == 71 and not anak.filter(induk__isnull=True).exists()
    usulan = {
        (n.indikator_id, n.tahun): n.target
        for n in NilaiIndikator.objects.filter(indikator__in=anak)
    }
    assert len(usulan) == 71 * 5
    assert not Indikator.objects.pelanggaran_target_induk(usulan)
    assert TahunKinerja.objects.get(satker__kode="1811", tahun=2025).status == "disetujui"
    assert not NilaiIndikator.objects.filter(
        indikator__in=anak, tahun=2025, realisasi__isnull=True
    ).exists()
    assert (
        0
        < NilaiIndikator.objects.filter(
            indikator__in=anak, tahun=2026, realisasi__isnull=True
        ).count()
        < 71
    )
    assert (
        not TahunKinerja.objects.filter(satker__kode="1811", tahun=2026)
        .exclude(status="draf")
        .exists()
    )


def _mesuji_2020():
    return Indikator.objects.filter(
        sasaran__kegiatan__program__penetapan__satker__kode="1811",
        sasaran__kegiatan__program__penetapan__tahun_awal=2020,
    )


@override_settings(DEBUG=False)
def test_it_refuses_without_debug_unless_forced(db):
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("seed_demo", verbosity=0)
    assert not Indikator.objects.exists()
    call_command("seed_demo", "--force", verbosity=0)
    assert _mesuji_2020().count() == 71
