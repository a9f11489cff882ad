"""
A small Django project on PostgreSQL: admin, auth, sessions, and a shop whose models point at the
user. EXAMPLE_PHASE says which side of the move it is on: "before" runs on Django's auth.User,
"after" on users.CustomUser, the table `userstore django adopt --model users.CustomUser` made.
The database comes from EXAMPLE_DB_NAME, EXAMPLE_DB_HOST, EXAMPLE_DB_PORT and EXAMPLE_DB_USER.
"""
import os

PHASE = os.environ.get("EXAMPLE_PHASE", "after")

SECRET_KEY = "example-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "shop",
] + (["users"] if PHASE == "after" else [])

AUTH_USER_MODEL = "users.CustomUser" if PHASE == "after" else "auth.User"

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "example.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("EXAMPLE_DB_NAME", "example"),
        "HOST": os.environ.get("EXAMPLE_DB_HOST", "localhost"),
        "PORT": os.environ.get("EXAMPLE_DB_PORT", "5432"),
        "USER": os.environ.get("EXAMPLE_DB_USER", "postgres"),
        "PASSWORD": os.environ.get("EXAMPLE_DB_PASSWORD", ""),
    }
}

# Django 5.2's hasher, with fewer iterations so the checks run in seconds; a hash with fewer
# still (an "older Django") is upgraded at the next login, as Django does.
PASSWORD_HASHERS = ["example.hashers.QuickPBKDF2PasswordHasher"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
STATIC_URL = "static/"
