"""State changes of accounts, by sub-domain: roles, profiles and sessions (``users``), the
privacy notice and consent (``consent``), background exports (``exports``), erasure and
retention (``erasure``) and staff API tokens (``api_tokens``).

The public names are re-exported here, so ``from accounts.services import consent_give`` works.
"""

from .api_tokens import (
    API_TOKEN_MAX,
    API_TOKEN_PREFIX,
    api_token_create,
    api_token_hash,
    api_token_revoke,
    api_token_user,
)
from .consent import (
    Representative,
    consent_give,
    consent_give_many,
    consent_renew,
    consent_withdraw,
    privacy_notice_publish,
)
from .erasure import (
    erasure_execute,
    erasure_execute_due,
    erasure_grace,
    erasure_request_cancel,
    erasure_request_create,
    erasures_due,
    retention_apply,
    retention_plan,
    user_erase,
)
from .exports import (
    EXPORT_LIFETIME,
    EXPORT_STALE,
    export_job_request,
    export_job_run,
    export_jobs_expire,
    export_jobs_sweep,
)
from .users import (
    PROFILE_FIELDS,
    stored_superuser,
    user_assign_role,
    user_group_add,
    user_group_remove,
    user_groups_set,
    user_profile_update,
    user_remove_role,
    user_sessions_end_all,
    user_signup_complete,
    user_superuser_set,
)

__all__ = [
    "API_TOKEN_MAX",
    "API_TOKEN_PREFIX",
    "EXPORT_LIFETIME",
    "EXPORT_STALE",
    "PROFILE_FIELDS",
    "Representative",
    "api_token_create",
    "api_token_hash",
    "api_token_revoke",
    "api_token_user",
    "consent_give",
    "consent_give_many",
    "consent_renew",
    "consent_withdraw",
    "erasure_execute",
    "erasure_execute_due",
    "erasure_grace",
    "erasure_request_cancel",
    "erasure_request_create",
    "erasures_due",
    "export_job_request",
    "export_job_run",
    "export_jobs_expire",
    "export_jobs_sweep",
    "privacy_notice_publish",
    "retention_apply",
    "retention_plan",
    "stored_superuser",
    "user_assign_role",
    "user_erase",
    "user_group_add",
    "user_group_remove",
    "user_groups_set",
    "user_profile_update",
    "user_remove_role",
    "user_sessions_end_all",
    "user_signup_complete",
    "user_superuser_set",
]
