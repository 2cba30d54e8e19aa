"""Demo accounts of the embedded default, one per role. Idempotent."""

from allauth.account.models import EmailAddress
from django.db import transaction

from .models import ConsentPurpose, Region, User
from .roles import Role
from .selectors import has_consent
from .services import consent_give, user_assign_role

DEMO_PASSWORD = "Leerkring-demo-2026"  # noqa: S105  (published demo log-in)
DEMO_USERS = {
    "participant": "deelnemer@leerkring.nl",
    "trainer": "trainer@leerkring.nl",
    "staff": "staf@leerkring.nl",
    "admin": "beheerder@leerkring.nl",
}


def _demo_user(email, *, display_name, organisation="", region=None, superuser=False):
    user = User.objects.filter(email=email).first()
    if user is None:
        manager = User.objects.create_superuser if superuser else User.objects.create_user
        user = manager(
            email=email,
            password=DEMO_PASSWORD,
            display_name=display_name,
            organisation=organisation,
            region=region,
        )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def load_demo_accounts() -> dict[str, User]:
    amsterdam = Region.objects.get(slug="amsterdam")
    walcheren = Region.objects.get(slug="walcheren")
    users = {
        "participant": _demo_user(
            DEMO_USERS["participant"],
            display_name="Sanne de Vries",
            organisation="Ledengroep Amsterdam-Noord",
            region=amsterdam,
        ),
        "trainer": _demo_user(
            DEMO_USERS["trainer"],
            display_name="Karim El Amrani",
            organisation="Trainerspool KansPlus",
            region=walcheren,
        ),
        "staff": _demo_user(
            DEMO_USERS["staff"], display_name="Ineke Bos", organisation="Landelijk bureau"
        ),
        "admin": _demo_user(DEMO_USERS["admin"], display_name="Beheerder", superuser=True),
    }
    roles = {"participant": Role.PARTICIPANT, "trainer": Role.TRAINER, "staff": Role.NATIONAL_STAFF}
    for key, role in roles.items():
        if not users[key].groups.filter(name=role.value).exists():
            user_assign_role(user=users[key], role=role)
    # The demo participant agreed to take part when they signed up (Mijn toestemmingen).
    participant = users["participant"]
    if not has_consent(participant, ConsentPurpose.COURSES):
        consent_give(user=participant, purpose=ConsentPurpose.COURSES, actor=participant)
    return users
