"""Demo cases: a few dozen synthetic cases across types and stages, worked by the demo
Pendamping and supervised by the demo Koordinator, with consent, assessments, plans, sessions
and referrals to the synthetic service directory. Built through the services (so every rule
holds), then dated back over the last year. Deterministic by the demo seed."""

from datetime import timedelta

from django.utils import timezone

from sigap.accounts.models import User
from sigap.cases import services, vocabulary, workflow
from sigap.cases.models import Case, CaseStep, Consent, PlanAction, Referral
from sigap.core.demo import DEMO_USERNAMES, DemoContext
from sigap.core.roles import Role
from sigap.partners.models import NeedArea, Organisation
from sigap.registry.models import Resident

CASE_COUNT = 36
STAGE_PATH = [
    workflow.Stage.NEW,
    workflow.Stage.ASSESSMENT,
    workflow.Stage.PLAN,
    workflow.Stage.SERVICES,
    workflow.Stage.FOLLOW_UP,
    workflow.Stage.CLOSED,
]
PLACES = ["Rumah dampingan", "Kantor desa", "Posko pengaduan desa", "Puskesmas Gerung"]
GOALS = {
    NeedArea.PSYCHOSOCIAL: ("Pulih dari trauma dan merasa aman", "Sesi konseling dua mingguan"),
    NeedArea.LEGAL: ("Mendapat pendampingan hukum", "Antar ke LBH untuk konsultasi"),
    NeedArea.ECONOMIC: ("Punya penghasilan tetap di desa", "Daftarkan ke pelatihan menjahit"),
    NeedArea.DOCUMENTS: ("Dokumen kependudukan lengkap", "Urus KTP dan KK ke Dukcapil"),
    NeedArea.HEALTH: ("Pemeriksaan kesehatan", "Rujuk ke Puskesmas"),
    NeedArea.FAMILY: ("Diterima kembali oleh keluarga", "Mediasi keluarga bersama kadus"),
}
STORIES = [
    "Direkrut calo lewat Facebook untuk bekerja di Malaysia; paspor ditahan majikan.",
    "Berangkat dengan visa umrah untuk bekerja sebagai PRT di Arab Saudi; upah tidak dibayar.",
    "Ditawari kerja admin di Kamboja lewat Telegram; dipaksa menjadi operator penipuan daring.",
    "Anak putus sekolah yang ditawari kerja ke luar daerah oleh kenalan.",
    "Pekerja migran kembali dari Malaysia dengan utang kepada sponsor.",
]


