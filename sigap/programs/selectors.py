"""Reads of the programmes: the catalogue, targeting from the registry, who came, the analytics
and the knowledge tests' results. Counting happens in SQL; only one programme's rows (a few
thousand at most) are read into Python."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from sigap.core.charts import BarChart, bar_chart
from sigap.core.templatetags.sigap import percent as percent_text
from sigap.programs import stats
from sigap.programs.models import (
    Answer,
    Attendance,
    Invitation,
    KnowledgeTest,
    Outcome,
    Programme,
    Question,
    Session,
    StaffTraining,
    Topic,
)
from sigap.registry import codes
from sigap.registry.models import Resident
from sigap.registry.selectors import (
    AGE_BANDS,
    ResidentFilters,
    age_between,
    resident_list_visible_to,
    resident_visible_to,
    vulnerable_households,
)

RETENTION_SHARE = 0.75  # attended at least 75% of the course's sessions held


# ---------------------------------------------------------------------------------------------
# Catalogue


def programme_list(
    *, q: str = "", kind: str = "", topic: str = "", year: int | None = None
) -> QuerySet[Programme]:
    programmes = Programme.objects.select_related("organiser")
    if q.strip():
        programmes = programmes.filter(title__icontains=q.strip())
    if kind:
        programmes = programmes.filter(kind=kind)
    if topic:
        programmes = programmes.filter(topic=topic)
    if year:
        programmes = programmes.filter(starts_on__year=year)
    sessions = Session.objects.filter(programme=OuterRef("pk"), cancelled=False)
    return programmes.annotate(
        session_count=_count(sessions),
        invited_count=_count(Invitation.objects.filter(programme=OuterRef("pk"))),
    ).order_by("-starts_on", "title", "pk")


class _Count(Subquery):
    """COUNT(*) of a correlated subquery: one number per row of the outer query, without a
    GROUP BY over a join."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()


def _count(queryset: QuerySet) -> _Count:
    return _Count(queryset.order_by().values("pk"))


def programme_or_none(pk: int) -> Programme | None:
    return (
        Programme.objects.select_related("organiser", "coordinator", "target_dusun", "village")
        .filter(pk=pk)
        .first()
    )


def programme_sessions(programme: Programme) -> list[Session]:
    return list(
        programme.sessions.select_related("facilitator")
        .annotate(present=Count("attendances"))
        .order_by("date", "start_time", "pk")
    )


def session_or_none(pk: int) -> Session | None:
    return (
        Session.objects.select_related("programme", "programme__organiser", "facilitator")
        .filter(pk=pk)
        .first()
    )


def session_by_token(token: str) -> Session | None:
    return Session.objects.select_related("programme").filter(checkin_token=token).first()


def sessions_between(start: date, end: date) -> list[Session]:
    """The calendar: sessions from ``start`` to ``end`` inclusive."""
    return list(
        Session.objects.filter(date__gte=start, date__lte=end)
        .select_related("programme", "facilitator")
        .order_by("date", "start_time", "pk")
    )


# ---------------------------------------------------------------------------------------------
# Targeting


@dataclass
class TargetFilters:
    """Who to invite, from the registry's facts: the registry's filters plus household factors.
    ``village_id`` keeps a district's registry to the programme's village."""

    village_id: int | None = None
    dusun_id: int | None = None
    sex: str = ""
    age_band: str = ""
    whereabouts: str = ""
    at_risk: bool = False  # a household ``registry.selectors.vulnerable_households`` names
    low_income: bool = False
    social_assistance: bool = False
    migrant_family: bool = False  # a member of the household is away (abroad or elsewhere)
    never_reached: bool = False  # has come to no session of any programme
    q: str = ""


def target_filters_of(programme: Programme) -> TargetFilters:
    """The programme's target group as filters."""
    return TargetFilters(
        village_id=programme.village_id,
        dusun_id=programme.target_dusun_id,
        sex=programme.target_sex,
        age_band=programme.target_age_band,
        at_risk=programme.target_at_risk,
    )


