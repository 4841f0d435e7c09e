from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "sigap.programs"
    label = "programs"
    verbose_name = _("Program pelatihan dan penyuluhan")

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
        from sigap.programs import demo, models, sections

        for model in (
            models.Programme,
            models.Session,
            models.Invitation,
            models.Attendance,
            models.Question,
            models.KnowledgeTest,
            models.Outcome,
            models.StaffTraining,
        ):
            audit.register(model)
        register_nav(
            NavItem("programs:programme_list", _("Program"), (Cap.MANAGE_PROGRAMS,), "book", 300)
        )
        register_nav(
            NavItem(
                "programs:calendar",
                _("Jadwal kegiatan"),
                (Cap.TAKE_ATTENDANCE, Cap.MANAGE_PROGRAMS),
                "calendar",
                310,
            )
        )
        register_nav(
            NavItem(
                "programs:analytics",
                _("Analitik partisipasi"),
                (Cap.VIEW_AGGREGATES,),
                "book",
                320,
            )
        )
        register_panel(
            Panel(
                "programs",
                "programs/_panel.html",
                (Cap.MANAGE_PROGRAMS, Cap.TAKE_ATTENDANCE, Cap.VIEW_AGGREGATES),
                sections.panel,
                order=15,
            )
        )
        for page, context in (
            ("resident", sections.resident_programmes),
            ("household", sections.household_programmes),
        ):
            register_section(
                Section(
                    f"{page}_programmes",
                    page,
                    "programs/_person_programmes.html",
                    (Cap.MANAGE_PROGRAMS, Cap.TAKE_ATTENDANCE),
                    context,
                    order=50,
                )
            )
        register_step("programmes", demo.build_programmes)
