"""Programme pages. ``manage_programs`` (Koordinator) plans: the catalogue, a programme's page,
targeting and invitations, sessions, facilitators' trainings. ``take_attendance`` (Koordinator,
Pendamping, Kader) sees the calendar and takes attendance at a session. The participation
analytics of the year are for ``manage_programs`` and ``view_aggregates``. Everyone else gets
404. The self check-in page behind a session's QR code needs no log-in and shows no personal
data. Thin: form → service → redirect, or the page again with the error beside the field (400).
"""

import calendar
import io
from datetime import date, timedelta
from urllib.parse import quote

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sigap.core import audit
from sigap.core.access import require_capability
from sigap.core.forms import add_service_errors
from sigap.core.models import Village
from sigap.core.net import client_ip
from sigap.core.pagination import paginate
from sigap.core.pdf import pdf_response, render_pdf
from sigap.core.roles import Cap
from sigap.partners.phones import whatsapp_uri
from sigap.programs import forms as f
from sigap.programs import selectors, services
from sigap.programs.models import Attendance, Invitation, Programme, Session
from sigap.registry.selectors import ResidentFilters, resident_list_visible_to

MANAGE = (Cap.MANAGE_PROGRAMS,)
ATTEND = (Cap.TAKE_ATTENDANCE, Cap.MANAGE_PROGRAMS)
WALK_IN_RESULTS = 10
CHECKIN_ATTEMPTS = 20  # wrong NIK/birth-date pairs per session and address, per hour


def programme_or_404(pk: int) -> Programme:
    programme = selectors.programme_or_none(pk)
    if programme is None:
        raise Http404
    return programme


def _session_or_404(pk: int) -> Session:
    session = selectors.session_or_none(pk)
    if session is None:
        raise Http404
    return session


def _village() -> Village:
    village = Village.objects.order_by("code").first()
    if village is None:
        raise ValidationError(_("Atur data desa dulu di halaman Wilayah."))
    return village


def form_status(form) -> int:
    return 400 if form.errors else 200


# ---------------------------------------------------------------------------------------------
# Catalogue and programme pages


@require_capability(*MANAGE)
def programme_list(request: HttpRequest) -> HttpResponse:
    form = f.ProgrammeSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    programmes = selectors.programme_list(
        q=data.get("q", ""),
        kind=data.get("kind", ""),
        topic=data.get("topic", ""),
        year=data.get("year"),
    )
    context = {
        "form": form,
        "page": paginate(programmes, request.GET.get("page")),
        "title": _("Program"),
    }
    return render(request, "programs/programme_list.html", context)


def _programme_initial(programme: Programme) -> dict:
    names = [
        "title",
        "kind",
        "topic",
        "description",
        "target_group",
        "target_sex",
        "target_age_band",
        "target_at_risk",
        "funding_source",
        "budget_line",
        "budget_amount",
        "starts_on",
        "ends_on",
        "pass_mark",
    ]
    initial = {name: getattr(programme, name) for name in names}
    initial.update(
        organiser=programme.organiser_id,
        target_dusun=programme.target_dusun_id,
        coordinator=programme.coordinator_id,
    )
    return initial