def targets(*, user, filters: TargetFilters, today: date | None = None) -> QuerySet[Resident]:
    """Living residents the user may see who match ``filters``, ordered by name."""
    residents = resident_list_visible_to(
        user=user,
        filters=ResidentFilters(
            q=filters.q,
            village_id=filters.village_id,
            dusun_id=filters.dusun_id,
            sex=filters.sex,
            age_band=filters.age_band,
            whereabouts=filters.whereabouts,
        ),
        today=today,
    )
    if filters.at_risk:
        residents = residents.filter(household__in=vulnerable_households().values("pk"))
    if filters.low_income:
        residents = residents.filter(household__income_band=codes.IncomeBand.BELOW_1M)
    if filters.social_assistance:
        residents = residents.filter(household__social_assistance=True)
    if filters.migrant_family:
        away = Resident.objects.filter(
            household=OuterRef("household_id"), basic_status=codes.BasicStatus.ALIVE
        ).exclude(whereabouts=codes.Whereabouts.VILLAGE)
        residents = residents.filter(Exists(away))
    if filters.never_reached:
        residents = residents.exclude(Exists(Attendance.objects.filter(resident=OuterRef("pk"))))
    return residents


def target_coverage(*, user, programme: Programme) -> dict:
    """The programme's target group: how many there are, how many were invited, how many have
    come to this programme, and how many have never come to any session at all. One pass over
    the group (a village's few thousand residents), each count an indexed EXISTS."""
    group = targets(user=user, filters=target_filters_of(programme)).order_by()
    counts = group.aggregate(
        total=Count("pk"),
        invited=Count(
            "pk",
            filter=Exists(Invitation.objects.filter(programme=programme, resident=OuterRef("pk"))),
        ),
        came=Count(
            "pk",
            filter=Exists(Attendance.objects.filter(programme=programme, resident=OuterRef("pk"))),
        ),
        never_reached=Count(
            "pk", filter=~Exists(Attendance.objects.filter(resident=OuterRef("pk")))
        ),
    )
    total = counts["total"]
    return {**counts, "came_share": counts["came"] / total if total else None}


# ---------------------------------------------------------------------------------------------
# Invitations and the attendance roster


def invitations(programme: Programme) -> QuerySet[Invitation]:
    attended = Attendance.objects.filter(programme=programme, resident=OuterRef("resident_id"))
    return (
        programme.invitations.select_related("resident", "resident__dusun")
        .annotate(sessions_attended=_count(attended))
        .order_by("resident__dusun__name", "resident__name", "pk")
    )


def resident_to_tick(*, user, session: Session, pk: int) -> Resident | None:
    """A resident the user may tick at ``session``: one in their registry scope, or one the
    programme invited (a Kader ticks invitees of any dusun: the list is the Koordinator's)."""
    resident = resident_visible_to(user=user, pk=pk)
    if resident is None:
        invitation = (
            Invitation.objects.filter(programme_id=session.programme_id, resident_id=pk)
            .select_related("resident")
            .first()
        )
        resident = invitation.resident if invitation else None
    return resident


@dataclass
class RosterRow:
    resident: Resident
    invited: bool
    present: bool


def session_roster(session: Session) -> list[RosterRow]:
    """The tick list: the programme's invitees, then walk-ins, each with whether they are
    marked present at this session."""
    present = set(session.attendances.values_list("resident_id", flat=True))
    invited = list(
        Resident.objects.filter(
            pk__in=Invitation.objects.filter(programme_id=session.programme_id).values(
                "resident_id"
            )
        )
        .select_related("dusun")
        .order_by("name", "pk")
    )
    invited_ids = {r.pk for r in invited}
    walk_ins = list(
        Resident.objects.filter(pk__in=present - invited_ids)
        .select_related("dusun")
        .order_by("name")
    )
    return [RosterRow(r, True, r.pk in present) for r in invited] + [
        RosterRow(r, False, True) for r in walk_ins
    ]


# ---------------------------------------------------------------------------------------------
# Participation analytics


def _age_band(born: date | None, today: date) -> str:
    if born is None:
        return ""
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    for band, (low, high) in AGE_BANDS.items():
        if low <= age <= high:
            return band
    return ""


@dataclass
class Breakdown:
    """Participants by one attribute: rows of (label, people, share of participants)."""

    title: str
    rows: list[tuple[str, int, float]]
    chart: BarChart | None = None


@dataclass
class Participation:
    sessions_held: int
    invited: int
    reached: int  # unique persons who came at least once
    invited_who_came: int
    participation_rate: float | None  # invited who came / invited
    retained: int  # came to at least 75% of the sessions held
    retention_rate: float | None  # retained / reached
    attendances: int
    per_session: list[tuple[str, int]] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    session_chart: BarChart | None = None


