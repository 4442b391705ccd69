"""The help page: a guide per role in Indonesian — what to do, in what order,
by when — opening on the user's own role, linked from the menu."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "persona, judul, tenggat",
    [
        ("operator", "Bantuan untuk Operator", "pertengahan Januari"),
        ("sekretaris", "Bantuan untuk Sekretaris", "Ajukan tahun kepada Ketua"),
        ("ketua", "Bantuan untuk Ketua", "Tandatangani Perjanjian Kinerja"),
        ("admin_user", "Bantuan untuk Admin", "Impor Lampiran IKU"),
    ],
)
def test_each_role_opens_its_own_guide(request, masuk, lampiran, persona, judul, tenggat):
    html = masuk(request.getfixturevalue(persona)).get("/bantuan/").content.decode()
    assert f"<h1>{judul}</h1>" in html
    assert tenggat in html
    assert "28 Februari" in html  # the Laporan Kinerja's deadline, in every guide
    assert "(peran Anda)" in html


def test_every_guide_can_be_read_and_an_unknown_one_falls_back(masuk, operator, lampiran):
    client = masuk(operator)
    assert "<h1>Bantuan untuk Ketua</h1>" in client.get("/bantuan/?peran=ketua").content.decode()
    assert "<h1>Bantuan untuk Operator</h1>" in client.get("/bantuan/?peran=x").content.decode()


def test_the_menu_links_to_it_on_every_page(masuk, ketua, lampiran):
    html = masuk(ketua).get("/").content.decode()
    assert '<a href="/bantuan/">Bantuan</a>' in html
    assert '<a href="/bantuan/" aria-current="page">Bantuan</a>' in (
        masuk(ketua).get("/bantuan/").content.decode()
    )
