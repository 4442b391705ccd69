"""The admin site (/admin/) against every persona: every registered model's
changelist, add, change, delete and history pages, for an object of the user's
own satker and one of another satker. A satker's Admin reaches only its own
rows; view-only models refuse add, change and delete to everyone; users who are
not staff go to the admin login. An admin URL missing from the walk fails."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from simple_history.admin import SimpleHistoryAdmin

from indicators import models as m
from indicators.admin_cakupan import JALUR_SATKER, milik_satker
from indicators.demo import salin_iku

pytestmark = pytest.mark.django_db

# Structure a satker's Admin adds, edits and deletes for its own satker.
DIUBAH_ADMIN = {
    m.UnitKerja,
    m.Pengguna,
    m.PenetapanIKU,
    m.Program,
    m.Kegiatan,
    m.Sasaran,
    m.Indikator,
}
# Besides those, a superuser also manages these.
DIUBAH_SUPERUSER = DIUBAH_ADMIN | {m.Satker, m.SkalaKategori, Group}
MODEL_KITA = [
    model for model in admin.site._registry if model._meta.app_label in ("indicators", "auth")
]

# Named admin URLs outside the per-model five, and where they are tested.
DIUJI_TERPISAH = {
    "index",
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "jsi18n",
    "app_list",
    "autocomplete",
    "view_on_site",
    "indicators_penetapaniku_lampiran",  # test_unduhan_satker_lain_ditolak
    "indicators_riwayatimpor_impor",  # tests/indicators/test_admin_cakupan.py
    "indicators_riwayatimpor_salinan",  # test_unduhan_satker_lain_ditolak
    # Satker and user import/export: tests/indicators/test_impor_pengguna.py
    "indicators_pengguna_export",
    "indicators_pengguna_import",
    "indicators_pengguna_process_import",
    "indicators_satker_export",
    "indicators_satker_import",
    "indicators_satker_process_import",
    "auth_user_password_change",  # test_kata_sandi_pengguna_satker_lain
}


def _nama_url_admin() -> set[str]:
    nama: set[str] = set()

    def jalan(pola_list, namespace=None):
        for pola in pola_list:
            if isinstance(pola, URLResolver):
                jalan(pola.url_patterns, pola.namespace or namespace)
            elif isinstance(pola, URLPattern) and namespace == "admin" and pola.name:
                nama.add(pola.name)

    jalan(get_resolver().url_patterns)
    return nama


def _nama(model, aksi: str) -> str:
    return f"{model._meta.app_label}_{model._meta.model_name}_{aksi}"


def test_every_admin_url_is_walked():
    dijalani = {
        _nama(model, aksi)
        for model in admin.site._registry
        for aksi in ("changelist", "add", "change", "delete", "history")
    }
    dijalani |= {
        _nama(model, "simple_history")
        for model, ma in admin.site._registry.items()
        if isinstance(ma, SimpleHistoryAdmin)
    }
    belum = _nama_url_admin() - dijalani - DIUJI_TERPISAH
    assert not belum, f"URL admin baru tanpa uji akses: {sorted(belum)}"


def _isi(penetapan, user):
    """One row of every kind for the decree's satker."""
    satker = penetapan.satker
    indikator = m.Indikator.objects.dari_penetapan(penetapan).first()
    nilai = m.NilaiIndikator.objects.create(
        indikator=indikator, tahun=2023, target=Decimal(10), realisasi=Decimal(9)
    )
    tahun = m.TahunKinerja.objects.kunci(satker, 2023)
    m.RiwayatStatus.objects.create(nilai=nilai, dari="draf", ke="diajukan", oleh=user)
    m.RiwayatStatus.objects.create(tahun_kinerja=tahun, dari="draf", ke="diajukan", oleh=user)
    m.BuktiDukung.objects.create(
        nilai=nilai,
        berkas="bukti/x.pdf",
        nama_asli="x.pdf",
        jenis="application/pdf",
        ukuran=10,
        diunggah_oleh=user,
    )
    kegiatan = m.Kegiatan.objects.filter(program__penetapan=penetapan).first()
    m.AnggaranKegiatan.objects.create(
        kegiatan=kegiatan, tahun=2023, pagu=Decimal(1000), realisasi=Decimal(900)
    )
    m.NarasiLaporan.objects.create(satker=satker, tahun=2023, bagian="penutup", isi="Penutup.")
    m.UnitKerja.objects.create(satker=satker, nama=f"Subbagian {satker.kode}")
    m.RiwayatImpor.objects.create(satker=satker, pengguna=user, nama_berkas="a.xlsx")
    jadwal = m.JadwalPengisian.objects.create(
        satker=satker, tahun=2023, triwulan=1, batas="2023-04-20"
    )
    jadwal.batas = "2023-04-21"
    jadwal.save()
    m.PengingatTerkirim.objects.create(pengguna=user, tahun=2023, triwulan=1, batas="2023-04-21")
    rencana = m.RencanaAksi.objects.create(indikator=indikator, tahun=2023, uraian="Sosialisasi")
    m.KemajuanRencanaAksi.objects.create(rencana=rencana, triwulan=1, target="Rapat pertama")
    # A change on record, so each history page has something to show.
    indikator.definisi = "Diubah."
    indikator.save()