def build_cases(ctx: DemoContext) -> None:
    if Case.objects.exists():
        ctx.notes.append("Demo cases already exist: not rebuilt.")
        return
    worker = User.objects.filter(username=DEMO_USERNAMES[Role.PENDAMPING]).first()
    supervisor = User.objects.filter(username=DEMO_USERNAMES[Role.KOORDINATOR]).first()
    organisations = list(Organisation.objects.filter(is_active=True).order_by("name"))
    if worker is None or supervisor is None:
        return
    rng, now = ctx.rng, timezone.now()
    today = timezone.localdate()
    people = list(
        Resident.objects.filter(basic_status=1, birth_date__isnull=False, sex="P")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    rng.shuffle(people)
    for number, resident_id in enumerate(people[:CASE_COUNT]):
        resident = Resident.objects.select_related("dusun").get(pk=resident_id)
        target = STAGE_PATH[number % len(STAGE_PATH)]
        opened_on = today - timedelta(days=rng.randint(20, 330))
        case = services.case_open(
            actor=worker,
            resident=resident,
            case_type=rng.choices(vocabulary.CaseType.values, [4, 4, 3, 1])[0],
            intake_source=rng.choice(vocabulary.IntakeSource.values),
            risk_level=rng.choices(vocabulary.RiskLevel.values, [3, 4, 3, 1])[0],
            supervisor=supervisor,
            summary=rng.choice(STORIES),
            opened_on=opened_on,
        )
        _consent(case, worker, rng, opened_on)
        day = opened_on
        if target != workflow.Stage.NEW:
            _step(case, worker, workflow.Action.START_ASSESSMENT)
            _assess(case, worker, rng, opened_on)
        if STAGE_PATH.index(target) >= STAGE_PATH.index(workflow.Stage.PLAN):
            _step(case, worker, workflow.Action.SUBMIT_ASSESSMENT)
            _step(case, supervisor, workflow.Action.APPROVE)
            day = _plan(case, worker, rng, opened_on, today)
        if STAGE_PATH.index(target) >= STAGE_PATH.index(workflow.Stage.SERVICES):
            _step(case, worker, workflow.Action.SUBMIT_PLAN)
            _step(case, supervisor, workflow.Action.APPROVE)
            _sessions(case, worker, rng, opened_on, today)
            _referrals(case, worker, rng, organisations, opened_on, now)
        if STAGE_PATH.index(target) >= STAGE_PATH.index(workflow.Stage.FOLLOW_UP):
            _step(case, worker, workflow.Action.START_FOLLOW_UP)
        if target == workflow.Stage.CLOSED:
            _step(case, worker, workflow.Action.REQUEST_CLOSURE, "Tujuan rencana tercapai.")
            _step(case, supervisor, workflow.Action.APPROVE)
        elif number % 5 == 1 and target == workflow.Stage.ASSESSMENT:
            _step(case, worker, workflow.Action.SUBMIT_ASSESSMENT)  # waits for the Koordinator
        # Date the history back: the stage began some days after opening.
        since_days = rng.randint(1, max(2, (today - day).days))
        Case.objects.filter(pk=case.pk).update(
            stage_since=now - timedelta(days=since_days),
            closed_on=today - timedelta(days=rng.randint(0, since_days))
            if target == workflow.Stage.CLOSED
            else None,
        )
        CaseStep.objects.filter(case=case).update(at=now - timedelta(days=since_days))
        services.refresh_counters(case)  # the referrals above were dated back with update()
    ctx.notes.append(f"Demo cases: {CASE_COUNT}, worked by '{worker.username}'.")


def _step(case, actor, action, note=""):
    services.case_transition(actor=actor, case=case, action=action.value, note=note)
    case.refresh_from_db()


def _consent(case, actor, rng, on):
    for purpose, chance in (
        (Consent.Purpose.SERVICES, 1.0),
        (Consent.Purpose.REFERRAL, 0.85),
        (Consent.Purpose.REPORTING, 0.7),
    ):
        if rng.random() < chance:
            services.consent_record(
                actor=actor,
                case=case,
                purpose=purpose,
                given=True,
                method=rng.choice(Consent.Method.values),
                given_by=case.resident.name,
                witness="Kadus setempat",
                recorded_on=on,
            )


def _assess(case, actor, rng, on):
    answers = vocabulary.Answer.values
    services.assessment_save(
        actor=actor,
        case=case,
        assessed_on=on + timedelta(days=rng.randint(0, 5)),
        recruitment_method=rng.choice(vocabulary.RecruitmentMethod.values),
        recruitment_channels=rng.sample(vocabulary.RecruitmentChannel.values, 2),
        means_of_control={
            item: rng.choices(answers, [3, 4, 2, 1])[0]
            for item in rng.sample(vocabulary.MeansOfControl.values, 6)
        },
        exploitation=rng.sample(vocabulary.Exploitation.values[:4], 1),
        labour_sector=rng.choice(vocabulary.LabourSector.values),
        trafficker_relation=rng.choice(vocabulary.TraffickerRelation.values),
        needs={area: rng.choices(answers, [5, 3, 1, 1])[0] for area in GOALS},
        narrative=case.summary,
    )
    services.event_add(
        actor=actor,
        case=case,
        kind=vocabulary.EventKind.RECRUITMENT,
        place="Gerung, Lombok Barat",
        started_on=on - timedelta(days=rng.randint(200, 700)),
        details="Didatangi perekrut di rumah (data contoh).",
    )


def _plan(case, actor, rng, opened_on, today):
    last = opened_on
    for area in rng.sample(list(GOALS), 2):
        goal_text, action_text = GOALS[area]
        goal = services.goal_add(actor=actor, case=case, area=area, description=goal_text)
        due = opened_on + timedelta(days=rng.randint(14, 120))
        action = services.plan_action_add(
            actor=actor, goal=goal, description=action_text, owner=actor, due_on=due
        )
        if due < today and rng.random() < 0.6:
            services.plan_action_set_status(
                actor=actor, action=action, status=PlanAction.Status.DONE
            )
        last = max(last, min(due, today))
    return last


def _sessions(case, actor, rng, opened_on, today):
    base = rng.randint(1, 3)
    for index in range(rng.randint(1, 5)):
        held = min(today, opened_on + timedelta(days=14 * (index + 1)))
        level = min(5, base + index // 2)
        services.session_record(
            actor=actor,
            case=case,
            held_on=held,
            place=rng.choice(PLACES),
            kind=rng.choice(["individu", "individu", "keluarga", "kelompok"]),
            wellbeing_answers=[max(0, min(5, level + rng.randint(-1, 1))) for _ in range(5)],
            notes="Catatan sesi contoh: suasana hati, keluhan, rencana pertemuan berikutnya.",
        )


def _referrals(case, actor, rng, organisations, opened_on, now):
    if not organisations or not case.consent_referral:
        return
    for _ in range(rng.randint(0, 2)):
        organisation = rng.choice(organisations)
        service = organisation.services.order_by("pk").first()
        referral = services.referral_send(
            actor=actor,
            case=case,
            organisation=organisation,
            service=service,
            area=service.area if service else NeedArea.PSYCHOSOCIAL,
            reason="Membutuhkan layanan lanjutan sesuai rencana kasus (data contoh).",
            urgent=rng.random() < 0.2,
        )
        sent = now - timedelta(days=rng.randint(5, 120))
        outcome = rng.choices(["sent", "accepted", "completed", "declined"], [2, 2, 4, 1])[0]
        values = {"sent_at": sent}
        if outcome != "sent":
            values |= {
                "status": {
                    "accepted": Referral.Status.ACCEPTED,
                    "completed": Referral.Status.COMPLETED,
                    "declined": Referral.Status.DECLINED,
                }[outcome],
                "responded_at": sent + timedelta(days=rng.randint(0, 10)),
                "responded_by": actor,
            }
        if outcome == "completed":
            values["completed_at"] = sent + timedelta(days=rng.randint(11, 40))
            values["outcome"] = "Layanan diberikan sesuai permintaan (data contoh)."
        if outcome == "declined":
            values["decline_reason"] = "Di luar wilayah layanan kami (data contoh)."
        # update() encrypts like save(): the field prepares every value it writes.
        Referral.objects.filter(pk=referral.pk).update(**values)
