"""Who may open the report pages and documents: the 302/403/404/200 ladder."""

import pytest

from indicators.models import StatusTahun, TahunKinerja

DOKUMEN = [
    "/laporan/",
    "/laporan/2023/lakip.pdf",
    "/laporan/2023/perjanjian-kinerja.pdf",
    "/laporan/iku.pdf",
    "/laporan/2023/ikhtisar.xlsx",
    "/laporan/2023/pengukuran-kinerja.xlsx",
    "/laporan/2023/narasi/",
    "/laporan/2023/anggaran/",
]


@pytest.mark.parametrize("url", DOKUMEN)
def test_anonymous_visitors_get_the_login_page_and_no_document(client, lampiran, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not response.content.startswith(b"%PDF")


@pytest.mark.parametrize("url", [u for u in DOKUMEN if u != "/laporan/"])
def test_an_outsider_sees_nothing_of_another_satker(masuk, orang_luar, lampiran, url):
    assert masuk(orang_luar).get(url).status_code == 404


@pytest.mark.parametrize("url", ["/laporan/2019/lakip.pdf", "/laporan/2030/anggaran/"])
def test_a_year_outside_the_period_is_not_found(masuk, sekretaris, lampiran, url):
    assert masuk(sekretaris).get(url).status_code == 404


@pytest.mark.parametrize("peran", ["operator", "sekretaris", "ketua", "admin_user"])
def test_every_role_of_the_satker_sees_the_list_of_documents(request, masuk, peran, lampiran):
    TahunKinerja.objects.create(satker=lampiran.satker, tahun=2022, status=StatusTahun.DISETUJUI)
    response = masuk(request.getfixturevalue(peran)).get("/laporan/")
    assert response.status_code == 200
    html = response.content.decode()
    for tahun in range(2020, 2025):
        assert f'href="/laporan/{tahun}/lakip.pdf"' in html
        assert f'href="/laporan/{tahun}/perjanjian-kinerja.pdf"' in html
        assert f'href="/laporan/{tahun}/ikhtisar.xlsx"' in html
    assert 'href="/laporan/iku.pdf?tahun=2020"' in html
    assert html.count("status-disetujui") == 1 and html.count("status-draf") == 4


def test_the_menu_links_to_the_reports(masuk, operator, lampiran):
    assert 'href="/laporan/"' in masuk(operator).get("/laporan/").content.decode()
