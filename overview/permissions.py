from accounts.permissions import register
from accounts.roles import is_national_staff

register("overview.view", predicate=lambda user, obj: is_national_staff(user))
