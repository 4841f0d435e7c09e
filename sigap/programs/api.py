"""Programmes API for the field app: the sessions of a period, a session's tick list, and
attendance sent in batches (a phone that was offline sends its queue at once). The same services,
selectors and scope as the pages: ``take_attendance`` (or ``manage_programs``), else 404; a Kader
ticks the programme's invitees and finds walk-ins in their own dusun only."""

from datetime import date, time

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Query, Router, Schema, Status

from sigap.core.roles import Cap
from sigap.programs import selectors, services
from sigap.programs.models import Attendance

router = Router(tags=["program"])
MAX_BATCH = 500


class SessionOut(Schema):
    id: int
    programme_id: int
    programme: str
    date: date
    start_time: time
    end_time: time
    place: str
    topic: str
    cancelled: bool


class Problem(Schema):
    detail: str


class SessionQuery(Schema):
    start: date
    end: date


class RosterRowOut(Schema):
    resident_id: int
    name: str
    dusun: str
    invited: bool
    present: bool


class Tap(Schema):
    resident_id: int
    present: bool = True
    method: str = Attendance.Method.LIST


class TapResult(Schema):
    resident_id: int
    ok: bool
    present: bool
    error: str = ""


class BatchOut(Schema):
    present: int
    results: list[TapResult]


def _check(request) -> None:
    user = request.auth
    if not (user.can(Cap.TAKE_ATTENDANCE) or user.can(Cap.MANAGE_PROGRAMS)):
        raise Http404


def _session(session_id: int):
    session = selectors.session_or_none(session_id)
    if session is None:
        raise Http404
    return session


def _session_out(s) -> dict:
    return {
        "id": s.pk,
        "programme_id": s.programme_id,
        "programme": s.programme.title,
        "date": s.date,
        "start_time": s.start_time,
        "end_time": s.end_time,
        "place": s.place,
        "topic": s.topic,
        "cancelled": s.cancelled,
    }


@router.get(
    "/sessions",
    response={200: list[SessionOut], 400: Problem},
    summary="Sesi dalam rentang tanggal",
)
def session_list(request, query: Query[SessionQuery]):
    _check(request)
    if query.end < query.start or (query.end - query.start).days > 92:
        return Status(400, {"detail": "end: rentang tanggal paling lama 92 hari, tidak terbalik."})
    return Status(
        200, [_session_out(s) for s in selectors.sessions_between(query.start, query.end)]
    )


@router.get(
    "/sessions/{session_id}/roster", response=list[RosterRowOut], summary="Daftar centang sesi"
)
def session_roster(request, session_id: int):
    _check(request)
    session = _session(session_id)
    return [
        {
            "resident_id": row.resident.pk,
            "name": row.resident.name,
            "dusun": row.resident.dusun.name,
            "invited": row.invited,
            "present": row.present,
        }
        for row in selectors.session_roster(session)
    ]


@router.post(
    "/sessions/{session_id}/attendance",
    response={200: BatchOut, 400: Problem},
    summary="Kirim centang daftar hadir (satu atau banyak)",
)
def attendance_batch(request, session_id: int, taps: list[Tap]):
    """Each tap is applied on its own (taps are independent facts); a refused tap says why and
    does not stop the others. Sending the same taps again changes nothing."""
    _check(request)
    session = _session(session_id)
    if len(taps) > MAX_BATCH:
        return Status(400, {"detail": f"taps: paling banyak {MAX_BATCH} centang sekali kirim."})
    results = []
    for tap in taps:
        resident = selectors.resident_to_tick(
            user=request.auth, session=session, pk=tap.resident_id
        )
        if resident is None:
            results.append(
                {
                    "resident_id": tap.resident_id,
                    "ok": False,
                    "present": False,
                    "error": "Penduduk tidak ditemukan.",
                }
            )
            continue
        try:
            if tap.present:
                services.attendance_mark(
                    actor=request.auth, session=session, resident=resident, method=tap.method
                )
            else:
                services.attendance_unmark(actor=request.auth, session=session, resident=resident)
        except ValidationError as exc:
            results.append(
                {
                    "resident_id": tap.resident_id,
                    "ok": False,
                    "present": not tap.present,
                    "error": " ".join(exc.messages),
                }
            )
        else:
            results.append({"resident_id": tap.resident_id, "ok": True, "present": tap.present})
    return Status(200, {"present": session.attendances.count(), "results": results})
