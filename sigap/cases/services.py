"""Every write to a case: opening, the team, the workflow, consent, assessment, sessions, the
plan and referrals. Each checks the actor's part in the case (``rules``) and refuses with a
message that names the field and the rule; nothing is half-written (each is one transaction).
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sigap.cases import rules, vocabulary, wellbeing, workflow
from sigap.cases.models import (
    Assessment,
    BreakGlass,
    Case,
    CaseStep,
    CaseWorker,
    Consent,
    Goal,
    PlanAction,
    Referral,
    Session,
    TraffickingEvent,
)
from sigap.core import audit
from sigap.core.roles import Cap
from sigap.partners.models import NeedArea, Organisation, Service
from sigap.registry.models import Resident
from sigap.registry.rules import can_view_dusun

BREAK_GLASS_HOURS = 1
MIN_REASON = 10  # characters: a reason that someone else can understand later


def _require_team(actor, case: Case) -> None:
    if not rules.on_team(actor, case):
        raise PermissionDenied


def _require_open(case: Case) -> None:
    if not case.is_open:
        raise ValidationError(_("Kasus sudah ditutup; buka kembali kasus ini untuk mengubahnya."))


def _reason(value: str, field: str, label: str) -> str:
    value = (value or "").strip()
    if len(value) < MIN_REASON:
        raise ValidationError(
            {
                field: _("%(label)s wajib diisi, paling sedikit %(n)s karakter.")
                % {"label": label, "n": MIN_REASON}
            }
        )
    return value


def _not_future(value: date | None, field: str, today: date) -> None:
    if value and value > today:
        raise ValidationError({field: _("Tanggal tidak boleh di masa depan.")})


def _check_worker(user, field: str = "workers") -> None:
    if not user.is_active or not user.can(Cap.WORK_CASES):
        raise ValidationError(
            {
                field: _("%(name)s tidak memiliki peran Pendamping atau Koordinator.")
                % {"name": user}
            }
        )


def _check_supervisor(user) -> None:
    if user is None or not user.is_active or not user.can(Cap.SUPERVISE_CASES):
        raise ValidationError(
            {"supervisor": _("Penyelia kasus harus pengguna dengan peran Koordinator.")}
        )


# Opening and the basic facts ---------------------------------------------------------------------


@transaction.atomic
def case_open(
    *,
    actor,
    resident: Resident,
    case_type: str,
    intake_source: str,
    risk_level: str,
    supervisor=None,
    workers=(),
    summary: str = "",
    opened_on: date | None = None,
) -> Case:
    """Open a case for a resident. The actor joins the team: as supervisor if they are a
    Koordinator and none is named, otherwise as a Pendamping."""
    if not actor.can(Cap.WORK_CASES) or not can_view_dusun(actor, resident.dusun):
        raise PermissionDenied
    today = timezone.localdate()
    opened_on = opened_on or today
    _not_future(opened_on, "opened_on", today)
    if case_type not in vocabulary.CaseType.values:
        raise ValidationError({"case_type": _("Pilih jenis kasus dari daftar.")})
    if intake_source not in vocabulary.IntakeSource.values:
        raise ValidationError({"intake_source": _("Pilih asal kasus dari daftar.")})
    if risk_level not in vocabulary.RiskLevel.values:
        raise ValidationError({"risk_level": _("Pilih tingkat risiko dari daftar.")})
    if supervisor is None and actor.can(Cap.SUPERVISE_CASES):
        supervisor = actor
    _check_supervisor(supervisor)
    team = list(workers)
    if actor != supervisor and actor not in team:
        team.append(actor)
    if not team:
        raise ValidationError({"workers": _("Tugaskan paling sedikit satu pendamping.")})
    for user in team:
        _check_worker(user)
    case = Case.objects.create(
        resident=resident,
        case_type=case_type,
        intake_source=intake_source,
        risk_level=risk_level,
        supervisor=supervisor,
        created_by=actor,
        summary=summary.strip(),
        opened_on=opened_on,
        stage_since=timezone.now(),
    )
    for user in team:
        CaseWorker.objects.create(case=case, user=user, assigned_by=actor)
    CaseStep.objects.create(
        case=case, action="buka", from_stage=case.stage, to_stage=case.stage, actor=actor
    )
    return case


CASE_FIELDS = ("case_type", "risk_level", "trafficking_status", "status_decided_by", "summary")


@transaction.atomic
def case_update(*, actor, case: Case, **changes) -> Case:
    _require_team(actor, case)
    _require_open(case)
    unknown = set(changes) - set(CASE_FIELDS)
    if unknown:
        raise TypeError(f"unknown case fields: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(
            case, name, value.strip() if isinstance(value, str) and name == "summary" else value
        )
    if case.case_type not in vocabulary.CaseType.values:
        raise ValidationError({"case_type": _("Pilih jenis kasus dari daftar.")})
    if case.risk_level not in vocabulary.RiskLevel.values:
        raise ValidationError({"risk_level": _("Pilih tingkat risiko dari daftar.")})
    if case.trafficking_status not in vocabulary.TraffickingStatus.values:
        raise ValidationError({"trafficking_status": _("Pilih status TPPO dari daftar.")})
    if (
        case.trafficking_status != vocabulary.TraffickingStatus.POSSIBLE
        and not case.status_decided_by
    ):
        raise ValidationError(
            {"status_decided_by": _("Sebutkan lembaga yang memutuskan status TPPO ini.")}
        )
    case.save()
    return case


# Counters ----------------------------------------------------------------------------------------


def refresh_counters(case: Case) -> None:
    """Recompute the case's caseload counters from its plan actions and referrals (two indexed
    queries); every service that changes either calls it in the same transaction."""
    case.next_action_due = (
        PlanAction.objects.filter(case=case, status__in=PlanAction.OPEN_STATUSES)
        .order_by("due_on")
        .values_list("due_on", flat=True)
        .first()
    )
    case.referrals_waiting = Referral.objects.filter(case=case, status=Referral.Status.SENT).count()
    Case.objects.filter(pk=case.pk).update(
        next_action_due=case.next_action_due, referrals_waiting=case.referrals_waiting
    )


# The workflow ------------------------------------------------------------------------------------

WORKFLOW_MESSAGES = {
    "not_now": gettext_lazy("Langkah ini tidak dapat dilakukan pada tahap kasus sekarang."),
    "not_yours": gettext_lazy("Langkah ini hanya dapat dilakukan oleh koordinator kasus."),
    "no_assessment": gettext_lazy("Isi asesmen terlebih dahulu sebelum mengajukannya."),
    "no_plan": gettext_lazy("Rencana kasus perlu paling sedikit satu tujuan dengan satu tindakan."),
}
SUBMISSIONS = [
    workflow.Action.SUBMIT_ASSESSMENT.value,
    workflow.Action.SUBMIT_PLAN.value,
    workflow.Action.REQUEST_CLOSURE.value,
]
NEEDS_NOTE = {workflow.Action.RETURN, workflow.Action.REQUEST_CLOSURE, workflow.Action.REOPEN}


def state_of(case: Case) -> workflow.State:
    return workflow.State(workflow.Stage(case.stage), workflow.Pending(case.pending))


def facts_of(case: Case) -> workflow.Facts:
    return workflow.Facts(
        has_assessment=Assessment.objects.filter(case=case).exists(),
        has_plan=PlanAction.objects.filter(case=case)
        .exclude(status=PlanAction.Status.CANCELLED)
        .exists(),
    )


@transaction.atomic
def case_transition(*, actor, case: Case, action: str, note: str = "") -> Case:
    """Take one workflow step. Returning a submission, asking to close and reopening need a
    note that says why."""
    Case.objects.select_for_update().filter(pk=case.pk).first()  # one step at a time
    case.refresh_from_db()
    try:
        step = workflow.Action(action)
    except ValueError:
        raise ValidationError(WORKFLOW_MESSAGES["not_now"]) from None
    worker, supervisor = rules.is_worker(actor, case), rules.is_supervisor(actor, case)
    if not (worker or supervisor):
        raise PermissionDenied
    if step in NEEDS_NOTE:
        note = _reason(note, "note", _("Catatan"))
    if step == workflow.Action.APPROVE:
        submitted = case.steps.filter(action__in=SUBMISSIONS).order_by("-at", "-pk").first()
        if submitted is not None and submitted.actor_id == actor.pk:
            raise ValidationError(
                _(
                    "Pengajuan ini Anda sendiri yang membuat; persetujuannya harus oleh orang "
                    "lain. Serahkan kasus ke koordinator lain bila perlu."
                )
            )
    before = state_of(case)
    try:
        after = workflow.apply(
            before, step, is_worker=worker, is_supervisor=supervisor, facts=facts_of(case)
        )
    except workflow.WorkflowError as exc:
        raise ValidationError(WORKFLOW_MESSAGES[exc.code]) from None
    if after.stage != before.stage or after.pending != before.pending:
        case.stage_since = timezone.now()
    case.stage, case.pending = after.stage.value, after.pending.value
    if after.stage == workflow.Stage.CLOSED:
        case.closed_on = timezone.localdate()
    elif before.stage == workflow.Stage.CLOSED:
        case.closed_on = None
    case.save()
    CaseStep.objects.create(
        case=case,
        action=step.value,
        from_stage=before.stage.value,
        to_stage=after.stage.value,
        pending=after.pending.value,
        actor=actor,
        note=note.strip(),
    )
    return case


# The team ----------------------------------------------------------------------------------------


def _require_supervisor(actor, case: Case) -> None:
    if not rules.is_supervisor(actor, case):
        raise PermissionDenied


@transaction.atomic
def worker_add(*, actor, case: Case, user, override_reason: str = "") -> CaseWorker:
    """Add a Pendamping to the team. Someone new reads the case: that needs the person's consent
    to share (the referral consent), or the Koordinator's logged reason."""
    _require_supervisor(actor, case)
    _require_open(case)
    override = _consent_or_override(case, actor, override_reason, "override_reason", transfer=True)
    assignment = _add_worker(actor, case, user)
    if override:
        _log_override(case, actor, "tambah_pendamping_tanpa_persetujuan", override)
    return assignment


