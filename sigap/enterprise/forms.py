from django import forms
from django.utils.translation import gettext_lazy as _

from sigap.accounts.forms import UserChoiceField
from sigap.accounts.models import User
from sigap.accounts.selectors import users_with
from sigap.core.roles import Cap
from sigap.enterprise.models import Funding, Group, GroupMember
from sigap.registry.codes import IncomeBand

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
RUPIAH = forms.NumberInput(attrs={"inputmode": "numeric", "step": "1000", "min": "0"})
BLANK = [("", "—")]
ALL = [("", _("Semua"))]


def facilitators():
    """Active users whose roles may manage groups (the services check the same)."""
    return users_with(Cap.MANAGE_GROUPS)


class MonthField(forms.DateField):
    """A month as ``YYYY-MM`` (the month input) or ``MM/YYYY`` typed by hand."""

    input_formats = ["%Y-%m", "%m/%Y", "%Y-%m-%d"]


def band_field(label, *, required: bool, help_text=""):
    return forms.TypedChoiceField(
        label=label,
        choices=BLANK + list(IncomeBand.choices),
        coerce=int,
        empty_value=None,
        required=required,
        help_text=help_text,
    )


class GroupSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Cari nama kelompok"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(label=_("Jenis"), required=False, choices=ALL + Group.Kind.choices)
    stage = forms.ChoiceField(label=_("Tahap"), required=False, choices=ALL + Group.Stage.choices)
    ended = forms.BooleanField(label=_("Kelompok yang sudah berhenti"), required=False)


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Nama kelompok"), max_length=150)
    kind = forms.ChoiceField(label=_("Jenis kelompok"), choices=Group.Kind.choices)
    sector = forms.ChoiceField(label=_("Bidang usaha"), choices=Group.Sector.choices)
    description = forms.CharField(
        label=_("Uraian usaha"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Apa yang dibuat atau dijual, di mana, dan kepada siapa."),
    )
    started_on = forms.DateField(label=_("Mulai usaha"), widget=DATE)
    stage = forms.ChoiceField(
        label=_("Tahap"),
        choices=Group.Stage.choices,
        initial=Group.Stage.STARTING,
        help_text=_(
            "Rintisan: baru mulai, belum berjualan rutin. Tumbuh: berjualan tiap bulan dan "
            "mencatat omzet. Mandiri: untung hampir tiap bulan tanpa hibah baru dan dapat "
            "meminjam sendiri."
        ),
    )
    facilitator = UserChoiceField(
        label=_("Pendamping usaha"), queryset=User.objects.none(), empty_label=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = facilitators()


class GroupEditForm(GroupForm):
    ended_on = forms.DateField(
        label=_("Berhenti sejak"),
        required=False,
        widget=DATE,
        help_text=_("Isi hanya bila kelompok berhenti berusaha."),
    )
    end_reason = forms.CharField(label=_("Alasan berhenti"), required=False, max_length=200)


class MemberAddForm(forms.Form):
    """From the group's page: the person by NIK or temporary number."""

    identity = forms.CharField(
        label=_("NIK atau nomor sementara"),
        max_length=24,  # spaces between groups of digits are allowed and removed
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("16 angka, seperti di KTP atau KK."),
    )
    position = forms.ChoiceField(
        label=_("Jabatan"), choices=GroupMember.Position.choices, initial="anggota"
    )
    joined_on = forms.DateField(label=_("Tanggal bergabung"), widget=DATE)
    income_before = band_field(
        _("Penghasilan keluarga per bulan sebelum bergabung"),
        required=False,
        help_text=_("Kosongkan untuk memakai data keluarga di data penduduk."),
    )

    def clean_identity(self) -> str:
        return "".join(ch for ch in self.cleaned_data["identity"] if not ch.isspace())


class MemberJoinForm(forms.Form):
    """From the person's household: the group to join."""

    group = forms.ModelChoiceField(
        label=_("Kelompok"), queryset=Group.objects.none(), empty_label=None
    )
    position = forms.ChoiceField(
        label=_("Jabatan"), choices=GroupMember.Position.choices, initial="anggota"
    )
    joined_on = forms.DateField(label=_("Tanggal bergabung"), widget=DATE)
    income_before = band_field(
        _("Penghasilan keluarga per bulan sebelum bergabung"),
        required=False,
        help_text=_("Kosongkan untuk memakai data keluarga di data penduduk."),
    )

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        if groups is not None:
            self.fields["group"].queryset = groups


class LeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Tanggal keluar"), widget=DATE)


class IncomeForm(forms.Form):
    after = band_field(_("Penghasilan keluarga per bulan sekarang"), required=True)
    on = forms.DateField(label=_("Tanggal dicatat"), widget=DATE)


class FundingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Jenis dana"), choices=Funding.Kind.choices, widget=forms.RadioSelect
    )
    source = forms.ChoiceField(label=_("Sumber dana"), choices=Funding.Source.choices)
    source_name = forms.CharField(
        label=_("Nama pemberi"),
        required=False,
        max_length=150,
        help_text=_("Misalnya nama perusahaan atau program."),
    )
    amount = forms.IntegerField(label=_("Jumlah (Rp)"), min_value=1, widget=RUPIAH)
    received_on = forms.DateField(label=_("Tanggal diterima"), widget=DATE)
    note = forms.CharField(label=_("Keterangan"), required=False, max_length=200)


class FigureForm(forms.Form):
    month = MonthField(label=_("Bulan"), widget=MONTH, help_text=_("Misalnya 2026-03."))
    turnover = forms.IntegerField(label=_("Omzet (Rp)"), min_value=0, widget=RUPIAH)
    profit = forms.IntegerField(
        label=_("Laba (Rp)"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1000"}),
        help_text=_("Omzet dikurangi semua biaya. Bila rugi, tulis minus, misalnya -150000."),
    )


class FigureCorrectForm(forms.Form):
    turnover = forms.IntegerField(label=_("Omzet (Rp)"), min_value=0, widget=RUPIAH)
    profit = forms.IntegerField(
        label=_("Laba (Rp)"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1000"}),
    )


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Tanggal kunjungan"), widget=DATE)
    facilitator = UserChoiceField(
        label=_("Pendamping usaha"), queryset=User.objects.none(), empty_label=None
    )
    notes = forms.CharField(
        label=_("Catatan"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Yang dilihat dan dibicarakan. Disimpan terenkripsi."),
    )
    next_steps = forms.CharField(
        label=_("Langkah berikutnya"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next_visit_on = forms.DateField(label=_("Kunjungan berikutnya"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = facilitators()


class UnreachedFilterForm(forms.Form):
    dusun = forms.ModelChoiceField(
        label=_("Dusun"), queryset=None, required=False, empty_label=_("Semua dusun")
    )

    def __init__(self, *args, dusun_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dusun"].queryset = dusun_queryset
