"""Every write to the programmes. ``manage_programs`` (Koordinator) plans programmes, sessions,
invitations, tests and follow-up; ``take_attendance`` (Koordinator, Pendamping, Kader) records
who came and the answers to the tests given in the hall. ``PermissionDenied`` for anyone else.
Bad input raises ``ValidationError`` with a dict naming the field, in Bahasa Indonesia, and
nothing is written."""

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sigap.core import validation
from sigap.core.models import Dusun, Village
from sigap.core.roles import Cap
from sigap.partners.models import Organisation
from sigap.programs.models import (
    Answer,
    Attendance,
    Invitation,
    KnowledgeTest,
    Outcome,
    Programme,
    Question,
    Session,
    StaffTraining,
    TestItem,
    Topic,
)
from sigap.registry import nik as nik_rules
from sigap.registry.codes import BasicStatus, Sex
from sigap.registry.models import Resident
from sigap.registry.selectors import AGE_BANDS

MAX_BUDGET = 100_000_000_000  # an extra zero, not a village programme
MAX_INVITATIONS = 5_000  # one click; a larger target group is invited dusun by dusun
CHECKIN_EARLY_MINUTES = 120  # the QR code opens two hours before the session starts


def _require(actor, cap: Cap) -> None:
    if actor is None or not actor.can(cap):
        raise PermissionDenied


