"""The admin site keeps the application's rules: a satker's Admin grants only the
four roles to users of its own satker, imports only into its own satker, and
cannot bypass the lock, the workflow or the audit trail."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from indicators import models as m
from indicators.demo import isi_nilai, salin_iku
from tests.indicators.lampiran.lampiran_xlsx import tabel_sederhana

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(buat_pengguna):
    return buat_pengguna("super", None, None, is_staff=True, is_superuser=True)


def _data_pengguna(user, **ubah) -> dict:
    data = {
        "username": user.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "groups": [g.pk for g in user.groups.all()],
        "satker": user.satker_id or "",
        "unit_kerja": "",
        "jabatan": "",
    }
    return data | ubah


def test_forged_superuser_staff_and_permissions_are_ignored(client, admin_user, operator):
    client.force_login(admin_user)
    hak = Permission.objects.get(codename="delete_nilaiindikator")
    r = client.post(
        reverse("admin:indicators_pengguna_change", args=[operator.pk]),
        _data_pengguna(
            operator, is_superuser="on", is_staff="on", user_permissions=[hak.pk], jabatan="Staf"
        ),
    )
    assert r.status_code == 302
    operator.refresh_from_db()
    assert operator.jabatan == "Staf"
    assert not operator.is_superuser and not operator.is_staff
    assert not operator.user_permissions.exists()


def test_the_user_form_of_a_satker_admin_offers_only_the_four_roles(client, admin_user, operator):
    Group.objects.create(name="Pengelola TI")
    client.force_login(admin_user)
    html = client.get(
        reverse("admin:indicators_pengguna_change", args=[operator.pk])
    ).content.decode()
    assert 'name="is_superuser"' not in html and 'name="is_staff"' not in html
    assert 'name="user_permissions"' not in html
    assert "Pengelola TI" not in html and "Sekretaris" in html


def test_a_satker_admin_cannot_grant_another_group_or_move_a_user(
    client, admin_user, operator, satker_lain
):
    lain = Group.objects.create(name="Pengelola TI")
    client.force_login(admin_user)
    url = reverse("admin:indicators_pengguna_change", args=[operator.pk])
    r = client.post(url, _data_pengguna(operator, groups=[lain.pk]))
    assert r.status_code == 200 and "Masukkan pilihan yang valid" in r.content.decode()
    r = client.post(url, _data_pengguna(operator, satker=satker_lain.pk))
    assert r.status_code == 200
    operator.refresh_from_db()
    assert operator.satker.kode == "1811"
    assert list(operator.groups.values_list("name", flat=True)) == ["Operator"]


def test_the_admin_role_makes_a_user_staff_and_taking_it_away_undoes_it(
    client, admin_user, operator
):
    client.force_login(admin_user)
    url = reverse("admin:indicators_pengguna_change", args=[operator.pk])
    peran_admin = Group.objects.get(name="Admin").pk
    client.post(url, _data_pengguna(operator, groups=[peran_admin]))
    operator.refresh_from_db()
    assert operator.is_staff
    client.post(url, _data_pengguna(operator, groups=[Group.objects.get(name="Operator").pk]))
    operator.refresh_from_db()
    assert not operator.is_staff


def test_a_user_added_by_a_satker_admin_belongs_to_its_satker(
    client, admin_user, satker_lain, mesuji
):
    client.force_login(admin_user)
    data = {
        "username": "baru",
        "usable_password": "true",
        "password1": "Sandi-baru-2026!",
        "password2": "Sandi-baru-2026!",
        "groups": [Group.objects.get(name="Ketua").pk],
        "satker": "",
        "unit_kerja": "",
        "jabatan": "",
        "is_superuser": "on",
    }
    r = client.post(reverse("admin:indicators_pengguna_add"), data | {"satker": satker_lain.pk})
    assert r.status_code == 200 and not m.Pengguna.objects.filter(username="baru").exists()
    r = client.post(reverse("admin:indicators_pengguna_add"), data)
    assert r.status_code == 302
    baru = m.Pengguna.objects.get(username="baru")
    assert baru.satker == mesuji and not baru.is_superuser and not baru.is_staff


def test_a_satker_admin_never_reaches_a_superuser(client, admin_user, buat_pengguna, mesuji):
    atasan = buat_pengguna("atasan", None, mesuji, is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    daftar = client.get(reverse("admin:indicators_pengguna_changelist")).content.decode()
    assert "atasan" not in daftar
    r = client.post(
        reverse("admin:indicators_pengguna_change", args=[atasan.pk]),
        _data_pengguna(atasan, username="diambil"),
    )
    assert r.status_code == 302 and r.url == reverse("admin:index")
    atasan.refresh_from_db()
    assert atasan.username == "atasan"


def test_a_migrated_database_lets_the_admin_role_read_the_roles_only(client, admin_user):
    # The database as migrate leaves it (auth's permissions are created after
    # every migration has run, which migration 0002 did not expect).
    admin = Group.objects.get(name="Admin")
    assert set(
        admin.permissions.filter(content_type__app_label="auth").values_list("codename", flat=True)
    ) == {"view_group"}
    client.force_login(admin_user)
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 200


def test_only_a_superuser_changes_the_roles_permissions(client, admin_user, superuser):
    operator_grup = Group.objects.get(name="Operator")
    hak = Permission.objects.get(codename="delete_nilaiindikator")
    url = reverse("admin:auth_group_change", args=[operator_grup.pk])
    client.force_login(admin_user)
    data = {"name": "Operator", "permissions": [hak.pk]}
    assert client.post(url, data).status_code == 403
    assert client.post(reverse("admin:auth_group_add"), {"name": "Baru"}).status_code == 403
    assert not operator_grup.permissions.filter(pk=hak.pk).exists()
    client.force_login(superuser)
    assert client.get(url).status_code == 200


def test_the_import_offers_and_accepts_only_the_admins_satker(
    client, admin_user, satker_lain, lampiran
):
    client.force_login(admin_user)
    url = reverse("admin:indicators_riwayatimpor_impor")
    html = client.get(url).content.decode()
    assert "KPU Kabupaten Lain" not in html and "Mesuji" in html
    from django.core.files.uploadedfile import SimpleUploadedFile

    berkas = SimpleUploadedFile("lampiran.xlsx", tabel_sederhana([["1", "Program"]]))
    r = client.post(
        url,
        {"satker": satker_lain.pk, "tahun_awal": 2020, "tahun_akhir": 2024, "berkas": berkas},
    )
    assert r.status_code == 200 and "Masukkan pilihan yang valid" in r.content.decode()
    assert not m.RiwayatImpor.objects.exists()


@pytest.fixture
def tahun_disetujui(lampiran_bernilai, ketua):
    tahun = m.TahunKinerja.objects.kunci(lampiran_bernilai.satker, 2023)
    tahun.status = m.StatusTahun.DISETUJUI
    tahun.disetujui_oleh = ketua
    tahun.save()
    return tahun


@pytest.mark.parametrize("persona", ["admin_user", "superuser"])
def test_values_and_the_review_cannot_be_changed_in_the_admin(persona, request, tahun_disetujui):
    user = request.getfixturevalue(persona)
    client = request.getfixturevalue("client")
    client.force_login(user)
    nilai = m.NilaiIndikator.objects.filter(tahun=2023).first()
    sebelum = m.NilaiIndikator.objects.filter(pk=nilai.pk).values().get()
    r = client.post(
        reverse("admin:indicators_nilaiindikator_change", args=[nilai.pk]),
        {"indikator": nilai.indikator_id, "tahun": 2023, "triwulan": 0, "realisasi": "1"},
    )
    assert r.status_code == 403
    assert m.NilaiIndikator.objects.filter(pk=nilai.pk).values().get() == sebelum

    tahun = m.TahunKinerja.objects.kunci(tahun_disetujui.satker, 2024)
    r = client.post(
        reverse("admin:indicators_tahunkinerja_change", args=[tahun.pk]),
        {"satker": tahun.satker_id, "tahun": 2024, "status": "disetujui"},
    )
    assert r.status_code == 403
    tahun.refresh_from_db()
    assert tahun.status == m.StatusTahun.DRAF
    hapus = reverse("admin:indicators_tahunkinerja_delete", args=[tahun_disetujui.pk])
    assert client.post(hapus, {"post": "yes"}).status_code == 403
    assert m.TahunKinerja.objects.filter(pk=tahun_disetujui.pk).exists()


@pytest.mark.parametrize("persona", ["admin_user", "superuser"])
def test_review_and_import_history_cannot_be_deleted_by_anyone(
    persona, request, lampiran_bernilai, operator
):
    client = request.getfixturevalue("client")
    client.force_login(request.getfixturevalue(persona))
    nilai = m.NilaiIndikator.objects.filter(tahun=2023).first()
    riwayat = m.RiwayatStatus.objects.create(nilai=nilai, dari="draf", ke="diajukan", oleh=operator)
    impor = m.RiwayatImpor.objects.create(satker=nilai.indikator.satker, nama_berkas="a.xlsx")
    for model, obj in (("riwayatstatus", riwayat), ("riwayatimpor", impor)):
        assert (
            client.post(
                reverse(f"admin:indicators_{model}_delete", args=[obj.pk]), {"post": "yes"}
            ).status_code
            == 403
        )
        assert (
            client.post(
                reverse(f"admin:indicators_{model}_change", args=[obj.pk]), {"pesan": "x"}
            ).status_code
            == 403
        )
    assert m.RiwayatStatus.objects.filter(pk=riwayat.pk).exists()
    assert m.RiwayatImpor.objects.filter(pk=impor.pk).exists()


def test_only_a_superuser_changes_the_rating_scale(client, admin_user, superuser):
    skala = m.SkalaKategori.objects.get(nama="Baik")
    url = reverse("admin:indicators_skalakategori_change", args=[skala.pk])
    data = {"nama": "Baik", "batas_bawah": "70", "warna": "#2563eb"}
    client.force_login(admin_user)
    assert client.post(url, data).status_code == 403
    skala.refresh_from_db()
    assert skala.batas_bawah == Decimal(76)
    client.force_login(superuser)
    assert client.post(url, data).status_code == 302
    skala.refresh_from_db()
    assert skala.batas_bawah == Decimal(70)


def test_the_value_inline_under_an_indicator_is_read_only(client, admin_user, lampiran_bernilai):
    client.force_login(admin_user)
    indikator = m.Indikator.objects.filter(nilai__tahun=2023).first()
    html = client.get(
        reverse("admin:indicators_indikator_change", args=[indikator.pk])
    ).content.decode()
    assert 'name="nilai-0-realisasi"' not in html and 'name="nilai-0-target"' not in html
    assert 'name="nama"' in html  # the indicator's own metadata stays editable


def test_a_decree_with_values_in_an_approved_year_cannot_be_deleted(
    client, admin_user, tahun_disetujui
):
    penetapan = m.PenetapanIKU.objects.get(satker=tahun_disetujui.satker)
    client.force_login(admin_user)
    url = reverse("admin:indicators_penetapaniku_delete", args=[penetapan.pk])
    r = client.post(url, {"post": "yes"})
    assert r.status_code == 200
    assert "tahun 2023 yang sudah disetujui (terkunci)" in r.content.decode()
    assert m.PenetapanIKU.objects.filter(pk=penetapan.pk).exists()
    program = m.Program.objects.filter(penetapan=penetapan).first()
    r = client.post(reverse("admin:indicators_program_delete", args=[program.pk]), {"post": "yes"})
    assert m.Program.objects.filter(pk=program.pk).exists()


def test_a_decree_without_locked_values_is_deleted_with_its_values(
    client, buat_pengguna, lampiran, satker_lain
):
    penetapan = salin_iku(lampiran, satker_lain)
    isi_nilai(penetapan, tahun_realisasi_penuh=2023, sebagian=2024)
    client.force_login(buat_pengguna("admin-lain", "Admin", satker_lain, is_staff=True))
    url = reverse("admin:indicators_penetapaniku_delete", args=[penetapan.pk])
    r = client.post(url, {"post": "yes"})
    assert r.status_code == 302
    assert not m.PenetapanIKU.objects.filter(pk=penetapan.pk).exists()
    assert not m.NilaiIndikator.objects.milik_satker(satker_lain).exists()


def test_a_province_admin_reads_the_satkers_below_it(client, buat_pengguna, mesuji):
    provinsi = mesuji.induk
    client.force_login(buat_pengguna("admin-prov", "Admin", provinsi, is_staff=True))
    daftar = client.get(reverse("admin:indicators_satker_changelist")).content.decode()
    pusat = m.Satker.objects.get(kode="00")
    assert reverse("admin:indicators_satker_change", args=[mesuji.pk]) in daftar
    assert reverse("admin:indicators_satker_change", args=[pusat.pk]) not in daftar
    url = reverse("admin:indicators_satker_change", args=[mesuji.pk])
    assert client.get(url).status_code == 200
    r = client.post(url, {"nama": "Diubah", "kota": "", "alamat": ""})
    assert r.status_code == 403
    mesuji.refresh_from_db()
    assert mesuji.nama != "Diubah"
