"""Write a district's caseload over a registry written by ``generate_registry.py``: by default
50,000 cases, 500,000 psychosocial sessions and 100,000 referrals, worked by 200 Pendamping under
20 Koordinator, with consent, plans and a service directory of 60 organisations.

Bulk writes, one transaction per batch, no audit rows (test data, not user work). Notes are
encrypted like real ones (the field encrypts in bulk_create too), so the sizes are real.

    .venv/bin/python bench/generate_registry.py --residents 1000000
    .venv/bin/python bench/generate_cases.py
"""

import argparse
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SIGAP_VAR_DIR", str(ROOT / "bench" / "out"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.db.models import Count, OuterRef, Subquery, Value  # noqa: E402
from django.db.models.functions import Coalesce  # noqa: E402

from sigap.accounts.models import User, UserRole  # noqa: E402
from sigap.cases import vocabulary as v  # noqa: E402
from sigap.cases.models import (  # noqa: E402
    Case,
    CaseWorker,
    Consent,
    Goal,
    PlanAction,
    Referral,
    Session,
)
from sigap.core.bulk import refresh_statistics  # noqa: E402
from sigap.partners.models import NeedArea, Organisation, Service  # noqa: E402
from sigap.registry.models import Resident  # noqa: E402

STAGES = ["baru", "asesmen", "rencana", "layanan", "pemantauan", "ditutup"]
STAGE_WEIGHTS = [5, 10, 10, 30, 15, 30]
BATCH = 2_000


def staff(koordinators: int, pendamping: int) -> tuple[list[User], list[User]]:
    def make(prefix: str, role: str, count: int) -> list[User]:
        users = []
        for i in range(count):
            user, _ = User.objects.get_or_create(
                username=f"{prefix}{i:03d}", defaults={"full_name": f"{prefix} {i}"}
            )
            UserRole.objects.get_or_create(user=user, role=role)
            users.append(user)
        return users

    return make("bench-koor", "koordinator", koordinators), make(
        "bench-pend", "pendamping", pendamping
    )


def directory(count: int) -> list[Organisation]:
    kinds = Organisation.Kind.values
    orgs = []
    for i in range(count):
        org, created = Organisation.objects.get_or_create(
            name=f"Lembaga uji {i:03d}", defaults={"kind": kinds[i % len(kinds)]}
        )
        if created:
            Service.objects.create(organisation=org, area=NeedArea.values[i % 7], name="Layanan")
        orgs.append(org)
    return orgs


