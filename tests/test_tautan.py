"""Every in-app link on the dashboard, the IKU page and the Antrean leads to a
page that answers, and to an element of that page when it names one."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from indicators.demo import isi_penjelasan
from indicators.models import Indikator, NilaiIndikator, Pengguna, StatusReviu

pytestmark = pytest.mark.django_db


class _Tautan(HTMLParser):
    def __init__(self):
        super().__init__()
        self.href: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.href.append(href)


def tautan_dalam(html: str, halaman: str) -> list[str]:
    pengurai = _Tautan()
    pengurai.feed(html)
    hasil = []
    for href in pengurai.href:
        if href.startswith("#"):
            href = halaman.split("#")[0] + href
        bagian = urlsplit(href)
        if bagian.scheme or bagian.netloc or not bagian.path.startswith("/"):
            continue
        if bagian.path.startswith(("/static/", "/accounts/logout")):
            continue
        hasil.append(href)
    return sorted(set(hasil))


def periksa_semua(client, halaman: str) -> list[str]:
    r = client.get(halaman)
    assert r.status_code == 200, halaman
    daftar = tautan_dalam(r.content.decode(), halaman)
    assert daftar, f"{halaman} tanpa tautan"
    # Each page once, with every element the links name in it.
    jangkar_per_alamat: dict[str, set[str]] = {}
    for href in daftar:
        alamat, _, jangkar = href.partition("#")
        jangkar_per_alamat.setdefault(alamat, set()).add(jangkar)
    for alamat, semua_jangkar in jangkar_per_alamat.items():
        tujuan = client.get(alamat, follow=True)
        assert tujuan.status_code == 200, f"{halaman}: {alamat} → {tujuan.status_code}"
        if not tujuan.get("Content-Type", "").startswith("text/html"):
            continue
        isi = tujuan.content.decode()
        for jangkar in sorted(semua_jangkar - {""}):
            assert re.search(rf'\bid="{re.escape(jangkar)}"', isi), (
                f"{halaman}: {alamat}#{jangkar} menunjuk elemen yang tidak ada"
            )
    return daftar


@pytest.fixture
def data(lampiran_bernilai, operator):
    """Entries in every state the pages link from: under target, returned, submitted."""
    isi_penjelasan(lampiran_bernilai)
    nilai = list(
        NilaiIndikator.objects.filter(
            indikator__in=Indikator.objects.dari_penetapan(lampiran_bernilai), tahun=2024
        ).order_by("pk")[:6]
    )
    for n in nilai[:3]:
        n.status = StatusReviu.DIKEMBALIKAN
        n.catatan_reviu = "Lengkapi bukti."
    for n in nilai[3:]:
        n.status = StatusReviu.DIAJUKAN
    NilaiIndikator.objects.bulk_update(nilai, ["status", "catatan_reviu"])
    return lampiran_bernilai


@pytest.mark.parametrize(
    "halaman",
    ["/dasbor/?tahun=2024", "/?tahun=2024", "/antrean/", "/dasbor/?tahun=2023"],
)
@pytest.mark.parametrize("peran", ["operator", "sekretaris"])
def test_every_link_leads_to_a_page_and_its_element(
    halaman, peran, data, operator, sekretaris, client, settings
):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    client.force_login({"operator": operator, "sekretaris": sekretaris}[peran])
    periksa_semua(client, halaman)


def test_a_chosen_satker_is_kept_by_the_dashboards_links(data, client, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    root = Pengguna.objects.create_superuser("akar", password="x-kata-sandi-panjang")
    client.force_login(root)
    r = client.get("/dasbor/?tahun=2024&satker=1811")
    daftar = [
        h
        for h in tautan_dalam(r.content.decode(), "/dasbor/")
        if h.startswith(("/dasbor/?", "/realisasi/2"))
    ]
    assert daftar
    for href in daftar:
        assert "satker=1811" in href, href
