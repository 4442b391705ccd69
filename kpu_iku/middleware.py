"""Middleware for operating the application: a clean 503 while the database is
unreachable, one structured log line per request, and the session's sliding expiry."""

import logging
import time

from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

from kpu_iku.views import GALAT_BASIS_DATA, halaman_basis_data_terputus, log_ops

log_permintaan = logging.getLogger("kpu_iku.permintaan")


class BasisDataTerputusMiddleware:
    """Turns a lost database connection in a view into a 503 page in
    Indonesian instead of a 500. Django closes the broken connection at the end
    of the request (CONN_HEALTH_CHECKS), so the next request reconnects."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, GALAT_BASIS_DATA):
            log_ops.error(
                "basis data tidak terjangkau: %s %s", request.method, request.path, exc_info=True
            )
            return halaman_basis_data_terputus(request)
        return None


def _pengguna(request: HttpRequest) -> tuple[str, int | None]:
    """The user and satker, only if this request already loaded them: the log
    line must not cost a query (nor fail when the database is down)."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return "-", None
    if not user.is_authenticated:
        return "-", None
    return user.get_username(), getattr(user, "satker_id", None)


class LogPermintaanMiddleware:
    """One line per request: method, path (never the query string, which may
    carry tokens), status, duration, user and satker. Never bodies or files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        mulai = time.perf_counter()
        response = self.get_response(request)
        durasi_ms = round((time.perf_counter() - mulai) * 1000, 1)
        pengguna, satker_id = _pengguna(request)
        tingkat = logging.WARNING if response.status_code >= 500 else logging.INFO
        log_permintaan.log(
            tingkat,
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": durasi_ms,
                "user": pengguna,
                "satker_id": satker_id,
            },
        )
        return response


# The clock of the session refresh; tests replace it, so that whether a request
# writes the session never depends on how long a test took.
jam = time.time


class SegarkanSesiMiddleware:
    """Sessions end after SESSION_COOKIE_AGE without activity. Saving the
    session on every request (SESSION_SAVE_EVERY_REQUEST) would write it to the
    database on every page view; instead a logged-in user's session is saved,
    and so its expiry moved on, when its last refresh is older than
    SESSION_REFRESH_SECONDS. The idle limit is then between SESSION_COOKIE_AGE
    minus that interval and SESSION_COOKIE_AGE."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.selang = settings.SESSION_REFRESH_SECONDS

    def __call__(self, request):
        response = self.get_response(request)
        # Only where the request already read its user (so the session is
        # loaded): this never queries on its own, e.g. while the database is down.
        user = getattr(request, "_cached_user", None)
        if user is None or not user.is_authenticated or response.status_code >= 500:
            return response
        sesi = request.session
        sekarang = int(jam())
        if sekarang - sesi.get("_disegarkan", 0) >= self.selang:
            sesi["_disegarkan"] = sekarang
        return response