def _objek(model, satker):
    if model is Group:
        return Group.objects.get(name="Operator")
    if model is m.SkalaKategori:
        return m.SkalaKategori.objects.order_by("pk").first()
    qs = model._default_manager.filter(milik_satker(model, satker.pk))
    if model is m.Pengguna:
        qs = qs.filter(is_superuser=False)
    return qs.order_by("pk").first()


@pytest.fixture
def dunia(lampiran, admin_user, operator, satker_lain, buat_pengguna, mesuji):
    lain = salin_iku(lampiran, satker_lain)
    admin_lain = buat_pengguna("admin-lain", "Admin", satker_lain, is_staff=True)
    buat_pengguna("operator-lain", "Operator", satker_lain)
    _isi(lampiran, operator)
    _isi(lain, admin_lain)
    return {
        "superuser": buat_pengguna("super", None, None, is_staff=True, is_superuser=True),
        "admin": admin_user,
        "operator": operator,
        "tanpa_peran": buat_pengguna("tanpa-peran", None, mesuji),
        "tanpa_satker": buat_pengguna("tanpa-satker", "Operator", None),
        "admin_lain": admin_lain,
    }


def _url(model, aksi, obj=None):
    args = [obj.pk] if obj is not None else None
    return reverse(f"admin:{_nama(model, aksi)}", args=args)


def _ditolak(r) -> bool:
    """Refused: another satker's object does not exist here (Django's redirect to
    the admin index), or 403/404."""
    return r.status_code in (403, 404) or (r.status_code == 302 and r.url == reverse("admin:index"))


@pytest.mark.parametrize("persona", ["operator", "tanpa_peran", "tanpa_satker"])
def test_users_who_are_not_staff_go_to_the_admin_login(persona, dunia, client, mesuji):
    client.force_login(dunia[persona])
    for model in MODEL_KITA:
        obj = _objek(model, mesuji)
        for aksi in ("changelist", "add", "change", "delete", "history"):
            url = _url(model, aksi, obj if aksi in ("change", "delete", "history") else None)
            r = client.get(url)
            assert r.status_code == 302 and "/admin/login/" in r.url, (persona, url)


# Roles are the same for every satker: tested in test_admin_cakupan (only a superuser
# changes them; whether the Admin role may read them depends on the installation).
@pytest.mark.parametrize(
    "model",
    [model for model in MODEL_KITA if model is not Group],
    ids=lambda model: model._meta.model_name,
)
@pytest.mark.parametrize("persona", ["admin", "admin_lain"])
def test_a_satker_admin_reaches_only_its_own_rows(persona, model, dunia, client, satker_lain):
    user = dunia[persona]
    sendiri = user.satker
    lain = m.Satker.objects.get(kode="1811") if persona == "admin_lain" else satker_lain
    client.force_login(user)
    obj, obj_lain = _objek(model, sendiri), _objek(model, lain)
    assert obj is not None and obj_lain is not None

    daftar = client.get(_url(model, "changelist") + f"?id__in={obj.pk},{obj_lain.pk}")
    assert daftar.status_code == 200
    html = daftar.content.decode()
    assert _url(model, "change", obj) in html
    if obj_lain != obj:
        assert _url(model, "change", obj_lain) not in html, "baris satker lain terlihat"

    boleh = model in DIUBAH_ADMIN
    assert client.get(_url(model, "add")).status_code == (200 if boleh else 403)
    halaman = client.get(_url(model, "change", obj))
    assert halaman.status_code == 200
    assert ('name="_save"' in halaman.content.decode()) == (boleh or model is m.Satker)
    assert client.get(_url(model, "delete", obj)).status_code == (200 if boleh else 403)
    assert client.get(_url(model, "history", obj)).status_code == 200

    if obj_lain != obj:
        for aksi in ("change", "delete", "history"):
            r = client.get(_url(model, aksi, obj_lain))
            assert _ditolak(r), (aksi, r.status_code)
        sebelum = model._default_manager.filter(pk=obj_lain.pk).values().get()
        r = client.post(_url(model, "delete", obj_lain), {"post": "yes"})
        assert _ditolak(r)
        r = client.post(
            _url(model, "changelist"),
            {"action": "delete_selected", "_selected_action": [obj_lain.pk], "post": "yes"},
        )
        assert model._default_manager.filter(pk=obj_lain.pk).values().get() == sebelum


