from django.contrib.auth import get_user_model
from django.test import TestCase

from shop.models import Order


class OrderTest(TestCase):
    """Runs in the test database `manage.py test` creates from the migrations."""

    def test_an_order_belongs_to_a_user(self):
        user = get_user_model().objects.create_user("tester", "tester@example.com", "pw")
        order = Order.objects.create(customer=user, total="9.99")
        self.assertEqual(list(user.orders.all()), [order])
