"""
What a Django project does with its users, checked step by step against the database userstore
adopted: `python checks.py STEP`, STEP one of seed (on auth.User, before the move), after,
shell_visible, fk_after_switch, released (on users.CustomUser, after it). Prints one line per
check and exits 1 at the first that fails.
"""
import datetime
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import authenticate, get_user_model  # noqa: E402
from django.contrib.auth.hashers import PBKDF2PasswordHasher  # noqa: E402
from django.contrib.auth.models import Group, Permission  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import IntegrityError, transaction  # noqa: E402
from django.db.models import ProtectedError  # noqa: E402
from django.test import Client  # noqa: E402

from shop.models import Order, Review  # noqa: E402

User = get_user_model()
PASSWORDS = {"admin": "admin-pw", "alice": "alice-pw", "dave": "dave-pw", "erin": "erin-pw", "frank": "frank-pw"}


def check(condition, what):
    if not condition:
        print("FAILED: " + what)
        sys.exit(1)
    print("ok: " + what)


def seed():
    """The project as it was: Django's auth.User, groups, permissions, and rows pointing at users."""
    editors = Group.objects.create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="add_order"), Permission.objects.get(codename="change_order"))
    support = Group.objects.create(name="Support")
    support.permissions.add(Permission.objects.get(codename="view_review"))
    User.objects.create_superuser("admin", "admin@example.com", PASSWORDS["admin"])
    alice = User.objects.create_user("alice", "alice@example.com", PASSWORDS["alice"], first_name="Alice")
    alice.groups.add(editors)
    alice.user_permissions.add(Permission.objects.get(codename="view_order"))
    User.objects.create_user("bob", "bob@example.com", "bob-pw", is_active=False)
    carol = User.objects.create_user("carol", "carol@example.com")
    carol.set_unusable_password()
    carol.save()
    dave = User.objects.create_user("dave", "dave@example.com")
    dave.password = PBKDF2PasswordHasher().encode(PASSWORDS["dave"], "oldsalt1234567890", iterations=1000)
    dave.save()
    erin = User.objects.create_user("erin", "erin@example.com", PASSWORDS["erin"])
    frank = User.objects.create_user("frank", "frank@example.com", PASSWORDS["frank"])
    Order.objects.create(customer=alice, total="12.50")
    Order.objects.create(customer=erin, total="99.00")
    Review.objects.create(author=frank, text="great")
    Review.objects.create(author=frank, text="even better")
    check(User.objects.count() == 7, "seeded 7 users on auth.User, 2 groups, orders and reviews")


