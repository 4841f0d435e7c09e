from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from sigap.accounts.models import User
from sigap.core.models import Dusun
from sigap.core.roles import Role


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Setelah 5 kali salah, akun dikunci sementara."
        ),
        "inactive": _("Akun ini tidak aktif. Hubungi Admin Desa."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Nama pengguna")
        self.fields["password"].label = _("Kata sandi")
        self.fields["username"].widget.attrs.update({"autocapitalize": "none"})


class UserFormBase(forms.Form):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    roles = forms.MultipleChoiceField(
        label=_("Peran"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih paling sedikit satu peran.")},
    )
    dusun = forms.ModelChoiceField(
        label=_("Dusun"),
        queryset=Dusun.objects.select_related("village").order_by("name"),
        required=False,
        empty_label=_("— tidak ada —"),
        help_text=_("Wajib untuk Kader: dusun wilayah kerjanya."),
    )
    phone = forms.RegexField(
        label=_("Nomor HP"),
        regex=r"^\+?[0-9 ]{8,20}$",
        required=False,
        error_messages={"invalid": _("Nomor HP hanya berisi angka, 8–20 digit, boleh diawali +.")},
    )
    email = forms.EmailField(label=_("Email"), required=False)


class UserCreateForm(UserFormBase):
    username = forms.RegexField(
        label=_("Nama pengguna"),
        regex=r"^[a-zA-Z0-9._-]{3,50}$",
        error_messages={
            "invalid": _("Gunakan 3–50 huruf, angka, titik, garis bawah atau tanda hubung.")
        },
        widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "off"}),
    )
    password = forms.CharField(
        label=_("Kata sandi awal"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Paling sedikit 10 karakter, bukan hanya angka, bukan kata sandi umum."),
    )

    field_order = ["username", "full_name", "roles", "dusun", "phone", "email", "password"]


class UserUpdateForm(UserFormBase):
    pass


class SetPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Kata sandi baru"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Paling sedikit 10 karakter, bukan hanya angka, bukan kata sandi umum."),
    )


class ApiTokenForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Bertindak sebagai pengguna"),
        queryset=User.objects.filter(is_active=True).order_by("full_name"),
        empty_label=_("Pilih pengguna"),
    )
    name = forms.CharField(
        label=_("Nama token"),
        max_length=100,
        help_text=_("Untuk apa token ini, misalnya “Aplikasi lapangan Kader”."),
    )
    expires_at = forms.DateField(
        label=_("Berlaku sampai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Kosongkan jika tidak ada batas."),
    )


class SigapPasswordChangeForm(PasswordChangeForm):
    """Django's form with SIGAP's words (Kata sandi, Anda)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Kata sandi lama")
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password1"].help_text = _(
            "Paling sedikit 10 karakter, bukan hanya angka, bukan kata sandi umum, dan tidak mirip "
            "nama Anda."
        )
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")


class UserChoiceField(forms.ModelChoiceField):
    """A user chosen by their full name (the user name when it is empty)."""

    def label_from_instance(self, obj) -> str:
        return obj.full_name or obj.username