def _breakdowns(people: list[Resident], today: date) -> list[Breakdown]:
    total = len(people)
    dusun = Counter(p.dusun.name for p in people)
    sex = Counter(codes.Sex(p.sex).label for p in people)
    ages = Counter(_age_band(p.birth_date, today) or _("tidak diketahui") for p in people)
    order = {band: n for n, band in enumerate(AGE_BANDS)}
    result = []
    for title, counter, key in (
        (_("Menurut dusun"), dusun, lambda item: (-item[1], item[0])),
        (_("Menurut jenis kelamin"), sex, lambda item: item[0]),
        (_("Menurut umur"), ages, lambda item: order.get(item[0], 99)),
    ):
        rows = [(label, n, n / total) for label, n in sorted(counter.items(), key=key)]
        chart = bar_chart([(label, n, f"{n} ({percent_text(share)})") for label, n, share in rows])
        result.append(Breakdown(str(title), rows, chart))
    return result


def participation(programme: Programme, today: date | None = None) -> Participation:
    """Reach, participation rate, retention and who came, for one programme."""
    today = today or timezone.localdate()
    held = list(
        programme.sessions.filter(cancelled=False, date__lte=today)
        .order_by("date", "start_time")
        .values_list("pk", "date")
    )
    rows = list(
        Attendance.objects.filter(programme=programme).values_list("resident_id", "session_id")
    )
    per_person = Counter(resident for resident, _session in rows)
    per_session = Counter(session for _resident, session in rows)
    invited_ids = set(programme.invitations.values_list("resident_id", flat=True))
    reached = len(per_person)
    needed = RETENTION_SHARE * len(held)
    retained = sum(1 for n in per_person.values() if held and n >= needed)
    invited_who_came = len(invited_ids & per_person.keys())
    people = list(
        Resident.objects.filter(pk__in=list(per_person))
        .select_related("dusun")
        .only("pk", "sex", "birth_date", "dusun__name")
    )
    session_rows = [(f"{day:%d/%m}", per_session.get(pk, 0)) for pk, day in held]
    return Participation(
        sessions_held=len(held),
        invited=len(invited_ids),
        reached=reached,
        invited_who_came=invited_who_came,
        participation_rate=invited_who_came / len(invited_ids) if invited_ids else None,
        retained=retained,
        retention_rate=retained / reached if reached else None,
        attendances=len(rows),
        per_session=session_rows,
        breakdowns=_breakdowns(people, today) if people else [],
        session_chart=bar_chart([(label, n, str(n)) for label, n in session_rows[-12:]]),
    )


def completers(programme: Programme, today: date | None = None) -> list[Resident]:
    """Who completed the course: came to at least 75% of the sessions held (and to at least
    one). They get a certificate. Each carries ``sessions_attended``."""
    today = today or timezone.localdate()
    held = programme.sessions.filter(cancelled=False, date__lte=today).count()
    if not held:
        return []
    counts = dict(
        Attendance.objects.filter(programme=programme, session__cancelled=False)
        .values("resident")
        .annotate(n=Count("pk"))
        .filter(n__gte=RETENTION_SHARE * held)
        .values_list("resident", "n")
    )
    people = list(
        Resident.objects.filter(pk__in=list(counts)).select_related("dusun").order_by("name", "pk")
    )
    for person in people:
        person.sessions_attended = counts[person.pk]
    return people


@dataclass
class DistrictParticipation:
    year: int
    programmes: int
    sessions: int
    attendances: int
    reached: int
    by_kind: list[tuple[str, int]]
    by_sex: list[tuple[str, int]]
    by_age: list[tuple[str, int]]
    by_village: list[tuple[str, int]]
    kind_chart: BarChart | None
    sex_chart: BarChart | None
    age_chart: BarChart | None


