import random
import re

from django.core.management import call_command

from sigap.accounts.models import User, UserRole
from sigap.core.demo import DEMO_USERNAMES, DemoContext
from sigap.core.roles import Role
from sigap.partners import demo
from sigap.partners.models import ContactPoint, NeedArea, Organisation, Service, Staff

FICTITIOUS = re.compile(r"^(0370-555-01\d\d|0812-0000-0[12]\d\d)$")


def snapshot() -> tuple:
    return (
        sorted(Organisation.objects.values_list("name", "kind", "phone", "notes")),
        sorted(Service.objects.values_list("organisation__name", "area", "name")),
        sorted(ContactPoint.objects.values_list("organisation__name", "name", "phone")),
        sorted(Staff.objects.values_list("user__username", "organisation__name")),
    )


def context() -> DemoContext:
    return DemoContext(seed=1, rng=random.Random(1), password="x")  # noqa: S311


def test_the_demo_directory_is_built_twice_without_duplicates(db):
    mitra = User.objects.create_user(username=DEMO_USERNAMES[Role.MITRA], full_name="Mitra Demo")
    UserRole.objects.create(user=mitra, role=Role.MITRA)
    demo.build_directory(context())
    first = snapshot()
    demo.build_directory(context())
    assert snapshot() == first
    assert Organisation.objects.count() == len(demo.directory("Babussalam")) >= 12
    assert Staff.objects.get().organisation.name == demo.UPTD_PPA


def test_the_demo_directory_is_plainly_synthetic_and_covers_every_area(db):
    demo.build_directory(context())
    for organisation in Organisation.objects.all():
        assert FICTITIOUS.match(organisation.phone), organisation.phone
        assert demo.SYNTHETIC_NOTE in organisation.notes
        assert 1 <= organisation.services.count() <= 4, organisation.name
        assert organisation.contacts.exists(), organisation.name
        assert all(not e or e.endswith(".example") for e in [organisation.email])
    for phone in ContactPoint.objects.values_list("phone", flat=True):
        assert FICTITIOUS.match(phone), phone
    assert set(Service.objects.values_list("area", flat=True)) == set(NeedArea.values)
    assert set(Organisation.objects.values_list("kind", flat=True)) >= {
        "pemerintah_desa",
        "kepolisian",
        "uptd_ppa",
        "dinas_sosial",
        "kesehatan",
        "bantuan_hukum",
        "pekerja_migran",
        "tokoh_masyarakat",
        "lsm",
    }


def test_seed_demo_links_the_demo_mitra_to_the_uptd_ppa(db):
    call_command("seed_demo", "--people", "20")
    staff = Staff.objects.select_related("user", "organisation").get()
    assert staff.user.username == DEMO_USERNAMES[Role.MITRA]
    assert staff.organisation.name == demo.UPTD_PPA
    assert Organisation.objects.filter(name="Pemerintah Desa Babussalam").exists()
