import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from sigap.core.formatting import rupiah


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "Rp 0"),
        (500, "Rp 500"),
        (1250000, "Rp 1.250.000"),
        (-5000, "-Rp 5.000"),
        (10_000_000_000, "Rp 10.000.000.000"),
        (None, "–"),
    ],
)
def test_rupiah_is_written_the_indonesian_way(amount, text):
    assert rupiah(amount) == text


def test_rupiah_refuses_fractions():
    with pytest.raises(ValueError, match="whole"):
        rupiah(1500.5)


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_dates_and_numbers_in_indonesian_and_english():
    day = datetime.date(2026, 11, 29)
    with translation.override("id"):
        assert render('{{ d|date:"DATE_FORMAT" }}', d=day) == "29 Nov 2026"
        assert render("{{ n|number }}", n=1234567) == "1.234.567"
        assert render("{{ n|rupiah }}", n=1234567) == "Rp 1.234.567"
        assert render('{{ d|date:"DATE_FORMAT" }}', d=datetime.date(2026, 8, 17)) == "17 Agu 2026"
    with translation.override("en"):
        assert render('{{ d|date:"DATE_FORMAT" }}', d=day) == "29 Nov 2026"
        assert render("{{ n|number }}", n=1234567) == "1,234,567"
        assert render("{{ n|rupiah }}", n=1234567) == "Rp 1.234.567"