def district_participation(year: int, today: date | None = None) -> DistrictParticipation:
    """Everyone reached by the programmes of ``year`` (by session date), in SQL: unique persons
    overall, by kind of programme, sex, age band and village.

    The year's people are counted once, grouped by sex, village and age band together, and the
    breakdowns are summed from those few hundred rows: asking the database for each breakdown
    separately rebuilt the set of reached people (half a million attendances) every time.
    """
    today = today or timezone.localdate()
    attendance = Attendance.objects.filter(session__date__year=year)
    people = Resident.objects.filter(pk__in=attendance.values("resident_id"))
    band = Case(
        *[
            When(age_between(low, high, today=today), then=Value(name))
            for name, (low, high) in AGE_BANDS.items()
        ],
        default=Value(""),
        output_field=CharField(),
    )
    sex: Counter = Counter()
    age: Counter = Counter()
    village: Counter = Counter()
    groups = (
        people.annotate(band=band)
        .values("sex", "village__name", "band")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in groups:
        sex[row["sex"]] += row["n"]
        age[row["band"]] += row["n"]
        village[row["village__name"]] += row["n"]
    reached = sum(sex.values())
    by_kind = [
        (str(Programme.Kind(row["programme__kind"]).label), row["n"])
        for row in attendance.values("programme__kind")
        .annotate(n=Count("resident_id", distinct=True))
        .order_by("-n")
    ]
    by_sex = [(str(codes.Sex(key).label), n) for key, n in sorted(sex.items())]
    by_age = [(name, age.get(name, 0)) for name in AGE_BANDS]
    by_village = sorted(village.items(), key=lambda item: (-item[1], item[0]))[:30]

    def chart(rows):
        if not reached:
            return None
        return bar_chart([(label, n, f"{n} ({percent_text(n / reached)})") for label, n in rows])

    return DistrictParticipation(
        year=year,
        programmes=Programme.objects.filter(sessions__date__year=year).distinct().count(),
        sessions=Session.objects.filter(date__year=year, date__lte=today, cancelled=False).count(),
        attendances=attendance.count(),
        reached=reached,
        by_kind=by_kind,
        by_sex=by_sex,
        by_age=by_age,
        by_village=by_village,
        kind_chart=chart(by_kind),
        sex_chart=chart(by_sex),
        age_chart=chart(by_age),
    )


# ---------------------------------------------------------------------------------------------
# Knowledge tests


def question_list(*, topic: str = "", retired: bool = False) -> QuerySet[Question]:
    """The question bank, by topic; the questions still in use unless ``retired``."""
    questions = Question.objects.all()
    if topic:
        questions = questions.filter(topic=topic)
    if not retired:
        questions = questions.filter(active=True)
    return questions.order_by("topic", "-active", "pk")


def test_or_none(pk: int) -> KnowledgeTest | None:
    return (
        KnowledgeTest.objects.select_related("programme", "programme__village")
        .filter(pk=pk)
        .first()
    )


def test_list(*, user) -> QuerySet[KnowledgeTest]:
    """Tests whose answers the user may enter, newest first, each with ``sheets`` (people with
    answers recorded). A Kader sees the tests of programmes that people of their dusun came to."""
    from sigap.registry.rules import ALL, registry_scope

    scope = registry_scope(user)
    if scope is None:
        return KnowledgeTest.objects.none()
    tests = KnowledgeTest.objects.select_related("programme")
    if scope != ALL:
        tests = tests.filter(
            Exists(
                Attendance.objects.filter(
                    programme=OuterRef("programme_id"), resident__dusun_id=scope
                )
            )
        )
    answered = Answer.objects.filter(test=OuterRef("pk")).values("resident").distinct()
    return tests.annotate(sheets=_count(answered)).order_by("-given_on", "-pk")


def test_participants(*, user, test: KnowledgeTest) -> list[Resident]:
    """Who may sit the test, as the user may see them: the programme's attendees (a Kader: of
    their own dusun), by name, each with ``answered`` (a sheet is recorded)."""
    from sigap.registry.rules import ALL, registry_scope

    scope = registry_scope(user)
    if scope is None:
        return []
    people = Resident.objects.filter(
        pk__in=Attendance.objects.filter(programme_id=test.programme_id).values("resident_id")
    )
    if scope != ALL:
        people = people.filter(dusun_id=scope)
    people = list(people.select_related("dusun").order_by("name", "pk"))
    answered = set(
        Answer.objects.filter(test=test, resident__in=[p.pk for p in people])
        .values_list("resident_id", flat=True)
        .distinct()
    )
    for person in people:
        person.answered = person.pk in answered
    return people


def test_participant_or_none(*, user, test: KnowledgeTest, pk: int) -> Resident | None:
    """One person who may sit the test, if the user may enter their answers."""
    from sigap.registry.rules import can_view_dusun

    person = (
        Resident.objects.filter(
            pk=pk,
            pk__in=Attendance.objects.filter(programme_id=test.programme_id).values("resident_id"),
        )
        .select_related("dusun")
        .first()
    )
    if person is None or not can_view_dusun(user, person.dusun):
        return None
    return person


def test_sheet(*, test: KnowledgeTest, resident: Resident) -> dict[int, int | None]:
    """The person's recorded answers: question id → option chosen (None = left blank)."""
    return dict(
        Answer.objects.filter(test=test, resident=resident).values_list("question_id", "chosen")
    )


@dataclass
class PersonResult:
    resident: Resident
    scores: dict[str, float]  # test kind → score 0–100
    gain: float | None
    normalised_gain: float | None
    passed: bool | None


@dataclass
class ItemResult:
    position: int
    text: str
    before: float | None  # share correct in the pre-test
    after: float | None  # share correct in the post-test
    test: stats.McNemar | None


@dataclass
class TestResults:
    tests: dict[str, KnowledgeTest]
    people: list[PersonResult]
    summary: stats.ClassResult | None
    items: list[ItemResult]
    pass_mark: int


def test_results(programme: Programme) -> TestResults:
    tests = {t.kind: t for t in programme.tests.all()}
    item_count = {t.kind: t.items.count() for t in tests.values()}
    correct: dict[str, dict[int, int]] = {kind: defaultdict(int) for kind in tests}
    answered: dict[str, set[int]] = {kind: set() for kind in tests}
    by_item: dict[str, dict[tuple[int, int], bool]] = {kind: {} for kind in tests}
    for kind, test in tests.items():
        for resident_id, question_id, ok in Answer.objects.filter(test=test).values_list(
            "resident_id", "question_id", "is_correct"
        ):
            answered[kind].add(resident_id)
            correct[kind][resident_id] += ok
            by_item[kind][(resident_id, question_id)] = ok
    everyone = set().union(*answered.values()) if answered else set()
    residents = {r.pk: r for r in Resident.objects.filter(pk__in=everyone).select_related("dusun")}
    pre, post = KnowledgeTest.Kind.PRE, KnowledgeTest.Kind.POST
    people = []
    pairs = []
    for pk in sorted(everyone, key=lambda pk: (residents[pk].name, pk)):
        scores = {
            kind: stats.score(correct[kind][pk], item_count[kind])
            for kind in tests
            if pk in answered[kind] and item_count[kind]
        }
        gain = normalised = None
        if pre in scores and post in scores:
            gain = scores[post] - scores[pre]
            normalised = stats.normalised_gain(scores[pre], scores[post])
            pairs.append((scores[pre], scores[post]))
        people.append(
            PersonResult(
                resident=residents[pk],
                scores=scores,
                gain=gain,
                normalised_gain=normalised,
                passed=scores[post] >= programme.pass_mark if post in scores else None,
            )
        )
    items = []
    if pre in tests:
        both = sorted(answered[pre] & answered.get(post, set()))
        for item in tests[pre].items.select_related("question"):
            q = item.question_id
            before = [by_item[pre].get((pk, q), False) for pk in both]
            after = [by_item[post].get((pk, q), False) for pk in both] if post in tests else []
            took_pre = [by_item[pre].get((pk, q), False) for pk in answered[pre]]
            took_post = (
                [by_item[post].get((pk, q), False) for pk in answered[post]]
                if post in tests
                else []
            )
            items.append(
                ItemResult(
                    position=item.position,
                    text=item.question.text,
                    before=sum(took_pre) / len(took_pre) if took_pre else None,
                    after=sum(took_post) / len(took_post) if took_post else None,
                    test=stats.mcnemar(before, after) if both and after else None,
                )
            )
    return TestResults(
        tests=tests,
        people=people,
        summary=stats.class_result(pairs, pass_mark=programme.pass_mark) if pairs else None,
        items=items,
        pass_mark=programme.pass_mark,
    )


# ---------------------------------------------------------------------------------------------
# Follow-up, capacity and the dashboard


def outcomes(programme: Programme) -> QuerySet[Outcome]:
    return programme.outcomes.select_related("resident", "recorded_by")


def outcome_counts(programme: Programme) -> list[tuple[str, str, int]]:
    """(kind, label, persons) for every kind of outcome, in the choices' order, zeros included:
    a kind nobody reached is a finding too."""
    counts = dict(
        programme.outcomes.order_by()
        .values("kind")
        .annotate(n=Count("resident", distinct=True))
        .values_list("kind", "n")
    )
    return [(kind, str(label), counts.get(kind, 0)) for kind, label in Outcome.Kind.choices]


def trainings_of(user) -> QuerySet[StaffTraining]:
    return StaffTraining.objects.filter(user=user).order_by("-completed_on", "-pk")


def facilitators_with_topics() -> dict[int, set[str]]:
    topics: dict[int, set[str]] = defaultdict(set)
    for user_id, topic in StaffTraining.objects.exclude(qualifies_for="").values_list(
        "user_id", "qualifies_for"
    ):
        topics[user_id].add(topic)
    return topics


DASHBOARD_SECONDS = 300


def dashboard(*, user, today: date | None = None) -> dict:
    """The home card: the coming week's sessions; the year's reach (kept five minutes: at a
    district it reads every attendance of the year) for those who see aggregates."""
    from sigap.core.roles import Cap

    today = today or timezone.localdate()
    upcoming = list(
        Session.objects.filter(date__gte=today, date__lte=today + timedelta(days=7))
        .filter(cancelled=False)
        .select_related("programme")
        .order_by("date", "start_time")[:5]
    )
    year = None
    if user.can(Cap.MANAGE_PROGRAMS) or user.can(Cap.VIEW_AGGREGATES):
        year = kept_participation(today.year, today)
    return {"upcoming": upcoming, "year": year}


def kept_participation(year: int, today: date | None = None) -> DistrictParticipation:
    """``district_participation`` kept for five minutes (the home card and the analytics page
    show the same figures; at a district each computation reads the year's attendances)."""
    from django.core.cache import cache

    today = today or timezone.localdate()
    key = f"programs-year:{year}:{today.isoformat()}"
    result = cache.get(key)
    if result is None:
        result = district_participation(year, today)
        cache.set(key, result, DASHBOARD_SECONDS)
    return result


@dataclass
class CapacityRow:
    user: object
    trainings: list[StaffTraining]
    topics: list[str]  # labels of the topics they may deliver
    sessions_led: int


def capacity_table() -> list[CapacityRow]:
    """Everyone who may lead or record sessions, with their trainings and qualified topics."""
    from sigap.accounts.selectors import users_with
    from sigap.core.roles import Cap

    users = list(users_with(Cap.MANAGE_PROGRAMS, Cap.TAKE_ATTENDANCE))
    trainings: dict[int, list[StaffTraining]] = defaultdict(list)
    for training in StaffTraining.objects.filter(user__in=users).order_by("-completed_on", "-pk"):
        trainings[training.user_id].append(training)
    led = dict(
        Session.objects.filter(facilitator__in=users, cancelled=False)
        .values("facilitator")
        .annotate(n=Count("pk"))
        .values_list("facilitator", "n")
    )
    return [
        CapacityRow(
            user=user,
            trainings=trainings[user.pk],
            topics=sorted(
                {str(Topic(t.qualifies_for).label) for t in trainings[user.pk] if t.qualifies_for}
            ),
            sessions_led=led.get(user.pk, 0),
        )
        for user in users
    ]


@dataclass
class PersonProgramme:
    programme: Programme
    attended: int
    invited: bool


def programmes_of(resident_ids: list[int]) -> dict[int, list[PersonProgramme]]:
    """For the registry's pages: each person's programmes (invited to or attended), newest
    first, with the sessions they came to."""
    attended = Counter(
        Attendance.objects.filter(resident_id__in=resident_ids).values_list(
            "resident_id", "programme_id"
        )
    )
    invited = set(
        Invitation.objects.filter(resident_id__in=resident_ids).values_list(
            "resident_id", "programme_id"
        )
    )
    pairs = set(attended) | invited
    programmes = Programme.objects.in_bulk({programme for _r, programme in pairs})
    result: dict[int, list[PersonProgramme]] = defaultdict(list)
    for resident, programme in pairs:
        result[resident].append(
            PersonProgramme(
                programmes[programme],
                attended.get((resident, programme), 0),
                (resident, programme) in invited,
            )
        )
    for rows in result.values():
        rows.sort(key=lambda row: (row.programme.starts_on, row.programme.pk), reverse=True)
    return result
