"""What the cases app adds to other pages: the dashboard panels and the cards on the resident
and household pages of the registry. Each shows only cases the user may see; a case worker is
also told of open cases they are not on, so that they can ask for emergency access."""

from django.utils import timezone

from sigap.cases import selectors


def panel(request) -> dict:
    return {"summary": selectors.caseload_summary(user=request.user, today=timezone.localdate())}


def referral_panel(request) -> dict:
    inbox = selectors.referral_inbox(user=request.user)
    return {
        "waiting": inbox.filter(status="dikirim").count(),
        "accepted": inbox.filter(status="diterima").count(),
    }


def resident_cases(request, resident) -> dict:
    user = request.user
    return {
        "cases": list(selectors.other_cases_of(user=user, resident=resident)),
        "hidden_cases": list(selectors.cases_not_visible_to(user=user, resident=resident)),
        "resident": resident,
    }


def household_cases(request, household) -> dict | None:
    cases = list(
        selectors.case_list_visible_to(user=request.user)
        .filter(resident__household=household)
        .select_related("resident")
        .order_by("-opened_on")
    )
    return {"cases": cases} if cases else None
