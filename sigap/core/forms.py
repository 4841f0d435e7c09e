from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sigap.core.models import Dusun, RukunWarga


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: beside its field when it names one that the
    form has, at the top otherwise."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class DusunForm(forms.Form):
    name = forms.CharField(label=_("Nama dusun"), max_length=100)


class RwForm(forms.Form):
    dusun = forms.ModelChoiceField(
        label=_("Dusun"), queryset=Dusun.objects.none(), empty_label=_("Pilih dusun")
    )
    number = forms.CharField(
        label=_("Nomor RW"), max_length=10, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )

    def __init__(self, *args, village=None, **kwargs):
        super().__init__(*args, **kwargs)
        if village is not None:
            self.fields["dusun"].queryset = village.dusun_set.order_by("name")


class RtForm(forms.Form):
    rw = forms.ModelChoiceField(
        label=_("RW"), queryset=RukunWarga.objects.none(), empty_label=_("Pilih RW")
    )
    number = forms.CharField(
        label=_("Nomor RT"), max_length=10, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )

    def __init__(self, *args, village=None, **kwargs):
        super().__init__(*args, **kwargs)
        if village is not None:
            self.fields["rw"].queryset = (
                RukunWarga.objects.filter(dusun__village=village)
                .select_related("dusun")
                .order_by("number")
            )
            self.fields["rw"].label_from_instance = lambda rw: f"RW {rw.number} · {rw.dusun.name}"
