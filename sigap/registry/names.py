"""Name keys for search, tolerant of the spellings common in Lombok.

Pure module. A name becomes a list of *tokens* (lower case, titles dropped, common variants folded
to one spelling), and the search index also keeps each pair of neighbouring tokens joined, so that
"Muhammadsaleh" finds "Muhammad Saleh". A query matches a person when every query token is the
start of one of the person's tokens.

Folded variants:
* Muhammad / Muhamad / Mohammad / Mohamad / Muhammat / Moh. / Muh. / M. → muhamad
* Siti / Sity / Sitti → siti; Nur / Noer / Nurul (kept apart: Nurul is its own name)
* old Dutch-era spelling: oe → u, dj → j, tj → c, sj → sy, nj → ny; and ae → ai (Zaenab ~ Zainab)
* doubled letters are single ("Abdullah" ~ "Abdulah"), a final y is i ("Sumiaty" ~ "Sumiati"),
  and h after a vowel at the end is dropped ("Fatimah" ~ "Fatima")
When the folding changes, run ``manage.py reindex_names`` to rebuild the stored keys.
Titles and honorifics (Lalu, Baiq, Inaq, Amaq, Haji, Hj., H., Ir., Dr., …) are not tokens: people
use them or not, and searching with them must still find the person.
"""

import re
import unicodedata

TITLES = {
    "lalu",
    "l",
    "baiq",
    "bq",
    "inaq",
    "inak",
    "amaq",
    "amak",
    "haji",
    "hajjah",
    "hj",
    "h",
    "ir",
    "dr",
    "drs",
    "dra",
    "spd",
    "skm",
    "se",
    "sh",
    "st",
    "ssos",
    "amd",
    "tgh",
    "ustad",
    "ustaz",
    "ustadz",
    "ny",
    "nn",
    "sdr",
    "bapak",
    "bpk",
    "ibu",
}
MUHAMMAD = {
    "muhammad",
    "muhamad",
    "mohammad",
    "mohamad",
    "mohammed",
    "muhammed",
    "muhammat",
    "muhamat",
    "mochammad",
    "mochamad",
    "moch",
    "moh",
    "muh",
    "mhd",
    "md",
    "m",
}
SITI = {"siti", "sity", "sitti", "sitty"}

_split = re.compile(r"[^a-z0-9]+")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def _fold(token: str) -> str:
    if token in MUHAMMAD:
        return "muhamad"  # the folded form (doubled letters are single)
    if token in SITI:
        return "siti"
    for old, new in (
        ("oe", "u"),
        ("ae", "ai"),  # Zaenab ~ Zainab, Zulkarnaen ~ Zulkarnain
        ("dj", "j"),
        ("tj", "c"),
        ("sj", "sy"),
        ("nj", "ny"),
    ):
        token = token.replace(old, new)
    token = re.sub(r"(.)\1+", r"\1", token)
    if len(token) > 2 and token.endswith("y"):
        token = token[:-1] + "i"
    if len(token) > 3 and token.endswith("h") and token[-2] in "aiueo":
        token = token[:-1]
    return token


def name_tokens(name: str) -> list[str]:
    """The folded tokens of a name, titles dropped, in order.

    >>> name_tokens("Lalu Muhamad Sholeh")
    ['muhamad', 'sole']
    """
    raw = [t for t in _split.split(_ascii(name)) if t]
    tokens = [_fold(t) for t in raw if t not in TITLES]
    if not tokens and raw:  # a name that is only a title ("Inaq") is still searchable
        tokens = [_fold(t) for t in raw]
    return [t.replace("sh", "s") if t.startswith("sh") else t for t in tokens]


def index_keys(name: str) -> set[str]:
    """What the search index stores for a name: each token, and each pair of neighbours joined."""
    tokens = name_tokens(name)
    keys = set(tokens)
    keys.update(a + b for a, b in zip(tokens, tokens[1:], strict=False))
    return keys


def query_tokens(query: str) -> list[str]:
    """The tokens of a search query (same folding as names), longest first, without repeats."""
    tokens = name_tokens(query)
    return sorted(set(tokens), key=lambda t: (-len(t), t))