def _add_worker(actor, case: Case, user) -> CaseWorker:
    _check_worker(user, "user")
    if CaseWorker.objects.filter(case=case, user=user, ended_at__isnull=True).exists():
        raise ValidationError(
            {"user": _("%(name)s sudah menjadi pendamping kasus ini.") % {"name": user}}
        )
    return CaseWorker.objects.create(case=case, user=user, assigned_by=actor)


@transaction.atomic
def worker_remove(*, actor, case: Case, user) -> None:
    _require_supervisor(actor, case)
    active = CaseWorker.objects.filter(case=case, ended_at__isnull=True)
    assignment = active.filter(user=user).first()
    if assignment is None:
        raise ValidationError({"user": _("%(name)s bukan pendamping kasus ini.") % {"name": user}})
    if case.is_open and active.count() == 1:
        raise ValidationError(
            {
                "user": _(
                    "Kasus yang masih berjalan perlu paling sedikit satu pendamping; "
                    "tambahkan penggantinya dulu (alihkan)."
                )
            }
        )
    assignment.ended_at = timezone.now()
    assignment.save(update_fields=["ended_at", "updated_at"])


@transaction.atomic
def case_transfer(*, actor, case: Case, from_user, to_user, override_reason: str = "") -> None:
    """Hand the case from one Pendamping to another. Sharing the case with someone new needs the
    person's consent to share (the referral consent); without it the Koordinator must give a
    reason, which is logged."""
    _require_supervisor(actor, case)
    _require_open(case)
    override = _consent_or_override(case, actor, override_reason, "override_reason", transfer=True)
    _add_worker(actor, case, to_user)
    worker_remove(actor=actor, case=case, user=from_user)
    CaseStep.objects.create(
        case=case,
        action="alihkan",
        from_stage=case.stage,
        to_stage=case.stage,
        actor=actor,
        note=_("Dialihkan dari %(old)s ke %(new)s.") % {"old": from_user, "new": to_user}
        + (
            "\n" + _("Tanpa persetujuan, alasan: %(reason)s") % {"reason": override}
            if override
            else ""
        ),
    )


