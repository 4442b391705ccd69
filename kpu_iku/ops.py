"""Operating the application: health check, a clean 503 while the database is
unreachable, and one structured log line per request."""

import logging
import sys
import time

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.functional import empty
from django.views.decorators.cache import never_cache
from django.views.defaults import bad_request

log_permintaan = logging.getLogger("kpu_iku.permintaan")
log_ops = logging.getLogger("kpu_iku.ops")

# Raised by the drivers when the server is gone, the connection was cut or
# cannot be opened; a 503 tells the user (and nginx) to try again shortly.
GALAT_BASIS_DATA = (OperationalError, InterfaceError)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 otherwise. Says nothing about the
    configuration: monitoring needs a yes/no, an attacker needs nothing."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        log_ops.warning("healthz: basis data tidak terjangkau", exc_info=True)
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def halaman_basis_data_terputus(request: HttpRequest | None = None) -> HttpResponse:
    # Rendered without a RequestContext: the context processors and
    # request.user would query the database that is down.
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


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


def galat_server(request: HttpRequest) -> HttpResponse:
    """handler500: a database error raised outside a view (in a middleware)
    still gets the 503 page; anything else the plain 500 page. Neither touches
    the database."""
    if isinstance(sys.exc_info()[1], GALAT_BASIS_DATA):
        return halaman_basis_data_terputus(request)
    return HttpResponse(loader.render_to_string("500.html"), status=500)


def permintaan_buruk(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400. Django's session middleware reports a failed session save
    (the database went away after the view ran) as SessionInterrupted, a 400
    telling the user they logged out elsewhere; when a database error is the
    cause, say what really happened."""
    sebab: BaseException | None = exception
    while sebab is not None:
        if isinstance(sebab, GALAT_BASIS_DATA):
            return halaman_basis_data_terputus(request)
        sebab = sebab.__cause__ or sebab.__context__
    return bad_request(request, exception)


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
