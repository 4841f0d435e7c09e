"""The demo programmes: a year of courses whose sessions, attendance and tests look like a
village's (uneven turnout, attendance only for sessions held, facilitators qualified for their
topic, gains that are not all positive); the same seed builds the same year; a second run adds
nothing."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from sigap.core.demo import DemoContext, demo_password, steps
from sigap.core.models import Village
from sigap.programs import demo, selectors, services
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
)

pytestmark = pytest.mark.django_db


DEMO_STEPS = {"territory", "users", "population", "partners", "programmes"}


@pytest.fixture
def seeded():
    """The demo village with the steps the programmes need (the whole ``seed_demo`` runs in
    ``core.tests.test_seed_demo``)."""
    ctx = DemoContext(seed=5, rng=random.Random(5), password=demo_password(), people=1500)  # noqa: S311
    for name, step in steps():
        if name in DEMO_STEPS:
            step(ctx)


def snapshot() -> list[tuple]:
    return (
        list(
            Programme.objects.order_by("starts_on", "title").values_list(
                "title", "organiser__name", "starts_on", "ends_on", "budget_amount"
            )
        )
        + sorted(Invitation.objects.values_list("programme__title", "resident_id"))
        + sorted(
            Attendance.objects.values_list(
                "session__programme__title", "session__date", "resident_id", "method"
            )
        )
        + sorted(
            Answer.objects.values_list(
                "test__programme__title", "test__kind", "resident_id", "question__text", "chosen"
            )
        )
        + sorted(Outcome.objects.values_list("programme__title", "resident_id", "kind"))
    )


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Programme, Session, Invitation, Attendance, KnowledgeTest, Answer, Outcome)
    }


def wipe_programmes() -> None:
    for model in (Answer, KnowledgeTest, Outcome, Attendance, Invitation, Session, Programme):
        model.objects.all().delete()
    Question.objects.all().delete()
    StaffTraining.objects.all().delete()


def test_the_demo_year_has_every_kind_of_programme_with_sessions_and_invitations(seeded):
    programmes = list(Programme.objects.select_related("organiser"))
    assert 8 <= len(programmes) <= 12
    assert {p.kind for p in programmes} == set(Programme.Kind.values)
    assert all(p.budget_amount > 0 and p.budget_line for p in programmes)
    assert all(p.organiser.name != "" for p in programmes)
    for programme in programmes:
        assert programme.sessions.exists()
        assert 10 <= programme.invitations.count() <= 80
    today = timezone.localdate()
    assert Session.objects.filter(date__gt=today).exists()  # the coming weeks are planned
    assert Programme.objects.filter(starts_on__lte=today - timedelta(days=300)).exists()
    # Every facilitator from the village leads only topics their trainings qualify them for;
    # the other sessions have a guest speaker.
    for session in Session.objects.select_related("programme", "facilitator"):
        if session.facilitator is None:
            assert session.guest_facilitator
        else:
            assert session.programme.topic in services.qualified_topics(session.facilitator)


def test_attendance_is_only_for_sessions_held_and_turnout_is_uneven(seeded):
    today = timezone.localdate()
    assert Attendance.objects.exists()
    assert not Attendance.objects.filter(session__date__gt=today).exists()
    assert not Attendance.objects.filter(session__cancelled=True).exists()
    assert Session.objects.filter(cancelled=True, date__lte=today).exists()
    methods = set(Attendance.objects.values_list("method", flat=True))
    assert methods == set(Attendance.Method.values)
    shares = []
    for programme in Programme.objects.all():
        part = selectors.participation(programme, today)
        if not part.sessions_held:
            continue
        assert part.participation_rate < 1  # some invitees never came
        shares += [n / part.invited for _label, n in part.per_session]
    assert max(shares) - min(shares) >= 0.2
    assert 0.5 <= sum(shares) / len(shares) <= 0.9


def test_tests_mostly_show_learning_but_not_everywhere(seeded):
    results = [selectors.test_results(p) for p in Programme.objects.all()]
    with_both = [r for r in results if r.summary is not None]
    assert len(with_both) >= 5
    gains = sorted(r.summary.mean_gain for r in with_both)
    assert gains[-1] > 10  # most classes learnt something…
    assert gains[0] < 8  # …one barely moved
    items = [i for r in with_both for i in r.items if i.before is not None and i.after is not None]
    assert any(i.after < i.before for i in items)  # a few items got worse
    assert sum(i.after > i.before for i in items) > len(items) / 2
    assert KnowledgeTest.objects.filter(kind=KnowledgeTest.Kind.DELAYED).exists()
    assert any(p.gain is not None and p.gain < 0 for r in with_both for p in r.people)


def test_completers_of_the_skills_courses_have_outcomes(seeded):
    skills = Programme.objects.filter(kind=Programme.Kind.SKILLS)
    assert any(selectors.completers(p) for p in skills)
    outcomes = list(Outcome.objects.all())
    assert outcomes
    assert {o.programme.kind for o in outcomes} == {Programme.Kind.SKILLS}
    assert len({o.kind for o in outcomes}) >= 3
    for outcome in outcomes:
        assert Attendance.objects.filter(
            programme=outcome.programme, resident=outcome.resident
        ).exists()
        assert outcome.recorded_on <= timezone.localdate()


def test_the_same_seed_builds_the_same_year_and_a_second_run_adds_nothing(seeded):
    village = Village.objects.get()
    dusun = list(village.dusun_set.order_by("pk"))
    wipe_programmes()

    def build():
        ctx = DemoContext(
            seed=3,
            rng=random.Random(3),  # noqa: S311
            password=demo_password(),
            village=village,
            dusun=dusun,
        )
        demo.build_programmes(ctx)

    build()
    first, sizes = snapshot(), counts()
    assert sizes["Attendance"] > 500
    build()  # programmes exist: nothing is added
    assert counts() == sizes
    wipe_programmes()
    build()
    assert counts() == sizes
    assert snapshot() == first
