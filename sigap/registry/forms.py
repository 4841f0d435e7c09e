from django import forms
from django.utils.translation import gettext_lazy as _

from sigap.core.models import Dusun, RukunTetangga, Village
from sigap.registry import codes
from sigap.registry.selectors import AGE_BANDS, ResidentFilters

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BLANK = [("", "—")]


def _choices(choices):
    return BLANK + list(choices)


def coded(label, choices, **options) -> forms.TypedChoiceField:
    """An optional choice among Dukcapil codes: empty means "not known" (None)."""
    options.setdefault("required", False)
    if not options["required"]:
        choices = _choices(choices)
    return forms.TypedChoiceField(
        label=label, choices=choices, coerce=int, empty_value=None, **options
    )


class ResidentSearchForm(forms.Form):
    """Search and filters. At district scale the dusun list follows the chosen village, so a
    phone never receives hundreds of dusun options."""

    desa = forms.ModelChoiceField(
        label=_("Desa"),
        queryset=Village.objects.order_by("name"),
        required=False,
        empty_label=_("Semua desa"),
        to_field_name="code",
    )
    q = forms.CharField(
        label=_("Cari nama, NIK atau No. KK"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    dusun = forms.ModelChoiceField(
        label=_("Dusun"),
        queryset=Dusun.objects.order_by("name"),
        required=False,
        empty_label=_("Semua dusun"),
    )
    sex = forms.ChoiceField(
        label=_("Jenis kelamin"), choices=_choices(codes.Sex.choices), required=False
    )
    age = forms.ChoiceField(
        label=_("Umur"), choices=BLANK + [(k, k) for k in AGE_BANDS], required=False
    )
    where = forms.ChoiceField(
        label=_("Keberadaan"), choices=_choices(codes.Whereabouts.choices), required=False
    )
    status = forms.TypedChoiceField(
        label=_("Status"),
        choices=list(codes.BasicStatus.choices) + [("", _("Semua"))],
        coerce=int,
        empty_value=None,
        required=False,
        initial=codes.BasicStatus.ALIVE,
    )

    def __init__(self, *args, dusun_scope=None, **kwargs):
        """``dusun_scope``: the one dusun a Kader may see, or None for the whole registry."""
        super().__init__(*args, **kwargs)
        dusun = self.fields["dusun"]
        if dusun_scope is not None:
            del self.fields["desa"]
            dusun.queryset = Dusun.objects.filter(pk=dusun_scope)
            return
        villages = list(Village.objects.order_by("name")[:2])
        if len(villages) < 2:
            del self.fields["desa"]
            return
        chosen = self.data.get("desa") if self.is_bound else None
        if chosen:
            dusun.queryset = Dusun.objects.filter(village__code=chosen).order_by("name")
        else:
            dusun.queryset = Dusun.objects.none()
            dusun.help_text = _("Pilih desa dulu.")

    def filters(self, *, status_given: bool):
        """The selector's filters from a valid form."""
        if not self.is_bound or not self.is_valid():
            return ResidentFilters()
        data = self.cleaned_data
        village = data.get("desa")
        return ResidentFilters(
            q=data["q"],
            village_id=village.pk if village else None,
            dusun_id=data["dusun"].pk if data["dusun"] else None,
            sex=data["sex"],
            age_band=data["age"],
            whereabouts=data["where"],
            status=data["status"] if status_given else codes.BasicStatus.ALIVE,
        )


class ResidentForm(forms.Form):
    name = forms.CharField(label=_("Nama lengkap"), max_length=100)
    nik = forms.CharField(
        label=_("NIK"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("16 angka, seperti di KTP atau KK. Kosongkan jika belum punya."),
    )
    no_nik_reason = forms.ChoiceField(
        label=_("Alasan tanpa NIK"), choices=_choices(codes.NoNikReason.choices), required=False
    )
    confirm_nik_warnings = forms.BooleanField(
        label=_("Saya sudah memeriksa perbedaan NIK ini dengan dokumen, dan data ini benar."),
        required=False,
    )
    sex = forms.ChoiceField(
        label=_("Jenis kelamin"), choices=codes.Sex.choices, widget=forms.RadioSelect
    )
    birth_place = forms.CharField(label=_("Tempat lahir"), max_length=100, required=False)
    birth_date = forms.DateField(label=_("Tanggal lahir"), required=False, widget=DATE)
    relationship = forms.TypedChoiceField(
        label=_("Hubungan dalam keluarga"),
        choices=codes.FamilyRelationship.choices,
        coerce=int,
    )
    religion = coded(_("Agama"), codes.Religion.choices)
    education = coded(_("Pendidikan"), codes.Education.choices)
    occupation = coded(_("Pekerjaan"), codes.OCCUPATION_CHOICES)
    marital_status = coded(_("Status perkawinan"), codes.MaritalStatus.choices)
    citizenship = forms.TypedChoiceField(
        label=_("Kewarganegaraan"),
        choices=codes.Citizenship.choices,
        coerce=int,
        initial=codes.Citizenship.WNI,
    )
    father_name = forms.CharField(label=_("Nama ayah"), max_length=100, required=False)
    mother_name = forms.CharField(label=_("Nama ibu"), max_length=100, required=False)
    phone = forms.RegexField(
        label=_("Nomor HP"),
        regex=r"^\+?[0-9 ]{8,20}$",
        required=False,
        error_messages={"invalid": _("Nomor HP hanya berisi angka, 8–20 digit, boleh diawali +.")},
    )
    disability = forms.TypedChoiceField(
        label=_("Disabilitas"),
        choices=codes.Disability.choices,
        coerce=int,
        initial=codes.Disability.NONE,
    )
    in_school = forms.NullBooleanField(
        label=_("Masih sekolah"),
        required=False,
        widget=forms.Select(choices=[("unknown", "—"), ("true", _("Ya")), ("false", _("Tidak"))]),
    )
    whereabouts = forms.ChoiceField(
        label=_("Keberadaan sekarang"),
        choices=codes.Whereabouts.choices,
        initial=codes.Whereabouts.VILLAGE,
    )
    abroad_country = forms.CharField(
        label=_("Negara (jika di luar negeri)"), max_length=60, required=False
    )
    whereabouts_detail = forms.CharField(
        label=_("Keterangan keberadaan"),
        max_length=200,
        required=False,
        help_text=_("Misalnya kota, tempat kerja, atau sejak kapan."),
    )


class HouseholdForm(forms.Form):
    dusun = forms.ModelChoiceField(
        label=_("Dusun"), queryset=Dusun.objects.order_by("name"), empty_label=_("Pilih dusun")
    )
    rt = forms.ModelChoiceField(
        label=_("RT"),
        queryset=RukunTetangga.objects.select_related("rw__dusun").order_by(
            "rw__dusun__name", "rw__number", "number"
        ),
        required=False,
        empty_label=_("Tanpa RT"),
    )
    kk_number = forms.CharField(
        label=_("No. KK"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("16 angka di Kartu Keluarga. Kosongkan jika belum punya KK."),
    )
    address = forms.CharField(label=_("Alamat"), max_length=200, required=False)
    income_band = coded(_("Penghasilan keluarga per bulan"), codes.IncomeBand.choices)
    main_livelihood = coded(_("Mata pencaharian utama"), codes.Livelihood.choices)
    house_condition = coded(_("Kondisi rumah"), codes.HouseCondition.choices)
    social_assistance = forms.NullBooleanField(
        label=_("Penerima bantuan sosial (PKH, BPNT, BLT)"),
        required=False,
        widget=forms.Select(choices=[("unknown", "—"), ("true", _("Ya")), ("false", _("Tidak"))]),
    )
    dependants = forms.IntegerField(
        label=_("Jumlah tanggungan"), min_value=0, max_value=50, required=False
    )

    def __init__(self, *args, dusun_scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rt"].label_from_instance = lambda rt: (
            f"{rt.rw.dusun.name} · RW {rt.rw.number} · RT {rt.number}"
        )
        if dusun_scope is not None:
            self.fields["dusun"].queryset = Dusun.objects.filter(pk=dusun_scope)
            self.fields["rt"].queryset = self.fields["rt"].queryset.filter(rw__dusun_id=dusun_scope)


class LifeEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Peristiwa"), choices=codes.LifeEventKind.choices)
    occurred_on = forms.DateField(label=_("Tanggal"), widget=DATE)
    place = forms.CharField(
        label=_("Tempat / tujuan"),
        max_length=200,
        required=False,
        help_text=_("Untuk pindah: alamat tujuan. Untuk ke luar negeri: kota atau tempat kerja."),
    )
    country = forms.CharField(label=_("Negara"), max_length=60, required=False)
    new_household = forms.IntegerField(
        label=_("Nomor keluarga baru (untuk pindah KK)"),
        required=False,
        min_value=1,
        help_text=_("Nomor keluarga tertera di halaman keluarga, misalnya 1234."),
    )
    relationship = coded(_("Hubungan dalam keluarga baru"), codes.FamilyRelationship.choices)
    note = forms.CharField(label=_("Keterangan"), max_length=300, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas penduduk (.xlsx atau .csv)"),
        help_text=_("Templat SIGAP atau berkas ekspor/impor OpenSID. Paling besar 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
