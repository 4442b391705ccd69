"""At most DJANGO_RENDER_CONCURRENCY documents render at once per process; a
request that finds every place taken past the wait gets an Indonesian 503 with
Retry-After. Deterministic: the test holds the places itself and the wait is 0."""

import threading

import pytest
from django.conf import settings

from reporting.laporan import giliran, pdf
from reporting.laporan.giliran import SEMAFOR, ServerSibuk, giliran_render

pytestmark = pytest.mark.django_db


@pytest.fixture
def semua_tempat_terisi():
    for _ in range(settings.RENDER_CONCURRENCY):
        assert SEMAFOR.acquire(blocking=False)
    yield
    for _ in range(settings.RENDER_CONCURRENCY):
        SEMAFOR.release()


def test_the_default_is_two_places_per_process():
    assert settings.RENDER_CONCURRENCY == 2
    assert isinstance(SEMAFOR, type(threading.BoundedSemaphore()))


@pytest.mark.parametrize(
    "url", ["/laporan/2023/lakip.pdf", "/laporan/2023/perjanjian-kinerja.pdf", "/laporan/iku.pdf"]
)
def test_a_document_asked_while_every_place_is_taken_gets_a_503(
    masuk, operator, lampiran_bernilai, settings, semua_tempat_terisi, url
):
    settings.RENDER_WAIT = 0
    response = masuk(operator).get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Server sedang menyiapkan banyak dokumen; coba lagi sebentar lagi" in html


def test_the_render_waits_for_a_place_and_gives_it_back(semua_tempat_terisi, settings):
    settings.RENDER_WAIT = 0  # refused at once, not after the production wait
    with pytest.raises(ServerSibuk):
        pdf.html_ke_pdf("<p>x</p>")
    SEMAFOR.release()  # one place frees up
    try:
        assert pdf.html_ke_pdf("<p>x</p>").startswith(b"%PDF")
    finally:
        assert SEMAFOR.acquire(blocking=False)  # given back after the render


def test_a_failing_render_gives_its_place_back():
    with pytest.raises(RuntimeError), giliran_render(tunggu=0):
        raise RuntimeError
    tempat = [SEMAFOR.acquire(blocking=False) for _ in range(settings.RENDER_CONCURRENCY)]
    assert all(tempat)
    for _ in tempat:
        SEMAFOR.release()


def test_the_page_names_the_way_back(rf):
    response = giliran.halaman_sibuk(rf.get("/laporan/2023/lakip.pdf"))
    assert response.status_code == 503 and 'href="/laporan/"' in response.content.decode()
