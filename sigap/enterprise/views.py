"""Group pages (``manage_groups``) and the list of at-risk households not yet reached
(``plan_outreach``); everyone else gets 404. Thin: form → service → redirect, or the page again
with the error beside the field (400)."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sigap.core.access import require_capability
from sigap.core.forms import add_service_errors
from sigap.core.models import Dusun, Village
from sigap.core.pagination import paginate
from sigap.core.roles import Cap
from sigap.enterprise import forms as f
from sigap.enterprise import selectors, services
from sigap.enterprise.models import Group, GroupMember, HouseholdIncome, MonthlyFigure
from sigap.registry.rules import ALL, registry_scope
from sigap.registry.selectors import resident_visible_to

MANAGE = (Cap.MANAGE_GROUPS,)


def _group_or_404(pk: int) -> Group:
    group = selectors.group_or_none(pk)
    if group is None:
        raise Http404
    return group


def _object_or_404(model, pk: int):
    obj = model.objects.select_related("group").filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


@require_capability(*MANAGE)
def group_list(request: HttpRequest) -> HttpResponse:
    form = f.GroupSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    groups = selectors.group_list(
        q=data.get("q", ""),
        kind=data.get("kind", ""),
        stage=data.get("stage", ""),
        ended=data.get("ended", False),
    )
    context = {
        "form": form,
        "page": paginate(groups, request.GET.get("page")),
        "summary": selectors.programme_summary(),
        "can_plan_outreach": request.user.can(Cap.PLAN_OUTREACH),
        "title": _("Kelompok usaha"),
    }
    return render(request, "enterprise/group_list.html", context)


@require_capability(*MANAGE)
def group_create(request: HttpRequest) -> HttpResponse:
    form = f.GroupForm(
        request.POST or None,
        initial={"started_on": timezone.localdate(), "facilitator": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        village = Village.objects.order_by("code").first()
        try:
            if village is None:
                raise ValidationError(_("Atur data desa dulu di halaman Wilayah."))
            group = services.group_create(actor=request.user, village=village, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Kelompok dibuat. Tambahkan anggotanya."))
            return redirect("enterprise:group_detail", group_id=group.pk)
    context = {"form": form, "title": _("Kelompok baru")}
    return render(
        request, "enterprise/group_form.html", context, status=400 if form.errors else 200
    )


@require_capability(*MANAGE)
def group_edit(request: HttpRequest, group_id: int) -> HttpResponse:
    group = _group_or_404(group_id)
    initial = {
        "name": group.name,
        "kind": group.kind,
        "sector": group.sector,
        "description": group.description,
        "started_on": group.started_on,
        "stage": group.stage,
        "facilitator": group.facilitator_id,
        "ended_on": group.ended_on,
        "end_reason": group.end_reason,
    }
    form = f.GroupEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Data kelompok disimpan."))
            return redirect("enterprise:group_detail", group_id=group.pk)
    context = {"form": form, "group": group, "title": _("Ubah kelompok")}
    return render(
        request, "enterprise/group_form.html", context, status=400 if form.errors else 200
    )


@require_capability(*MANAGE)
def group_detail(request: HttpRequest, group_id: int) -> HttpResponse:
    return _group_page(request, _group_or_404(group_id))


def _group_page(request, group: Group, *, bound: dict | None = None, status: int = 200):
    """The group's page; ``bound`` holds a refused form by name (shown open, with its errors)."""
    bound = bound or {}
    today = timezone.localdate()
    figures = selectors.recent_figures(group, today)
    visits = selectors.group_visits(group)
    members = selectors.group_members(group)
    incomes = selectors.household_incomes(group)

    context = {
        "group": group,
        "active_members": [m for m in members if m.left_on is None],
        "past_members": [m for m in members if m.left_on is not None],
        "incomes": incomes,
        "fundings": list(group.fundings.all()),
        "funding_totals": selectors.funding_totals(group),
        "figures": figures,
        "profit_year": sum(figure.profit for figure in figures),
        "chart": selectors.figures_chart(figures),
        "visits": visits,
        "next_visit": visits[0] if visits else None,
        "member_form": bound.get("member")
        or f.MemberAddForm(initial={"joined_on": today, "position": "anggota"}),
        "funding_form": bound.get("funding") or f.FundingForm(initial={"received_on": today}),
        "figure_form": bound.get("figure") or f.FigureForm(initial={"month": today}),
        "visit_form": bound.get("visit")
        or f.VisitForm(initial={"visited_on": today, "facilitator": request.user.pk}),
        "bound": bound,
        "title": group.name,
    }
    return render(request, "enterprise/group_detail.html", context, status=status)