@transaction.atomic
def supervisor_change(*, actor, case: Case, supervisor, override_reason: str = "") -> Case:
    """Hand the case to another Koordinator (who then approves its steps). Like adding a
    Pendamping, it shares the case: consent to share, or a logged reason."""
    _require_supervisor(actor, case)
    _check_supervisor(supervisor)
    override = _consent_or_override(case, actor, override_reason, "override_reason", transfer=True)
    if override:
        _log_override(case, actor, "ganti_koordinator_tanpa_persetujuan", override)
    previous = case.supervisor
    case.supervisor = supervisor
    case.save(update_fields=["supervisor", "updated_at"])
    CaseStep.objects.create(
        case=case,
        action="ganti_koordinator",
        from_stage=case.stage,
        to_stage=case.stage,
        actor=actor,
        note=_("Dari %(old)s ke %(new)s.") % {"old": previous, "new": supervisor},
    )
    return case


@transaction.atomic
def cases_reassign(*, from_user, to_user, reason: str) -> dict[str, int]:
    """Move every open case of ``from_user`` (who left, or was deactivated) to ``to_user``:
    supervision to a Koordinator, assignments to a case worker. Run by the server operator
    (``manage.py reassign_cases``), who already holds the database; the reason is written into
    each case's history as the override of consent to share."""
    reason = _reason(reason, "reason", _("Alasan"))
    if from_user == to_user:
        raise ValidationError({"to_user": _("Pilih pengguna lain sebagai penerima.")})
    if not to_user.is_active or not to_user.can(Cap.WORK_CASES):
        raise ValidationError({"to_user": _("Penerima harus pengguna aktif yang menangani kasus.")})
    open_cases = Case.objects.exclude(stage=workflow.Stage.CLOSED)
    supervised = list(open_cases.filter(supervisor=from_user))
    if supervised and not to_user.can(Cap.SUPERVISE_CASES):
        raise ValidationError(
            {
                "to_user": _("%(name)s menyelia kasus; penerimanya harus Koordinator.")
                % {"name": from_user}
            }
        )
    note = _("Dialihkan dari %(old)s ke %(new)s oleh administrator: %(reason)s") % {
        "old": from_user,
        "new": to_user,
        "reason": reason,
    }
    for case in supervised:
        case.supervisor = to_user
        case.save(update_fields=["supervisor", "updated_at"])
        _log_override(case, to_user, "ganti_koordinator", note)
    moved = 0
    assignments = CaseWorker.objects.filter(
        user=from_user, ended_at__isnull=True, case__in=open_cases
    ).select_related("case")
    for assignment in assignments:
        case = assignment.case
        if not CaseWorker.objects.filter(case=case, user=to_user, ended_at__isnull=True).exists():
            CaseWorker.objects.create(case=case, user=to_user, assigned_by=to_user)
        assignment.ended_at = timezone.now()
        assignment.save(update_fields=["ended_at", "updated_at"])
        _log_override(case, to_user, "alihkan", note)
        moved += 1
    return {"supervised": len(supervised), "worked": moved}


