"""Programmes benchmark at district scale: the year's participation analytics, one programme's
page, a session's attendance page and the never-reached list of a village, on the year written
by ``generate_programs.py`` (1,000 programmes, 10,000 sessions, about 500,000 attendances and
200,000 test answers over a registry of 1,000,000 residents).

    export SIGAP_VAR_DIR=bench/out-programs
    .venv/bin/python bench/generate_registry.py --residents 1000000
    .venv/bin/python bench/generate_programs.py
    .venv/bin/python bench/bench_programs.py
PostgreSQL: set DATABASE_URL for all three.

Targets (issue 5): the district's participation analytics under 1 s; one programme's page under
100 ms p95. Pages are timed server-side through Django's test client, logged in as the
generator's Koordinator. The programme pages show the programme with the most attendances (the
worst case) and programmes drawn at random; the selectors behind them are also timed on their
own.
"""

import argparse
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SIGAP_VAR_DIR", str(ROOT / "bench" / "out-programs"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.harness import measure, record  # noqa: E402
from sigap.accounts.models import User  # noqa: E402
from sigap.programs import selectors  # noqa: E402
from sigap.programs.models import (  # noqa: E402
    Answer,
    Attendance,
    Invitation,
    KnowledgeTest,
    Programme,
    Session,
)
from sigap.registry.models import Resident  # noqa: E402


def url(name: str, **kwargs) -> str | None:
    """The page's address, or None while the page does not exist yet."""
    try:
        return reverse(f"programs:{name}", kwargs=kwargs)
    except NoReverseMatch:
        return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--district-runs", type=int, default=5)
    args = parser.parse_args()
    call_command("collectstatic", "--noinput", verbosity=0)
    rng = random.Random(23)  # noqa: S311
    koordinator = User.objects.filter(username="bench-koordinator").first()
    assert koordinator is not None, "no programmes: run generate_programs.py first"
    client = Client()
    client.force_login(koordinator, backend="sigap.accounts.backends.PasswordBackend")
    today = timezone.localdate()
    year = Session.objects.order_by("-date").values_list("date", flat=True).first().year
    by_size = list(
        Attendance.objects.values_list("programme")
        .annotate(n=Count("pk"))
        .order_by("-n", "programme")
        .values_list("programme", "n")
    )
    biggest = Programme.objects.get(pk=by_size[0][0])
    tested = set(KnowledgeTest.objects.values_list("programme", flat=True))
    biggest_tested = Programme.objects.get(pk=next(pk for pk, _n in by_size if pk in tested))
    sample = rng.sample([pk for pk, _n in by_size], min(200, len(by_size)))
    session = (
        Session.objects.filter(programme=biggest)
        .annotate(n=Count("attendances"))
        .order_by("-n", "pk")
        .first()
    )
    big_sessions = list(
        Session.objects.filter(date__lte=today, cancelled=False)
        .annotate(n=Count("attendances"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)[:200]
    )
    village_id = biggest.village_id
    never = selectors.TargetFilters(village_id=village_id, never_reached=True)

    def get(url_fn):
        def call():
            address = url_fn()
            response = client.get(address)
            assert response.status_code == 200, (address, response.status_code)

        return call

    def programme_selectors(programme):
        def call():
            selectors.programme_sessions(programme)
            selectors.participation(programme, today)
            selectors.test_results(programme)
            selectors.target_coverage(user=koordinator, programme=programme)

        return call

    runs, district_runs = args.runs, args.district_runs
    big = (
        f"{by_size[0][1]:,} attendances, {biggest.sessions.count()} sessions, "
        f"{biggest.invitations.count()} invited"
    )
    timings = [
        measure(
            f"selector: district participation {year}",
            lambda: selectors.district_participation(year, today),
            runs=district_runs,
            warmup=1,
        ),
    ]
    if url("analytics"):
        timings.append(
            measure(
                f"analytics page {year} (district participation)",
                get(lambda: url("analytics") + f"?tahun={year}"),
                runs=district_runs,
                warmup=1,
            )
        )
    if url("programme_detail", programme_id=1):
        timings += [
            measure(
                f"programme page, the biggest ({big})",
                get(lambda: url("programme_detail", programme_id=biggest.pk)),
                runs=runs,
            ),
            measure(
                "programme page, programmes at random",
                get(lambda: url("programme_detail", programme_id=rng.choice(sample))),
                runs=runs,
            ),
        ]
    else:
        print("programs:programme_detail does not exist yet: not measured")
    timings += [
        measure(
            "selectors: sessions + participation + test results + coverage, the biggest",
            programme_selectors(biggest),
            runs=runs,
        ),
        measure(
            "selector: test results, the biggest with tests "
            f"({Answer.objects.filter(test__programme=biggest_tested).count():,} answers)",
            lambda: selectors.test_results(biggest_tested),
            runs=runs,
        ),
        measure(
            f"selector: session roster, the biggest session ({session.n} present)",
            lambda: selectors.session_roster(session),
            runs=runs,
        ),
    ]
    if url("session_detail", session_id=1):
        timings.append(
            measure(
                "session page (tick list), the 200 biggest sessions",
                get(lambda: url("session_detail", session_id=rng.choice(big_sessions))),
                runs=runs,
            )
        )
    village_people = Resident.objects.filter(village_id=village_id).count()
    timings += [
        measure(
            f"selector: targets never reached, one village ({village_people:,} residents), count",
            lambda: selectors.targets(user=koordinator, filters=never).count(),
            runs=runs,
        ),
        measure(
            "selector: targets never reached, one village, first page of 50",
            lambda: list(selectors.targets(user=koordinator, filters=never)[:50]),
            runs=runs,
        ),
    ]
    if url("targeting", programme_id=1):
        timings.append(
            measure(
                "targeting page, never reached, the biggest programme's village",
                get(
                    lambda: (
                        url("targeting", programme_id=biggest.pk) + "?dusun=&sex=&never_reached=on"
                    )
                ),
                runs=runs,
            )
        )
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    size = (
        f"{Programme.objects.count():,} programmes in "
        f"{Programme.objects.values('village').distinct().count()} villages, "
        f"{Session.objects.count():,} sessions, {Invitation.objects.count():,} invitations, "
        f"{Attendance.objects.count():,} attendances, {Answer.objects.count():,} test answers, "
        f"{Resident.objects.count():,} residents; the biggest programme {big}"
    )
    print(record("Programmes: analytics, programme page, roster, targeting", engine, size, timings))


if __name__ == "__main__":
    main()
