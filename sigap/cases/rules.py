"""Who sees and works which case. The selectors apply the same rules in SQL.

* A case is visible to its active Pendamping(s), its supervisor (a Koordinator), and anyone
  holding an unexpired break-glass grant for it. Nobody else, Admin Desa included.
* A Mitra sees referrals sent to their own organisation: before acceptance without the person's
  identity, after acceptance the referral's part (never the case).
* Roles still matter: someone who lost the right to work cases sees none, whatever their
  assignments say.
"""

from django.utils import timezone

from sigap.cases.models import BreakGlass, Case, CaseWorker, Referral
from sigap.core.roles import Cap


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


def is_worker(user, case: Case) -> bool:
    return (
        _active(user)
        and user.can(Cap.WORK_CASES)
        and CaseWorker.objects.filter(case=case, user=user, ended_at__isnull=True).exists()
    )


def is_supervisor(user, case: Case) -> bool:
    return _active(user) and user.can(Cap.SUPERVISE_CASES) and case.supervisor_id == user.pk


def has_break_glass(user, case: Case) -> bool:
    return (
        _active(user)
        and user.can(Cap.WORK_CASES)
        and BreakGlass.objects.filter(case=case, user=user, expires_at__gt=timezone.now()).exists()
    )


def on_team(user, case: Case) -> bool:
    """May work the case: an assigned Pendamping or its supervisor."""
    return is_worker(user, case) or is_supervisor(user, case)


def can_view_case(user, case: Case) -> bool:
    return on_team(user, case) or has_break_glass(user, case)


def can_break_glass(user, case: Case) -> bool:
    """Someone who works cases but is not on this one's team may ask for emergency access."""
    return _active(user) and user.can(Cap.WORK_CASES) and not on_team(user, case)


def organisation_id_of(user) -> int | None:
    if not _active(user) or not user.can(Cap.RECEIVE_REFERRALS):
        return None
    staff = getattr(user, "organisation_staff", None)
    return staff.organisation_id if staff is not None else None


def is_receiving_staff(user, referral: Referral) -> bool:
    org = organisation_id_of(user)
    return org is not None and org == referral.organisation_id


REFERRAL_IDENTITY_STATUSES = (Referral.Status.ACCEPTED, Referral.Status.COMPLETED)


def mitra_sees_identity(referral: Referral) -> bool:
    return referral.status in REFERRAL_IDENTITY_STATUSES
