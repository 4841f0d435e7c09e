from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "sigap.partners"
    label = "partners"
    verbose_name = _("Mitra dan layanan")

    def ready(self) -> None:
        from sigap.core import audit
        from sigap.core.demo import register_step
        from sigap.core.navigation import NavItem, register_nav
        from sigap.core.roles import Cap
        from sigap.partners import demo, models

        for model in (models.Organisation, models.Service, models.ContactPoint, models.Staff):
            audit.register(model)
        register_nav(
            NavItem(
                "partners:organisation_list",
                _("Layanan mitra"),
                (Cap.VIEW_PARTNERS,),
                "search",
                300,
            )
        )
        register_step("partners", demo.build_directory)
