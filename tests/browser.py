"""Playwright on Debian's Chromium, for tests that click through the app as a
user would (against pytest-django's live_server). Screenshots of failures go
to $TMPDIR/kpu-iku-screenshots, outside the repository."""

import os
import tempfile
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
FOLDER_GAMBAR = Path(tempfile.gettempdir()) / "kpu-iku-screenshots"
# How long any wait (a locator, a navigation, expect) may take: generous, for a
# machine busy with other work; a passing wait returns as soon as it holds.
BATAS_MS = 30_000

# Font metrics differ between Chromium builds and the fonts a machine has: a
# page that fits only with the metrics of one build fits by luck. Besides the
# page's own fonts, the width check forces wider ones on every element.
HURUF_PENGGANTI = [
    None,
    "'DejaVu Sans', sans-serif",
    "'DejaVu Sans Mono', monospace",
]


# The elements sticking out of the viewport, outside containers that scroll
# themselves: what a failure message names.
MENONJOL = """() => {
  const w = window.innerWidth, hasil = [];
  const digulir = e => {
    for (let a = e.parentElement; a; a = a.parentElement) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.right > w + 0.5 && !digulir(e)) {
      hasil.push(`${e.tagName.toLowerCase()}.${e.className} ${Math.round(r.width)} px`);
    }
  }
  return hasil.slice(-5);
}"""


# The elements matching a selector that are not wholly in view: outside the
# viewport, or cut off by a container that scrolls or clips them sideways.
TERSEMBUNYI = """sel => {
  const w = window.innerWidth, hasil = [];
  const els = [...document.querySelectorAll(sel)];
  if (!els.length) return ['tidak ada elemen ' + sel];
  for (const e of els) {
    const r = e.getBoundingClientRect();
    let salah = r.width === 0 || r.left < -0.5 || r.right > w + 0.5;
    for (let a = e.parentElement; a && !salah; a = a.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) {
        const k = a.getBoundingClientRect();
        salah = r.left < k.left - 0.5 || r.right > k.right + 0.5;
      }
    }
    if (salah) hasil.push(`${e.tagName.toLowerCase()}.${e.className} “${e.innerText.slice(0, 30)}”`);
  }
  return hasil.slice(0, 5);
}"""


def label_kartu(baris) -> list[str]:
    """The labels a table row shows as a phone card: each cell's ::before text
    (from data-label), in order, for the cells on screen."""
    return baris.evaluate(
        """tr => [...tr.children].filter(c => c.getClientRects().length)
          .map(c => getComputedStyle(c, '::before').content)
          .filter(k => k && k !== 'none' && k !== 'normal')
          .map(k => JSON.parse(k))"""
    )


def tanpa_gulir_samping(page, terlihat: str | None = None) -> None:
    """Asserts that the page's stylesheets loaded and that it does not scroll
    sideways in its viewport, with its own fonts and with wider substitutes
    (letter-spacing .05em). Tables may scroll inside their own container,
    except that every element matching `terlihat` (a table's figures) must be
    wholly in view, with each of the fonts, not hidden to the right."""
    kosong = page.evaluate(
        "[...document.styleSheets].filter(s => s.href && s.cssRules.length === 0).map(s => s.href)"
    )
    assert kosong == [], f"stylesheet tidak termuat: {kosong}"
    for huruf in HURUF_PENGGANTI:
        if huruf:
            # A constructed stylesheet: the pages' CSP refuses inline <style>.
            page.evaluate(
                """css => { const s = new CSSStyleSheet(); s.replaceSync(css);
                document.adoptedStyleSheets = [s]; }""",
                f"*, *::before, *::after {{ font-family: {huruf} !important;"
                " letter-spacing: .05em !important; }",
            )
            berlaku = page.evaluate("getComputedStyle(document.body).fontFamily")
            assert berlaku == huruf.replace("'", '"'), berlaku
        lebar, layar = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert lebar <= layar, (
            f"{page.url} {lebar} px > {layar} px dengan huruf {huruf or 'halaman'}: "
            f"{page.evaluate(MENONJOL)}"
        )
        if terlihat:
            tersembunyi = page.evaluate(TERSEMBUNYI, terlihat)
            assert tersembunyi == [], (
                f"{page.url} dengan huruf {huruf or 'halaman'}: tidak terlihat utuh {tersembunyi}"
            )


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium tidak ditemukan di {CHROMIUM}: jalankan `make system-deps`.")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=BATAS_MS)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def buka_browser(chromium, live_server, request, settings):
    """Returns a function giving a fresh logged-in page (its own context, so
    two users can work side by side)."""
    # live_server serves /static/ through the finders, which know only the plain
    # names; the hashed names of the manifest storage would be 404 (no CSS, no JS).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    konteks = []

    def buka(
        username: str | None = None, lebar: int = 1280, tinggi: int = 900, formulir: bool = False
    ):
        """A page logged in as `username`, still blank: with a session made
        for it (Django's force_login) unless `formulir`, which logs in through
        the login form and lands where a user lands (the dashboard)."""
        ctx = chromium.new_context(
            viewport={"width": lebar, "height": tinggi}, base_url=live_server.url, locale="id-ID"
        )
        ctx.set_default_timeout(BATAS_MS)
        konteks.append(ctx)
        page = ctx.new_page()
        if username and not formulir:
            from django.contrib.auth import get_user_model
            from django.test import Client

            klien = Client()
            klien.force_login(get_user_model().objects.get(username=username))
            nama = settings.SESSION_COOKIE_NAME
            ctx.add_cookies(
                [{"name": nama, "value": klien.cookies[nama].value, "url": live_server.url}]
            )
        elif username:
            page.goto("/accounts/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", "kpu-mesuji-demo")
            page.click("button[type=submit]")
            # The click returns before the redirect has landed.
            page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return page

    yield buka
    gagal = getattr(request.node, "rep_call", None)
    if gagal is not None and gagal.failed:
        FOLDER_GAMBAR.mkdir(parents=True, exist_ok=True)
        for i, ctx in enumerate(konteks):
            for j, page in enumerate(ctx.pages):
                page.screenshot(path=str(FOLDER_GAMBAR / f"{request.node.name}-{i}-{j}.png"))
    for ctx in konteks:
        ctx.close()


AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


def kontras_aa(page, konteks: str = "body") -> None:
    """Asserts that axe-core's color-contrast rule (WCAG AA: 4.5:1, large text
    3:1) finds nothing on the page. axe is evaluated through the DevTools
    protocol, which the pages' Content-Security-Policy does not govern; it is a
    test tool (tests/vendor/axe-core), never served by the application."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    hasil = page.evaluate(
        """async konteks => {
          const r = await axe.run(konteks, {runOnly: {type: 'rule', values: ['color-contrast']},
                                            resultTypes: ['violations']});
          return r.violations.flatMap(v => v.nodes.map(n => n.target.join(' ') + ': '
            + (n.any[0] && n.any[0].message)));
        }""",
        konteks,
    )
    assert hasil == [], f"{page.url} kontras kurang:\n" + "\n".join(hasil[:15])
