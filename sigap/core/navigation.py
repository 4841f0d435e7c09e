"""Navigation and home-dashboard panels, contributed by each app from its ``AppConfig.ready``.

Core cannot import the apps above it, so they register here; the menu and the dashboard show a
user only what their capabilities allow.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import Promise

from sigap.core.roles import Cap


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: Promise
    capabilities: tuple[Cap, ...]  # any of them; empty = every logged-in user
    icon: str = "dot"
    order: int = 100

    def visible_to(self, user) -> bool:
        return not self.capabilities or any(user.can(cap) for cap in self.capabilities)


@dataclass(frozen=True)
class Panel:
    """A card on the home dashboard. ``context`` receives the request and returns the template's
    context (queries belong in the app's selectors)."""

    key: str
    template: str
    capabilities: tuple[Cap, ...]
    context: Callable = field(default=lambda request: {})
    order: int = 100

    def visible_to(self, user) -> bool:
        return not self.capabilities or any(user.can(cap) for cap in self.capabilities)


@dataclass(frozen=True)
class Section:
    """A card that a higher app adds to a record's page in a lower one (a person's cases on the
    registry's resident page). ``context`` receives the request and the record and returns the
    template's context, or None to show nothing (e.g. the user may see none of it)."""

    key: str
    page: str  # "resident" or "household"
    template: str
    capabilities: tuple[Cap, ...]
    context: Callable
    order: int = 100


_nav: dict[str, NavItem] = {}
_panels: dict[str, Panel] = {}
_sections: dict[str, Section] = {}


def register_nav(item: NavItem) -> None:
    _nav[item.url_name] = item


def register_panel(panel: Panel) -> None:
    _panels[panel.key] = panel


def register_section(section: Section) -> None:
    _sections[section.key] = section


def sections_for(request, page: str, obj) -> list[dict]:
    """The sections of ``page`` for ``obj`` that the user may see, in order."""
    shown = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        if section.page != page or not any(request.user.can(c) for c in section.capabilities):
            continue
        context = section.context(request, obj)
        if context is not None:
            shown.append({"template": section.template, "key": section.key, **context})
    return shown


def nav_for(user) -> list[dict]:
    items = sorted(_nav.values(), key=lambda item: (item.order, str(item.label)))
    return [
        {
            "url": reverse(item.url_name),
            "label": item.label,
            "icon": item.icon,
            "name": item.url_name,
        }
        for item in items
        if item.visible_to(user)
    ]


def panels_for(request) -> list[dict]:
    panels = sorted(_panels.values(), key=lambda panel: (panel.order, panel.key))
    return [
        {"template": panel.template, "key": panel.key, **panel.context(request)}
        for panel in panels
        if panel.visible_to(request.user)
    ]
