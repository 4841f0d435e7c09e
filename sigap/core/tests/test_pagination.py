from sigap.core.models import Dusun
from sigap.core.pagination import MAX_PAGE, page_number, paginate


def test_it_pages_without_counting(village, django_assert_num_queries):
    for i in range(5):
        Dusun.objects.create(village=village, name=f"Dusun Uji {i}")
    queryset = Dusun.objects.order_by("name")  # 7 dusun in all
    with django_assert_num_queries(1):
        first = paginate(queryset, "1", per_page=3)
    assert [d.name for d in first] == [d.name for d in queryset[:3]]
    assert first.has_next and not first.has_previous
    assert (first.start_index, first.end_index) == (1, 3)
    last = paginate(queryset, "3", per_page=3)
    assert len(last) == 1 and not last.has_next and last.has_previous
    assert last.start_index == 7
    beyond = paginate(queryset, "9", per_page=3)
    assert not beyond and not beyond.has_next


def test_odd_page_numbers_mean_the_first_page():
    assert page_number(None) == 1
    assert page_number("abc") == 1
    assert page_number("-2") == 1
    assert page_number("0") == 1
    assert page_number("99999999") == MAX_PAGE
