from django import forms
from django.utils.translation import gettext_lazy as _

from sigap.accounts.forms import UserChoiceField
from sigap.accounts.models import User
from sigap.accounts.selectors import users_with
from sigap.core.models import Dusun
from sigap.core.roles import Cap
from sigap.partners.models import Organisation
from sigap.programs.models import Programme, Topic
from sigap.registry import codes
from sigap.registry.selectors import AGE_BANDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
RUPIAH = forms.NumberInput(attrs={"inputmode": "numeric", "step": "1000", "min": "0"})
ALL = [("", _("Semua"))]
AGE_CHOICES = [(band, _("%(band)s tahun") % {"band": band}) for band in AGE_BANDS]


class ProgrammeSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Cari nama program"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(label=_("Jenis"), required=False, choices=ALL + Programme.Kind.choices)
    topic = forms.ChoiceField(label=_("Topik"), required=False, choices=ALL + Topic.choices)
    year = forms.IntegerField(label=_("Tahun"), required=False, min_value=2000, max_value=2100)


class ProgrammeForm(forms.Form):
    title = forms.CharField(label=_("Nama program"), max_length=150)
    kind = forms.ChoiceField(label=_("Jenis program"), choices=Programme.Kind.choices)
    topic = forms.ChoiceField(label=_("Topik"), choices=Topic.choices)
    organiser = forms.ModelChoiceField(
        label=_("Penyelenggara"),
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        help_text=_("Lembaga dari direktori mitra. Tambahkan lembaga baru di halaman Mitra."),
    )
    description = forms.CharField(
        label=_("Uraian"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    target_group = forms.CharField(
        label=_("Kelompok sasaran"),
        max_length=200,
        help_text=_("Misalnya: perempuan 18–35 tahun dari keluarga pekerja migran."),
    )
    target_sex = forms.ChoiceField(
        label=_("Jenis kelamin sasaran"), required=False, choices=ALL + codes.Sex.choices
    )
    target_age_band = forms.ChoiceField(
        label=_("Umur sasaran"), required=False, choices=ALL + AGE_CHOICES
    )
    target_dusun = forms.ModelChoiceField(
        label=_("Dusun sasaran"),
        required=False,
        queryset=Dusun.objects.none(),
        empty_label=_("Semua dusun"),
    )
    target_at_risk = forms.BooleanField(
        label=_("Hanya keluarga rentan"),
        required=False,
        help_text=_(
            "Penghasilan terendah, penerima bantuan sosial, atau ada anggota keluarga yang "
            "merantau."
        ),
    )
    funding_source = forms.ChoiceField(label=_("Sumber dana"), choices=Programme.Funding.choices)
    budget_line = forms.CharField(
        label=_("Mata anggaran"),
        required=False,
        max_length=150,
        help_text=_("Misalnya: APBDes 2026 Bidang Pemberdayaan Masyarakat, kegiatan pelatihan."),
    )
    budget_amount = forms.IntegerField(
        label=_("Anggaran (Rp)"), min_value=0, initial=0, widget=RUPIAH
    )
    starts_on = forms.DateField(label=_("Mulai"), widget=DATE)
    ends_on = forms.DateField(label=_("Selesai"), required=False, widget=DATE)
    pass_mark = forms.IntegerField(
        label=_("Nilai lulus tes"),
        min_value=1,
        max_value=100,
        initial=70,
        help_text=_("Nilai tes akhir (0–100) yang dianggap lulus."),
    )
    coordinator = UserChoiceField(label=_("Penanggung jawab"), queryset=User.objects.none())

    def __init__(self, *args, village=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_dusun"].queryset = Dusun.objects.filter(village=village).order_by(
            "name"
        )
        self.fields["coordinator"].queryset = users_with(Cap.MANAGE_PROGRAMS)


class SessionForm(forms.Form):
    day = forms.DateField(label=_("Tanggal"), widget=DATE)
    start_time = forms.TimeField(label=_("Jam mulai"), widget=TIME)
    end_time = forms.TimeField(label=_("Jam selesai"), widget=TIME)
    place = forms.CharField(label=_("Tempat"), max_length=150)
    topic = forms.CharField(label=_("Materi"), max_length=200)
    facilitator = UserChoiceField(
        label=_("Fasilitator"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("— narasumber dari luar —"),
    )
    guest_facilitator = forms.CharField(
        label=_("Fasilitator dari luar"),
        required=False,
        max_length=150,
        help_text=_("Narasumber yang tidak memakai SIGAP, misalnya dari Disnaker atau LBH."),
    )
    capacity = forms.IntegerField(label=_("Kapasitas"), min_value=1, max_value=1000, initial=30)
    confirm_unqualified = forms.BooleanField(
        label=_("Tetap simpan walau fasilitator belum tercatat dilatih untuk topik ini"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = users_with(Cap.MANAGE_PROGRAMS, Cap.TAKE_ATTENDANCE)


class TargetForm(forms.Form):
    """Who to invite: the registry's filters and the household's facts."""

    dusun = forms.ModelChoiceField(
        label=_("Dusun"), required=False, queryset=Dusun.objects.none(), empty_label=_("Semua")
    )
    sex = forms.ChoiceField(
        label=_("Jenis kelamin"), required=False, choices=ALL + codes.Sex.choices
    )
    age_band = forms.ChoiceField(label=_("Umur"), required=False, choices=ALL + AGE_CHOICES)
    whereabouts = forms.ChoiceField(
        label=_("Keberadaan"), required=False, choices=ALL + codes.Whereabouts.choices
    )
    at_risk = forms.BooleanField(label=_("Keluarga rentan"), required=False)
    low_income = forms.BooleanField(label=_("Penghasilan di bawah Rp 1 juta"), required=False)
    social_assistance = forms.BooleanField(label=_("Penerima bantuan sosial"), required=False)
    migrant_family = forms.BooleanField(
        label=_("Ada anggota keluarga yang merantau"), required=False
    )
    never_reached = forms.BooleanField(
        label=_("Belum pernah hadir di kegiatan apa pun"), required=False
    )
    not_invited = forms.BooleanField(label=_("Belum diundang ke program ini"), required=False)
    q = forms.CharField(
        label=_("Cari nama atau NIK"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, *args, village=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dusun"].queryset = Dusun.objects.filter(village=village).order_by("name")


class StaffTrainingForm(forms.Form):
    user = UserChoiceField(label=_("Fasilitator atau kader"), queryset=User.objects.none())
    title = forms.CharField(label=_("Nama pelatihan"), max_length=150)
    organiser = forms.CharField(label=_("Penyelenggara"), max_length=150)
    completed_on = forms.DateField(label=_("Tanggal selesai"), widget=DATE)
    hours = forms.IntegerField(label=_("Jumlah jam"), required=False, min_value=1, max_value=1000)
    qualifies_for = forms.ChoiceField(
        label=_("Berhak menyampaikan topik"),
        required=False,
        choices=[("", _("— tidak untuk topik tertentu —"))] + Topic.choices,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users_with(Cap.MANAGE_PROGRAMS, Cap.TAKE_ATTENDANCE)


class CheckinForm(forms.Form):
    nik = forms.CharField(
        label=_("NIK"),
        max_length=24,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("16 angka, seperti di KTP atau KK."),
    )
    birth_date = forms.DateField(label=_("Tanggal lahir"), widget=DATE)
