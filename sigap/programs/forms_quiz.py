"""Forms of the knowledge tests (question bank, tests, answer sheets), the certificates and the
follow-up of outcomes. They check what a person can fix on the page (an empty option, two equal
options, no correct answer) beside the field; the services check the rest again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sigap.programs.models import KnowledgeTest, Outcome, Question, Topic

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ALL = [("", _("Semua topik"))]
LETTERS = "ABCDE"
BLANK = ""  # the radio value of an item left unanswered


class QuestionFilterForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topik"), required=False, choices=ALL + Topic.choices)
    retired = forms.BooleanField(
        label=_("Tampilkan juga soal yang sudah tidak dipakai"), required=False
    )


class MultipleChoiceQuestionForm(forms.Form):
    """A multiple-choice question: 2 to 5 options (A–E, the empty ones left out) and the
    correct one."""

    kind = forms.CharField(widget=forms.HiddenInput, initial=Question.Kind.MULTIPLE_CHOICE)
    topic = forms.ChoiceField(label=_("Topik"), choices=Topic.choices)
    text = forms.CharField(
        label=_("Pertanyaan"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tulis dengan bahasa sehari-hari, satu hal per soal."),
        error_messages={"required": _("Tulis pertanyaannya.")},
    )
    option_a = forms.CharField(label=_("Pilihan A"), max_length=200, required=False)
    option_b = forms.CharField(label=_("Pilihan B"), max_length=200, required=False)
    option_c = forms.CharField(label=_("Pilihan C"), max_length=200, required=False)
    option_d = forms.CharField(label=_("Pilihan D"), max_length=200, required=False)
    option_e = forms.CharField(label=_("Pilihan E"), max_length=200, required=False)
    correct = forms.ChoiceField(
        label=_("Jawaban yang benar"),
        choices=[(str(n), letter) for n, letter in enumerate(LETTERS)],
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih jawaban yang benar (A sampai E).")},
    )

    option_names = [f"option_{letter.lower()}" for letter in LETTERS]

    def clean(self):
        data = super().clean()
        texts = [" ".join((data.get(name) or "").split()) for name in self.option_names]
        filled = [(name, text) for name, text in zip(self.option_names, texts, strict=True) if text]
        if len(filled) < 2:
            missing = next(n for n, t in zip(self.option_names, texts, strict=True) if not t)
            self.add_error(
                missing, _("Isi paling sedikit dua pilihan jawaban (A dan B, misalnya).")
            )
        seen: dict[str, str] = {}
        for name, text in filled:
            first = seen.setdefault(text.casefold(), name)
            if first != name:
                self.add_error(
                    name,
                    _("Pilihan ini sama dengan pilihan %(letter)s; tulis pilihan yang berbeda.")
                    % {"letter": first[-1].upper()},
                )
        correct = data.get("correct")
        if correct not in (None, "") and not texts[int(correct)]:
            self.add_error(
                "correct",
                _("Pilihan %(letter)s masih kosong; pilih jawaban benar dari pilihan yang diisi.")
                % {"letter": LETTERS[int(correct)]},
            )
        data["options"] = texts
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "topic": data["topic"],
            "kind": Question.Kind.MULTIPLE_CHOICE,
            "text": data["text"],
            "options": data["options"],
            "correct": int(data["correct"]),
        }


class TrueFalseQuestionForm(forms.Form):
    """A statement that is either true or false."""

    kind = forms.CharField(widget=forms.HiddenInput, initial=Question.Kind.TRUE_FALSE)
    topic = forms.ChoiceField(label=_("Topik"), choices=Topic.choices)
    text = forms.CharField(
        label=_("Pernyataan"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Misalnya: “Calon pekerja migran boleh berangkat tanpa perjanjian kerja.”"),
        error_messages={"required": _("Tulis pernyataannya.")},
    )
    correct = forms.ChoiceField(
        label=_("Pernyataan ini"),
        choices=[("0", _("Benar")), ("1", _("Salah"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih apakah pernyataan ini benar atau salah.")},
    )

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "topic": data["topic"],
            "kind": Question.Kind.TRUE_FALSE,
            "text": data["text"],
            "options": [],
            "correct": int(data["correct"]),
        }


class QuestionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Question) -> str:
        options = " / ".join(obj.options)
        return f"{obj.text} ({options})"


class TestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis tes"), choices=KnowledgeTest.Kind.choices)
    given_on = forms.DateField(label=_("Tanggal tes"), widget=DATE)
    questions = QuestionChoiceField(
        label=_("Soal"),
        queryset=Question.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih paling sedikit satu soal.")},
    )

    def __init__(self, *args, kinds, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (kind, label) for kind, label in KnowledgeTest.Kind.choices if kind in kinds
        ]
        self.fields["questions"].queryset = questions


class AnswerSheetForm(forms.Form):
    """One radio group per item of the test; an item may be left unanswered."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            question = item.question
            choices = [
                (str(n), f"{LETTERS[n]}. {text}" if len(question.options) > 2 else text)
                for n, text in enumerate(question.options)
            ]
            choices.append((BLANK, _("Tidak dijawab")))
            self.fields[f"q{question.pk}"] = forms.ChoiceField(
                label=f"{item.position}. {question.text}",
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
            )

    def chosen(self) -> dict[int, int | None]:
        """Question id → the option picked (None for blank), for ``services.answers_record``."""
        result: dict[int, int | None] = {}
        for item in self.items:
            value = self.cleaned_data.get(f"q{item.question_id}")
            result[item.question_id] = None if value in (None, BLANK) else int(value)
        return result


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} · {obj.dusun.name}"


class OutcomeForm(forms.Form):
    resident = PersonChoiceField(
        label=_("Peserta"),
        queryset=None,
        empty_label=_("Pilih peserta yang menyelesaikan program"),
    )
    kind = forms.ChoiceField(
        label=_("Hasil"), choices=Outcome.Kind.choices, widget=forms.RadioSelect
    )
    recorded_on = forms.DateField(label=_("Tanggal tindak lanjut"), widget=DATE)
    note = forms.CharField(
        label=_("Keterangan"),
        max_length=200,
        required=False,
        help_text=_("Misalnya: bekerja di konveksi di Mataram, usaha kue di rumah."),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = people
