"""Text on the main pages reads at WCAG AA contrast, category badges included
(axe-core's color-contrast rule, in Chromium, at desktop and phone widths)."""

import pytest

from tests.browser import kontras_aa

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HALAMAN = [
    ("ketua", "/dasbor/?tahun=2023"),
    ("ketua", "/?tahun=2023"),
    ("operator", "/realisasi/2024/"),
    ("operator", "/antrean/"),
    ("sekretaris", "/antrean/"),
]


@pytest.mark.parametrize("lebar", [1366, 360])
def test_the_main_pages_and_their_category_badges_pass_the_contrast_check(
    buka_browser, demo_live, lebar
):
    halaman = {}
    for pengguna, alamat in HALAMAN:
        if pengguna not in halaman:
            halaman[pengguna] = buka_browser(pengguna, lebar=lebar, tinggi=900)
        page = halaman[pengguna]
        page.goto(alamat)
        if alamat.startswith("/dasbor/"):
            # Closed <details> hide their text from the check: open them all.
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            assert page.locator(".kategori").count() >= 5  # every band of the scale shows
        kontras_aa(page)