@pytest.mark.parametrize("model", MODEL_KITA, ids=lambda model: model._meta.model_name)
def test_the_superuser_sees_every_satker_but_writes_no_values(model, dunia, client, mesuji):
    client.force_login(dunia["superuser"])
    obj = _objek(model, mesuji)
    assert client.get(_url(model, "changelist")).status_code == 200
    boleh = model in DIUBAH_SUPERUSER
    assert client.get(_url(model, "add")).status_code == (200 if boleh else 403)
    assert client.get(_url(model, "change", obj)).status_code == 200
    assert client.get(_url(model, "delete", obj)).status_code == (200 if boleh else 403)
    assert client.get(_url(model, "history", obj)).status_code == 200
    if model in JALUR_SATKER and model is not m.Satker:
        lain = _objek(model, m.Satker.objects.get(kode="1801"))
        assert client.get(_url(model, "change", lain)).status_code == 200


@pytest.mark.parametrize(
    "model",
    [model for model, ma in admin.site._registry.items() if isinstance(ma, SimpleHistoryAdmin)],
    ids=lambda model: model._meta.model_name,
)
def test_history_versions_can_be_read_but_never_reverted(model, dunia, client, mesuji):
    obj = _objek(model, mesuji)
    versi = obj.history.order_by("history_id").first()
    url = reverse(f"admin:{_nama(model, 'simple_history')}", args=[obj.pk, versi.history_id])
    sebelum = model._default_manager.filter(pk=obj.pk).values().get()
    for persona in ("superuser", "admin"):
        client.force_login(dunia[persona])
        halaman = client.get(url)
        assert halaman.status_code == 200
        assert 'name="_save"' not in halaman.content.decode()
        assert client.post(url, {}).status_code == 403
    assert model._default_manager.filter(pk=obj.pk).values().get() == sebelum

    rusak = reverse(f"admin:{_nama(model, 'history')}", args=[f"{obj.pk}/change"])
    assert client.get(rusak).status_code == 404

    lain = _objek(model, m.Satker.objects.get(kode="1801"))
    versi_lain = lain.history.order_by("history_id").first()
    client.force_login(dunia["admin"])
    r = client.get(
        reverse(f"admin:{_nama(model, 'simple_history')}", args=[lain.pk, versi_lain.history_id])
    )
    assert r.status_code in (403, 404)


def test_a_satker_admin_cannot_open_the_login_lockout_records(dunia, client):
    client.force_login(dunia["admin"])
    for model in admin.site._registry:
        if model._meta.app_label == "axes":
            assert client.get(_url(model, "changelist")).status_code == 403


def test_unduhan_satker_lain_ditolak(dunia, client, settings, tmp_path, satker_lain):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.base import ContentFile

    riwayat = m.RiwayatImpor.objects.filter(satker=satker_lain).get()
    riwayat.berkas.save("lain.xlsx", ContentFile(b"PK rahasia"))
    penetapan = m.PenetapanIKU.objects.get(satker=satker_lain)
    salinan = reverse("admin:indicators_riwayatimpor_salinan", args=[riwayat.pk])
    unduh = reverse("admin:indicators_penetapaniku_lampiran", args=[penetapan.pk, "datar"])

    client.force_login(dunia["admin"])
    assert client.get(salinan).status_code == 404
    assert client.get(unduh).status_code == 404
    client.force_login(dunia["admin_lain"])
    assert client.get(salinan).status_code == 200
    assert client.get(unduh).status_code == 200


def test_kata_sandi_pengguna_satker_lain(dunia, client):
    url = reverse("admin:auth_user_password_change", args=[dunia["admin_lain"].pk])
    client.force_login(dunia["admin"])
    r = client.post(url, {"password1": "Sandi-baru-2026!", "password2": "Sandi-baru-2026!"})
    assert r.status_code == 404
    dunia["admin_lain"].refresh_from_db()
    assert dunia["admin_lain"].check_password("kpu-mesuji-demo")
    sendiri = reverse("admin:auth_user_password_change", args=[dunia["operator"].pk])
    assert client.get(sendiri).status_code == 200
