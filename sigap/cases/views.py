"""Case pages. Someone who may not see a case gets 404 on every one of them; each view of a
case page is audited. Writes go through ``services``; a refused write shows the case page again
with the message beside the field (status 400) and writes nothing."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sigap.cases import forms as f
from sigap.cases import rules, selectors, services, wellbeing, workflow
from sigap.cases.models import Assessment, Case, Consent, Goal, PlanAction
from sigap.core import audit
from sigap.core.access import require_capability
from sigap.core.charts import line_chart
from sigap.core.forms import add_service_errors
from sigap.core.htmx import is_htmx
from sigap.core.pagination import paginate
from sigap.core.roles import Cap
from sigap.registry.selectors import resident_visible_to

WORK = (Cap.WORK_CASES,)

NEXT_STEP_TEXT = {
    "start_assessment": gettext_lazy("Mulai asesmen: temui orangnya dan catat persetujuannya."),
    "complete_assessment": gettext_lazy("Lengkapi asesmen lalu ajukan ke koordinator."),
    "approve_assessment": gettext_lazy("Koordinator memeriksa dan menyetujui asesmen."),
    "complete_plan": gettext_lazy(
        "Susun rencana kasus (tujuan dan tindakan) lalu ajukan ke koordinator."
    ),
    "approve_plan": gettext_lazy("Koordinator memeriksa dan menyetujui rencana kasus."),
    "deliver_services": gettext_lazy("Jalankan rencana: sesi pendampingan dan rujukan layanan."),
    "follow_up": gettext_lazy("Pantau keadaannya; ajukan penutupan bila tujuan tercapai."),
    "approve_closure": gettext_lazy("Koordinator memeriksa dan menyetujui penutupan kasus."),
    "closed": gettext_lazy("Kasus ditutup. Buka kembali bila diperlukan."),
}
ACTION_TEXT = {
    workflow.Action.START_ASSESSMENT: gettext_lazy("Mulai asesmen"),
    workflow.Action.SUBMIT_ASSESSMENT: gettext_lazy("Ajukan asesmen"),
    workflow.Action.SUBMIT_PLAN: gettext_lazy("Ajukan rencana"),
    workflow.Action.START_FOLLOW_UP: gettext_lazy("Mulai pemantauan"),
    workflow.Action.REQUEST_CLOSURE: gettext_lazy("Ajukan penutupan"),
    workflow.Action.APPROVE: gettext_lazy("Setujui"),
    workflow.Action.RETURN: gettext_lazy("Kembalikan untuk diperbaiki"),
    workflow.Action.REOPEN: gettext_lazy("Buka kembali"),
}

STEP_TEXT = {action.value: text for action, text in ACTION_TEXT.items()} | {
    "buka": gettext_lazy("Kasus dibuka"),
    "alihkan": gettext_lazy("Dialihkan ke pendamping lain"),
    "rujuk_tanpa_persetujuan": gettext_lazy("Dirujuk tanpa persetujuan"),
    "ganti_koordinator": gettext_lazy("Diserahkan ke koordinator lain"),
    "ganti_koordinator_tanpa_persetujuan": gettext_lazy(
        "Diserahkan ke koordinator lain tanpa persetujuan"
    ),
    "tambah_pendamping_tanpa_persetujuan": gettext_lazy("Pendamping ditambah tanpa persetujuan"),
}


def _case_or_404(request, pk: int) -> Case:
    case = selectors.case_visible_to(user=request.user, pk=pk)
    if case is None:
        raise Http404
    return case


def _team_case_or_404(request, pk: int) -> Case:
    """For writes: the team only (a break-glass view reads, it does not write)."""
    case = _case_or_404(request, pk)
    if not rules.on_team(request.user, case):
        raise Http404
    return case


@require_capability(*WORK)
def case_list(request: HttpRequest) -> HttpResponse:
    form = f.CaseSearchForm(request.GET or {"stage": "open"})
    form.is_valid()
    data = form.cleaned_data if form.is_bound else {}
    filters = selectors.CaseFilters(
        q=data.get("q", ""),
        stage=data.get("stage", "open"),
        case_type=data.get("case_type", ""),
        risk_level=data.get("risk_level", ""),
        overdue=bool(data.get("overdue")),
    )
    cases = selectors.case_search(user=request.user, filters=filters)
    page = paginate(cases, request.GET.get("page"), per_page=25)
    now = timezone.now()
    rows = [(case, _overdue(case, now)) for case in page.object_list]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "title": _("Kasus pendampingan"),
        "searched": bool(filters.q),
    }
    if is_htmx(request):
        return render(request, "cases/_case_results.html", context)
    today = timezone.localdate()
    context |= {
        "summary": selectors.caseload_summary(user=request.user, today=today),
        "awaiting": selectors.awaiting_approval(user=request.user)[:20],
        "cases_overdue_actions": selectors.cases_with_overdue_actions(
            user=request.user, today=today
        )[:20],
    }
    return render(request, "cases/case_list.html", context)


def _overdue(case: Case, now) -> bool:
    return workflow.is_overdue(services.state_of(case), case.stage_since, now)


@require_capability(*WORK)
def case_open(request: HttpRequest, resident_id: int) -> HttpResponse:
    resident = resident_visible_to(user=request.user, pk=resident_id)
    if resident is None:
        raise Http404
    form = f.CaseOpenForm(
        request.POST or None,
        initial={
            "opened_on": timezone.localdate(),
            "supervisor": request.user if request.user.can(Cap.SUPERVISE_CASES) else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_open(
                actor=request.user,
                resident=resident,
                case_type=data["case_type"],
                intake_source=data["intake_source"],
                risk_level=data["risk_level"],
                supervisor=data["supervisor"],
                workers=list(data["workers"]),
                summary=data["summary"],
                opened_on=data["opened_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Kasus %(code)s dibuka.") % {"code": case.code})
            return redirect("cases:case_detail", case_id=case.pk)
    status = 400 if form.errors else 200
    context = {"form": form, "resident": resident, "title": _("Buka kasus")}
    return render(request, "cases/case_open.html", context, status=status)


@require_capability(*WORK)
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_or_404(request, case_id)
    return _case_page(request, case)


def _case_page(request, case: Case, *, bound: dict | None = None, status: int = 200):
    """The case page. ``bound`` holds a submitted form with its errors, by its name."""
    user = request.user
    audit.log_view(actor=user, obj=case)
    bound = bound or {}
    state = services.state_of(case)
    is_worker, is_supervisor = rules.is_worker(user, case), rules.is_supervisor(user, case)
    on_team = is_worker or is_supervisor
    now, today = timezone.now(), timezone.localdate()
    listing = selectors.case_page(case)
    assessment = Assessment.objects.filter(case=case).first()
    actions = workflow.actions_for(state, is_worker=is_worker, is_supervisor=is_supervisor)
    context = {
        "case": case,
        "title": case.code,
        "on_team": on_team,
        "is_supervisor": is_supervisor,
        "break_glass_only": not on_team,
        "next_step": NEXT_STEP_TEXT[workflow.next_step(state)],
        "overdue_since": workflow.overdue_since(state, case.stage_since)
        if workflow.is_overdue(state, case.stage_since, now)
        else None,
        "actions": [(a.value, ACTION_TEXT[a], a in services.NEEDS_NOTE) for a in actions],
        "assessment": assessment,
        "viewers": selectors.case_viewers(case),
        "today": today,
        "wellbeing_items": f.WHO5_ITEMS,
        **listing,
        "steps": [(step, STEP_TEXT.get(step.action, step.action)) for step in listing["steps"]],
        "wellbeing_chart": _wellbeing_chart(listing["sessions"]),
    }
    if on_team:
        context |= {
            "edit_form": bound.get("edit")
            or f.CaseEditForm(
                initial={
                    "case_type": case.case_type,
                    "risk_level": case.risk_level,
                    "trafficking_status": case.trafficking_status,
                    "status_decided_by": case.status_decided_by,
                    "summary": case.summary,
                }
            ),
            "transition_form": bound.get("transition") or f.TransitionForm(),
            "consent_form": bound.get("consent")
            or f.ConsentForm(initial={"recorded_on": today, "given": "1"}),
            "session_form": bound.get("session")
            or f.SessionForm(initial={"held_on": today, "facilitator": user}),
            "goal_form": bound.get("goal") or f.GoalForm(),
            "action_form": bound.get("action")
            or f.PlanActionForm(initial={"owner": user, "due_on": today}),
            "event_form": bound.get("event") or f.EventForm(),
            "team_form": bound.get("team") or f.TeamForm(case=case),
            "open_actions": [
                a for goal in listing["goals"] for a in goal.actions.all() if a.is_open
            ],
        }
    return render(request, "cases/case_detail.html", context, status=status)


def _wellbeing_chart(sessions):
    """WHO-5 over the sessions, oldest first, with the poor (≤50) and very low (≤28) bands."""
    scored = [s for s in reversed(sessions) if s.wellbeing_score is not None]
    return line_chart(
        [(date_format(s.held_on, "SHORT_DATE_FORMAT"), s.wellbeing_score) for s in scored],
        low=0,
        high=100,
        bands=[
            (0, wellbeing.LOW_AT_MOST, "band-low"),
            (wellbeing.LOW_AT_MOST, wellbeing.POOR_AT_MOST, "band-poor"),
        ],
    )


def _write(
    request, case: Case, form, name: str, write: Callable[[dict], object], done: str, anchor=""
):
    """Validate ``form``, run ``write`` with its data, and redirect to the case page with
    ``done``; on any refusal show the case page again with the form's errors (400)."""
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, done)
            response = redirect("cases:case_detail", case_id=case.pk)
            if anchor:
                response["Location"] += f"#{anchor}"
            return response
    case.refresh_from_db()
    return _case_page(request, case, bound={name: form}, status=400)


