from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from sigap.economy.models import (
    FREQUENCY_CHOICES,
    METHOD_CHOICES,
    ROUNDING_CHOICES,
    SHU_DEFAULT_PERCENTAGES,
    SHU_PARTS,
    LoanProduct,
)

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


class ProductForm(forms.Form):
    name = forms.CharField(label=_("Nama produk"), max_length=100)
    method = forms.ChoiceField(label=_("Metode bunga"), choices=METHOD_CHOICES)
    frequency = forms.ChoiceField(label=_("Angsuran"), choices=FREQUENCY_CHOICES)
    monthly_rate = forms.DecimalField(
        label=_("Bunga per bulan (%)"),
        min_value=0,
        max_value=10,
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    max_principal = forms.IntegerField(
        label=_("Pinjaman paling besar (Rp)"), min_value=1, widget=RUPIAH
    )
    max_periods = forms.IntegerField(
        label=_("Jumlah angsuran paling banyak"), min_value=1, max_value=520
    )
    grace_periods = forms.IntegerField(
        label=_("Masa tenggang pokok (angsuran)"),
        min_value=0,
        initial=0,
        help_text=_("Angsuran pertama yang hanya membayar bunga."),
    )
    rounding = forms.TypedChoiceField(
        label=_("Pembulatan angsuran"), choices=ROUNDING_CHOICES, coerce=int, initial=100
    )
    fee_per_instalment = forms.IntegerField(
        label=_("Biaya per angsuran (Rp)"), min_value=0, initial=0, widget=RUPIAH
    )


class LoanApplyForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("Produk pinjaman"), queryset=LoanProduct.objects.none(), empty_label=None
    )
    principal = forms.IntegerField(label=_("Jumlah pinjaman (Rp)"), min_value=1, widget=RUPIAH)
    periods = forms.IntegerField(label=_("Jumlah angsuran"), min_value=1, max_value=520)
    purpose = forms.CharField(
        label=_("Keperluan"),
        max_length=200,
        required=False,
        help_text=_("Misalnya modal warung, bibit padi, mesin jahit."),
    )
    on = forms.DateField(label=_("Tanggal pengajuan"), widget=DATE)

    def __init__(self, *args, products=None, **kwargs):
        super().__init__(*args, **kwargs)
        if products is not None:
            self.fields["product"].queryset = products


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[("setuju", _("Setujui")), ("tolak", _("Tolak"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Catatan"),
        max_length=200,
        required=False,
        help_text=_("Wajib diisi bila ditolak."),
    )
    on = forms.DateField(
        label=_("Tanggal keputusan"),
        widget=DATE,
        required=False,
        help_text=_("Kosongkan: hari ini."),
    )


class DisburseForm(forms.Form):
    on = forms.DateField(label=_("Tanggal pencairan"), widget=DATE)
    first_due = forms.DateField(
        label=_("Angsuran pertama jatuh tempo"),
        widget=DATE,
        required=False,
        help_text=_("Kosongkan: satu periode setelah pencairan."),
    )


class RepaymentForm(forms.Form):
    amount = forms.IntegerField(label=_("Jumlah dibayar (Rp)"), min_value=1, widget=RUPIAH)
    on = forms.DateField(label=_("Tanggal bayar"), widget=DATE)


class SettleForm(RepaymentForm):
    """Early settlement: the amount must be the payoff of that day (shown on the page)."""


class ExitForm(forms.Form):
    on = forms.DateField(label=_("Tanggal keluar"), widget=DATE)
    reason = forms.CharField(label=_("Alasan keluar"), max_length=200)


class CashForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Jenis"),
        choices=[
            ("biaya", _("Biaya operasional (kas keluar)")),
            ("modal", _("Modal penyertaan atau hibah (kas masuk)")),
        ],
    )
    amount = forms.IntegerField(label=_("Jumlah (Rp)"), min_value=1, widget=RUPIAH)
    memo = forms.CharField(
        label=_("Keterangan"),
        max_length=200,
        help_text=_("Misalnya sewa kantor Januari, ATK, penyertaan modal Dana Desa 2026."),
    )
    on = forms.DateField(label=_("Tanggal"), widget=DATE)


PERCENT = forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5", "min": "0"})


class YearEndForm(forms.Form):
    """The year to close and the SHU split the members' meeting (RAT) decided."""

    year = forms.TypedChoiceField(label=_("Tahun buku"), coerce=int, choices=[])

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
        for key, label in SHU_PARTS.items():
            self.fields[key] = forms.DecimalField(
                label=format_lazy("{} (%)", label),
                min_value=0,
                max_value=100,
                max_digits=5,
                decimal_places=2,
                initial=SHU_DEFAULT_PERCENTAGES[key],
                widget=PERCENT,
            )

    def percentages(self) -> dict:
        return {key: self.cleaned_data[key] for key in SHU_PARTS}


class PayShuForm(forms.Form):
    on = forms.DateField(label=_("Tanggal pembagian"), widget=DATE)
