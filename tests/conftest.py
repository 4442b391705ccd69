"""Personas and shared data for the whole suite.

Each role (Admin, Operator, Sekretaris, Ketua) of KPU Kabupaten Mesuji, plus an
operator of another satker (the outsider), over the decree's real Lampiran.
"""

import pytest
from django.contrib.auth.models import Group

from indicators.demo import SANDI_DEMO, isi_nilai, muat_lampiran
from indicators.models import PenetapanIKU, Pengguna, Satker


def pytest_configure(config):
    """Passwords hashed with one round of a cheap hash, as Django advises for
    test suites: production's PBKDF2 (a million rounds) costs about half a
    second of CPU a user created or logged in, minutes over the suite, and no
    test is about its strength. Logins still check the password for real."""
    from django.test.utils import override_settings

    override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]).enable()

    # After a transactional test Django flushes the database: every table
    # emptied, then content types and permissions made again (post_migrate),
    # then pytest_runtest_setup below put the migrated copy back over it. The
    # next test that uses the database now puts back the copy it starts from
    # directly (the migrated one, or the demo's for demo_live).
    from django.test import TransactionTestCase

    def tanpa_flush(self) -> None:
        _KOTOR["ya"] = True

    TransactionTestCase._fixture_teardown = tanpa_flush


@pytest.fixture
def lampiran(db) -> PenetapanIKU:
    """Mesuji's IKU 2020–2024 from the decree's fixture."""
    return muat_lampiran()


@pytest.fixture
def mesuji(lampiran) -> Satker:
    return lampiran.satker


@pytest.fixture
def lampiran_bernilai(lampiran) -> PenetapanIKU:
    """The Lampiran with demo targets 2020–2024 and realisations 2020–2023."""
    isi_nilai(lampiran, tahun_realisasi_penuh=2023, sebagian=2024)
    return lampiran


@pytest.fixture
def buat_pengguna(db):
    def buat(username: str, peran: str | None, satker: Satker | None, **extra) -> Pengguna:
        user = Pengguna.objects.create_user(
            username=username, password=SANDI_DEMO, satker=satker, **extra
        )
        if peran:
            user.groups.add(Group.objects.get(name=peran))
        return user

    return buat


@pytest.fixture
def admin_user(buat_pengguna, mesuji):
    return buat_pengguna("admin", "Admin", mesuji, is_staff=True)


@pytest.fixture
def operator(buat_pengguna, mesuji):
    return buat_pengguna("operator", "Operator", mesuji)


@pytest.fixture
def sekretaris(buat_pengguna, mesuji):
    return buat_pengguna("sekretaris", "Sekretaris", mesuji)


@pytest.fixture
def ketua(buat_pengguna, mesuji):
    return buat_pengguna("ketua", "Ketua", mesuji)


@pytest.fixture
def satker_lain(db) -> Satker:
    return Satker.objects.create(kode="1801", nama="KPU Kabupaten Lain", tingkat="kabkota")


@pytest.fixture
def orang_luar(buat_pengguna, satker_lain):
    """An operator of another satker: must never see Mesuji's objects."""
    return buat_pengguna("orang-luar", "Operator", satker_lain)


# The session refresh clock of every test (kpu_iku.middleware.jam): it stands still.
JAM_SESI = 1_750_000_000


# Per test process: the database as migrate left it, and whether a
# transactional test has written to it since.
_AWAL: dict = {}
_KOTOR = {"ya": False}