def _rupiah(value, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError({field: _("Tulis jumlah dalam rupiah bulat, tanpa titik atau koma.")})
    if value < 0:
        raise ValidationError({field: _("Jumlah tidak boleh kurang dari nol.")})
    if value > MAX_BUDGET:
        raise ValidationError({field: _("Jumlah ini terlalu besar; periksa jumlah angka nolnya.")})
    return value


# ---------------------------------------------------------------------------------------------
# Programmes


def _programme_fields(
    *,
    title,
    kind,
    topic,
    organiser,
    target_group,
    funding_source,
    starts_on,
    ends_on=None,
    description="",
    target_sex="",
    target_age_band="",
    target_dusun=None,
    target_at_risk=False,
    budget_line="",
    budget_amount=0,
    pass_mark=70,
    coordinator,
    village: Village,
) -> dict:
    if not isinstance(organiser, Organisation):
        raise ValidationError({"organiser": _("Pilih lembaga penyelenggara dari daftar mitra.")})
    if not isinstance(starts_on, date):
        raise ValidationError({"starts_on": _("Isi tanggal mulai, misalnya 15/03/2026.")})
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    if target_sex and target_sex not in Sex.values:
        raise ValidationError({"target_sex": _("Pilih jenis kelamin sasaran dari daftar.")})
    if target_age_band and target_age_band not in AGE_BANDS:
        raise ValidationError({"target_age_band": _("Pilih umur sasaran dari daftar.")})
    if target_dusun is not None and (
        not isinstance(target_dusun, Dusun) or target_dusun.village_id != village.pk
    ):
        raise ValidationError({"target_dusun": _("Pilih dusun dari desa ini.")})
    if not isinstance(pass_mark, int) or not 1 <= pass_mark <= 100:
        raise ValidationError({"pass_mark": _("Nilai lulus antara 1 dan 100.")})
    if coordinator is None or not coordinator.is_active or not coordinator.can(Cap.MANAGE_PROGRAMS):
        raise ValidationError(
            {"coordinator": _("Penanggung jawab harus pengguna aktif yang mengelola program.")}
        )
    return {
        "title": validation.text(title, "title", label=_("Nama program"), max_length=150),
        "kind": validation.choice(kind, Programme.Kind, "kind", _("jenis program")),
        "topic": validation.choice(topic, Topic, "topic", _("topik")),
        "organiser": organiser,
        "description": validation.text(
            description, "description", label=_("Uraian"), max_length=4000, required=False
        ),
        "target_group": validation.text(
            target_group, "target_group", label=_("Kelompok sasaran"), max_length=200
        ),
        "target_sex": target_sex or "",
        "target_age_band": target_age_band or "",
        "target_dusun": target_dusun,
        "target_at_risk": bool(target_at_risk),
        "budget_line": validation.text(
            budget_line, "budget_line", label=_("Mata anggaran"), max_length=150, required=False
        ),
        "budget_amount": _rupiah(budget_amount, "budget_amount"),
        "funding_source": validation.choice(
            funding_source, Programme.Funding, "funding_source", _("sumber dana")
        ),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "pass_mark": pass_mark,
        "coordinator": coordinator,
    }


@transaction.atomic
def programme_create(*, actor, village: Village, **fields) -> Programme:
    _require(actor, Cap.MANAGE_PROGRAMS)
    return Programme.objects.create(village=village, **_programme_fields(village=village, **fields))


@transaction.atomic
def programme_update(*, actor, programme: Programme, **fields) -> Programme:
    _require(actor, Cap.MANAGE_PROGRAMS)
    values = _programme_fields(village=programme.village, **fields)
    first = programme.sessions.filter(cancelled=False).order_by("date").first()
    if first and first.date < values["starts_on"]:
        raise ValidationError(
            {"starts_on": _("Sudah ada sesi sebelum tanggal ini; ubah atau batalkan sesinya dulu.")}
        )
    for name, value in values.items():
        setattr(programme, name, value)
    programme.save()
    return programme


# ---------------------------------------------------------------------------------------------
# Facilitators' qualifications and sessions


def qualified_topics(user) -> set[str]:
    """Topics the user's recorded trainings qualify them to deliver."""
    if user is None:
        return set()
    return set(
        StaffTraining.objects.filter(user=user)
        .exclude(qualifies_for="")
        .values_list("qualifies_for", flat=True)
    )


def facilitator_warning(facilitator, topic: str) -> str:
    """Why this facilitator should not lead a session on ``topic``; empty when qualified."""
    if facilitator is None or topic in qualified_topics(facilitator):
        return ""
    return _(
        "%(name)s belum tercatat pernah dilatih untuk topik “%(topic)s”. Catat "
        "pelatihannya di halaman Kapasitas, atau centang “tetap simpan” bila sesi ini "
        "tetap dipandu olehnya."
    ) % {"name": facilitator.full_name or facilitator.username, "topic": Topic(topic).label}


def _session_fields(
    *,
    programme: Programme,
    day: date,
    start_time: time,
    end_time: time,
    place: str,
    topic: str,
    facilitator=None,
    guest_facilitator: str = "",
    capacity: int = 30,
    confirm_unqualified: bool = False,
) -> dict:
    if not isinstance(day, date):
        raise ValidationError({"date": _("Isi tanggal sesi, misalnya 15/03/2026.")})
    if day < programme.starts_on or (programme.ends_on and day > programme.ends_on):
        raise ValidationError({"date": _("Tanggal sesi harus di dalam masa program.")})
    if not isinstance(start_time, time) or not isinstance(end_time, time):
        raise ValidationError({"start_time": _("Isi jam mulai dan jam selesai, misalnya 09:00.")})
    if end_time <= start_time:
        raise ValidationError({"end_time": _("Jam selesai harus sesudah jam mulai.")})
    if not isinstance(capacity, int) or not 1 <= capacity <= 1000:
        raise ValidationError({"capacity": _("Kapasitas antara 1 dan 1.000 orang.")})
    guest = validation.text(
        guest_facilitator,
        "guest_facilitator",
        label=_("Fasilitator dari luar"),
        max_length=150,
        required=False,
    )
    if facilitator is None and not guest:
        raise ValidationError(
            {"facilitator": _("Pilih fasilitator, atau tulis nama narasumber dari luar.")}
        )
    if facilitator is not None and not facilitator.is_active:
        raise ValidationError({"facilitator": _("Fasilitator ini tidak aktif lagi.")})
    warning = facilitator_warning(facilitator, programme.topic)
    if warning and not confirm_unqualified:
        raise ValidationError({"facilitator": warning})
    return {
        "date": day,
        "start_time": start_time,
        "end_time": end_time,
        "place": validation.text(place, "place", label=_("Tempat"), max_length=150),
        "topic": validation.text(topic, "topic", label=_("Materi"), max_length=200),
        "facilitator": facilitator,
        "guest_facilitator": guest,
        "capacity": capacity,
    }


@transaction.atomic
def session_create(*, actor, programme: Programme, **fields) -> Session:
    """A session of the programme. A facilitator without a recorded training on the programme's
    topic is refused unless ``confirm_unqualified`` (the form's "tetap simpan")."""
    _require(actor, Cap.MANAGE_PROGRAMS)
    return Session.objects.create(
        programme=programme, **_session_fields(programme=programme, **fields)
    )


@transaction.atomic
def session_update(*, actor, session: Session, **fields) -> Session:
    _require(actor, Cap.MANAGE_PROGRAMS)
    values = _session_fields(programme=session.programme, **fields)
    if values["date"] > timezone.localdate() and session.attendances.exists():
        raise ValidationError(
            {"date": _("Sesi ini sudah ada daftar hadirnya; tanggalnya tidak dapat dimundurkan.")}
        )
    for name, value in values.items():
        setattr(session, name, value)
    session.save()
    return session


@transaction.atomic
def session_cancel(*, actor, session: Session) -> Session:
    _require(actor, Cap.MANAGE_PROGRAMS)
    if session.attendances.exists():
        raise ValidationError(_("Sesi yang sudah ada daftar hadirnya tidak dapat dibatalkan."))
    session.cancelled = True
    session.save(update_fields=["cancelled", "updated_at"])
    return session


# ---------------------------------------------------------------------------------------------
# Invitations


@transaction.atomic
def invite(*, actor, programme: Programme, resident_ids: Iterable[int]) -> int:
    """Invite living residents to the programme; people already invited are left as they are.
    Returns how many were newly invited."""
    _require(actor, Cap.MANAGE_PROGRAMS)
    ids = sorted(set(resident_ids))
    if len(ids) > MAX_INVITATIONS:
        raise ValidationError(
            _(
                "Paling banyak %(max)s orang sekali undang; saring per dusun atau per umur dulu "
                "(%(count)s orang terpilih)."
            )
            % {"max": f"{MAX_INVITATIONS:,}".replace(",", "."), "count": len(ids)}
        )
    living = set(
        Resident.objects.filter(pk__in=ids, basic_status=BasicStatus.ALIVE).values_list(
            "pk", flat=True
        )
    )
    already = set(
        Invitation.objects.filter(programme=programme, resident_id__in=living).values_list(
            "resident_id", flat=True
        )
    )
    new = [
        Invitation(programme=programme, resident_id=pk, invited_by=actor)
        for pk in sorted(living - already)
    ]
    Invitation.objects.bulk_create(new, batch_size=500)
    return len(new)


@transaction.atomic
def invitation_remove(*, actor, invitation: Invitation) -> None:
    _require(actor, Cap.MANAGE_PROGRAMS)
    invitation.delete()


# ---------------------------------------------------------------------------------------------
# Attendance


def _session_open(session: Session, today: date) -> None:
    if session.cancelled:
        raise ValidationError({"session": _("Sesi ini dibatalkan; kehadiran tidak dicatat.")})
    if session.date > today:
        raise ValidationError(
            {"session": _("Sesi ini belum berlangsung; kehadiran dicatat pada hari sesi.")}
        )


def attendance_mark(
    *,
    actor,
    session: Session,
    resident: Resident,
    method: str = Attendance.Method.LIST,
    today: date | None = None,
) -> tuple[Attendance, bool]:
    """Record that ``resident`` came to ``session``. Idempotent: the same person twice (a double
    tap, a retried request from a phone that lost the network) is one attendance; returns it and
    whether it was new."""
    _require(actor, Cap.TAKE_ATTENDANCE)
    _session_open(session, today or timezone.localdate())
    method = validation.choice(method, Attendance.Method, "method", _("cara hadir"))
    if resident.basic_status != BasicStatus.ALIVE:
        raise ValidationError({"resident": _("Penduduk ini tidak tercatat hidup di desa.")})
    return _attend(session, resident, method, recorded_by=actor)


def _attend(session: Session, resident: Resident, method: str, *, recorded_by):
    """The person's attendance at the session, created if new: (attendance, created)."""
    existing = Attendance.objects.filter(session=session, resident=resident).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                session=session,
                programme_id=session.programme_id,
                resident=resident,
                method=method,
                recorded_by=recorded_by,
            )
    except IntegrityError:  # a second request for the same person won the race
        return Attendance.objects.get(session=session, resident=resident), False
    return attendance, True


