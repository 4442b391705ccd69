"""seed_demo: what it loads (read from the seeded database, which
tests.conftest.demo_terisi builds once per test process with the same
function the command runs) and how the command behaves."""

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
from tests.conftest import demo_terisi


@override_settings(DEBUG=True)
def test_it_loads_the_lampiran_values_and_demo_users(db):
    demo_terisi()
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
    demo_terisi()
    for username, peran, kode, staff in [
        ("ketua-lampung", "Ketua", "18", False),
        ("admin-ri", "Admin", "00", True),
    ]:
        user = Pengguna.objects.get(username=username)
        assert user.check_password("kpu-mesuji-demo")
        assert (user.satker.kode, user.is_staff, user.is_superuser) == (kode, staff, False)
        assert list(user.groups.values_list("name", flat=True)) == [peran]


@override_settings(DEBUG=True)
def test_running_it_again_changes_nothing(db):
    from indicators.models import KemajuanRencanaAksi, RencanaAksi

    demo_terisi()  # what the first run leaves (the command from empty: the test below)
    sebelum = list(NilaiIndikator.objects.order_by("pk").values())
    pengguna = list(Pengguna.objects.order_by("pk").values("pk", "password", "username"))
    rencana = RencanaAksi.objects.count(), KemajuanRencanaAksi.objects.count()
    call_command("seed_demo", verbosity=0)
    assert list(NilaiIndikator.objects.order_by("pk").values()) == sebelum
    assert list(Pengguna.objects.order_by("pk").values("pk", "password", "username")) == pengguna
    assert (RencanaAksi.objects.count(), KemajuanRencanaAksi.objects.count()) == rencana
    assert _mesuji_2020().count() == 71


