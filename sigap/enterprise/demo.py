"""Demo entrepreneurship groups: seven groups of the demo village (weaving, snacks, a shared
shop, goats, sewing, coffee, and one that stopped), their members (mostly from at-risk
households), funds received, up to a year of monthly turnover and profit (not all rising),
mentoring visits and household income before and after. Written through the services, so the demo
obeys the same rules as a user; deterministic by the demo seed; skipped when groups exist."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from sigap.accounts.models import User
from sigap.core.demo import DEMO_USERNAMES, DemoContext
from sigap.core.roles import Role
from sigap.enterprise import services
from sigap.enterprise.models import Funding, Group, GroupMember
from sigap.registry import codes
from sigap.registry.models import Resident
from sigap.registry.selectors import vulnerable_households


@dataclass(frozen=True)
class Plan:
    name: str
    kind: str
    sector: str
    description: str
    months_ago: int  # when the business started
    stage: str
    turnover: int  # a typical month's turnover once it runs
    margin: float  # profit as a share of turnover in a typical month
    trend: float  # growth of turnover per month (negative: declining)
    women: bool  # the members are women (weaving, sewing, snacks)
    funds: tuple[tuple[str, str, int, str], ...]  # (source, kind, amount, giver's name)
    ended_months_ago: int = 0
    end_reason: str = ""


PLANS = [
    Plan(
        "KUBE Tenun Songket Bermi",
        Group.Kind.KUBE,
        Group.Sector.WEAVING,
        "Menenun songket dan kain ikat motif Sasak; dijual ke pengepul di Sukarara dan lewat "
        "pameran kabupaten.",
        20,
        Group.Stage.GROWING,
        6_500_000,
        0.28,
        0.02,
        True,
        (
            ("dana_desa", "hibah", 12_000_000, "APBDes Babussalam"),
            ("dinas_koperasi", "hibah", 7_500_000, "Bantuan alat tenun"),
        ),
    ),
    Plan(
        "KUBE Kerupuk dan Jajan Dasan Baru",
        Group.Kind.KUBE,
        Group.Sector.FOOD,
        "Kerupuk kulit, renggi dan jajan pasar; dititipkan ke warung dan dijual di pasar Gerung.",
        30,
        Group.Stage.SELF_RELIANT,
        9_000_000,
        0.22,
        0.005,
        True,
        (
            ("baznas", "hibah", 8_000_000, "BAZNAS Lombok Barat"),
            ("koperasi", "pinjaman", 10_000_000, "Koperasi Desa Merah Putih"),
        ),
    ),
    Plan(
        "Warung Sembako Bersama Kebon Lauk",
        Group.Kind.UMKM,
        Group.Sector.TRADE,
        "Warung sembako milik bersama; belanja grosir di Mataram, dijual eceran ke tetangga.",
        14,
        Group.Stage.GROWING,
        15_000_000,
        0.09,
        0.015,
        False,
        (("koperasi", "pinjaman", 15_000_000, "Koperasi Desa Merah Putih"),),
    ),
    Plan(
        "Kelompok Ternak Kambing Babussalam",
        Group.Kind.FARMERS,
        Group.Sector.LIVESTOCK,
        "Penggemukan kambing dengan kandang bersama; dijual menjelang Iduladha.",
        24,
        Group.Stage.GROWING,
        4_000_000,
        0.35,
        0.01,
        False,
        (
            ("dinas_sosial", "hibah", 20_000_000, "Bantuan KUBE Kemensos"),
            ("bank", "pinjaman", 25_000_000, "KUR BRI Unit Gerung"),
        ),
    ),
    Plan(
        "KUBE Jahit Busana Muslim",
        Group.Kind.KUBE,
        Group.Sector.SEWING,
        "Menjahit mukena, baju koko dan seragam sekolah pesanan.",
        7,
        Group.Stage.STARTING,
        3_000_000,
        0.18,
        0.04,
        True,
        (("csr", "hibah", 9_000_000, "CSR PT Amman Mineral"),),
    ),
    Plan(
        "Kopi Bubuk Babussalam Utara",
        Group.Kind.UMKM,
        Group.Sector.FOOD,
        "Menyangrai dan menggiling kopi robusta dari Sesaot; dijual dalam kemasan 250 gram.",
        10,
        Group.Stage.STARTING,
        2_500_000,
        0.15,
        -0.01,
        False,
        (("dana_desa", "hibah", 5_000_000, "APBDes Babussalam"),),
    ),
    Plan(
        "KUBE Anyaman Ketak",
        Group.Kind.KUBE,
        Group.Sector.WEAVING,
        "Anyaman ketak untuk tas dan tempat tisu.",
        18,
        Group.Stage.STARTING,
        2_000_000,
        0.12,
        -0.05,
        True,
        (("dana_desa", "hibah", 4_000_000, "APBDes Babussalam"),),
        ended_months_ago=3,
        end_reason="Bahan ketak sulit didapat dan dua anggota bekerja di luar desa.",
    ),
]

NOTES = [
    "Memeriksa buku kas bersama bendahara: pencatatan rapi, omzet naik karena pesanan.",
    "Harga bahan baku naik; kelompok sepakat menaikkan harga jual sekitar 10%.",
    "Membahas pembagian kerja dan jadwal produksi; satu anggota sedang sakit.",
    "Melatih pencatatan omzet dan laba harian di buku kas.",
    "Mendiskusikan pemasaran lewat WhatsApp dan titip jual di warung desa.",
    "Kelompok menabung sebagian laba sebagai simpanan sukarela di koperasi desa.",
    "Penjualan turun di musim hujan; mencari pembeli tetap di Gerung dan Mataram.",
    "Seorang anggota ditawari kerja ke luar negeri oleh sponsor tanpa izin; sudah diberi "
    "informasi migrasi aman dan dihubungkan dengan Koordinator.",
    "Menghitung harga pokok produksi bersama; beberapa produk ternyata dijual rugi.",
    "Rapat anggota: pembagian hasil bulan ini disepakati dan dicatat.",
]
NEXT_STEPS = [
    "Mengurus izin PIRT untuk kemasan.",
    "Membuat label dan kemasan baru.",
    "Mengajukan pinjaman modal ke koperasi desa.",
    "Ikut pameran UMKM kabupaten bulan depan.",
    "Melatih dua anggota baru.",
    "Menyusun laporan keuangan bulanan untuk rapat anggota.",
    "Mencari pemasok bahan baku yang lebih murah.",
]


def build_groups(ctx: DemoContext) -> None:
    if Group.objects.exists() or ctx.village is None:
        return
    users = {
        role: User.objects.filter(username=DEMO_USERNAMES[role]).first()
        for role in (Role.KOORDINATOR, Role.PENGURUS_KOPERASI)
    }
    if not all(users.values()):
        return
    rng, today = ctx.rng, timezone.localdate()
    # Adults of the village, most of them from at-risk households (the programme's target).
    adult_born_before = _months_before(today, 12 * 23)  # adults when the oldest group began
    adults = Resident.objects.filter(
        village=ctx.village,
        basic_status=codes.BasicStatus.ALIVE,
        whereabouts=codes.Whereabouts.VILLAGE,
        birth_date__lte=adult_born_before,
        household__isnull=False,
    )
    at_risk = set(vulnerable_households().values_list("pk", flat=True))
    pool = list(adults.order_by("pk").values_list("pk", "sex", "household_id"))
    rng.shuffle(pool)
    pool.sort(key=lambda row: row[2] not in at_risk)  # stable: at-risk households first
    taken: set[int] = set()
    made = 0
    for number, plan in enumerate(PLANS):
        facilitator = users[Role.KOORDINATOR if number % 2 == 0 else Role.PENGURUS_KOPERASI]
        wanted = rng.randint(5, 9)
        chosen = [row for row in pool if row[0] not in taken and (row[1] == "P") == plan.women]
        chosen = chosen[:wanted] or [row for row in pool if row[0] not in taken][:wanted]
        if len(chosen) < 2:
            break
        taken.update(row[0] for row in chosen)
        _build(ctx, plan, facilitator, [row[0] for row in chosen], today)
        made += 1
    ctx.notes.append(
        f"Demo groups: {made} entrepreneurship groups; '{users[Role.KOORDINATOR].username}' and "
        f"'{users[Role.PENGURUS_KOPERASI].username}' manage them."
    )


def _build(ctx: DemoContext, plan: Plan, facilitator, resident_ids: list[int], today: date):
    rng = ctx.rng
    started = _months_before(today, plan.months_ago) + timedelta(days=rng.randint(0, 20))
    started = min(started, today)
    ended = _months_before(today, plan.ended_months_ago) if plan.ended_months_ago else None
    group = services.group_create(
        actor=facilitator,
        village=ctx.village,
        name=plan.name,
        kind=plan.kind,
        sector=plan.sector,
        description=plan.description,
        started_on=started,
        facilitator=facilitator,
        stage=plan.stage,
    )
    residents = Resident.objects.filter(pk__in=resident_ids).select_related("household")
    positions = [GroupMember.Position.CHAIR, GroupMember.Position.TREASURER]
    positions.append(GroupMember.Position.SECRETARY)
    for index, resident in enumerate(sorted(residents, key=lambda r: resident_ids.index(r.pk))):
        joined = min(started + timedelta(days=rng.randint(0, 60) if index > 2 else 0), today)
        services.group_member_add(
            actor=facilitator,
            group=group,
            resident=resident,
            joined_on=joined,
            position=positions[index] if index < len(positions) else GroupMember.Position.MEMBER,
            income_before=resident.household.income_band or codes.IncomeBand.BELOW_1M,
        )
    for source, kind, amount, giver in plan.funds:
        services.funding_add(
            actor=facilitator,
            group=group,
            source=source,
            kind=kind,
            amount=amount,
            received_on=min(started + timedelta(days=rng.randint(0, 90)), ended or today),
            source_name=giver,
            note="Modal awal dan peralatan" if kind == Funding.Kind.GRANT else "Modal kerja",
        )
    _figures(ctx, group, plan, facilitator, started, ended or today, today)
    _visits(ctx, group, facilitator, started, ended or today, today)
    _incomes(ctx, group, facilitator, started, today)
    if ended:
        services.group_update(
            actor=facilitator,
            group=group,
            name=group.name,
            kind=group.kind,
            sector=group.sector,
            description=group.description,
            started_on=group.started_on,
            stage=group.stage,
            facilitator=group.facilitator,
            ended_on=ended,
            end_reason=plan.end_reason,
        )


def _figures(ctx, group, plan: Plan, actor, started: date, until: date, today: date) -> None:
    """A figure for each full month of the last year the group ran: a ramp-up over the first
    months, the plan's trend, noise, a Ramadan/Lebaran peak for food and clothes, and the odd
    loss for young groups."""
    rng = ctx.rng
    month = _months_before(today, 12)
    month = max(month, started.replace(day=1))
    age = _months_between(started, month)
    while month < until.replace(day=1) and month < today.replace(day=1):
        ramp = min(1.0, 0.35 + 0.13 * age)
        level = plan.turnover * ramp * (1 + plan.trend) ** age * rng.uniform(0.8, 1.2)
        if plan.sector in {Group.Sector.FOOD, Group.Sector.SEWING} and month.month in {2, 3}:
            level *= 1.4
        turnover = round(level, -3)
        margin = plan.margin * rng.uniform(0.6, 1.3)
        if plan.stage == Group.Stage.STARTING and rng.random() < 0.2:
            margin = -rng.uniform(0.05, 0.25)  # a bad month: unsold stock, a broken tool
        services.monthly_figure_record(
            actor=actor,
            group=group,
            month=month,
            turnover=int(turnover),
            profit=int(round(turnover * margin, -3)),
        )
        month = _next_month(month)
        age += 1


def _visits(ctx, group, actor, started: date, until: date, today: date) -> None:
    rng = ctx.rng
    day = max(started + timedelta(days=14), today - timedelta(days=365))
    visits = []
    while day <= min(until, today):
        visits.append(day)
        day += timedelta(days=rng.randint(30, 60))
    for index, visited_on in enumerate(visits):
        last = index == len(visits) - 1
        services.visit_record(
            actor=actor,
            group=group,
            visited_on=visited_on,
            facilitator=actor,
            notes=rng.choice(NOTES),
            next_steps=rng.choice(NEXT_STEPS),
            next_visit_on=visited_on + timedelta(days=30) if last and group.active else None,
        )


def _incomes(ctx, group, actor, started: date, today: date) -> None:
    """Six months after joining, most households are measured again: about half moved up a band,
    a few down."""
    rng = ctx.rng
    if _months_between(started, today) < 6:
        return
    for income in group.incomes.order_by("pk"):
        if rng.random() < 0.15:
            continue  # not measured yet
        step = rng.choices([1, 0, -1], [45, 45, 10])[0]
        after = min(max(income.before + step, 1), len(codes.IncomeBand.values))
        services.household_income_update(
            actor=actor, income=income, after=after, on=today - timedelta(days=rng.randint(5, 40))
        )


def _months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)
