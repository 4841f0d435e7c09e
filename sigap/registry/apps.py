from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "sigap.registry"
    label = "registry"
    verbose_name = _("Kependudukan")

    def ready(self) -> None:
        from sigap.core import audit
        from sigap.core.demo import register_step
        from sigap.core.navigation import NavItem, Panel, register_nav, register_panel
        from sigap.core.roles import Cap
        from sigap.registry import demo, models, selectors

        audit.register(models.Household)
        audit.register(models.Resident)
        audit.register(models.Membership)
        audit.register(models.LifeEvent)
        audit.register(
            models.ImportBatch,
            exclude_fields=["content", "problems", "rows_done", "rows_total", "counts"],
        )
        register_nav(
            NavItem("registry:resident_list", _("Penduduk"), (Cap.VIEW_REGISTRY,), "users", 100)
        )
        register_step("population", demo.build_population)
        register_panel(
            Panel(
                "registry",
                "registry/_panel_registry.html",
                (Cap.VIEW_REGISTRY,),
                lambda request: selectors.registry_summary(user=request.user),
                order=20,
            )
        )
