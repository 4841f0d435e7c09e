"""Import benchmark: a 100,000-row file end to end (read, check, write) on the district-sized
registry of ``generate_registry.py``.

Each run builds a new CSV in SIGAP's template (25,000 new households of four, in one village),
then times the dry run (read + check every row against the registry) and the write (all or
nothing, one transaction), the same functions the background task runs. A run adds its rows to
the database, so each run uses fresh NIKs.

    .venv/bin/python bench/bench_import.py --rows 100000 --runs 3
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SIGAP_VAR_DIR", str(ROOT / "bench" / "out"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from bench.harness import Timing, record  # noqa: E402
from sigap.accounts.models import User, UserRole  # noqa: E402
from sigap.core.models import Village  # noqa: E402
from sigap.core.spreadsheets import write_csv  # noqa: E402
from sigap.registry import importing, nik  # noqa: E402
from sigap.registry.demo import FEMALE_NAMES, MALE_NAMES, SECOND  # noqa: E402
from sigap.registry.models import ImportBatch, Resident  # noqa: E402
from sigap.registry.tasks import check_batch, write_batch  # noqa: E402


def make_file(rows: int, band: int, village: Village, rng) -> bytes:
    dusun_names = list(village.dusun_set.values_list("name", flat=True))
    today = date(2026, 11, 1)
    keys = [column.key for column in importing.COLUMNS]
    lines = []
    serials: dict[str, int] = {}
    for i in range(rows):
        family, position = divmod(i, 4)
        sex = "L" if position in (0, 2) else "P"
        birth = today - timedelta(days=rng.randint(0, 70 * 365))
        day = birth.day + (40 if sex == "P" else 0)
        stem = f"{nik.SYNTHETIC_REGION}{day:02d}{birth:%m%y}"
        serials[stem] = serials.get(stem, 0) + 1
        pool = MALE_NAMES if sex == "L" else FEMALE_NAMES
        row = dict.fromkeys(keys, "")
        row.update(
            kk_number=f"{nik.SYNTHETIC_REGION}{band:02d}{family:08d}",
            nik=f"{stem}{band}{serials[stem]:03d}",
            name=f"{rng.choice(pool)} {rng.choice(SECOND)}",
            sex=sex,
            birth_date=birth.isoformat(),
            relationship="1" if position == 0 else "4",
            dusun=dusun_names[family % len(dusun_names)],
            whereabouts="desa",
        )
        lines.append([row[k] for k in keys])
    return write_csv(importing.TEMPLATE_HEADER, lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(11)  # noqa: S311
    call_command("migrate", verbosity=0)
    admin, _ = User.objects.get_or_create(username="bench-admin", defaults={"full_name": "Bench"})
    UserRole.objects.get_or_create(user=admin, role="admin_desa")
    village = Village.objects.order_by("pk").first()
    check_ms, write_ms, total_ms = [], [], []
    done_before = ImportBatch.objects.filter(file_name="bench.csv", status="selesai").count()
    for run in range(args.runs):
        # NIK serials 5000-5999, 6000-6999…: above what the generator uses, new for every run.
        band = 5 + done_before + run
        if band > 9:
            raise SystemExit("this database has had five benchmark imports: generate a new one")
        content = make_file(args.rows, band, village, rng)
        batch = ImportBatch.objects.create(
            created_by=admin,
            village=village,
            file_name="bench.csv",
            content=content,
            status=ImportBatch.Status.QUEUED,
        )
        start = time.perf_counter()
        batch = check_batch(batch)
        checked = time.perf_counter()
        assert batch.problem_count == 0, batch.problems[:5]
        assert batch.counts["create"] == args.rows, batch.counts
        batch = write_batch(batch)
        written = time.perf_counter()
        assert batch.status == ImportBatch.Status.DONE, batch.error
        check_ms.append((checked - start) * 1000)
        write_ms.append((written - checked) * 1000)
        total_ms.append((written - start) * 1000)
        print(
            f"run {run + 1}: check {check_ms[-1]:.0f} ms, write {write_ms[-1]:.0f} ms", flush=True
        )

    def timing(name, samples):
        ordered = sorted(samples)
        return Timing(name, len(samples), statistics.median(ordered), ordered[-1], ordered[-1])

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        record(
            f"Registry import: {args.rows:,}-row CSV end to end (p95 = worst of the runs)",
            engine,
            f"{Resident.objects.count():,} residents after the runs",
            [
                timing("dry run (read + check)", check_ms),
                timing("write (one transaction)", write_ms),
                timing("end to end", total_ms),
            ],
        )
    )


if __name__ == "__main__":
    main()