def generate(cases: int, sessions: int, referrals: int, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 (test data)
    koordinators, workers = staff(20, 200)
    orgs = directory(60)
    have = Case.objects.count()
    if have >= cases:
        print(f"already {have:,} cases")
        return
    max_pk = Resident.objects.order_by("-pk").values_list("pk", flat=True).first()
    today = date(2026, 11, 1)
    now = datetime(2026, 11, 1, 4, tzinfo=UTC)
    per_case_sessions = sessions / cases
    per_case_referrals = referrals / cases
    start = time.perf_counter()
    made = {"cases": have, "sessions": 0, "referrals": 0}
    while made["cases"] < cases:
        size = min(BATCH, cases - made["cases"])
        with transaction.atomic():
            batch = []
            for _ in range(size):
                worker_index = rng.randrange(len(workers))
                opened = today - timedelta(days=rng.randint(1, 1000))
                stage = rng.choices(STAGES, STAGE_WEIGHTS)[0]
                batch.append(
                    Case(
                        resident_id=rng.randint(1, max_pk),
                        case_type=rng.choice(v.CaseType.values),
                        intake_source=rng.choice(v.IntakeSource.values),
                        risk_level=rng.choice(v.RiskLevel.values),
                        stage=stage,
                        pending=rng.choice(["", "", "", "asesmen"]) if stage == "asesmen" else "",
                        stage_since=now - timedelta(days=rng.randint(0, 200)),
                        opened_on=opened,
                        closed_on=opened + timedelta(days=200) if stage == "ditutup" else None,
                        summary="Ringkasan kasus uji.",
                        supervisor=koordinators[worker_index // 10],
                        created_by=workers[worker_index],
                        consent_services=True,
                        consent_referral=rng.random() < 0.85,
                        consent_reporting=rng.random() < 0.7,
                    )
                )
                batch[-1]._worker = workers[worker_index]
            Case.objects.bulk_create(batch, batch_size=1_000)
            CaseWorker.objects.bulk_create(
                [CaseWorker(case=c, user=c._worker, assigned_by=c._worker) for c in batch],
                batch_size=5_000,
            )
            Consent.objects.bulk_create(
                [
                    Consent(
                        case=c,
                        purpose=purpose,
                        given=True,
                        method="tanda_tangan",
                        given_by="Orangnya sendiri",
                        recorded_on=c.opened_on,
                        recorded_by=c._worker,
                    )
                    for c in batch
                    for purpose in ("layanan", "rujukan")
                ],
                batch_size=5_000,
            )
            goals = [
                Goal(case=c, area=rng.choice(NeedArea.values), description="Tujuan uji")
                for c in batch
            ]
            Goal.objects.bulk_create(goals, batch_size=5_000)
            PlanAction.objects.bulk_create(
                [
                    PlanAction(
                        goal=g,
                        case=g.case,
                        description="Tindakan uji",
                        owner=g.case._worker,
                        due_on=g.case.opened_on + timedelta(days=rng.randint(7, 120)),
                        status=rng.choice(["direncanakan", "berjalan", "selesai"]),
                    )
                    for g in goals
                    for _ in range(2)
                ],
                batch_size=5_000,
            )
            rows = []
            for c in batch:
                for k in range(_count(rng, per_case_sessions)):
                    rows.append(
                        Session(
                            case=c,
                            held_on=c.opened_on + timedelta(days=14 * (k + 1)),
                            place="Rumah",
                            kind="individu",
                            facilitator=c._worker,
                            wellbeing_answers=[3, 3, 2, 3, 3],
                            wellbeing_score=56,
                            notes="Catatan sesi uji yang cukup panjang untuk ukuran nyata.",
                        )
                    )
            Session.objects.bulk_create(rows, batch_size=5_000)
            made["sessions"] += len(rows)
            rows = []
            for c in batch:
                for _ in range(_count(rng, per_case_referrals)):
                    sent = now - timedelta(days=rng.randint(0, 600))
                    status = rng.choice(Referral.Status.values)
                    rows.append(
                        Referral(
                            case=c,
                            organisation=rng.choice(orgs),
                            area=rng.choice(NeedArea.values),
                            reason="Alasan rujukan uji.",
                            status=status,
                            sent_at=sent,
                            sent_by=c._worker,
                            responded_at=sent + timedelta(days=3) if status != "dikirim" else None,
                        )
                    )
            Referral.objects.bulk_create(rows, batch_size=5_000)
            made["referrals"] += len(rows)
            _counters([c.pk for c in batch])
        made["cases"] += size
        rate = made["cases"] / (time.perf_counter() - start)
        print(f"  {made['cases']:,} cases ({rate:,.0f}/s) {made}", flush=True)
    refresh_statistics(Case, CaseWorker, Consent, Goal, PlanAction, Session, Referral)
    print(f"done in {time.perf_counter() - start:.0f} s", flush=True)


def _counters(ids: list[int]) -> None:
    """The per-case counters the services keep (nearest open action, referrals waiting), set in
    one UPDATE for the batch."""
    open_actions = PlanAction.objects.filter(
        case=OuterRef("pk"), status__in=["direncanakan", "berjalan"]
    ).order_by("due_on")
    waiting = (
        Referral.objects.filter(case=OuterRef("pk"), status="dikirim")
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Case.objects.filter(pk__in=ids).update(
        next_action_due=Subquery(open_actions.values("due_on")[:1]),
        referrals_waiting=Coalesce(Subquery(waiting), Value(0)),
    )


def _count(rng: random.Random, mean: float) -> int:
    """A whole number with the given mean (the floor, plus one with the remainder's chance)."""
    whole = int(mean)
    return whole + (1 if rng.random() < mean - whole else 0) + rng.choice([-1, 0, 1]) * (whole > 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--sessions", type=int, default=500_000)
    parser.add_argument("--referrals", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    generate(args.cases, args.sessions, args.referrals, args.seed)


if __name__ == "__main__":
    main()
