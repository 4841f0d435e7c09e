"""Foundation benchmark: the audit log and the pages every user opens, at district scale.

A district (Lombok Barat, ~0.75 million people in ~120 villages) running SIGAP for a few years
holds millions of audit entries. This fills the audit log with N entries (default 1,000,000)
from 500 users, then times, in-process through Django's test client (server time, no network):
the Admin Desa's home dashboard, the audit log's first page, filtered by person, by record and by
a date range, a deep page, /healthz and /api/me with a token.

Run (it uses its own database, never your real one; for PostgreSQL create it first with
`createdb -h 127.0.0.1 -U postgres sigap_bench`):
    .venv/bin/python bench/bench_foundation.py                    # SQLite under bench/out/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sigap_bench \
        .venv/bin/python bench/bench_foundation.py                # PostgreSQL
Options: --entries N, --runs N, --keep (reuse an already-filled database).
"""

import argparse
import os
import random
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SIGAP_VAR_DIR", str(ROOT / "bench" / "out"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from auditlog.models import LogEntry  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.harness import measure, record  # noqa: E402
from sigap.accounts import services  # noqa: E402
from sigap.accounts.models import User, UserRole  # noqa: E402

BATCH = 20_000


def fill(entries: int, seed: int) -> None:
    rng = random.Random(seed)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    if not User.objects.filter(username="admin").exists():
        call_command("seed_demo", verbosity=0)
    users = list(User.objects.values_list("pk", flat=True))
    missing = 500 - len(users)
    if missing > 0:
        new = User.objects.bulk_create(
            User(username=f"bench{i:04d}", full_name=f"Pengguna Uji {i}", password="!")  # noqa: S106 (unusable)
            for i in range(missing)
        )
        UserRole.objects.bulk_create(UserRole(user=u, role="kader") for u in new)
        users = list(User.objects.values_list("pk", flat=True))
    have = LogEntry.objects.count()
    ct_ids = [ct.pk for ct in ContentType.objects.filter(app_label__in=["accounts", "core"])]
    now = timezone.now()
    start = now - timedelta(days=3 * 365)
    span = int((now - start).total_seconds())
    print(f"audit entries: {have:,} present, filling to {entries:,}", flush=True)
    while have < entries:
        size = min(BATCH, entries - have)
        rows = []
        for _ in range(size):
            obj = rng.randint(1, 200_000)
            rows.append(
                LogEntry(
                    content_type_id=rng.choice(ct_ids),
                    object_pk=str(obj),
                    object_id=obj,
                    object_repr=f"Data #{obj}",
                    action=rng.choice((0, 1, 1, 1, 3, 3)),
                    changes={"full_name": ["Lama", "Baru"]},
                    actor_id=rng.choice(users),
                    timestamp=start + timedelta(seconds=rng.randint(0, span)),
                )
            )
        LogEntry.objects.bulk_create(rows, batch_size=2_000)
        have += size
        print(f"  {have:,}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    fill(args.entries, args.seed)
    admin = User.objects.get(username="admin")
    client = Client()
    client.force_login(admin, backend="sigap.accounts.backends.PasswordBackend")
    kader = User.objects.get(username="kader")
    _token, raw = services.api_token_issue(actor=admin, user=kader, name="bench")
    actor = User.objects.filter(username__startswith="bench").order_by("pk").first()
    user_ct = ContentType.objects.get(app_label="accounts", model="user")
    today = timezone.localdate()

    def get(url, **extra):
        def call():
            response = client.get(url, **extra)
            assert response.status_code == 200, (url, response.status_code)

        return call

    bearer = Client()
    timings = [
        measure("home dashboard (Admin Desa)", get("/"), runs=args.runs),
        measure("audit log, first page", get("/audit/"), runs=args.runs),
        measure("audit log, by person", get(f"/audit/?actor={actor.username}"), runs=args.runs),
        measure(
            "audit log, by record",
            get(f"/audit/?content_type={user_ct.pk}&object_id=4242"),
            runs=args.runs,
        ),
        measure(
            "audit log, one month",
            get(f"/audit/?date_from={today - timedelta(days=30)}&date_to={today}"),
            runs=args.runs,
        ),
        measure("audit log, page 500", get("/audit/?page=500"), runs=args.runs),
        measure("healthz", get("/healthz"), runs=args.runs),
        measure(
            "API /api/me with a token",
            lambda: bearer.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}"),
            runs=args.runs,
        ),
    ]
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        record(
            "Foundation: audit log and home",
            engine,
            f"{LogEntry.objects.count():,} audit entries, {User.objects.count():,} users",
            timings,
        )
    )


if __name__ == "__main__":
    main()
