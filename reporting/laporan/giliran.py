"""At most DJANGO_RENDER_CONCURRENCY documents render at once in a server process.

A WeasyPrint render keeps a CPU busy for seconds; eight LAKIP downloads at once
once made another user's dashboard wait 44 s. Renders take a place in one
process-wide bounded semaphore; a request that finds no place within
DJANGO_RENDER_WAIT seconds gets an Indonesian 503 page with Retry-After instead
of queueing without end. gunicorn workers are separate processes, each with its
own semaphore: a server renders at most workers × N documents at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader

SEMAFOR = threading.BoundedSemaphore(settings.RENDER_CONCURRENCY)
COBA_LAGI_DETIK = 30


class ServerSibuk(Exception):
    """No render place became free in time."""


@contextmanager
def giliran_render(tunggu: float | None = None) -> Iterator[None]:
    """Hold one of the process's render places, waiting at most `tunggu` seconds
    (DJANGO_RENDER_WAIT by default); ServerSibuk if none became free."""
    batas = settings.RENDER_WAIT if tunggu is None else tunggu
    if not SEMAFOR.acquire(timeout=max(batas, 0)):
        raise ServerSibuk
    try:
        yield
    finally:
        SEMAFOR.release()


def halaman_sibuk(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        loader.render_to_string("laporan/sibuk.html", request=request), status=503
    )
    response["Retry-After"] = str(COBA_LAGI_DETIK)
    response["Cache-Control"] = "no-store"
    return response


def tolak_bila_sibuk(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A document view answers the 503 page when no render place is free in time."""

    @wraps(view)
    def bungkus(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except ServerSibuk:
            return halaman_sibuk(request)

    return bungkus