@pytest.fixture(scope="session", autouse=True)
def basis_data_awal(django_db_setup, django_db_blocker) -> None:
    """Takes this test process's database as migrate left it (tests.salinan_db)."""
    from tests import salinan_db

    with django_db_blocker.unblock():
        _AWAL["salinan"] = salinan_db.ambil()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Every test that uses the database starts from it as migrate left it,
    whatever ran before it in its process: a transactional test leaves its
    rows behind (committed; no flush, see pytest_configure), and a test module
    runs whole in one process (scripts/test.sh), wherever its turn comes. Put
    back, committed, before the test's fixtures open its transaction; a
    demo_live test gets the demo's copy from its fixture instead, once the
    demo has been seeded in this process."""
    fixtures = set(getattr(item, "fixturenames", ()))
    if not _AWAL or (
        item.get_closest_marker("django_db") is None
        and not {"db", "transactional_db", "django_db_blocker"} & fixtures
    ):
        return
    from pytest_django.plugin import blocking_manager_key

    from tests import salinan_db

    with item.config.stash[blocking_manager_key].unblock():
        if _KOTOR["ya"] or not Satker.objects.exists():
            if not ("demo_live" in fixtures and _DEMO):
                salinan_db.pulihkan(_AWAL["salinan"])
            _KOTOR["ya"] = False


@pytest.fixture(autouse=True)
def jam_sesi(monkeypatch) -> list[int]:
    """The session refresh clock stands still; a test moves it by changing
    jam_sesi[0]."""
    from kpu_iku import middleware

    detik = [JAM_SESI]
    monkeypatch.setattr(middleware, "jam", lambda: detik[0])
    return detik


@pytest.fixture
def masuk(client, jam_sesi):
    """Log a user in on the test client and return the client."""

    def _masuk(user):
        client.force_login(user)
        # Freshly refreshed, as after a first page view: the pages measured
        # next do not write the session (kpu_iku.middleware.SegarkanSesiMiddleware),
        # however long the test takes.
        sesi = client.session
        sesi["_disegarkan"] = jam_sesi[0]
        sesi.save()
        return client

    return _masuk


@pytest.fixture(autouse=True)
def sidik_tanpa_jam(monkeypatch):
    """Each test starts with empty caches and no remembered snapshot of the fingerprint, and the
    memo's clock stands still: whether a fingerprint is read in full never
    depends on how long the test took. Tests of the expiry move the clock."""
    from django.core.cache import caches

    from indicators import sidik

    for c in caches.all():
        c.clear()
    sidik.lupakan_snapshot()
    monkeypatch.setattr(sidik, "jam", lambda: 0.0)
    yield
    sidik.lupakan_snapshot()


pytest_plugins = ["tests.browser"]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the item, so fixtures can screenshot failures.
    rep = yield
    setattr(item, f"rep_{rep.when}", rep)
    return rep


def isi_data_awal() -> None:
    """Re-create the reference data of the data migration (groups, scale, satker):
    transactional tests flush the database after each test."""
    from importlib import import_module

    from django.apps import apps

    import_module("indicators.migrations.0002_data_awal").isi(apps, None)
    import_module("indicators.migrations.0003_hapus_izin_peran_aplikasi").hapus(apps, None)
    import_module("indicators.migrations.0007_admin_membaca_peran").admin_membaca_peran(apps, None)


# Per test process: the pk of the demo's decree and the database seed_demo left.
_DEMO: dict = {}


def demo_terisi() -> PenetapanIKU:
    """The database as seed_demo() leaves it, and the demo's decree: seeded
    once per test process, then put back from a copy (tests.salinan_db), in a
    fraction of the time."""
    from indicators.demo import seed_demo
    from tests import salinan_db

    if _DEMO:
        salinan_db.pulihkan(_DEMO["salinan"])
    else:
        _DEMO["pk"] = seed_demo().pk
        _DEMO["salinan"] = salinan_db.ambil()
    return PenetapanIKU.objects.select_related("satker").get(pk=_DEMO["pk"])


@pytest.fixture
def demo_live(transactional_db):
    """Demo data for browser tests (transactional: the live server sees it)."""
    return demo_terisi()


@pytest.fixture
def kaskade_kecil(db, lampiran):
    """A small cascade for reading across satker: KPU RI's 2025–2029 IKU (two
    indicators: K1 positive, K2 negative) adopted by KPU Provinsi Lampung (18)
    with Mesuji (1811) and three more Kabupaten/Kota, and by KPU Provinsi DKI
    Jakarta (31) with two. Returns {"ri": decree, kode: decree, …}; no values."""
    from indicators.kaskade.services import iku_adopsi_massal
    from indicators.models import Indikator, Kegiatan, Program, Sasaran

    ri = Satker.objects.get(kode="00")
    lampung = Satker.objects.get(kode="18")
    dki = Satker.objects.create(
        kode="31", nama="KPU Provinsi DKI Jakarta", tingkat="provinsi", induk=ri
    )
    for kode, induk in (
        ("1802", lampung),
        ("1803", lampung),
        ("1804", lampung),
        ("3171", dki),
        ("3172", dki),
    ):
        Satker.objects.create(
            kode=kode, nama=f"KPU Kabupaten {kode}", tingkat="kabkota", induk=induk
        )
    iku = PenetapanIKU.objects.create(
        satker=ri, nomor="1 Tahun 2025", tahun_awal=2025, tahun_akhir=2029
    )
    program = Program.objects.create(penetapan=iku, urutan=1, kode="1", nama="Program Dukungan")
    kegiatan = Kegiatan.objects.create(program=program, urutan=1, kode="1.1", nama="Kegiatan")
    sasaran = Sasaran.objects.create(kegiatan=kegiatan, urutan=1, kode="S1", nama="Sasaran")
    Indikator.objects.create(sasaran=sasaran, urutan=1, kode="K1", nama="Persentase layanan")
    Indikator.objects.create(
        sasaran=sasaran, urutan=2, kode="K2", nama="Jumlah temuan", polaritas="negatif"
    )
    iku_adopsi_massal(induk=iku, oleh=None, semua_turunan=True)
    hasil = {"ri": iku}
    for p in PenetapanIKU.objects.filter(tahun_awal=2025).select_related("satker"):
        hasil[p.satker.kode] = p
    return hasil
