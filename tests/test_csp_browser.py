"""The pages satisfy their own Content-Security-Policy in a real browser:
Chromium reports no violation on the login page, the IKU page and the admin."""

import pytest

from indicators.models import Indikator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Collects violations from inside the page; injected by the browser itself, so
# the policy does not apply to it.
PENDENGAR = """
window.__pelanggaran = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__pelanggaran.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


def _pelanggaran(page, url: str) -> list[str]:
    konsol: list[str] = []
    page.on(
        "console",
        lambda m: (
            konsol.append(m.text)
            if "Content Security Policy" in m.text or "Refused to" in m.text
            else None
        ),
    )
    page.add_init_script(PENDENGAR)
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    return konsol + page.evaluate("window.__pelanggaran")


def test_the_login_page_causes_no_policy_violation(buka_browser, demo_live):
    page = buka_browser()
    assert _pelanggaran(page, "/accounts/login/") == []


def test_the_iku_page_causes_no_policy_violation(buka_browser, demo_live):
    page = buka_browser("operator")
    assert _pelanggaran(page, "/?tahun=2023") == []
    assert page.locator("tr.baris-indikator").count() == 71


def test_the_admin_causes_no_policy_violation(buka_browser, demo_live):
    indikator = Indikator.objects.get(
        kode="1.1.1.1", sasaran__kegiatan__program__penetapan=demo_live
    )
    page = buka_browser("admin")
    for url in [
        "/admin/",
        "/admin/indicators/indikator/",
        f"/admin/indicators/indikator/{indikator.pk}/change/",
        "/admin/indicators/pengguna/add/",
        "/admin/auth/group/",
    ]:
        assert _pelanggaran(page, url) == [], url


def test_an_inline_script_would_be_reported(buka_browser, demo_live):
    # The listener really sees violations: a script injected into the page is refused.
    page = buka_browser()
    _pelanggaran(page, "/accounts/login/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.jalan = 1'; document.body.appendChild(s); }"
    )
    # The report arrives as an event: wait for it rather than for a fixed time.
    page.wait_for_function("window.__pelanggaran.some(v => v.startsWith('script-src'))")
    assert page.evaluate("window.jalan") is None
