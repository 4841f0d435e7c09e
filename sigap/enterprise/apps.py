from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterpriseConfig(AppConfig):
    name = "sigap.enterprise"
    label = "enterprise"
    verbose_name = _("Kelompok usaha")

    def ready(self) -> None:
        from sigap.core import audit
        from sigap.core.demo import register_step
        from sigap.core.navigation import (
            NavItem,
            Panel,
            Section,
            register_nav,
            register_panel,
            register_section,
        )
        from sigap.core.roles import Cap
        from sigap.enterprise import demo, models, sections

        # Mentoring notes concern a business, not a case: on the general audit page, masked.
        for model in (
            models.Group,
            models.GroupMember,
            models.HouseholdIncome,
            models.Funding,
            models.MonthlyFigure,
            models.MentoringVisit,
        ):
            audit.register(model)
        register_nav(
            NavItem(
                "enterprise:group_list", _("Kelompok usaha"), (Cap.MANAGE_GROUPS,), "users", 410
            )
        )
        register_nav(
            NavItem(
                "enterprise:unreached",
                _("Belum terjangkau"),
                (Cap.PLAN_OUTREACH,),
                "search",
                420,
            )
        )
        register_panel(
            Panel(
                "enterprise",
                "enterprise/_panel_groups.html",
                (Cap.MANAGE_GROUPS, Cap.VIEW_AGGREGATES),
                sections.panel,
                order=20,
            )
        )
        register_section(
            Section(
                "household_enterprise",
                "household",
                "enterprise/_household_links.html",
                (Cap.MANAGE_GROUPS, Cap.PLAN_OUTREACH),
                sections.household_links,
                order=60,
            )
        )
        register_step("groups", demo.build_groups)