@transaction.atomic
def break_glass(*, actor, case: Case, reason: str) -> BreakGlass:
    """Emergency access for a case worker who is not on the team: an hour, with a reason that is
    kept and logged with the view."""
    if not rules.can_break_glass(actor, case):
        raise PermissionDenied
    reason = _reason(reason, "reason", _("Alasan akses darurat"))
    grant = BreakGlass.objects.create(
        case=case,
        user=actor,
        reason=reason,
        expires_at=timezone.now() + timedelta(hours=BREAK_GLASS_HOURS),
    )
    audit.log_view(actor=actor, obj=case, reason=_("Akses darurat"))
    return grant


# Consent -----------------------------------------------------------------------------------------

CONSENT_FLAGS = {
    Consent.Purpose.SERVICES: "consent_services",
    Consent.Purpose.REFERRAL: "consent_referral",
    Consent.Purpose.REPORTING: "consent_reporting",
}


def _refresh_consent(case: Case, purpose: str) -> None:
    latest = (
        Consent.objects.filter(case=case, purpose=purpose).order_by("-recorded_on", "-pk").first()
    )
    setattr(case, CONSENT_FLAGS[purpose], bool(latest and latest.in_force))
    case.save(update_fields=[CONSENT_FLAGS[purpose], "updated_at"])


