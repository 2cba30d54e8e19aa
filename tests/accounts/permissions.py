from tests.permissions.matrix import (
    LOGIN,
    REDIRECT,
    ROLES,
    Case,
    everyone,
    logged_in,
    staff_only,
)

#: A background export is its requester's alone (the national staff member here): anyone else,
#: an administrator too, gets a 404.
OWNER_ONLY = {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "national_staff": 200}


def build_world(world):
    from accounts.models import ExportJob
    from accounts.services import export_job_request, export_job_run

    job = export_job_request(user=world["users"]["national_staff"], kind="trainers.pool")
    export_job_run(job_id=job.pk)
    world["export_job"] = ExportJob.objects.get(pk=job.pk)
    from accounts.services import api_token_create

    token, _raw = api_token_create(user=world["users"]["national_staff"], name="Matrix")
    world["api_token"] = token


def _job(world, suffix=""):
    return f"/mijn/exports/{world['export_job'].pk}/{suffix}"


ALL_REDIRECT = everyone(REDIRECT)
STAFF_REDIRECT = {"national_staff": REDIRECT, "superuser": REDIRECT}
WITH_MFA = {"participant": REDIRECT, "trainer": REDIRECT, "national_staff": 200, "superuser": 200}


def _person_url(rest):
    return lambda w: f"/mijn/beheer/personen/{w['users']['participant'].pk}/{rest}"


CASES = {
    # allauth: the doors in and out
    "account_login": Case("/account/login/", {**ALL_REDIRECT, "anonymous": 200}),
    "account_signup": Case("/account/signup/", {**ALL_REDIRECT, "anonymous": 200}),
    "account_logout": Case("/account/logout/", logged_in(200, anonymous=REDIRECT)),
    "account_inactive": Case("/account/inactive/", everyone(200)),
    "account_reauthenticate": Case("/account/reauthenticate/", logged_in(200)),
    "account_email": Case("/account/email/", logged_in(200)),
    "account_email_verification_sent": Case("/account/confirm-email/", everyone(200)),
    "account_confirm_email": Case("/account/confirm-email/onbekend/", everyone(200)),
    "account_change_password": Case("/account/password/change/", logged_in(200)),
    "account_set_password": Case("/account/password/set/", logged_in(REDIRECT)),
    "account_reset_password": Case("/account/password/reset/", everyone(200)),
    "account_reset_password_done": Case("/account/password/reset/done/", everyone(200)),
    "account_reset_password_from_key": Case(
        "/account/password/reset/key/1-onbekend/", everyone(200)
    ),
    "account_reset_password_from_key_done": Case(
        "/account/password/reset/key/done/", everyone(200)
    ),
    "account_confirm_login_code": Case("/account/login/code/confirm/", everyone(REDIRECT)),
    # allauth.mfa
    "mfa_index": Case("/account/2fa/", logged_in(200)),
    "mfa_authenticate": Case("/account/2fa/authenticate/", everyone(REDIRECT)),
    # Staff accounts have TOTP (fixtures); the others have nothing to re-authenticate with,
    # deactivate, or view codes of.
    "mfa_reauthenticate": Case("/account/2fa/reauthenticate/", {**WITH_MFA, "anonymous": LOGIN}),
    "mfa_activate_totp": Case("/account/2fa/totp/activate/", logged_in(REDIRECT)),
    "mfa_deactivate_totp": Case(
        "/account/2fa/totp/deactivate/",
        {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, **STAFF_REDIRECT},
    ),
    "mfa_view_recovery_codes": Case("/account/2fa/recovery-codes/", logged_in(404)),
    "mfa_generate_recovery_codes": Case(
        "/account/2fa/recovery-codes/generate/", logged_in(REDIRECT)
    ),
    "mfa_download_recovery_codes": Case("/account/2fa/recovery-codes/download/", logged_in(404)),
    # Mijn Leerkring
    "accounts:dashboard": Case("/mijn/", logged_in(200)),
    "accounts:profile_edit": Case("/mijn/profiel/", logged_in(200)),
    # Privacy: everyone's own consents, the representative path, re-consent, log out everywhere.
    "accounts:consents": Case("/mijn/toestemmingen/", logged_in(200)),
    "accounts:consent_representative": Case(
        "/mijn/toestemmingen/vertegenwoordiger/", logged_in(200)
    ),
    "accounts:reconsent": Case("/mijn/toestemmingen/nieuwe-tekst/", logged_in(200)),
    "accounts:logout_everywhere": Case("/mijn/uitloggen-overal/", logged_in(200)),
    "privacy_notice": Case("/privacy/", everyone(200)),
    # Mijn gegevens: everyone's own data only (no id in these URLs, so nobody else's).
    "accounts:my_data": Case("/mijn/gegevens/", logged_in(200)),
    "accounts:my_data_download": Case(
        "/mijn/gegevens/download/", logged_in(REDIRECT), method="post"
    ),
    "accounts:my_data_erase": Case(
        "/mijn/gegevens/wissen/", logged_in(REDIRECT), method="post", data={"confirm": "on"}
    ),
    "accounts:my_data_erase_cancel": Case(
        "/mijn/gegevens/wissen/terugdraaien/", logged_in(REDIRECT), method="post"
    ),
    # A person's data for national staff (erasure on request); 404 for everyone else.
    "accounts:person_data": Case(_person_url(""), staff_only(200)),
    "accounts:person_data_download": Case(
        _person_url("download/"), staff_only(REDIRECT), method="post"
    ),
    "accounts:person_erasure_cancel": Case(
        _person_url("terugdraaien/"), staff_only(REDIRECT), method="post"
    ),
    # Background exports: starting one is for whoever may have that kind (the pool: staff).
    "accounts:export_start": Case(
        "/mijn/exports/",
        staff_only(REDIRECT),
        method="post",
        data={"kind": "trainers.pool", "format": "csv"},
    ),
    "accounts:export_job": Case(_job, OWNER_ONLY),
    # API keys, on Mijn Leerkring for national staff; a key is its owner's alone.
    "accounts:api_tokens": Case("/mijn/api-sleutels/", staff_only(200)),
    "accounts:api_token_revoke": Case(
        lambda w: f"/mijn/api-sleutels/{w['api_token'].pk}/intrekken/",
        {**staff_only(404), "national_staff": REDIRECT},
        method="post",
    ),
    "accounts:export_job_status": Case(lambda w: _job(w, "status/"), OWNER_ONLY),
    "accounts:export_download": Case(lambda w: _job(w, "download/"), OWNER_ONLY),
    "set_language": Case("/taal/setlang/", everyone(REDIRECT)),
    # The Wagtail admin's log-in hands over to allauth's.
    "beheer_login": Case("/beheer/login/", everyone(REDIRECT)),
}
