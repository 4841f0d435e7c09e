"""Case services: the workflow with its approvals, consent, referrals, sessions and the plan,
against the real database."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from sigap.cases import services
from sigap.cases.models import Assessment, Case, CaseStep, CaseWorker, Referral, Session
from sigap.cases.tests.conftest import consent_all

pytestmark = pytest.mark.django_db


def _assess(case, actor):
    services.case_transition(actor=actor, case=case, action="mulai_asesmen")
    services.assessment_save(
        actor=actor,
        case=case,
        assessed_on=case.opened_on,
        recruitment_method="tawaran_kerja",
        recruitment_channels=["facebook", "calo"],
        means_of_control={"tahan_dokumen": "ya", "ancaman": "tidak_tahu"},
        exploitation=["kerja_paksa"],
        labour_sector="rumah_tangga",
        needs={"hukum": "ya", "psikososial": "menolak"},
        narrative="Cerita lengkapnya.",
    )


def test_the_workflow_needs_the_koordinator_for_assessment_plan_and_closure(case, personas):
    worker, boss = personas["pendamping"], personas["koordinator"]
    _assess(case, worker)
    services.case_transition(actor=worker, case=case, action="ajukan_asesmen")
    with pytest.raises(ValidationError, match="koordinator"):
        services.case_transition(actor=worker, case=case, action="setujui")
    services.case_transition(actor=boss, case=case, action="setujui")
    case.refresh_from_db()
    assert (case.stage, case.pending) == ("rencana", "")
    with pytest.raises(ValidationError, match="tujuan"):
        services.case_transition(actor=worker, case=case, action="ajukan_rencana")
    goal = services.goal_add(actor=worker, case=case, area="hukum", description="Dapat LBH")
    services.plan_action_add(
        actor=worker, goal=goal, description="Antar ke LBH", owner=worker, due_on=case.opened_on
    )
    services.case_transition(actor=worker, case=case, action="ajukan_rencana")
    services.case_transition(actor=boss, case=case, action="setujui")
    services.case_transition(actor=worker, case=case, action="mulai_pemantauan")
    with pytest.raises(ValidationError) as error:
        services.case_transition(actor=worker, case=case, action="ajukan_penutupan")
    assert "note" in error.value.message_dict  # a closure says why
    services.case_transition(
        actor=worker, case=case, action="ajukan_penutupan", note="Sudah bekerja di desa."
    )
    services.case_transition(actor=boss, case=case, action="setujui")
    case.refresh_from_db()
    assert case.stage == "ditutup" and case.closed_on is not None
    assert list(case.steps.values_list("action", flat=True).order_by("pk")) == [
        "buka",
        "mulai_asesmen",
        "ajukan_asesmen",
        "setujui",
        "ajukan_rencana",
        "setujui",
        "mulai_pemantauan",
        "ajukan_penutupan",
        "setujui",
    ]
    # A closed case is read-only until it is reopened (with a reason).
    with pytest.raises(ValidationError, match="ditutup"):
        services.goal_add(actor=worker, case=case, area="hukum", description="x")
    services.case_transition(actor=worker, case=case, action="buka_kembali", note="Datang lagi.")
    case.refresh_from_db()
    assert case.stage == "asesmen" and case.closed_on is None


def test_the_koordinator_returns_a_submission_with_a_note(case, personas):
    worker, boss = personas["pendamping"], personas["koordinator"]
    _assess(case, worker)
    services.case_transition(actor=worker, case=case, action="ajukan_asesmen")
    with pytest.raises(ValidationError):
        services.case_transition(actor=boss, case=case, action="kembalikan", note="")
    services.case_transition(
        actor=boss, case=case, action="kembalikan", note="Lengkapi kebutuhan hukumnya."
    )
    case.refresh_from_db()
    assert (case.stage, case.pending) == ("asesmen", "")
    step = case.steps.first()
    assert step.action == "kembalikan" and step.note == "Lengkapi kebutuhan hukumnya."


def test_people_off_the_team_cannot_move_the_case(case, personas, other_pendamping):
    for outsider in (other_pendamping, personas["admin_desa"], personas["kader"]):
        with pytest.raises(PermissionDenied):
            services.case_transition(actor=outsider, case=case, action="mulai_asesmen")


def test_the_assessment_is_locked_once_submitted(case, personas):
    worker = personas["pendamping"]
    _assess(case, worker)
    services.case_transition(actor=worker, case=case, action="ajukan_asesmen")
    with pytest.raises(ValidationError, match="sebelum diajukan"):
        services.assessment_save(actor=worker, case=case, assessed_on=case.opened_on)


def test_assessment_answers_allow_unknown_and_declined_but_nothing_else(case, personas):
    worker = personas["pendamping"]
    services.case_transition(actor=worker, case=case, action="mulai_asesmen")
    with pytest.raises(ValidationError) as error:
        services.assessment_save(
            actor=worker,
            case=case,
            assessed_on=case.opened_on,
            means_of_control={"tahan_dokumen": "mungkin"},
        )
    assert "means_of_control" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.assessment_save(
            actor=worker, case=case, assessed_on=case.opened_on, recruitment_channels=["merpati"]
        )
    assert not Assessment.objects.exists()


# Consent -----------------------------------------------------------------------------------------


def test_referral_is_refused_without_consent(case, personas, uptd):
    with pytest.raises(ValidationError) as error:
        services.referral_send(
            actor=personas["pendamping"],
            case=case,
            organisation=uptd,
            area="psikososial",
            reason="Butuh konseling",
        )
    assert "override_reason" in error.value.message_dict
    assert not Referral.objects.exists()


def test_only_the_koordinator_overrides_and_the_reason_is_logged(case, personas, uptd):
    with pytest.raises(ValidationError, match="koordinator"):
        services.referral_send(
            actor=personas["pendamping"],
            case=case,
            organisation=uptd,
            area="psikososial",
            reason="Butuh konseling",
            override_reason="Keadaan darurat, nyawa terancam.",
        )
    referral = services.referral_send(
        actor=personas["koordinator"],
        case=case,
        organisation=uptd,
        area="psikososial",
        reason="Butuh konseling",
        override_reason="Keadaan darurat, nyawa terancam.",
    )
    assert referral.consent_override == "Keadaan darurat, nyawa terancam."
    step = CaseStep.objects.get(case=case, action="rujuk_tanpa_persetujuan")
    assert step.actor == personas["koordinator"] and "darurat" in step.note


def test_withdrawn_consent_is_honoured_from_then_on(case, personas, uptd):
    worker = personas["pendamping"]
    consent_all(case, worker, "rujukan")
    first = services.referral_send(
        actor=worker, case=case, organisation=uptd, area="psikososial", reason="Konseling"
    )
    consent = case.consents.get(purpose="rujukan")
    services.consent_withdraw(actor=worker, consent=consent)
    case.refresh_from_db()
    assert not case.consent_referral
    with pytest.raises(ValidationError):
        services.referral_send(
            actor=worker, case=case, organisation=uptd, area="psikososial", reason="Lagi"
        )
    assert Referral.objects.get() == first  # what was sent before stays on record


def test_consent_rules(case, personas):
    worker = personas["pendamping"]
    with pytest.raises(ValidationError) as error:
        services.consent_record(
            actor=worker,
            case=case,
            purpose="layanan",
            given=True,
            method="lisan_saksi",
            given_by="Ibunya",
        )
    assert "witness" in error.value.message_dict
    # The newest answer is the one in force: a later "no" replaces an earlier "yes".
    consent_all(case, worker, "pelaporan")
    services.consent_record(
        actor=worker,
        case=case,
        purpose="pelaporan",
        given=False,
        method="tanda_tangan",
        given_by="Orangnya sendiri",
    )
    case.refresh_from_db()
    assert not case.consent_reporting


def test_transfer_needs_consent_or_a_koordinator_reason(case, personas, other_pendamping):
    boss, worker = personas["koordinator"], personas["pendamping"]
    with pytest.raises(ValidationError):
        services.case_transfer(actor=boss, case=case, from_user=worker, to_user=other_pendamping)
    assert CaseWorker.objects.filter(case=case, ended_at__isnull=True).get().user == worker
    services.case_transfer(
        actor=boss,
        case=case,
        from_user=worker,
        to_user=other_pendamping,
        override_reason="Pendamping lama cuti melahirkan.",
    )
    active = CaseWorker.objects.filter(case=case, ended_at__isnull=True)
    assert [w.user for w in active] == [other_pendamping]
    with pytest.raises(PermissionDenied):  # the old Pendamping is off the team now
        services.goal_add(actor=worker, case=case, area="hukum", description="x")


# Referrals ---------------------------------------------------------------------------------------


def test_the_referral_lifecycle_by_the_mitra(case, personas, uptd):
    worker, mitra = personas["pendamping"], personas["mitra"]
    consent_all(case, worker)
    referral = services.referral_send(
        actor=worker, case=case, organisation=uptd, area="psikososial", reason="Konseling"
    )
    # The team cannot answer for an organisation that has its own users.
    with pytest.raises(PermissionDenied):
        services.referral_respond(actor=worker, referral=referral, accept=True)
    with pytest.raises(ValidationError):
        services.referral_complete(actor=mitra, referral=referral, outcome="x")
    services.referral_respond(actor=mitra, referral=referral, accept=True)
    services.referral_complete(actor=mitra, referral=referral, outcome="Tiga sesi konseling.")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.COMPLETED
    assert referral.days_to_service == 0


def test_declining_needs_a_reason_and_the_team_answers_for_offline_organisations(
    case, personas, lbh
):
    worker = personas["pendamping"]
    consent_all(case, worker)
    referral = services.referral_send(
        actor=worker, case=case, organisation=lbh, area="hukum", reason="Pendampingan hukum"
    )
    with pytest.raises(ValidationError):
        services.referral_respond(actor=worker, referral=referral, accept=False, reason="")
    services.referral_respond(
        actor=worker, referral=referral, accept=False, reason="Penuh bulan ini, coba Desember."
    )
    referral.refresh_from_db()
    assert referral.status == Referral.Status.DECLINED
    with pytest.raises(ValidationError):
        services.referral_revoke(actor=worker, referral=referral, reason="Sudah tidak perlu.")


def test_a_mitra_of_another_organisation_cannot_answer(case, personas, lbh, uptd):
    consent_all(case, personas["pendamping"])
    referral = services.referral_send(
        actor=personas["pendamping"], case=case, organisation=lbh, area="hukum", reason="x"
    )
    with pytest.raises(PermissionDenied):
        services.referral_respond(actor=personas["mitra"], referral=referral, accept=True)


# Sessions and confidentiality --------------------------------------------------------------------


def test_sessions_score_who5_and_refuse_half_answers(case, personas):
    worker = personas["pendamping"]
    with pytest.raises(ValidationError, match="persetujuan menerima layanan"):
        services.session_record(
            actor=worker, case=case, held_on=case.opened_on, place="Rumah", kind="individu"
        )
    consent_all(case, worker, "layanan")
    session = services.session_record(
        actor=worker,
        case=case,
        held_on=case.opened_on,
        place="Rumah",
        kind="individu",
        wellbeing_answers=[2, 3, 2, 3, 2],
        notes="Masih takut keluar rumah.",
    )
    assert session.wellbeing_score == 48
    with pytest.raises(ValidationError) as error:
        services.session_record(
            actor=worker,
            case=case,
            held_on=case.opened_on,
            place="Rumah",
            kind="individu",
            wellbeing_answers=[2, 3, -1, 3, 2],
        )
    assert "wellbeing_answers" in error.value.message_dict
    assert Session.objects.count() == 1


def test_notes_and_narratives_are_ciphertext_in_the_database(case, personas, uptd):
    worker = personas["pendamping"]
    _assess(case, worker)
    consent_all(case, worker)
    services.session_record(
        actor=worker,
        case=case,
        held_on=case.opened_on,
        place="Rumah",
        kind="individu",
        notes="Rahasia sesi: takut pada sponsor.",
    )
    services.referral_send(
        actor=worker, case=case, organisation=uptd, area="psikososial", reason="Alasan rahasia"
    )
    checks = [
        ("cases_session", "notes", "Rahasia sesi"),
        ("cases_case", "summary", "Facebook"),
        ("cases_assessment", "narrative", "Cerita lengkapnya"),
        ("cases_referral", "reason", "Alasan rahasia"),
        ("cases_consent", "given_by", "Orangnya sendiri"),
    ]
    with connection.cursor() as cursor:
        for table, column, plain in checks:
            cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608 (fixed names)
            stored = cursor.fetchone()[0]
            assert plain not in stored and stored.startswith("gAAAA"), table
    assert Session.objects.get().notes == "Rahasia sesi: takut pada sponsor."


def test_opening_needs_a_koordinator_and_someone_who_may_see_the_person(personas, people):
    with pytest.raises(ValidationError) as error:
        services.case_open(
            actor=personas["pendamping"],
            resident=people[1],
            case_type="korban",
            intake_source="laporan",
            risk_level="tinggi",
            supervisor=personas["kader"],
        )
    assert "supervisor" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.case_open(
            actor=personas["kader"],
            resident=people[1],
            case_type="korban",
            intake_source="laporan",
            risk_level="tinggi",
            supervisor=personas["koordinator"],
        )
    assert not Case.objects.exists()


def test_the_caseload_summary_counts(case, personas, uptd):
    from datetime import timedelta

    from django.utils import timezone

    from sigap.cases import selectors

    worker, boss = personas["pendamping"], personas["koordinator"]
    _assess(case, worker)
    services.case_transition(actor=worker, case=case, action="ajukan_asesmen")
    goal = services.goal_add(actor=worker, case=case, area="hukum", description="LBH")
    today = timezone.localdate()
    for days in (-3, 2, 30):
        services.plan_action_add(
            actor=worker, goal=goal, description="x", owner=worker, due_on=today + timedelta(days)
        )
    consent_all(case, worker)
    services.referral_send(actor=worker, case=case, organisation=uptd, area="hukum", reason="x")
    Case.objects.filter(pk=case.pk).update(stage_since=timezone.now() - timedelta(days=4))
    mine = selectors.caseload_summary(user=worker, today=today)
    theirs = selectors.caseload_summary(user=boss, today=today)
    assert (mine["open_total"], theirs["open_total"]) == (1, 1)
    assert dict((v, n) for v, _label, n in mine["by_stage"])["asesmen"] == 1
    assert (mine["awaiting_approval"], mine["awaiting_my_submissions"]) == (0, 1)
    assert (theirs["awaiting_approval"], theirs["awaiting_my_submissions"]) == (1, 0)
    assert mine["overdue_cases"] == 1  # a submission waiting more than three days
    # One case, with an action overdue (its nearest due date is in the past).
    assert (mine["cases_actions_overdue"], mine["cases_actions_due"]) == (1, 0)
    assert mine["referrals_waiting"] == 1
    case.refresh_from_db()
    assert case.next_action_due == today - timedelta(days=3) and case.referrals_waiting == 1
    done = case.plan_actions.get(due_on=today - timedelta(days=3))
    services.plan_action_set_status(actor=worker, action=done, status="selesai")
    case.refresh_from_db()
    assert case.next_action_due == today + timedelta(days=2)
    assert selectors.caseload_summary(user=worker, today=today)["cases_actions_due"] == 1


def test_withdrawing_referral_consent_stops_the_referrals_not_yet_answered(case, personas, uptd):
    worker, mitra = personas["pendamping"], personas["mitra"]
    consent_all(case, worker, "rujukan")
    referral = services.referral_send(
        actor=worker, case=case, organisation=uptd, area="psikososial", reason="Konseling"
    )
    services.consent_withdraw(actor=worker, consent=case.consents.get(purpose="rujukan"))
    referral.refresh_from_db()
    assert referral.status == Referral.Status.REVOKED
    with pytest.raises(ValidationError):
        services.referral_respond(actor=mitra, referral=referral, accept=True)


def test_adding_a_pendamping_shares_the_case_and_needs_consent(case, personas, other_pendamping):
    boss = personas["koordinator"]
    with pytest.raises(ValidationError) as error:
        services.worker_add(actor=boss, case=case, user=other_pendamping)
    assert "override_reason" in error.value.message_dict
    services.worker_add(
        actor=boss, case=case, user=other_pendamping, override_reason="Pendamping utama sakit."
    )
    assert case.steps.first().action == "tambah_pendamping_tanpa_persetujuan"


def test_nobody_approves_their_own_submission(case, personas):
    boss = personas["koordinator"]
    services.case_transition(actor=boss, case=case, action="mulai_asesmen")
    services.assessment_save(actor=boss, case=case, assessed_on=case.opened_on)
    services.case_transition(actor=boss, case=case, action="ajukan_asesmen")
    with pytest.raises(ValidationError, match="orang lain"):
        services.case_transition(actor=boss, case=case, action="setujui")


def test_the_plan_is_frozen_while_it_waits_for_approval(case, personas):
    worker, boss = personas["pendamping"], personas["koordinator"]
    _assess(case, worker)
    services.case_transition(actor=worker, case=case, action="ajukan_asesmen")
    services.case_transition(actor=boss, case=case, action="setujui")
    goal = services.goal_add(actor=worker, case=case, area="hukum", description="LBH")
    action = services.plan_action_add(
        actor=worker, goal=goal, description="Antar", owner=worker, due_on=case.opened_on
    )
    services.case_transition(actor=worker, case=case, action="ajukan_rencana")
    with pytest.raises(ValidationError, match="menunggu persetujuan"):
        services.plan_action_set_status(actor=worker, action=action, status="batal")
    with pytest.raises(ValidationError, match="menunggu persetujuan"):
        services.goal_add(actor=worker, case=case, area="hukum", description="Lain")


def test_plan_owners_and_facilitators_come_from_the_team(case, personas, other_pendamping):
    worker = personas["pendamping"]
    goal = services.goal_add(actor=worker, case=case, area="hukum", description="LBH")
    with pytest.raises(ValidationError) as error:
        services.plan_action_add(
            actor=worker, goal=goal, description="x", owner=other_pendamping, due_on=case.opened_on
        )
    assert "owner" in error.value.message_dict
