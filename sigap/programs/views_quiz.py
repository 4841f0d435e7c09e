"""Knowledge tests, certificates and the follow-up of outcomes.

``manage_programs`` (Koordinator) keeps the question bank, sets a programme's tests, reads the
results, prints the certificates and records outcomes. ``take_attendance`` (Koordinator,
Pendamping, Kader) enters the answer sheets in the hall, one person at a time; a Kader only for
people of their own dusun (anyone else is 404). Everyone else gets 404. Thin: form → service →
redirect, or the page again with the message beside the field (400).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sigap.core import audit
from sigap.core.access import require_capability
from sigap.core.charts import bar_chart
from sigap.core.forms import add_service_errors
from sigap.core.pagination import paginate
from sigap.core.pdf import pdf_response, render_pdf
from sigap.core.roles import Cap
from sigap.core.templatetags.sigap import percent
from sigap.programs import forms_quiz as f
from sigap.programs import selectors, services
from sigap.programs.models import KnowledgeTest, Programme, Question
from sigap.programs.views import MANAGE, form_status, programme_or_404
from sigap.registry.models import Resident

ENTER_ANSWERS = (Cap.TAKE_ATTENDANCE, Cap.MANAGE_PROGRAMS)
SIGNIFICANT = 0.05  # the p-value under which an item's change is called unlikely to be chance


def _test_or_404(pk: int) -> KnowledgeTest:
    test = selectors.test_or_none(pk)
    if test is None:
        raise Http404
    return test


def _posted(request: HttpRequest):
    """The posted data, or None for a GET (an empty post is still a post: it gets the errors)."""
    return request.POST if request.method == "POST" else None


# ---------------------------------------------------------------------------------------------
# Question bank


@require_capability(*MANAGE)
def question_list(request: HttpRequest) -> HttpResponse:
    form = f.QuestionFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    questions = selectors.question_list(
        topic=data.get("topic", ""), retired=data.get("retired", False)
    )
    context = {
        "form": form,
        "page": paginate(questions, request.GET.get("page"), per_page=50),
        "title": _("Bank soal"),
    }
    return render(request, "programs/quiz_question_list.html", context)


QUESTION_FORMS = {
    Question.Kind.MULTIPLE_CHOICE: f.MultipleChoiceQuestionForm,
    Question.Kind.TRUE_FALSE: f.TrueFalseQuestionForm,
}


@require_capability(*MANAGE)
def question_create(request: HttpRequest) -> HttpResponse:
    """Add a question: multiple choice (``?jenis=pilihan_ganda``, the default) or true/false
    (``?jenis=benar_salah``); the posted ``kind`` says which form was sent."""
    source = request.POST if request.method == "POST" else request.GET
    kind = source.get("kind") or source.get("jenis") or Question.Kind.MULTIPLE_CHOICE
    if kind not in QUESTION_FORMS:
        kind = Question.Kind.MULTIPLE_CHOICE
    form = QUESTION_FORMS[kind](
        _posted(request), initial={"topic": request.GET.get("topik", ""), "kind": kind}
    )
    if request.method == "POST" and form.is_valid():
        try:
            question = services.question_create(actor=request.user, **form.service_fields())
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "options" in exc.error_dict:
                exc = ValidationError({"option_a": exc.error_dict.pop("options"), **exc.error_dict})
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Soal disimpan. Tambahkan soal berikutnya."))
            url = f"{request.path}?jenis={kind}&topik={question.topic}"
            return redirect(url)
    context = {
        "form": form,
        "kind": kind,
        "kinds": Question.Kind.choices,
        "title": _("Soal baru"),
    }
    return render(request, "programs/quiz_question_form.html", context, status=form_status(form))


@require_capability(*MANAGE)
@require_POST
def question_retire(request: HttpRequest, question_id: int) -> HttpResponse:
    question = Question.objects.filter(pk=question_id).first()
    if question is None:
        raise Http404
    services.question_retire(actor=request.user, question=question)
    messages.success(
        request,
        _("Soal tidak dipakai lagi di tes baru. Jawaban yang sudah tercatat tetap tersimpan."),
    )
    return redirect(f"{reverse('programs:question_list')}?topic={question.topic}")


# ---------------------------------------------------------------------------------------------
# A programme's tests


@require_capability(*MANAGE)
def test_create(request: HttpRequest, programme_id: int) -> HttpResponse:
    """Set the programme's pre-, post- or delayed test from the bank of the programme's topic;
    the post-test and the delayed test start from (and must keep) the pre-test's items."""
    programme = programme_or_404(programme_id)
    existing = {t.kind: t for t in programme.tests.all()}
    kinds = [kind for kind in KnowledgeTest.Kind.values if kind not in existing]
    if not kinds:
        messages.info(request, _("Tes awal, tes akhir dan tes tunda program ini sudah dibuat."))
        return redirect("programs:test_results", programme_id=programme.pk)
    pre = existing.get(KnowledgeTest.Kind.PRE)
    pre_ids = list(pre.items.values_list("question_id", flat=True)) if pre else []
    bank = Question.objects.filter(topic=programme.topic)
    questions = (bank.filter(active=True) | bank.filter(pk__in=pre_ids)).order_by("pk")
    initial = {"kind": kinds[0], "given_on": timezone.localdate()}
    if pre:
        initial["questions"] = pre_ids
    form = f.TestForm(_posted(request), kinds=kinds, questions=questions, initial=initial)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["questions"])
        order = {pk: n for n, pk in enumerate(pre_ids)}
        chosen.sort(key=lambda q: (order.get(q.pk, len(order)), q.pk))  # the pre-test's order
        try:
            test = services.test_create(
                actor=request.user,
                programme=programme,
                kind=form.cleaned_data["kind"],
                given_on=form.cleaned_data["given_on"],
                questions=chosen,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(test)s dibuat dengan %(count)s soal. Isi jawaban peserta setelah tes.")
                % {"test": test.get_kind_display(), "count": len(chosen)},
            )
            return redirect("programs:test_results", programme_id=programme.pk)
    context = {
        "programme": programme,
        "form": form,
        "pre": pre,
        "bank_size": questions.count(),
        "title": _("Tes baru"),
    }
    return render(request, "programs/quiz_test_form.html", context, status=form_status(form))


