"""Write a district's year of programmes over a registry written by ``generate_registry.py``: by
default 1,000 programmes in the villages of the registry (about 120), 10,000 sessions, about
500,000 attendances, the invitations they come from, and about 200,000 test answers.

What the year looks like: each village runs eight or so programmes, legal outreach most often
(4–8 sessions, big audiences), skills courses (12–20 sessions, smaller classes), parenting
classes and kader trainings; weekly or every two weeks, between January and December of
``--today``'s year. Invitees are living residents of the programme's village who are there (in
the target age band and sex when the programme has one); each invitee has their own habit of
coming, some drop out, a few people walk in, and some check themselves in with the QR code.
Attendance is written only for sessions up to ``--today`` and not cancelled. The biggest
programmes are written first, so the programme the benchmark shows (the one with the most
attendances) is an early id, as an old programme's would be. About a third of the programmes have a
pre-test and a post-test of eight items from a bank of ten questions per topic, answered by most
of those at the first and the last session.

Rows get explicit ids and go in through ``core.bulk.insert_rows`` (COPY on PostgreSQL) in a few
large transactions; no audit rows (test data, not user work). Refuses to run when programmes
exist; ``--wipe`` first deletes every row of the programme tables.

    export SIGAP_VAR_DIR=bench/out-programs
    .venv/bin/python bench/generate_registry.py --residents 1000000
    .venv/bin/python bench/generate_programs.py
PostgreSQL: set DATABASE_URL for both.
"""

import argparse
import os
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SIGAP_VAR_DIR", str(ROOT / "bench" / "out-programs"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.core.management.color import no_style  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Max  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.generate_economy import _stamp, _write, _write_objects  # noqa: E402
from sigap.accounts.models import User, UserRole  # noqa: E402
from sigap.core.bulk import refresh_statistics  # noqa: E402
from sigap.partners.models import Organisation  # noqa: E402
from sigap.programs.models import (  # noqa: E402
    Answer,
    Attendance,
    Invitation,
    KnowledgeTest,
    Programme,
    Question,
    Session,
    StaffTraining,
    TestItem,
    Topic,
)
from sigap.registry import codes  # noqa: E402
from sigap.registry.models import Resident  # noqa: E402
from sigap.registry.selectors import AGE_BANDS  # noqa: E402

TABLES = [Programme, Session, Invitation, Attendance, Question, KnowledgeTest, TestItem, Answer]
K = Programme.Kind
# kind: (weight, topics, sessions low–high, invitees low–high, target age bands, women only)
KINDS = {
    K.LEGAL: (
        45,
        [Topic.TPPO_LAW, Topic.SAFE_MIGRATION, Topic.CHILD_MARRIAGE, Topic.DOMESTIC_VIOLENCE],
        (4, 8),
        (60, 130),
        ["", "13-17", "18-24", "25-39", "40-59"],
        0.2,
    ),
    K.SKILLS: (
        30,
        [Topic.SEWING, Topic.COOKING, Topic.FARMING, Topic.DIGITAL, Topic.LANGUAGE],
        (12, 20),
        (35, 70),
        ["18-24", "25-39", "40-59"],
        0.5,
    ),
    K.PARENTING: (15, [Topic.PARENTING], (8, 12), (40, 80), ["25-39", "40-59"], 0.7),
    K.CAPACITY: (10, [Topic.FACILITATION], (6, 10), (25, 50), ["18-24", "25-39"], 0.3),
}
ORGANISERS = [
    ("Dinas Tenaga Kerja Kabupaten Lombok Barat", Organisation.Kind.MIGRANT_WORKER_AGENCY),
    ("BP3MI Nusa Tenggara Barat", Organisation.Kind.MIGRANT_WORKER_AGENCY),
    ("UPTD PPA Kabupaten Lombok Barat", Organisation.Kind.UPTD_PPA),
    ("Unit PPA Satreskrim Polres Lombok Barat", Organisation.Kind.POLICE),
    ("Dinas Sosial Kabupaten Lombok Barat", Organisation.Kind.SOCIAL_SERVICE),
    ("LBH Perempuan dan Anak Lombok Barat", Organisation.Kind.LEGAL_AID),
    ("Serikat Buruh Migran Lombok Barat", Organisation.Kind.NGO),
    ("Yayasan Perlindungan Anak Lombok", Organisation.Kind.NGO),
]
QUESTIONS_PER_TOPIC = 10
ITEMS_PER_TEST = 8
TURNOUT = 0.66  # attendances per invitee and session held, as invite_and_attend makes them
TEST_SHARE = 0.35  # of the programmes with sessions held, at most (until the answers suffice)


