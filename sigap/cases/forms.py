from django import forms
from django.utils.translation import gettext_lazy as _

from sigap.accounts import selectors as account_selectors
from sigap.accounts.models import User
from sigap.cases import vocabulary as v
from sigap.cases.models import Consent, PlanAction, Session, StageChoices
from sigap.cases.wellbeing import ITEM_COUNT
from sigap.core.roles import Cap, Role
from sigap.partners import selectors as partner_selectors
from sigap.partners.models import NeedArea, Organisation, Service

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BLANK = [("", "—")]


def users_with(role: Role):
    return User.objects.filter(is_active=True, role_assignments__role=role).order_by("full_name")


def _case_workers():
    """Pendamping and Koordinator: the users who work cases."""
    return account_selectors.users_with(Cap.WORK_CASES)


class CaseSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Cari nama atau nomor kasus"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    stage = forms.ChoiceField(
        label=_("Tahap"),
        required=False,
        choices=[("open", _("Semua yang berjalan")), ("", _("Semua"))] + list(StageChoices.choices),
    )
    case_type = forms.ChoiceField(
        label=_("Jenis"), required=False, choices=BLANK + list(v.CaseType.choices)
    )
    risk_level = forms.ChoiceField(
        label=_("Risiko"), required=False, choices=BLANK + list(v.RiskLevel.choices)
    )
    overdue = forms.BooleanField(label=_("Hanya yang terlambat"), required=False)


