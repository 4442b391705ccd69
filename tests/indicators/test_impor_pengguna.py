"""Satker and users through the admin's import (upload → preview → confirm) and
export, and the one-time set-password links imported users get."""

import re
from io import BytesIO

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from indicators.models import Pengguna, Satker, UnitKerja

pytestmark = pytest.mark.django_db

JUDUL_PENGGUNA = ["username", "nama lengkap", "email", "satker kode", "unit kerja", "peran"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def superuser(buat_pengguna, mesuji):
    return buat_pengguna("super", None, mesuji, is_staff=True, is_superuser=True)


def _xlsx(baris: list[list]) -> SimpleUploadedFile:
    wb = Workbook()
    for r in baris:
        wb.active.append(r)
    keluaran = BytesIO()
    wb.save(keluaran)
    return SimpleUploadedFile("pengguna.xlsx", keluaran.getvalue(), content_type=XLSX)


def _unggah(client, model: str, berkas):
    """Step 1: upload; the library checks the file in a dry run and shows a preview."""
    return client.post(
        reverse(f"admin:indicators_{model}_import"),
        {"resource": "0", "format": "0", "import_file": berkas},
    )


def _konfirmasi(client, model: str, pratinjau):
    form = pratinjau.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields}
    return client.post(reverse(f"admin:indicators_{model}_process_import"), data)


def _ekspor(client, model: str) -> bytes:
    url = reverse(f"admin:indicators_{model}_export")
    form = client.get(url).context["form"]
    data = {"format": "0", "resource": "0"}
    data |= {n: "on" for n, f in form.fields.items() if getattr(f, "is_selectable_field", False)}
    response = client.post(url, data)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return response.content


def _baris(isi: bytes) -> list[tuple]:
    return list(load_workbook(BytesIO(isi)).active.iter_rows(values_only=True))


def test_imported_users_get_their_roles_no_password_and_a_link_shown_after_import(
    client, superuser, mesuji
):
    client.force_login(superuser)
    berkas = _xlsx(
        [
            JUDUL_PENGGUNA,
            ["rina", "Rina Wulandari", "rina@kpu.go.id", 1811, "Subbagian Keuangan", "Operator"],
            ["bayu", "Bayu Pratama", "", "18", "", "ketua"],
        ]
    )
    pratinjau = _unggah(client, "pengguna", berkas)
    assert pratinjau.status_code == 200
    assert "confirm_form" in pratinjau.context, pratinjau.content.decode()[:3000]
    assert "Pratinjau" in pratinjau.content.decode()
    assert not Pengguna.objects.filter(username__in=["rina", "bayu"]).exists()  # a dry run

    hasil = _konfirmasi(client, "pengguna", pratinjau)
    assert hasil.status_code == 200
    rina = Pengguna.objects.get(username="rina")
    bayu = Pengguna.objects.get(username="bayu")
    assert (rina.satker.kode, rina.get_full_name(), rina.email) == (
        "1811",
        "Rina Wulandari",
        "rina@kpu.go.id",
    )
    assert rina.unit_kerja == UnitKerja.objects.get(satker=mesuji, nama="Subbagian Keuangan")
    assert list(rina.groups.values_list("name", flat=True)) == ["Operator"]
    assert bayu.satker.kode == "18"
    assert list(bayu.groups.values_list("name", flat=True)) == ["Ketua"]
    for user in (rina, bayu):
        assert not user.has_usable_password()
        assert not user.is_staff and not user.is_superuser
    tautan = {b["pengguna"].username: b["tautan"] for b in hasil.context["baris"]}
    assert set(tautan) == {"rina", "bayu"}
    assert tautan["rina"] in hasil.content.decode()
    assert "Impor selesai: 2 baru, 0 berubah, 0 tetap (pengguna)." in hasil.content.decode()


