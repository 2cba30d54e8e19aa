"""Bearer-token authentication for staff scripts on the JSON API (django-ninja).

``Authorization: Bearer lk_...`` with a key made on the profile page. Endpoints that accept it
list it next to the session log-in, so a browser and a script reach the same figures; the key
only ever stands for one active national staff member (see ``services.api_token_user``).
"""

from ninja.security import HttpBearer

from .services import api_token_user


class StaffTokenAuth(HttpBearer):
    openapi_description = "A staff API key, made and revoked on /mijn/api-sleutels/."

    def authenticate(self, request, token):
        return api_token_user(token)


staff_token_auth = StaffTokenAuth()