class CaseOpenForm(forms.Form):
    case_type = forms.ChoiceField(label=_("Jenis kasus"), choices=v.CaseType.choices)
    intake_source = forms.ChoiceField(label=_("Asal kasus"), choices=v.IntakeSource.choices)
    risk_level = forms.ChoiceField(label=_("Tingkat risiko"), choices=v.RiskLevel.choices)
    supervisor = forms.ModelChoiceField(
        label=_("Koordinator (penyelia)"), queryset=User.objects.none()
    )
    workers = forms.ModelMultipleChoiceField(
        label=_("Pendamping"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Anda sendiri ikut ditugaskan bila bukan koordinatornya."),
    )
    opened_on = forms.DateField(label=_("Tanggal dibuka"), widget=DATE)
    summary = forms.CharField(
        label=_("Ringkasan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Disimpan terenkripsi. Tulis seperlunya."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = users_with(Role.KOORDINATOR)
        self.fields["workers"].queryset = users_with(Role.PENDAMPING)


class CaseEditForm(forms.Form):
    case_type = forms.ChoiceField(label=_("Jenis kasus"), choices=v.CaseType.choices)
    risk_level = forms.ChoiceField(label=_("Tingkat risiko"), choices=v.RiskLevel.choices)
    trafficking_status = forms.ChoiceField(
        label=_("Status TPPO"), choices=v.TraffickingStatus.choices
    )
    status_decided_by = forms.ModelChoiceField(
        label=_("Status diputuskan oleh"),
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        help_text=_("Wajib untuk status korban atau bukan korban (misalnya UPTD PPA, kepolisian)."),
    )
    summary = forms.CharField(
        label=_("Ringkasan"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class TransitionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TeamForm(forms.Form):
    OPERATIONS = [
        ("add", _("Tambah pendamping")),
        ("transfer", _("Alihkan dari pendamping lain")),
        ("remove", _("Lepaskan pendamping")),
        ("supervisor", _("Serahkan ke koordinator lain")),
    ]
    operation = forms.ChoiceField(label=_("Tindakan"), choices=OPERATIONS)
    user = forms.ModelChoiceField(
        label=_("Pendamping atau koordinator"), queryset=User.objects.none()
    )
    from_user = forms.ModelChoiceField(
        label=_("Dialihkan dari"), queryset=User.objects.none(), required=False
    )
    override_reason = forms.CharField(
        label=_("Alasan tanpa persetujuan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Hanya bila orang ini belum setuju datanya dibagikan."),
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = _case_workers()
        if case is not None:
            self.fields["from_user"].queryset = User.objects.filter(
                case_work__case=case, case_work__ended_at__isnull=True
            )


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan darurat"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Akses berlaku satu jam, dicatat dan terlihat oleh tim kasus."),
    )


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Untuk keperluan"), choices=Consent.Purpose.choices)
    given = forms.TypedChoiceField(
        label=_("Jawaban"),
        choices=[("1", _("Setuju")), ("0", _("Tidak setuju"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    method = forms.ChoiceField(label=_("Cara"), choices=Consent.Method.choices)
    given_by = forms.CharField(
        label=_("Diberikan oleh"),
        max_length=150,
        help_text=_("Orang itu sendiri, atau orang tua/wali untuk anak."),
    )
    witness = forms.CharField(
        label=_("Saksi"), max_length=150, required=False, help_text=_("Wajib untuk cara lisan.")
    )
    recorded_on = forms.DateField(label=_("Tanggal"), widget=DATE)


class AssessmentForm(forms.Form):
    assessed_on = forms.DateField(label=_("Tanggal asesmen"), widget=DATE)
    recruitment_method = forms.ChoiceField(
        label=_("Cara perekrutan"),
        choices=BLANK + list(v.RecruitmentMethod.choices),
        required=False,
    )
    recruitment_channels = forms.MultipleChoiceField(
        label=_("Saluran perekrutan"),
        choices=v.RecruitmentChannel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    exploitation = forms.MultipleChoiceField(
        label=_("Jenis eksploitasi"),
        choices=v.Exploitation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    labour_sector = forms.ChoiceField(
        label=_("Sektor kerja"), choices=BLANK + list(v.LabourSector.choices), required=False
    )
    trafficker_relation = forms.ChoiceField(
        label=_("Hubungan dengan pelaku"),
        choices=BLANK + list(v.TraffickerRelation.choices),
        required=False,
    )
    narrative = forms.CharField(
        label=_("Kronologi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Disimpan terenkripsi."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        answers = BLANK + list(v.Answer.choices)
        for value, label in v.MeansOfControl.choices:
            self.fields[f"moc_{value}"] = forms.ChoiceField(
                label=label, choices=answers, required=False
            )
        for value, label in NeedArea.choices:
            self.fields[f"need_{value}"] = forms.ChoiceField(
                label=label, choices=answers, required=False
            )

    def control_fields(self):
        return [self[f"moc_{value}"] for value in v.MeansOfControl.values]

    def need_fields(self):
        return [self[f"need_{value}"] for value in NeedArea.values]

    def main_fields(self):
        return [
            self[name]
            for name in (
                "assessed_on",
                "recruitment_method",
                "recruitment_channels",
                "exploitation",
                "labour_sector",
                "trafficker_relation",
                "narrative",
            )
        ]

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "assessed_on": data["assessed_on"],
            "recruitment_method": data["recruitment_method"],
            "recruitment_channels": data["recruitment_channels"],
            "exploitation": data["exploitation"],
            "labour_sector": data["labour_sector"],
            "trafficker_relation": data["trafficker_relation"],
            "narrative": data["narrative"],
            "means_of_control": {
                value: data[f"moc_{value}"]
                for value in v.MeansOfControl.values
                if data.get(f"moc_{value}")
            },
            "needs": {
                value: data[f"need_{value}"]
                for value in NeedArea.values
                if data.get(f"need_{value}")
            },
        }

    @classmethod
    def initial_from(cls, assessment) -> dict:
        initial = {
            name: getattr(assessment, name)
            for name in (
                "assessed_on",
                "recruitment_method",
                "recruitment_channels",
                "exploitation",
                "labour_sector",
                "trafficker_relation",
                "narrative",
            )
        }
        initial |= {f"moc_{k}": a for k, a in assessment.means_of_control.items()}
        initial |= {f"need_{k}": a for k, a in assessment.needs.items()}
        return initial


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Peristiwa"), choices=v.EventKind.choices)
    place = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    country = forms.CharField(label=_("Negara"), max_length=100, required=False)
    started_on = forms.DateField(label=_("Mulai"), widget=DATE, required=False)
    ended_on = forms.DateField(label=_("Tanggal selesai"), widget=DATE, required=False)
    details = forms.CharField(
        label=_("Keterangan (siapa, bagaimana)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Disimpan terenkripsi."),
    )


WHO5_ITEMS = [
    _("Saya merasa ceria dan bersemangat"),
    _("Saya merasa tenang dan santai"),
    _("Saya merasa aktif dan bertenaga"),
    _("Saya bangun dengan perasaan segar dan cukup istirahat"),
    _("Hari-hari saya diisi dengan hal-hal yang menarik bagi saya"),
]
WHO5_SCALE = [
    ("", "—"),
    ("5", _("5 · Sepanjang waktu")),
    ("4", _("4 · Sebagian besar waktu")),
    ("3", _("3 · Lebih dari separuh waktu")),
    ("2", _("2 · Kurang dari separuh waktu")),
    ("1", _("1 · Kadang-kadang")),
    ("0", _("0 · Tidak pernah")),
]


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Tanggal"), widget=DATE)
    place = forms.CharField(label=_("Tempat"), max_length=200)
    kind = forms.ChoiceField(label=_("Jenis sesi"), choices=Session.Kind.choices)
    facilitator = forms.ModelChoiceField(
        label=_("Fasilitator"), queryset=User.objects.none(), required=False
    )
    notes = forms.CharField(
        label=_("Catatan sesi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Disimpan terenkripsi."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = _case_workers()
        for number, label in enumerate(WHO5_ITEMS, start=1):
            self.fields[f"who5_{number}"] = forms.TypedChoiceField(
                label=label, choices=WHO5_SCALE, required=False, coerce=int, empty_value=None
            )

    def who5_fields(self):
        return [self[f"who5_{n}"] for n in range(1, ITEM_COUNT + 1)]

    def main_fields(self):
        return [self[name] for name in ("held_on", "place", "kind", "facilitator", "notes")]

    def answers(self) -> list[int]:
        values = [self.cleaned_data.get(f"who5_{n}") for n in range(1, ITEM_COUNT + 1)]
        if all(value is None for value in values):
            return []
        return [value if value is not None else -1 for value in values]


class GoalForm(forms.Form):
    area = forms.ChoiceField(label=_("Bidang"), choices=NeedArea.choices)
    description = forms.CharField(
        label=_("Tujuan yang ingin dicapai"), widget=forms.Textarea(attrs={"rows": 2})
    )


class PlanActionForm(forms.Form):
    goal = forms.IntegerField(widget=forms.HiddenInput)
    description = forms.CharField(label=_("Tindakan"), max_length=500)
    owner = forms.ModelChoiceField(label=_("Penanggung jawab"), queryset=User.objects.none())
    due_on = forms.DateField(label=_("Tenggat"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _case_workers()


class PlanActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PlanAction.Status.choices)


class ReferralForm(forms.Form):
    """The referral form. The organisation list follows the area of need (organisations with a
    service in it first), the service list follows the organisation (only its services).

    ``choices_url`` (the ``referral_choices`` fragment) makes the area and organisation selects
    ask the server for the new lists when they change (htmx). Without JavaScript the form still
    works: with no organisation chosen yet, the services are listed grouped by organisation, and
    ``services.referral_send`` refuses a service of another organisation.
    """

    area = forms.ChoiceField(label=_("Bidang kebutuhan"), choices=BLANK + list(NeedArea.choices))
    organisation = forms.ModelChoiceField(
        label=_("Lembaga tujuan"), queryset=Organisation.objects.filter(is_active=True)
    )
    service = forms.ModelChoiceField(
        label=_("Layanan"),
        queryset=Service.objects.filter(organisation__is_active=True).select_related(
            "organisation"
        ),
        required=False,
    )
    urgent = forms.BooleanField(label=_("Mendesak"), required=False)
    reason = forms.CharField(
        label=_("Alasan rujukan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Apa yang dibutuhkan. Terbaca oleh lembaga tujuan setelah menerima rujukan."),
    )
    override_reason = forms.CharField(
        label=_("Alasan merujuk tanpa persetujuan (Koordinator)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, choices_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.chosen_organisation: Organisation | None = None
        area = self._chosen("area")
        area = area if area in NeedArea.values else ""
        organisation_id = self._chosen("organisation")
        self._set_organisations(area, int(organisation_id) if organisation_id.isdigit() else None)
        self._set_services(area)
        if choices_url:
            htmx = {
                "hx-get": choices_url,
                "hx-target": "#referral-choices",
                "hx-swap": "outerHTML",
                "hx-include": "#id_area, #id_organisation, #id_service",
                # A later change replaces a request still on its way, so an answer for an older
                # choice never overwrites the newer one.
                "hx-sync": "closest form:replace",
            }
            self.fields["area"].widget.attrs.update(htmx)
            self.fields["organisation"].widget.attrs.update(htmx)

    def _chosen(self, name: str) -> str:
        """The submitted value of a field, or its initial value on an unbound form."""
        value = self[name].value()
        return "" if value is None else str(value)

    def _set_organisations(self, area: str, organisation_id: int | None) -> None:
        organisations = list(partner_selectors.organisation_list())
        self.chosen_organisation = next((o for o in organisations if o.pk == organisation_id), None)
        field = self.fields["organisation"]
        serving = (
            set(partner_selectors.organisation_list(area=area).values_list("pk", flat=True))
            if area
            else set()
        )
        if not serving:
            field.choices = BLANK + [(o.pk, o.name) for o in organisations]
            if area:
                field.help_text = _(
                    "Belum ada lembaga di daftar layanan untuk bidang ini; semua lembaga "
                    "ditampilkan."
                )
            return
        first = [(o.pk, o.name) for o in organisations if o.pk in serving]
        others = [(o.pk, o.name) for o in organisations if o.pk not in serving]
        area_label = NeedArea(area).label
        field.choices = BLANK + [
            (_("Melayani bidang %(area)s") % {"area": area_label}, first),
            *([(_("Lembaga lain"), others)] if others else []),
        ]
        field.help_text = _("Lembaga yang melayani bidang ini ada di atas.")

    def _set_services(self, area: str) -> None:
        field = self.fields["service"]
        organisation = self.chosen_organisation
        if organisation is not None:
            services = list(
                partner_selectors.services_for().filter(organisation_id=organisation.pk)
            )
            # The services in the chosen area first, then the organisation's others.
            services.sort(key=lambda s: s.area != area)
            field.choices = BLANK + [(s.pk, self._service_label(s)) for s in services]
            field.help_text = (
                _("Layanan dari %(org)s.") % {"org": organisation.name}
                if services
                else _(
                    "Lembaga ini belum mencatat layanannya; rujukan tetap dapat dikirim tanpa "
                    "memilih layanan."
                )
            )
            return
        # No organisation chosen yet: every service (in the area, when chosen), by organisation.
        groups: dict[str, list] = {}
        for service in partner_selectors.services_for(area):
            groups.setdefault(service.organisation.name, []).append(
                (service.pk, self._service_label(service))
            )
        field.choices = BLANK + list(groups.items())
        field.help_text = _("Layanan dikelompokkan per lembaga; pilih layanan dari lembaga tujuan.")

    @staticmethod
    def _service_label(service: Service) -> str:
        return f"{service.name} · {service.get_area_display()}"


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Layanan yang diberikan"), widget=forms.Textarea(attrs={"rows": 3})
    )