def _write(
    request,
    group: Group,
    form,
    name: str,
    write: Callable[[dict], object],
    done: str,
    anchor: str,
) -> HttpResponse:
    """Validate ``form``, run ``write`` with its data and go back to the group's page with
    ``done``; on a refusal show the page again with the form's errors beside its fields (400)."""
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(reverse("enterprise:group_detail", args=[group.pk]) + anchor)
    return _group_page(request, group, bound={name: form}, status=400)


@require_POST
@require_capability(*MANAGE)
def member_add(request: HttpRequest, group_id: int) -> HttpResponse:
    group = _group_or_404(group_id)
    form = f.MemberAddForm(request.POST)

    def write(data):
        resident = selectors.resident_by_identity(user=request.user, number=data["identity"])
        if resident is None:
            raise ValidationError(
                {
                    "identity": _(
                        "Tidak ada penduduk dengan NIK atau nomor sementara ini. Periksa lagi "
                        "16 angkanya, atau catat orangnya dulu di data penduduk."
                    )
                }
            )
        services.group_member_add(
            actor=request.user,
            group=group,
            resident=resident,
            joined_on=data["joined_on"],
            position=data["position"],
            income_before=data["income_before"],
        )

    return _write(request, group, form, "member", write, _("Anggota ditambahkan."), "#anggota")