@dataclass(slots=True)
class Plan:
    programme: Programme
    kind: str
    size: int  # sessions to plan
    audience: int  # people to invite
    recorder: User | None = None
    sessions: list[Session] = field(default_factory=list)
    invitees: list[int] = field(default_factory=list)
    present: dict[int, list[int]] = field(default_factory=dict)  # session pk → resident pks
    walk_ins: set[int] = field(default_factory=set)
    attendances: int = 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--programmes", type=int, default=1_000)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--attendances", type=int, default=500_000)
    parser.add_argument("--answers", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--today", type=date.fromisoformat, default=None)
    parser.add_argument(
        "--wipe", action="store_true", help="delete every programme row first (all of them)"
    )
    args = parser.parse_args()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if Programme.objects.exists() or Question.objects.exists():
        if not args.wipe:
            sys.exit("Programmes exist already: run with --wipe to delete them all and start over.")
        wipe()
    generate(
        programmes=args.programmes,
        sessions=args.sessions,
        attendances=args.attendances,
        answers=args.answers,
        seed=args.seed,
        today=args.today or timezone.localdate(),
    )


def wipe() -> None:
    """Delete every row of every programme table (TRUNCATE on PostgreSQL, as for the
    cooperatives: a DELETE would leave the benchmark half a million dead rows)."""
    start = time.perf_counter()
    quote = connection.ops.quote_name
    models = [m for m in apps.get_app_config("programs").get_models() if m is not StaffTraining]
    tables = [quote(m._meta.db_table) for m in models]
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)}")  # noqa: S608 (model table names)
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (model table names)
    print(f"wiped the programme tables in {time.perf_counter() - start:.0f} s", flush=True)


def generate(
    *, programmes: int, sessions: int, attendances: int, answers: int, seed: int, today: date
) -> None:
    rng = random.Random(seed)  # noqa: S311 (test data)
    start = time.perf_counter()
    koordinator, recorders = staff()
    organisers = organisations()
    people = residents(today)
    print(f"  {sum(map(len, people.values())):,} residents read", flush=True)
    plans = plan_programmes(rng, programmes, sessions, attendances, people, organisers, koordinator)
    plan_sessions(rng, plans, today, recorders)
    # About two thirds of the invitees come to a session held (with the walk-ins): size the
    # audiences so that the sessions held up to today add up to about ``attendances``.
    held = [sum(1 for s in p.sessions if s.date <= today and not s.cancelled) for p in plans]
    scale = attendances / sum(n * p.audience * TURNOUT for n, p in zip(held, plans, strict=True))
    for plan in plans:
        plan.audience = max(10, round(plan.audience * scale))
        for session in plan.sessions:
            session.capacity = min(1000, plan.audience + 20)
    invite_and_attend(rng, plans, people, today)
    print(
        f"  {len(plans):,} programmes, {sum(len(p.sessions) for p in plans):,} sessions, "
        f"{sum(len(p.invitees) for p in plans):,} invitations, "
        f"{sum(p.attendances for p in plans):,} attendances ({time.perf_counter() - start:.0f} s)",
        flush=True,
    )
    write(rng, plans, koordinator, recorders, today)
    written = write_tests(rng, plans, answers, koordinator)
    print(f"  {written:,} answers ({time.perf_counter() - start:.0f} s)", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), TABLES):
                cursor.execute(sql)
    refresh_statistics(*TABLES)
    print(f"done in {time.perf_counter() - start:.0f} s", flush=True)


def staff() -> tuple[User, list[User]]:
    """The Koordinator who plans the programmes (and is the facilitator of record, trained on
    every topic) and ten Kader who take attendance."""
    koordinator, _ = User.objects.get_or_create(
        username="bench-koordinator", defaults={"full_name": "bench-koordinator"}
    )
    UserRole.objects.get_or_create(user=koordinator, role="koordinator")
    if not StaffTraining.objects.filter(user=koordinator).exists():
        StaffTraining.objects.bulk_create(
            StaffTraining(
                user=koordinator,
                title=f"Pelatihan fasilitator {topic.label}",
                organiser="UPTD PPA Kabupaten Lombok Barat",
                completed_on=date(2024, 6, 1),
                qualifies_for=topic.value,
                recorded_by=koordinator,
            )
            for topic in Topic
        )
    recorders = []
    for n in range(10):
        user, _ = User.objects.get_or_create(
            username=f"bench-kader-{n + 1}", defaults={"full_name": f"bench-kader-{n + 1}"}
        )
        UserRole.objects.get_or_create(user=user, role="pendamping")
        recorders.append(user)
    return koordinator, recorders


