"""Demo cooperative: Koperasi Desa Merah Putih Babussalam with a few hundred members (about one
adult in five, up to 300) who joined over the last two years and paid their savings month by
month; some are behind on simpanan wajib, some save and withdraw sukarela. Deterministic by the
demo seed. Written in bulk (demo data, like the benchmark generator) from balanced
``ledger.Entry`` objects, so the books balance exactly as if entered by hand."""

from datetime import date, timedelta

from django.utils import timezone

from sigap.accounts.models import User
from sigap.core.demo import DEMO_USERNAMES, DemoContext
from sigap.core.roles import Role
from sigap.economy import ledger
from sigap.economy.ledger import Account, Line
from sigap.economy.models import Cooperative, JournalEntry, JournalLine, Member
from sigap.economy.services import journal_lines
from sigap.registry.models import Resident

POKOK = 50_000
WAJIB = 10_000
MAX_MEMBERS = 300


def build_cooperative(ctx: DemoContext) -> None:
    if Cooperative.objects.exists() or ctx.village is None:
        return
    actor = User.objects.filter(username=DEMO_USERNAMES[Role.PENGURUS_KOPERASI]).first()
    if actor is None:
        return
    rng, today = ctx.rng, timezone.localdate()
    coop = Cooperative.objects.create(
        village=ctx.village,
        name="Koperasi Desa Merah Putih Babussalam",
        simpanan_pokok=POKOK,
        simpanan_wajib=WAJIB,
    )
    adults = list(
        Resident.objects.filter(
            village=ctx.village, basic_status=1, birth_date__lte=today - timedelta(days=18 * 365)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    rng.shuffle(adults)
    chosen = sorted(adults[: min(MAX_MEMBERS, len(adults) // 5)])
    members = Member.objects.bulk_create(
        Member(
            cooperative=coop,
            resident_id=resident_id,
            number=f"{number:04d}",
            joined_on=today - timedelta(days=rng.randint(30, 730)),
        )
        for number, resident_id in enumerate(chosen, start=1)
    )
    postings: list[tuple[date, ledger.Entry, Member]] = []
    for member in members:
        postings.append(
            (
                member.joined_on,
                _entry("Simpanan pokok", Account.SIMPANAN_POKOK, POKOK, member),
                member,
            )
        )
        behind = rng.random() < 0.15  # stopped paying wajib some months ago
        stop = today - timedelta(days=rng.randint(60, 180)) if behind else today
        month = date(member.joined_on.year, member.joined_on.month, 5)
        sukarela = 0
        while month <= stop:
            postings.append(
                (
                    month,
                    _entry("Setoran simpanan wajib", Account.SIMPANAN_WAJIB, WAJIB, member),
                    member,
                )
            )
            if rng.random() < 0.25:
                amount = rng.choice([20_000, 50_000, 100_000, 250_000])
                sukarela += amount
                postings.append(
                    (
                        month + timedelta(days=rng.randint(0, 20)),
                        _entry(
                            "Setoran simpanan sukarela", Account.SIMPANAN_SUKARELA, amount, member
                        ),
                        member,
                    )
                )
            elif sukarela >= 50_000 and rng.random() < 0.1:
                amount = rng.randrange(10_000, sukarela + 1, 10_000)
                sukarela -= amount
                withdrawal = ledger.Entry(
                    f"Penarikan simpanan sukarela anggota {member.number}",
                    (
                        Line(Account.SIMPANAN_SUKARELA, debit=amount),
                        Line(Account.CASH, credit=amount),
                    ),
                )
                postings.append((month + timedelta(days=21), withdrawal, member))
            month = _next_month(month)
    postings = [p for p in postings if p[0] <= today]
    entries = JournalEntry.objects.bulk_create(
        JournalEntry(cooperative=coop, entry_date=on, memo=entry.memo, created_by=actor)
        for on, entry, _member in postings
    )
    JournalLine.objects.bulk_create(
        (
            line
            for row, (_on, entry, member) in zip(entries, postings, strict=True)
            for line in journal_lines(row, entry, member)
        ),
        batch_size=2_000,
    )
    ctx.notes.append(
        f"Demo cooperative: {len(members)} members, {len(entries)} journal entries; "
        f"'{actor.username}' is Pengurus Koperasi."
    )


def _entry(label: str, account: Account, amount: int, member: Member) -> ledger.Entry:
    return ledger.Entry(
        f"{label} anggota {member.number}",
        (Line(Account.CASH, debit=amount), Line(account, credit=amount)),
    )


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, day.day)