def after():
    """Everything a project does with users, on the adopted table."""
    check(User._meta.db_table == "users_customuser", "the project runs on users.CustomUser")
    for username, password in PASSWORDS.items():
        check(authenticate(username=username, password=password) is not None, "authenticate() " + username)
    check(authenticate(username="alice", password="wrong") is None, "a wrong password is refused")
    check(authenticate(username="bob", password="bob-pw") is None, "an inactive user is refused")
    check(authenticate(username="carol", password="") is None, "an unusable password is refused")

    client = Client()
    before = User.objects.get(username="alice").last_login
    check(client.login(username="alice", password=PASSWORDS["alice"]), "logging in through the test client")
    check(User.objects.get(username="alice").last_login != before, "the login set last_login")
    check(User.objects.get(username="dave").password.startswith("pbkdf2_sha256$2000$"),
          "dave's hash of 1,000 iterations was upgraded to 2,000 at his login")
    check(Client().login(username="dave", password=PASSWORDS["dave"]), "and dave logs in with the upgraded hash")

    grace = User.objects.create_user("grace", "grace@example.com", "grace-pw")
    check(grace.pk is not None and authenticate(username="grace", password="grace-pw") is not None,
          "create_user() gives an id and a user who can log in")
    os.environ["DJANGO_SUPERUSER_PASSWORD"] = "root-pw"
    call_command("createsuperuser", interactive=False, username="root", email="root@example.com", verbosity=0)
    check(User.objects.get(username="root").is_superuser, "createsuperuser --noinput")

    from users.forms import SignUpForm

    form = SignUpForm(data={"username": "heidi", "email": "heidi@example.com", "phone": "+4930111",
                            "password1": "a-long-enough-pw-1", "password2": "a-long-enough-pw-1"})
    check(form.is_valid(), "a sign-up form validates" + (": " + form.errors.as_text() if form.errors else ""))
    form.save()
    check(User.objects.get(username="heidi").phone == "+4930111", "a sign-up form saves the user and its phone")

    alice = User.objects.get(username="alice")
    alice.set_password("alice-new-pw")
    alice.save()
    check(authenticate(username="alice", password="alice-new-pw") is not None, "set_password() and save()")
    alice.first_name = "Alicia"
    alice.phone = "+4930123"
    alice.birthday = datetime.date(1990, 5, 1)
    alice.save()
    alice = User.objects.get(username="alice")
    check((alice.first_name, alice.phone, alice.birthday) == ("Alicia", "+4930123", datetime.date(1990, 5, 1)),
          "ORM edits of core and custom fields")
    User.objects.filter(username="grace").update(last_name="Hopper", tg_id="@grace")
    grace = User.objects.get(username="grace")
    check((grace.last_name, grace.tg_id) == ("Hopper", "@grace"), "queryset.update()")

    check([g.name for g in alice.groups.all()] == ["Editors"], "groups.all()")
    check(alice.has_perm("shop.add_order") and alice.has_perm("shop.view_order"),
          "has_perm() through a group and directly")
    check({"shop.add_order", "shop.change_order", "shop.view_order"} <= alice.get_all_permissions(),
          "get_all_permissions()")
    alice.groups.add(Group.objects.get(name="Support"))
    alice.groups.remove(Group.objects.get(name="Editors"))
    alice = User.objects.get(username="alice")
    check([g.name for g in alice.groups.all()] == ["Support"], "groups.add() and groups.remove()")
    check(alice.has_perm("shop.view_review") and not alice.has_perm("shop.add_order"),
          "permissions follow the groups")
    alice.user_permissions.add(Permission.objects.get(codename="delete_order"))
    check(User.objects.get(username="alice").has_perm("shop.delete_order"), "user_permissions.add()")

    admin = Client()
    admin.force_login(User.objects.get(username="admin"))
    listing = admin.get("/admin/users/customuser/")
    check(listing.status_code == 200 and b"alice" in listing.content, "the admin's user list")
    change = admin.get("/admin/users/customuser/%d/change/" % alice.pk)
    check(change.status_code == 200 and b"Alicia" in change.content, "the admin's change form")
    added = admin.post("/admin/users/customuser/add/", {"username": "ivan", "password1": "ivan-long-pw-1",
                                                        "password2": "ivan-long-pw-1", "usable_password": "true"})
    check(added.status_code == 302 and User.objects.filter(username="ivan").exists(), "the admin's add page")
    ivan = User.objects.get(username="ivan")
    edited = admin.post("/admin/users/customuser/%d/change/" % ivan.pk, {
        "username": "ivan", "first_name": "Ivan", "last_name": "", "email": "ivan@example.com", "is_active": "on",
        "date_joined_0": ivan.date_joined.strftime("%Y-%m-%d"), "date_joined_1": ivan.date_joined.strftime("%H:%M:%S"),
        "phone": "", "avatar": "", "birthday": "", "vk_id": "", "tg_id": ""})
    check(edited.status_code == 302 and User.objects.get(pk=ivan.pk).first_name == "Ivan",
          "the admin's change form saves")
    frank = User.objects.get(username="frank")
    confirm = admin.get("/admin/users/customuser/%d/delete/" % frank.pk)
    check(confirm.status_code == 200 and b"Review object" in confirm.content, "the admin's delete page lists the reviews")
    deleted = admin.post("/admin/users/customuser/%d/delete/" % frank.pk, {"post": "yes"})
    check(deleted.status_code == 302 and not User.objects.filter(username="frank").exists(),
          "the admin deletes a user")
    check(not Review.objects.filter(text="even better").exists(), "and Django's cascade took his reviews along")
    try:
        User.objects.get(username="erin").delete()
        check(False, "a user with orders is protected")
    except ProtectedError:
        check(True, "a user with orders is protected (on_delete=PROTECT)")
    refuses_a_missing_user()


def refuses_a_missing_user():
    try:
        with transaction.atomic():
            Order.objects.create(customer_id=987654, total="1.00")
        check(False, "an order for a user that does not exist is refused")
    except IntegrityError:
        check(True, "an order for a user that does not exist is refused by the foreign key")
    order = Order.objects.create(customer=User.objects.get(username="erin"), total="5.00")
    check(order.customer.username == "erin", "an order for a user that exists is taken")


def shell_visible():
    check(User.objects.get(username="alice").first_name == "FromTheShell", "a change made with the shell shows at once")


def fk_after_switch():
    refuses_a_missing_user()
    alice = User.objects.get(username="alice")
    check([g.name for g in alice.groups.all()] == ["Support"] and alice.has_perm("shop.delete_order"),
          "memberships and permissions after a rebuild and switch")
    check(authenticate(username="alice", password="alice-new-pw") is not None, "authenticate() after a switch")


def released():
    alice = User.objects.get(username="alice")
    alice.first_name = "Plain"
    alice.save()
    check(User.objects.get(username="alice").first_name == "Plain", "a released table is an ordinary table again")
    refuses_a_missing_user()


if __name__ == "__main__":
    steps = {"seed": seed, "after": after, "shell_visible": shell_visible, "fk_after_switch": fk_after_switch,
             "released": released}
    if len(sys.argv) != 2 or sys.argv[1] not in steps:
        print("usage: python checks.py " + "|".join(steps))
        sys.exit(2)
    steps[sys.argv[1]]()