def organisations() -> list[Organisation]:
    return [
        Organisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for name, kind in ORGANISERS
    ]


def residents(today: date) -> dict[int, list[tuple[int, int, str, int]]]:
    """Living residents who are in their village, by village: (pk, dusun, sex, age)."""
    people: dict[int, list[tuple[int, int, str, int]]] = defaultdict(list)
    rows = (
        Resident.objects.filter(
            basic_status=codes.BasicStatus.ALIVE, whereabouts=codes.Whereabouts.VILLAGE
        )
        .exclude(birth_date=None)
        .order_by("pk")
        .values_list("pk", "village_id", "dusun_id", "sex", "birth_date")
    )
    for pk, village, dusun, sex, born in rows.iterator(chunk_size=20_000):
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        people[village].append((pk, dusun, sex, age))
    if not people:
        sys.exit("No residents: run generate_registry.py first.")
    return people


def _spread(rng: random.Random, values: list[int], total: int) -> list[int]:
    """``values`` nudged one by one (never below 1) until they add up to ``total``."""
    values = list(values)
    while sum(values) != total:
        i = rng.randrange(len(values))
        step = 1 if sum(values) < total else -1
        if values[i] + step >= 1:
            values[i] += step
    return values


def plan_programmes(rng, count, sessions, attendances, people, organisers, koordinator):
    """The programmes (unsaved, with ids), biggest audience first."""
    villages = sorted(people)
    kinds = list(KINDS)
    weights = [KINDS[k][0] for k in kinds]
    drafts = []
    for _ in range(count):
        kind = rng.choices(kinds, weights)[0]
        _weight, topics, (low, high), (few, many), bands, women = KINDS[kind]
        drafts.append(
            {
                "kind": kind,
                "topic": rng.choice(topics),
                "sessions": rng.randint(low, high),
                "invitees": rng.randint(few, many),
                "band": rng.choice(bands),
                "sex": codes.Sex.FEMALE.value if rng.random() < women else "",
                "village": rng.choice(villages),
            }
        )
    counts = _spread(rng, [d["sessions"] for d in drafts], sessions)
    for count_, draft in zip(counts, drafts, strict=True):
        draft["sessions"] = count_
    drafts.sort(key=lambda d: -d["sessions"] * d["invitees"])
    next_pk = (Programme.objects.aggregate(n=Max("pk"))["n"] or 0) + 1
    plans = []
    for n, draft in enumerate(drafts):
        topic = Topic(draft["topic"])
        band = draft["band"]
        programme = Programme(
            pk=next_pk + n,
            village_id=draft["village"],
            title=f"{topic.label} angkatan {n % 7 + 1}",
            kind=draft["kind"],
            topic=topic.value,
            organiser=rng.choice(organisers),
            description="",
            target_group=f"Warga {band or 'semua umur'}",
            target_sex=draft["sex"],
            target_age_band=band,
            target_dusun=None,
            target_at_risk=False,
            budget_line="APBDes Bidang Pemberdayaan Masyarakat",
            budget_amount=rng.randrange(2_000_000, 40_000_000, 250_000),
            funding_source=rng.choice(Programme.Funding.values),
            pass_mark=70,
            coordinator=koordinator,
        )
        plans.append(Plan(programme, draft["kind"], draft["sessions"], draft["invitees"]))
    return plans


