"""What ``accounts`` holds about a person (account, log, erasure requests) and its retention rules.

Registered from ``AccountsConfig.ready`` into :mod:`accounts.privacy`; the other apps do the same
in their own ``personal_data`` module.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from .export_jobs import get as get_export_kind
from .models import AuditEntry, ConsentRecord, ErasureRequest, ExportJob, StaffApiToken, User
from .privacy import register_kind, register_retention, when
from .roles import Role

#: What an erased account is called wherever a name used to be shown (lists, counts, the log).
ANONYMOUS_NAME = "Anoniem"

#: Verbs whose entries say that someone looked at a person's data ("who looked").
VIEW_VERBS = (
    "competencies.shared_results_viewed",
    "courses.participants_viewed",
    "accounts.person_viewed",
    "accounts.personal_export_viewed",
    "accounts.personal_export_downloaded",
)


def _role_label(value: str) -> str:
    try:
        return str(Role(value).label)
    except ValueError:
        return gettext("Iemand anders")


def export_account(user) -> list[dict]:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    roles = [
        str(Role(name).label)
        for name in user.groups.values_list("name", flat=True)
        if name in Role.values
    ]
    row = {
        gettext("Naam"): user.display_name,
        gettext("E-mailadres"): user.email or "",
        gettext("Telefoonnummer"): user.phone,
        gettext("Organisatie"): user.organisation,
        gettext("Regio"): user.region.name if user.region_id else "",
        gettext("Rollen"): ", ".join(roles),
        gettext("Account gemaakt op"): when(user.date_joined),
        gettext("Laatst ingelogd"): when(user.last_login),
    }
    rows = [row]
    for address in EmailAddress.objects.filter(user=user).order_by("pk"):
        rows.append(
            {
                gettext("E-mailadres om in te loggen"): address.email,
                gettext("Bevestigd"): address.verified,
            }
        )
    for auth in Authenticator.objects.filter(user=user).order_by("pk"):
        rows.append(
            {
                gettext("Tweestapsverificatie"): auth.get_type_display(),
                gettext("Aangezet op"): when(auth.created_at),
            }
        )
    return rows


def erase_account(user) -> int:
    """The account: no name, no address, no way to log in, no roles. Idempotent."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from django.apps import apps

    changed = 0
    # The person's log-in addresses, second factor, and Wagtail's per-user state and API keys.
    for model in (
        EmailAddress,
        Authenticator,
        apps.get_model("wagtailusers", "UserProfile"),
        apps.get_model("wagtailadmin", "EditingSession"),
        apps.get_model("wagtailadmin", "FormState"),
        apps.get_model("wagtailcore", "PageSubscription"),
        apps.get_model("wagtailcore", "APIToken"),
    ):
        changed += model.objects.filter(user=user).delete()[0]
    target = {
        "email": None,
        "display_name": ANONYMOUS_NAME,
        "phone": "",
        "organisation": "",
        "region_id": None,
        "is_active": False,
        "is_staff": False,
        "is_superuser": False,
        "last_login": None,
    }
    fresh = User.objects.get(pk=user.pk)
    differs = {k: v for k, v in target.items() if getattr(fresh, k) != v}
    if fresh.has_usable_password():
        fresh.set_unusable_password()
        differs["password"] = fresh.password
    if differs:
        User.objects.filter(pk=user.pk).update(**differs)
        changed += 1
    for key, value in differs.items():
        setattr(user, key, value)
    if user.groups.exists() or user.user_permissions.exists():
        user.groups.clear()
        user.user_permissions.clear()
        user.__dict__.pop("_leerkring_roles", None)
        changed += 1
    return changed


def _own_entries(user):
    from django.contrib.contenttypes.models import ContentType

    return Q(target_type=ContentType.objects.get_for_model(User), target_id=str(user.pk))


def export_log(user) -> list[dict]:
    """What the log says the person did, and what was done to their account.

    Only the kind of action and when: the object of an action a trainer took may be another
    person, so its name is left out. Views of their data are in "who looked" instead.
    """
    entries = (
        AuditEntry.objects.filter(Q(actor=user) | _own_entries(user))
        .exclude(verb__in=VIEW_VERBS)
        .order_by("created_at", "pk")
    )
    return [
        {
            gettext("Wanneer"): when(entry.created_at),
            gettext("Wat"): entry.get_verb_display(),
            gettext("Door jezelf"): entry.actor_id == user.pk,
        }
        for entry in entries
    ]


def viewers_of(user, *, limit: int | None = None) -> list[dict]:
    """Who looked at the person's data: name, role, what, when (the person's right to know)."""
    entries = (
        AuditEntry.objects.filter(_own_entries(user), verb__in=VIEW_VERBS)
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )
    if limit is not None:
        entries = entries[:limit]
    return [
        {
            "when": when(entry.created_at),
            "name": entry.actor.get_full_name() if entry.actor_id else gettext("Onbekend"),
            "role": _role_label(entry.data.get("role", "")),
            "what": entry.get_verb_display(),
        }
        for entry in entries
    ]


