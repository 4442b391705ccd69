"""Every URL of the project against every persona: anonymous → login, wrong
role → 403, another satker's object → 404, right role → 200 (or the redirect of
a POST action). A URL missing from RUTE fails the test: no new URL escapes.

To add a URL: one Rute line in RUTE (url name → kwargs builder, roles)."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from indicators.models import (
    BuktiDukung,
    Indikator,
    KemajuanRencanaAksi,
    NilaiIndikator,
    RencanaAksi,
)
from reporting.laporan import pdf

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
    # The year is not locked: the page sends the Admin back to the year.
    "tahun_buka_pilih": Rute(_tahun, ("Admin",), oke=302),
    # Another satker's Sekretaris verifies in its own queue (nothing chosen there).
    "antrean_verifikasi_nilai": Rute(None, ("Sekretaris",), post=True, luar=302),
    "antrean_kembalikan_nilai": Rute(lambda o: {"pk": o["nilai"].pk}, ("Sekretaris",), post=True),
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
    "rekap": Rute(None, ("Admin", "Sekretaris", "Ketua"), luar=200),  # its own rekap
    "rekap_indikator": Rute(
        lambda o: {"pk": o["nilai"].indikator_id}, ("Admin", "Sekretaris", "Ketua")
    ),
    "indikator_hentikan": Rute(
        lambda o: {"pk": o["nilai"].indikator_id},
        ("Admin",),
        post=True,
        data=lambda o: {"konfirmasi": "1"},
    ),
    "bantuan": Rute(None, SEMUA, luar=200),  # the same guides for every satker
    "rencana_aksi": Rute(_tahun, SEMUA),
    "rencana_aksi_indikator": Rute(lambda o: {"tahun": 2023, "pk": o["nilai"].indikator_id}, SEMUA),
    "rencana_aksi_triwulan": Rute(lambda o: {"tahun": 2023, "triwulan": 2}, SEMUA),
    "rencana_aksi_hapus": Rute(
        lambda o: {"pk": o["rencana"].pk},
        ("Operator", "Sekretaris", "Admin"),
        post=True,
        data=lambda o: {"konfirmasi": "1", "versi": "999"},  # stale: refused, kept
    ),
    "laporan_rencana_aksi_pdf": Rute(_tahun, SEMUA),
    "laporan_rencana_aksi_xlsx": Rute(_tahun, SEMUA),
    "laporan_triwulan_pdf": Rute(lambda o: {"tahun": 2023, "triwulan": 2}, SEMUA),
    "laporan_triwulan_xlsx": Rute(lambda o: {"tahun": 2023, "triwulan": 2}, SEMUA),
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
def objek(lampiran, operator, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    # Who may open a document is decided before it is laid out: the documents'
    # data and HTML are built as always, WeasyPrint's layout (seconds a page
    # set, tested in tests/reporting/laporan/) is left out here.
    monkeypatch.setattr(pdf, "html_ke_pdf", lambda html: b"%PDF-1.4\n%" + html[:20].encode())
    indikator = Indikator.objects.dari_penetapan(lampiran).first()
    nilai = NilaiIndikator.objects.create(indikator=indikator, tahun=2023, target=10, realisasi=9)
    bukti = BuktiDukung(nilai=nilai, nama_asli="sk.pdf", jenis="application/pdf", ukuran=9)
    bukti.diunggah_oleh = operator
    bukti.berkas = SimpleUploadedFile("sk.pdf", b"%PDF-1.4\n")
    bukti.save()
    rencana = RencanaAksi.objects.create(indikator=indikator, tahun=2023, uraian="Rapat koordinasi")
    KemajuanRencanaAksi.objects.create(rencana=rencana, triwulan=2, target="Selesai")
    triwulanan = Indikator.objects.dari_penetapan(lampiran).exclude(pk=indikator.pk).first()
    triwulanan.periode_ukur = "triwulanan"
    triwulanan.save()
    return {"nilai": nilai, "bukti": bukti, "rencana": rencana, "triwulanan": triwulanan}


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


# Reading pages of a Kabupaten/Kota (Mesuji, 1811) opened from above with ?satker=.
BACA_DARI_ATAS = {
    "dasbor": lambda o: "/dasbor/?tahun=2025&satker=1811",
    "beranda": lambda o: "/?tahun=2025&satker=1811",
    "indikator_detail": lambda o: f"/indikator/{o['k1'].pk}/?tahun=2025",
    "rekap_indikator": lambda o: f"/rekap/indikator/{o['k1'].pk}/?tahun=2025",
    "rekap": lambda o: "/rekap/?tahun=2025&satker=1811",
}


@pytest.fixture
def tiga_tingkat(kaskade_kecil, buat_pengguna):
    """Personas of three levels: KPU RI, KPU Provinsi Lampung and DKI Jakarta,
    and Mesuji (Kabupaten/Kota), each role where it matters."""
    from indicators.models import Satker

    s = {x.kode: x for x in Satker.objects.filter(kode__in=["00", "18", "31", "1811", "1802"])}
    return {
        "k1": Indikator.objects.dari_penetapan(kaskade_kecil["1811"]).get(kode="K1"),
        # who → expected status on Mesuji's reading pages
        "orang": [
            (buat_pengguna("ri-ketua", "Ketua", s["00"]), 200),
            (buat_pengguna("ri-admin", "Admin", s["00"]), 200),
            (buat_pengguna("ri-operator", "Operator", s["00"]), 404),
            (buat_pengguna("lampung-ketua", "Ketua", s["18"]), 200),
            (buat_pengguna("lampung-sekretaris", "Sekretaris", s["18"]), 200),
            (buat_pengguna("lampung-admin", "Admin", s["18"]), 200),
            (buat_pengguna("lampung-operator", "Operator", s["18"]), 404),
            (buat_pengguna("dki-ketua", "Ketua", s["31"]), 404),  # another province
            (buat_pengguna("mesuji-ketua", "Ketua", s["1811"]), 200),  # itself
            (buat_pengguna("tetangga-ketua", "Ketua", s["1802"]), 404),  # a neighbour
        ],
    }


@pytest.mark.parametrize("nama", sorted(BACA_DARI_ATAS))
def test_the_satker_above_read_a_kabupaten_and_no_one_else_does(nama, tiga_tingkat, client):
    url = BACA_DARI_ATAS[nama](tiga_tingkat)
    for user, status in tiga_tingkat["orang"]:
        client.force_login(user)
        harapan = status
        if nama.startswith("rekap") and user.groups.filter(name="Operator").exists():
            harapan = 403  # the rekap is for Ketua, Sekretaris and Admin
        assert client.get(url).status_code == harapan, (user.username, url)


def test_no_one_above_writes_a_kabupaten(tiga_tingkat, client):
    """Write actions on Mesuji's objects from above: 404 or the user's own satker."""
    k1 = tiga_tingkat["k1"]
    nilai = NilaiIndikator.objects.create(indikator=k1, tahun=2025, target=10, realisasi=9)
    for user, _ in tiga_tingkat["orang"][:8]:
        client.force_login(user)
        for url in (
            f"/indikator/{k1.pk}/hentikan/",
            f"/nilai/{nilai.pk}/kembalikan/",
            f"/nilai/{nilai.pk}/bukti/",
        ):
            assert client.post(url, {"konfirmasi": "1"}).status_code in (403, 404), (
                user.username,
                url,
            )
    k1.refresh_from_db()
    nilai.refresh_from_db()
    assert k1.aktif and nilai.versi == 0 and nilai.status == "draf"