@transaction.atomic
def consent_record(
    *,
    actor,
    case: Case,
    purpose: str,
    given: bool,
    method: str,
    given_by: str,
    witness: str = "",
    recorded_on: date | None = None,
) -> Consent:
    """Record a yes or a no for one purpose. The newest record of a purpose is the one in force."""
    _require_team(actor, case)
    today = timezone.localdate()
    recorded_on = recorded_on or today
    _not_future(recorded_on, "recorded_on", today)
    if purpose not in Consent.Purpose.values:
        raise ValidationError({"purpose": _("Pilih tujuan persetujuan dari daftar.")})
    if method not in Consent.Method.values:
        raise ValidationError({"method": _("Pilih cara persetujuan dari daftar.")})
    given_by = " ".join((given_by or "").split())
    if not given_by:
        raise ValidationError({"given_by": _("Tulis siapa yang memberi persetujuan.")})
    witness = " ".join((witness or "").split())
    if method == Consent.Method.VERBAL_WITNESS and not witness:
        raise ValidationError({"witness": _("Persetujuan lisan wajib disertai nama saksi.")})
    consent = Consent.objects.create(
        case=case,
        purpose=purpose,
        given=given,
        method=method,
        given_by=given_by,
        witness=witness,
        recorded_on=recorded_on,
        recorded_by=actor,
    )
    _refresh_consent(case, purpose)
    return consent


@transaction.atomic
def consent_withdraw(*, actor, consent: Consent, withdrawn_on: date | None = None) -> Consent:
    """Withdrawn consent is honoured from then on: what was shared before stays recorded."""
    case = consent.case
    _require_team(actor, case)
    today = timezone.localdate()
    withdrawn_on = withdrawn_on or today
    _not_future(withdrawn_on, "withdrawn_on", today)
    if not consent.in_force:
        raise ValidationError(_("Persetujuan ini tidak sedang berlaku."))
    if withdrawn_on < consent.recorded_on:
        raise ValidationError(
            {"withdrawn_on": _("Tanggal pencabutan tidak boleh sebelum tanggal persetujuan.")}
        )
    consent.withdrawn_on = withdrawn_on
    consent.withdrawn_by = actor
    consent.save(update_fields=["withdrawn_on", "withdrawn_by", "updated_at"])
    _refresh_consent(case, consent.purpose)
    if consent.purpose == Consent.Purpose.REFERRAL and not case.consent_referral:
        # Referrals not yet answered have shared nothing: they stop here, so that the receiving
        # organisation never learns who the person is.
        for referral in Referral.objects.filter(case=case, status=Referral.Status.SENT):
            referral.status = Referral.Status.REVOKED
            referral.revoked_at = timezone.now()
            referral.revoke_reason = _("Persetujuan rujukan dicabut.")
            referral.save()
        refresh_counters(case)
    return consent


def _consent_or_override(
    case: Case, actor, override_reason: str, field: str, *, transfer: bool = False
) -> str:
    """'' when the person consented to sharing; the override reason when the Koordinator gives
    one; otherwise a refusal."""
    if case.consent_referral:
        return ""
    if not (override_reason or "").strip():
        if transfer:
            message = _(
                "Belum ada persetujuan untuk membagikan kasus ini. Catat persetujuan rujukan "
                "dulu, atau isi alasan untuk tetap mengalihkan."
            )
        else:
            message = _(
                "Belum ada persetujuan untuk rujukan. Catat persetujuan dulu, atau "
                "Koordinator mengisi alasan untuk tetap merujuk."
            )
        raise ValidationError({field: message})
    if not rules.is_supervisor(actor, case):
        raise ValidationError(
            {field: _("Hanya koordinator kasus yang dapat merujuk tanpa persetujuan.")}
        )
    return _reason(override_reason, field, _("Alasan tanpa persetujuan"))


