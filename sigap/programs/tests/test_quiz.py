"""Knowledge tests: the question bank's refusals, setting a programme's tests, answer sheets
entered on a phone (idempotent; a Kader only for their own dusun), and the results page whose
scores, gains, normalised gains and McNemar tests are checked against values computed by hand."""

import re
from datetime import date

import pytest
from django.urls import reverse

from conftest import login_client
from sigap.programs import selectors, services
from sigap.programs.models import Answer, KnowledgeTest, Question
from sigap.registry.tests.factories import household as make_household
from sigap.registry.tests.factories import resident as make_resident

pytestmark = pytest.mark.django_db

# Four items: three multiple choice and one true/false. The correct option of each.
ITEMS = [
    ("Apa syarat berangkat kerja ke luar negeri secara resmi?", ["KTP saja", "Paspor", "Visa"], 0),
    ("Siapa yang boleh menempatkan pekerja migran?", ["Calo", "P3MI berizin", "Teman"], 1),
    ("Di mana mengurus dokumen?", ["Di rumah calo", "Di jalan", "LTSA"], 2),
    ("Pekerja migran boleh berangkat tanpa perjanjian kerja.", None, 1),
]


@pytest.fixture
def bank(koordinator):
    questions = []
    for text, options, correct in ITEMS:
        questions.append(
            services.question_create(
                actor=koordinator,
                topic="migrasi_aman",
                kind="pilihan_ganda" if options else "benar_salah",
                text=text,
                options=options or [],
                correct=correct,
            )
        )
    return questions


@pytest.fixture
def neighbour(admin, other_dusun):
    """A woman from the other dusun (outside the Kader's scope)."""
    home = make_household(admin, other_dusun, kk_number="5201012003180004")
    return make_resident(
        admin,
        home,
        "Inaq Rahmah",
        sex="P",
        nik="5201016003750005",
        birth_date=date(1975, 3, 20),
        relationship=1,
    )


@pytest.fixture
def class_of_four(koordinator, household, neighbour, session):
    """The father, the mother, the daughter and the neighbour all came to the session."""
    _home, father, mother, daughter = household
    people = [father, mother, daughter, neighbour]
    for person in people:
        services.attendance_mark(actor=koordinator, session=session, resident=person)
    return people


@pytest.fixture
def tests(koordinator, programme, bank):
    pre = services.test_create(
        actor=koordinator,
        programme=programme,
        kind="pre",
        given_on=date(2026, 1, 10),
        questions=bank,
    )
    post = services.test_create(
        actor=koordinator,
        programme=programme,
        kind="post",
        given_on=date(2026, 1, 10),
        questions=bank,
    )
    return pre, post


def _sheet(test: KnowledgeTest, right: list[int]) -> dict[int, int | None]:
    """An answer sheet with item i right when right[i] is 1 and wrong (a wrong option, or left
    blank for the last item) otherwise."""
    sheet = {}
    for n, item in enumerate(test.items.select_related("question")):
        question = item.question
        if right[n]:
            sheet[question.pk] = question.correct
        elif n == len(right) - 1:
            sheet[question.pk] = None
        else:
            sheet[question.pk] = (question.correct + 1) % len(question.options)
    return sheet


# Who was right on each item (1) before and after, chosen so the numbers are easy by hand.
#                 pre           post          pre score  post score  gain  g
PATTERNS = [
    ([1, 0, 0, 0], [1, 1, 1, 1]),  # father    25   100   +75   75/75 = 1.00
    ([1, 1, 0, 0], [1, 1, 1, 0]),  # mother    50    75   +25   25/50 = 0.50
    ([0, 0, 0, 0], [1, 0, 0, 0]),  # daughter   0    25   +25   25/100 = 0.25
    ([1, 1, 1, 0], [0, 1, 1, 0]),  # neighbour 75    50   −25   −25/25 = −1.00
]


@pytest.fixture
def answered(koordinator, tests, class_of_four):
    pre, post = tests
    for person, (before, after) in zip(class_of_four, PATTERNS, strict=True):
        services.answers_record(
            actor=koordinator, test=pre, resident=person, chosen=_sheet(pre, before)
        )
        services.answers_record(
            actor=koordinator, test=post, resident=person, chosen=_sheet(post, after)
        )
    return class_of_four


