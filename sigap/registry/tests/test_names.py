import pytest

from sigap.registry.names import index_keys, name_tokens, query_tokens


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Muhammad Saleh", "Muhamad Saleh"),
        ("Muhammad Saleh", "Mohammad Saleh"),
        ("Muhammad Saleh", "M. Saleh"),
        ("Muhammad Saleh", "Moh Saleh"),
        ("Siti Aminah", "Sity Aminah"),
        ("Siti Aminah", "Sitti Aminah"),
        ("Lalu Ahmad Zainuri", "Ahmad Zainuri"),
        ("Baiq Nurul Hidayati", "Nurul Hidayati"),
        ("Inaq Sumiati", "Sumiaty"),
        ("Abdullah", "Abdulah"),
        ("Fatimah", "Fatima"),
        ("Soeharto", "Suharto"),
        ("Hj. Siti Aminah", "siti aminah"),
        ("Zaenab", "Zainab"),
        ("Zulkarnaen", "Zulkarnain"),
    ],
)
def test_common_lombok_spellings_fold_to_the_same_tokens(a, b):
    assert name_tokens(a) == name_tokens(b)


def test_a_missing_space_is_found_through_the_joined_pair():
    assert "muhamadsale" in index_keys("Muhammad Saleh")
    assert query_tokens("Muhammadsaleh") == ["muhamadsale"]


def test_a_name_that_is_only_a_title_is_still_searchable():
    assert name_tokens("Inaq") == ["inaq"]