def _log_override(case: Case, actor, action: str, reason: str) -> None:
    """Keep a Koordinator's reason for sharing without consent in the case's history."""
    CaseStep.objects.create(
        case=case,
        action=action,
        from_stage=case.stage,
        to_stage=case.stage,
        actor=actor,
        note=reason,
    )


# Assessment --------------------------------------------------------------------------------------

EDITABLE_ASSESSMENT_STAGES = {workflow.Stage.NEW.value, workflow.Stage.ASSESSMENT.value}


def _answers(value: dict, allowed: list[str], field: str) -> dict:
    if not isinstance(value, dict):
        raise ValidationError({field: _("Jawaban tidak dikenali.")})
    cleaned = {}
    for key, answer in value.items():
        if key not in allowed or answer not in vocabulary.Answer.values:
            raise ValidationError(
                {
                    field: _("Jawaban “%(answer)s” untuk “%(item)s” tidak dikenali.")
                    % {"answer": answer, "item": key}
                }
            )
        cleaned[key] = answer
    return cleaned


def _choices(values: list, allowed: list[str], field: str) -> list[str]:
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValidationError(
            {
                field: _("Pilihan tidak dikenali: %(values)s.")
                % {"values": ", ".join(map(str, unknown))}
            }
        )
    return sorted(set(values), key=allowed.index)


@transaction.atomic
def assessment_save(
    *,
    actor,
    case: Case,
    assessed_on: date,
    recruitment_method: str = "",
    recruitment_channels: list | None = None,
    means_of_control: dict | None = None,
    exploitation: list | None = None,
    labour_sector: str = "",
    trafficker_relation: str = "",
    needs: dict | None = None,
    narrative: str = "",
) -> Assessment:
    _require_team(actor, case)
    case.refresh_from_db(fields=["stage", "pending"])
    if case.stage not in EDITABLE_ASSESSMENT_STAGES or case.pending:
        raise ValidationError(
            _("Asesmen hanya dapat diubah pada tahap asesmen, sebelum diajukan untuk disetujui.")
        )
    _not_future(assessed_on, "assessed_on", timezone.localdate())
    for value, choices, field in (
        (recruitment_method, vocabulary.RecruitmentMethod, "recruitment_method"),
        (labour_sector, vocabulary.LabourSector, "labour_sector"),
        (trafficker_relation, vocabulary.TraffickerRelation, "trafficker_relation"),
    ):
        if value and value not in choices.values:
            raise ValidationError({field: _("Pilih dari daftar.")})
    values = {
        "assessed_on": assessed_on,
        "assessed_by": actor,
        "recruitment_method": recruitment_method,
        "recruitment_channels": _choices(
            recruitment_channels or [], vocabulary.RecruitmentChannel.values, "recruitment_channels"
        ),
        "means_of_control": _answers(
            means_of_control or {}, vocabulary.MeansOfControl.values, "means_of_control"
        ),
        "exploitation": _choices(
            exploitation or [], vocabulary.Exploitation.values, "exploitation"
        ),
        "labour_sector": labour_sector,
        "trafficker_relation": trafficker_relation,
        "needs": _answers(needs or {}, NeedArea.values, "needs"),
        "narrative": narrative.strip(),
    }
    assessment, _created = Assessment.objects.update_or_create(case=case, defaults=values)
    return assessment


