import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from indicators.models import (
    Indikator,
    Kegiatan,
    NilaiIndikator,
    Pengguna,
    Program,
    Sasaran,
)


@override_settings(DEBUG=True)
def test_it_loads_the_lampiran_values_and_demo_users(db):
    call_command("seed_demo", verbosity=0)
    assert (Program.objects.count(), Kegiatan.objects.count()) == (3, 9)
    assert (Sasaran.objects.count(), Indikator.objects.count()) == (44, 71)
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
    assert Indikator.objects.count() == 71


@override_settings(DEBUG=False)
def test_it_refuses_without_debug_unless_forced(db):
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("seed_demo", verbosity=0)
    assert not Indikator.objects.exists()
    call_command("seed_demo", "--force", verbosity=0)
    assert Indikator.objects.count() == 71
