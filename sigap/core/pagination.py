"""Pagination for lists that grow to millions of rows.

Django's Paginator counts every matching row on each page view (``COUNT(*)``), which costs more
than the page itself on a district's audit log or registry. ``paginate`` fetches one row more than
a page instead: it knows whether there is a next page without counting.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

MAX_PAGE = 10_000  # deeper than anyone pages by hand; filters are the way there


@dataclass
class Page:
    object_list: list[Any]
    number: int
    per_page: int
    has_next: bool

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def __bool__(self) -> bool:
        return bool(self.object_list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0

    @property
    def end_index(self) -> int:
        return self.start_index + len(self.object_list) - 1 if self.object_list else 0


def page_number(value: str | None) -> int:
    """The page asked for in a query string; anything odd means the first page."""
    if value and value.isdigit():
        return max(1, min(int(value), MAX_PAGE))
    return 1


def paginate(queryset: QuerySet, page: str | None, *, per_page: int = 50) -> Page:
    """One page of ``queryset`` (which must be ordered) without counting the whole list."""
    number = page_number(page)
    offset = (number - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1])
    return Page(rows[:per_page], number, per_page, has_next=len(rows) > per_page)