def export_views(user) -> list[dict]:
    return [
        {
            gettext("Wanneer"): row["when"],
            gettext("Wie"): row["name"],
            gettext("Rol"): row["role"],
            gettext("Wat"): row["what"],
        }
        for row in viewers_of(user)
    ]


def erase_log(user) -> int:
    """Entries about the person keep what happened and when, not their name.

    Entries the person made as actor keep pointing at the (now anonymous) account; the data of
    other entries about them (which may hold an old address) is emptied.
    """
    entries = AuditEntry.objects.filter(_own_entries(user))
    # The erasure's own entries keep their data (the staff member's reason): accountability.
    keep = ("user.erasure_requested", "user.erasure_cancelled", "user.erased")
    return entries.exclude(target_repr=ANONYMOUS_NAME).update(
        target_repr=ANONYMOUS_NAME
    ) + entries.exclude(data={}).exclude(verb__in=keep).update(data={})


def export_jobs(user) -> list[dict]:
    return [
        {
            gettext("Export"): str(getattr(get_export_kind(job.kind), "label", job.kind)),
            gettext("Aangevraagd op"): when(job.created_at),
            gettext("Status"): job.get_status_display(),
        }
        for job in ExportJob.objects.filter(requester=user).order_by("created_at", "pk")
    ]


def erase_jobs(user) -> int:
    """Exports hold personal data (theirs, or for staff someone else's): file and row go."""
    changed = 0
    for job in ExportJob.objects.filter(requester=user):
        if job.file:
            job.file.delete(save=False)
        job.delete()
        changed += 1
    return changed


def export_erasure_requests(user) -> list[dict]:
    return [
        {
            gettext("Gevraagd op"): when(request.requested_at),
            gettext("Soort"): request.get_kind_display(),
            gettext("Wordt uitgevoerd na"): when(request.execute_after),
            gettext("Teruggedraaid op"): when(request.cancelled_at),
            gettext("Uitgevoerd op"): when(request.executed_at),
        }
        for request in user.erasure_requests.order_by("requested_at", "pk")
    ]


def erase_erasure_requests(user) -> int:
    """The requests stay: they are the proof that the person was forgotten (no name in them)."""
    return 0


def export_outbox(user) -> list[dict]:
    """Mails sent to the person: subject and when. Not the text: a trainer's mail can name
    participants, and those names are theirs."""
    from notifications.models import OutboxMessage

    if not user.email:
        return []
    return [
        {
            # A mail rendered at send time has no subject until it is sent.
            gettext("Onderwerp"): m.subject or gettext("(deze e-mail sturen we nog)"),
            gettext("Gemaakt op"): when(m.created_at),
            gettext("Verstuurd op"): when(m.sent_at),
        }
        for m in OutboxMessage.objects.filter(to__iexact=user.email).order_by("created_at", "pk")
    ]


def erase_outbox(user) -> int:
    from notifications.models import OutboxMessage

    if not user.email:
        return 0
    return OutboxMessage.objects.filter(to__iexact=user.email).delete()[0]


# --- Retention ------------------------------------------------------------------------------

_activity_sources = []


def register_activity(source) -> None:
    """``source(since)`` -> ids of users active since then (e.g. an enrolment); apps above add
    theirs so a person who only takes courses is not taken for inactive."""
    _activity_sources.append(source)


def _warning_days() -> int:
    return int(getattr(settings, "LEERKRING_INACTIVITY_WARNING_DAYS", 30))


def _inactive_to_warn(now, days):
    since = now - timedelta(days=days) + timedelta(days=_warning_days())
    active = set()
    for source in _activity_sources:
        active.update(source(since))
    return (
        User.objects.annotate(activity=Coalesce("last_login", "date_joined"))
        .filter(activity__lt=since, is_superuser=False)
        .exclude(pk__in=active)
        .exclude(
            erasure_requests__in=ErasureRequest.objects.filter(
                Q(executed_at__isnull=False) | Q(cancelled_at__isnull=True)
            )
        )
    )


def count_inactive(now, days) -> int:
    return _inactive_to_warn(now, days).count()


def warn_inactive(now, days) -> int:
    """Warn (a mail, 30 days ahead) and schedule; the erasure job forgets them when it is due
    unless they log in. Someone already warned has an open request, so is not warned twice."""
    from .services import erasure_request_create

    done = 0
    for user in _inactive_to_warn(now, days).iterator():
        erasure_request_create(
            user=user,
            actor=None,
            kind=ErasureRequest.Kind.INACTIVITY,
            grace=timedelta(days=_warning_days()),
        )
        done += 1
    return done


def _old_audit(now, days):
    return AuditEntry.objects.filter(created_at__lt=now - timedelta(days=days))


def count_audit(now, days) -> int:
    return _old_audit(now, days).count()


def delete_audit(now, days) -> int:
    return _old_audit(now, days).delete()[0]


