"""The interface is written in Bahasa Indonesia; English is a complete translation of it."""

from pathlib import Path

from babel.messages.pofile import read_po
from django.utils import translation

PO = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_every_message_has_an_english_translation():
    with PO.open("rb") as handle:
        catalog = read_po(handle)
    untranslated, fuzzy = [], []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert not untranslated, f"untranslated (run `make messages`, then translate): {untranslated}"
    assert not fuzzy, f"fuzzy translations to check: {fuzzy}"


def test_the_compiled_catalogue_is_used():
    with translation.override("en"):
        assert translation.gettext("Beranda") == "Home"
        assert translation.gettext("Keluar") == "Log out"
    with translation.override("id"):
        assert translation.gettext("Beranda") == "Beranda"
