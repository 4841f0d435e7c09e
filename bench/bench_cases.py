"""Case-management benchmark at district scale: the caseload page, a case page, case search and
the Mitra's inbox, on a caseload written by ``generate_cases.py`` (50,000 cases, 500,000
sessions, 100,000 referrals over the 1,000,000-resident registry).

    .venv/bin/python bench/generate_registry.py
    .venv/bin/python bench/generate_cases.py
    .venv/bin/python bench/bench_cases.py
PostgreSQL: set DATABASE_URL for all three. Times are server-side through Django's test client;
the access rules run in SQL as they do for users (a Pendamping sees about 250 cases, a
Koordinator about 2,500, of 50,000).
"""

import argparse
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SIGAP_VAR_DIR", str(ROOT / "bench" / "out"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from bench.harness import measure, record  # noqa: E402
from sigap.accounts.models import User, UserRole  # noqa: E402
from sigap.cases.models import Case, Referral, Session  # noqa: E402
from sigap.partners.models import Organisation, Staff  # noqa: E402
from sigap.registry.models import Resident  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    call_command("collectstatic", "--noinput", verbosity=0)
    rng = random.Random(5)  # noqa: S311
    pendamping = User.objects.get(username="bench-pend007")
    koordinator = User.objects.get(username="bench-koor000")
    mitra, _ = User.objects.get_or_create(username="bench-mitra", defaults={"full_name": "Mitra"})
    UserRole.objects.get_or_create(user=mitra, role="mitra")
    Staff.objects.get_or_create(
        user=mitra, defaults={"organisation": Organisation.objects.order_by("pk").first()}
    )
    clients = {}
    for name, who in (("pendamping", pendamping), ("koordinator", koordinator), ("mitra", mitra)):
        clients[name] = Client()
        clients[name].force_login(who, backend="sigap.accounts.backends.PasswordBackend")
    supervised = list(Case.objects.filter(supervisor=koordinator).values_list("pk", flat=True))
    names = list(
        Resident.objects.filter(cases__supervisor=koordinator).values_list("name", flat=True)[:200]
    )
    referral_ids = list(
        Referral.objects.filter(organisation=mitra.organisation_staff.organisation).values_list(
            "pk", flat=True
        )[:200]
    )

    def get(who, url_fn, htmx=False):
        def call():
            url = url_fn()
            headers = {"HX-Request": "true"} if htmx else {}
            response = clients[who].get(url, headers=headers)
            assert response.status_code == 200, (url, response.status_code)

        return call

    runs = args.runs
    timings = [
        measure("caseload page, Pendamping", get("pendamping", lambda: "/kasus/"), runs=runs),
        measure("caseload page, Koordinator", get("koordinator", lambda: "/kasus/"), runs=runs),
        measure(
            "caseload, overdue filter (htmx), Koordinator",
            get("koordinator", lambda: "/kasus/?stage=open&overdue=on", htmx=True),
            runs=runs,
        ),
        measure(
            "case page (about 10 sessions, 2 referrals)",
            get("koordinator", lambda: f"/kasus/{rng.choice(supervised)}/"),
            runs=runs,
        ),
        measure(
            "case search by first name (htmx), Koordinator",
            get(
                "koordinator",
                lambda: f"/kasus/?stage=&q={rng.choice(names).split()[0]}",
                htmx=True,
            ),
            runs=runs,
        ),
        measure(
            "case search by full name (htmx), Koordinator",
            get("koordinator", lambda: f"/kasus/?stage=&q={rng.choice(names)}", htmx=True),
            runs=runs,
        ),
        measure(
            "case search by code (whole page), Koordinator",
            get("koordinator", lambda: f"/kasus/?stage=&q=KS-{rng.choice(supervised):06d}"),
            runs=runs,
        ),
        measure("Mitra's referral inbox", get("mitra", lambda: "/kasus/rujukan/"), runs=runs),
        measure(
            "referral page, Mitra",
            get("mitra", lambda: f"/kasus/rujukan/{rng.choice(referral_ids)}/"),
            runs=runs,
        ),
        measure("home dashboard, Koordinator", get("koordinator", lambda: "/"), runs=runs),
    ]
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    size = (
        f"{Case.objects.count():,} cases, {Session.objects.count():,} sessions, "
        f"{Referral.objects.count():,} referrals, {Resident.objects.count():,} residents"
    )
    print(record("Cases: caseload, case page, search", engine, size, timings))


if __name__ == "__main__":
    main()
