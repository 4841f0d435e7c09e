"""A synthetic population for the demo village: Sasak families with plausible ages, households,
and migration histories (members working in Malaysia, Saudi Arabia, Taiwan…).

Deterministic for a seed. Every NIK and No. KK uses ``nik.SYNTHETIC_REGION``, a region code no
real kecamatan has, so no demo number can ever be a real person's.
"""

from datetime import date, timedelta

from sigap.core.demo import DemoContext
from sigap.core.models import RukunTetangga
from sigap.registry import codes, names, nik
from sigap.registry.models import Household, LifeEvent, Membership, Resident, ResidentNameKey

MALE_NAMES = [
    "Ahmad",
    "Muhammad",
    "Abdul",
    "Hasan",
    "Husain",
    "Saleh",
    "Sholeh",
    "Zainuddin",
    "Zulkifli",
    "Amir",
    "Hamdi",
    "Rusdi",
    "Sahnan",
    "Suparman",
    "Sahabudin",
    "Jumadil",
    "Maulana",
    "Fauzan",
    "Hairul",
    "Khairul",
    "Juanda",
    "Samsul",
    "Syamsul",
    "Ismail",
    "Ibrahim",
    "Yusuf",
    "Rizal",
    "Sukri",
    "Lukman",
    "Mahsun",
    "Marzuki",
    "Nasrullah",
    "Habibi",
    "Wirawan",
    "Kamarudin",
    "Saparudin",
    "Munawir",
    "Sahrul",
    "Ramli",
    "Mustiadi",
    "Johan",
    "Hariadi",
    "Sapri",
    "Rahman",
    "Ridwan",
    "Fathurrahman",
]
FEMALE_NAMES = [
    "Siti",
    "Nurul",
    "Aminah",
    "Fatimah",
    "Hadijah",
    "Khadijah",
    "Rohani",
    "Sumiati",
    "Sumiyati",
    "Rahmawati",
    "Hayati",
    "Nurhayati",
    "Maryam",
    "Zaenab",
    "Zainab",
    "Saodah",
    "Hartini",
    "Mariani",
    "Murniati",
    "Sri",
    "Suriani",
    "Juhriah",
    "Halimah",
    "Rukiah",
    "Laila",
    "Nurjanah",
    "Wardiah",
    "Herniwati",
    "Ida",
    "Rabiah",
    "Salmah",
    "Baiq",
    "Marlina",
    "Yuliana",
    "Fitriani",
    "Hikmah",
    "Rosidah",
    "Mahnun",
    "Sahnim",
    "Inaq",
]
SECOND = [
    "Rahman",
    "Hidayat",
    "Hakim",
    "Rosyid",
    "Apriadi",
    "Wahyudi",
    "Saputra",
    "Hardiansyah",
    "Kurniawan",
    "Sapitri",
    "Handayani",
    "Wulandari",
    "Lestari",
    "Anggraini",
    "Safitri",
    "Amalia",
    "Azizah",
    "Ulfa",
    "Jannah",
    "Hasanah",
]
DESTINATIONS = [
    ("Malaysia", 60, "perkebunan sawit di Sabah"),
    ("Arab Saudi", 14, "pekerja rumah tangga di Riyadh"),
    ("Taiwan", 8, "perawat lansia di Taipei"),
    ("Hong Kong", 5, "pekerja rumah tangga"),
    ("Singapura", 5, "pekerja rumah tangga"),
    ("Brunei Darussalam", 4, "konstruksi"),
    ("Korea Selatan", 3, "pabrik di Ansan"),
    ("Kamboja", 1, "kerja 'admin' lewat agen daring — keluarga hilang kontak"),
]
ELSEWHERE = ["Mataram", "Denpasar, Bali", "Jakarta", "Surabaya", "Sumbawa Besar", "Batam"]


class _NikMaker:
    """Unique synthetic NIKs: the serial counts up per birth date and sex."""

    def __init__(self):
        self.serials: dict[str, int] = {}

    def make(self, birth: date, sex: str) -> str:
        day = birth.day + (40 if sex == codes.Sex.FEMALE else 0)
        stem = f"{nik.SYNTHETIC_REGION}{day:02d}{birth.month:02d}{birth.year % 100:02d}"
        self.serials[stem] = self.serials.get(stem, 0) + 1
        return f"{stem}{self.serials[stem]:04d}"


