"""The programme services' rules: what they refuse, and that nothing is written when they do."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sigap.programs import services
from sigap.programs.models import Attendance, Invitation, Session
from sigap.registry import services as registry_services

WITA = ZoneInfo("Asia/Makassar")


def test_only_programme_managers_plan_and_only_attendance_takers_tick(
    personas, household, programme, session
):
    with pytest.raises(PermissionDenied):
        services.invite(actor=personas["pendamping"], programme=programme, resident_ids=[1])
    with pytest.raises(PermissionDenied):
        services.attendance_mark(
            actor=personas["pengurus_koperasi"], session=session, resident=household[1]
        )
    services.attendance_mark(actor=personas["kader"], session=session, resident=household[1])
    assert Attendance.objects.count() == 1


def test_too_many_invitations_at_once_are_refused(koordinator, programme):
    with pytest.raises(ValidationError, match="Paling banyak 5.000 orang"):
        services.invite(
            actor=koordinator,
            programme=programme,
            resident_ids=range(1, services.MAX_INVITATIONS + 2),
        )
    assert not Invitation.objects.exists()


def test_the_dead_are_not_invited_and_do_not_attend(
    admin, koordinator, household, programme, session
):
    father = household[1]
    registry_services.life_event_record(
        actor=admin, resident=father, kind="mati", occurred_on=date(2026, 1, 8)
    )
    father.refresh_from_db()
    assert services.invite(actor=koordinator, programme=programme, resident_ids=[father.pk]) == 0
    with pytest.raises(ValidationError, match="tidak tercatat hidup"):
        services.attendance_mark(actor=koordinator, session=session, resident=father)


def test_moving_the_programme_start_after_a_session_is_refused(koordinator, programme, session):
    fields = {
        name: getattr(programme, name)
        for name in (
            "title",
            "kind",
            "topic",
            "organiser",
            "target_group",
            "funding_source",
            "ends_on",
            "budget_line",
            "budget_amount",
            "pass_mark",
            "coordinator",
        )
    }
    with pytest.raises(ValidationError, match="Sudah ada sesi sebelum tanggal ini"):
        services.programme_update(
            actor=koordinator, programme=programme, starts_on=date(2026, 1, 11), **fields
        )
    programme.refresh_from_db()
    assert programme.starts_on == date(2026, 1, 5)


def test_a_session_with_attendance_is_neither_cancelled_nor_moved_ahead(
    koordinator, household, session
):
    services.attendance_mark(actor=koordinator, session=session, resident=household[1])
    with pytest.raises(ValidationError, match="tidak dapat dibatalkan"):
        services.session_cancel(actor=koordinator, session=session)
    with pytest.raises(ValidationError, match="tidak dapat dimundurkan"):
        services.session_update(
            actor=koordinator,
            session=session,
            day=date(2099, 1, 1),
            start_time=time(9),
            end_time=time(11),
            place="Aula",
            topic="x",
            guest_facilitator="LBH",
        )
    session.refresh_from_db()
    assert (session.cancelled, session.date) == (False, date(2026, 1, 10))


@pytest.mark.parametrize(
    ("moment", "accepted"),
    [
        (datetime(2026, 1, 10, 6, 59, tzinfo=WITA), False),  # more than two hours early
        (datetime(2026, 1, 10, 7, 0, tzinfo=WITA), True),  # two hours before 09:00
        (datetime(2026, 1, 10, 23, 59, tzinfo=WITA), True),  # the end of the day
        (datetime(2026, 1, 11, 0, 0, 1, tzinfo=WITA), False),  # the next day
    ],
)
def test_the_qr_code_opens_two_hours_before_and_closes_at_midnight(
    household, session, moment, accepted
):
    args = {"session": session, "nik": "5201014708920002", "birth_date": date(1992, 8, 7)}
    if accepted:
        _attendance, created = services.self_checkin(now=moment, **args)
        assert created
    else:
        with pytest.raises(ValidationError, match="hanya berlaku pada hari sesi"):
            services.self_checkin(now=moment, **args)
        assert not Attendance.objects.exists()


def test_a_cancelled_session_takes_no_attendance(koordinator, household, session):
    services.session_cancel(actor=koordinator, session=session)
    with pytest.raises(ValidationError, match="dibatalkan"):
        services.attendance_mark(actor=koordinator, session=session, resident=household[1])
    assert Session.objects.get().cancelled
