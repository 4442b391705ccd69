from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import NilaiIndikator, TahunKinerja

pytestmark = pytest.mark.django_db


def _data(client):
    r = client.get(reverse("target"))
    assert r.status_code == 200
    data = {}
    for p in r.context["hierarki"]:
        for k in p["kegiatan"]:
            for s in k["sasaran"]:
                for i in s["indikator"]:
                    b = i.baris
                    data[f"a{i.pk}"] = b.akhir_teks
                    data[f"a{i.pk}-asal"] = b.akhir_asal
                    for sel in b.sel:
                        if not sel.terkunci:
                            n = f"t{i.pk}-{sel.tahun}"
                            data[n] = sel.teks
                            data[n + "-versi"] = "" if sel.versi is None else str(sel.versi)
                            data[n + "-asal"] = sel.asal
    return data


def _n(tahun):
    return NilaiIndikator.objects.filter(tahun=tahun).order_by("pk").first()


def test_the_sekretaris_sets_targets_and_the_end_target(lampiran_bernilai, sekretaris, masuk):
    client = masuk(sekretaris)
    data = _data(client)
    n = _n(2024)
    data[f"t{n.indikator_id}-2024"] = "1.250,5"
    data[f"a{n.indikator_id}"] = "1.300"
    assert client.post(reverse("target"), data).status_code == 302
    n.refresh_from_db()
    n.indikator.refresh_from_db()
    assert n.target == Decimal("1250.5")
    assert n.indikator.target_akhir == Decimal(1300)
    assert n.history.first().history_user == sekretaris


def test_bad_targets_are_listed_and_nothing_is_saved(lampiran_bernilai, admin_user, masuk):
    client = masuk(admin_user)
    data = _data(client)
    n, m = _n(2024), _n(2022)
    data[f"t{n.indikator_id}-2024"] = "-1"
    data[f"t{m.indikator_id}-2022"] = "7"
    r = client.post(reverse("target"), data)
    assert r.status_code == 400
    assert "Tidak boleh negatif." in r.content.decode()
    m.refresh_from_db()
    assert m.target != Decimal(7)


def test_locked_years_are_read_only_in_the_target_grid(lampiran_bernilai, sekretaris, masuk):
    TahunKinerja.objects.create(satker=lampiran_bernilai.satker, tahun=2022, status="disetujui")
    client = masuk(sekretaris)
    n = _n(2022)
    r = client.get(reverse("target"))
    assert f'name="t{n.indikator_id}-2022"' not in r.content.decode()
    # A crafted post for the locked year is refused by the save itself.
    data = _data(client)
    data[f"t{n.indikator_id}-2022"] = "999"
    data[f"t{n.indikator_id}-2022-versi"] = str(n.versi)
    data[f"t{n.indikator_id}-2022-asal"] = "x"
    r = client.post(reverse("target"), data)
    assert "terkunci" in r.content.decode()
    n.refresh_from_db()
    assert n.target != Decimal(999)


def test_a_stale_target_is_a_conflict(lampiran_bernilai, sekretaris, admin_user, masuk, client):
    client = masuk(sekretaris)
    lama = _data(client)
    n = _n(2024)
    client.force_login(admin_user)
    baru = _data(client)
    baru[f"t{n.indikator_id}-2024"] = "5"
    client.post(reverse("target"), baru)
    client.force_login(sekretaris)
    lama[f"t{n.indikator_id}-2024"] = "6"
    r = client.post(reverse("target"), lama)
    assert r.status_code == 409
    assert n.indikator.kode in r.content.decode()
    n.refresh_from_db()
    assert n.target == Decimal(5)


def test_operators_and_ketua_only_read_targets(lampiran_bernilai, operator, ketua, masuk):
    client = masuk(operator)
    assert 'class="input-angka"' not in client.get(reverse("target")).content.decode()
    assert client.post(reverse("target"), {}).status_code == 403
    client.force_login(ketua)
    assert client.post(reverse("target"), {}).status_code == 403


@pytest.mark.parametrize("metode", ["get", "post"])
def test_the_target_grid_takes_a_fixed_number_of_queries(
    lampiran_bernilai, sekretaris, masuk, metode
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from indicators.models import Indikator

    client = masuk(sekretaris)

    def hitung(isi: str) -> int:
        data = _data(client)
        for k in list(data):
            if k.startswith("t") and not k.endswith(("-versi", "-asal")):
                data[k] = isi  # every cell changes: the worst case
        with CaptureQueriesContext(connection) as q:
            if metode == "get":
                assert client.get(reverse("target")).status_code == 200
            else:
                assert client.post(reverse("target"), data).status_code == 302
        return len(q.captured_queries)

    hitung("5")  # the first save also creates the years' TahunKinerja rows
    besar = hitung("3")
    sisa = list(Indikator.objects.dari_penetapan(lampiran_bernilai).values_list("pk", flat=True))
    Indikator.objects.filter(pk__in=sisa[4:]).delete()
    assert hitung("4") == besar
