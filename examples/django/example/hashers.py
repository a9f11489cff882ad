from django.contrib.auth.hashers import PBKDF2PasswordHasher


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """pbkdf2_sha256 as Django writes it, at 2,000 iterations (Django 5.2 uses 1,000,000)."""

    iterations = 2000