def test_the_link_sets_a_password_once_and_the_user_can_log_in(client, superuser, mesuji):
    client.force_login(superuser)
    berkas = _xlsx([JUDUL_PENGGUNA, ["rina", "Rina", "", "1811", "", "Operator"]])
    hasil = _konfirmasi(client, "pengguna", _unggah(client, "pengguna", berkas))
    tautan = hasil.context["baris"][0]["tautan"]
    client.logout()

    path = re.sub(r"^https?://[^/]+", "", tautan)
    langkah = client.get(path)
    assert langkah.status_code == 302  # to the form, token kept in the session
    form = client.get(langkah.url)
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    sandi = "Sandi-baru-rina-2025"
    selesai = client.post(langkah.url, {"new_password1": sandi, "new_password2": sandi})
    assert selesai.status_code == 302
    masuk = client.post(reverse("login"), {"username": "rina", "password": sandi})
    assert masuk.status_code == 302 and "_auth_user_id" in client.session

    client.logout()
    lagi = client.get(path, follow=True)  # used: the token no longer works
    assert "new_password1" not in lagi.content.decode()


def test_bad_rows_are_listed_in_indonesian_and_nothing_is_written(
    client, superuser, operator, mesuji
):
    client.force_login(superuser)
    sebelum = Pengguna.objects.count()
    berkas = _xlsx(
        [
            JUDUL_PENGGUNA,
            ["baik", "Baik", "", "1811", "Subbagian Baru", "Operator"],
            ["tanpa-satker", "A", "", "9999", "", "Operator"],
            ["peran-aneh", "B", "", "1811", "", "Bendahara"],
            ["operator", "C", "", "1811", "", "Operator"],
            ["kembar", "D", "", "1811", "", "Operator"],
            ["kembar", "E", "", "1811", "", "Operator"],
        ]
    )
    response = _unggah(client, "pengguna", berkas)
    assert "confirm_form" not in response.context
    html = response.content.decode()
    assert "Ada baris yang belum benar" in html
    assert "Tidak ada satker dengan kode “9999”." in html
    assert "Peran “Bendahara” tidak dikenal" in html
    assert "“operator” sudah dipakai pengguna lain." in html
    assert "“kembar” muncul lebih dari sekali di berkas." in html
    nomor = {r.number + 1 for r in response.context["result"].invalid_rows}
    assert nomor == {3, 4, 5, 6, 7}  # rows of the sheet; the header is row 1
    assert Pengguna.objects.count() == sebelum
    assert not UnitKerja.objects.filter(nama="Subbagian Baru").exists()


def test_a_satker_admin_imports_only_users_of_its_own_satker(
    client, admin_user, mesuji, satker_lain
):
    client.force_login(admin_user)
    berkas = _xlsx(
        [
            JUDUL_PENGGUNA,
            ["orang-sini", "Sini", "", "1811", "", "Admin"],
            ["orang-sana", "Sana", "", satker_lain.kode, "", "Operator"],
        ]
    )
    response = _unggah(client, "pengguna", berkas)
    assert "confirm_form" not in response.context
    assert (
        f"Satker “{satker_lain.kode}” bukan satker Anda (1811): Admin satker hanya boleh "
        "mengimpor pengguna satkernya sendiri." in response.content.decode()
    )
    assert not Pengguna.objects.filter(username__in=["orang-sini", "orang-sana"]).exists()

    berkas = _xlsx([JUDUL_PENGGUNA, ["orang-sini", "Sini", "", "1811", "", "Admin"]])
    _konfirmasi(client, "pengguna", _unggah(client, "pengguna", berkas))
    baru = Pengguna.objects.get(username="orang-sini")
    assert list(baru.groups.values_list("name", flat=True)) == ["Admin"]
    # The Admin role makes a user staff, as in the user form; never superuser.
    assert baru.is_staff and not baru.is_superuser and not baru.has_usable_password()


def test_only_superusers_import_or_export_satker(client, admin_user, mesuji):
    client.force_login(admin_user)
    assert client.get(reverse("admin:indicators_satker_import")).status_code == 403
    assert client.get(reverse("admin:indicators_satker_export")).status_code == 403


def test_a_user_without_the_admin_role_cannot_import_users(client, buat_pengguna, mesuji):
    staf = buat_pengguna("staf", "Operator", mesuji, is_staff=True)
    client.force_login(staf)
    assert client.get(reverse("admin:indicators_pengguna_import")).status_code == 403


