"""The target grid on a phone: one card per indicator with a labelled field
per year, every field in view, nothing scrolling sideways."""

import pytest

from tests.browser import label_kartu, tanpa_gulir_samping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("pengguna", ["ketua", "sekretaris"])
def test_the_targets_fit_a_phone_as_labelled_cards(buka_browser, demo_live, pengguna):
    page = buka_browser(pengguna, lebar=360, tinggi=740)
    page.goto("/target/")
    assert not page.locator(".tabel-target thead").is_visible()
    kartu = page.locator(".tabel-target tr.baris-indikator").first
    assert label_kartu(kartu)[-1] == "Target akhir Renstra"
    assert len(label_kartu(kartu)) == 6  # five years and the Renstra's end
    # The Sekretaris types targets; the Ketua reads them.
    assert (kartu.locator("input.input-angka").count() >= 2) is (pengguna == "sekretaris")
    tanpa_gulir_samping(page, terlihat=".tabel-target tr.baris-indikator td.angka")
