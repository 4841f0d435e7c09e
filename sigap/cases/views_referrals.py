"""Referrals: sent by the case team, answered by the receiving organisation's staff (Mitra).

A Mitra sees referrals to their own organisation: before accepting, what is needed and how
urgently, without the person's identity; after accepting, the referral's part (who, how to reach
them, why), never the rest of the case.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sigap.cases import forms as f
from sigap.cases import rules, selectors, services
from sigap.cases.models import Referral
from sigap.cases.views import _team_case_or_404
from sigap.core import audit
from sigap.core.access import require_capability
from sigap.core.forms import add_service_errors
from sigap.core.pagination import paginate
from sigap.core.roles import Cap

PARTIES = (Cap.WORK_CASES, Cap.RECEIVE_REFERRALS)


@require_capability(Cap.WORK_CASES)
def referral_create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _team_case_or_404(request, case_id)
    form = f.ReferralForm(
        request.POST or None,
        initial=_choice_values(request.GET),
        choices_url=reverse("cases:referral_choices", args=[case.pk]),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = services.referral_send(actor=request.user, case=case, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Rujukan %(code)s dikirim ke %(org)s.")
                % {"code": referral.code, "org": referral.organisation},
            )
            return redirect("cases:referral_detail", referral_id=referral.pk)
    context = {
        "form": form,
        "case": case,
        "title": _("Rujuk ke layanan"),
        "is_supervisor": rules.is_supervisor(request.user, case),
    }
    return render(request, "cases/referral_form.html", context, status=400 if form.errors else 200)


def _choice_values(query) -> dict:
    """The area, organisation and service asked for in a query string (a link from the case
    page, or the htmx request of the form itself), as a form's initial values."""
    return {name: query.get(name, "") for name in ("area", "organisation", "service")}


@require_GET
@require_capability(Cap.WORK_CASES)
def referral_choices(request: HttpRequest, case_id: int) -> HttpResponse:
    """The organisation and service fields of the referral form for the chosen area and
    organisation, with the organisation's phone and opening hours: the fragment htmx swaps in
    when either select changes. The case team only, like the form (404 for anyone else)."""
    case = _team_case_or_404(request, case_id)
    form = f.ReferralForm(
        initial=_choice_values(request.GET),
        choices_url=reverse("cases:referral_choices", args=[case.pk]),
    )
    return render(request, "cases/_referral_choices.html", {"form": form, "case": case})


def _referral_or_404(request, pk: int) -> tuple[Referral, str]:
    referral, part = selectors.referral_visible_to(user=request.user, pk=pk)
    if referral is None:
        raise Http404
    return referral, part


@require_capability(*PARTIES)
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral, part = _referral_or_404(request, referral_id)
    return _referral_page(request, referral, part)


def _referral_page(request, referral, part, *, form_name="", form=None, status=200):
    audit.log_view(actor=request.user, obj=referral)
    identity = part == "team" or rules.mitra_sees_identity(referral)
    is_open = referral.status in (Referral.Status.SENT, Referral.Status.ACCEPTED)
    may_respond = referral.status == Referral.Status.SENT and services.may_respond(
        request.user, referral
    )
    context = {
        "referral": referral,
        "part": part,
        "identity": identity,
        "resident": referral.case.resident if identity else None,
        "title": referral.code,
        "may_respond": may_respond,
        "may_complete": referral.status == Referral.Status.ACCEPTED,
        "may_revoke": part == "team" and is_open,
        "decline_form": form if form_name == "decline" else f.ReasonForm(),
        "outcome_form": form if form_name == "complete" else f.OutcomeForm(),
        "revoke_form": form if form_name == "revoke" else f.ReasonForm(),
    }
    return render(request, "cases/referral_detail.html", context, status=status)


def _referral_write(request, referral_id: int, form_class, name: str, write, done: str):
    referral, part = _referral_or_404(request, referral_id)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            write(referral, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, done)
            return redirect("cases:referral_detail", referral_id=referral.pk)
    referral.refresh_from_db()
    return _referral_page(request, referral, part, form_name=name, form=form, status=400)


@require_POST
@require_capability(*PARTIES)
def referral_accept(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _referral_write(
        request,
        referral_id,
        f.ReasonForm,
        "decline",
        lambda r, d: services.referral_respond(actor=request.user, referral=r, accept=True),
        _("Rujukan diterima."),
    )


@require_POST
@require_capability(*PARTIES)
def referral_decline(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _referral_write(
        request,
        referral_id,
        f.ReasonForm,
        "decline",
        lambda r, d: services.referral_respond(
            actor=request.user, referral=r, accept=False, reason=d["reason"]
        ),
        _("Rujukan ditolak."),
    )


@require_POST
@require_capability(*PARTIES)
def referral_complete(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _referral_write(
        request,
        referral_id,
        f.OutcomeForm,
        "complete",
        lambda r, d: services.referral_complete(
            actor=request.user, referral=r, outcome=d["outcome"]
        ),
        _("Rujukan dicatat selesai."),
    )


@require_POST
@require_capability(Cap.WORK_CASES)
def referral_revoke(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _referral_write(
        request,
        referral_id,
        f.ReasonForm,
        "revoke",
        lambda r, d: services.referral_revoke(actor=request.user, referral=r, reason=d["reason"]),
        _("Rujukan dibatalkan."),
    )


@require_capability(Cap.RECEIVE_REFERRALS)
def referral_inbox(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in Referral.Status.values:
        status = ""
    referrals = selectors.referral_inbox(user=request.user, status=status)
    page = paginate(referrals, request.GET.get("page"), per_page=25)
    context = {
        "page": page,
        "status": status,
        "statuses": Referral.Status.choices,
        "organisation": getattr(
            getattr(request.user, "organisation_staff", None), "organisation", None
        ),
        "title": _("Rujukan masuk"),
    }
    return render(request, "cases/referral_inbox.html", context)