def _name(rng, sex: str, *, title_ok: bool) -> str:
    pool = MALE_NAMES if sex == codes.Sex.MALE else FEMALE_NAMES
    parts = [rng.choice(pool)]
    if rng.random() < 0.75:
        parts.append(rng.choice(SECOND if rng.random() < 0.5 else pool))
    if parts[0] == "Muhammad" and rng.random() < 0.4:
        parts[0] = rng.choice(["M.", "Muhamad", "Moh."])
    if title_ok and rng.random() < 0.06:
        parts.insert(0, "Lalu" if sex == codes.Sex.MALE else "Baiq")
    return " ".join(dict.fromkeys(parts))


def _birth(rng, today: date, age_low: int, age_high: int) -> date:
    age_days = rng.randint(age_low * 365, age_high * 365 + 364)
    return today - timedelta(days=age_days)


def build_population(ctx: DemoContext) -> None:
    """About ``ctx.people`` residents in households of 1–7 over the village's dusun and RT."""
    rng, today = ctx.rng, date(2026, 11, 1)
    village = ctx.village
    rts_by_dusun = {
        d.pk: list(RukunTetangga.objects.filter(rw__dusun=d).order_by("pk")) for d in ctx.dusun
    }
    niks = _NikMaker()
    kk_serial = 0
    residents: list[Resident] = []
    households: list[Household] = []
    plans: list[list[tuple[Resident, int]]] = []
    while len(residents) < ctx.people:
        dusun = rng.choice(ctx.dusun)
        kk_serial += 1
        issued = today - timedelta(days=rng.randint(30, 12 * 365))
        household = Household(
            village=village,
            dusun=dusun,
            rt=rng.choice(rts_by_dusun[dusun.pk]) if rts_by_dusun[dusun.pk] else None,
            kk_number=f"{nik.SYNTHETIC_REGION}{issued:%d%m%y}{kk_serial % 10000:04d}"
            if rng.random() > 0.03
            else None,
            address=f"Dusun {dusun.name}",
            income_band=rng.choices(list(codes.IncomeBand.values), [35, 35, 18, 9, 3])[0],
            main_livelihood=rng.choices([1, 2, 5, 6, 7, 9, 11, 12], [30, 20, 12, 6, 8, 6, 14, 4])[
                0
            ],
            house_condition=rng.choices([1, 2, 3], [50, 35, 15])[0],
            social_assistance=rng.random() < 0.35,
        )
        households.append(household)
        members = _family(rng, today)
        household.dependants = sum(1 for _sex, age, _rel in members if age < 18 or age >= 65)
        plan = []
        for sex, age, relationship in members:
            birth = _birth(rng, today, age, age)
            person = Resident(
                village=village,
                dusun=dusun,
                relationship=relationship,
                name=_name(rng, sex, title_ok=True),
                sex=sex,
                birth_place=rng.choice(["Lombok Barat", "Gerung", "Mataram", "Lombok Tengah"]),
                birth_date=birth,
                religion=codes.Religion.ISLAM if rng.random() < 0.97 else codes.Religion.HINDU,
                education=_education(rng, age),
                occupation=_occupation(rng, sex, age),
                marital_status=codes.MaritalStatus.MARRIED
                if relationship in (1, 2, 3)
                else codes.MaritalStatus.SINGLE,
                in_school=(6 <= age <= 17 and rng.random() < 0.88) if age < 25 else None,
                disability=codes.Disability.PHYSICAL if rng.random() < 0.015 else 0,
            )
            if rng.random() < 0.02 or age == 0:
                person.no_nik_reason = rng.choice(list(codes.NoNikReason.values))
            else:
                person.nik = niks.make(birth, sex)
            plan.append((person, age))
            residents.append(person)
        plans.append(plan)

    Household.objects.bulk_create(households, batch_size=1000)
    temp_serial = 0
    for household, plan in zip(households, plans, strict=True):
        for person, _age in plan:
            person.household = household
            if person.nik is None:
                temp_serial += 1
                person.temp_number = nik.temporary_number(village.code, temp_serial)
    events = _migration(rng, today, [(p, age) for plan in plans for p, age in plan])
    Resident.objects.bulk_create(residents, batch_size=1000)
    heads = []
    for household, plan in zip(households, plans, strict=True):
        household.head = plan[0][0]
        heads.append(household)
    Household.objects.bulk_update(heads, ["head"], batch_size=1000)
    ResidentNameKey.objects.bulk_create(
        (
            ResidentNameKey(resident=p, key=key[:60])
            for p in residents
            for key in names.index_keys(p.name)
        ),
        batch_size=5000,
    )
    Membership.objects.bulk_create(
        (
            Membership(
                resident=p,
                household=p.household,
                kk_number=p.household.kk_number or "",
                relationship=p.relationship,
                started_on=max(p.birth_date, date(2010, 1, 1)),
            )
            for p in residents
        ),
        batch_size=5000,
    )
    for event in events:
        event.resident_id = event.resident.pk
    LifeEvent.objects.bulk_create(events, batch_size=2000)
    abroad = sum(1 for p in residents if p.whereabouts == codes.Whereabouts.ABROAD)
    ctx.notes.append(
        f"Demo population: {len(residents):,} residents in {len(households):,} households, "
        f"{abroad} abroad."
    )


