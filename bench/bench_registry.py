"""Registry benchmark at district scale: search by name and NIK, the resident list and the
household page, on a registry written by ``generate_registry.py`` (default 1,000,000 residents).

    .venv/bin/python bench/generate_registry.py            # once (SQLite under bench/out/)
    .venv/bin/python bench/bench_registry.py
PostgreSQL: set DATABASE_URL (and create the database first) for both commands.
Times are server-side through Django's test client, logged in as a Koordinator (whole registry)
and as a Kader (one dusun).
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
from sigap.registry.models import Household, Resident  # noqa: E402


def user(username: str, role: str, dusun=None) -> User:
    person, _ = User.objects.get_or_create(
        username=username, defaults={"full_name": username, "dusun": dusun}
    )
    UserRole.objects.get_or_create(user=person, role=role)
    return person


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    call_command("collectstatic", "--noinput", verbosity=0)
    rng = random.Random(3)  # noqa: S311
    total = Resident.objects.count()
    sample = Resident.objects.exclude(nik=None).order_by("pk")[total // 2]
    dusun = sample.dusun
    koordinator = user("bench-koordinator", "koordinator")
    kader = user("bench-kader", "kader", dusun)
    clients = {}
    for name, who in (("koordinator", koordinator), ("kader", kader)):
        clients[name] = Client()
        clients[name].force_login(who, backend="sigap.accounts.backends.PasswordBackend")
    households = list(Household.objects.order_by("pk").values_list("pk", flat=True)[:2000:20])
    residents = list(Resident.objects.order_by("pk").values_list("pk", "nik")[:200_000:2000])

    def get(who, url_fn):
        def call():
            url = url_fn()
            response = clients[who].get(url)
            assert response.status_code == 200, (url, response.status_code)

        return call

    def htmx(who, url):
        def call():
            response = clients[who].get(url, HTTP_HX_REQUEST="true")
            assert response.status_code == 200

        return call

    runs = args.runs
    timings = [
        measure(
            "resident list, first page (whole registry)",
            get("koordinator", lambda: "/penduduk/"),
            runs=runs,
        ),
        measure(
            "resident list, page 40", get("koordinator", lambda: "/penduduk/?page=40"), runs=runs
        ),
        measure("resident list, Kader's dusun", get("kader", lambda: "/penduduk/"), runs=runs),
        measure(
            "search by common name 'muhamad' (htmx)",
            htmx("koordinator", "/penduduk/?q=muhamad"),
            runs=runs,
        ),
        measure(
            "search by two names 'siti aminah' (htmx)",
            htmx("koordinator", "/penduduk/?q=siti+aminah"),
            runs=runs,
        ),
        measure(
            "search by misspelled 'mohammad saleh' (htmx)",
            htmx("koordinator", "/penduduk/?q=mohammad+saleh"),
            runs=runs,
        ),
        measure(
            "search by full NIK",
            get("koordinator", lambda: f"/penduduk/?q={rng.choice(residents)[1]}"),
            runs=runs,
        ),
        measure(
            "search by name within the Kader's dusun",
            htmx("kader", "/penduduk/?q=siti"),
            runs=runs,
        ),
        measure(
            "filter: women 18-24 abroad",
            get("koordinator", lambda: "/penduduk/?sex=P&age=18-24&where=luar_negeri"),
            runs=runs,
        ),
        measure(
            "resident page",
            get("koordinator", lambda: f"/penduduk/orang/{rng.choice(residents)[0]}/"),
            runs=runs,
        ),
        measure(
            "household page",
            get("koordinator", lambda: f"/penduduk/keluarga/{rng.choice(households)}/"),
            runs=runs,
        ),
    ]
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        record(
            "Registry: search, list and pages",
            engine,
            f"{total:,} residents in {Household.objects.count():,} households",
            timings,
        )
    )


if __name__ == "__main__":
    main()