def _by_testid(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</', html, re.S)
    assert match, testid
    return match.group(1).strip()


def _row(html: str, testid: str) -> list[str]:
    """The cells' text of the table row marked ``testid``."""
    match = re.search(rf'<tr data-testid="{testid}">(.*?)</tr>', html, re.S)
    assert match, testid
    cells = re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c)).strip() for c in cells]


# ---------------------------------------------------------------------------------------------
# Results against hand-computed values


def test_the_results_page_shows_hand_computed_scores_gains_and_mcnemar(
    koordinator, programme, answered
):
    father, mother, daughter, neighbour = answered
    response = login_client(koordinator).get(reverse("programs:test_results", args=[programme.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    # The class: means 37.5 → 62.5, gain 25, ⟨g⟩ = 25 / 62.5 = 0.40; 2 of 4 reach 70.
    assert _by_testid(html, "people-both") == "4"
    assert _by_testid(html, "mean-pre") == "37,5"
    assert _by_testid(html, "mean-post") == "62,5"
    assert _by_testid(html, "mean-gain") == "25,0"
    assert _by_testid(html, "class-g") == "0,40"
    assert _by_testid(html, "share-passing") == "50%"
    assert 'data-testid="not-positive"' not in html
    # Each person: pre, post, gain, g, passed.
    assert _row(html, f"person-{father.pk}")[1:] == ["25,0", "100,0", "75,0", "1,00", "Lulus"]
    assert _row(html, f"person-{mother.pk}")[1:] == ["50,0", "75,0", "25,0", "0,50", "Lulus"]
    assert _row(html, f"person-{daughter.pk}")[1:] == ["0,0", "25,0", "25,0", "0,25", "Belum"]
    assert _row(html, f"person-{neighbour.pk}")[1:] == ["75,0", "50,0", "-25,0", "-1,00", "Belum"]
    # Items. No. 1: right before 3/4, after 3/4; b = 1 (daughter), c = 1 (neighbour);
    # exact p = 2 × P(X ≤ 1 | n=2) = 2 × 3/4, capped at 1.
    assert _row(html, "item-1")[2:] == ["75%", "75%", "1", "1", "1,000", "eksak"]
    # No. 3: 1/4 → 3/4; b = 2 (father, mother), c = 0; p = 2 × (1/2)² = 0.5.
    assert _row(html, "item-3")[2:] == ["25%", "75%", "2", "0", "0,500", "eksak"]
    # No. 4 (true/false, the last item left blank when wrong): 0/4 → 1/4.
    assert _row(html, "item-4")[2:] == ["0%", "25%", "1", "0", "1,000", "eksak"]
    # The neighbour got No. 1 wrong after being right: the page says more people got worse on
    # no item (1 up, 1 down on No. 1), and explains what a small p means.
    assert 'data-testid="worse-items"' not in html
    assert "kecil kemungkinannya terjadi hanya karena kebetulan" in html


def test_the_selector_gives_the_same_numbers(programme, answered):
    results = selectors.test_results(programme)
    summary = results.summary
    assert summary.people == 4
    assert summary.mean_pre == pytest.approx(37.5)
    assert summary.mean_post == pytest.approx(62.5)
    assert summary.normalised_gain == pytest.approx(0.4)
    assert summary.share_passing_post == pytest.approx(0.5)
    by_name = {p.resident.name: p for p in results.people}
    assert by_name["Inaq Rahmah"].normalised_gain == pytest.approx(-1.0)
    item3 = results.items[2].test
    assert (item3.wrong_to_right, item3.right_to_wrong, item3.p_value) == (2, 0, 0.5)


def test_results_that_are_not_positive_are_said_so(koordinator, programme, tests, class_of_four):
    pre, post = tests
    # Everyone right on items 1–2 before, and on item 1 only after: 50 → 25.
    for person in class_of_four:
        services.answers_record(
            actor=koordinator, test=pre, resident=person, chosen=_sheet(pre, [1, 1, 0, 0])
        )
        services.answers_record(
            actor=koordinator, test=post, resident=person, chosen=_sheet(post, [1, 0, 0, 0])
        )
    html = (
        login_client(koordinator)
        .get(reverse("programs:test_results", args=[programme.pk]))
        .content.decode()
    )
    assert _by_testid(html, "mean-gain") == "-25,0"
    assert _by_testid(html, "class-g") == "-0,50"
    assert 'data-testid="not-positive"' in html
    # Item 2: four people from right to wrong (c = 4, b = 0), named as an item that got worse.
    assert _row(html, "item-2")[2:] == ["100%", "0%", "0", "4", "0,125", "eksak"]
    worse = re.search(r'data-testid="worse-items"(.*?)</p>', html, re.S).group(1)
    assert "No. 2." in re.sub(r"<[^>]+>", "", worse)


def test_mcnemar_with_many_discordant_pairs_uses_chi_square(
    admin, koordinator, programme, session, dusun
):
    """30 people, one item: 20 learnt it, 5 forgot it, 5 knew it both times. b + c = 25, so
    χ² = (|20 − 5| − 1)² / 25 = 7.84 and p = erfc(√(7.84 / 2)) ≈ 0.0051."""
    question = services.question_create(
        actor=koordinator,
        topic="migrasi_aman",
        kind="benar_salah",
        text="Paspor boleh ditahan oleh majikan.",
        options=[],
        correct=1,
    )
    pre, post = (
        services.test_create(
            actor=koordinator,
            programme=programme,
            kind=kind,
            given_on=date(2026, 1, 10),
            questions=[question],
        )
        for kind in ("pre", "post")
    )
    home = make_household(admin, dusun, kk_number="5201011503150099")
    pattern = [(0, 1)] * 20 + [(1, 0)] * 5 + [(1, 1)] * 5
    for n, (before, after) in enumerate(pattern):
        person = make_resident(admin, home, f"Peserta {n:02d}")
        services.attendance_mark(actor=koordinator, session=session, resident=person)
        for test, right in ((pre, before), (post, after)):
            services.answers_record(
                actor=koordinator,
                test=test,
                resident=person,
                chosen={question.pk: 1 if right else 0},
            )
    html = (
        login_client(koordinator)
        .get(reverse("programs:test_results", args=[programme.pk]))
        .content.decode()
    )
    row = _row(html, "item-1")
    assert row[2:6] == ["33%", "83%", "20", "5"]
    assert row[6].startswith("0,005")
    assert "bermakna" in row[6]
    assert row[7] == "χ² = 7,84"


# ---------------------------------------------------------------------------------------------
# Answer sheets


def test_answers_record_twice_replaces_the_sheet(koordinator, tests, class_of_four):
    pre, _post = tests
    father = class_of_four[0]
    first = services.answers_record(
        actor=koordinator, test=pre, resident=father, chosen=_sheet(pre, [1, 1, 1, 1])
    )
    again = services.answers_record(
        actor=koordinator, test=pre, resident=father, chosen=_sheet(pre, [1, 0, 0, 0])
    )
    assert (first, again) == (4, 1)
    rows = Answer.objects.filter(test=pre, resident=father)
    assert rows.count() == 4
    assert rows.filter(is_correct=True).count() == 1
    assert rows.filter(chosen__isnull=True).count() == 1  # the blank last item


def test_the_answer_sheet_page_saves_and_resaving_replaces(koordinator, tests, class_of_four):
    pre, _post = tests
    father = class_of_four[0]
    client = login_client(koordinator)
    people = client.get(reverse("programs:test_answers", args=[pre.pk]))
    assert people.status_code == 200
    assert "Inaq Rahmah" in people.content.decode()
    assert "Dasan Baru" in people.content.decode()  # the dusun beside the name
    url = reverse("programs:test_answer_sheet", args=[pre.pk, father.pk])
    q = [item.question for item in pre.items.select_related("question")]
    response = client.post(url, {f"q{q[0].pk}": "0", f"q{q[1].pk}": "1", f"q{q[2].pk}": ""})
    assert response.status_code == 302
    assert Answer.objects.filter(test=pre, resident=father, is_correct=True).count() == 2
    assert Answer.objects.get(test=pre, resident=father, question=q[3]).chosen is None
    # The form shows the recorded sheet; saving another replaces it.
    page = client.get(url).content.decode()
    assert 'data-testid="recorded"' in page
    assert re.search(rf'name="q{q[1].pk}" value="1"[^>]*checked', page)
    client.post(url, {f"q{q[0].pk}": "2", f"q{q[3].pk}": "1"})
    rows = Answer.objects.filter(test=pre, resident=father)
    assert rows.count() == 4
    assert rows.filter(is_correct=True).count() == 1  # only the true/false item now


def test_an_empty_sheet_is_refused_and_nothing_written(koordinator, tests, class_of_four):
    pre, _post = tests
    url = reverse("programs:test_answer_sheet", args=[pre.pk, class_of_four[0].pk])
    response = login_client(koordinator).post(url, {})
    assert response.status_code == 400
    assert "Lembar jawaban kosong" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_kader_enters_answers_only_for_people_of_their_own_dusun(kader, tests, class_of_four):
    pre, _post = tests
    father, _mother, _daughter, neighbour = class_of_four
    client = login_client(kader)
    listing = client.get(reverse("programs:test_answers", args=[pre.pk])).content.decode()
    assert father.name in listing
    assert neighbour.name not in listing
    q = pre.items.first().question
    own = reverse("programs:test_answer_sheet", args=[pre.pk, father.pk])
    assert client.get(own).status_code == 200
    assert client.post(own, {f"q{q.pk}": str(q.correct)}).status_code == 302
    other = reverse("programs:test_answer_sheet", args=[pre.pk, neighbour.pk])
    assert client.get(other).status_code == 404
    assert client.post(other, {f"q{q.pk}": str(q.correct)}).status_code == 404
    assert not Answer.objects.filter(resident=neighbour).exists()
    # The Kader finds the test from their own list of tests.
    tests_page = client.get(reverse("programs:test_list")).content.decode()
    assert reverse("programs:test_answers", args=[pre.pk]) in tests_page


def test_someone_who_never_attended_has_no_answer_sheet(koordinator, tests, household):
    pre, _post = tests
    father = household[1]  # no attendance recorded
    url = reverse("programs:test_answer_sheet", args=[pre.pk, father.pk])
    assert login_client(koordinator).get(url).status_code == 404


# ---------------------------------------------------------------------------------------------
# Question bank


QUESTION_URL = "programs:question_create"


def _mc(**changes) -> dict:
    data = {
        "kind": "pilihan_ganda",
        "topic": "migrasi_aman",
        "text": "Apa kepanjangan LTSA?",
        "option_a": "Layanan Terpadu Satu Atap",
        "option_b": "Lembaga Tenaga Sosial Asing",
        "option_c": "",
        "option_d": "",
        "option_e": "",
        "correct": "0",
    }
    data.update(changes)
    return data


def test_a_multiple_choice_question_is_saved(koordinator):
    client = login_client(koordinator)
    # Options A, C and D filled, B blank: C (index 2 on the form) is the correct one.
    data = _mc(option_b="", option_c="Lembaga Tenaga Sosial Asing", option_d="Tidak tahu")
    data["correct"] = "2"
    response = client.post(reverse(QUESTION_URL), data)
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.options == [
        "Layanan Terpadu Satu Atap",
        "Lembaga Tenaga Sosial Asing",
        "Tidak tahu",
    ]
    assert question.options[question.correct] == "Lembaga Tenaga Sosial Asing"


def test_a_true_false_question_is_saved(koordinator):
    client = login_client(koordinator)
    response = client.post(
        reverse(QUESTION_URL),
        {
            "kind": "benar_salah",
            "topic": "uu_tppo",
            "text": "Korban TPPO berhak atas restitusi.",
            "correct": "0",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert (question.kind, question.options, question.correct) == (
        "benar_salah",
        ["Benar", "Salah"],
        0,
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"option_b": ""}, "option_b", "Isi paling sedikit dua pilihan jawaban"),
        ({"option_b": "layanan  terpadu satu atap"}, "option_b", "sama dengan pilihan A"),
        ({"correct": ""}, "correct", "Pilih jawaban yang benar"),
        ({"correct": "3"}, "correct", "Pilihan D masih kosong"),
        ({"text": ""}, "text", "Tulis pertanyaannya"),
    ],
)
def test_a_bad_question_is_refused_beside_the_field_and_nothing_written(
    koordinator, changes, field, message
):
    response = login_client(koordinator).post(reverse(QUESTION_URL), _mc(**changes))
    assert response.status_code == 400
    html = response.content.decode()
    error = re.search(rf'id="id_{field}_error">(.*?)</p>', html, re.S)
    assert error, html
    assert message.casefold() in error.group(1).casefold()
    assert not Question.objects.exists()


def test_the_bank_lists_by_topic_and_a_retired_question_leaves_new_tests(koordinator, bank):
    client = login_client(koordinator)
    page = client.get(reverse("programs:question_list"), {"topic": "migrasi_aman"})
    assert page.status_code == 200
    assert bank[0].text in page.content.decode()
    other = client.get(reverse("programs:question_list"), {"topic": "uu_tppo"}).content.decode()
    assert bank[0].text not in other
    response = client.post(reverse("programs:question_retire", args=[bank[0].pk]))
    assert response.status_code == 302
    bank[0].refresh_from_db()
    assert not bank[0].active
    page = client.get(reverse("programs:question_list"), {"topic": "migrasi_aman"})
    assert bank[0].text not in page.content.decode()


# ---------------------------------------------------------------------------------------------
# Setting a programme's tests


def test_the_post_test_starts_from_the_pre_tests_items(koordinator, programme, bank):
    client = login_client(koordinator)
    url = reverse("programs:test_create", args=[programme.pk])
    chosen = [q.pk for q in bank[:3]]
    response = client.post(url, {"kind": "pre", "given_on": "2026-01-10", "questions": chosen})
    assert response.status_code == 302
    pre = programme.tests.get(kind="pre")
    assert list(pre.items.values_list("question_id", flat=True)) == chosen
    # The form for the next test offers the post-test with the pre-test's items ticked.
    html = client.get(url).content.decode()
    for pk in chosen:
        assert re.search(rf'value="{pk}"[^>]*checked', html)
    assert not re.search(rf'value="{bank[3].pk}"[^>]*checked', html)
    # A different set of items is refused, with the reason beside the field.
    response = client.post(
        url, {"kind": "post", "given_on": "2026-02-10", "questions": [q.pk for q in bank]}
    )
    assert response.status_code == 400
    assert "sama dengan tes awal" in response.content.decode()
    # A pre-test item retired meanwhile may still be asked again.
    services.question_retire(actor=koordinator, question=bank[0])
    response = client.post(url, {"kind": "post", "given_on": "2026-02-10", "questions": chosen})
    assert response.status_code == 302
    assert programme.tests.get(kind="post").items.count() == 3


# ---------------------------------------------------------------------------------------------
# Access


def test_outsiders_get_404_everywhere(personas, programme, tests, class_of_four):
    pre, _post = tests
    father = class_of_four[0]
    manage_only = [
        reverse("programs:question_list"),
        reverse("programs:question_create"),
        reverse("programs:test_create", args=[programme.pk]),
        reverse("programs:test_results", args=[programme.pk]),
    ]
    answers = [
        reverse("programs:test_list"),
        reverse("programs:test_answers", args=[pre.pk]),
        reverse("programs:test_answer_sheet", args=[pre.pk, father.pk]),
    ]
    for role in ("outsider", "mitra", "analis", "pengurus_koperasi", "admin_desa"):
        client = login_client(personas[role])
        for url in manage_only + answers:
            assert client.get(url).status_code == 404, (role, url)
    for role in ("kader", "pendamping"):
        client = login_client(personas[role])
        for url in manage_only:
            assert client.get(url).status_code == 404, (role, url)
        for url in answers:
            assert client.get(url).status_code == 200, (role, url)


def test_a_missing_test_or_question_is_404(koordinator):
    client = login_client(koordinator)
    assert client.get(reverse("programs:test_answers", args=[999])).status_code == 404
    assert client.post(reverse("programs:question_retire", args=[999])).status_code == 404
    assert client.get(reverse("programs:test_results", args=[999])).status_code == 404
