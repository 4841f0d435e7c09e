"""Role × URL access matrix: every page, every role, and anonymous visitors.

Each URL of the site has a row here. A new view without a row fails
``test_every_url_has_a_row_in_the_matrix``. A role that is not allowed gets 404 (not 403), so a
page's existence is not revealed; anonymous visitors are sent to the log-in page.
"""

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import PASSWORD, login_client
from sigap.accounts.models import User
from sigap.accounts.services import api_token_issue, user_create
from sigap.cases import services as case_services
from sigap.cases.models import Case, Consent, Goal, PlanAction, Referral
from sigap.core.roles import ROLE_TABLE, Cap, Role
from sigap.economy import services as economy_services
from sigap.economy.models import (
    SHU_DEFAULT_PERCENTAGES,
    JournalEntry,
    Loan,
    Member,
    Repayment,
    YearEnd,
)
from sigap.enterprise import services as enterprise_services
from sigap.enterprise.models import Group, GroupMember, HouseholdIncome, MonthlyFigure
from sigap.partners import services as partner_services
from sigap.partners.models import ContactPoint, Organisation, Service, Staff
from sigap.programs import services as programme_services
from sigap.programs.models import (
    Attendance,
    Invitation,
    KnowledgeTest,
    Programme,
    Question,
    Session,
)
from sigap.registry.models import ImportBatch, Resident
from sigap.registry.tests.factories import family

ADMIN = {Role.ADMIN_DESA}
EVERY_ROLE = set(Role)
PUBLIC = "public"
# The registry: Mitra and Analis never see personal data; Pengurus Koperasi reads (to link
# members); a Kader reads and writes their own dusun (the matrix's records are in it).
REGISTRY_READERS = EVERY_ROLE - {Role.MITRA, Role.ANALIS}
REGISTRY_WRITERS = REGISTRY_READERS - {Role.PENGURUS_KOPERASI}
# The service directory holds no personal data: everyone but the Analis reads it (a Mitra too);
# Admin Desa and Koordinator keep it.
PARTNER_READERS = EVERY_ROLE - {Role.ANALIS}
PARTNER_MANAGERS = {Role.ADMIN_DESA, Role.KOORDINATOR}
ORGANISATION = {"organisation_id": "organisation"}
# A case is seen by its team alone: the matrix's case is worked by the Pendamping persona and
# supervised by the Koordinator persona. Its referral went to the organisation whose staff is the
# Mitra persona (who sees the referral, never the case).
CASE_TEAM = {Role.PENDAMPING, Role.KOORDINATOR}
CASE = {"case_id": "case"}
# The cooperative: Pengurus Koperasi alone (members' balances are shown to no other role).
KOPERASI = {Role.PENGURUS_KOPERASI}
MEMBER = {"member_id": "member"}
REFERRAL = {"referral_id": "referral"}
# Entrepreneurship groups: Koordinator and Pengurus Koperasi manage them; the list of at-risk
# households not yet reached is for the Koordinator and Admin Desa.
GROUP_MANAGERS = {Role.KOORDINATOR, Role.PENGURUS_KOPERASI}
OUTREACH = {Role.ADMIN_DESA, Role.KOORDINATOR}
GROUP = {"group_id": "group"}
# Programmes: the Koordinator plans them; Koordinator, Pendamping and Kader take attendance; the
# year's participation analytics are for those who see aggregates (and the Koordinator).
PROGRAMME_MANAGERS = {Role.KOORDINATOR}
ATTENDANCE_TAKERS = {Role.KOORDINATOR, Role.PENDAMPING, Role.KADER}
AGGREGATE_READERS = {Role.ADMIN_DESA, Role.KOORDINATOR, Role.ANALIS}
PROGRAMME = {"programme_id": "programme"}
SESSION = {"session_id": "session"}


@dataclass
class Row:
    allowed: set[Role] | str  # the roles that may use it, or PUBLIC
    method: str = "get"
    kwargs: dict = field(default_factory=dict)  # url kwargs; values may name a persona
    ok_status: int = 200
    outsider_allowed: bool = False  # a logged-in user with no role
    data: dict = field(default_factory=dict)
    logged_in_status: int | None = None  # when a logged-in user gets something else (redirect)


