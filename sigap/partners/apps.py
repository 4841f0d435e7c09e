from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "sigap.partners"
    label = "partners"
    verbose_name = _("Mitra dan layanan")

    def ready(self) -> None:
        from sigap.core import audit
        from sigap.partners import models

        for model in (models.Organisation, models.Service, models.ContactPoint, models.Staff):
            audit.register(model)