def plan_sessions(rng, plans: list[Plan], today: date, recorders) -> None:
    """Weekly or every two weeks, inside ``today``'s year; one session in forty cancelled."""
    year_start, year_end = date(today.year, 1, 5), date(today.year, 12, 31)
    next_pk = (Session.objects.aggregate(n=Max("pk"))["n"] or 0) + 1
    for plan in plans:
        programme = plan.programme
        every = 7 if plan.size > 12 or rng.random() < 0.5 else 14
        span = (plan.size - 1) * every
        latest = min(year_end - timedelta(days=span), today + timedelta(days=20))
        first = year_start + timedelta(days=rng.randint(0, max(0, (latest - year_start).days)))
        programme.starts_on = first
        programme.ends_on = first + timedelta(days=span)
        start_hour = rng.choice([8, 9, 10, 14, 15, 19, 20])
        for n in range(plan.size):
            day = first + timedelta(days=n * every)
            plan.sessions.append(
                Session(
                    pk=next_pk,
                    programme_id=programme.pk,
                    date=day,
                    start_time=f"{start_hour:02d}:00:00",  # as Django stores a time
                    end_time=f"{start_hour + 2:02d}:00:00",
                    place=f"Aula kantor desa {programme.village_id}",
                    topic=f"Pertemuan {n + 1}",
                    facilitator_id=programme.coordinator.pk if n % 2 == 0 else None,
                    guest_facilitator="" if n % 2 == 0 else "Narasumber dinas",
                    capacity=30,
                    checkin_token=f"b{next_pk:07d}{rng.getrandbits(48):012x}",
                    cancelled=day <= today and rng.random() < 0.025,
                )
            )
            next_pk += 1
        plan.recorder = rng.choice(recorders)


def _eligible(people, programme: Programme) -> list[tuple[int, int, str, int]]:
    village = people[programme.village_id]
    low, high = AGE_BANDS.get(programme.target_age_band, (15, 200))
    return [
        row
        for row in village
        if low <= row[3] <= high and (not programme.target_sex or row[2] == programme.target_sex)
    ]


def invite_and_attend(rng, plans: list[Plan], people, today: date) -> None:
    for plan in plans:
        programme = plan.programme
        eligible = [row[0] for row in _eligible(people, programme)]
        if len(eligible) < plan.audience:  # a narrow band in a small village
            eligible = [row[0] for row in people[programme.village_id]]
        chosen = rng.sample(eligible, min(plan.audience + 20, len(eligible)))
        plan.invitees = sorted(chosen[: plan.audience])
        walk_in_pool = chosen[plan.audience :]
        held = [s for s in plan.sessions if s.date <= today and not s.cancelled]
        habits = []
        for pk in plan.invitees:
            if rng.random() < 0.1:
                continue  # never comes
            chance = min(0.98, max(0.3, rng.gauss(0.8, 0.15)))
            stops = rng.randint(1, len(held)) if held and rng.random() < 0.15 else None
            habits.append((pk, chance, stops))
        walk_ins: list[int] = []
        for n, session in enumerate(held):
            mood = 0.6 if rng.random() < 0.1 else rng.uniform(0.92, 1.05)
            came = [
                pk
                for pk, chance, stops in habits
                if (stops is None or n < stops) and rng.random() < chance * mood
            ]
            if n < 3:  # newcomers come in the first weeks
                fresh = rng.randint(0, 3)
                walk_ins, walk_in_pool = walk_ins + walk_in_pool[:fresh], walk_in_pool[fresh:]
            came += [pk for pk in walk_ins if rng.random() < 0.5]
            plan.present[session.pk] = sorted(set(came))
            plan.attendances += len(plan.present[session.pk])
        plan.walk_ins = set(walk_ins)


def write(rng, plans: list[Plan], koordinator, recorders, today: date) -> None:
    """Programmes, sessions, invitations and attendance, each table in date order of its rows'
    creation (ids follow time as in a live system)."""
    for plan in plans:
        plan.programme.created_at = plan.programme.updated_at = _stamp(
            plan.programme.starts_on - timedelta(days=21)
        )
        for session in plan.sessions:
            session.created_at = session.updated_at = plan.programme.created_at
    _write_objects(Programme, (p.programme for p in plans))
    _write_objects(Session, (s for p in plans for s in p.sessions))
    next_invitation = (Invitation.objects.aggregate(n=Max("pk"))["n"] or 0) + 1

    def invitations():
        pk = next_invitation
        for plan in plans:
            stamp = _stamp(plan.programme.starts_on - timedelta(days=14))
            for resident in plan.invitees:
                yield (pk, plan.programme.pk, resident, koordinator.pk, stamp)
                pk += 1

    _write(
        Invitation,
        ["id", "programme_id", "resident_id", "invited_by_id", "invited_at"],
        invitations(),
    )
    rows = []
    for plan in plans:
        programme = plan.programme
        qr = 0.3 if programme.kind in (K.SKILLS, K.LEGAL) and rng.random() < 0.5 else 0.0
        by_pk = {s.pk: s for s in plan.sessions}
        for session_pk, present in plan.present.items():
            stamp = _stamp(by_pk[session_pk].date)
            for resident in present:
                if resident in plan.walk_ins:
                    method, recorder = Attendance.Method.WALK_IN.value, plan.recorder.pk
                elif qr and rng.random() < qr:
                    method, recorder = Attendance.Method.QR.value, None
                else:
                    method, recorder = Attendance.Method.LIST.value, plan.recorder.pk
                rows.append((stamp, session_pk, programme.pk, resident, method, recorder))
    rows.sort(key=lambda row: (row[0], row[1]))
    next_attendance = (Attendance.objects.aggregate(n=Max("pk"))["n"] or 0) + 1
    _write(
        Attendance,
        ["id", "session_id", "programme_id", "resident_id", "method", "recorded_by_id"]
        + ["recorded_at"],
        (
            (next_attendance + n, session, programme, resident, method, recorder, stamp)
            for n, (stamp, session, programme, resident, method, recorder) in enumerate(rows)
        ),
    )