def _family(rng, today) -> list[tuple[str, int, int]]:
    """(sex, age, relationship) of one family, the head first."""
    rel = codes.FamilyRelationship
    head_age = rng.randint(22, 78)
    head_sex = codes.Sex.MALE if rng.random() < 0.82 else codes.Sex.FEMALE
    family = [(head_sex, head_age, rel.HEAD)]
    if head_sex == codes.Sex.MALE and rng.random() < 0.85:
        family.append((codes.Sex.FEMALE, max(17, head_age - rng.randint(0, 8)), rel.WIFE))
    mother_age = family[-1][1] if len(family) > 1 else head_age
    for _ in range(rng.choices([0, 1, 2, 3, 4, 5], [10, 20, 28, 22, 12, 8])[0]):
        age = mother_age - rng.randint(17, 38)
        if age >= 0:
            family.append((rng.choice(codes.Sex.values), age, rel.CHILD))
    if rng.random() < 0.12 and head_age < 50:
        family.append((rng.choice(codes.Sex.values), head_age + rng.randint(22, 32), rel.PARENT))
    return family


def _education(rng, age: int) -> int:
    if age < 7:
        return codes.Education.NONE
    if age < 13:
        return codes.Education.SD_NOT_DONE
    weights = [8, 10, 32, 22, 22, 2, 2, 2] if age > 40 else [2, 4, 20, 28, 36, 3, 3, 4]
    return rng.choices([1, 2, 3, 4, 5, 6, 7, 8], weights)[0]


def _occupation(rng, sex: str, age: int) -> int:
    if age < 18:
        return 3 if age >= 6 else 1
    if age >= 65:
        return rng.choice([1, 9, 4])
    if sex == codes.Sex.FEMALE:
        return rng.choices([2, 9, 20, 84, 30, 23, 88], [40, 12, 15, 12, 5, 6, 10])[0]
    return rng.choices([9, 20, 19, 26, 84, 81, 88, 15], [28, 20, 15, 8, 8, 6, 10, 5])[0]


def _migration(rng, today, people) -> list[LifeEvent]:
    """Send some adults abroad or elsewhere in Indonesia, with the events that say when."""
    events = []
    countries = [c for c, _w, _d in DESTINATIONS]
    weights = [w for _c, w, _d in DESTINATIONS]
    details = {c: d for c, _w, d in DESTINATIONS}
    for person, age in people:
        if not 18 <= age <= 50:
            continue
        roll = rng.random()
        if roll < 0.07:
            country = rng.choices(countries, weights)[0]
            left = today - timedelta(days=rng.randint(20, 6 * 365))
            person.whereabouts = codes.Whereabouts.ABROAD
            person.abroad_country = country
            person.whereabouts_detail = details[country]
            events.append(
                LifeEvent(
                    resident=person,
                    kind=codes.LifeEventKind.DEPARTURE_ABROAD,
                    occurred_on=left,
                    country=country,
                    place=details[country],
                )
            )
        elif roll < 0.10:
            country = rng.choices(countries, weights)[0]
            left = today - timedelta(days=rng.randint(3 * 365, 9 * 365))
            back = left + timedelta(days=rng.randint(180, 3 * 365))
            events.append(
                LifeEvent(
                    resident=person,
                    kind=codes.LifeEventKind.DEPARTURE_ABROAD,
                    occurred_on=left,
                    country=country,
                )
            )
            events.append(
                LifeEvent(
                    resident=person,
                    kind=codes.LifeEventKind.RETURN,
                    occurred_on=min(back, today),
                    note="Purna PMI",
                )
            )
        elif roll < 0.14:
            person.whereabouts = codes.Whereabouts.INDONESIA
            person.whereabouts_detail = rng.choice(ELSEWHERE)
    return events