def test_satker_import_matches_by_kode_and_updates_induk(client, superuser, mesuji):
    client.force_login(superuser)
    pk = mesuji.pk
    berkas = _xlsx(
        [
            ["kode", "nama", "tingkat", "induk", "kota"],
            ["1811", "Komisi Pemilihan Umum Kabupaten Mesuji", "kabkota", "00", "Mesuji"],
            [
                "1812",
                "Komisi Pemilihan Umum Kabupaten Tulang Bawang Barat",
                "kabkota",
                18,
                "Tulang Bawang Barat",
            ],
            ["1813", "Contoh", "kabkota", "77", "Contoh"],
        ]
    )
    salah = _unggah(client, "satker", berkas)
    assert "Tidak ada satker dengan kode “77”." in salah.content.decode()
    assert not Satker.objects.filter(kode="1812").exists()

    berkas = _xlsx(
        [
            ["Kode", "Nama", "Tingkat", "Induk", "Kota"],
            ["1811", "Komisi Pemilihan Umum Kabupaten Mesuji", "kabkota", "00", "Mesuji"],
            [
                "1812",
                "Komisi Pemilihan Umum Kabupaten Tulang Bawang Barat",
                "kabkota",
                18,
                "Tulang Bawang Barat",
            ],
        ]
    )
    _konfirmasi(client, "satker", _unggah(client, "satker", berkas))
    mesuji = Satker.objects.get(kode="1811")
    assert (mesuji.pk, mesuji.induk.kode) == (pk, "00")
    assert Satker.objects.get(kode="1812").induk.kode == "18"


def test_satker_export_reads_back_unchanged(client, superuser, mesuji):
    client.force_login(superuser)
    isi = _ekspor(client, "satker")
    baris = _baris(isi)
    assert baris[0] == ("kode", "nama", "tingkat", "induk", "kota")
    assert ("1811", "Komisi Pemilihan Umum Kabupaten Mesuji", "kabkota", "18", "Mesuji") in baris

    berkas = SimpleUploadedFile("satker.xlsx", isi, content_type=XLSX)
    pratinjau = _unggah(client, "satker", berkas)
    jenis = {r.import_type for r in pratinjau.context["result"].rows}
    assert jenis == {"skip"}


def test_user_export_has_the_import_columns_and_a_satker_admin_sees_only_its_satker(
    client, admin_user, operator, orang_luar
):
    operator.first_name = "=1+1"
    operator.save()
    client.force_login(admin_user)
    isi = _ekspor(client, "pengguna")
    baris = _baris(isi)
    assert list(baris[0]) == JUDUL_PENGGUNA
    per_username = {b[0]: b for b in baris[1:]}
    assert set(per_username) == {"admin", "operator"}
    assert per_username["operator"][1:] == ("=1+1", None, "1811", None, "Operator")
    sel = load_workbook(BytesIO(isi)).active["B3"]
    assert (sel.value, sel.data_type) == ("=1+1", "s")  # text, not a formula


def test_the_action_downloads_links_as_text_cells_for_own_satker_users_only(
    client, admin_user, operator, orang_luar, superuser
):
    operator.first_name = '=HYPERLINK("http://contoh.invalid","klik")'
    operator.save()
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:indicators_pengguna_changelist"),
        {
            "action": "buat_tautan_atur_sandi",
            "index": "0",
            "_selected_action": [operator.pk, orang_luar.pk, superuser.pk],
        },
    )
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    ws = load_workbook(BytesIO(response.content)).active
    baris = list(ws.iter_rows(min_row=2))
    assert [r[0].value for r in baris] == ["operator"]
    assert all(sel.data_type == "s" for r in ws.iter_rows() for sel in r)
    assert baris[0][1].value.startswith("=HYPERLINK")
    assert "/accounts/reset/" in baris[0][3].value


def test_a_role_group_name_is_all_the_import_grants(client, superuser, mesuji):
    client.force_login(superuser)
    berkas = _xlsx([JUDUL_PENGGUNA, ["x", "X", "", "1811", "", "superuser"]])
    response = _unggah(client, "pengguna", berkas)
    assert "Peran “superuser” tidak dikenal" in response.content.decode()
    assert Group.objects.filter(name="superuser").count() == 0