def write_tests(rng, plans: list[Plan], answers: int, koordinator) -> int:
    """A bank of ten questions per topic; pre- and post-tests of eight items for programmes
    taken in random order until about ``answers`` answers are written."""
    bank: dict[str, list[Question]] = {}
    questions = []
    for topic in Topic:
        bank[topic.value] = []
        for n in range(QUESTIONS_PER_TOPIC):
            question = Question(
                topic=topic.value,
                kind=Question.Kind.TRUE_FALSE if n % 3 == 0 else Question.Kind.MULTIPLE_CHOICE,
                text=f"Soal {n + 1} tentang {topic.label}",
                options=["Benar", "Salah"] if n % 3 == 0 else ["A", "B", "C", "D"],
                correct=rng.randrange(2 if n % 3 == 0 else 4),
            )
            bank[topic.value].append(question)
            questions.append(question)
    with transaction.atomic():
        Question.objects.bulk_create(questions)
    candidates = [p for p in plans if len(p.present) >= 2]
    rng.shuffle(candidates)
    candidates = candidates[: int(len(plans) * TEST_SHARE) + 1]
    next_test = (KnowledgeTest.objects.aggregate(n=Max("pk"))["n"] or 0) + 1
    tests, items, rows = [], [], []
    for plan in candidates:
        if len(rows) >= answers:
            break
        chosen = rng.sample(bank[plan.programme.topic], ITEMS_PER_TEST)
        ease = {q.pk: rng.uniform(0.3, 0.75) for q in chosen}
        gain = {q.pk: rng.uniform(-0.1, 0.4) for q in chosen}
        ability: dict[int, float] = {}
        held = [s for s in plan.sessions if s.pk in plan.present]
        for kind, session, learnt in (
            (KnowledgeTest.Kind.PRE.value, held[0], 0.0),
            (KnowledgeTest.Kind.POST.value, held[-1], 1.0),
        ):
            test = KnowledgeTest(
                pk=next_test, programme_id=plan.programme.pk, kind=kind, given_on=session.date
            )
            test.created_at = test.updated_at = _stamp(session.date)
            next_test += 1
            tests.append(test)
            items += [
                TestItem(test_id=test.pk, question_id=q.pk, position=n)
                for n, q in enumerate(chosen, start=1)
            ]
            for resident in plan.present[session.pk]:
                if rng.random() < 0.1:
                    continue  # left early, no sheet
                skill = ability.setdefault(resident, rng.gauss(0, 0.12))
                for q in chosen:
                    ok = rng.random() < ease[q.pk] + skill + learnt * gain[q.pk]
                    wrong = (q.correct + 1 + rng.randrange(len(q.options) - 1)) % len(q.options)
                    rows.append((test.pk, resident, q.pk, q.correct if ok else wrong, ok))
    _write_objects(KnowledgeTest, tests)
    with transaction.atomic():
        TestItem.objects.bulk_create(items, batch_size=5_000)
    next_answer = (Answer.objects.aggregate(n=Max("pk"))["n"] or 0) + 1
    _write(
        Answer,
        ["id", "test_id", "resident_id", "question_id", "chosen", "is_correct"],
        ((next_answer + n, *row) for n, row in enumerate(rows)),
    )
    return len(rows)


if __name__ == "__main__":
    main()
