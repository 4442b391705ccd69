import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.mark.parametrize("username", ["admin", "sekretaris", "operator", "ketua"])
def test_each_demo_user_logs_in_and_sees_the_71_indicators(buka_browser, demo_live, username):
    page = buka_browser(username, formulir=True)
    assert page.url.endswith("/dasbor/")
    page.goto("/?tahun=2023")
    assert page.locator("h1").inner_text() == "Indikator Kinerja Utama 2023"
    assert page.locator("tr.baris-indikator").count() == 71
    assert page.get_by_text("Data contoh").is_visible()


def test_a_wrong_password_gets_an_indonesian_message(buka_browser, demo_live):
    page = buka_browser()
    page.goto("/accounts/login/")
    page.fill("#id_username", "operator")
    page.fill("#id_password", "salah")
    page.click("button[type=submit]")
    assert page.get_by_role("alert").inner_text().startswith("Nama pengguna atau kata sandi salah")
