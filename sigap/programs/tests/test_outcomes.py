"""Follow-up after a course: the completers with the outcomes recorded for them, a count per kind
of outcome, and the form that records one (refusing a repeat or a date in the future)."""

import re
from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import login_client
from sigap.programs import services
from sigap.programs.models import Outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(koordinator, programme, session, household):
    """Two sessions: the mother and the father came to both, the daughter to one (50%)."""
    second = services.session_create(
        actor=koordinator,
        programme=programme,
        day=date(2026, 1, 17),
        start_time=time(9, 0),
        end_time=time(11, 0),
        place="Aula kantor desa",
        topic="Praktik",
        guest_facilitator="Disnaker Lombok Barat",
    )
    _home, father, mother, daughter = household
    for person in (father, mother):
        for s in (session, second):
            services.attendance_mark(actor=koordinator, session=s, resident=person)
    services.attendance_mark(actor=koordinator, session=session, resident=daughter)
    return programme, father, mother, daughter


def _count(html: str, kind: str) -> str:
    return re.search(rf'data-testid="count-{kind}">([^<]*)<', html).group(1)


def test_outcomes_are_recorded_and_counted_per_kind(koordinator, course):
    programme, father, mother, daughter = course
    client = login_client(koordinator)
    url = reverse("programs:outcome_record", args=[programme.pk])
    form = client.get(url, {"orang": mother.pk}).content.decode()
    assert re.search(rf'value="{mother.pk}"[^>]*selected', form)
    assert daughter.name not in form  # not a completer
    yesterday = timezone.localdate() - timedelta(days=1)
    for person, kind in ((mother, "usaha"), (mother, "koperasi"), (father, "bekerja")):
        response = client.post(
            url,
            {
                "resident": person.pk,
                "kind": kind,
                "recorded_on": yesterday.isoformat(),
                "note": "Usaha kue di rumah" if kind == "usaha" else "",
            },
        )
        assert response.status_code == 302, response.content.decode()
    html = client.get(reverse("programs:outcome_list", args=[programme.pk])).content.decode()
    assert _count(html, "usaha") == "1"
    assert _count(html, "koperasi") == "1"
    assert _count(html, "bekerja") == "1"
    assert _count(html, "belum") == "0"
    assert re.search(r'data-testid="completers">2<', html)
    assert re.search(r'data-testid="followed">2<', html)
    assert "Usaha kue di rumah" in html


def test_a_repeat_or_a_future_date_is_refused_and_nothing_written(koordinator, course):
    programme, father, _mother, daughter = course
    client = login_client(koordinator)
    url = reverse("programs:outcome_record", args=[programme.pk])
    today = timezone.localdate()
    data = {"resident": father.pk, "kind": "bekerja", "recorded_on": today.isoformat()}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 400
    assert "sudah tercatat" in again.content.decode()
    future = client.post(
        url, data | {"kind": "usaha", "recorded_on": (today + timedelta(days=3)).isoformat()}
    )
    assert future.status_code == 400
    assert "tidak di masa depan" in future.content.decode()
    # Someone who did not complete the course is not a choice.
    assert client.post(url, data | {"resident": daughter.pk}).status_code == 400
    assert Outcome.objects.count() == 1


def test_only_those_who_manage_programmes_see_the_follow_up(personas, course):
    programme = course[0]
    urls = [
        reverse("programs:outcome_list", args=[programme.pk]),
        reverse("programs:outcome_record", args=[programme.pk]),
    ]
    for role in ("outsider", "mitra", "kader", "pendamping", "analis", "admin_desa"):
        client = login_client(personas[role])
        for url in urls:
            assert client.get(url).status_code == 404, (role, url)
    client = login_client(personas["koordinator"])
    assert client.get(reverse("programs:outcome_list", args=[999])).status_code == 404