MATRIX: dict[str, Row] = {
    "core:home": Row(EVERY_ROLE, outsider_allowed=True),
    "core:audit_log": Row(ADMIN),
    "core:territory": Row(EVERY_ROLE - {Role.MITRA, Role.ANALIS}),
    "core:dusun_create": Row(ADMIN, method="post", ok_status=302, data={"name": "Dusun Baru"}),
    "core:dusun_rename": Row(
        ADMIN, method="post", kwargs={"dusun_id": "dusun"}, ok_status=302, data={"name": "Baru"}
    ),
    "core:rw_create": Row(
        ADMIN, method="post", ok_status=302, data={"dusun": "dusun", "number": "9"}
    ),
    "core:rt_create": Row(ADMIN, method="post", ok_status=302, data={"rw": "rw", "number": "9"}),
    "accounts:login": Row(PUBLIC, logged_in_status=302),
    "accounts:logout": Row(EVERY_ROLE, method="post", ok_status=302, outsider_allowed=True),
    "accounts:password_change": Row(EVERY_ROLE, outsider_allowed=True),
    "accounts:password_change_done": Row(EVERY_ROLE, outsider_allowed=True),
    "accounts:user_list": Row(ADMIN),
    "accounts:user_create": Row(ADMIN),
    "accounts:user_detail": Row(ADMIN, kwargs={"user_id": "kader"}),
    "accounts:user_set_active": Row(
        ADMIN, method="post", kwargs={"user_id": "kader"}, ok_status=302, data={"active": "1"}
    ),
    "accounts:user_set_password": Row(
        ADMIN,
        method="post",
        kwargs={"user_id": "kader"},
        ok_status=302,
        data={"password": "kata-sandi-baru-2026"},
    ),
    "accounts:user_unlock": Row(ADMIN, method="post", kwargs={"user_id": "kader"}, ok_status=302),
    "accounts:token_list": Row(ADMIN),
    "accounts:token_revoke": Row(ADMIN, method="post", kwargs={"token_id": "token"}, ok_status=302),
    "registry:resident_list": Row(REGISTRY_READERS),
    "registry:resident_export": Row({Role.ADMIN_DESA, Role.KOORDINATOR}),
    "registry:import_start": Row(ADMIN),
    "registry:import_template": Row(ADMIN),
    "registry:import_detail": Row(ADMIN, kwargs={"batch_id": "batch"}),
    "registry:import_commit": Row(
        ADMIN, method="post", kwargs={"batch_id": "batch"}, ok_status=302
    ),
    "registry:import_problems": Row(ADMIN, kwargs={"batch_id": "batch"}),
    "registry:resident_detail": Row(REGISTRY_READERS, kwargs={"resident_id": "resident"}),
    "registry:resident_edit": Row(REGISTRY_WRITERS, kwargs={"resident_id": "resident"}),
    "registry:life_event_create": Row(
        REGISTRY_WRITERS,
        method="post",
        kwargs={"resident_id": "resident"},
        ok_status=302,
        data={"kind": "datang", "occurred_on": "2026-01-02"},
    ),
    "registry:household_create": Row(REGISTRY_WRITERS),
    "registry:household_detail": Row(REGISTRY_READERS, kwargs={"household_id": "household"}),
    "registry:household_edit": Row(REGISTRY_WRITERS, kwargs={"household_id": "household"}),
    "registry:resident_create": Row(REGISTRY_WRITERS, kwargs={"household_id": "household"}),
    "partners:organisation_list": Row(PARTNER_READERS),
    "partners:organisation_create": Row(PARTNER_MANAGERS),
    "partners:organisation_detail": Row(PARTNER_READERS, kwargs=ORGANISATION),
    "partners:organisation_edit": Row(PARTNER_MANAGERS, kwargs=ORGANISATION),
    "partners:service_add": Row(
        PARTNER_MANAGERS,
        method="post",
        kwargs=ORGANISATION,
        ok_status=302,
        data={"service-area": "hukum", "service-name": "Konsultasi hukum"},
    ),
    "partners:service_edit": Row(PARTNER_MANAGERS, kwargs=ORGANISATION | {"service_id": "service"}),
    "partners:service_remove": Row(
        PARTNER_MANAGERS,
        method="post",
        kwargs=ORGANISATION | {"service_id": "service"},
        ok_status=302,
    ),
    "partners:contact_add": Row(
        PARTNER_MANAGERS,
        method="post",
        kwargs=ORGANISATION,
        ok_status=302,
        data={"contact-name": "Petugas piket", "contact-phone": "0812-0000-0999"},
    ),
    "partners:contact_remove": Row(
        PARTNER_MANAGERS,
        method="post",
        kwargs=ORGANISATION | {"contact_id": "contact"},
        ok_status=302,
    ),
    "partners:staff_add": Row(
        PARTNER_MANAGERS,
        method="post",
        kwargs=ORGANISATION,
        ok_status=302,
        data={"staff-user": "free_mitra"},
    ),
    "partners:staff_remove": Row(
        PARTNER_MANAGERS,
        method="post",
        kwargs=ORGANISATION | {"staff_id": "staff"},
        ok_status=302,
    ),
    "cases:case_list": Row(CASE_TEAM),
    "cases:case_export": Row({Role.KOORDINATOR}),
    "cases:case_open": Row(CASE_TEAM, kwargs={"resident_id": "resident"}),
    "cases:case_detail": Row(CASE_TEAM, kwargs=CASE),
    "cases:case_file": Row(CASE_TEAM, kwargs=CASE),
    "cases:case_edit": Row(
        CASE_TEAM,
        method="post",
        kwargs=CASE,
        ok_status=302,
        data={"case_type": "korban", "risk_level": "tinggi", "trafficking_status": "mungkin"},
    ),
    "cases:case_transition": Row(
        CASE_TEAM, method="post", kwargs=CASE, ok_status=302, data={"action": "mulai_asesmen"}
    ),
    "cases:case_team": Row(
        {Role.KOORDINATOR},
        method="post",
        kwargs=CASE,
        ok_status=302,
        data={"operation": "add", "user": "second_worker"},
    ),
    # Only for case workers who are not on the team: nobody in the matrix (see cases' tests).
    "cases:break_glass": Row(set(), kwargs=CASE),
    "cases:consent_create": Row(
        CASE_TEAM,
        method="post",
        kwargs=CASE,
        ok_status=302,
        data={
            "purpose": "layanan",
            "given": "1",
            "method": "tanda_tangan",
            "given_by": "Orangnya sendiri",
            "recorded_on": "2026-01-05",
        },
    ),
    "cases:consent_withdraw": Row(
        CASE_TEAM, method="post", kwargs=CASE | {"consent_id": "consent"}, ok_status=302
    ),
    "cases:assessment_edit": Row(CASE_TEAM, kwargs=CASE),
    "cases:event_create": Row(
        CASE_TEAM, method="post", kwargs=CASE, ok_status=302, data={"kind": "perekrutan"}
    ),
    "cases:session_create": Row(
        CASE_TEAM,
        method="post",
        kwargs=CASE,
        ok_status=302,
        data={"held_on": "2026-01-06", "place": "Rumah", "kind": "individu"},
    ),
    "cases:goal_create": Row(
        CASE_TEAM,
        method="post",
        kwargs=CASE,
        ok_status=302,
        data={"area": "hukum", "description": "Mendapat bantuan hukum"},
    ),
    "cases:plan_action_create": Row(
        CASE_TEAM,
        method="post",
        kwargs=CASE,
        ok_status=302,
        data={
            "goal": "goal",
            "description": "Antar ke LBH",
            "owner": "case_worker",
            "due_on": "2026-02-01",
        },
    ),
    "cases:plan_action_status": Row(
        CASE_TEAM,
        method="post",
        kwargs=CASE | {"action_id": "plan_action"},
        ok_status=302,
        data={"status": "selesai"},
    ),
    "cases:case_history": Row(CASE_TEAM, kwargs=CASE),
    "cases:referral_create": Row(CASE_TEAM, kwargs=CASE),
    "cases:referral_choices": Row(CASE_TEAM, kwargs=CASE),
    "cases:referral_inbox": Row({Role.MITRA}),
    "cases:referral_detail": Row(CASE_TEAM | {Role.MITRA}, kwargs=REFERRAL),
    "cases:referral_letter": Row(CASE_TEAM, kwargs=REFERRAL),
    "cases:referral_accept": Row({Role.MITRA}, method="post", kwargs=REFERRAL, ok_status=302),
    "cases:referral_decline": Row(
        {Role.MITRA},
        method="post",
        kwargs=REFERRAL,
        ok_status=302,
        data={"reason": "Di luar wilayah layanan kami."},
    ),
    # The referral has not been accepted yet: those who may complete it are told so (400).
    "cases:referral_complete": Row(
        CASE_TEAM | {Role.MITRA},
        method="post",
        kwargs=REFERRAL,
        ok_status=400,
        data={"outcome": "Konseling tiga kali."},
    ),
    "cases:referral_revoke": Row(
        CASE_TEAM,
        method="post",
        kwargs=REFERRAL,
        ok_status=302,
        data={"reason": "Sudah tidak diperlukan lagi."},
    ),
    "economy:overview": Row(KOPERASI),
    "economy:trial_balance": Row(KOPERASI),
    "economy:member_join": Row(KOPERASI, kwargs={"resident_id": "resident"}),
    "economy:member_detail": Row(KOPERASI, kwargs=MEMBER),
    "economy:deposit": Row(
        KOPERASI,
        method="post",
        kwargs=MEMBER,
        ok_status=302,
        data={"kind": "wajib", "amount": "10000", "on": "2026-01-15"},
    ),
    "economy:withdraw": Row(
        KOPERASI,
        method="post",
        kwargs=MEMBER,
        ok_status=302,
        data={"amount": "1000", "on": "2026-01-15"},
    ),
    "economy:entry_reverse": Row(
        KOPERASI,
        method="post",
        kwargs={"entry_id": "entry"},
        ok_status=302,
        data={"reason": "Salah"},
    ),
    "economy:product_list": Row(KOPERASI),
    "economy:loan_list": Row(KOPERASI),
    "economy:loan_apply": Row(KOPERASI, kwargs=MEMBER),
    "economy:loan_detail": Row(KOPERASI, kwargs={"loan_id": "loan_active"}),
    "economy:loan_decide": Row(
        KOPERASI,
        method="post",
        kwargs={"loan_id": "loan_applied"},
        ok_status=302,
        data={"decision": "setuju", "note": ""},
    ),
    "economy:loan_disburse": Row(
        KOPERASI,
        method="post",
        kwargs={"loan_id": "loan_approved"},
        ok_status=302,
        data={"on": "2026-01-20", "first_due": ""},
    ),
    "economy:repayment_record": Row(
        KOPERASI,
        method="post",
        kwargs={"loan_id": "loan_active"},
        ok_status=302,
        data={"amount": "1000", "on": "2026-02-11"},
    ),
    # The payoff depends on the day; a wrong amount is refused in place (the page, 400).
    "economy:loan_settle": Row(
        KOPERASI,
        method="post",
        kwargs={"loan_id": "loan_active"},
        ok_status=400,
        data={"amount": "1", "on": "2026-02-11"},
    ),
    "economy:repayment_reverse": Row(
        KOPERASI,
        method="post",
        kwargs={"repayment_id": "repayment"},
        ok_status=302,
        data={"reason": "Salah"},
    ),
    "economy:disbursement_reverse": Row(
        KOPERASI,
        method="post",
        kwargs={"loan_id": "loan_active"},
        ok_status=302,
        data={"reason": "Salah"},
    ),
    "economy:member_exit": Row(KOPERASI, kwargs=MEMBER),
    "economy:cash_entry": Row(
        KOPERASI,
        method="post",
        ok_status=302,
        data={"kind": "biaya", "amount": "5000", "memo": "ATK", "on": "2026-01-15"},
    ),
    "economy:year_end_list": Row(KOPERASI),
    "economy:year_end_detail": Row(KOPERASI, kwargs={"year": "closed_year"}),
    # The closed year had no income, so no member has a share to pay: refused in place (400).
    "economy:shu_pay": Row(
        KOPERASI,
        method="post",
        kwargs={"year": "closed_year"},
        ok_status=400,
        data={"on": "2026-01-15"},
    ),
    "economy:rat_pdf": Row(KOPERASI, kwargs={"year": "closed_year"}),
    # Entrepreneurship groups (sigap/enterprise); their records come from _enterprise_records.
    "enterprise:group_list": Row(GROUP_MANAGERS),
    "enterprise:group_create": Row(GROUP_MANAGERS),
    "enterprise:unreached": Row(OUTREACH),
    "enterprise:group_detail": Row(GROUP_MANAGERS, kwargs=GROUP),
    "enterprise:group_edit": Row(GROUP_MANAGERS, kwargs=GROUP),
    "enterprise:member_add": Row(
        GROUP_MANAGERS,
        method="post",
        kwargs=GROUP,
        ok_status=302,
        data={
            "identity": "5201010706900001",  # the family's father
            "position": "anggota",
            "joined_on": "2026-02-01",
            "income_before": "1",
        },
    ),
    "enterprise:funding_add": Row(
        GROUP_MANAGERS,
        method="post",
        kwargs=GROUP,
        ok_status=302,
        data={
            "kind": "hibah",
            "source": "dana_desa",
            "amount": "2500000",
            "received_on": "2026-02-01",
        },
    ),
    "enterprise:figure_record": Row(
        GROUP_MANAGERS,
        method="post",
        kwargs=GROUP,
        ok_status=302,
        data={"month": "2026-03", "turnover": "1500000", "profit": "300000"},
    ),
    "enterprise:visit_add": Row(
        GROUP_MANAGERS,
        method="post",
        kwargs=GROUP,
        ok_status=302,
        data={
            "visited_on": "2026-02-03",
            "facilitator": "group_facilitator",
            "notes": "Buku kas rapi.",
        },
    ),
    "enterprise:member_join": Row(GROUP_MANAGERS, kwargs={"resident_id": "resident"}),
    "enterprise:member_leave": Row(GROUP_MANAGERS, kwargs={"member_id": "group_member"}),
    "enterprise:income_update": Row(GROUP_MANAGERS, kwargs={"income_id": "household_income"}),
    "enterprise:figure_correct": Row(GROUP_MANAGERS, kwargs={"figure_id": "monthly_figure"}),
    # Programmes (sigap/programs); their records come from _programme_records.
    "programs:programme_list": Row(PROGRAMME_MANAGERS),
    "programs:programme_create": Row(PROGRAMME_MANAGERS),
    "programs:programme_detail": Row(PROGRAMME_MANAGERS, kwargs=PROGRAMME),
    "programs:programme_edit": Row(PROGRAMME_MANAGERS, kwargs=PROGRAMME),
    "programs:targeting": Row(PROGRAMME_MANAGERS, kwargs=PROGRAMME),
    "programs:invitation_list": Row(PROGRAMME_MANAGERS, kwargs=PROGRAMME),
    "programs:invitation_print": Row(PROGRAMME_MANAGERS, kwargs=PROGRAMME),
    "programs:invitation_remove": Row(
        PROGRAMME_MANAGERS, method="post", kwargs={"invitation_id": "invitation"}, ok_status=302
    ),
    "programs:session_create": Row(PROGRAMME_MANAGERS, kwargs=PROGRAMME),
    "programs:session_edit": Row(PROGRAMME_MANAGERS, kwargs=SESSION),
    # The session has attendance, so cancelling is refused with a message on the programme page.
    "programs:session_cancel": Row(
        PROGRAMME_MANAGERS, method="post", kwargs=SESSION, ok_status=302
    ),
    "programs:capacity": Row(PROGRAMME_MANAGERS),
    "programs:calendar": Row(ATTENDANCE_TAKERS),
    "programs:session_detail": Row(ATTENDANCE_TAKERS, kwargs=SESSION),
    "programs:attendance_mark": Row(
        ATTENDANCE_TAKERS,
        method="post",
        kwargs=SESSION,
        ok_status=302,
        data={"resident": "resident", "present": "1", "method": "datang_langsung"},
    ),
    "programs:walk_in_search": Row(ATTENDANCE_TAKERS, kwargs=SESSION),
    "programs:session_qr": Row(ATTENDANCE_TAKERS, kwargs=SESSION),
    "programs:session_attendance_pdf": Row(PROGRAMME_MANAGERS, kwargs=SESSION),
    "programs:analytics": Row(AGGREGATE_READERS),
    # Knowledge tests, certificates and follow-up: the Koordinator prepares and reads them;
    # answers are entered by those who take attendance (a Kader for their own dusun).
    "programs:question_list": Row(PROGRAMME_MANAGERS),
    "programs:question_create": Row(PROGRAMME_MANAGERS),
    "programs:question_retire": Row(
        PROGRAMME_MANAGERS, method="post", kwargs={"question_id": "question"}, ok_status=302
    ),
    "programs:test_create": Row(PROGRAMME_MANAGERS, kwargs=PROGRAMME),
    "programs:test_results": Row(PROGRAMME_MANAGERS, kwargs=PROGRAMME),
    "programs:certificates": Row(PROGRAMME_MANAGERS, kwargs=PROGRAMME),
    "programs:certificate": Row(
        PROGRAMME_MANAGERS, kwargs={**PROGRAMME, "resident_id": "participant"}
    ),
    "programs:outcome_list": Row(PROGRAMME_MANAGERS, kwargs=PROGRAMME),
    "programs:outcome_record": Row(PROGRAMME_MANAGERS, kwargs=PROGRAMME),
    "programs:test_list": Row(ATTENDANCE_TAKERS),
    "programs:test_answers": Row(ATTENDANCE_TAKERS, kwargs={"test_id": "test"}),
    "programs:test_answer_sheet": Row(
        ATTENDANCE_TAKERS, kwargs={"test_id": "test", "resident_id": "participant"}
    ),
    # Self check-in behind the session's QR code: no log-in, no personal data on the page.
    "programs:checkin": Row(PUBLIC, kwargs={"token": "checkin_token"}),
    "set_language": Row(PUBLIC, method="post", ok_status=302, data={"language": "en"}),
    "healthz": Row(PUBLIC),
}