@transaction.atomic
def attendance_unmark(*, actor, session: Session, resident: Resident) -> bool:
    """Take a person off the session's attendance (ticked by mistake). Idempotent."""
    _require(actor, Cap.TAKE_ATTENDANCE)
    if session.cancelled:
        raise ValidationError({"session": _("Sesi ini dibatalkan.")})
    deleted, _rows = Attendance.objects.filter(session=session, resident=resident).delete()
    return bool(deleted)


def checkin_window(session: Session) -> tuple[datetime, datetime]:
    """When the session's QR code accepts self check-in: from two hours before it starts until
    the end of its day (local time)."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(session.date, session.start_time, tzinfo=zone)
    opens = start - timedelta(minutes=CHECKIN_EARLY_MINUTES)
    closes = datetime.combine(session.date, time(23, 59, 59), tzinfo=zone)
    return opens, closes


def self_checkin(
    *, session: Session, nik: str, birth_date: date, now: datetime | None = None
) -> tuple[Attendance, bool]:
    """A participant checks themselves in with the session's QR code: their NIK and birth date
    must match a living resident. The answer for a wrong pair never says which part was wrong."""
    now = now or timezone.now()
    opens, closes = checkin_window(session)
    if session.cancelled or not opens <= now <= closes:
        raise ValidationError(
            {"nik": _("Kode QR ini hanya berlaku pada hari sesi. Silakan lapor ke meja kader.")}
        )
    number = nik_rules.normalise_number(nik or "")
    if len(number) != 16 or not number.isdigit():
        raise ValidationError({"nik": _("NIK harus 16 angka, seperti di KTP atau KK.")})
    if not isinstance(birth_date, date):
        raise ValidationError({"birth_date": _("Isi tanggal lahir, misalnya 15/03/1990.")})
    resident = Resident.objects.filter(
        nik=number, birth_date=birth_date, basic_status=BasicStatus.ALIVE
    ).first()
    if resident is None:
        raise ValidationError(
            {
                "nik": _(
                    "NIK dan tanggal lahir ini tidak ditemukan bersama di data desa. Periksa "
                    "lagi, atau lapor ke meja kader."
                )
            }
        )
    return _attend(session, resident, Attendance.Method.QR, recorded_by=None)


# ---------------------------------------------------------------------------------------------
# Question bank and knowledge tests

TRUE_FALSE_OPTIONS = ("Benar", "Salah")


@transaction.atomic
def question_create(
    *, actor, topic: str, kind: str, text: str, options: list[str], correct: int
) -> Question:
    _require(actor, Cap.MANAGE_PROGRAMS)
    topic = validation.choice(topic, Topic, "topic", _("topik"))
    kind = validation.choice(kind, Question.Kind, "kind", _("jenis soal"))
    text = validation.text(text, "text", label=_("Pertanyaan"), max_length=1000)
    if kind == Question.Kind.TRUE_FALSE:
        options = list(TRUE_FALSE_OPTIONS)
    else:
        options = [" ".join(str(o).split()) for o in options or []]
        # Blank options are dropped; ``correct`` counts the options as given, so it moves with
        # them (A, blank, C with C correct is C), and pointing at a blank one is refused.
        if isinstance(correct, int) and not isinstance(correct, bool) and correct >= 0:
            if correct < len(options) and not options[correct]:
                raise ValidationError(
                    {"correct": _("Jawaban benar yang dipilih masih kosong; isi pilihannya.")}
                )
            correct -= sum(1 for o in options[:correct] if not o)
        options = [o for o in options if o]
        if not 2 <= len(options) <= 5:
            raise ValidationError({"options": _("Soal pilihan ganda perlu 2 sampai 5 pilihan.")})
        if any(len(o) > 200 for o in options):
            raise ValidationError({"options": _("Setiap pilihan paling panjang 200 huruf.")})
        if len({o.casefold() for o in options}) != len(options):
            raise ValidationError({"options": _("Dua pilihan tidak boleh sama.")})
    if not isinstance(correct, int) or not 0 <= correct < len(options):
        raise ValidationError({"correct": _("Pilih jawaban yang benar dari pilihan yang ada.")})
    return Question.objects.create(
        topic=topic, kind=kind, text=text, options=options, correct=correct
    )


@transaction.atomic
def question_retire(*, actor, question: Question) -> Question:
    """Stop using a question in new tests (answers already given keep it)."""
    _require(actor, Cap.MANAGE_PROGRAMS)
    question.active = False
    question.save(update_fields=["active", "updated_at"])
    return question


@transaction.atomic
def test_create(
    *, actor, programme: Programme, kind: str, given_on: date, questions: list[Question]
) -> KnowledgeTest:
    """A test of the programme with the chosen items in order. The post-test and the delayed
    test must ask the pre-test's items (so that gains compare like with like) when a pre-test
    exists."""
    _require(actor, Cap.MANAGE_PROGRAMS)
    kind = validation.choice(kind, KnowledgeTest.Kind, "kind", _("jenis tes"))
    if programme.tests.filter(kind=kind).exists():
        raise ValidationError({"kind": _("Program ini sudah punya tes jenis ini.")})
    if not isinstance(given_on, date):
        raise ValidationError({"given_on": _("Isi tanggal tes, misalnya 15/03/2026.")})
    if not questions:
        raise ValidationError({"questions": _("Pilih paling sedikit satu soal.")})
    if len({q.pk for q in questions}) != len(questions):
        raise ValidationError({"questions": _("Satu soal hanya boleh sekali dalam satu tes.")})
    pre = None
    if kind != KnowledgeTest.Kind.PRE:
        pre = programme.tests.filter(kind=KnowledgeTest.Kind.PRE).first()
    # A question retired after the pre-test may still be asked again in the post-test.
    asked_before = set(pre.items.values_list("question_id", flat=True)) if pre else set()
    if any(q.topic != programme.topic or not (q.active or q.pk in asked_before) for q in questions):
        raise ValidationError({"questions": _("Pilih soal aktif dari topik program ini.")})
    if pre is not None:
        if given_on < pre.given_on:
            raise ValidationError({"given_on": _("Tes ini tidak boleh sebelum tes awal.")})
        if asked_before != {q.pk for q in questions}:
            raise ValidationError(
                {"questions": _("Pakai soal yang sama dengan tes awal agar hasilnya sebanding.")}
            )
    test = KnowledgeTest.objects.create(programme=programme, kind=kind, given_on=given_on)
    TestItem.objects.bulk_create(
        TestItem(test=test, question=q, position=n) for n, q in enumerate(questions, start=1)
    )
    return test


@transaction.atomic
def answers_record(
    *, actor, test: KnowledgeTest, resident: Resident, chosen: Mapping[int, int | None]
) -> int:
    """A person's answer sheet: ``chosen`` maps each item's question id to the option picked (or
    None for blank). Recording the same sheet again replaces it, so a corrected sheet is one
    sheet. Returns the number of correct answers."""
    _require(actor, Cap.TAKE_ATTENDANCE)
    questions = {item.question_id: item.question for item in test.items.select_related("question")}
    unknown = set(chosen) - set(questions)
    if unknown:
        raise ValidationError({"answers": _("Ada jawaban untuk soal yang tidak ada di tes ini.")})
    if not any(value is not None for value in chosen.values()):
        raise ValidationError({"answers": _("Lembar jawaban kosong; isi paling sedikit satu.")})
    rows = []
    for position, (pk, question) in enumerate(questions.items(), start=1):
        value = chosen.get(pk)
        if value is not None and (
            not isinstance(value, int) or not 0 <= value < len(question.options)
        ):
            raise ValidationError(
                {
                    "answers": _("Jawaban soal nomor %(n)d tidak ada di pilihannya.")
                    % {"n": position}
                }
            )
        rows.append(
            Answer(
                test=test,
                resident=resident,
                question=question,
                chosen=value,
                is_correct=value == question.correct,
            )
        )
    Answer.objects.filter(test=test, resident=resident).delete()
    Answer.objects.bulk_create(rows)
    return sum(1 for row in rows if row.is_correct)


# ---------------------------------------------------------------------------------------------
# Follow-up and capacity


@transaction.atomic
def outcome_record(
    *,
    actor,
    programme: Programme,
    resident: Resident,
    kind: str,
    recorded_on: date,
    note: str = "",
) -> Outcome:
    _require(actor, Cap.MANAGE_PROGRAMS)
    kind = validation.choice(kind, Outcome.Kind, "kind", _("hasil"))
    if not isinstance(recorded_on, date) or recorded_on > timezone.localdate():
        raise ValidationError({"recorded_on": _("Isi tanggal tindak lanjut, tidak di masa depan.")})
    if not Attendance.objects.filter(programme=programme, resident=resident).exists():
        raise ValidationError({"resident": _("Orang ini belum pernah hadir di program ini.")})
    if Outcome.objects.filter(programme=programme, resident=resident, kind=kind).exists():
        raise ValidationError({"kind": _("Hasil ini sudah tercatat untuk orang ini.")})
    return Outcome.objects.create(
        programme=programme,
        resident=resident,
        kind=kind,
        recorded_on=recorded_on,
        note=validation.text(note, "note", label=_("Keterangan"), max_length=200, required=False),
        recorded_by=actor,
    )


@transaction.atomic
def staff_training_add(
    *,
    actor,
    user,
    title: str,
    organiser: str,
    completed_on: date,
    hours: int | None = None,
    qualifies_for: str = "",
) -> StaffTraining:
    _require(actor, Cap.MANAGE_PROGRAMS)
    if user is None or not (user.can(Cap.TAKE_ATTENDANCE) or user.can(Cap.MANAGE_PROGRAMS)):
        raise ValidationError(
            {"user": _("Pilih fasilitator atau kader (pengguna yang memandu kegiatan).")}
        )
    if not isinstance(completed_on, date) or completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("Isi tanggal selesai, tidak di masa depan.")})
    if hours is not None and not 1 <= hours <= 1000:
        raise ValidationError({"hours": _("Jumlah jam antara 1 dan 1.000.")})
    if qualifies_for:
        validation.choice(qualifies_for, Topic, "qualifies_for", _("topik"))
    return StaffTraining.objects.create(
        user=user,
        title=validation.text(title, "title", label=_("Nama pelatihan"), max_length=150),
        organiser=validation.text(organiser, "organiser", label=_("Penyelenggara"), max_length=150),
        completed_on=completed_on,
        hours=hours,
        qualifies_for=qualifies_for or "",
        recorded_by=actor,
    )