@transaction.atomic
def event_add(
    *,
    actor,
    case: Case,
    kind: str,
    place: str = "",
    country: str = "",
    started_on: date | None = None,
    ended_on: date | None = None,
    details: str = "",
) -> TraffickingEvent:
    _require_team(actor, case)
    _require_open(case)
    if kind not in vocabulary.EventKind.values:
        raise ValidationError({"kind": _("Pilih jenis peristiwa dari daftar.")})
    today = timezone.localdate()
    _not_future(started_on, "started_on", today)
    _not_future(ended_on, "ended_on", today)
    if started_on and ended_on and ended_on < started_on:
        raise ValidationError({"ended_on": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    return TraffickingEvent.objects.create(
        case=case,
        kind=kind,
        place=place.strip(),
        country=country.strip(),
        started_on=started_on,
        ended_on=ended_on,
        details=details.strip(),
    )


# Sessions ----------------------------------------------------------------------------------------


@transaction.atomic
def session_record(
    *,
    actor,
    case: Case,
    held_on: date,
    place: str,
    kind: str,
    facilitator=None,
    wellbeing_answers: list[int] | None = None,
    notes: str = "",
) -> Session:
    _require_team(actor, case)
    _require_open(case)
    case.refresh_from_db(fields=["consent_services"])
    if not case.consent_services:
        raise ValidationError(
            _(
                "Belum ada persetujuan menerima layanan. Catat persetujuannya dulu di bagian "
                "Persetujuan."
            )
        )
    _not_future(held_on, "held_on", timezone.localdate())
    if held_on < case.opened_on:
        raise ValidationError({"held_on": _("Tanggal sesi tidak boleh sebelum kasus dibuka.")})
    if kind not in Session.Kind.values:
        raise ValidationError({"kind": _("Pilih jenis sesi dari daftar.")})
    place = " ".join((place or "").split())
    if not place:
        raise ValidationError({"place": _("Tulis tempat sesi.")})
    facilitator = facilitator or actor
    if not rules.on_team(facilitator, case):
        raise ValidationError({"facilitator": _("Fasilitator harus anggota tim kasus ini.")})
    answers = list(wellbeing_answers or [])
    score = None
    if answers:
        try:
            score = wellbeing.score(answers).percent
        except ValueError:
            raise ValidationError(
                {
                    "wellbeing_answers": _(
                        "Isi kelima pertanyaan WHO-5, masing-masing 0 sampai 5, "
                        "atau kosongkan semuanya."
                    )
                }
            ) from None
    return Session.objects.create(
        case=case,
        held_on=held_on,
        place=place,
        kind=kind,
        facilitator=facilitator,
        wellbeing_answers=answers,
        wellbeing_score=score,
        notes=notes.strip(),
    )


# The case plan -----------------------------------------------------------------------------------


def _require_plan_editable(case: Case) -> None:
    case.refresh_from_db(fields=["stage", "pending"])
    _require_open(case)
    if case.pending == workflow.Pending.PLAN:
        raise ValidationError(
            _(
                "Rencana sedang menunggu persetujuan koordinator; ubah setelah disetujui atau "
                "dikembalikan."
            )
        )


@transaction.atomic
def goal_add(*, actor, case: Case, area: str, description: str) -> Goal:
    _require_team(actor, case)
    _require_plan_editable(case)
    if area not in NeedArea.values:
        raise ValidationError({"area": _("Pilih bidang dari daftar.")})
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Tulis tujuan yang ingin dicapai.")})
    return Goal.objects.create(case=case, area=area, description=description)


@transaction.atomic
def plan_action_add(*, actor, goal: Goal, description: str, owner, due_on: date) -> PlanAction:
    case = goal.case
    _require_team(actor, case)
    _require_plan_editable(case)
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Tulis tindakan yang akan dilakukan.")})
    if due_on is None:
        raise ValidationError({"due_on": _("Isi tenggat tindakan.")})
    if owner is None or not owner.is_active:
        raise ValidationError({"owner": _("Pilih penanggung jawab tindakan.")})
    if not rules.on_team(owner, case):
        raise ValidationError({"owner": _("Penanggung jawab harus anggota tim kasus ini.")})
    action = PlanAction.objects.create(
        goal=goal, case=case, description=description, owner=owner, due_on=due_on
    )
    refresh_counters(case)
    return action


@transaction.atomic
def plan_action_set_status(*, actor, action: PlanAction, status: str) -> PlanAction:
    _require_team(actor, action.case)
    _require_plan_editable(action.case)
    if status not in PlanAction.Status.values:
        raise ValidationError({"status": _("Pilih status dari daftar.")})
    action.status = status
    action.done_on = timezone.localdate() if status == PlanAction.Status.DONE else None
    action.save(update_fields=["status", "done_on", "updated_at"])
    refresh_counters(action.case)
    return action


# Referrals ---------------------------------------------------------------------------------------


@transaction.atomic
def referral_send(
    *,
    actor,
    case: Case,
    organisation: Organisation,
    area: str,
    reason: str,
    service: Service | None = None,
    urgent: bool = False,
    override_reason: str = "",
) -> Referral:
    """Refer the person to an organisation. Refused without consent to referral unless the
    Koordinator overrides with a reason, which is kept on the referral and in the log."""
    _require_team(actor, case)
    _require_open(case)
    if organisation is None or not organisation.is_active:
        raise ValidationError({"organisation": _("Pilih lembaga tujuan yang masih aktif.")})
    if service is not None and service.organisation_id != organisation.pk:
        raise ValidationError({"service": _("Layanan ini bukan milik lembaga yang dipilih.")})
    if area not in NeedArea.values:
        raise ValidationError({"area": _("Pilih bidang kebutuhan dari daftar.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tulis alasan rujukan: apa yang dibutuhkan orang ini.")})
    override = _consent_or_override(case, actor, override_reason, "override_reason")
    referral = Referral.objects.create(
        case=case,
        organisation=organisation,
        service=service,
        area=area,
        urgent=urgent,
        reason=reason,
        sent_at=timezone.now(),
        sent_by=actor,
        consent_override=override,
    )
    if override:
        _log_override(case, actor, "rujuk_tanpa_persetujuan", override)
    refresh_counters(case)
    return referral


def may_respond(actor, referral: Referral) -> bool:
    """The receiving organisation's staff; or the case team for an organisation that has no
    users in SIGAP (they record the answer given by phone or letter)."""
    if rules.is_receiving_staff(actor, referral):
        return True
    has_staff = referral.organisation.staff.exists()
    return not has_staff and rules.on_team(actor, referral.case)


@transaction.atomic
def referral_respond(*, actor, referral: Referral, accept: bool, reason: str = "") -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if not may_respond(actor, referral):
        raise PermissionDenied
    if referral.status != Referral.Status.SENT:
        raise ValidationError(_("Rujukan ini sudah ditanggapi atau dibatalkan."))
    if accept and not referral.case.consent_referral and not referral.consent_override:
        raise ValidationError(_("Persetujuan rujukan sudah dicabut; rujukan ini tidak berlaku."))
    if not accept:
        referral.decline_reason = _reason(reason, "reason", _("Alasan penolakan"))
    referral.status = Referral.Status.ACCEPTED if accept else Referral.Status.DECLINED
    referral.responded_at = timezone.now()
    referral.responded_by = actor
    referral.save()
    refresh_counters(referral.case)
    return referral


@transaction.atomic
def referral_complete(*, actor, referral: Referral, outcome: str) -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if not (rules.is_receiving_staff(actor, referral) or rules.on_team(actor, referral.case)):
        raise PermissionDenied
    if referral.status != Referral.Status.ACCEPTED:
        raise ValidationError(_("Hanya rujukan yang sudah diterima dapat diselesaikan."))
    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationError({"outcome": _("Tulis layanan yang sudah diberikan.")})
    referral.status = Referral.Status.COMPLETED
    referral.completed_at = timezone.now()
    referral.outcome = outcome
    referral.save()
    return referral


@transaction.atomic
def referral_revoke(*, actor, referral: Referral, reason: str) -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    _require_team(actor, referral.case)
    if referral.status not in (Referral.Status.SENT, Referral.Status.ACCEPTED):
        raise ValidationError(_("Rujukan ini sudah selesai, ditolak atau dibatalkan."))
    referral.revoke_reason = _reason(reason, "reason", _("Alasan pembatalan"))
    referral.status = Referral.Status.REVOKED
    referral.revoked_at = timezone.now()
    referral.save()
    refresh_counters(referral.case)
    return referral