@require_capability(*ENTER_ANSWERS)
def test_list(request: HttpRequest) -> HttpResponse:
    """The tests whose answers the user may enter (a Kader's way in to the answer sheets)."""
    tests = selectors.test_list(user=request.user)
    context = {"page": paginate(tests, request.GET.get("page")), "title": _("Isi jawaban tes")}
    return render(request, "programs/quiz_test_list.html", context)


@require_capability(*ENTER_ANSWERS)
def test_answers(request: HttpRequest, test_id: int) -> HttpResponse:
    """Choose the person whose sheet to enter: the programme's attendees the user may see."""
    test = _test_or_404(test_id)
    people = selectors.test_participants(user=request.user, test=test)
    query = request.GET.get("q", "").strip()
    shown = [p for p in people if query.casefold() in p.name.casefold()] if query else people
    context = {
        "test": test,
        "programme": test.programme,
        "people": shown,
        "total": len(people),
        "done": sum(1 for p in people if p.answered),
        "query": query,
        "can_manage": request.user.can(Cap.MANAGE_PROGRAMS),
        "title": test.get_kind_display(),
    }
    return render(request, "programs/quiz_answer_people.html", context)


@require_capability(*ENTER_ANSWERS)
def test_answer_sheet(request: HttpRequest, test_id: int, resident_id: int) -> HttpResponse:
    """One person's answer sheet: a radio group per item, blank allowed. Saving again replaces
    the sheet."""
    test = _test_or_404(test_id)
    person = selectors.test_participant_or_none(user=request.user, test=test, pk=resident_id)
    if person is None:
        raise Http404
    items = list(test.items.select_related("question"))
    recorded = selectors.test_sheet(test=test, resident=person)
    initial = {
        f"q{pk}": f.BLANK if chosen is None else str(chosen) for pk, chosen in recorded.items()
    }
    form = f.AnswerSheetForm(_posted(request), items=items, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            correct = services.answers_record(
                actor=request.user, test=test, resident=person, chosen=form.chosen()
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request,
                _("Jawaban %(name)s tersimpan: %(correct)s dari %(items)s benar.")
                % {"name": person.name, "correct": correct, "items": len(items)},
            )
            return redirect("programs:test_answers", test_id=test.pk)
    context = {
        "test": test,
        "programme": test.programme,
        "person": person,
        "form": form,
        "recorded": bool(recorded),
        "title": test.get_kind_display(),
    }
    return render(request, "programs/quiz_answer_sheet.html", context, status=form_status(form))


# ---------------------------------------------------------------------------------------------
# Results


KIND_ORDER = [KnowledgeTest.Kind.PRE, KnowledgeTest.Kind.POST, KnowledgeTest.Kind.DELAYED]


@require_capability(*MANAGE)
def test_results(request: HttpRequest, programme_id: int) -> HttpResponse:
    """The class summary, a chart of each item before and after, each person's scores and the
    item analysis with McNemar's test. Results that are not positive are said so."""
    programme = programme_or_404(programme_id)
    results = selectors.test_results(programme)
    kinds = [kind for kind in KIND_ORDER if kind in results.tests]
    rows = [
        {
            "person": person,
            "scores": [(KnowledgeTest.Kind(kind).label, person.scores.get(kind)) for kind in kinds],
        }
        for person in results.people
    ]
    chart_rows = []
    for item in results.items:
        if item.before is not None:
            chart_rows.append(
                (_("No. %(n)s awal") % {"n": item.position}, item.before, percent(item.before, 0))
            )
        if item.after is not None:
            chart_rows.append(
                (_("No. %(n)s akhir") % {"n": item.position}, item.after, percent(item.after, 0))
            )
    summary = results.summary
    worse_items = [
        i for i in results.items if i.test and i.test.right_to_wrong > i.test.wrong_to_right
    ]
    context = {
        "programme": programme,
        "results": results,
        "summary": summary,
        "kinds": [(kind, KnowledgeTest.Kind(kind).label) for kind in kinds],
        "missing": [
            (kind, KnowledgeTest.Kind(kind).label)
            for kind in KIND_ORDER
            if kind not in results.tests
        ],
        "rows": rows,
        "chart": bar_chart(chart_rows, high=1.0, label_width=90) if chart_rows else None,
        "not_positive": summary is not None and summary.mean_gain <= 0,
        "worse_items": worse_items,
        "significant": SIGNIFICANT,
        "title": _("Hasil tes"),
    }
    return render(request, "programs/quiz_results.html", context)


# ---------------------------------------------------------------------------------------------
# Certificates


def _course_dates(programme: Programme):
    """The first and last session held (not cancelled, not in the future), or the programme's
    own dates when none is."""
    held = programme.sessions.filter(cancelled=False, date__lte=timezone.localdate())
    first = held.order_by("date").values_list("date", flat=True).first()
    last = held.order_by("-date").values_list("date", flat=True).first()
    return first or programme.starts_on, last or programme.ends_on or programme.starts_on


def _certificates_pdf(request: HttpRequest, programme: Programme, people: list[Resident]) -> bytes:
    first, last = _course_dates(programme)
    return render_pdf(
        "pdf/programs_certificate.html",
        {
            "programme": programme,
            "people": people,
            "first": first,
            "last": last,
            "sessions_held": programme.sessions.filter(
                cancelled=False, date__lte=timezone.localdate()
            ).count(),
            "title": _("Sertifikat"),
            "footer": programme.title,
        },
        request=request,
    )


@require_capability(*MANAGE)
def certificates(request: HttpRequest, programme_id: int) -> HttpResponse:
    """Every completer's certificate in one PDF, a page each."""
    programme = programme_or_404(programme_id)
    people = selectors.completers(programme)
    if not people:
        messages.error(
            request,
            _(
                "Belum ada peserta yang menyelesaikan program ini (hadir paling sedikit "
                "%(share)s sesi yang sudah berlangsung), jadi belum ada sertifikat."
            )
            % {"share": "75%"},
        )
        return redirect("programs:programme_detail", programme_id=programme.pk)
    content = _certificates_pdf(request, programme, people)
    audit.log_export(
        actor=request.user,
        obj=programme,
        what="programme_certificates",
        rows=len(people),
        filters={},
    )
    return pdf_response(content, f"sertifikat-program-{programme.pk}.pdf")


@require_capability(*MANAGE)
def certificate(request: HttpRequest, programme_id: int, resident_id: int) -> HttpResponse:
    """One completer's certificate; anyone who did not complete the course gets 404."""
    programme = programme_or_404(programme_id)
    person = next((p for p in selectors.completers(programme) if p.pk == resident_id), None)
    if person is None:
        raise Http404
    content = _certificates_pdf(request, programme, [person])
    audit.log_export(
        actor=request.user,
        obj=programme,
        what="programme_certificate",
        rows=1,
        filters={"resident": person.pk},
    )
    return pdf_response(content, f"sertifikat-program-{programme.pk}-{person.pk}.pdf")


# ---------------------------------------------------------------------------------------------
# Follow-up of outcomes


@require_capability(*MANAGE)
def outcome_list(request: HttpRequest, programme_id: int) -> HttpResponse:
    """The completers with the outcomes recorded for them, and the count per kind of outcome."""
    programme = programme_or_404(programme_id)
    people = selectors.completers(programme)
    recorded: dict[int, list] = {}
    for outcome in selectors.outcomes(programme):
        recorded.setdefault(outcome.resident_id, []).append(outcome)
    for person in people:
        person.outcomes = recorded.get(person.pk, [])
    counts = selectors.outcome_counts(programme)
    context = {
        "programme": programme,
        "people": people,
        "counts": counts,
        "followed": sum(1 for p in people if p.outcomes),
        "skills": programme.kind == Programme.Kind.SKILLS,
        "title": _("Tindak lanjut peserta"),
    }
    return render(request, "programs/outcome_list.html", context)


@require_capability(*MANAGE)
def outcome_record(request: HttpRequest, programme_id: int) -> HttpResponse:
    """Record one outcome for one completer (``?orang=<id>`` chooses them beforehand)."""
    programme = programme_or_404(programme_id)
    ids = [p.pk for p in selectors.completers(programme)]
    people = Resident.objects.filter(pk__in=ids).select_related("dusun").order_by("name", "pk")
    chosen = request.GET.get("orang", "")
    initial = {"recorded_on": timezone.localdate()}
    if chosen.isdigit() and int(chosen) in ids:
        initial["resident"] = int(chosen)
    form = f.OutcomeForm(_posted(request), people=people, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.outcome_record(
                actor=request.user,
                programme=programme,
                resident=data["resident"],
                kind=data["kind"],
                recorded_on=data["recorded_on"],
                note=data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Hasil tindak lanjut dicatat."))
            return redirect("programs:outcome_list", programme_id=programme.pk)
    context = {
        "programme": programme,
        "form": form,
        "title": _("Catat hasil tindak lanjut"),
    }
    return render(request, "programs/outcome_form.html", context, status=form_status(form))