# The API has its own test (tests in sigap/api/tests); its URLs are listed here so that the
# completeness check knows them.
API_NAMESPACE = "api"


def _url_names(patterns, prefix="") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _url_names(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(prefix + pattern.name)
    return names


def test_every_url_has_a_row_in_the_matrix():
    names = {n for n in _url_names(get_resolver().url_patterns) if not n.startswith("api:")}
    missing = names - set(MATRIX)
    assert not missing, f"add these URLs to the access matrix: {sorted(missing)}"
    stale = set(MATRIX) - names
    assert not stale, f"these matrix rows name no URL: {sorted(stale)}"


def test_the_matrix_agrees_with_the_role_table():
    """The rows for capability-guarded pages match what ROLE_TABLE grants."""
    holders = {
        cap: {r for r, spec in ROLE_TABLE.items() if cap in spec.capabilities} for cap in Cap
    }
    assert holders[Cap.MANAGE_USERS] == MATRIX["accounts:user_list"].allowed
    assert holders[Cap.VIEW_AUDIT] == MATRIX["core:audit_log"].allowed
    assert holders[Cap.MANAGE_API_TOKENS] == MATRIX["accounts:token_list"].allowed
    assert holders[Cap.MANAGE_VILLAGE] == MATRIX["core:dusun_create"].allowed
    assert holders[Cap.VIEW_REGISTRY] == REGISTRY_READERS
    assert holders[Cap.EXPORT_REGISTRY] == MATRIX["registry:resident_export"].allowed
    assert holders[Cap.IMPORT_REGISTRY] == MATRIX["registry:import_start"].allowed
    assert holders[Cap.EDIT_REGISTRY] | holders[Cap.EDIT_REGISTRY_OWN_DUSUN] == REGISTRY_WRITERS
    assert holders[Cap.VIEW_VILLAGE] | holders[Cap.MANAGE_VILLAGE] == (
        MATRIX["core:territory"].allowed
    )
    assert holders[Cap.VIEW_PARTNERS] == MATRIX["partners:organisation_list"].allowed
    assert holders[Cap.VIEW_PARTNERS] == MATRIX["partners:organisation_detail"].allowed
    assert holders[Cap.MANAGE_PARTNERS] == MATRIX["partners:organisation_create"].allowed
    assert holders[Cap.MANAGE_PARTNERS] == MATRIX["partners:staff_add"].allowed
    assert holders[Cap.WORK_CASES] == MATRIX["cases:case_list"].allowed
    assert holders[Cap.SUPERVISE_CASES] == MATRIX["cases:case_export"].allowed
    assert holders[Cap.SUPERVISE_CASES] == MATRIX["cases:case_team"].allowed
    assert holders[Cap.RECEIVE_REFERRALS] == MATRIX["cases:referral_inbox"].allowed
    assert holders[Cap.MANAGE_COOPERATIVE] == MATRIX["economy:member_detail"].allowed
    assert holders[Cap.MANAGE_GROUPS] == MATRIX["enterprise:group_detail"].allowed
    assert holders[Cap.PLAN_OUTREACH] == MATRIX["enterprise:unreached"].allowed
    assert holders[Cap.MANAGE_PROGRAMS] == MATRIX["programs:programme_detail"].allowed
    assert holders[Cap.TAKE_ATTENDANCE] == MATRIX["programs:session_detail"].allowed
    assert holders[Cap.VIEW_AGGREGATES] | holders[Cap.MANAGE_PROGRAMS] == (
        MATRIX["programs:analytics"].allowed
    )


def _object_pk(name: str, personas, token) -> int:
    """URL and form values in the matrix name an object: a persona, a token, a dusun, an RW, or
    a household or resident (in the Kader's dusun)."""
    if name == "token":
        return token.pk
    if name == "batch":
        return ImportBatch.objects.get().pk
    if name in {"household", "resident"}:
        person = Resident.objects.filter(dusun=personas["kader"].dusun).order_by("pk").first()
        return person.pk if name == "resident" else person.household_id
    if name == "dusun":
        return personas["kader"].dusun.pk
    if name == "rw":
        return personas["kader"].dusun.rw_set.first().pk
    if name in PARTNER_OBJECTS:
        return PARTNER_OBJECTS[name]().pk
    if name in CASE_OBJECTS:
        return CASE_OBJECTS[name](personas).pk
    if name == "member":
        return Member.objects.get().pk
    if name in LOAN_OBJECTS:
        return LOAN_OBJECTS[name]().pk
    if name == "closed_year":
        return YearEnd.objects.get().year
    if name == "entry":
        return JournalEntry.objects.filter(memo__startswith="Setoran").get().pk
    if name in ENTERPRISE_OBJECTS:
        return ENTERPRISE_OBJECTS[name](personas).pk
    if name == "checkin_token":
        return Session.objects.get().checkin_token
    if name in PROGRAMME_OBJECTS:
        return PROGRAMME_OBJECTS[name]().pk
    return personas[name].pk


# The service directory's records (made by the ``token`` fixture): one of each.
PARTNER_OBJECTS = {
    "organisation": lambda: Organisation.objects.get(),
    "service": lambda: Service.objects.get(),
    "contact": lambda: ContactPoint.objects.get(),
    "staff": lambda: Staff.objects.get(),
    "free_mitra": lambda: User.objects.get(username="indra"),  # a Mitra user with no organisation
}

# The case's records (made by the ``token`` fixture).
CASE_OBJECTS = {
    "case": lambda personas: Case.objects.get(),
    "consent": lambda personas: Consent.objects.get(purpose="layanan"),
    "goal": lambda personas: Goal.objects.get(),
    "plan_action": lambda personas: PlanAction.objects.get(),
    "referral": lambda personas: Referral.objects.get(),
    "case_worker": lambda personas: personas["pendamping"],
    "second_worker": lambda personas: User.objects.get(username="joko"),
}

# The cooperative's loans (made by the ``token`` fixture), one in each state that has a page.
LOAN_OBJECTS = {
    "loan_applied": lambda: Loan.objects.get(status=Loan.Status.APPLIED),
    "loan_approved": lambda: Loan.objects.get(status=Loan.Status.APPROVED),
    "loan_active": lambda: Loan.objects.get(status=Loan.Status.ACTIVE),
    "repayment": lambda: Repayment.objects.get(),
}

# The entrepreneurship group's records (made by ``_enterprise_records``).
ENTERPRISE_OBJECTS = {
    "group": lambda personas: Group.objects.get(),
    "group_member": lambda personas: GroupMember.objects.get(),
    "household_income": lambda personas: HouseholdIncome.objects.get(),
    "monthly_figure": lambda personas: MonthlyFigure.objects.get(),
    "group_facilitator": lambda personas: personas["koordinator"],
}

# The programme's records (made by ``_programme_records``).
PROGRAMME_OBJECTS = {
    "programme": lambda: Programme.objects.get(),
    "session": lambda: Session.objects.get(),
    "invitation": lambda: Invitation.objects.get(),
    "question": lambda: Question.objects.get(),
    "test": lambda: KnowledgeTest.objects.get(),
    "participant": lambda: Attendance.objects.get().resident,
}

OBJECT_NAMES = {
    "dusun",
    "rw",
    "household",
    "resident",
    *PARTNER_OBJECTS,
    *CASE_OBJECTS,
    *LOAN_OBJECTS,
    *ENTERPRISE_OBJECTS,
    *PROGRAMME_OBJECTS,
}


def _resolve_kwargs(row: Row, personas, token) -> dict:
    return {key: _object_pk(value, personas, token) for key, value in row.kwargs.items()}


@pytest.fixture
def token(admin, personas):
    """The records the matrix's URLs point at: a family in the Kader's dusun, an import batch,
    an organisation with a service, a contact and a Mitra staff member (and a second Mitra user
    with no organisation), and (returned) an API token."""
    family(admin, personas["kader"].dusun)
    organisation = partner_services.organisation_create(
        actor=admin,
        data=partner_services.OrganisationData(name="UPTD PPA Uji", kind="uptd_ppa"),
    )
    partner_services.service_add(
        actor=admin, organisation=organisation, area="psikososial", name="Konseling"
    )
    partner_services.contact_add(
        actor=admin, organisation=organisation, name="Meja pengaduan", phone="0370-555-0100"
    )
    user_create(
        actor=admin, username="indra", full_name="Indra", password=PASSWORD, roles=["mitra"]
    )
    partner_services.staff_add(actor=admin, organisation=organisation, user=personas["mitra"])
    _case_records(personas, organisation)
    _cooperative_records(personas)
    _enterprise_records(personas)
    _programme_records(personas, organisation)
    ImportBatch.objects.create(
        created_by=admin,
        village=personas["kader"].dusun.village,
        file_name="x.csv",
        content=b"",
        status=ImportBatch.Status.FAILED,
    )
    issued, _raw = api_token_issue(actor=admin, user=personas["pendamping"], name="uji")
    return issued


def _case_records(personas, organisation) -> None:
    """A case for the daughter of the matrix's family, with consent, a plan and a referral."""
    worker, boss = personas["pendamping"], personas["koordinator"]
    user_create(
        actor=personas["admin_desa"],
        username="joko",
        full_name="Joko Pendamping",
        password=PASSWORD,
        roles=["pendamping"],
    )
    resident = Resident.objects.filter(dusun=personas["kader"].dusun).order_by("pk").last()
    case = case_services.case_open(
        actor=worker,
        resident=resident,
        case_type="korban",
        intake_source="laporan",
        risk_level="tinggi",
        supervisor=boss,
        opened_on=date(2026, 1, 5),
    )
    for purpose in ("layanan", "rujukan"):
        case_services.consent_record(
            actor=worker,
            case=case,
            purpose=purpose,
            given=True,
            method="tanda_tangan",
            given_by="Orangnya sendiri",
            recorded_on=date(2026, 1, 5),
        )
    case.refresh_from_db()
    goal = case_services.goal_add(actor=worker, case=case, area="hukum", description="LBH")
    case_services.plan_action_add(
        actor=worker, goal=goal, description="Antar", owner=worker, due_on=date(2026, 2, 1)
    )
    case_services.referral_send(
        actor=worker, case=case, organisation=organisation, area="psikososial", reason="Konseling"
    )


def _cooperative_records(personas) -> None:
    """A cooperative whose member (the family's mother) has saved 20,000 sukarela and has three
    loans: one applied for by a second Pengurus (so the persona may decide it), one approved and
    one disbursed with a repayment."""
    actor = personas["pengurus_koperasi"]
    coop = economy_services.cooperative_create(
        actor=actor,
        village=personas["kader"].dusun.village,
        name="Koperasi Uji",
        simpanan_pokok=50_000,
        simpanan_wajib=10_000,
    )
    mother = Resident.objects.filter(dusun=personas["kader"].dusun, sex="P").order_by("pk").first()
    member = economy_services.member_join(
        actor=actor, cooperative=coop, resident=mother, joined_on=date(2026, 1, 5)
    )
    economy_services.savings_deposit(
        actor=actor, member=member, kind="sukarela", amount=20_000, on=date(2026, 1, 6)
    )
    second = user_create(
        actor=personas["admin_desa"],
        username="wulan",
        full_name="Wulan Bendahara",
        password=PASSWORD,
        roles=[Role.PENGURUS_KOPERASI.value],
    )
    product = economy_services.product_create(
        actor=actor,
        cooperative=coop,
        name="Pinjaman usaha",
        method="flat",
        frequency="bulanan",
        monthly_rate=Decimal("1.5"),
        grace_periods=0,
        rounding=1000,
        fee_per_instalment=0,
        max_principal=5_000_000,
        max_periods=12,
    )
    # Capital in the till before any loan is paid out (cash never goes below zero).
    economy_services.cash_entry(
        actor=actor,
        cooperative=coop,
        kind="modal",
        amount=5_000_000,
        memo="Penyertaan Dana Desa",
        on=date(2025, 12, 1),
    )
    loans = [
        economy_services.loan_apply(
            actor=second,
            member=member,
            product=product,
            principal=1_200_000,
            periods=12,
            purpose="Modal warung",
            on=date(2026, 1, 8),
        )
        for _ in range(3)
    ]
    for loan in loans[1:]:
        economy_services.loan_decide(actor=actor, loan=loan, approve=True, on=date(2026, 1, 8))
    active = economy_services.loan_disburse(actor=actor, loan=loans[2], on=date(2026, 1, 10))
    economy_services.repayment_record(actor=actor, loan=active, amount=50_000, on=date(2026, 2, 10))
    # A closed year (2025) for the year-end pages.
    economy_services.year_end_close(
        actor=actor, cooperative=coop, year=2025, percentages=SHU_DEFAULT_PERCENTAGES
    )


def _enterprise_records(personas) -> None:
    """A group facilitated by the Koordinator persona with the family's mother as its chair (her
    household's income before joining recorded), January's figures, a grant and a visit."""
    actor = personas["koordinator"]
    group = enterprise_services.group_create(
        actor=actor,
        village=personas["kader"].dusun.village,
        name="KUBE Uji",
        kind="kube",
        sector="makanan",
        started_on=date(2026, 1, 2),
        facilitator=actor,
    )
    mother = Resident.objects.filter(dusun=personas["kader"].dusun, sex="P").order_by("pk").first()
    enterprise_services.group_member_add(
        actor=actor,
        group=group,
        resident=mother,
        joined_on=date(2026, 1, 5),
        position="ketua",
        income_before=1,
    )
    enterprise_services.funding_add(
        actor=actor,
        group=group,
        source="baznas",
        kind="hibah",
        amount=3_000_000,
        received_on=date(2026, 1, 10),
    )
    enterprise_services.monthly_figure_record(
        actor=actor, group=group, month=date(2026, 1, 1), turnover=900_000, profit=150_000
    )
    enterprise_services.visit_record(
        actor=actor, group=group, visited_on=date(2026, 1, 20), notes="Mulai mencatat omzet."
    )


def _programme_records(personas, organisation) -> None:
    """A legal-outreach programme organised by the matrix's organisation, one past session, the
    family's mother invited and present (so she completed it), a true/false question and a
    pre-test asking it."""
    actor = personas["koordinator"]
    programme = programme_services.programme_create(
        actor=actor,
        village=personas["kader"].dusun.village,
        title="Penyuluhan UU TPPO",
        kind="penyuluhan_hukum",
        topic="uu_tppo",
        organiser=organisation,
        target_group="Warga dewasa",
        funding_source="dana_desa",
        starts_on=date(2026, 1, 5),
        coordinator=actor,
    )
    session = programme_services.session_create(
        actor=actor,
        programme=programme,
        day=date(2026, 1, 10),
        start_time=time(9),
        end_time=time(11),
        place="Aula kantor desa",
        topic="Mengenali modus perekrutan",
        guest_facilitator="LBH Uji",
    )
    mother = Resident.objects.filter(dusun=personas["kader"].dusun, sex="P").order_by("pk").first()
    programme_services.invite(actor=actor, programme=programme, resident_ids=[mother.pk])
    programme_services.attendance_mark(actor=actor, session=session, resident=mother)
    question = programme_services.question_create(
        actor=actor,
        topic="uu_tppo",
        kind="benar_salah",
        text="Perekrutan dengan penipuan termasuk TPPO.",
        options=[],
        correct=0,
    )
    programme_services.test_create(
        actor=actor,
        programme=programme,
        kind="pre",
        given_on=date(2026, 1, 10),
        questions=[question],
    )


def _call(client, row: Row, url: str, personas=None, token=None):
    if row.method == "post":
        data = {
            key: _object_pk(value, personas, token) if value in OBJECT_NAMES else value
            for key, value in row.data.items()
        }
        return client.post(url, data)
    return client.get(url)


CASES = [
    (name, who) for name in MATRIX for who in [*(role.value for role in Role), "outsider", "anon"]
]


@pytest.mark.parametrize(("url_name", "who"), CASES)
def test_access(url_name, who, personas, token, client):
    row = MATRIX[url_name]
    url = reverse(url_name, kwargs=_resolve_kwargs(row, personas, token))
    if who == "anon":
        response = _call(client, row, url, personas, token)
        if row.allowed == PUBLIC:
            assert response.status_code == row.ok_status, response.content[:300]
        else:
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("accounts:login"))
        return
    user = personas[who]
    allowed = (
        row.allowed == PUBLIC
        or (who == "outsider" and row.outsider_allowed)
        or (who != "outsider" and Role(who) in row.allowed)
    )
    response = _call(login_client(user), row, url, personas, token)
    if allowed:
        expected = row.logged_in_status or row.ok_status
        assert response.status_code == expected, response.content[:300]
    else:
        assert response.status_code == 404


def test_post_only_views_refuse_get_for_allowed_users(personas, token):
    client = login_client(personas["admin_desa"])
    for name, row in MATRIX.items():
        if row.method == "post" and row.allowed == ADMIN:
            url = reverse(name, kwargs=_resolve_kwargs(row, personas, token))
            assert client.get(url).status_code == 405, name
