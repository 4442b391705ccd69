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


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium tidak ditemukan di {CHROMIUM}: jalankan `make system-deps`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def buka_browser(chromium, live_server, request):
    """Returns a function giving a fresh logged-in page (its own context, so
    two users can work side by side)."""
    konteks = []

    def buka(username: str | None = None, lebar: int = 1280, tinggi: int = 900):
        ctx = chromium.new_context(
            viewport={"width": lebar, "height": tinggi}, base_url=live_server.url, locale="id-ID"
        )
        ctx.set_default_timeout(15000)
        konteks.append(ctx)
        page = ctx.new_page()
        if username:
            page.goto("/accounts/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", "kpu-mesuji-demo")
            page.click("button[type=submit]")
            page.wait_for_load_state()
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
