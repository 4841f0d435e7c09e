from django import forms
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
RUPIAH = forms.NumberInput(attrs={"inputmode": "numeric", "step": "100", "min": "1"})


class CooperativeForm(forms.Form):
    name = forms.CharField(label=_("Nama koperasi"), max_length=200)
    registration_number = forms.CharField(
        label=_("Nomor badan hukum"), max_length=100, required=False
    )
    simpanan_pokok = forms.IntegerField(label=_("Simpanan pokok (Rp)"), min_value=1, widget=RUPIAH)
    simpanan_wajib = forms.IntegerField(
        label=_("Simpanan wajib per bulan (Rp)"), min_value=1, widget=RUPIAH
    )


class MemberSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Cari nama atau nomor anggota"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class JoinForm(forms.Form):
    """The resident comes from the URL (the person's page links here)."""

    joined_on = forms.DateField(label=_("Tanggal masuk"), widget=DATE)


class DepositForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Jenis simpanan"),
        choices=[("wajib", _("Simpanan wajib")), ("sukarela", _("Simpanan sukarela"))],
    )
    amount = forms.IntegerField(label=_("Jumlah (Rp)"), min_value=1, widget=RUPIAH)
    on = forms.DateField(label=_("Tanggal"), widget=DATE)


class WithdrawForm(forms.Form):
    amount = forms.IntegerField(label=_("Jumlah (Rp)"), min_value=1, widget=RUPIAH)
    on = forms.DateField(label=_("Tanggal"), widget=DATE)


class ReverseForm(forms.Form):
    reason = forms.CharField(label=_("Alasan koreksi"), max_length=150)
