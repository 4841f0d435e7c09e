from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sigap.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self) -> None:
        from sigap.core import audit, demo, models, roles, selectors
        from sigap.core.navigation import NavItem, Panel, register_nav, register_panel
        from sigap.core.roles import Cap

        roles.register_permissions()
        for model in (models.Village, models.Dusun, models.RukunWarga, models.RukunTetangga):
            audit.register(model)

        register_nav(NavItem("core:home", _("Beranda"), (), icon="home", order=0))
        register_nav(
            NavItem(
                "core:territory",
                _("Wilayah"),
                (Cap.VIEW_VILLAGE, Cap.MANAGE_VILLAGE),
                "map",
                800,
            )
        )
        register_nav(NavItem("core:audit_log", _("Log audit"), (Cap.VIEW_AUDIT,), "log", 910))
        register_panel(Panel("role", "core/_panel_role.html", (), order=0))
        register_panel(
            Panel(
                "village",
                "core/_panel_village.html",
                (Cap.VIEW_VILLAGE, Cap.VIEW_AGGREGATES),
                lambda request: selectors.village_summary(),
                order=10,
            )
        )
        register_panel(
            Panel(
                "recent_audit",
                "core/_panel_recent_audit.html",
                (Cap.VIEW_AUDIT,),
                lambda request: {"entries": selectors.audit_log_list()[:5]},
                order=90,
            )
        )
        # Demo steps run in registration order (apps in INSTALLED_APPS order): territory first.
        demo.register_step("territory", demo.build_territory)