@require_capability(*MANAGE)
def programme_create(request: HttpRequest) -> HttpResponse:
    village = Village.objects.order_by("code").first()
    form = f.ProgrammeForm(
        request.POST or None,
        village=village,
        initial={"starts_on": timezone.localdate(), "coordinator": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(
                actor=request.user, village=_village(), **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Program dibuat. Tambahkan sesinya, lalu undang pesertanya.")
            )
            return redirect("programs:programme_detail", programme_id=programme.pk)
    context = {"form": form, "title": _("Program baru")}
    return render(request, "programs/programme_form.html", context, status=form_status(form))


@require_capability(*MANAGE)
def programme_edit(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = programme_or_404(programme_id)
    form = f.ProgrammeForm(
        request.POST or None, village=programme.village, initial=_programme_initial(programme)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Data program disimpan."))
            return redirect("programs:programme_detail", programme_id=programme.pk)
    context = {"form": form, "programme": programme, "title": _("Ubah program")}
    return render(request, "programs/programme_form.html", context, status=form_status(form))


@require_capability(*MANAGE)
def programme_detail(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = programme_or_404(programme_id)
    today = timezone.localdate()
    sessions = selectors.programme_sessions(programme)
    context = {
        "programme": programme,
        "sessions": sessions,
        "next_session": next((s for s in sessions if s.date >= today and not s.cancelled), None),
        "today": today,
        "participation": selectors.participation(programme, today),
        "coverage": selectors.target_coverage(user=request.user, programme=programme),
        "tests": {t.kind: t for t in programme.tests.all()},
        "title": programme.title,
    }
    return render(request, "programs/programme_detail.html", context)


# ---------------------------------------------------------------------------------------------
# Targeting and invitations


def _target_filters(form, village_id: int) -> selectors.TargetFilters:
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    dusun = data.get("dusun")
    return selectors.TargetFilters(
        village_id=village_id,
        dusun_id=dusun.pk if dusun else None,
        sex=data.get("sex", ""),
        age_band=data.get("age_band", ""),
        whereabouts=data.get("whereabouts", ""),
        at_risk=data.get("at_risk", False),
        low_income=data.get("low_income", False),
        social_assistance=data.get("social_assistance", False),
        migrant_family=data.get("migrant_family", False),
        never_reached=data.get("never_reached", False),
        q=data.get("q", ""),
    )


@require_capability(*MANAGE)
def targeting(request: HttpRequest, programme_id: int) -> HttpResponse:
    """Choose invitees from the registry by filters (the programme's target group to start),
    see the list, and invite all of it or the people ticked."""
    programme = programme_or_404(programme_id)
    source = request.POST if request.method == "POST" else request.GET
    if "dusun" not in source and "sex" not in source:
        target = selectors.target_filters_of(programme)
        source = {
            "dusun": target.dusun_id or "",
            "sex": target.sex,
            "age_band": target.age_band,
            "at_risk": "on" if target.at_risk else "",
            "not_invited": "on",
        }
    form = f.TargetForm(source, village=programme.village)
    filters = _target_filters(form, programme.village_id)
    residents = selectors.targets(user=request.user, filters=filters)
    if form.is_valid() and form.cleaned_data.get("not_invited"):
        residents = residents.exclude(
            pk__in=Invitation.objects.filter(programme=programme).values("resident_id")
        )
    if request.method == "POST" and form.is_valid():
        if request.POST.get("invite") == "all":
            ids = list(residents.values_list("pk", flat=True)[: services.MAX_INVITATIONS + 1])
        else:
            chosen = {int(pk) for pk in request.POST.getlist("resident") if pk.isdigit()}
            ids = list(residents.filter(pk__in=chosen).values_list("pk", flat=True))
        try:
            if not ids:
                raise ValidationError(_("Belum ada orang yang dipilih untuk diundang."))
            added = services.invite(actor=request.user, programme=programme, resident_ids=ids)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request,
                _("%(count)s orang diundang. Bagikan undangannya lewat kader atau WhatsApp.")
                % {"count": added},
            )
            return redirect("programs:invitation_list", programme_id=programme.pk)
    page = paginate(residents, request.GET.get("page"))
    matching = residents[: services.MAX_INVITATIONS + 1].count()
    context = {
        "programme": programme,
        "form": form,
        "page": page,
        "matching": matching,
        "too_many": matching > services.MAX_INVITATIONS,
        "max_invitations": services.MAX_INVITATIONS,
        "title": _("Pilih peserta"),
    }
    return render(request, "programs/targeting.html", context, status=form_status(form))


def _invitation_message(programme: Programme, session: Session | None) -> str:
    if session is None:
        return _(
            "Assalamualaikum. Bapak/Ibu diundang mengikuti %(title)s yang diselenggarakan "
            "%(organiser)s bersama Pemerintah Desa %(village)s. Jadwal akan disampaikan kader. "
            "Terima kasih."
        ) % {
            "title": programme.title,
            "organiser": programme.organiser.name,
            "village": programme.village.name,
        }
    return _(
        "Assalamualaikum. Bapak/Ibu diundang mengikuti %(title)s yang diselenggarakan "
        "%(organiser)s bersama Pemerintah Desa %(village)s, pada %(day)s pukul %(start)s–%(end)s "
        "di %(place)s. Materi: %(topic)s. Gratis. Mohon membawa KTP atau KK. Terima kasih."
    ) % {
        "title": programme.title,
        "organiser": programme.organiser.name,
        "village": programme.village.name,
        "day": date_format(session.date, "l, j F Y"),
        "start": time_format(session.start_time, "H.i"),
        "end": time_format(session.end_time, "H.i"),
        "place": session.place,
        "topic": session.topic,
    }


def _next_session(programme: Programme) -> Session | None:
    return (
        programme.sessions.filter(cancelled=False, date__gte=timezone.localdate())
        .order_by("date", "start_time")
        .first()
    )


@require_capability(*MANAGE)
def invitation_list(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = programme_or_404(programme_id)
    session = _next_session(programme)
    text = _invitation_message(programme, session)
    page = paginate(selectors.invitations(programme), request.GET.get("page"), per_page=100)
    for invitation in page:
        link = whatsapp_uri(invitation.resident.phone)
        invitation.whatsapp = f"{link}?text={quote(text)}" if link else ""
    context = {
        "programme": programme,
        "page": page,
        "session": session,
        "message": text,
        "share_link": f"https://wa.me/?text={quote(text)}",
        "title": _("Undangan"),
    }
    return render(request, "programs/invitation_list.html", context)


@require_capability(*MANAGE)
def invitation_print(request: HttpRequest, programme_id: int) -> HttpResponse:
    """The printable list for the kader: the invitees by dusun, with a column to sign."""
    programme = programme_or_404(programme_id)
    rows = list(selectors.invitations(programme))
    session = _next_session(programme)
    content = render_pdf(
        "pdf/programs_invitations.html",
        {
            "programme": programme,
            "rows": rows,
            "session": session,
            "message": _invitation_message(programme, session),
            "printed_at": timezone.localtime(),
        },
        request=request,
    )
    audit.log_export(
        actor=request.user,
        obj=programme,
        what="programme_invitations",
        rows=len(rows),
        filters={},
    )
    return pdf_response(content, f"undangan-program-{programme.pk}.pdf")


@require_capability(*MANAGE)
@require_POST
def invitation_remove(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = Invitation.objects.filter(pk=invitation_id).first()
    if invitation is None:
        raise Http404
    services.invitation_remove(actor=request.user, invitation=invitation)
    messages.success(request, _("Undangan dihapus."))
    return redirect("programs:invitation_list", programme_id=invitation.programme_id)


# ---------------------------------------------------------------------------------------------
# Sessions


def _session_initial(session: Session) -> dict:
    return {
        "day": session.date,
        "start_time": session.start_time,
        "end_time": session.end_time,
        "place": session.place,
        "topic": session.topic,
        "facilitator": session.facilitator_id,
        "guest_facilitator": session.guest_facilitator,
        "capacity": session.capacity,
    }


def _session_form_page(request, programme: Programme, session: Session | None = None):
    initial = _session_initial(session) if session else {"capacity": 30}
    if session is None:
        last = programme.sessions.order_by("-date", "-start_time").first()
        if last:
            initial.update(
                day=last.date + timedelta(days=7),
                start_time=last.start_time,
                end_time=last.end_time,
                place=last.place,
                facilitator=last.facilitator_id,
                guest_facilitator=last.guest_facilitator,
                capacity=last.capacity,
            )
    form = f.SessionForm(request.POST or None, initial=initial)
    warning = ""
    if request.method == "POST" and form.is_valid():
        try:
            if session is None:
                session = services.session_create(
                    actor=request.user, programme=programme, **form.cleaned_data
                )
            else:
                services.session_update(actor=request.user, session=session, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            warning = services.facilitator_warning(
                form.cleaned_data.get("facilitator"), programme.topic
            )
        else:
            messages.success(request, _("Sesi disimpan."))
            return redirect("programs:programme_detail", programme_id=programme.pk)
    context = {
        "form": form,
        "programme": programme,
        "session": session,
        "unqualified": warning,
        "title": _("Ubah sesi") if session else _("Sesi baru"),
    }
    return render(request, "programs/session_form.html", context, status=form_status(form))


@require_capability(*MANAGE)
def session_create(request: HttpRequest, programme_id: int) -> HttpResponse:
    return _session_form_page(request, programme_or_404(programme_id))


@require_capability(*MANAGE)
def session_edit(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session_or_404(session_id)
    return _session_form_page(request, session.programme, session)


@require_capability(*MANAGE)
@require_POST
def session_cancel(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session_or_404(session_id)
    try:
        services.session_cancel(actor=request.user, session=session)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Sesi dibatalkan."))
    return redirect("programs:programme_detail", programme_id=session.programme_id)


@require_capability(*ATTEND)
def calendar_view(request: HttpRequest) -> HttpResponse:
    """The village's sessions month by month (``?bulan=2026-03``)."""
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("bulan", "").split("-"))
        first = date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    sessions = selectors.sessions_between(first, last)
    by_day: dict[date, list[Session]] = {}
    for session in sessions:
        by_day.setdefault(session.date, []).append(session)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = last + timedelta(days=1)
    context = {
        "first": first,
        "weeks": [
            [(day, by_day.get(day, []), day.month == first.month) for day in w] for w in weeks
        ],
        "days": sorted(by_day.items()),
        "today": today,
        "previous": f"{previous:%Y-%m}",
        "following": f"{following:%Y-%m}",
        "can_manage": request.user.can(Cap.MANAGE_PROGRAMS),
        "title": _("Jadwal kegiatan"),
    }
    return render(request, "programs/calendar.html", context)


# ---------------------------------------------------------------------------------------------
# Attendance


@require_capability(*ATTEND)
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    """The attendance page: the tick list of invitees, walk-ins, and the QR code."""
    session = _session_or_404(session_id)
    roster = selectors.session_roster(session)
    today = timezone.localdate()
    context = {
        "session": session,
        "programme": session.programme,
        "roster": roster,
        "present": sum(1 for row in roster if row.present),
        "open": not session.cancelled and session.date <= today,
        "today": today,
        "checkin_url": request.build_absolute_uri(
            reverse("programs:checkin", args=[session.checkin_token])
        ),
        "can_manage": request.user.can(Cap.MANAGE_PROGRAMS),
        "title": session.programme.title,
    }
    return render(request, "programs/session_detail.html", context)


@require_capability(*ATTEND)
@require_POST
def attendance_mark(request: HttpRequest, session_id: int) -> HttpResponse:
    """Tick (``present=1``) or untick (``present=0``) one person. Idempotent, so the page's
    queue may send the same tap again after a lost connection. Answers JSON to the page's
    script and redirects a plain form post."""
    session = _session_or_404(session_id)
    wants_json = "application/json" in request.headers.get("Accept", "")
    resident_id = request.POST.get("resident", "")
    resident = (
        selectors.resident_to_tick(user=request.user, session=session, pk=int(resident_id))
        if resident_id.isdigit()
        else None
    )
    if resident is None:
        raise Http404
    present = request.POST.get("present", "1") != "0"
    method = request.POST.get("method", Attendance.Method.LIST)
    try:
        if present:
            services.attendance_mark(
                actor=request.user, session=session, resident=resident, method=method
            )
        else:
            services.attendance_unmark(actor=request.user, session=session, resident=resident)
    except ValidationError as exc:
        if wants_json:
            return JsonResponse({"ok": False, "error": " ".join(exc.messages)}, status=400)
        messages.error(request, " ".join(exc.messages))
        return redirect("programs:session_detail", session_id=session.pk)
    count = session.attendances.count()
    if wants_json:
        return JsonResponse({"ok": True, "present": present, "count": count})
    return redirect("programs:session_detail", session_id=session.pk)


@require_capability(*ATTEND)
def walk_in_search(request: HttpRequest, session_id: int) -> HttpResponse:
    """Residents the user may see whose name or NIK matches, to add a walk-in (a fragment)."""
    session = _session_or_404(session_id)
    query = request.GET.get("q", "").strip()
    results = []
    if len(query) >= 3:
        results = list(
            resident_list_visible_to(user=request.user, filters=ResidentFilters(q=query))[
                :WALK_IN_RESULTS
            ]
        )
        present = set(
            session.attendances.filter(resident__in=[r.pk for r in results]).values_list(
                "resident_id", flat=True
            )
        )
        for resident in results:
            resident.present = resident.pk in present
    context = {"session": session, "results": results, "query": query}
    return render(request, "programs/_walk_in_results.html", context)


@require_capability(*MANAGE)
def session_attendance_pdf(request: HttpRequest, session_id: int) -> HttpResponse:
    """The session's attendance list as a PDF for the programme's accountability report (SPJ):
    who came, how they were recorded, and room for the facilitator's and village's signatures."""
    session = _session_or_404(session_id)
    rows = list(
        session.attendances.select_related("resident", "resident__dusun").order_by(
            "resident__name", "pk"
        )
    )
    content = render_pdf(
        "pdf/programs_attendance.html",
        {
            "session": session,
            "programme": session.programme,
            "rows": rows,
            "printed_at": timezone.localtime(),
        },
        request=request,
    )
    audit.log_export(
        actor=request.user, obj=session, what="session_attendance", rows=len(rows), filters={}
    )
    return pdf_response(content, f"daftar-hadir-sesi-{session.pk}.pdf")


@require_capability(*ATTEND)
def session_qr(request: HttpRequest, session_id: int) -> HttpResponse:
    """The session's self check-in QR code as SVG (it carries the check-in address only)."""
    import segno

    session = _session_or_404(session_id)
    url = request.build_absolute_uri(reverse("programs:checkin", args=[session.checkin_token]))
    out = io.BytesIO()
    segno.make(url, error="m").save(
        out, kind="svg", scale=6, border=2, xmldecl=False, title=_("Kode QR hadir mandiri")
    )
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")


@never_cache
def checkin(request: HttpRequest, token: str) -> HttpResponse:
    """Self check-in behind the session's QR code: no log-in; the participant types their NIK and
    birth date. It names the session and, once checked in, the person's first name only."""
    session = selectors.session_by_token(token)
    if session is None:
        raise Http404
    form = f.CheckinForm(request.POST or None)
    done = None
    throttle = f"checkin:{session.pk}:{client_ip(request)}"
    if request.method == "POST" and form.is_valid():
        if cache.get(throttle, 0) >= CHECKIN_ATTEMPTS:
            form.add_error(
                None, _("Terlalu banyak percobaan. Silakan lapor ke meja kader untuk dicatat.")
            )
        else:
            try:
                attendance, _created = services.self_checkin(
                    session=session,
                    nik=form.cleaned_data["nik"],
                    birth_date=form.cleaned_data["birth_date"],
                )
            except ValidationError as exc:
                cache.set(throttle, cache.get(throttle, 0) + 1, 3600)
                add_service_errors(form, exc)
            else:
                done = attendance.resident.name.split()[0]
    context = {"session": session, "programme": session.programme, "form": form, "done": done}
    return render(request, "programs/checkin.html", context, status=400 if form.errors else 200)


# ---------------------------------------------------------------------------------------------
# Capacity building and analytics


@require_capability(*MANAGE)
def capacity(request: HttpRequest) -> HttpResponse:
    """Each facilitator's and kader's trainings and the topics they may deliver."""
    form = f.StaffTrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_training_add(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Pelatihan dicatat."))
            return redirect("programs:capacity")
    context = {
        "form": form,
        "people": selectors.capacity_table(),
        "title": _("Kapasitas fasilitator dan kader"),
    }
    return render(request, "programs/capacity.html", context, status=form_status(form))


@require_capability(Cap.MANAGE_PROGRAMS, Cap.VIEW_AGGREGATES)
def analytics(request: HttpRequest) -> HttpResponse:
    """Participation of the year across the programmes: reach by kind, sex, age and village."""
    today = timezone.localdate()
    try:
        year = int(request.GET.get("tahun", today.year))
    except ValueError:
        year = today.year
    if not 2000 <= year <= 2100:
        year = today.year
    context = {
        "result": selectors.kept_participation(year, today),
        "years": list(range(today.year, today.year - 5, -1)),
        "title": _("Analitik partisipasi"),
    }
    return render(request, "programs/analytics.html", context)
