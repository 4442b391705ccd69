"""Every URL of the project against every persona: anonymous → login, wrong
role → 403, another satker's object → 404, right role → 200 (or the redirect of
a POST action). A URL missing from RUTE fails the test: no new URL escapes.

To add a URL: one Rute line in RUTE (url name → kwargs builder, roles)."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from indicators.models import BuktiDukung, Indikator, NilaiIndikator

pytestmark = pytest.mark.django_db

SEMUA = ("Admin", "Operator", "Sekretaris", "Ketua")

# Not behind a login on purpose, or Django's own auth/admin views (tested upstream).
DILEWATI_NAMESPACE = {"admin"}
DILEWATI = {
    "kategori_css",  # colours of the public rating scale: a stylesheet, no data
    "healthz",  # for the monitor, no login; tested in tests/test_healthz.py
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}


@dataclass
class Rute:
    kwargs: Callable[[dict], dict] | None  # objects → URL kwargs
    peran: tuple[str, ...]  # roles allowed
    post: bool = False  # POST-only action (GET is a 405)
    luar: int = 404  # what an allowed role of another satker gets
    data: Callable[[dict], dict] | None = None  # POST body for the allowed role
    oke: int | None = None  # expected status for the allowed role
    query: Callable[[dict], str] | None = None  # query string


def _tahun(o):
    return {"tahun": 2023}


RUTE: dict[str, Rute] = {
    "beranda": Rute(None, SEMUA),
    "bukti_unduh": Rute(lambda o: {"pk": o["bukti"].pk}, SEMUA),
    "realisasi_bawaan": Rute(None, SEMUA, oke=302),
    "realisasi": Rute(_tahun, SEMUA),
    "realisasi_capaian": Rute(
        _tahun, SEMUA, query=lambda o: f"?indikator={o['nilai'].indikator_id}&realisasi=85,5"
    ),
    "realisasi_periode": Rute(lambda o: {"tahun": 2023, "kode": "tw2"}, SEMUA),
    "realisasi_periode_capaian": Rute(
        lambda o: {"tahun": 2023, "kode": "tw2"},
        SEMUA,
        query=lambda o: f"?indikator={o['triwulanan'].pk}&realisasi=5",
    ),
    "kekurangan": Rute(None, SEMUA),
    "jadwal_ubah": Rute(_tahun, ("Admin",), post=True),
    "realisasi_ajukan": Rute(_tahun, ("Operator",), post=True),
    "realisasi_verifikasi": Rute(_tahun, ("Sekretaris",), post=True),
    "tahun_ajukan": Rute(_tahun, ("Sekretaris",), post=True, data=lambda o: {"konfirmasi": "1"}),
    "tahun_setujui": Rute(_tahun, ("Ketua",), post=True, data=lambda o: {"konfirmasi": "1"}),
    "tahun_kembalikan": Rute(_tahun, ("Ketua",), post=True),
    "tahun_buka": Rute(_tahun, ("Admin",), post=True),
    "nilai_detail": Rute(lambda o: {"pk": o["nilai"].pk}, SEMUA),
    "nilai_kembalikan": Rute(lambda o: {"pk": o["nilai"].pk}, ("Sekretaris",), post=True),
    "bukti_tambah": Rute(
        lambda o: {"pk": o["nilai"].pk}, ("Operator", "Sekretaris", "Admin"), post=True
    ),
    "bukti_hapus": Rute(
        lambda o: {"pk": o["bukti"].pk},
        ("Operator",),
        post=True,
        data=lambda o: {"konfirmasi": "1"},
    ),
    "target": Rute(None, SEMUA),
    "antrean": Rute(None, SEMUA, luar=200),
    "dasbor": Rute(None, SEMUA),
    "laporan": Rute(None, SEMUA, luar=200),  # its own (empty) list, nothing of Mesuji
    "laporan_iku_pdf": Rute(None, SEMUA),
    "laporan_lakip_pdf": Rute(_tahun, SEMUA),
    "laporan_pk_pdf": Rute(_tahun, SEMUA),
    "laporan_ikhtisar_xlsx": Rute(_tahun, SEMUA),
    "laporan_pengukuran_xlsx": Rute(_tahun, SEMUA),
    "laporan_narasi": Rute(_tahun, SEMUA),
    "laporan_anggaran": Rute(_tahun, SEMUA),
    "lampiran_unduh": Rute(lambda o: {"bentuk": "datar"}, SEMUA),
    "indikator_detail": Rute(lambda o: {"pk": o["nilai"].indikator_id}, SEMUA),
    "kaskade": Rute(None, ("Admin",), luar=200),  # every satker's own cascade page
    # POST actions on the user's own satker: another satker's Admin acts on its own (302).
    "kaskade_adopsi": Rute(None, ("Admin",), post=True, luar=302),
    "kaskade_adopsi_anak": Rute(None, ("Admin",), post=True, luar=302),
    "kaskade_terima_revisi": Rute(None, ("Admin",), post=True, luar=302),
    "kaskade_salin_periode": Rute(None, ("Admin",), post=True, luar=302),
    "sesi_segarkan": Rute(None, SEMUA, post=True, luar=200, oke=200),
}


def semua_nama_url() -> set[str]:
    """Every named URL pattern of the project, walking includes recursively."""
    nama: set[str] = set()

    def jalan(pola_list, namespace=None):
        for pola in pola_list:
            if isinstance(pola, URLResolver):
                ns = pola.namespace or namespace
                if ns in DILEWATI_NAMESPACE:
                    continue
                jalan(pola.url_patterns, ns)
            elif isinstance(pola, URLPattern):
                if pola.name is None:
                    raise AssertionError(f"Pola URL tanpa nama: {pola.pattern}")
                nama.add(f"{namespace}:{pola.name}" if namespace else pola.name)

    jalan(get_resolver().url_patterns)
    return nama


def test_every_url_pattern_is_in_the_access_table():
    belum = semua_nama_url() - DILEWATI - set(RUTE)
    assert not belum, f"URL baru tanpa uji akses: {sorted(belum)} — tambahkan ke RUTE."


@pytest.fixture
def objek(lampiran, operator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    indikator = Indikator.objects.dari_penetapan(lampiran).first()
    nilai = NilaiIndikator.objects.create(indikator=indikator, tahun=2023, target=10, realisasi=9)
    bukti = BuktiDukung(nilai=nilai, nama_asli="sk.pdf", jenis="application/pdf", ukuran=9)
    bukti.diunggah_oleh = operator
    bukti.berkas = SimpleUploadedFile("sk.pdf", b"%PDF-1.4\n")
    bukti.save()
    triwulanan = Indikator.objects.dari_penetapan(lampiran).exclude(pk=indikator.pk).first()
    triwulanan.periode_ukur = "triwulanan"
    triwulanan.save()
    return {"nilai": nilai, "bukti": bukti, "triwulanan": triwulanan}


@pytest.fixture
def persona(admin_user, operator, sekretaris, ketua, orang_luar):
    return {
        "Admin": admin_user,
        "Operator": operator,
        "Sekretaris": sekretaris,
        "Ketua": ketua,
        "luar": orang_luar,
    }


@pytest.mark.parametrize("nama", sorted(RUTE))
def test_the_access_ladder_holds_for(nama, objek, persona, client):
    rute = RUTE[nama]
    url = reverse(nama, kwargs=rute.kwargs(objek) if rute.kwargs else None)
    url += rute.query(objek) if rute.query else ""
    minta = client.post if rute.post else client.get

    r = minta(url)
    assert r.status_code == 302 and r.url.startswith("/accounts/login/"), "anonim"

    for peran, user in persona.items():
        if peran == "luar":
            continue
        client.force_login(user)
        if peran not in rute.peran:
            assert minta(url).status_code == 403, f"{peran} harus ditolak (403)"

    # Another satker's operator, given a role allowed here when possible.
    luar = persona["luar"]
    if "Operator" not in rute.peran:
        luar.groups.clear()
        from django.contrib.auth.models import Group

        luar.groups.add(Group.objects.get(name=rute.peran[0]))
    client.force_login(luar)
    assert minta(url).status_code == rute.luar, "satker lain"

    for peran in rute.peran:
        client.force_login(persona[peran])
        if rute.post:
            assert client.get(url).status_code == 405, f"{peran}: GET pada aksi POST"
            r = client.post(url, rute.data(objek) if rute.data else {})
            assert r.status_code == (rute.oke or 302), f"{peran}: POST"
        else:
            assert client.get(url).status_code == (rute.oke or 200), peran


@pytest.mark.parametrize("nama", sorted(RUTE))
def test_a_user_without_a_role_or_a_satker_is_sent_to_their_admin(
    nama, objek, buat_pengguna, mesuji, client
):
    """No role (or, not a superuser, no satker): a 403 page asking to contact the
    Admin, on every page: no view lets such an account through."""
    from indicators.akses import TANPA_PERAN, TANPA_SATKER

    rute = RUTE[nama]
    url = reverse(nama, kwargs=rute.kwargs(objek) if rute.kwargs else None)
    url += rute.query(objek) if rute.query else ""
    minta = client.post if rute.post else client.get
    for user, pesan in (
        (buat_pengguna("tanpa-peran", None, mesuji), TANPA_PERAN),
        (buat_pengguna("tanpa-satker", "Operator", None), TANPA_SATKER),
    ):
        client.force_login(user)
        r = minta(url, rute.data(objek) if rute.post and rute.data else {})
        assert r.status_code == 403, user.username
        assert pesan in r.content.decode(), user.username


def test_the_operator_cannot_reach_the_admin(operator, client):
    client.force_login(operator)
    r = client.get("/admin/")
    assert r.status_code == 302 and "/admin/login/" in r.url


def test_five_failed_logins_lock_the_account(operator, client):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "operator", "password": "salah"})
    r = client.post("/accounts/login/", {"username": "operator", "password": "kpu-mesuji-demo"})
    assert r.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


def test_a_user_changes_their_password_from_the_account_menu(operator, client):
    client.force_login(operator)
    halaman = client.get(reverse("beranda") + "?tahun=2023")
    assert reverse("password_change") in halaman.content.decode()
    r = client.post(
        reverse("password_change"),
        {
            "old_password": "kpu-mesuji-demo",
            "new_password1": "Rahasia-baru-2026",
            "new_password2": "Rahasia-baru-2026",
        },
    )
    assert r.status_code == 302 and r.url == reverse("password_change_done")
    operator.refresh_from_db()
    assert operator.check_password("Rahasia-baru-2026")
