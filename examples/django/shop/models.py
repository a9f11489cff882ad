from django.conf import settings
from django.db import models


class Order(models.Model):
    """An order keeps its customer: a user with orders cannot be deleted."""

    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders")
    total = models.DecimalField(max_digits=10, decimal_places=2)


class Review(models.Model):
    """A review goes with its author."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews")
    text = models.TextField()