@require_POST
@require_capability(*WORK)
def case_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _team_case_or_404(request, case_id)
    form = f.CaseEditForm(request.POST)
    return _write(
        request,
        case,
        form,
        "edit",
        lambda d: services.case_update(actor=request.user, case=case, **d),
        _("Perubahan disimpan."),
    )


@require_POST
@require_capability(*WORK)
def case_transition(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _team_case_or_404(request, case_id)
    form = f.TransitionForm(request.POST)
    return _write(
        request,
        case,
        form,
        "transition",
        lambda d: services.case_transition(
            actor=request.user, case=case, action=d["action"], note=d["note"]
        ),
        _("Tahap kasus diperbarui."),
    )


@require_POST
@require_capability(Cap.SUPERVISE_CASES)
def case_team(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_or_404(request, case_id)
    if not rules.is_supervisor(request.user, case):
        raise Http404
    form = f.TeamForm(request.POST, case=case)

    def write(d):
        if d["operation"] == "add":
            services.worker_add(
                actor=request.user,
                case=case,
                user=d["user"],
                override_reason=d["override_reason"],
            )
        elif d["operation"] == "remove":
            services.worker_remove(actor=request.user, case=case, user=d["user"])
        elif d["operation"] == "supervisor":
            services.supervisor_change(
                actor=request.user,
                case=case,
                supervisor=d["user"],
                override_reason=d["override_reason"],
            )
        else:
            if d["from_user"] is None:
                raise ValidationError({"from_user": _("Pilih pendamping yang digantikan.")})
            services.case_transfer(
                actor=request.user,
                case=case,
                from_user=d["from_user"],
                to_user=d["user"],
                override_reason=d["override_reason"],
            )

    response = _write(request, case, form, "team", write, _("Tim kasus diperbarui."), "tim")
    if response.status_code == 302 and not rules.can_view_case(request.user, case):
        return redirect("cases:case_list")  # handed over: the case is no longer theirs
    return response


@require_capability(*WORK)
def break_glass(request: HttpRequest, case_id: int) -> HttpResponse:
    """Emergency access: a case worker who is not on the team states why, then sees the case
    for an hour. Offered only for open cases of a resident the worker can see."""
    case = Case.objects.select_related("resident", "resident__dusun").filter(pk=case_id).first()
    if (
        case is None
        or not case.is_open
        or not rules.can_break_glass(request.user, case)
        or resident_visible_to(user=request.user, pk=case.resident_id) is None
    ):
        raise Http404
    form = f.BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.break_glass(actor=request.user, case=case, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.warning(request, _("Akses darurat dibuka selama satu jam dan dicatat di log."))
            return redirect("cases:case_detail", case_id=case.pk)
    status = 400 if form.errors else 200
    context = {"form": form, "case": case, "title": _("Akses darurat")}
    return render(request, "cases/break_glass.html", context, status=status)


@require_POST
@require_capability(*WORK)
def consent_create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _team_case_or_404(request, case_id)
    form = f.ConsentForm(request.POST)
    return _write(
        request,
        case,
        form,
        "consent",
        lambda d: services.consent_record(actor=request.user, case=case, **d),
        _("Persetujuan dicatat."),
        "persetujuan",
    )


@require_POST
@require_capability(*WORK)
def consent_withdraw(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    case = _team_case_or_404(request, case_id)
    consent = Consent.objects.filter(case=case, pk=consent_id).first()
    if consent is None:
        raise Http404
    try:
        services.consent_withdraw(actor=request.user, consent=consent)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Persetujuan dicabut; berlaku mulai hari ini."))
    return redirect("cases:case_detail", case_id=case.pk)


@require_capability(*WORK)
def assessment_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _team_case_or_404(request, case_id)
    assessment = Assessment.objects.filter(case=case).first()
    if request.method == "GET":
        audit.log_view(actor=request.user, obj=case)  # the assessment shows the narrative
    initial = (
        f.AssessmentForm.initial_from(assessment)
        if assessment
        else {"assessed_on": timezone.localdate()}
    )
    form = f.AssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save(actor=request.user, case=case, **form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Asesmen disimpan."))
            return redirect("cases:case_detail", case_id=case.pk)
    status = 400 if form.errors else 200
    context = {"form": form, "case": case, "title": _("Asesmen")}
    return render(request, "cases/assessment_form.html", context, status=status)


@require_POST
@require_capability(*WORK)
def event_create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _team_case_or_404(request, case_id)
    form = f.EventForm(request.POST)
    return _write(
        request,
        case,
        form,
        "event",
        lambda d: services.event_add(actor=request.user, case=case, **d),
        _("Peristiwa dicatat."),
        "peristiwa",
    )


@require_POST
@require_capability(*WORK)
def session_create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _team_case_or_404(request, case_id)
    form = f.SessionForm(request.POST)

    def write(d):
        services.session_record(
            actor=request.user,
            case=case,
            held_on=d["held_on"],
            place=d["place"],
            kind=d["kind"],
            facilitator=d["facilitator"],
            wellbeing_answers=form.answers(),
            notes=d["notes"],
        )

    return _write(request, case, form, "session", write, _("Sesi dicatat."), "sesi")


@require_POST
@require_capability(*WORK)
def goal_create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _team_case_or_404(request, case_id)
    form = f.GoalForm(request.POST)
    return _write(
        request,
        case,
        form,
        "goal",
        lambda d: services.goal_add(actor=request.user, case=case, **d),
        _("Tujuan ditambahkan."),
        "rencana",
    )


@require_POST
@require_capability(*WORK)
def plan_action_create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _team_case_or_404(request, case_id)
    form = f.PlanActionForm(request.POST)

    def write(d):
        goal = Goal.objects.filter(case=case, pk=d["goal"]).first()
        if goal is None:
            raise ValidationError(_("Tujuan tidak ditemukan."))
        services.plan_action_add(
            actor=request.user,
            goal=goal,
            description=d["description"],
            owner=d["owner"],
            due_on=d["due_on"],
        )

    return _write(request, case, form, "action", write, _("Tindakan ditambahkan."), "rencana")


@require_POST
@require_capability(*WORK)
def plan_action_status(request: HttpRequest, case_id: int, action_id: int) -> HttpResponse:
    case = _team_case_or_404(request, case_id)
    action = PlanAction.objects.filter(case=case, pk=action_id).first()
    if action is None:
        raise Http404
    form = f.PlanActionStatusForm(request.POST)
    if form.is_valid():
        try:
            services.plan_action_set_status(
                actor=request.user, action=action, status=form.cleaned_data["status"]
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Status tindakan diperbarui."))
    else:
        messages.error(request, _("Pilih status dari daftar."))
    response = redirect("cases:case_detail", case_id=case.pk)
    response["Location"] += "#rencana"
    return response
