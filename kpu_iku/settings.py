"""Settings for KPU IKU, read from the environment.

Local defaults run out of the box (SQLite file, debug off unless asked for);
production refuses to start without DJANGO_SECRET_KEY.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ya"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY wajib diisi bila DJANGO_DEBUG tidak aktif. "
            "Setel variabel lingkungan DJANGO_SECRET_KEY (lihat README)."
        )
    SECRET_KEY = "django-insecure-hanya-untuk-pengembangan-lokal"

# Signs backup archives (HMAC-SHA256, kpu_iku/cadangan.py); without it a key
# derived from SECRET_KEY. A separate key lets old backups survive a new SECRET_KEY.
BACKUP_KEY = os.environ.get("DJANGO_BACKUP_KEY", "")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "import_export",
    "simple_history",
    "axes",
    "csp",
    "indicators",
    "reporting",
    "kpu_iku",  # the operations commands: backup, restore
]

MIDDLEWARE = [
    # The request log wraps everything, so its duration includes the middleware.
    "kpu_iku.middleware.LogPermintaanMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kpu_iku.middleware.SegarkanSesiMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # A clean 503 page while the database is unreachable.
    "kpu_iku.middleware.BasisDataTerputusMiddleware",
]

ROOT_URLCONF = "kpu_iku.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "indicators.context_processors.aplikasi",
                "kpu_iku.context_processors.akun",
            ],
        },
    },
    {
        # Only for templates named *.jinja, rendered with using="jinja2".
        "NAME": "jinja2",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "kpu_iku.jinja2.lingkungan"},
    },
]

WSGI_APPLICATION = "kpu_iku.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite (make run) has one writer at a time: every transaction takes the
    # write lock when it begins and waits for it, so of two simultaneous saves
    # the second runs after the first and gets the conflict message, not a
    # "database is locked" error page.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}

# Each worker process's own memory. What is cached is filed under a
# fingerprint of the data it was computed from (indicators.sidik), so it is
# never stale, on one server or several; the limits bound memory only.
# "default" holds whole page parts (a dashboard body, a rekap table: tens of
# kB each); "ringkasan" one small summary per office and year for the rekap,
# room for all 553 offices over several years.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "halaman",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("DJANGO_CACHE_ENTRIES", "1000"))},
    },
    "ringkasan": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ringkasan",
        "OPTIONS": {"MAX_ENTRIES": 10000},
    },
}

AUTH_USER_MODEL = "indicators.Pengguna"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/dasbor/"  # the dashboard: what needs attention comes first
LOGOUT_REDIRECT_URL = "/accounts/login/"

# Sessions end after inactivity (seconds). A session is refreshed by the user's
# requests, written at most once per SESSION_REFRESH_SECONDS (kpu_iku.middleware).
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_AGE", str(60 * 60)))
SESSION_REFRESH_SECONDS = min(300, SESSION_COOKIE_AGE // 4)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Documents (WeasyPrint) rendered at once per process, and how long a request waits
# for a place before it gets a 503 (reporting/laporan/giliran.py). Per server: workers × N.
RENDER_CONCURRENCY = int(os.environ.get("DJANGO_RENDER_CONCURRENCY", "2"))
RENDER_WAIT = float(os.environ.get("DJANGO_RENDER_WAIT", "20"))
if RENDER_CONCURRENCY < 1 or RENDER_WAIT < 0:
    raise ImproperlyConfigured(
        "DJANGO_RENDER_CONCURRENCY harus bilangan bulat 1 atau lebih, "
        "DJANGO_RENDER_WAIT bilangan detik 0 atau lebih."
    )

# django-axes: lock out after 5 failed logins for one hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
# Lock the account name per address: an office behind one NAT address must not
# be locked out as a whole because one person mistyped.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The address is the client's, not nginx's (kpu_iku/alamat.py): with
# DJANGO_TRUSTED_PROXY_COUNT proxies in front, X-Forwarded-For is read when the
# request comes from DJANGO_TRUSTED_PROXIES; otherwise REMOTE_ADDR.
AXES_CLIENT_IP_CALLABLE = "kpu_iku.alamat.alamat_klien"
try:
    TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT") or 0)
    if TRUSTED_PROXY_COUNT < 0:
        raise ValueError
except ValueError:
    raise ImproperlyConfigured(
        "DJANGO_TRUSTED_PROXY_COUNT harus bilangan bulat 0 atau lebih (jumlah proxy di depan "
        f"aplikasi), bukan {os.environ.get('DJANGO_TRUSTED_PROXY_COUNT')!r}."
    ) from None
try:
    TRUSTED_PROXIES = [
        ipaddress.ip_network(a, strict=False)
        for a in env_list("DJANGO_TRUSTED_PROXIES", "127.0.0.1,::1")
    ]
except ValueError as exc:
    raise ImproperlyConfigured(
        f"DJANGO_TRUSTED_PROXIES berisi alamat yang tidak sah ({exc}); tulis alamat IP atau "
        "jaringan (mis. 127.0.0.1,10.0.0.0/24), dipisah koma."
    ) from None
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"

# E-mail, for password reset. SMTP when DJANGO_EMAIL_HOST is set; while
# debugging with nothing configured, messages are printed to the console.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
try:
    EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT") or 587)
except ValueError:
    raise ImproperlyConfigured(
        "DJANGO_EMAIL_PORT harus nomor port (mis. 587), bukan "
        f"{os.environ.get('DJANGO_EMAIL_PORT')!r}."
    ) from None
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "KPU IKU <noreply@localhost>")
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.dummy.EmailBackend"
)
EMAIL_TERSEDIA = bool(EMAIL_HOST or os.environ.get("DJANGO_EMAIL_BACKEND"))
# The login page offers "Lupa kata sandi?" only where the link can reach the user.
RESET_SANDI_AKTIF = EMAIL_TERSEDIA or DEBUG

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Off so years and ids print as 2023, not 2.023; the angka/persen filters group explicitly.
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["kpu_iku.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded evidence is never served from a public URL: downloads go through views.
MEDIA_URL = "/media-tidak-publik/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and not env_bool("DJANGO_PLAIN_STATIC")
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Security: strict unless debugging. HTTPS settings follow DJANGO_HTTPS so an
# office intranet without TLS keeps working; check --deploy expects them on.
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("DJANGO_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# An Indonesian page that says what to do, instead of Django's English one.
CSRF_FAILURE_VIEW = "kpu_iku.views.csrf_gagal"
X_FRAME_OPTIONS = "DENY"

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# JSON lines by default (one object per line, for journald/log shippers);
# DJANGO_LOG_FORMAT=text for the plain format.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "kpu_iku.logformat.FormatJSON"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain" if os.environ.get("DJANGO_LOG_FORMAT") == "text" else "json",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # Libraries that narrate every step at INFO: only their warnings matter.
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
if DEBUG:
    # runserver (make run) logs each request itself on "django.server"; the
    # application's request log (kpu_iku.middleware) already wrote it, so the
    # console would show every request twice.
    LOGGING["loggers"]["django.server"] = {"handlers": [], "propagate": False}

# The pages load only their own CSS, JS and images: no inline script or style,
# no CDN. The admin of Django 5.2 satisfies it too (tests/test_csp_browser.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

# Monitoring may ask over plain HTTP on loopback; the answer holds no secret.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