@override_settings(DEBUG=True)
def test_it_cascades_kpu_ris_2025_iku_down_to_mesuji_with_targets_never_below_the_parents(db):
    demo_terisi()
    ri = PenetapanIKU.objects.get(satker__kode="00", tahun_awal=2025)
    assert ri.nomor == "Data contoh" and ri.induk is None
    lampung = PenetapanIKU.objects.get(satker__kode="18", tahun_awal=2025)
    mesuji = PenetapanIKU.objects.get(satker__kode="1811", tahun_awal=2025)
    assert (lampung.induk, mesuji.induk) == (ri, lampung)
    anak = Indikator.objects.dari_penetapan(mesuji)
    assert anak.count() == 71 and not anak.filter(induk__isnull=True).exists()
    usulan = {
        (n.indikator_id, n.tahun): n.target
        for n in NilaiIndikator.objects.filter(indikator__in=anak, triwulan=0)
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
            indikator__in=anak, tahun=2026, triwulan=0, realisasi__isnull=True
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


def _mesuji_2025():
    return Indikator.objects.filter(
        sasaran__kegiatan__program__penetapan__satker__kode="1811",
        sasaran__kegiatan__program__penetapan__tahun_awal=2025,
    )


@override_settings(DEBUG=True)
def test_the_2025_iku_measures_most_indicators_per_quarter_with_the_yearly_rows_derived(db):
    from indicators import periode as pr

    demo_terisi()
    anak = _mesuji_2025()
    aturan = {(i.periode_ukur, i.aturan_tahunan) for i in anak}
    assert aturan == {
        (pr.TRIWULANAN, pr.NILAI_AKHIR),
        (pr.TRIWULANAN, pr.KUMULATIF),
        (pr.TAHUNAN, pr.NILAI_AKHIR),
    }
    persen = anak.filter(nama__startswith="Persentase")
    assert persen.filter(periode_ukur=pr.TRIWULANAN).count() > persen.count() * 3 // 4
    assert not anak.filter(nama__startswith="Jumlah").exclude(aturan_tahunan=pr.KUMULATIF).exists()
    assert anak.filter(periode_ukur=pr.TAHUNAN).exists()
    # Keys read first: right after the bulk writes PostgreSQL has no statistics
    # yet, and a nested join can take it minutes to plan badly.
    berperiode = list(anak.exclude(periode_ukur=pr.TAHUNAN))
    ids = [i.pk for i in berperiode]
    periode_2025 = NilaiIndikator.objects.filter(indikator_id__in=ids, tahun=2025)
    assert periode_2025.filter(triwulan__gt=0).count() == len(ids) * 4
    assert set(periode_2025.values_list("status", flat=True)) == {"diverifikasi"}
    assert not periode_2025.filter(realisasi__isnull=True).exists()
    periode_2026 = NilaiIndikator.objects.filter(indikator_id__in=ids, tahun=2026)
    assert not periode_2026.filter(triwulan__in=[1, 2, 3], realisasi__isnull=True).exists()
    assert set(periode_2026.filter(triwulan__in=[1, 2]).values_list("status", flat=True)) == {
        "diverifikasi"
    }
    assert set(periode_2026.filter(triwulan=3).values_list("status", flat=True)) == {"diajukan"}
    assert not periode_2026.filter(triwulan=4, realisasi__isnull=False).exists()
    # The yearly row is what turunkan_tahunan makes of the quarters: deriving
    # again changes nothing.
    sebelum = list(periode_2026.filter(triwulan=0).order_by("pk").values())
    NilaiIndikator.objects.turunkan_tahunan(berperiode, 2026, None)
    sesudah = list(periode_2026.filter(triwulan=0).order_by("pk").values())
    kolom = ("target", "realisasi", "target_sd", "terukur_sampai", "status", "analisis")
    assert [{k: n[k] for k in kolom} for n in sesudah] == [
        {k: n[k] for k in kolom} for n in sebelum
    ]
    assert {n["terukur_sampai"] for n in sesudah} == {3}
    # Every reported quarter and every year so far carries the explanation its result needs.
    for n in NilaiIndikator.objects.filter(
        indikator_id__in=list(anak.values_list("pk", flat=True)),
        tahun__in=[2025, 2026],
        realisasi__isnull=False,
    ).select_related("indikator"):
        assert not n.penjelasan_kurang, (n.indikator.kode, n.tahun, n.triwulan)


@override_settings(DEBUG=True)
def test_it_plans_rencana_aksi_with_quarterly_steps_and_progress_for_mesuji(db):
    from indicators.models import KemajuanRencanaAksi, RencanaAksi

    demo_terisi()
    anak = list(_mesuji_2025().values_list("pk", flat=True))
    for tahun in (2025, 2026):
        per_indikator = {}
        for r in RencanaAksi.objects.filter(indikator_id__in=anak, tahun=tahun):
            per_indikator.setdefault(r.indikator_id, []).append(r)
            assert r.uraian and r.penanggung_jawab and r.anggaran > 0
        assert len(per_indikator) == 71
        assert {len(v) for v in per_indikator.values()} <= {2, 3}
    langkah = KemajuanRencanaAksi.objects.filter(rencana__indikator_id__in=anak)
    assert not langkah.filter(rencana__tahun=2025, realisasi="", status="selesai").exists()
    assert set(
        langkah.filter(rencana__tahun=2026, triwulan=4).values_list("status", flat=True)
    ) == {"belum"}
    assert langkah.filter(rencana__tahun=2026, triwulan=3, status="selesai").exists()


@override_settings(DEBUG=True)
def test_mesujis_2020_2024_stay_as_they_were_before_the_quarters(db):
    """The 2020–2024 values come from the same generator as before the 2025–2029
    IKU was measured per quarter: a fixed sample of them."""
    demo_terisi()
    nilai = NilaiIndikator.objects.filter(indikator__in=_mesuji_2020())
    assert nilai.count() == 71 * 5 and not nilai.exclude(triwulan=0).exists()
    assert not _mesuji_2020().exclude(periode_ukur="tahunan").exists()
    assert not TahunKinerja.objects.filter(satker__kode="1811", tahun__lt=2025).exists()
