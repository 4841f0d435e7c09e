"""Shared test fixtures: the territory and one persona per role, set up through real services."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test import Client

from sigap.accounts import services
from sigap.accounts.models import User, UserRole
from sigap.core import audit
from sigap.core.models import Dusun, RukunTetangga, RukunWarga, Village
from sigap.core.roles import Role
from tests.secret_note import SecretNote

PASSWORD = "kata-sandi-uji-2026"


@pytest.fixture(scope="session", autouse=True)
def collected_static(tmp_path_factory):
    """Pages are rendered with the production static storage (hashed names from a manifest), so
    collect the static files once per run, exactly as a deployment does: into a folder of this
    run's own, so that parallel workers or runs never write over each other."""
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.files.storage import storages
    from django.utils.functional import empty

    settings.STATIC_ROOT = tmp_path_factory.mktemp("static")
    storages._storages.pop("staticfiles", None)
    staticfiles_storage._wrapped = empty
    call_command("collectstatic", "--noinput", "--verbosity", "0")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Create the test-only encrypted table once, outside any test transaction."""
    with django_db_blocker.unblock():
        with connection.schema_editor() as editor:
            editor.create_model(SecretNote)
        # Created once here, so ContentType's cache never points at a rolled-back row.
        ContentType.objects.get_for_model(SecretNote)
    audit.register(SecretNote)
    yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (dashboards cache their counts)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing is slow by design; tests check behaviour, not the hash's cost."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def village(db) -> Village:
    village = Village.objects.create(code="5201012007", name="Babussalam", postal_code="83363")
    for name in ("Bermi Karang Dalam Barat", "Dasan Baru"):
        dusun = Dusun.objects.create(village=village, name=name)
        rw = RukunWarga.objects.create(dusun=dusun, number="001")
        RukunTetangga.objects.create(rw=rw, number="001")
        RukunTetangga.objects.create(rw=rw, number="002")
    return village


@pytest.fixture
def dusun(village) -> Dusun:
    return village.dusun_set.get(name="Bermi Karang Dalam Barat")


@pytest.fixture
def other_dusun(village) -> Dusun:
    return village.dusun_set.get(name="Dasan Baru")


@pytest.fixture
def personas(village, dusun) -> dict[str, User]:
    """One user per role (keyed by the role's value) plus ``outsider``: active, no role.

    The first Admin Desa is bootstrapped directly (someone must exist to create the others);
    everyone else is created by that admin through the same service the user page uses.
    """
    admin = User.objects.create_user(
        username="alice", full_name="Alice Admin Desa", password=PASSWORD
    )
    UserRole.objects.create(user=admin, role=Role.ADMIN_DESA)
    people = {Role.ADMIN_DESA.value: admin}
    names = {
        Role.KOORDINATOR: ("bayu", "Bayu Koordinator"),
        Role.PENDAMPING: ("citra", "Citra Pendamping"),
        Role.KADER: ("dewi", "Dewi Kader"),
        Role.PENGURUS_KOPERASI: ("eko", "Eko Koperasi"),
        Role.MITRA: ("fajar", "Fajar Mitra"),
        Role.ANALIS: ("gita", "Gita Analis"),
    }
    for role, (username, full_name) in names.items():
        people[role.value] = services.user_create(
            actor=admin,
            username=username,
            full_name=full_name,
            password=PASSWORD,
            roles=[role.value],
            dusun=dusun if role == Role.KADER else None,
        )
    people["outsider"] = User.objects.create_user(
        username="oscar", full_name="Oscar Tanpa Peran", password=PASSWORD
    )
    return people


@pytest.fixture
def admin(personas) -> User:
    return personas[Role.ADMIN_DESA.value]


def login_client(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="sigap.accounts.backends.PasswordBackend")
    return client


@pytest.fixture
def admin_client(admin) -> Client:
    return login_client(admin)
