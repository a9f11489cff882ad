from django.contrib.auth.models import AbstractUser
from django.db import models


class CustomUser(AbstractUser):
    """The custom user the project moves to; `builtin:custom_user` projects exactly these columns."""

    avatar = models.CharField(max_length=100, null=True, blank=True)
    phone = models.CharField(max_length=20, null=True, blank=True)
    birthday = models.DateField(null=True, blank=True)
    vk_id = models.CharField(max_length=100, null=True, blank=True)
    tg_id = models.CharField(max_length=100, null=True, blank=True)
