from django import forms
from django.utils.translation import gettext_lazy as _

from sigap.accounts.models import User
from sigap.partners.models import NeedArea, Organisation
from sigap.partners.services import LIMITS, OrganisationData

BLANK = [("", "—")]
PHONE = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"})
EMAIL = forms.EmailInput(attrs={"autocomplete": "email"})


def required(message) -> dict:
    """Error messages for a required field or choice: the service's own words, not Django's
    generic "this field is required"."""
    return {"required": message, "invalid_choice": message}


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Cari nama lembaga"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    area = forms.ChoiceField(
        label=_("Bidang layanan"),
        choices=[("", _("Semua bidang"))] + list(NeedArea.choices),
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Jenis lembaga"),
        choices=[("", _("Semua jenis"))] + list(Organisation.Kind.choices),
        required=False,
    )

    def filters(self) -> dict:
        """The selector's filters: each valid field (an unknown kind in an old link does not
        throw away the search words)."""
        if not self.is_bound:
            return {"q": "", "kind": "", "area": ""}
        self.is_valid()  # leaves the valid fields in cleaned_data
        return {key: self.cleaned_data.get(key, "") for key in ("q", "kind", "area")}


class OrganisationForm(forms.Form):
    name = forms.CharField(
        label=_("Nama lembaga"),
        max_length=LIMITS["name"],
        error_messages=required(_("Nama lembaga wajib diisi.")),
    )
    kind = forms.ChoiceField(
        label=_("Jenis lembaga"),
        choices=BLANK + list(Organisation.Kind.choices),
        error_messages=required(_("Pilih jenis lembaga dari daftar.")),
    )
    area = forms.CharField(
        label=_("Wilayah layanan"),
        max_length=LIMITS["area"],
        required=False,
        help_text=_("Misalnya: Kabupaten Lombok Barat, Kecamatan Gerung."),
    )
    address = forms.CharField(label=_("Alamat"), max_length=LIMITS["address"], required=False)
    phone = forms.CharField(
        label=_("Telepon kantor"),
        max_length=LIMITS["phone"],
        required=False,
        widget=PHONE,
        help_text=_("Misalnya 0370-555-0101. Nomor HP 08… juga bisa dibuka di WhatsApp."),
    )
    email = forms.CharField(label=_("Email"), max_length=254, required=False, widget=EMAIL)
    opening_hours = forms.CharField(
        label=_("Jam layanan"),
        max_length=LIMITS["opening_hours"],
        required=False,
        help_text=_("Misalnya: Senin–Jumat 08.00–16.00 WITA; pengaduan 24 jam."),
    )
    notes = forms.CharField(
        label=_("Catatan"),
        max_length=LIMITS["notes"],
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Syarat layanan, cara merujuk, atau hal lain yang perlu diketahui pendamping."),
    )
    is_active = forms.BooleanField(
        label=_("Aktif: tampil di direktori dan dapat menerima rujukan"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["is_active"]  # a new organisation is active

    def data_for_service(self) -> OrganisationData:
        cleaned = dict(self.cleaned_data)
        cleaned.setdefault("is_active", True)
        return OrganisationData(**cleaned)


class ServiceForm(forms.Form):
    area = forms.ChoiceField(
        label=_("Bidang"),
        choices=BLANK + list(NeedArea.choices),
        error_messages=required(_("Pilih bidang layanan dari daftar.")),
    )
    name = forms.CharField(
        label=_("Nama layanan"),
        max_length=LIMITS["name"],
        error_messages=required(_("Nama layanan wajib diisi.")),
        help_text=_("Misalnya: Konseling psikologis, Visum, Pendampingan hukum."),
    )
    description = forms.CharField(
        label=_("Keterangan"),
        max_length=LIMITS["description"],
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Syarat, cara mengakses, atau batasannya."),
    )
    is_free = forms.BooleanField(label=_("Gratis"), required=False, initial=True)


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Nama narahubung"),
        max_length=LIMITS["contact_name"],
        error_messages=required(_("Nama narahubung wajib diisi.")),
    )
    position = forms.CharField(
        label=_("Jabatan"),
        max_length=LIMITS["position"],
        required=False,
        help_text=_("Misalnya: Petugas piket pengaduan, Kepala UPTD."),
    )
    phone = forms.CharField(
        label=_("Telepon/WhatsApp"), max_length=LIMITS["phone"], required=False, widget=PHONE
    )
    email = forms.CharField(label=_("Email"), max_length=254, required=False, widget=EMAIL)


class StaffForm(forms.Form):
    """Choose a user to add as staff. The list offers only Mitra users without an organisation;
    any user id is accepted here, so that the service's rule (and its message) decides."""

    user = forms.ModelChoiceField(
        label=_("Pengguna"),
        queryset=User.objects.all(),
        empty_label=_("Pilih pengguna"),
        help_text=_(
            "Hanya pengguna berperan Mitra yang belum menjadi staf lembaga lain. Buat akunnya "
            "dulu di halaman Pengguna."
        ),
        error_messages={
            "required": _("Pilih pengguna yang akan menjadi staf."),
            "invalid_choice": _("Pengguna itu tidak ditemukan; pilih dari daftar."),
        },
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        field.widget.choices = [("", field.empty_label)] + [
            (user.pk, f"{user.full_name or user.username} ({user.username})") for user in candidates
        ]