def export_consent(user) -> list[dict]:
    """Every consent and its history: for what, under which notice, by whom, and withdrawn when."""
    return [
        {
            gettext("Waarvoor"): record.get_purpose_display(),
            gettext("Privacyverklaring versie"): record.notice.version,
            gettext("Gegeven op"): when(record.given_at),
            gettext("Door een wettelijk vertegenwoordiger"): record.by_representative,
            gettext("Naam vertegenwoordiger"): record.representative_name,
            gettext("Relatie"): record.get_representative_relation_display(),
            gettext("Contact vertegenwoordiger"): record.representative_contact,
            gettext("Ingetrokken op"): when(record.withdrawn_at),
            gettext("Vervangen op"): when(record.replaced_at),
        }
        for record in ConsentRecord.objects.filter(user=user)
        .select_related("notice")
        .order_by("given_at", "pk")
    ]


def erase_consent(user) -> int:
    """The person's consents go with them; as the one who recorded or withdrew someone else's
    consent (staff entering a paper form) they are no longer named."""
    changed = ConsentRecord.objects.filter(user=user).delete()[0]
    changed += ConsentRecord.objects.filter(recorded_by=user).update(recorded_by=None)
    changed += ConsentRecord.objects.filter(withdrawn_by=user).update(withdrawn_by=None)
    return changed


def export_api_tokens(user) -> list[dict]:
    """A staff member's API keys: the name and dates, never the key (only its hash is kept)."""
    return [
        {
            gettext("Naam"): token.name,
            gettext("Gemaakt op"): when(token.created_at),
            gettext("Laatst gebruikt"): when(token.last_used_at),
            gettext("Ingetrokken op"): when(token.revoked_at),
        }
        for token in StaffApiToken.objects.filter(user=user)
    ]


def erase_api_tokens(user) -> int:
    return StaffApiToken.objects.filter(user=user).delete()[0]


def register():
    register_kind(
        "accounts.account",
        label=_("Je account"),
        help_text=_("Je naam, e-mailadres, telefoon, groep, regio en rol."),
        export=export_account,
        erase=erase_account,
        covers=(
            "account.EmailAddress.user",
            "mfa.Authenticator.user",
            "wagtailusers.UserProfile.user",
            "wagtailadmin.EditingSession.user",
            "wagtailadmin.FormState.user",
            "wagtailcore.PageSubscription.user",
            "wagtailcore.APIToken.user",
        ),
        order=0,
    )
    register_kind(
        "accounts.consent",
        label=_("Je toestemmingen"),
        help_text=_("Waarvoor je toestemming gaf, wanneer, en onder welke privacyverklaring."),
        export=export_consent,
        erase=erase_consent,
        covers=(
            "accounts.ConsentRecord.user",
            "accounts.ConsentRecord.recorded_by",
            "accounts.ConsentRecord.withdrawn_by",
        ),
        order=5,
        unit=ngettext_lazy("%(n)s toestemming", "%(n)s toestemmingen", "n"),
    )
    register_kind(
        "accounts.api_tokens",
        label=_("API-sleutels die je maakte"),
        export=export_api_tokens,
        erase=erase_api_tokens,
        covers=("accounts.StaffApiToken.user",),
        order=86,
        unit=ngettext_lazy("%(n)s API-sleutel", "%(n)s API-sleutels", "n"),
    )
    register_kind(
        "accounts.log",
        label=_("Wat je deed in Leerkring"),
        help_text=_("Het logboek: wat er gebeurde en wanneer."),
        export=export_log,
        erase=erase_log,
        covers=("accounts.AuditEntry.actor",),
        order=90,
    )
    register_kind(
        "accounts.views",
        label=_("Wie je gegevens bekeek"),
        help_text=_("Trainers en medewerkers die jouw gegevens bekeken."),
        export=export_views,
        erase=lambda user: 0,  # erased with the log above (same rows)
        order=91,
        unit=ngettext_lazy("%(n)s keer", "%(n)s keer", "n"),
    )
    register_kind(
        "notifications.outbox",
        label=_("E-mails die we je stuurden"),
        help_text=_("Alleen het onderwerp en wanneer."),
        export=export_outbox,
        erase=erase_outbox,
        order=80,
        unit=ngettext_lazy("%(n)s e-mail", "%(n)s e-mails", "n"),
    )
    register_kind(
        "accounts.exports",
        label=_("Downloads die je maakte"),
        export=export_jobs,
        erase=erase_jobs,
        covers=("accounts.ExportJob.requester",),
        order=85,
        unit=ngettext_lazy("%(n)s download", "%(n)s downloads", "n"),
    )
    register_kind(
        "accounts.erasure_requests",
        label=_("Verzoeken om je gegevens te wissen"),
        export=export_erasure_requests,
        erase=erase_erasure_requests,
        covers=("accounts.ErasureRequest.user", "accounts.ErasureRequest.requested_by"),
        order=95,
        unit=ngettext_lazy("%(n)s verzoek", "%(n)s verzoeken", "n"),
    )
    register_retention(
        "inactive_accounts",
        label=_("Accounts die lang niet gebruikt zijn (waarschuwing, daarna wissen)"),
        default_days=3 * 365,
        count=count_inactive,
        apply=warn_inactive,
        order=20,
    )
    register_retention(
        "audit",
        label=_("Logregels"),
        default_days=7 * 365,
        count=count_audit,
        apply=delete_audit,
        order=30,
    )
