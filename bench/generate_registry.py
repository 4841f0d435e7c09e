"""Write a district-sized registry fast: N residents (default 1,000,000) in households of about
four over V villages (default 120), with their name-search keys and KK history.

It writes through Django's bulk_create in large batches inside one transaction per batch (no
per-row save(), no signals, no audit rows: this is test data, not user work). NIKs use the
synthetic region 529999, so no generated number is a real person's.

    .venv/bin/python bench/generate_registry.py --residents 1000000
"""

import argparse
import os
import random
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

from django.db import transaction  # noqa: E402

from sigap.core.models import Dusun, RukunTetangga, RukunWarga, Village  # noqa: E402
from sigap.registry import codes, names, nik  # noqa: E402
from sigap.registry.demo import FEMALE_NAMES, MALE_NAMES, SECOND  # noqa: E402
from sigap.registry.models import (  # noqa: E402
    Household,
    Membership,
    Resident,
    ResidentNameKey,
)
from sigap.registry.tasks import refresh_tables  # noqa: E402

BATCH_HOUSEHOLDS = 5_000


def territory(villages: int) -> list[tuple[Village, list[Dusun], dict[int, list]]]:
    """``villages`` villages of Lombok Barat (real codes where the list has them), 5 dusun each."""
    from sigap.core.regions import _names

    codes_ntb = sorted(c for c in _names() if len(c) == 10 and c.startswith("5201"))
    result = []
    for i in range(villages):
        code = codes_ntb[i] if i < len(codes_ntb) else f"52019{i:05d}"
        village, _ = Village.objects.get_or_create(code=code, defaults={"name": f"Desa {code}"})
        dusun_list, rts = [], {}
        for d in range(5):
            dusun, _ = Dusun.objects.get_or_create(village=village, name=f"Dusun {d + 1}")
            rw, _ = RukunWarga.objects.get_or_create(dusun=dusun, number=f"{d + 1:03d}")
            rts[dusun.pk] = [
                RukunTetangga.objects.get_or_create(rw=rw, number=f"{t + 1:03d}")[0]
                for t in range(4)
            ]
            dusun_list.append(dusun)
        result.append((village, dusun_list, rts))
    return result


def generate(residents: int, villages: int, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 (test data)
    today = date(2026, 11, 1)
    places = territory(villages)
    start = time.perf_counter()
    have = Resident.objects.count()
    serials: dict[str, int] = {}
    kk_serial = Household.objects.count()
    temp_serials: dict[str, int] = {}
    for number in Resident.objects.exclude(temp_number=None).values_list("temp_number", flat=True):
        code = number[1:11]
        temp_serials[code] = max(temp_serials.get(code, 0), int(number[11:]))
    while have < residents:
        with transaction.atomic():
            households, people = [], []
            for _ in range(BATCH_HOUSEHOLDS):
                village, dusun_list, rts = rng.choice(places)
                dusun = rng.choice(dusun_list)
                kk_serial += 1
                issued = today - timedelta(days=rng.randint(30, 4000))
                household = Household(
                    village=village,
                    dusun=dusun,
                    rt=rng.choice(rts[dusun.pk]),
                    kk_number=f"{nik.SYNTHETIC_REGION}{issued:%d%m}{kk_serial % 100:02d}"
                    f"{kk_serial // 100 % 10000:04d}",
                    address=f"{dusun.name}, {village.name}",
                    income_band=rng.randint(1, 5),
                )
                households.append(household)
                size = rng.choices([1, 2, 3, 4, 5, 6], [6, 14, 24, 28, 18, 10])[0]
                for position in range(size):
                    sex = rng.choice("LP")
                    age = rng.randint(25, 75) if position == 0 else rng.randint(0, 60)
                    birth = today - timedelta(days=age * 365 + rng.randint(0, 364))
                    pool = MALE_NAMES if sex == "L" else FEMALE_NAMES
                    name = f"{rng.choice(pool)} {rng.choice(SECOND + pool)}"
                    person = Resident(
                        village=village,
                        dusun=dusun,
                        relationship=1 if position == 0 else 4,
                        name=name,
                        sex=sex,
                        birth_date=birth,
                        whereabouts=rng.choices(["desa", "indonesia", "luar_negeri"], [90, 5, 5])[
                            0
                        ],
                    )
                    if rng.random() < 0.02:
                        temp_serials[village.code] = temp_serials.get(village.code, 0) + 1
                        person.no_nik_reason = codes.NoNikReason.NOT_REGISTERED
                        person.temp_number = nik.temporary_number(
                            village.code, temp_serials[village.code]
                        )
                    else:
                        day = birth.day + (40 if sex == "P" else 0)
                        stem = f"{nik.SYNTHETIC_REGION}{day:02d}{birth:%m%y}"
                        serials[stem] = serials.get(stem, 0) + 1
                        person.nik = f"{stem}{serials[stem]:04d}"
                    people.append((person, household))
            Household.objects.bulk_create(households, batch_size=2_000)
            for person, household in people:
                person.household = household
            Resident.objects.bulk_create([p for p, _h in people], batch_size=2_000)
            ResidentNameKey.objects.bulk_create(
                (
                    ResidentNameKey(resident=p, key=key)
                    for p, _h in people
                    for key in names.index_keys(p.name)
                ),
                batch_size=5_000,
            )
            Membership.objects.bulk_create(
                (
                    Membership(
                        resident=p,
                        household=h,
                        kk_number=h.kk_number,
                        relationship=p.relationship,
                        started_on=date(2015, 1, 1),
                    )
                    for p, h in people
                ),
                batch_size=5_000,
            )
        have += len(people)
        rate = have / (time.perf_counter() - start)
        print(f"  {have:,} residents ({rate:,.0f}/s)", flush=True)
    # As after a large import: statistics, and on PostgreSQL VACUUM (index-only scans).
    refresh_tables(Resident, ResidentNameKey, Household, Membership)
    print(f"done in {time.perf_counter() - start:.0f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--villages", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    generate(args.residents, args.villages, args.seed)


if __name__ == "__main__":
    main()