@require_capability(*MANAGE)
def member_join(request: HttpRequest, resident_id: int) -> HttpResponse:
    """From the household page: choose the group the person joins."""
    resident = resident_visible_to(user=request.user, pk=resident_id)
    if resident is None:
        raise Http404
    groups = selectors.open_groups_for(resident).order_by("name")
    form = f.MemberJoinForm(
        request.POST or None,
        groups=groups,
        initial={"joined_on": timezone.localdate(), "position": "anggota"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.group_member_add(
                actor=request.user,
                group=data["group"],
                resident=resident,
                joined_on=data["joined_on"],
                position=data["position"],
                income_before=data["income_before"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s bergabung dengan %(group)s.")
                % {"name": resident.name, "group": data["group"].name},
            )
            return redirect("enterprise:group_detail", group_id=data["group"].pk)
    context = {
        "form": form,
        "resident": resident,
        "has_groups": groups.exists(),
        "title": _("Bergabung dengan kelompok"),
    }
    return render(
        request, "enterprise/member_join.html", context, status=400 if form.errors else 200
    )


def _row_page(request, group: Group, form, write, done: str, anchor: str, **context):
    """A small page for one record of the group (a member leaving, a household's income now, a
    month's correction): GET shows the form, POST saves and goes back to the group's page, or
    shows the form again with its errors (400)."""
    if request.method == "POST" and form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(reverse("enterprise:group_detail", args=[group.pk]) + anchor)
    context = {"form": form, "group": group, **context}
    status = 400 if form.errors else 200
    return render(request, "enterprise/record_form.html", context, status=status)


@require_capability(*MANAGE)
def member_leave(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _object_or_404(GroupMember, member_id)
    if member.left_on is not None:
        raise Http404
    form = f.LeaveForm(request.POST or None, initial={"left_on": timezone.localdate()})
    return _row_page(
        request,
        member.group,
        form,
        lambda d: services.group_member_leave(
            actor=request.user, member=member, left_on=d["left_on"]
        ),
        _("Anggota dicatat keluar dari kelompok."),
        "#anggota",
        title=_("Keluar dari kelompok"),
        lead=member.resident.name,
        button=_("Catat keluar"),
    )


@require_capability(*MANAGE)
def income_update(request: HttpRequest, income_id: int) -> HttpResponse:
    income = _object_or_404(HouseholdIncome, income_id)
    initial = {"after": income.after, "on": timezone.localdate()}
    head = income.household.head
    return _row_page(
        request,
        income.group,
        f.IncomeForm(request.POST or None, initial=initial),
        lambda d: services.household_income_update(
            actor=request.user, income=income, after=d["after"], on=d["on"]
        ),
        _("Penghasilan keluarga dicatat."),
        "#penghasilan",
        title=_("Penghasilan keluarga sekarang"),
        lead=_("Keluarga %(name)s; sebelum bergabung: %(band)s.")
        % {
            "name": head.name if head else f"#{income.household_id}",
            "band": income.get_before_display(),
        },
        button=_("Simpan"),
    )


@require_capability(*MANAGE)
def figure_correct(request: HttpRequest, figure_id: int) -> HttpResponse:
    figure = _object_or_404(MonthlyFigure, figure_id)
    initial = {"turnover": figure.turnover, "profit": figure.profit}
    return _row_page(
        request,
        figure.group,
        f.FigureCorrectForm(request.POST or None, initial=initial),
        lambda d: services.monthly_figure_correct(actor=request.user, figure=figure, **d),
        _("Angka bulan itu diperbaiki."),
        "#omzet",
        title=_("Perbaiki omzet dan laba"),
        lead=date_format(figure.month, "YEAR_MONTH_FORMAT"),
        button=_("Simpan perbaikan"),
    )


@require_POST
@require_capability(*MANAGE)
def funding_add(request: HttpRequest, group_id: int) -> HttpResponse:
    group = _group_or_404(group_id)
    return _write(
        request,
        group,
        f.FundingForm(request.POST),
        "funding",
        lambda d: services.funding_add(actor=request.user, group=group, **d),
        _("Dana dicatat."),
        "#dana",
    )


@require_POST
@require_capability(*MANAGE)
def figure_record(request: HttpRequest, group_id: int) -> HttpResponse:
    group = _group_or_404(group_id)
    return _write(
        request,
        group,
        f.FigureForm(request.POST),
        "figure",
        lambda d: services.monthly_figure_record(actor=request.user, group=group, **d),
        _("Omzet dan laba dicatat."),
        "#omzet",
    )


@require_POST
@require_capability(*MANAGE)
def visit_add(request: HttpRequest, group_id: int) -> HttpResponse:
    group = _group_or_404(group_id)
    return _write(
        request,
        group,
        f.VisitForm(request.POST),
        "visit",
        lambda d: services.visit_record(actor=request.user, group=group, **d),
        _("Kunjungan dicatat."),
        "#kunjungan",
    )


@require_capability(Cap.PLAN_OUTREACH)
def unreached(request: HttpRequest) -> HttpResponse:
    """At-risk households in neither the cooperative nor a group, by dusun, a page at a time."""
    scope = registry_scope(request.user)
    dusun = Dusun.objects.order_by("name")
    if scope != ALL:
        dusun = dusun.filter(pk=scope)
    form = f.UnreachedFilterForm(request.GET or None, dusun_queryset=dusun)
    chosen = form.cleaned_data["dusun"] if form.is_valid() else None
    households = selectors.unreached_households(
        user=request.user, dusun_id=chosen.pk if chosen else None
    )
    context = {
        "form": form,
        "page": paginate(households, request.GET.get("page")),
        "title": _("Keluarga berisiko yang belum terjangkau"),
    }
    return render(request, "enterprise/unreached.html", context)
