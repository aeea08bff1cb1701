"""fupin settings: the one module that reads the environment.

Every setting an operator may change comes from an environment variable documented in
``docs/operations.md``. Nothing is read from the database at start-up.
"""

from __future__ import annotations

import ipaddress
import json
import os
from pathlib import Path

import dj_database_url
import yaml
from django.core.exceptions import ImproperlyConfigured

from fupin.config.paths import HOME, NODE_MODULES, PACKAGE_DIR, VAR_DIR  # noqa: F401

#: ``production`` turns on the strict checks (keys must come from the environment, HTTPS).
ENVIRONMENT = os.environ.get("FUPIN_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
DEBUG = os.environ.get("FUPIN_DEBUG", "0") == "1" and not PRODUCTION


def _key_from_env_or_file(env_name: str, filename: str) -> str | None:
    """A key from the environment, else (outside production) from ``var/<filename>``."""
    value = os.environ.get(env_name, "").strip()
    if value:
        return value
    if PRODUCTION:
        return None
    path = VAR_DIR / filename
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    return None


SECRET_KEY = _key_from_env_or_file("FUPIN_SECRET_KEY", "secret_key")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "FUPIN_SECRET_KEY is not set. A production start needs it: generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    # Development without `make demo`: a per-process key (sessions do not survive restarts).
    import secrets

    SECRET_KEY = "dev-" + secrets.token_urlsafe(40)

#: Fernet key(s) for personal data, comma-separated, newest first (MultiFernet rotation).
#: Checked where it is used (``fupin.core.crypto``) and by ``fupin serve`` before it starts.
FUPIN_DATA_KEY = _key_from_env_or_file("FUPIN_DATA_KEY", "data.key")
#: Key of the identity numbers' lookup hashes, pinned before the data key is rotated (ADR 0056);
#: unset, it is derived from the (single) data key.
FUPIN_LOOKUP_KEY = _key_from_env_or_file("FUPIN_LOOKUP_KEY", "lookup.key") or ""
#: Key of the audit ledger's HMAC chain (ADR 0015); outside the database like the data key.
FUPIN_LEDGER_KEY = _key_from_env_or_file("FUPIN_LEDGER_KEY", "ledger.key")
if PRODUCTION and not FUPIN_LEDGER_KEY:
    raise ImproperlyConfigured(
        "FUPIN_LEDGER_KEY is not set. A production start needs it (it keys the audit ledger's "
        "hash chain): generate one with `python -c 'import secrets; "
        "print(secrets.token_urlsafe(32))'` and keep it apart from the database.")
#: Signed checkpoints of the ledger head written by `fupin audit anchor`, outside the database.
FUPIN_LEDGER_ANCHORS = os.environ.get("FUPIN_LEDGER_ANCHORS", "") or str(
    VAR_DIR / "ledger-anchors.log")

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("FUPIN_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("FUPIN_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_tables2",
    "django_filters",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "fupin.config",
    "fupin.core",
    "fupin.regions",
    "fupin.accounts",
    "fupin.households",
    "fupin.monitoring",
    "fupin.cases",
    "fupin.assessment",
    "fupin.ecommerce",
    "fupin.accountability",
    "fupin.evaluation",
    "fupin.consolidation",
    "fupin.dashboards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "fupin.core.middleware.ChineseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fupin.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "fupin.core.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "fupin.config.urls"
WSGI_APPLICATION = "fupin.config.wsgi.application"

# List pages (fupin.core.lists): Bootstrap 5 tables, server paging and sorting.
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table table-sm table-striped table-dense"}

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fupin.accounts.context_processors.scope",
                "fupin.core.menus.context",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'fupin.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # Writers take the lock when they begin, so two writers never interleave (audit chain).
        "transaction_mode": "IMMEDIATE",
        "timeout": float(os.environ.get("FUPIN_SQLITE_TIMEOUT", "20")),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A test database in a file, so tests can read the raw bytes the product wrote.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background tasks and the cache (job progress) ------------------------------------------
# Long jobs (imports, exports) run in a worker (`fupin worker`, started by `fupin serve`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
if os.environ.get("FUPIN_REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": os.environ["FUPIN_REDIS_URL"]}}
else:
    # Shared by the web server and the worker on one machine.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": str(VAR_DIR / "cache")}}
FUPIN_EXCHANGE_DIR = VAR_DIR / "exchange"
#: Uploads, exports and reports are removed this many days after their job started.
FUPIN_EXCHANGE_RETENTION_DAYS = int(os.environ.get("FUPIN_EXCHANGE_RETENTION_DAYS", "7"))
FUPIN_MAX_UPLOAD_MB = int(os.environ.get("FUPIN_MAX_UPLOAD_MB", "200"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- The case procedure (monitoring guidance, 2020): deadlines in days, per deployment ---
FUPIN_CASE_DEADLINES = {
    "alerted": int(os.environ.get("FUPIN_DEADLINE_VISIT", "3")),
    "visited": 2, "compared": 2, "reviewed": 1, "township_approved": 3,
    "elim_proposed": 3, "elim_reviewed": 2, "elim_township_approved": 5,
    "step": 3, "review": 2,
    "first_measure": int(os.environ.get("FUPIN_DEADLINE_FIRST_MEASURE", "15")),
    "visit_interval": int(os.environ.get("FUPIN_VISIT_INTERVAL_DAYS", "30")),
}
#: Called by `fupin.core.jobs.recover_stale` at worker start: each fails the jobs of its app
#: whose worker is gone. The django-tasks recoverer runs last (it closes the task results).
FUPIN_JOB_RECOVERERS = [
    "fupin.monitoring.tasks.recover_stale_runs",
    "fupin.monitoring.integrity_tasks.recover_stale_integrity_runs",
    "fupin.core.exchange_jobs.recover_stale_exchange_jobs",
    "fupin.core.jobs.recover_task_results",
]
#: How deadline days are counted unless a province says otherwise: "calendar" or "working"
#: (working days by the State Council's holiday arrangements, see fupin.core.deadlines).
FUPIN_DEADLINE_CALENDAR = os.environ.get("FUPIN_DEADLINE_CALENDAR", "calendar")


def _deadlines_by_province(value: str) -> dict:
    """Per-province deadline overrides: JSON, or the path of a JSON/YAML file, e.g.
    ``{"51": {"calendar": "working", "cases.case": {"alerted": 5}}}``."""
    if not value.strip():
        return {}
    if value.lstrip().startswith("{"):
        data = json.loads(value)
    else:
        data = yaml.safe_load(Path(value).read_text(encoding="utf-8")) or {}
    bad = [k for k in data if not (isinstance(k, str) and len(k) == 2 and k.isdigit())]
    calendars = {v.get("calendar", "calendar") for v in data.values() if isinstance(v, dict)}
    if bad or not calendars <= {"calendar", "working"} or not all(
            isinstance(v, dict) for v in data.values()):
        raise ImproperlyConfigured("FUPIN_DEADLINES_BY_PROVINCE maps 2-digit province codes "
                                   "to {calendar: calendar|working, WORKFLOW: {STATE: days}}")
    return data


FUPIN_DEADLINES_BY_PROVINCE = _deadlines_by_province(
    os.environ.get("FUPIN_DEADLINES_BY_PROVINCE", ""))
#: Called with (actor=, run=) after a monitoring run started from the screens.
FUPIN_AFTER_MONITORING_RUN = ["fupin.cases.services.sync_from_run",
                              "fupin.accountability.services.sync_from_run"]
#: Called with (actor=, run=) after an integrity run (ADR 0037): flagged signals become leads.
FUPIN_AFTER_INTEGRITY_RUN = ["fupin.accountability.integrity_sync.sync_integrity_run"]
# --- Accountability (ADR 0027, 0028) ---
#: Days to rectify a finding by severity (a province may override them under
#: "accountability.rectification" in FUPIN_DEADLINES_BY_PROVINCE).
FUPIN_RECTIFICATION_DAYS = {
    "minor": int(os.environ.get("FUPIN_RECTIFY_MINOR_DAYS", "30")),
    "general": int(os.environ.get("FUPIN_RECTIFY_GENERAL_DAYS", "60")),
    "serious": int(os.environ.get("FUPIN_RECTIFY_SERIOUS_DAYS", "90")),
}
#: 12317 reports are handled within 15 days, extendable once to 20 (from receipt).
FUPIN_COMPLAINT_DAYS = {"handle": 15, "extended": 20}
#: A complaint about a household raises an alert in the case procedure through this.
FUPIN_COMPLAINT_ALERT = "fupin.cases.services.open_or_attach"
#: How a finding's link of each kind is found for a user (region-checked); households are
#: built in. Kinds of apps not installed yet (evaluation, e-commerce) are refused.
FUPIN_FINDING_LINK_RESOLVERS = {"case": "fupin.config.links.case_division",
                                "expenditure": "fupin.evaluation.access.expenditure_division"}
# --- Parts of the economy recorded by other apps (ADR 0042) ---
#: Providers of the least each economy component must hold (households never imports them):
#: ``provider([(household_pk, year)]) -> {(pk, year): {component: Decimal}}``.
FUPIN_ECONOMY_FLOORS = ["fupin.ecommerce.linkage_income.economy_floors"]
#: Providers of named income parts for the monitoring explanation:
#: ``provider([household_pk], year) -> {pk: [{"label", "component", "amount"}]}``.
FUPIN_INCOME_PART_PROVIDERS = ["fupin.ecommerce.linkage_income.income_parts"]
#: Sections of the household page loaded from other apps: URL names taking the household ID,
#: each answered with an HTML fragment (the households app names no other app's view).
FUPIN_HOUSEHOLD_SECTIONS = ["ecommerce-household-linkages", "consolidation-household"]
#: The policy pack runs, screens, imports and measures use unless told otherwise.
FUPIN_POLICY_PACK = os.environ.get("FUPIN_POLICY_PACK", "cn-national")
FUPIN_PUBLIC_NOTICE_DAYS = int(os.environ.get("FUPIN_PUBLIC_NOTICE_DAYS", "5"))
EMAIL_BACKEND = os.environ.get("FUPIN_EMAIL_BACKEND",
                               "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("FUPIN_EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("FUPIN_EMAIL_FROM", "fupin@localhost")

# --- Authentication and sessions --------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- The reverse proxy (docs/operations.md) ------------------------------------------------
#: The one address allowed to tell us the client's address and scheme (X-Forwarded-For,
#: X-Forwarded-Proto); empty: no proxy, forwarded headers are ignored.
FUPIN_TRUSTED_PROXY = os.environ.get("FUPIN_TRUSTED_PROXY", "").strip()
if FUPIN_TRUSTED_PROXY:
    try:
        ipaddress.ip_address(FUPIN_TRUSTED_PROXY)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"FUPIN_TRUSTED_PROXY={FUPIN_TRUSTED_PROXY!r} is not an IP address: give the one "
            "address the reverse proxy connects from (e.g. 127.0.0.1)") from exc
#: How many proxies in front of us append to X-Forwarded-For (1: nginx alone).
FUPIN_TRUSTED_PROXY_COUNT = int(os.environ.get("FUPIN_TRUSTED_PROXY_COUNT", "1"))

# Login throttling: 5 failures for one username (from any address) lock that username, and
# 5 failures from one client address (for any usernames) lock that address, for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("FUPIN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
#: The client address: X-Forwarded-For only when the request came from FUPIN_TRUSTED_PROXY.
AXES_CLIENT_IP_CALLABLE = "fupin.core.proxy.client_address"
AXES_RESET_ON_SUCCESS = True  # that username's failures only (LoginThrottle)
AXES_HANDLER = "fupin.accounts.throttle.LoginThrottle"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = os.environ.get("FUPIN_INSECURE_COOKIES", "0") != "1"
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = os.environ.get("FUPIN_SSL_REDIRECT", "0") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("FUPIN_HSTS_SECONDS", "0"))
if FUPIN_TRUSTED_PROXY:
    # Only behind the proxy: anyone else could claim https. (`fupin serve` also tells waitress
    # to take the scheme from the proxy alone and to drop the header from anybody else.)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Every asset is ours: no CDN, no inline script, no eval.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = os.environ.get("FUPIN_LANGUAGE", "zh-hans")
LANGUAGES = [("zh-hans", "中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("FUPIN_TIME_ZONE", "Asia/Shanghai")
USE_TZ = True  # stored as UTC, shown in TIME_ZONE

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
]
STATICFILES_DIRS = [d for d in STATICFILES_DIRS
                    if (d[1] if isinstance(d, tuple) else d).exists()]
# Served by whitenoise straight from the finders: no collectstatic step for the demo.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# --- Logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("FUPIN_LOG_LEVEL", "WARNING")},
}

# --- Product settings -------------------------------------------------------------------------
FUPIN_DIVISION_VINTAGE = "NBS-2023"
FUPIN_PAGE_SIZE = 50

# --- County performance evaluation: rounds (issue 13, docs/evaluation.md) --------------------
#: Value providers of the evaluation: ``provider(county_codes, year) -> {county: {key:
#: Decimal}}``, asked in order (an earlier provider's key wins). The funds area adds
#: ``fupin.evaluation.services.funds.fund_values`` (fund execution, negative list).
FUPIN_EVALUATION_VALUE_PROVIDERS = [
    "fupin.ecommerce.services.evaluation.evaluation_values",
    "fupin.evaluation.services.rounds.accountability_values",
    "fupin.evaluation.services.funds.fund_values",
]
#: Days the province has for reviewing and publishing a verified county evaluation.
FUPIN_EVALUATION_REVIEW_DAYS = int(os.environ.get("FUPIN_EVALUATION_REVIEW_DAYS", "15"))

# --- Consolidation period (issue 18) ----------------------------------------------------------
#: The consolidation period (巩固提升期) of exited households per province: ``""`` is every
#: province without its own entry (the national transition period 2021–2025, 过渡期), a
#: 2-digit province code its own ``(first year, last year)`` (docs/consolidation.md).
FUPIN_CONSOLIDATION_PERIODS = {"": (2021, 2025)}
