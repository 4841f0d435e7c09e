from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "sigap.cases"
    label = "cases"
    verbose_name = _("Pendampingan")

    def ready(self) -> None:
        from sigap.cases import demo, models, sections
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

        for model in (
            models.Case,
            models.CaseWorker,
            models.BreakGlass,
            models.CaseStep,
            models.Consent,
            models.Assessment,
            models.TraffickingEvent,
            models.Session,
            models.Goal,
            models.PlanAction,
            models.Referral,
        ):
            audit.register(model, confidential=True)
        register_nav(NavItem("cases:case_list", _("Kasus"), (Cap.WORK_CASES,), "shield", 200))
        register_nav(
            NavItem(
                "cases:referral_inbox", _("Rujukan masuk"), (Cap.RECEIVE_REFERRALS,), "log", 210
            )
        )
        register_panel(
            Panel("cases", "cases/_panel_cases.html", (Cap.WORK_CASES,), sections.panel, order=10)
        )
        register_panel(
            Panel(
                "referrals",
                "cases/_panel_referrals.html",
                (Cap.RECEIVE_REFERRALS,),
                sections.referral_panel,
                order=10,
            )
        )
        register_section(
            Section(
                "resident_cases",
                "resident",
                "cases/_resident_cases.html",
                (Cap.WORK_CASES,),
                sections.resident_cases,
            )
        )
        register_section(
            Section(
                "household_cases",
                "household",
                "cases/_household_cases.html",
                (Cap.WORK_CASES,),
                sections.household_cases,
            )
        )
        register_step("cases", demo.build_cases)
